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

/** `name\taddr names addr names` lines from `getent hosts` in the probe. */
export function parseResolution(text: string): Record<string, string[]> {
  const b = blocks(text);
  const out: Record<string, string[]> = {};
  for (const line of (b.resolve ?? '').split('\n')) {
    const [name, rest = ''] = line.split('\t');
    if (!name) continue;
    const addrs: string[] = [];
    for (const seg of rest.trim().split(/\s+/)) if (/^[0-9a-fA-F:.]+$/.test(seg) && /[.:]/.test(seg)) addrs.push(seg);
    out[name] = [...new Set(addrs)];
  }
  return out;
}
