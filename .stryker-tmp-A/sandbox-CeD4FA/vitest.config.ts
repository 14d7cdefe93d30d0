// @ts-nocheck
// The verifier's own suites (suites/). `npm test` starts vitest through bin/kubeadm-verify.js, which
// gathers the facts first; the project's self-tests use vitest.selftest.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    pool: 'threads',
    isolate: false,
    testTimeout: 30_000,
  },
});
