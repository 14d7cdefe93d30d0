// @ts-nocheck
import base from './stryker.config.mjs';
export default { ...base, mutate: ["lib/requirements/postinstall/**/*.ts"], concurrency: 2, reporters: ['json', 'clear-text', 'progress-append-only'], jsonReporter: { fileName: '/tmp/guards-mut/after-B.json' }, tempDirName: '.stryker-tmp-B' };
