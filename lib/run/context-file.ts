// The gathered facts travel from the CLI to the vitest suites in one JSON file (mode 0600, secrets already
// scrubbed at parse time). It doubles as the run's evidence bundle.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Profile } from '../config/profile.ts';
import type { RunContext } from '../requirements/define.ts';
import type { Phase } from '../types.ts';

export interface RunFile {
  version: 1;
  startedAt: string;
  phases: Phase[];
  ctx: RunContext;
}

export const CONTEXT_ENV = 'KV_CONTEXT';

export function writeRunFile(path: string, run: RunFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(run), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readRunFile(path = process.env[CONTEXT_ENV]): RunFile {
  if (!path) throw new Error(`${CONTEXT_ENV} is not set: run the suites through "npm test" (bin/kubeadm-verify.ts), which gathers the facts first`);
  const run = JSON.parse(readFileSync(path, 'utf8')) as RunFile;
  if (run.version !== 1) throw new Error(`${path}: unsupported run file version ${run.version}`);
  return run;
}

export type { Profile };
