// Binary byte units, and bytes written the way people read them. The profile keeps raw bytes;
// only what is shown to a person goes through formatBytes.
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  const units: [number, string][] = [
    [1024 * GiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const value = abs / size;
      return `${sign}${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${name}`;
    }
  }
  return `${sign}${abs} B`;
}
