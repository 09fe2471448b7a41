// Wallet recovery phrases (BIP-39): 12, 15, 18, 21 or 24 words from a fixed list of 2,048.
// The list comes from @scure/bip39 (audited, maintained), never retyped here. Ordinary prose
// almost never strings twelve of these words together (the list has no "the", "a", "is", "of",
// "and", "to"), so any run of twelve or more list words is taken for a phrase, whatever its
// length, case or separators: a phrase with a word more or less, or pasted as a numbered list,
// is still one.
import { wordlist } from '@scure/bip39/wordlists/english.js';

const WORDS = new Set(wordlist);

/** The shortest phrase BIP-39 defines. */
export const MIN_MNEMONIC_WORDS = 12;

/**
 * What may sit between two words of one phrase: spaces and line breaks, list punctuation,
 * quotes, and numbering ("1. legal 2. winner", "1) legal", "#3 legal").
 */
const BETWEEN_WORDS = /^(?:[\s,;|/"'`*\-–—_.:()[\]{}#]|\\[nrt]|\d{1,2}(?![\d]))*$/;
// A word may follow a literal "\n" (text escaped twice), whose n is not part of it.
const WORD = /(?<=\\[nrt])[A-Za-z]+|(?<!\\)[A-Za-z]+/g;

export function isMnemonicWord(word: string): boolean {
  return WORDS.has(word.toLowerCase());
}

/** Replaces every run of at least twelve list words, from its first letter to its last. */
export function redactMnemonicRuns(text: string, replacement: string): string {
  const spans: Array<[number, number]> = [];
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const close = (): void => {
    if (count >= MIN_MNEMONIC_WORDS) spans.push([runStart, runEnd]);
    count = 0;
  };
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    // A word glued to digits or letters of another script ("abc123") is not a list word.
    const glued = /[\p{L}\p{N}]/u.test(text.charAt(start - 1)) && !/\\[nrt]$/.test(text.slice(Math.max(0, start - 2), start));
    if (!isMnemonicWord(match[0]) || glued || /[\p{L}\p{N}]/u.test(text.charAt(end))) {
      close();
      continue;
    }
    if (count > 0 && BETWEEN_WORDS.test(text.slice(runEnd, start))) {
      runEnd = end;
      count++;
      continue;
    }
    close();
    runStart = start;
    runEnd = end;
    count = 1;
  }
  close();
  let out = text;
  for (const [start, end] of spans.reverse()) out = `${out.slice(0, start)}${replacement}${out.slice(end)}`;
  return out;
}

/** An array of strings that is a phrase one word per item (a wallet's JSON export). */
export function isMnemonicArray(value: unknown[]): boolean {
  return value.length >= MIN_MNEMONIC_WORDS && value.every((item) => typeof item === 'string' && isMnemonicWord(item.trim()));
}
