// Allure labels for the running vitest test (allure-vitest): epic = phase, feature = group, story = ID.
import * as allure from 'allure-js-commons';
import type { Result } from '../types.ts';

export async function allureLabels(r: Result): Promise<void> {
  await allure.epic(r.phase);
  await allure.feature(r.group);
  await allure.story(r.id);
  await allure.severity(r.severity === 'error' ? 'critical' : 'normal');
  await allure.parameter('host', r.host);
  await allure.description(`observed: ${r.observed}\n\nexpected: ${r.expected}${r.reason ? `\n\nreason: ${r.reason}` : ''}`);
  if (r.evidence.length) await allure.attachment('evidence', r.evidence.join('\n'), 'text/plain');
  if (r.status !== 'pass') await allure.attachment('remediation', r.remediation, 'text/plain');
}
