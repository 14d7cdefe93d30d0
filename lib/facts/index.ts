// Every fact module, in the order the probe runs their sections. A fact the probe collects is one entry here;
// lib/probe/script.ts makes the probe from these and lib/probe/facts.ts the facts.
import { binariesFact } from './binaries.ts';
import { containerdFact } from './containerd.ts';
import { cpusFact } from './cpus.ts';
import { criFact } from './cri.ts';
import { crioFact } from './crio.ts';
import { dockerFact } from './docker.ts';
import type { FactModule } from './fact.ts';
import { fstabFact } from './fstab.ts';
import { hostnameFact } from './hostname.ts';
import { hostsFact } from './hosts.ts';
import { kubeletFact } from './kubelet.ts';
import { kversionsFact } from './kversions.ts';
import { listenFact } from './listen.ts';
import { meminfoFact } from './meminfo.ts';
import { metaFact } from './meta.ts';
import { modulesFact } from './modules.ts';
import { netFact } from './net.ts';
import { nodeHealthFact } from './node-health.ts';
import { osReleaseFact } from './os-release.ts';
import { packagesFact } from './packages.ts';
import { productUuidFact } from './product-uuid.ts';
import { registryFact } from './registry.ts';
import { selinuxFact } from './selinux.ts';
import { servicesFact } from './services.ts';
import { swapsFact } from './swaps.ts';
import { sysctlFact } from './sysctl.ts';
import { timesyncFact } from './timesync.ts';

export const FACT_MODULES = [
  metaFact,
  osReleaseFact,
  cpusFact,
  meminfoFact,
  swapsFact,
  fstabFact,
  selinuxFact,
  packagesFact,
  servicesFact,
  hostnameFact,
  netFact,
  productUuidFact,
  hostsFact,
  modulesFact,
  sysctlFact,
  containerdFact,
  dockerFact,
  crioFact,
  criFact,
  listenFact,
  timesyncFact,
  registryFact,
  binariesFact,
  kubeletFact,
  kversionsFact,
  nodeHealthFact,
] as const satisfies readonly FactModule<object>[];
