// @ts-nocheck
// Counting, ordering and the exit code: pure functions of the results.
import type { Result, Status, Summary } from '../types.ts';

export const STATUSES: Status[] = ['error', 'fail', 'warn', 'waived', 'skip', 'pass'];

export function summarize(results: Result[]): Summary {
  const s = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, waived: 0, total: results.length } as Summary;
  for (const r of results) s[r.status]++;
  return s;
}

/** 0 when nothing fails the run; 1 for any fail or error (and warn with failOn 'warn'). Waived never fails. */
export function exitCode(results: Result[], failOn: 'error' | 'warn' = 'error'): 0 | 1 {
  const failing: Status[] = failOn === 'warn' ? ['fail', 'error', 'warn'] : ['fail', 'error'];
  return results.some((r) => failing.includes(r.status)) ? 1 : 0;
}

export function sortFailuresFirst(results: Result[]): Result[] {
  return [...results].sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || a.id.localeCompare(b.id) || a.host.localeCompare(b.host));
}
