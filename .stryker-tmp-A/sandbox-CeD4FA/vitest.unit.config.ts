// @ts-nocheck
// The fast unit tests: pure parsers and judges on recorded and seeded facts — no lab, no network, no child
// process. What `npm run mutate` runs against every mutant. The fuzzing of test/unit/property.test.ts (seconds
// per run, /bin/sh) is left to the selftest.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/property.test.ts'],
    pool: 'threads',
    isolate: false, // pure functions: no test leaves state behind, and a mutant run re-imports nothing
    testTimeout: 60_000,
  },
});
