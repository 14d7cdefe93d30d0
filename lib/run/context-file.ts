// The gathered facts travel from the CLI to the vitest suites in one JSON file. The suites judge the facts as
// the hosts sent them — never a redacted copy (redaction is for outputs: a pattern that eats a non-secret line
// would change a verdict). So there are two files:
// - the worker's input: unredacted, mode 0600 in a private 0700 temp directory, removed when the run ends; it
//   also carries the secret values registered during gathering, so the worker's outputs are scrubbed of them too;
// - <report-dir>/.run/context.json: the run's evidence bundle, every string scrubbed as it is written.
// Both are written as a stream (one array element at a time), never as one string of the whole run.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Profile } from '../config/profile.ts';
import { makeDirs } from '../dirs.ts';
import { registerSecret, registeredSecrets, scrub } from '../redact.ts';
import type { RunContext } from '../requirements/define.ts';
import type { Selection } from '../requirements/select.ts';
import type { Phase } from '../types.ts';

export interface RunFile {
  version: 1;
  startedAt: string;
  phases: Phase[];
  ctx: RunContext;
  /** --check / --skip: which requirements run, which are reported as skipped on request */
  selection?: Selection;
  /** worker input only: the secret values to scrub from the worker's outputs */
  secrets?: string[];
}

export const CONTEXT_ENV = 'KV_CONTEXT';
/** The file the suites append each verdict to (one JSON line); without it a verdict rides on its test's meta. */
export const RESULTS_ENV = 'KV_RESULTS_FILE';

/** Writes `value` as JSON to `path` (mode 0600) without building the whole text: objects are walked, each array
 * element is serialized on its own. `str` maps every string value (not keys) on the way out. */
export function writeJsonFile(path: string, value: unknown, str?: (s: string) => string): void {
  const fd = openSync(path, 'w', 0o600);
  let buf = '';
  const out = (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  const replacer = str ? (_k: string, x: unknown) => (typeof x === 'string' ? str(x) : x) : undefined;
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: () => unknown }).toJSON();
    if (Array.isArray(v)) {
      out('[');
      v.forEach((x, i) => {
        if (i) out(',');
        out(JSON.stringify(x, replacer) ?? 'null');
      });
      out(']');
    } else if (v && typeof v === 'object') {
      out('{');
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        out(`${first ? '' : ','}${JSON.stringify(k)}:`);
        first = false;
        walk(x);
      }
      out('}');
    } else {
      out(JSON.stringify(v, replacer) ?? 'null');
    }
  };
  try {
    walk(value);
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/** The evidence bundle: every string scrubbed. */
export function writeRunFile(path: string, run: RunFile): void {
  makeDirs(dirname(path), 0o700);
  writeJsonFile(path, run, scrub);
}

/** The worker's input: the facts as gathered, in a private directory removed at exit. Returns its path. */
export function writeWorkerInput(run: RunFile): { path: string; results: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeadm-verify-'));
  const path = join(dir, 'facts.json');
  // the verdicts come back the same way: one JSON line each, read by the CLI (lib/run/collector.ts)
  const results = join(dir, 'results.jsonl');
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', remove);
  };
  process.on('exit', remove);
  try {
    writeJsonFile(path, { ...run, secrets: registeredSecrets() });
  } catch (e) {
    remove();
    throw e;
  }
  return { path, results, remove };
}

export function readRunFile(path = process.env[CONTEXT_ENV]): RunFile {
  if (!path) throw new Error(`${CONTEXT_ENV} is not set: run the suites through "npm test" (bin/kubeadm-verify.ts), which gathers the facts first`);
  const run = JSON.parse(readFileSync(path, 'utf8')) as RunFile;
  if (run.version !== 1) throw new Error(`${path}: unsupported run file version ${run.version}`);
  for (const s of run.secrets ?? []) registerSecret(s);
  delete run.secrets;
  return run;
}

export type { Profile };
