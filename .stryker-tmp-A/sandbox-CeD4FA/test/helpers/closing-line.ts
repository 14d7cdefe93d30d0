// @ts-nocheck
// Prints the plain closing line CI logs are read for: "N passed, N failed, N skipped".
// Loud skips: in CI (CI=true) a skipped test fails the run — it is counted as failed and named — unless it is on
// SKIP_ALLOW_LIST below, each entry with its reason; the allowed skips are printed before the closing line.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** Tests that may skip in CI, and why. Keep it short: every entry is a check CI does not make. */
export const SKIP_ALLOW_LIST: { file: string; test: RegExp; reason: string }[] = [];

export default class ClosingLine implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const loud: string[] = [];
    const allowed: string[] = [];
    for (const m of modules) {
      const file = relative(process.cwd(), m.moduleId);
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else {
          skipped++;
          const ok = SKIP_ALLOW_LIST.find((a) => a.file === file && a.test.test(t.fullName));
          if (ok) allowed.push(`  ${file} > ${t.fullName}: ${ok.reason}`);
          else loud.push(`  ${file} > ${t.fullName}`);
        }
      }
      if (m.state() === 'failed' && ![...m.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
    }
    if (allowed.length) process.stdout.write(`\nallowed skips (SKIP_ALLOW_LIST, test/helpers/closing-line.ts):\n${allowed.join('\n')}\n`);
    if (loud.length) {
      process.stdout.write(`\n${ci ? 'FAILED: skipped in CI and not on the allow-list' : 'skipped (CI=true would fail on these)'}:\n${loud.join('\n')}\n`);
      if (ci) {
        failed += loud.length;
        skipped -= loud.length;
        process.exitCode = 1;
      }
    }
    process.stdout.write(`\nselftest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
