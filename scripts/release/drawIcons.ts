// Draws the app icon (a white "Z" on a rounded indigo square) straight into PNG files with
// node:zlib, so the icons are reproducible from this file and need no image tool:
//   npx tsc -b && node dist/scripts/release/drawIcons.js
// writes resources/icons/512x512.png and 256x256.png (electron-builder's Linux icon set; the
// 512 one is also the macOS and Windows source, which electron-builder converts).
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Which part of the unit square a point falls in: 0 outside, 1 background, 2 the letter. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const t = 0.1; // stroke thickness
  const top = y >= 0.24 && y <= 0.24 + t && x >= 0.26 && x <= 0.74;
  const bottom = y >= 0.76 - t && y <= 0.76 && x >= 0.26 && x <= 0.74;
  // The diagonal from the top bar's right end to the bottom bar's left end.
  const along = (x - 0.74) * -0.48 + (y - (0.24 + t)) * (0.76 - t - 0.24 - t);
  const len2 = 0.48 ** 2 + (0.76 - t - 0.24 - t) ** 2;
  const u = along / len2;
  const px = 0.74 - 0.48 * u;
  const py = 0.24 + t + (0.76 - t - 0.24 - t) * u;
  const diagonal = u >= -0.15 && u <= 1.15 && Math.hypot(x - px, y - py) <= t * 0.62 && y >= 0.24 && y <= 0.76;
  return top || bottom || diagonal ? 2 : 1;
}

export function drawIcon(size: number): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4;
  const background = [0x3b, 0x2f, 0x8f];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = shapeAt((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (s === 1) bg++;
          else if (s === 2) fg++;
        }
      }
      const covered = bg + fg;
      const i = (y * size + x) * 4;
      if (covered === 0) continue;
      const f = fg / covered;
      rgba[i] = Math.round((background[0] ?? 0) * (1 - f) + 255 * f);
      rgba[i + 1] = Math.round((background[1] ?? 0) * (1 - f) + 255 * f);
      rgba[i + 2] = Math.round((background[2] ?? 0) * (1 - f) + 255 * f);
      rgba[i + 3] = Math.round((covered / (ss * ss)) * 255);
    }
  }
  return encodePng(size, rgba);
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const out = path.resolve('resources', 'icons');
  mkdirSync(out, { recursive: true });
  for (const size of [512, 256]) {
    const file = path.join(out, `${size}x${size}.png`);
    writeFileSync(file, drawIcon(size));
    process.stdout.write(`wrote ${file}\n`);
  }
}
