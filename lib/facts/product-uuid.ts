// The SMBIOS product_uuid (/sys/class/dmi/id/product_uuid): the `product_uuid` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export const productUuidFact: FactModule<{ productUuid: HostFacts['productUuid'] }> = {
  steps: [
    {
      section: 'product_uuid',
      fn: 's_uuid',
      sh: String.raw`s_uuid() { if [ -r /sys/class/dmi/id/product_uuid ]; then cat /sys/class/dmi/id/product_uuid; elif [ -e /sys/class/dmi/id/product_uuid ]; then echo "@unreadable"; return 4; else echo "@absent"; return 3; fi; }`,
    },
  ],
  reads: ['product_uuid'],
  build: (x) => {
    const { S } = x;
    return {
      productUuid: fact(
        S,
        'product_uuid',
        (s) => {
          const t = s.text.trim();
          if (s.rc === 3) throw new Error('/sys/class/dmi/id/product_uuid does not exist on this host (no DMI)');
          if (s.rc === 4) throw new Error('/sys/class/dmi/id/product_uuid is not readable (needs root: set sudo: true)');
          if (!/^[0-9a-fA-F-]{32,36}$/.test(t)) throw new Error(`unexpected product_uuid ${JSON.stringify(t.slice(0, 60))}`);
          return t.toLowerCase();
        },
        { allowRc: [3, 4] },
      ),
    };
  },
};
