// The registry catalogue for HOST-IMAGES: gathered once per run from the controller (not from the hosts).
import { readFileSync } from 'node:fs';
import type { Profile } from '../config/profile.ts';
import type { RegistryExtra } from '../requirements/preflight/images.ts';

export async function gatherRegistryExtra(profile: Profile): Promise<RegistryExtra> {
  if (!profile.registry.enabled) return { skip: 'the design has no private registry (profile registry: none)' };
  // The default endpoint is the documents' example address: never contact it unless the user says so.
  if ((profile.origin.registry ?? 'default') === 'default') {
    return { skip: "registry.endpoint is the documents' example (default profile): set registry.endpoint in your profile to check the images" };
  }
  const [{ gatherRegistry, registryAuthFromEnv }, { requiredImages }, { judgeImages }] = await Promise.all([
    import('../registry/client.ts'),
    import('../registry/images.ts'),
    import('../registry/judge.ts'),
  ]);
  let required;
  try {
    required = requiredImages(profile);
  } catch (e) {
    return { error: (e as Error).message };
  }
  let caPem: string | undefined;
  if (profile.registry.caFile) {
    try {
      caPem = readFileSync(profile.registry.caFile, 'utf8');
    } catch (e) {
      return { error: `cannot read registry.caFile ${profile.registry.caFile}: ${(e as NodeJS.ErrnoException).code ?? e}` };
    }
  }
  const facts = await gatherRegistry({
    endpoint: profile.registry.endpoint,
    images: required,
    auth: registryAuthFromEnv(),
    caPem,
    insecureSkipVerify: profile.registry.insecureSkipVerify,
    concurrency: 8,
  });
  return { judged: judgeImages(facts, required) };
}
