// SIGINT / SIGTERM through the CLI and runVerification, without the lab: the first signal writes the partial
// report and exits 130 / 143 within 2 s (lib/run/interrupt.ts), during the probe and during judging.
// Stand-ins: the hung host is a TCP server on 127.0.0.1 that accepts and never speaks (a hung sshd); the judged
// host is this machine through the local transport (read-only probe). The CLI, vitest and the signals are real.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../lib/types.ts';
import { ROOT } from '../helpers/run-cli.ts';

interface Stopped {
  code: number | null;
  latencyMs: number;
  stderr: string;
  report?: ResultsFile;
}

/** Starts the CLI, sends `sig` once `ready(stderr)` says so, and measures from the signal to the exit. */
async function stopWhen(args: string[], sig: 'SIGINT' | 'SIGTERM', ready: (stderr: string) => boolean): Promise<Stopped> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-intr-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), ...args, '--report-dir', dir], {
    cwd: ROOT,
    env: { ...process.env, KV_ALLURE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const closed = new Promise<number | null>((r) => child.on('close', r));
  child.stderr.on('data', (b) => (stderr += b));
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`never ready: ${stderr}`)), 60_000);
    const poll = setInterval(() => {
      if (!ready(stderr)) return;
      clearInterval(poll);
      clearTimeout(t);
      res();
    }, 20);
  });
  const started = performance.now();
  child.kill(sig);
  const code = await closed;
  const latencyMs = Math.round(performance.now() - started);
  process.stderr.write(`[interrupt-cli] ${sig}: exit ${code} ${latencyMs} ms after the signal\n`);
  const file = join(dir, 'results.json');
  return { code, latencyMs, stderr, report: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : undefined };
}

describe('interrupted CLI runs (no lab)', () => {
  // a hung sshd: accepts, never sends its banner; counts the connections it holds
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server?.close(r));
  });

  it('SIGINT during the probe of a hung host: exit 130 within 2 s, the host an error saying it was interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-intr-inv-'));
    const inv = join(dir, 'inventory.yaml');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
    writeFileSync(
      inv,
      `hosts:\n  - name: hung\n    address: 127.0.0.1\n    port: ${port}\n    roles: [worker]\n    identityFile: ${join(dir, 'key')}\n    connectTimeoutSeconds: 60\n`,
    );
    // in the probe: the CLI's connection to the hung host is open (its handshake waits for a banner)
    const r = await stopWhen(['--inventory', inv], 'SIGINT', () => sockets.size > 0);
    expect(r.code, r.stderr).toBe(130);
    expect(r.latencyMs).toBeLessThan(2_000);
    expect(r.report?.interrupted).toEqual({ signal: 'SIGINT', during: 'probe' });
    expect(r.report?.hosts[0]).toMatchObject({ name: 'hung', reachable: false, error: expect.stringMatching(/interrupted/) });
    expect(r.stderr).toMatch(/interrupted by SIGINT during probe: the report is partial \(0 verdict\(s\)\)/);
  });

  it('SIGTERM once this machine is probed (registry gathering or judging): exit 143 within 2 s, a partial report', async () => {
    const r = await stopWhen([], 'SIGTERM', (e) => /probed 1\/1 host\(s\)/.test(e));
    expect(r.code, r.stderr).toBe(143);
    expect(r.latencyMs).toBeLessThan(2_000);
    expect(r.report?.interrupted?.signal).toBe('SIGTERM');
    expect(['judging', 'registry and cluster gathering']).toContain(r.report?.interrupted?.during);
    expect(r.report?.hosts[0]).toMatchObject({ transport: 'local', reachable: true });
  });
});
