// /etc/hosts and what the inventory names resolve to on the host (getent hosts): the `hosts` section.
import { blocks } from '../probe/sections.ts';
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

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

export const hostsFact: FactModule<{ etcHosts: HostFacts['etcHosts']; resolution: HostFacts['resolution'] }> = {
  steps: [
    {
      section: 'hosts',
      fn: 's_hosts',
      sh: String.raw`s_hosts() { fil /etc/hosts; echo "@resolve"; [ -n "$NAMES" ] && t getent hosts $NAMES 2>/dev/null; return 0; }`,
    },
  ],
  reads: ['hosts'],
  vars: (o) => {
    for (const n of o.resolveNames) if (!/^[A-Za-z0-9.-]+$/.test(n)) throw new Error(`refusing to resolve an unsafe name: ${JSON.stringify(n)}`);
    return [['NAMES', o.resolveNames.join(' ')]];
  },
  asks: { resolution: { path: 'value', names: (o) => o.resolveNames } },
  build: (x) => {
    const { S, resolveNames } = x;
    return {
      etcHosts: fact(S, 'hosts', (s) => {
        const f = okFiles(s).find((x) => x.path === '/etc/hosts');
        return f ? parseHostsFile(f.content) : [];
      }),
      resolution: fact(S, 'hosts', (s) => parseResolution(s.text, resolveNames)),
    };
  },
};
