// HOST-IMAGES' verdict from the gathered registry facts: pure.
import type { Verdict } from '../types.ts';
import type { RegistryFacts } from './client.ts';
import type { RequiredImage } from './images.ts';

export function judgeImages(facts: RegistryFacts, required: RequiredImage[]): Verdict {
  const expected = `all ${required.length} images in ${facts.endpoint}`;
  if (!facts.reachable) return { status: 'error', observed: 'registry not reachable', expected, evidence: [], reason: `${facts.endpoint}: ${facts.error}` };
  const evidence: string[] = [];
  const missing: RequiredImage[] = [];
  const errors: string[] = [];
  for (const img of required) {
    const r = facts.repos[img.repo];
    if (!r || !r.ok) {
      errors.push(`${img.repo}: ${r?.error ?? 'not asked'}`);
      evidence.push(`error    ${img.ref} (${r?.error ?? 'not asked'})`);
    } else if (r.tags?.includes(img.tag)) evidence.push(`present  ${img.ref}`);
    else {
      missing.push(img);
      evidence.push(`MISSING  ${img.ref}  (${img.why})`);
    }
  }
  if (errors.length) return { status: 'error', observed: `${errors.length} repositories could not be read`, expected, evidence, reason: errors.join('; ') };
  if (!missing.length) return { status: 'pass', observed: `${required.length} of ${required.length} images present`, expected, evidence };
  const remediation = missing
    .map(
      (m) =>
        `ctr -n k8s.io images pull <upstream of ${m.repo.split('/').pop()}:${m.tag}> && ctr -n k8s.io images tag <upstream> ${m.ref} && ctr -n k8s.io images push ${m.ref}   # or docker pull/tag/push`,
    )
    .join('\n');
  return {
    status: 'fail',
    observed: `${required.length - missing.length} of ${required.length} images present; missing: ${missing.map((m) => m.ref).join(', ')}`,
    expected,
    evidence,
    remediation,
  };
}
