import { blocks } from '../probe/sections.ts';

export interface HostsEntry {
  line: number;
  address: string;
  names: string[];
}

export function parseHostsFile(text: string): HostsEntry[] {
  const out: HostsEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/#.*/, '').trim();
    if (!t) return;
    const [address, ...names] = t.split(/\s+/);
    if (address && names.length) out.push({ line: i + 1, address, names });
  });
  return out;
}

/**
 * `getent hosts name1 name2 …` output (one call for every inventory name): `address name aliases…` lines.
 * A name resolves to the addresses of the lines that carry it; names on no line do not resolve.
 */
export function parseResolution(text: string, names: string[]): Record<string, string[]> {
  const b = blocks(text);
  const out: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, [] as string[]]));
  for (const line of (b.resolve ?? '').split('\n')) {
    const [addr, ...aliases] = line.trim().split(/\s+/);
    if (!addr || !/^[0-9a-fA-F:.]+$/.test(addr) || !/[.:]/.test(addr)) continue;
    for (const n of aliases) if (out[n] && !out[n]!.includes(addr)) out[n]!.push(addr);
  }
  return out;
}
