// /etc/fstab entries (HOST-SWAP-FSTAB): the `fstab` section.
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
export interface FstabEntry {
  line: number;
  text: string;
  spec: string;
  file: string;
  type: string;
  options: string;
}

/** Non-comment fstab entries, with their line numbers. */
export function parseFstab(text: string): FstabEntry[] {
  const out: FstabEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t || t.startsWith('#')) return;
    const [spec = '', file = '', type = '', options = ''] = t.split(/\s+/);
    out.push({ line: i + 1, text: t, spec, file, type, options });
  });
  return out;
}

export function isSwapEntry(e: FstabEntry): boolean {
  return e.type === 'swap' || e.file === 'swap';
}

export const fstabFact: FactModule<{ fstab: HostFacts['fstab'] }> = {
  steps: [{ section: 'fstab', fn: 's_fstab', sh: String.raw`s_fstab() { fil /etc/fstab; }` }],
  reads: ['fstab'],
  build: (x) => {
    const { S } = x;
    return {
      fstab: fact(S, 'fstab', (s) => {
        const f = okFiles(s).find((x) => x.path === '/etc/fstab');
        return f ? parseFstab(f.content) : [];
      }),
    };
  },
};
