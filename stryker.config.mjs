// Mutation testing of the judges (`npm run mutate`): every requirement's check and the parsers whose output
// decides a verdict, mutated one change at a time, against the fast unit tests only (vitest.unit.config.ts).
// A mutant that no test notices ("survived") is a verdict the tests do not guard. The score and the
// survivors left, with the reason each is left, are in the README ("Mutation testing").
// `npm run mutate:ci` (CI) mutates a bounded sample: see test/helpers/mutate-ci.ts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.unit.config.ts', related: false },
  mutate: ['lib/requirements/**/*.ts', 'lib/facts/**/*.ts', 'lib/kubeadm/expect.ts', 'lib/registry/judge.ts'],
  coverageAnalysis: 'perTest',
  // static mutants (module-level values: titles, remediation texts, tables) would re-run every test: ignored
  // here, and listed in the README with what guards the tables that decide verdicts (PORTS, KERNEL_TABLE, …)
  ignoreStatic: true,
  concurrency: Number(process.env.KV_MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['reports', 'bench/results', 'lab/k8s/bin', 'lab/.state', '.stryker-tmp*', 'vagrant/.vagrant'],
};
