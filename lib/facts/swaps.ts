// Active swap: /proc/swaps, the `swaps` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export interface SwapEntry {
  filename: string;
  type: string;
  sizeKiB: number;
}

export function parseSwaps(text: string): SwapEntry[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines.length || !/^Filename\s+Type/.test(lines[0]!)) throw new Error('unexpected /proc/swaps format (no header line)');
  return lines.slice(1).map((l) => {
    const [filename, type, size] = l.trim().split(/\s+/);
    if (!filename || !type || !/^\d+$/.test(size ?? '')) throw new Error(`unexpected /proc/swaps line: ${l.slice(0, 120)}`);
    return { filename, type, sizeKiB: Number(size) };
  });
}

export const swapsFact: FactModule<{ swaps: HostFacts['swaps'] }> = {
  steps: [{ section: 'swaps', fn: 's_swaps', sh: String.raw`s_swaps() { cat /proc/swaps; }` }],
  reads: ['swaps'],
  build: (x) => {
    const { S } = x;
    return {
      swaps: fact(S, 'swaps', (s) => parseSwaps(s.text)),
    };
  },
};
