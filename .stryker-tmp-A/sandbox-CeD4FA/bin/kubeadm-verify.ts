#!/usr/bin/env node
// @ts-nocheck
// Entry point of `npm test -- …` (see lib/cli/main.ts).
import { main } from '../lib/cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // interrupted (130/143): the partial report is written; suites or sockets still winding down must not hold the exit
    if (code === 130 || code === 143) process.exit(code);
  },
  (e: NodeJS.ErrnoException) => {
    // the machine refused something (a full disk, a file that vanished): one line, exit 2; anything else is a bug
    if (e?.code && e.syscall) process.stderr.write(`kubeadm-verify: ${e.message}\n`);
    else process.stderr.write(`kubeadm-verify: internal error: ${e?.stack ?? e?.message ?? String(e)}\n`);
    process.exitCode = e?.code && e.syscall ? 2 : 1;
  },
);
