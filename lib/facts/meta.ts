// The probe user, the kernel (uname -srm) and PATH: the `meta` section.
import { fact, okf, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { keyValues } from '../probe/sections.ts';

export const metaFact: FactModule<{ meta: HostFacts['meta']; kernel: HostFacts['kernel'] }> = {
  steps: [{ section: 'meta', fn: 's_meta', sh: String.raw`s_meta() { echo "uid=$(id -u 2>/dev/null)"; echo "uname=$(uname -srm)"; echo "path=$PATH"; }` }],
  reads: ['meta'],
  build: (x) => {
    const { S } = x;
    const meta = fact(S, 'meta', (s) => {
      const kv = keyValues(s.text);
      const [kernelName = '', release = '', machine = ''] = (kv.uname ?? '').split(' ');
      if (!release) throw new Error('no uname line');
      return { uid: Number(kv.uid ?? NaN), kernelName, path: kv.path ?? '', release, machine };
    });
    return {
      meta: meta.ok ? okf({ uid: meta.value.uid, kernelName: meta.value.kernelName, path: meta.value.path }) : meta,
      kernel: meta.ok ? okf({ release: meta.value.release, machine: meta.value.machine }) : meta,
    };
  },
};
