// @ts-nocheck
import base from './stryker.config.mjs';
export default { ...base, mutate: ["lib/requirements/define.ts","lib/requirements/index.ts","lib/requirements/preflight/**/*.ts","lib/registry/judge.ts"], concurrency: 2, reporters: ['json', 'clear-text', 'progress-append-only'], jsonReporter: { fileName: '/tmp/guards-mut/after-A.json' }, tempDirName: '.stryker-tmp-A' };
