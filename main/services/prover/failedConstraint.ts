// Which input a failed constraint is about. circom's witness code names the template and the
// source line of a failed assert or `===` ("Error in template PoseidonPreimage_71 line: 14");
// the circuit's own source, where it ships beside the wasm (bundled circuits: <id>/circuit.circom),
// says what that line reads and which of the main template's input signals it uses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface FailedConstraint {
  line: number;
  /** The source line, trimmed: `hash === hasher.out;`. */
  text: string;
  /** The main template's input signals named on that line (array inputs by their name). */
  inputs: string[];
}

const frame = /Error in template ([A-Za-z_$][\w$]*?)_\d+ line: (\d+)/g;

function mainTemplateName(source: string): string | null {
  return /component\s+main\b[^=]*=\s*([A-Za-z_$][\w$]*)\s*\(/.exec(source)?.[1] ?? null;
}

/** The main template's body: from its `template Name(` to the next template or the main component. */
function templateBody(source: string, name: string): string {
  const start = source.search(new RegExp(`template\\s+${name}\\s*\\(`));
  if (start < 0) return '';
  const rest = source.slice(start + 1);
  const end = rest.search(/\btemplate\s+[A-Za-z_$]|\bcomponent\s+main\b/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The failed line in the main template, from the witness error and the circuit's source; null when either cannot tell. */
export function failedConstraint(reason: string, source: string): FailedConstraint | null {
  const main = mainTemplateName(source);
  if (!main) return null;
  const inMain = [...reason.matchAll(frame)].find((m) => m[1] === main);
  if (!inMain) return null;
  const line = Number(inMain[2]);
  const text = source.split('\n')[line - 1]?.trim();
  if (!text) return null;
  const declared = [...templateBody(source, main).matchAll(/signal\s+input\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1] as string);
  const inputs = declared.filter((name) => new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text));
  return { line, text, inputs };
}

/** The circuit's source beside its build folder (bundled circuits) or its wasm, if it ships one. */
export async function readCircuitSource(wasmPath: string): Promise<string | null> {
  const dir = path.dirname(wasmPath);
  for (const candidate of [path.join(dir, '..', 'circuit.circom'), path.join(dir, 'circuit.circom')]) {
    try {
      return await readFile(candidate, 'utf8');
    } catch {
      // Not there: a package or bare files may ship no source.
    }
  }
  return null;
}

/** The sentence for the user: which check failed and which input to look at. */
export function failedConstraintMessage(failed: FailedConstraint): string {
  const which = failed.inputs.length === 0 ? '' : failed.inputs.length === 1 ? ` Check the input "${failed.inputs[0]}".` : ` Check the inputs ${failed.inputs.map((n) => `"${n}"`).join(', ')}.`;
  return `The input does not satisfy the circuit: the check on line ${failed.line} of the circuit (${failed.text}) failed.${which}`;
}
