// Turns the catalogue into vitest tests: one test per (requirement ID, target), named "<ID> [<target>]".
// The test body is the pure judge; its Result rides on the test's meta to our reporter. Waivers are applied
// afterwards, once, by runVerification (lib/run/verify.ts); every report is written from those results.
import { openSync, writeSync } from 'node:fs';
import { describe, test } from 'vitest';
import { evaluate } from '../requirements/define.ts';
import { requirements } from '../requirements/index.ts';
import type { Phase, Result } from '../types.ts';
import { readRunFile, RESULTS_ENV } from './context-file.ts';
import { memTrace } from './memtrace.ts';
import { collectGarbage } from './gc.ts';

declare module 'vitest' {
  interface TaskMeta {
    kvResult?: Result;
    /** the Result went to the run's results file (RESULTS_ENV) */
    kvWritten?: boolean;
  }
}

export function defineSuite(phase: Phase): void {
  memTrace('worker, before reading the facts');
  const run = readRunFile();
  collectGarbage();
  memTrace('worker, facts read');
  if (!run.phases.includes(phase)) return;
  const sink = process.env[RESULTS_ENV] ? openSync(process.env[RESULTS_ENV]!, 'a', 0o600) : undefined;
  describe(phase, () => {
    for (const req of requirements(phase)) {
      if (run.selection?.only && !run.selection.only.includes(req.id)) continue;
      const skipReason = run.selection?.skipped[req.id];
      const targets = req.targets(run.ctx);
      for (const target of targets) {
        test(`${req.id} [${target}]`, async (tc) => {
          const r = evaluate(req, run.ctx, target, { skipReason });
          if (sink === undefined) tc.task.meta.kvResult = r;
          else {
            writeSync(sink, `${JSON.stringify(r)}\n`);
            tc.task.meta.kvWritten = true;
          }
          if (r.status === 'skip') tc.skip(r.reason ?? 'not applicable');
          if (r.status === 'fail' || r.status === 'error') {
            const e = new Error(
              r.status === 'error' ? `ERROR ${r.id} [${r.host}]: ${r.reason}` : `${r.id} [${r.host}]: observed ${r.observed}; expected ${r.expected}`,
            );
            e.stack = e.message;
            if (r.status === 'fail') e.name = 'AssertionError';
            throw e;
          }
          if (r.status === 'warn') tc.annotate(`WARN: ${r.observed}`, r.status);
        });
      }
    }
  });
}
