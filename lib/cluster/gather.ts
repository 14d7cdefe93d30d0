// Placeholder until the post-install snapshot lands (issue 3): the postinstall phase reports that it
// could not gather anything, as `error`, never as a pass.
import type { InventoryHost } from '../config/inventory.ts';
import type { Profile } from '../config/profile.ts';

export interface GatherClusterOptions {
  kubeconfig?: string;
  profile: Profile;
  inventory: InventoryHost[];
  dataplane: boolean;
  dataplaneImage?: string;
  signal?: AbortSignal;
}

export async function gatherCluster(_o: GatherClusterOptions): Promise<Record<string, unknown>> {
  return { error: 'post-install checks are not available in this build' };
}
