// Runs the real CLI (`node bin/kubeadm-verify.js …`) as a child process and reads its results.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../lib/types.ts';
import { assertValidResults } from './schema.ts';

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
  // every results.json a test run writes follows the published schema
  if (results) assertValidResults(results, file);
  return { code, stdout, stderr, ms: Date.now() - started, reportDir, results };
}

/** `expect` block of a scenario: ID → { host or "*": status }, with `default`. */
export type Expectations = Record<string, Record<string, string> | string>;

export function expectedStatus(exp: Expectations, id: string, host: string): string {
  const byId = exp[id];
  if (byId && typeof byId === 'object') return byId[host] ?? (exp.default as string); // "*" is the fleet/cluster target, not a wildcard
  return (exp.default as string) ?? 'pass';
}

/**
 * Everything wrong with a run against a scenario's expectations, as readable lines (empty = all as expected):
 * - a verdict that differs from the expected one;
 * - an expectation that matches nothing: an (ID, host) the run has no result for, or an ID with no host (`{}`);
 * - a result that appears twice for the same (ID, host);
 * - with `ids`: an ID of the catalogue the run produced no result for.
 */
export function mismatches(results: ResultsFile, exp: Expectations, opts: { ids?: string[] } = {}): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  for (const r of results.results) seen.set(`${r.id} [${r.host}]`, (seen.get(`${r.id} [${r.host}]`) ?? 0) + 1);
  for (const [k, n] of seen) if (n > 1) out.push(`${k}: ${n} results for one (ID, host)`);
  for (const r of results.results) {
    const want = expectedStatus(exp, r.id, r.host);
    if (r.status !== want) out.push(`${r.id} [${r.host}]: got ${r.status}, want ${want} — ${r.observed}${r.reason ? ` (${r.reason})` : ''}`);
  }
  for (const [id, byHost] of Object.entries(exp)) {
    if (id === 'default') continue;
    if (typeof byHost !== 'object' || !Object.keys(byHost).length) {
      out.push(`${id}: expectation ${JSON.stringify(byHost)} names no host (it matches nothing)`);
      continue;
    }
    for (const [host, want] of Object.entries(byHost))
      if (!seen.has(`${id} [${host}]`)) out.push(`${id} [${host}]: expected ${want}, but the run has no such result`);
  }
  for (const id of opts.ids ?? []) if (!results.results.some((r) => r.id === id)) out.push(`${id}: no result at all`);
  return out;
}
