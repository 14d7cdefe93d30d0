// SIGINT and SIGTERM during connect, probe and judging: the run stops, closes its connections, writes the
// partial report from what it knows and exits 130 / 143 within 2 s (measured from the signal to the exit);
// a second signal exits at once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labUp, type LabHandle } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { ROOT } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root; CI runs as root');
const d = isRoot ? describe : describe.skip;
const HANG = '/usr/local/bin/chronyc'; // the probe asks chronyc (under `timeout 5`): this one takes its time

interface Stopped {
  code: number | null;
  latencyMs: number;
  stderr: string;
  report?: { hosts: { name: string; reachable: boolean; error?: string }[]; results: unknown[]; interrupted?: { signal: string; during: string } };
}

d('signals', () => {
  let lab: LabHandle;
  let inv: { defaults: Record<string, unknown>; hosts: Record<string, unknown>[] };
  const measured: string[] = [];
  beforeAll(async () => {
    const ref = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml')).hosts.find((h) => h.name === 'master')!;
    lab = await labUp({
      id: 'sg',
      hosts: [
        { ...ref, name: 'good', roles: ['worker'] },
        { ...ref, name: 'hung', roles: ['worker'], ssh: 'silent' },
        { ...ref, name: 'slow', roles: ['worker'], files: { ...ref.files, [HANG]: '#!/bin/sh\nsleep 30\n' } },
      ],
    });
    inv = parse(readFileSync(lab.inventoryPath, 'utf8'));
  }, 120_000);
  afterAll(async () => {
    process.stderr.write(`[signals] exit latency: ${measured.join('; ')}\n`);
    await lab?.down();
  });

  /** Starts the CLI on `hosts`, waits until `ready` says so, sends `sig` (twice when asked), measures the exit. */
  async function stopDuring(name: string, hosts: number[], sig: 'SIGINT' | 'SIGTERM', ready: (stderr: string) => boolean, opts: { twice?: boolean } = {}): Promise<Stopped> {
    const p = join(lab.dir, `${name}.yaml`);
    writeFileSync(p, stringify({ ...inv, defaults: { ...inv.defaults, connectTimeoutSeconds: 60 }, hosts: hosts.map((i) => inv.hosts[i]) }));
    const dir = join(lab.dir, `report-${name}`);
    const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', p, '--report-dir', dir], { cwd: ROOT, env: { ...process.env, KV_ALLURE: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const closed = new Promise<number | null>((r) => child.on('close', r));
    await new Promise<void>((res, rej) => {
      const t = setTimeout(() => rej(new Error(`never ready: ${stderr}`)), 60_000);
      const poll = setInterval(() => {
        if (ready(stderr)) {
          clearInterval(poll);
          clearTimeout(t);
          res();
        }
      }, 20);
      child.stderr!.on('data', (b) => (stderr += b));
    });
    const started = performance.now();
    child.kill(sig);
    if (opts.twice) setTimeout(() => child.kill(sig), 50);
    const code = await closed;
    const latencyMs = Math.round(performance.now() - started);
    measured.push(`${name} ${sig}${opts.twice ? '×2' : ''}: ${latencyMs} ms`);
    const file = join(dir, 'results.json');
    return { code, latencyMs, stderr, report: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined };
  }
  const inProbe = () => spawnSync('pgrep', ['-f', `/bin/sh ${HANG}`]).status === 0;

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    const code = sig === 'SIGINT' ? 130 : 143;
    it(`${sig} during connect (a hung sshd): exit ${code} within 2 s, the good host's probe kept, the hung one an error`, async () => {
      const r = await stopDuring(`connect-${sig}`, [0, 1], sig, (e) => /\[good\] done/.test(e));
      expect(r.code).toBe(code);
      expect(r.latencyMs).toBeLessThan(2_000);
      expect(r.report?.interrupted).toEqual({ signal: sig, during: 'probe' });
      expect(r.report?.hosts.find((h) => h.name === 'good')?.reachable).toBe(true);
      expect(r.report?.hosts.find((h) => h.name === 'hung')?.error).toMatch(/interrupted/);
    });
    it(`${sig} during a probe that is still running: exit ${code} within 2 s, the probe's host an error`, async () => {
      const r = await stopDuring(`probe-${sig}`, [2], sig, inProbe);
      expect(r.code).toBe(code);
      expect(r.latencyMs).toBeLessThan(2_000);
      expect(r.report?.interrupted).toEqual({ signal: sig, during: 'probe' });
      expect(r.report?.hosts[0]).toMatchObject({ name: 'slow', reachable: false, error: expect.stringMatching(/interrupted/) });
      // the session is gone; what it had started on the host ends by the probe's own per-step deadline (timeout 5)
      const t0 = Date.now();
      while (inProbe() && Date.now() - t0 < 8_000) await new Promise((res) => setTimeout(res, 100));
      expect(inProbe()).toBe(false);
    });
    it(`${sig} while judging: exit ${code} within 2 s, no suite left running`, async () => {
      const r = await stopDuring(`judge-${sig}`, [0], sig, (e) => /probed 1\/1 host/.test(e));
      expect(r.code).toBe(code);
      expect(r.latencyMs).toBeLessThan(2_000);
      expect(r.report?.interrupted?.signal).toBe(sig);
      expect(['judging', 'registry and cluster gathering']).toContain(r.report?.interrupted?.during);
    });
  }

  it('a second SIGINT exits at once', async () => {
    const r = await stopDuring('twice', [0, 1], 'SIGINT', (e) => /\[good\] done/.test(e), { twice: true });
    expect(r.code).toBe(130);
    expect(r.latencyMs).toBeLessThan(1_000);
  });
});
