// Bounded on any input (issue 11), against real sshd lab hosts:
// - SIGINT and SIGTERM during connect, probe and judging: the run stops, closes its connections, writes the
//   partial report from what it knows and exits 130 / 143 within 2 s (measured from the signal to the exit);
//   a second signal exits at once;
// - a hostile host (a 50 MB /etc/fstab, a 1,000,000-line /etc/hosts): those facts are errors naming the file and
//   its size, the controller's peak RSS stays under 600 MB and the context file small;
// - read-only, proven by hashes: hosts with rpm (with and without a database), dpkg (with and without one) and
//   real chronyc, docker and snap CLIs (Debian's packages, no daemons), whose writable directories are hashed
//   before and after a run.
// Stand-ins: the lab's (lab/README.md "what is real and what is a stand-in"); sshd and the namespaces are real.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labSshArgs, labUp, type LabHandle } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { ROOT } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root; CI runs as root');
const d = isRoot ? describe : describe.skip;
const HANG = '/usr/local/bin/chronyc'; // the probe asks chronyc (under `timeout 5`): the "slow" host's takes its time
const WRITABLE = ['/root', '/var/lib/rpm', '/var/lib/dpkg', '/var/tmp', '/var/cache'];

/** A real tool from its Debian package: downloaded (cached under ~/.cache/kubeadm-verify/debs), never installed —
 * the lab machine runs no chronyd, dockerd or snapd, so each tool meets what an audited host without the daemon
 * gives it (chronyc: no chronyd socket; docker: no /var/run/docker.sock; snap: no /run/snapd.socket). */
function debTool(pkg: string, path: string): string {
  const have = spawnSync('sh', ['-c', `command -v ${path.split('/').at(-1)}`], { encoding: 'utf8' }).stdout.trim();
  if (have) return have;
  const dir = join(homedir(), '.cache', 'kubeadm-verify', 'debs', pkg);
  const bin = join(dir, 'x', path);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const dl = spawnSync('apt-get', ['download', pkg], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`cannot fetch Debian's ${pkg} package for a real ${path}: ${dl.stderr}`);
  spawnSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'x')]);
  if (!existsSync(bin)) throw new Error(`Debian's ${pkg} has no ${path}`);
  return bin;
}

/** Every file under the host's writable directories: path, mode, size and content hash. A sqlite -shm file is
 * the WAL index in shared memory ("no persistent content", sqlite.org/walformat.html): rpm -q on an rpm
 * database rewrites it as every reader does, so its content is left out, its existence and size are not. */
function treeHash(hostDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of WRITABLE) {
    const base = join(hostDir, 'fs', w);
    if (!existsSync(base)) continue;
    for (const e of readdirSync(base, { recursive: true, withFileTypes: true })) {
      const f = join(e.parentPath, e.name);
      const st = statSync(f);
      const content = e.isFile() && !f.endsWith('-shm') ? createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 16) : '';
      out[f.slice(hostDir.length)] = `${(st.mode & 0o7777).toString(8)} ${e.isDirectory() ? 'dir' : st.size} ${content}`;
    }
  }
  return out;
}
interface Stopped {
  code: number | null;
  latencyMs: number;
  stderr: string;
  report?: { hosts: { name: string; reachable: boolean; error?: string }[]; results: unknown[]; interrupted?: { signal: string; during: string } };
}

d('bounded', () => {
  let lab: LabHandle;
  let inv: { defaults: Record<string, unknown>; hosts: Record<string, unknown>[] };
  const measured: string[] = [];
  const HOSTS = ['good', 'hung', 'slow', 'huge', 'rpm-nodb', 'rpm-db', 'no-dpkgdb'];
  const at = (name: string) => HOSTS.indexOf(name);
  beforeAll(async () => {
    const ref = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml')).hosts.find((h) => h.name === 'master')!;
    const chronyc = debTool('chrony', '/usr/bin/chronyc');
    const tools = {
      '/usr/local/bin/chronyc': chronyc,
      '/usr/local/bin/docker': debTool('docker.io', '/usr/bin/docker'),
      '/usr/local/bin/snap': debTool('snapd', '/usr/bin/snap'),
    };
    const fstab = 'UUID=0f0f0f0f-0000-4000-8000-000000000000 /data ext4 defaults 0 2\n'.repeat(800_000); // 52.8 MB
    const hosts = `127.0.0.1 localhost\n${Array.from({ length: 1_000_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} h${i}.example`).join('\n')}\n`;
    lab = await labUp({
      id: 'bd',
      waitMs: 1_100_000,
      hosts: [
        { ...ref, name: 'good', roles: ['worker'] },
        { ...ref, name: 'hung', roles: ['worker'], ssh: 'silent' },
        { ...ref, name: 'slow', roles: ['worker'], files: { ...ref.files, [HANG]: '#!/bin/sh\nsleep 30\n' } },
        { ...ref, name: 'huge', roles: ['worker'], files: { ...ref.files, '/etc/fstab': fstab, '/etc/hosts': hosts } },
        // Debian with Debian's rpm and no rpm database: the query that created ~/.rpmdb in root's home
        { ...ref, name: 'rpm-nodb', roles: ['worker'], writable: WRITABLE, copy: tools },
        { ...ref, name: 'rpm-db', roles: ['worker'], writable: WRITABLE, rpmdb: true, copy: tools },
        { ...ref, name: 'no-dpkgdb', roles: ['worker'], writable: WRITABLE, dpkgdb: false, copy: tools },
      ],
    });
    inv = parse(readFileSync(lab.inventoryPath, 'utf8'));
  }, 1_200_000);
  afterAll(async () => {
    process.stderr.write(`[bounded] exit latency: ${measured.join('; ')}\n`);
    await lab?.down();
  });

  /** Starts the CLI on `hosts`, waits until `ready` says so, sends `sig` (twice when asked), measures the exit. */
  async function stopDuring(
    name: string,
    hosts: number[],
    sig: 'SIGINT' | 'SIGTERM',
    ready: (stderr: string) => boolean,
    opts: { twice?: boolean } = {},
  ): Promise<Stopped> {
    const p = join(lab.dir, `${name}.yaml`);
    writeFileSync(p, stringify({ ...inv, defaults: { ...inv.defaults, connectTimeoutSeconds: 60 }, hosts: hosts.map((i) => inv.hosts[i]) }));
    const dir = join(lab.dir, `report-${name}`);
    const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', p, '--report-dir', dir], {
      cwd: ROOT,
      env: { ...process.env, KV_ALLURE: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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

  /** The CLI on the named hosts under /usr/bin/time: its peak RSS, and the report it wrote. */
  function measuredRun(name: string, hostNames: string[]) {
    const p = join(lab.dir, `${name}.yaml`);
    writeFileSync(p, stringify({ ...inv, hosts: hostNames.map((n) => inv.hosts[at(n)]) }));
    const dir = join(lab.dir, `report-${name}`);
    const r = spawnSync('/usr/bin/time', ['-f', '@@RSS %M', process.execPath, join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', p, '--report-dir', dir], {
      cwd: ROOT,
      env: { ...process.env, KV_ALLURE: '0' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const rssMiB = Number(/@@RSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    const report = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
      results: { id: string; host: string; status: string; observed: string; reason?: string }[];
    };
    return { code: r.status, stderr: r.stderr, rssMiB, dir, report };
  }

  it('a hostile host (50 MB /etc/fstab, 1,000,000-line /etc/hosts): those checks are errors naming file and size, peak RSS < 600 MB, the context file small', () => {
    const r = measuredRun('huge', ['huge']);
    measured.push(`huge host: peak RSS ${r.rssMiB.toFixed(0)} MiB`);
    const get = (id: string) => r.report.results.find((x) => x.id === id && x.host === 'huge')!;
    expect(get('HOST-SWAP-FSTAB')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/\/etc\/fstab is 50\.4 MiB \(52800000 bytes\): more than the 4\.0 MiB a host may send per file/),
    });
    expect(get('HOST-HOSTS-FILE')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/\/etc\/hosts is \d+\.\d MiB \(\d+ bytes\): more than the 4\.0 MiB/),
    });
    expect(get('HOST-SWAP').status).not.toBe('error'); // the rest of the host is judged as usual
    expect(r.rssMiB).toBeLessThan(600);
    expect(statSync(join(r.dir, '.run', 'context.json')).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('read-only, proven by hashes: rpm with and without a database, dpkg with and without one, real chronyc, docker and snap CLIs — nothing written', () => {
    const names = ['rpm-nodb', 'rpm-db', 'no-dpkgdb'];
    const dirs = names.map((n) => join(lab.dir, 'hosts', n));
    const before = dirs.map(treeHash);
    expect(Object.keys(before[1]!).some((f) => f.endsWith('/var/lib/rpm/rpmdb.sqlite'))).toBe(true);
    const r = measuredRun('readonly', names);
    expect(r.report.results.filter((x) => x.status === 'error' && names.includes(x.host)).map((x) => `${x.id} [${x.host}]: ${x.reason}`)).toEqual([
      expect.stringMatching(/^HOST-PACKAGES \[no-dpkgdb\]: no package database to ask: no rpm database .*no dpkg status \(\/var\/lib\/dpkg\/status\)/),
    ]);
    dirs.forEach((dir, i) => expect(treeHash(dir), names[i]).toEqual(before[i]));
    // the proof can fail: the query the probe used to make (rpm asked without a database) writes ~/.rpmdb here
    const ssh = (host: string, cmd: string) =>
      spawnSync('ssh', [...labSshArgs(lab, (inv.hosts[at(host)] as { address: string }).address), cmd], { encoding: 'utf8', timeout: 30_000 });
    ssh('rpm-nodb', 'rpm -q rpm');
    expect(Object.keys(treeHash(dirs[0]!)).filter((f) => !(f in before[0]!))).toEqual(expect.arrayContaining([expect.stringMatching(/\/root\/\.rpmdb/)]));
  });
});
