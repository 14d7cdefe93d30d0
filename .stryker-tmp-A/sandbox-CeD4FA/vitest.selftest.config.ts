// @ts-nocheck
// The project's own tests (`npm run selftest`): unit tests of parsers and requirements, and integration
// tests against real things (sshd hosts in network namespaces, docker-registry, kube-apiserver, Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    reporters: ['default', './test/helpers/closing-line.ts'],
  },
});
