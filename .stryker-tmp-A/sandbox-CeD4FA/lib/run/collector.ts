// @ts-nocheck
// A vitest reporter that collects each test's Result (carried on its meta) for results.json and the exit code.
import type { Reporter, TestCase } from 'vitest/node';
import type { Result } from '../types.ts';

export class ResultCollector implements Reporter {
  readonly results: Result[] = [];
  readonly problems: string[] = [];

  onTestCaseResult(tc: TestCase): void {
    const r = tc.meta().kvResult;
    if (r) {
      this.results.push({ ...r, durationMs: r.durationMs || Math.round(tc.diagnostic()?.duration ?? 0) });
      return;
    }
    // A test that ended without a verdict: our own code failed. Never let that pass silently.
    const st = tc.result();
    const m = /^(\S+) \[(.+)\]$/.exec(tc.name);
    const reason = st.state === 'failed' ? (st.errors?.[0]?.message ?? 'test failed without a verdict') : `test ended as ${st.state} without a verdict`;
    this.problems.push(`${tc.fullName}: ${reason}`);
    this.results.push({
      id: m?.[1] ?? tc.name, host: m?.[2] ?? '*', status: 'error', severity: 'error', title: tc.name,
      phase: tc.fullName.startsWith('postinstall') ? 'postinstall' : 'preflight', group: 'internal', source: '',
      observed: 'could not be evaluated', expected: '', evidence: [], remediation: 'Report this as a bug in kubeadm-verify.', reason, durationMs: 0,
    });
  }

  onTestRunEnd(_modules: unknown, errors: ReadonlyArray<{ message?: string }>): void {
    for (const e of errors) this.problems.push(`unhandled error in the suites: ${e.message ?? String(e)}`);
  }
}
