// The closing-line reporter (test/helpers/closing-line.ts): in CI a skip fails the run unless it is allowed.
// Stand-ins: the test modules handed to the reporter are plain objects shaped like vitest's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import ClosingLine, { SKIP_ALLOW_LIST } from '../helpers/closing-line.ts';

const mod = (file: string, tests: [string, string][]) =>
  ({
    moduleId: `${process.cwd()}/${file}`,
    state: () => 'passed',
    children: { allTests: () => tests.map(([fullName, state]) => ({ fullName, result: () => ({ state }) }))[Symbol.iterator]() },
  }) as unknown as TestModule;

function run(ci: string | undefined, modules: TestModule[]) {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const before = process.exitCode;
  vi.stubEnv('CI', ci ?? '');
  try {
    new ClosingLine().onTestRunEnd(modules);
    return { out, exitCode: process.exitCode };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}
afterEach(() => vi.unstubAllEnvs());

describe('loud skips', () => {
  it('outside CI a skip is counted as skipped and named', () => {
    const r = run(undefined, [
      mod('test/x.test.ts', [
        ['a', 'passed'],
        ['b', 'skipped'],
      ]),
    ]);
    expect(r.out).toContain('selftest: 1 passed, 0 failed, 1 skipped');
    expect(r.out).toContain('test/x.test.ts > b');
    expect(r.exitCode).not.toBe(1);
  });
  it('in CI a skip not on the allow-list fails the run and is named', () => {
    const r = run('true', [
      mod('test/x.test.ts', [
        ['a', 'passed'],
        ['b', 'skipped'],
      ]),
    ]);
    expect(r.out).toContain('FAILED: skipped in CI and not on the allow-list');
    expect(r.out).toContain('selftest: 1 passed, 1 failed, 0 skipped');
    expect(r.exitCode).toBe(1);
  });
  it('in CI an allowed skip is printed with its reason and does not fail', () => {
    SKIP_ALLOW_LIST.push({ file: 'test/x.test.ts', test: /^b$/, reason: 'because' });
    try {
      const r = run('true', [
        mod('test/x.test.ts', [
          ['a', 'passed'],
          ['b', 'skipped'],
        ]),
      ]);
      expect(r.out).toContain('test/x.test.ts > b: because');
      expect(r.out).toContain('selftest: 1 passed, 0 failed, 1 skipped');
      expect(r.exitCode).not.toBe(1);
    } finally {
      SKIP_ALLOW_LIST.pop();
    }
  });
});
