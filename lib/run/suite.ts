// Turns the catalogue into vitest tests: one test per (requirement ID, target), named "<ID> [<target>]".
// The test body is the pure judge; its Result rides on the test's meta to our reporter.
import { openSync, writeSync } from 'node:fs';
import { describe, test } from 'vitest';
import { applyWaivers } from '../waivers.ts';
import { evaluate } from '../requirements/define.ts';
import { requirements } from '../requirements/index.ts';
import type { Phase, Result } from '../types.ts';
import { readRunFile, RESULTS_ENV } from './context-file.ts';

declare module 'vitest' {
  interface TaskMeta {
    kvResult?: Result;
    /** the Result went to the run's results file (RESULTS_ENV) */
    kvWritten?: boolean;
  }
}

export function defineSuite(phase: Phase): void {
  const run = readRunFile();
  if (!run.phases.includes(phase)) return;
  const sink = process.env[RESULTS_ENV] ? openSync(process.env[RESULTS_ENV]!, 'a', 0o600) : undefined;
  describe(phase, () => {
    for (const req of requirements(phase)) {
      const targets = req.targets(run.ctx);
      for (const target of targets) {
        test(`${req.id} [${target}]`, async (tc) => {
          const raw = evaluate(req, run.ctx, target);
          const [result] = applyWaivers([raw], run.waivers).results;
          if (sink === undefined) tc.task.meta.kvResult = result;
          else {
            writeSync(sink, `${JSON.stringify(result)}\n`);
            tc.task.meta.kvWritten = true;
          }
          if (process.env.KV_ALLURE !== '0') {
            const { allureLabels } = await import('../report/allure.ts');
            await allureLabels(result!);
          }
          const r = result!;
          if (r.status === 'skip') tc.skip(r.reason ?? 'not applicable');
          if (r.status === 'fail' || r.status === 'error') {
            const e = new Error(r.status === 'error' ? `ERROR ${r.id} [${r.host}]: ${r.reason}` : `${r.id} [${r.host}]: observed ${r.observed}; expected ${r.expected}`);
            e.stack = e.message;
            // Allure: a requirement not met is "failed" (an assertion); one that could not be evaluated is "broken"
            if (r.status === 'fail') e.name = 'AssertionError';
            throw e;
          }
          if (r.status === 'warn' || r.status === 'waived') tc.annotate(`${r.status.toUpperCase()}: ${r.observed}${r.waiver ? ` (waived: ${r.waiver.reason})` : ''}`, r.status);
        });
      }
    }
  });
}
