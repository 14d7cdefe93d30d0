#!/usr/bin/env node
// Entry point of `npm test -- …` (see lib/cli/main.ts).
import { main } from '../lib/cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`kubeadm-verify: internal error: ${e.stack ?? e.message}\n`);
    process.exitCode = 1;
  },
);
