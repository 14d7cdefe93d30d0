// Runs the real CLI (`node bin/kubeadm-verify.js …`) as a child process and reads its results.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../lib/types.ts';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  reportDir: string;
  results?: ResultsFile;
}

export async function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; reportDir?: string } = {}): Promise<CliRun> {
  const reportDir = opts.reportDir ?? mkdtempSync(join(tmpdir(), 'kv-report-'));
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), ...args, '--report-dir', reportDir], {
    cwd: ROOT,
    env: { ...process.env, KV_ALLURE: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(timer);
  const file = join(reportDir, 'results.json');
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : undefined;
  return { code, stdout, stderr, ms: Date.now() - started, reportDir, results };
}

/** `expect` block of a scenario: ID → { host or "*": status }, with `default`. */
export type Expectations = Record<string, Record<string, string> | string>;

export function expectedStatus(exp: Expectations, id: string, host: string): string {
  const byId = exp[id];
  if (byId && typeof byId === 'object') return byId[host] ?? (exp.default as string); // "*" is the fleet/cluster target, not a wildcard
  if (typeof byId === 'string' && id !== 'default') return byId; // one status for every target of the ID
  return (exp.default as string) ?? 'pass';
}

/** Every (ID, host) verdict that differs from the scenario's expectations, as readable lines. */
export function mismatches(results: ResultsFile, exp: Expectations): string[] {
  return results.results
    .filter((r) => r.status !== expectedStatus(exp, r.id, r.host))
    .map((r) => `${r.id} [${r.host}]: got ${r.status}, want ${expectedStatus(exp, r.id, r.host)} — ${r.observed}${r.reason ? ` (${r.reason})` : ''}`);
}
