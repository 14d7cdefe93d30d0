// @ts-nocheck
// npm run bench [-- --sizes 10,50,100 --peers testinfra,ansible --api 1000x10000]
// Brings up lab fleets of real sshd hosts and measures the full preflight by kubeadm-verify, then the same
// checks by pytest-testinfra and Ansible on the same hosts; optionally the post-install snapshot of a seeded
// real kube-apiserver beside `kubectl get`. Writes bench/results/<date>.json and prints a Markdown table.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { argv } from 'node:process';
import { labUp } from '../lab/lab.ts';
import { loadScenario } from '../lab/scenario.ts';
import type { ResultsFile } from '../lib/types.ts';

const ROOT = join(import.meta.dirname, '..');
const flag = (n: string, d: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1]! : d;
};
const sizes = flag('sizes', '10,50,100').split(',').filter(Boolean).map(Number);
const peers = flag('peers', 'testinfra,ansible').split(',').filter(Boolean);
const api = flag('api', '');
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

interface Timed {
  ms: number;
  /** user + system CPU of the command (not of the lab hosts) */
  cpuMs: number;
  maxRssKiB: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time for wall time and peak RSS (of the command and its children's max). */
function timed(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Timed> {
  return new Promise((res) => {
    const started = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '@@TIME %M %U %S', cmd, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 900_000);
    p.on('close', (code) => {
      clearTimeout(t);
      const m = /@@TIME (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      res({ ms: performance.now() - started, maxRssKiB: Number(m?.[1] ?? 0), cpuMs: Math.round((Number(m?.[2] ?? 0) + Number(m?.[3] ?? 0)) * 1000), code, stdout, stderr });
    });
  });
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

async function preflightFleet(n: number) {
  const sc = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
  const ref = sc.hosts.find((h) => h.name === 'master')!;
  const names = Array.from({ length: n }, (_, i) => (i === 0 ? 'master' : `node-${String(i).padStart(4, '0')}`));
  const hostsFile = `127.0.0.1 localhost\n10.200.0.3 harbor\n${names.map((nm, i) => `10.200.${1 + Math.floor(i / 250)}.${(i % 250) + 1} ${nm}`).join('\n')}\n`;
  const started = performance.now();
  const { requiredImages } = await import('../lib/registry/images.ts');
  const { defaultProfile } = await import('../lib/config/profile.ts');
  const images = requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`);
  const lab = await labUp({ id: `b${n}`, registry: { images }, hosts: names.map((name, i) => ({ ...structuredClone(ref), name, roles: [i === 0 ? 'control-plane' : 'worker'], files: { ...ref.files, '/etc/hostname': `${name}\n`, '/etc/hosts': hostsFile } })) });
  const labMs = performance.now() - started;
  log(`lab of ${n} hosts up in ${fmt(labMs)}`);
  const row: Record<string, unknown> = { hosts: n, labUpMs: Math.round(labMs) };
  try {
    const dir = mkdtempSync(join(tmpdir(), 'kv-bench-'));
    const profile = join(lab.dir, 'profile.yaml');
    writeFileSync(profile, `registry: { name: "harbor:443", endpoint: "https://10.200.0.3:443", caFile: "${lab.registry!.caPath}" }\n`);
    // the default configuration (every report, allure-results/ included), as `npm test` runs it
    const kvArgs = [join(ROOT, 'bin/kubeadm-verify.js'), '--inventory', lab.inventoryPath, '--profile', profile, '--concurrency', '64'];
    const kvEnv = { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile };
    const ours = await timed(process.execPath, [...kvArgs, '--report-dir', dir], { env: kvEnv });
    // the physical floor, in the same run: the same probe text over n parallel OpenSSH connections
    const floor = await opensshFloor(lab, names);
    log(`OpenSSH floor: ${n} parallel ssh running the probe in ${fmt(floor.ms)} (${floor.failed} failed)`);
    const noAllure = await timed(process.execPath, [...kvArgs, '--report-dir', mkdtempSync(join(tmpdir(), 'kv-bench-'))], { env: { ...kvEnv, KV_ALLURE: '0' } });
    log(`kubeadm-verify KV_ALLURE=0: ${n} hosts in ${fmt(noAllure.ms)}`);
    if (!existsSync(join(dir, 'results.json'))) {
      log(`kubeadm-verify FAILED (exit ${ours.code}, no results.json): ${ours.stderr.trim().split('\n').slice(-5).join(' | ')}`);
      throw new Error(`kubeadm-verify wrote no report at ${n} hosts`);
    }
    const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
    const probe = r.hosts.map((h) => h.probeMs ?? 0).sort((a, b) => a - b);
    row.kubeadmVerify = {
      wallMs: Math.round(ours.ms), controllerCpuMs: ours.cpuMs, peakRssKiB: ours.maxRssKiB, results: r.results.length, unreachable: r.hosts.filter((h) => !h.reachable).length,
      perHostMs: Math.round(ours.ms / n), probeMsMedian: probe[Math.floor(probe.length / 2)], probeMsMax: probe.at(-1),
      roundTripsPerHost: Math.max(...r.hosts.map((h) => h.roundTrips ?? 0)), connectionsPerHost: 1,
      gatherMs: Number(/probed \d+\/\d+ host\(s\) in (\d+) ms/.exec(ours.stderr)?.[1] ?? 0),
      allureOffWallMs: Math.round(noAllure.ms),
    };
    row.opensshFloor = { wallMs: Math.round(floor.ms), connections: n, failed: floor.failed };
    log(`kubeadm-verify: ${n} hosts in ${fmt(ours.ms)}, peak RSS ${Math.round(ours.maxRssKiB / 1024)} MiB`);
    const hostList = lab.hosts.map((h) => h.address);
    if (peers.includes('testinfra')) {
      const cfg = join(lab.dir, 'ssh_config');
      writeFileSync(cfg, `Host *\n  User root\n  IdentityFile ${lab.identityFile}\n  UserKnownHostsFile ${lab.knownHostsPath}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`);
      const ti = await timed('/usr/bin/python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--hosts=${hostList.map((a) => `ssh://${a}`).join(',')}`, `--ssh-config=${cfg}`, '-n', '4', join(ROOT, 'bench/peers/test_preflight.py')], { cwd: lab.dir });
      const tests = /(\d+) passed/.exec(ti.stdout)?.[1];
      const failed = /(\d+) failed/.exec(ti.stdout)?.[1];
      row.testinfra = { wallMs: Math.round(ti.ms), peakRssKiB: ti.maxRssKiB, passed: Number(tests ?? 0), failed: Number(failed ?? 0), exit: ti.code };
      log(`testinfra (-n 4): ${fmt(ti.ms)} (${tests ?? 0} passed, ${failed ?? 0} failed)`);
    }
    if (peers.includes('ansible')) {
      const inv = join(lab.dir, 'inventory.ini');
      writeFileSync(inv, `[all]\n${hostList.join('\n')}\n[all:vars]\nansible_user=root\nansible_ssh_private_key_file=${lab.identityFile}\nansible_ssh_common_args=-o UserKnownHostsFile=${lab.knownHostsPath} -o StrictHostKeyChecking=yes\nansible_python_interpreter=/usr/bin/python3\nansible_remote_tmp=/tmp/.kv-ansible-remote\n`);
      const an = await timed('ansible-playbook', ['-i', inv, '-f', '32', join(ROOT, 'bench/peers/playbook.yml')], { cwd: lab.dir, env: { ANSIBLE_HOST_KEY_CHECKING: 'True', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(lab.dir, '.ansible-tmp') } });
      const recap = an.stdout.split('PLAY RECAP')[1] ?? '';
      row.ansible = { wallMs: Math.round(an.ms), peakRssKiB: an.maxRssKiB, exit: an.code, failedHosts: (recap.match(/failed=[1-9]/g) ?? []).length, unreachableHosts: (recap.match(/unreachable=[1-9]/g) ?? []).length };
      if (an.code !== 0) log(`ansible FAILED (exit ${an.code}): ${an.stdout.split('\n').filter((l) => /fatal|UNREACHABLE|ERROR/.test(l)).slice(0, 3).join(' | ')}`);
      log(`ansible (-f 32): ${fmt(an.ms)} (exit ${an.code})`);
    }
  } finally {
    await lab.down();
  }
  return row;
}

/** n parallel `ssh` (OpenSSH, BatchMode, strict host keys) each running the tool's probe text once: the floor. */
async function opensshFloor(lab: Awaited<ReturnType<typeof labUp>>, names: string[]): Promise<{ ms: number; failed: number }> {
  const { probeScript } = await import('../lib/probe/script.ts');
  const { shellCommand } = await import('../lib/transport/command.ts');
  const command = shellCommand(probeScript({ nonce: 'benchfloor', resolveNames: names, registry: { host: 'harbor', port: 443 } }));
  const started = performance.now();
  const codes = await Promise.all(lab.hosts.map((h) => new Promise<number | null>((res) => {
    const p = spawn('ssh', ['-i', lab.identityFile, '-o', `UserKnownHostsFile=${lab.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', `root@${h.address}`, command], { stdio: ['ignore', 'ignore', 'ignore'] });
    p.on('close', (c) => res(c));
    p.on('error', () => res(-1));
  })));
  return { ms: performance.now() - started, failed: codes.filter((c) => c !== 0).length };
}

async function apiBench(nodes: number, pods: number) {
  const { startControlPlane } = await import('../lab/k8s/controlplane.ts');
  const { seedScale } = await import('./seed-scale.ts');
  const dir = mkdtempSync(join(tmpdir(), 'kv-apibench-'));
  const cp = await startControlPlane({ dir });
  try {
    const t = performance.now();
    await seedScale(cp.adminKubeconfig, nodes, pods);
    log(`seeded ${nodes} nodes / ${pods} pods in ${fmt(performance.now() - t)}`);
    const out = mkdtempSync(join(tmpdir(), 'kv-apibench-r-'));
    const ours = await timed(process.execPath, [join(ROOT, 'bin/kubeadm-verify.js'), '--phase', 'postinstall', '--kubeconfig', cp.adminKubeconfig, '--inventory', join(ROOT, 'bench/api-inventory.yaml'), '--report-dir', out], { env: { KV_ALLURE: '0' } });
    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
    const kubectl = await timed('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'get', 'pods', '-A', '-o', 'json'], {});
    const kubectlNodes = await timed('kubectl', ['--kubeconfig', cp.adminKubeconfig, 'get', 'nodes', '-o', 'json'], {});
    return { nodes, pods, kubeadmVerify: { wallMs: Math.round(ours.ms), peakRssKiB: ours.maxRssKiB, results: r.results.length }, kubectlGetPodsJson: { wallMs: Math.round(kubectl.ms), peakRssKiB: kubectl.maxRssKiB, bytes: kubectl.stdout.length }, kubectlGetNodesJson: { wallMs: Math.round(kubectlNodes.ms), peakRssKiB: kubectlNodes.maxRssKiB } };
  } finally {
    await cp.stop();
  }
}

const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim() },
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
  const peer = (x: any, bad: string | undefined) => (!x ? '—' : bad ? `${fmt(x.wallMs)} FAILED (${bad})` : `${fmt(x.wallMs)} (×${(x.wallMs / ours.wallMs).toFixed(1)})`);
  const tiBad = ti && (ti.exit !== 0 || ti.failed) ? `exit ${ti.exit}, ${ti.failed} failed` : undefined;
  const anBad = an && (an.exit !== 0 || an.failedHosts || an.unreachableHosts) ? `exit ${an.exit}, ${an.failedHosts} failed, ${an.unreachableHosts ?? 0} unreachable hosts` : undefined;
  const fl = r.opensshFloor;
  const floorCell = fl.failed ? `${fmt(fl.wallMs)} FAILED (${fl.failed})` : `${fmt(fl.wallMs)} (×${(ours.wallMs / fl.wallMs).toFixed(2)})`;
  return `| ${r.hosts} | ${fmt(ours.wallMs)} | ${floorCell} | ${fmt(ours.allureOffWallMs)} | ${ours.probeMsMedian} / ${ours.probeMsMax} ms | ${Math.round(ours.peakRssKiB / 1024)} MiB | ${ours.roundTripsPerHost} | ${peer(ti, tiBad)} | ${peer(an, anBad)} |`;
});
process.stdout.write(`\n| hosts | kubeadm-verify wall (default) | OpenSSH floor (kubeadm-verify ÷ floor) | KV_ALLURE=0 | probe median / max | peak RSS | round trips/host | testinfra -n 4 | ansible -f 32 |\n|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
if (report.api) process.stdout.write(`\nAPI: ${JSON.stringify(report.api)}\n`);
process.stdout.write(`\nresults: ${file}\n`);
void existsSync;
