// npm run bench [-- --sizes 10,50,100 --peers testinfra,ansible --api 1000x10000 [--fake-api] --install]
// Brings up lab fleets of real sshd hosts and measures the full preflight by kubeadm-verify, then the same
// checks by pytest-testinfra and Ansible on the same hosts; optionally the post-install snapshot of a seeded
// real kube-apiserver beside `kubectl get`. Writes bench/results/<date>.json and prints a Markdown table.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { argv } from 'node:process';
import { labSshArgs, labUp } from '../lab/lab.ts';
import { loadScenario } from '../lab/scenario.ts';
import type { ResultsFile } from '../lib/types.ts';
import { sampleTree, type TreeRss } from './tree-rss.ts';

const ROOT = join(import.meta.dirname, '..');
const flag = (n: string, d: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1]! : d;
};
const sizes = flag('sizes', '10,50,100').split(',').filter(Boolean).map(Number);
const peers = flag('peers', 'testinfra,ansible').split(',').filter(Boolean);
const api = flag('api', '');
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

// What the bench runs, checked before anything starts: one line naming what is missing (and the Debian packages
// that bring it); `--install` installs them with apt-get.
const NEEDS: { what: string; test: string; pkg: string; when: boolean }[] = [
  { what: 'sshd', test: 'command -v sshd || test -x /usr/sbin/sshd', pkg: 'openssh-server', when: sizes.length > 0 },
  { what: 'ssh', test: 'command -v ssh', pkg: 'openssh-client', when: sizes.length > 0 },
  { what: 'ip', test: 'command -v ip', pkg: 'iproute2', when: sizes.length > 0 },
  { what: 'socat', test: 'command -v socat', pkg: 'socat', when: sizes.length > 0 },
  { what: 'openssl', test: 'command -v openssl', pkg: 'openssl', when: sizes.length > 0 },
  { what: 'htpasswd', test: 'command -v htpasswd', pkg: 'apache2-utils', when: sizes.length > 0 },
  { what: 'docker-registry', test: 'command -v docker-registry', pkg: 'docker-registry', when: sizes.length > 0 },
  { what: '/usr/bin/time', test: 'test -x /usr/bin/time', pkg: 'time', when: true },
  {
    what: 'pytest-testinfra',
    test: '/usr/bin/python3 -c "import testinfra, xdist"',
    pkg: 'python3-testinfra python3-pytest-xdist',
    when: sizes.length > 0 && peers.includes('testinfra'),
  },
  { what: 'ansible-playbook', test: 'command -v ansible-playbook', pkg: 'ansible-core', when: sizes.length > 0 && peers.includes('ansible') },
  { what: 'kubectl', test: 'command -v kubectl', pkg: 'kubernetes-client', when: !!api },
];
{
  const missing = NEEDS.filter((n) => n.when && spawnSync('sh', ['-c', `${n.test} >/dev/null 2>&1`]).status !== 0);
  if (missing.length) {
    const pkgs = [...new Set(missing.flatMap((m) => m.pkg.split(' ')))].join(' ');
    if (!argv.includes('--install')) {
      process.stderr.write(`[bench] missing: ${missing.map((m) => m.what).join(', ')} — install: apt-get install -y ${pkgs} (or npm run bench -- --install)\n`);
      process.exit(2);
    }
    log(`installing ${pkgs}`);
    const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) {
      process.stderr.write(`[bench] apt-get install ${pkgs} failed (exit ${r.status})\n`);
      process.exit(2);
    }
  }
}

interface Timed {
  ms: number;
  /** user + system CPU of the command (not of the lab hosts) */
  cpuMs: number;
  maxRssKiB: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** with opts.tree: the whole process tree's peak (bench/tree-rss.ts) */
  tree?: TreeRss;
}

/** Runs a command under /usr/bin/time for wall time and peak RSS (of the command and its children's max). */
function timed(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; tree?: boolean } = {}): Promise<Timed> {
  return new Promise((res) => {
    const started = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '@@TIME %M %U %S', cmd, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tree = opts.tree && p.pid ? sampleTree(p.pid) : undefined;
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 900_000);
    p.on('close', (code) => {
      clearTimeout(t);
      const m = /@@TIME (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      res({
        ms: performance.now() - started,
        maxRssKiB: Number(m?.[1] ?? 0),
        cpuMs: Math.round((Number(m?.[2] ?? 0) + Number(m?.[3] ?? 0)) * 1000),
        code,
        stdout,
        stderr,
        tree: tree?.stop(),
      });
    });
  });
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** The physical floor: the probe kubeadm-verify sends, run by OpenSSH's `ssh` on every host (`parallel` at once). */
async function floor(
  lab: Awaited<ReturnType<typeof labUp>>,
  parallel: number,
): Promise<{ wallMs: number; parallel: number; failed: number; loadAvg: number[] }> {
  const { probeScript } = await import('../lib/probe/script.ts');
  const { shellCommand } = await import('../lib/transport/command.ts');
  const { defaultProfile } = await import('../lib/config/profile.ts');
  const names = lab.hosts.map((h) => h.name);
  const cmd = shellCommand(
    probeScript({ nonce: 'benchfloor1', resolveNames: names, registry: { host: defaultProfile().registry.name.split(':')[0]!, port: 443 } }),
  );
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < lab.hosts.length) {
        const h = lab.hosts[next++]!;
        const code = await new Promise<number | null>((res) => {
          const p = spawn('ssh', [...labSshArgs(lab, h.address), cmd], { stdio: ['ignore', 'pipe', 'ignore'] });
          let done = false;
          p.stdout.on('data', (b: Buffer) => (done ||= b.includes('@@KVbenchfloor1 done@@')));
          p.on('close', (c) => res(done ? c : (c ?? 1) || 1));
        });
        if (code !== 0) failed++;
      }
    }),
  );
  return { wallMs: Math.round(performance.now() - started), parallel, failed, loadAvg: loadavg().map((x) => Math.round(x * 10) / 10) };
}

async function preflightFleet(n: number) {
  const sc = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
  const ref = sc.hosts.find((h) => h.name === 'master')!;
  const names = Array.from({ length: n }, (_, i) => (i === 0 ? 'master' : `node-${String(i).padStart(4, '0')}`));
  const hostsFile = `127.0.0.1 localhost\n10.200.0.3 harbor\n${names.map((nm, i) => `10.200.${1 + Math.floor(i / 250)}.${(i % 250) + 1} ${nm}`).join('\n')}\n`;
  const started = performance.now();
  const { requiredImages } = await import('../lib/registry/images.ts');
  const { defaultProfile } = await import('../lib/config/profile.ts');
  const images = requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`);
  const lab = await labUp({
    id: `b${n}`,
    registry: { images },
    hosts: names.map((name, i) => ({
      ...structuredClone(ref),
      name,
      roles: [i === 0 ? 'control-plane' : 'worker'],
      files: { ...ref.files, '/etc/hostname': `${name}\n`, '/etc/hosts': hostsFile },
    })),
  });
  const labMs = performance.now() - started;
  log(`lab of ${n} hosts up in ${fmt(labMs)}`);
  const row: Record<string, unknown> = { hosts: n, labUpMs: Math.round(labMs) };
  try {
    const dir = mkdtempSync(join(tmpdir(), 'kv-bench-'));
    const profile = join(lab.dir, 'profile.yaml');
    writeFileSync(profile, `registry: { name: "harbor:443", endpoint: "https://10.200.0.3:443", caFile: "${lab.registry!.caPath}" }\n`);
    // the default configuration, as `npm test` runs it (Allure results included)
    const ours = await timed(
      process.execPath,
      [join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', lab.inventoryPath, '--profile', profile, '--report-dir', dir],
      { env: { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile } },
    );
    // the floor: the same probe text over plain OpenSSH, up to 100 connections at once, in the same run
    const fl = await floor(lab, Math.min(100, n));
    const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
    const probe = r.hosts.map((h) => h.probeMs ?? 0).sort((a, b) => a - b);
    row.kubeadmVerify = {
      wallMs: Math.round(ours.ms),
      controllerCpuMs: ours.cpuMs,
      peakRssKiB: ours.maxRssKiB,
      results: r.results.length,
      unreachable: r.hosts.filter((h) => !h.reachable).length,
      perHostMs: Math.round(ours.ms / n),
      probeMsMedian: probe[Math.floor(probe.length / 2)],
      probeMsMax: probe.at(-1),
      roundTripsPerHost: Math.max(...r.hosts.map((h) => h.roundTrips ?? 0)),
      connectionsPerHost: 1,
      gatherMs: Number(/probed \d+\/\d+ host\(s\) in (\d+) ms/.exec(ours.stderr)?.[1] ?? 0),
      exit: ours.code,
    };
    row.floor = fl;
    log(
      `kubeadm-verify: ${n} hosts in ${fmt(ours.ms)}, peak RSS ${Math.round(ours.maxRssKiB / 1024)} MiB; OpenSSH floor ${fmt(fl.wallMs)} (×${(ours.ms / fl.wallMs).toFixed(2)})${fl.failed ? `, ${fl.failed} ssh failed` : ''}`,
    );
    const hostList = lab.hosts.map((h) => h.address);
    if (peers.includes('testinfra')) {
      const cfg = join(lab.dir, 'ssh_config');
      writeFileSync(
        cfg,
        `Host *\n  User root\n  IdentityFile ${lab.identityFile}\n  UserKnownHostsFile ${lab.knownHostsPath}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`,
      );
      const ti = await timed(
        '/usr/bin/python3',
        [
          '-m',
          'pytest',
          '-q',
          '-p',
          'no:cacheprovider',
          `--hosts=${hostList.map((a) => `ssh://${a}`).join(',')}`,
          `--ssh-config=${cfg}`,
          '-n',
          '4',
          join(ROOT, 'bench/peers/test_preflight.py'),
        ],
        { cwd: lab.dir },
      );
      const tests = /(\d+) passed/.exec(ti.stdout)?.[1];
      const failed = /(\d+) failed/.exec(ti.stdout)?.[1];
      row.testinfra = { wallMs: Math.round(ti.ms), peakRssKiB: ti.maxRssKiB, passed: Number(tests ?? 0), failed: Number(failed ?? 0), exit: ti.code };
      log(`testinfra (-n 4): ${fmt(ti.ms)} (${tests ?? 0} passed, ${failed ?? 0} failed)`);
    }
    if (peers.includes('ansible')) {
      const inv = join(lab.dir, 'inventory.ini');
      writeFileSync(
        inv,
        `[all]\n${hostList.join('\n')}\n[all:vars]\nansible_user=root\nansible_ssh_private_key_file=${lab.identityFile}\nansible_ssh_common_args=-o UserKnownHostsFile=${lab.knownHostsPath} -o StrictHostKeyChecking=yes\nansible_python_interpreter=/usr/bin/python3\nansible_remote_tmp=/tmp/.kv-ansible-remote\n`,
      );
      const an = await timed('ansible-playbook', ['-i', inv, '-f', '32', join(ROOT, 'bench/peers/playbook.yml')], {
        cwd: lab.dir,
        env: { ANSIBLE_HOST_KEY_CHECKING: 'True', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(lab.dir, '.ansible-tmp') },
      });
      const recap = an.stdout.split('PLAY RECAP')[1] ?? '';
      row.ansible = {
        wallMs: Math.round(an.ms),
        peakRssKiB: an.maxRssKiB,
        exit: an.code,
        failedHosts: (recap.match(/failed=[1-9]/g) ?? []).length,
        unreachableHosts: (recap.match(/unreachable=[1-9]/g) ?? []).length,
      };
      if (an.code !== 0)
        log(
          `ansible FAILED (exit ${an.code}): ${an.stdout
            .split('\n')
            .filter((l) => /fatal|UNREACHABLE|ERROR/.test(l))
            .slice(0, 3)
            .join(' | ')}`,
        );
      log(`ansible (-f 32): ${fmt(an.ms)} (exit ${an.code})`);
    }
  } finally {
    await lab.down();
  }
  return row;
}

async function apiBench(nodes: number, pods: number) {
  // --fake-api: the stand-in kube-apiserver of bench/fake-api.ts (same list JSON, no hour of seeding)
  const fake = argv.includes('--fake-api') ? await (await import('./fake-api.ts')).startFakeApi({ nodes, pods }) : undefined;
  const { startControlPlane } = await import('../lab/k8s/controlplane.ts');
  const { seedScale } = await import('./seed-scale.ts');
  const dir = mkdtempSync(join(tmpdir(), 'kv-apibench-'));
  const cp = fake ? { adminKubeconfig: fake.kubeconfig, stop: fake.close } : await startControlPlane({ dir });
  try {
    const t = performance.now();
    if (!fake) await seedScale(cp.adminKubeconfig, nodes, pods);
    log(`${fake ? 'stand-in API serving' : 'seeded'} ${nodes} nodes / ${pods} pods in ${fmt(performance.now() - t)}`);
    const out = mkdtempSync(join(tmpdir(), 'kv-apibench-r-'));
    const loadBefore = loadavg()[0]!;
    const ours = await timed(
      process.execPath,
      [
        join(ROOT, 'bin/kubeadm-verify.js'),
        '--phase',
        'postinstall',
        '--kubeconfig',
        cp.adminKubeconfig,
        '--inventory',
        join(ROOT, 'bench/api-inventory.yaml'),
        '--report-dir',
        out,
      ],
      { tree: true },
    );
    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
    const load = [loadBefore, loadavg()[0]!].map((x) => Math.round(x * 10) / 10);
    // peak RSS: the largest process (/usr/bin/time) and the whole tree (sum over its processes, sampled)
    const tree = ours.tree
      ? {
          treePeakKiB: ours.tree.treePeakKiB,
          samples: ours.tree.samples,
          processes: ours.tree.processes.filter((x) => x.hwmKiB > 1024).map((x) => ({ comm: x.comm, args: x.args, hwmKiB: x.hwmKiB })),
        }
      : undefined;
    log(
      `kubeadm-verify: ${fmt(ours.ms)}, exit ${ours.code}, peak RSS ${Math.round(ours.maxRssKiB / 1024)} MiB (largest process), ${tree ? Math.round(tree.treePeakKiB / 1024) : '?'} MiB (tree), ${r.results.length} verdicts, load average ${load.join(' → ')}`,
    );
    for (const x of tree?.processes ?? []) log(`  ${Math.round(x.hwmKiB / 1024)} MiB VmHWM  ${x.comm}  ${x.args}`);
    log(
      ours.stderr
        .split('\n')
        .filter((l) => l.startsWith('[kubeadm-verify]'))
        .join('\n'),
    );
    // kubectl needs the discovery endpoints the stand-in does not serve: no kubectl figure with --fake-api
    if (fake)
      return {
        nodes,
        pods,
        api: 'bench/fake-api.ts',
        allure: process.env.KV_ALLURE !== '0',
        loadAverage: load,
        kubeadmVerify: { wallMs: Math.round(ours.ms), exit: ours.code, peakRssKiB: ours.maxRssKiB, tree, results: r.results.length },
      };
    const kubectl = await timed('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'get', 'pods', '-A', '-o', 'json'], {});
    const kubectlNodes = await timed('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'get', 'nodes', '-o', 'json'], {});
    return {
      nodes,
      pods,
      api: fake ? 'bench/fake-api.ts' : 'kube-apiserver',
      kubeadmVerify: { wallMs: Math.round(ours.ms), peakRssKiB: ours.maxRssKiB, results: r.results.length },
      kubectlGetPodsJson: { wallMs: Math.round(kubectl.ms), peakRssKiB: kubectl.maxRssKiB, bytes: kubectl.stdout.length },
      kubectlGetNodesJson: { wallMs: Math.round(kubectlNodes.ms), peakRssKiB: kubectlNodes.maxRssKiB },
    };
  } finally {
    await cp.stop();
  }
}

const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
  },
  preflight: [] as unknown[],
};
for (const n of sizes) (report.preflight as unknown[]).push(await preflightFleet(n));
if (api) {
  const [nodes, pods] = api.split('x').map(Number);
  report.api = await apiBench(nodes!, pods!);
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', `${report.date as string}`.slice(0, 19).replace(/:/g, '-') + '.json');
writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
const rows = (report.preflight as Record<string, any>[]).map((r) => {
  const ours = r.kubeadmVerify;
  const ti = r.testinfra;
  const an = r.ansible;
  // a peer that did not do the job (non-zero exit, failed or unreachable hosts on identical reference hosts) gets no ratio
  const peer = (x: any, bad: string | undefined) =>
    !x ? '—' : bad ? `${fmt(x.wallMs)} FAILED (${bad})` : `${fmt(x.wallMs)} (×${(x.wallMs / ours.wallMs).toFixed(1)})`;
  const tiBad = ti && (ti.exit !== 0 || ti.failed) ? `exit ${ti.exit}, ${ti.failed} failed` : undefined;
  const anBad =
    an && (an.exit !== 0 || an.failedHosts || an.unreachableHosts)
      ? `exit ${an.exit}, ${an.failedHosts} failed, ${an.unreachableHosts ?? 0} unreachable hosts`
      : undefined;
  const fl = r.floor;
  return `| ${r.hosts} | ${fmt(ours.wallMs)}${ours.exit === 0 || ours.exit === 1 ? '' : ` (exit ${ours.exit})`} | ${fl ? `${fmt(fl.wallMs)}${fl.failed ? ` (${fl.failed} failed)` : ''}` : '—'} | ${fl ? `×${(ours.wallMs / fl.wallMs).toFixed(2)}` : '—'} | ${ours.probeMsMedian} / ${ours.probeMsMax} ms | ${Math.round(ours.peakRssKiB / 1024)} MiB | ${ours.roundTripsPerHost} | ${peer(ti, tiBad)} | ${peer(an, anBad)} | ${fl ? fl.loadAvg.join(' ') : ''} |`;
});
process.stdout.write(
  `\n| hosts | kubeadm-verify wall (default: Allure on) | OpenSSH floor (same probe, ≤100 parallel ssh) | ratio | probe median / max | peak RSS | round trips/host | testinfra -n 4 | ansible -f 32 | load avg after |\n|---|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
if (report.api) process.stdout.write(`\nAPI: ${JSON.stringify(report.api)}\n`);
process.stdout.write(`\nresults: ${file}\n`);
void existsSync;
