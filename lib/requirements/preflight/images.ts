// HOST-IMAGES: every image the cluster needs is in the private registry. The registry catalogue is
// gathered once per run by lib/run/gather-registry.ts (ctx.extra.registry); this judge only reads it.
import type { Verdict } from '../../types.ts';
import { fleetRequirement, verdict, type Requirement } from '../define.ts';
import { nothingToDo } from '../advice.ts';

export interface RegistryExtra {
  /** set when the catalogue could not be gathered at all (no registry configured, unknown version...) */
  skip?: string;
  error?: string;
  judged?: Verdict;
}

export const imageRequirements: Requirement[] = [
  fleetRequirement({
    id: 'HOST-IMAGES',
    title: 'Every image kubeadm and the CNI need is in the private registry',
    phase: 'preflight',
    group: 'registry',
    severity: 'error',
    source: '000 (六)(九)',
    remediation: ({ profile }) => {
      if (!profile.registry.enabled) return nothingToDo('the design has no private registry (profile registry: none)');
      const to = `${profile.imageRepository}/<name>:<tag>`;
      const cni = profile.cni.imageRepository ? ` (the CNI's into ${profile.cni.imageRepository})` : '';
      return `Push the missing images: docker pull <upstream image>; docker tag <upstream image> ${to}; docker push ${to}${cni}`;
    },
    check: (ctx) => {
      const r = ctx.extra.registry as RegistryExtra | undefined;
      if (!r) return verdict.error('the registry catalogue was not gathered');
      if (r.skip) return verdict.skip(r.skip);
      if (r.error) return verdict.error(r.error);
      return r.judged ?? verdict.error('no verdict');
    },
  }),
];
