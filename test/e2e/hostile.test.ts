// Hostile hosts and bad input (issue 5): sudo users, a jump host, the read-only guarantee proven with strace,
// SIGINT mid-run, and a planted sudo password that must appear nowhere.
// Stand-ins (lab/README.md "what is real and what is a stand-in"): stand-in daemons (sleep/socat under the real
// names), the dpkg status database, /proc/swaps, /proc/meminfo, /sys/module, /sys/class/dmi product_uuid, non-net
// sysctls, version-printing scripts in /usr/local/bin; sshd, the network namespaces, net.* sysctls and ports are real.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labSshArgs, labUp, type LabHandle } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { probeScript } from '../../lib/probe/script.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root; CI runs as root');
const d = isRoot ? describe : describe.skip;
const SUDO_PW = 'Sudo-Pa55-PLANTED';
let etcBefore = '';

d('hostile hosts', () => {
  let lab: LabHandle;
  let inv: { defaults: Record<string, unknown>; hosts: Record<string, unknown>[] };
  /** /etc as the bastion host itself sees it (through whatever mounts the lab uses): every file's path, size, mtime and sha256 */
  const hostEtc = () => {
    const r = spawnSync(
      'ssh',
      [...labSshArgs(lab, '10.200.1.1'), "find /etc -type f -printf '%p %s %T@\\n' | sort; find /etc -type f -exec sha256sum {} + | sort"],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const write = (name: string, o: unknown) => {
    const p = join(lab.dir, name);
    writeFileSync(p, stringify(o));
    return p;
  };
  beforeAll(async () => {
    const ref = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml')).hosts.find((h) => h.name === 'master')!;
    const users = [
      { name: 'ops', sudo: 'nopasswd' as const },
      { name: 'ops2', sudo: 'password' as const, password: SUDO_PW },
      { name: 'nobody2', sudo: false as const },
    ];
    lab = await labUp({
      id: 'hx',
      hosts: [
        { ...ref, name: 'bastion', roles: ['worker'], users },
        { ...ref, name: 'inner', roles: ['worker'], users, sshFrom: ['10.200.1.1'] }, // only the bastion may connect
        { ...ref, name: 'hung', roles: ['worker'], ssh: 'silent' },
      ],
    });
    inv = parse(readFileSync(lab.inventoryPath, 'utf8'));
    etcBefore = hostEtc();
  }, 60_000);
  afterAll(async () => {
    await lab?.down();
  });

  it('a non-root user with NOPASSWD sudo: the probe runs through sudo -n and sees root-only files', async () => {
    const p = write('sudo-nopasswd.yaml', { ...inv, hosts: [{ ...inv.hosts[0], user: 'ops', sudo: true }] });
    const run = await runCli(['--inventory', p]);
    const r = run.results!;
    expect(r.hosts[0]).toMatchObject({ reachable: true, roundTrips: 1 });
    expect(r.results.find((x) => x.id === 'HOST-UNIQUE-UUID')).toBeDefined();
    expect(r.results.filter((x) => x.status === 'error').map((x) => `${x.id}: ${x.reason}`)).toEqual([]);
  });

  it('a user whose sudo needs a password: a clear error without KV_SUDO_PASSWORD; works with it; the password is never printed', async () => {
    const p = write('sudo-password.yaml', { ...inv, hosts: [{ ...inv.hosts[0], user: 'ops2', sudo: true }] });
    const without = await runCli(['--inventory', p]);
    expect(without.results!.hosts[0]!.error).toMatch(/sudo -n needs a password.*KV_SUDO_PASSWORD/);
    const withPw = await runCli(['--inventory', p], { env: { KV_SUDO_PASSWORD: SUDO_PW } });
    expect(withPw.results!.hosts[0]).toMatchObject({ reachable: true });
    const wrong = await runCli(['--inventory', p], { env: { KV_SUDO_PASSWORD: 'wrong-one-PLANTED' } });
    expect(wrong.results!.hosts[0]!.reachable).toBe(false);
    for (const run of [without, withPw, wrong]) {
      const files = ['results.json', 'junit.xml', 'report.html', '.run/context.json'].map((f) => readFileSync(join(run.reportDir, f), 'utf8')).join('');
      for (const secret of [SUDO_PW, 'wrong-one-PLANTED']) {
        expect(files).not.toContain(secret);
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  });

  it('a user without sudo rights: sudo refused is an error naming why', async () => {
    const p = write('sudo-none.yaml', { ...inv, hosts: [{ ...inv.hosts[0], user: 'nobody2', sudo: true }] });
    const run = await runCli(['--inventory', p]);
    expect(run.results!.hosts[0]!.error).toMatch(/sudo/);
  });

  it('a host reachable only through a jump host (ProxyJump via ssh2 forwardOut)', async () => {
    const direct = write('inner-direct.yaml', { ...inv, hosts: [inv.hosts[1]] });
    const d1 = await runCli(['--inventory', direct]);
    expect(d1.results!.hosts[0]!.reachable).toBe(false); // sshd refuses anyone but the bastion
    const jumped = write('inner-jump.yaml', { ...inv, hosts: [inv.hosts[0], { ...inv.hosts[1], jumpHost: 'bastion' }] });
    const d2 = await runCli(['--inventory', jumped, '--host', 'inner']);
    expect(d2.results!.hosts.find((h) => h.name === 'inner')).toMatchObject({ reachable: true, roundTrips: 1 });
  });

  it('SIGINT mid-run: connections close, a partial report is written, hosts not finished are errors, exit 130', async () => {
    const p = write('hung.yaml', { ...inv, defaults: { ...inv.defaults, connectTimeoutSeconds: 60 }, hosts: [inv.hosts[0], inv.hosts[2]] });
    const dir = join(lab.dir, 'sigint-report');
    const child = spawn(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', p, '--report-dir', dir], {
      cwd: ROOT,
      env: { ...process.env, KV_ALLURE: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // interrupt once the good host is done and the hung one is still in its handshake
    await new Promise<void>((res) => {
      let err = '';
      const t = setTimeout(res, 20_000);
      child.stderr!.on('data', (b) => {
        err += b;
        if (/\[bastion\] done/.test(err)) {
          clearTimeout(t);
          setTimeout(res, 300);
        }
      });
    });
    const started = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(code).toBe(130);
    const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(r.hosts.find((h: { name: string }) => h.name === 'hung').error).toMatch(/interrupted/);
    expect(r.hosts.find((h: { name: string }) => h.name === 'bastion').reachable).toBe(true);
  });

  it('read-only: the probe opens no file for writing and creates, renames or removes nothing (strace)', () => {
    const script = probeScript({ nonce: 'straceprobe1', resolveNames: ['localhost'], registry: { host: 'localhost', port: 1 }, postinstall: true });
    const out = join(lab.dir, 'strace.log');
    const r = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-o',
        out,
        '-e',
        'trace=openat,open,creat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir,truncate,ftruncate,chmod,fchmodat,chown,fchownat,link,linkat,symlink,symlinkat,mknod,mknodat,utimensat',
        'sh',
        '-c',
        script,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stdout).toContain('@@KVstraceprobe1 done@@');
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    const writes = lines.filter((l) => {
      if (
        /\b(unlink|unlinkat|rename\w*|mkdir\w*|rmdir|truncate|ftruncate|chmod|fchmodat|chown|fchownat|link|linkat|symlink\w*|mknod\w*|utimensat|creat)\(/.test(
          l,
        ) &&
        !/= -1 /.test(l)
      )
        return true;
      const m = /open(?:at)?\(.*?"([^"]+)", ([A-Z_|]+)/.exec(l);
      if (!m) return false;
      const writing = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/.test(m[2]!);
      return writing && !['/dev/null', '/dev/tty'].includes(m[1]!) && !/= -1 /.test(l);
    });
    expect(writes).toEqual([]);
    expect(lines.length).toBeGreaterThan(100); // strace really saw the probe
  });

  it("the lab hosts' /etc is read-only and no host file changed during all of the above", () => {
    // compared as the host sees /etc (sizes, mtimes, hashes), from before the first test to now
    expect(etcBefore.split('\n').filter((l) => /^\/etc\/\S+ \d+ \d/.test(l)).length).toBeGreaterThan(5);
    const r = spawnSync('ssh', [...labSshArgs(lab, '10.200.1.1'), 'touch /etc/kv-write-test; touch /etc/fstab'], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/Read-only file system/);
    expect(hostEtc()).toBe(etcBefore);
  });
});
