// The Vagrant provisioning scripts and the verifier agree: the host-configuration steps run with KV_ROOT (files
// under a folder, no live changes), a lab host boots with what they wrote, and the preflight passes every
// requirement those steps cover — and each DEFECTS item fails exactly the requirement vagrant/README.md names.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { labAddress, labUp, type LabHandle, type LabHostSpec } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { requiredImages } from '../../lib/registry/images.ts';
import { defaultProfile } from '../../lib/config/profile.ts';
import type { ResultsFile } from '../../lib/types.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root; CI runs as root');
const d = isRoot ? describe : describe.skip;

/** Requirements the host-configuration scripts cover, and what each DEFECTS item must fail. */
const COVERED = ['HOST-SWAP-FSTAB', 'HOST-SELINUX', 'HOST-HOSTS-FILE', 'HOST-MODULES', 'HOST-IPVS-MODULES', 'HOST-SYSCTL-PERSIST', 'HOST-CONTAINERD-CONFIG', 'HOST-CONTAINERD-MIRRORS', 'HOST-CONTAINERD-SECURITY', 'HOST-CGROUP-DRIVER', 'HOST-SERVICES'];
const DEFECTS: Record<string, Record<string, string>> = {
  'swap-fstab': { 'HOST-SWAP-FSTAB': 'fail' },
  'sysctl-typo': { 'HOST-SYSCTL-PERSIST': 'fail' },
  'sandbox-image': { 'HOST-CONTAINERD-CONFIG': 'fail' },
  'registry-typo': { 'HOST-CONTAINERD-MIRRORS': 'fail' },
  'no-persist-modules': { 'HOST-MODULES': 'fail', 'HOST-IPVS-MODULES': 'fail' },
  'selinux-enforcing': { 'HOST-SELINUX': 'warn' },
  'hosts-missing': { 'HOST-HOSTS-FILE': 'fail' },
};

function provision(defects: string, hosts: string): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'kv-vroot-'));
  execFileSync('mkdir', ['-p', join(root, 'etc')]);
  writeFileSync(join(root, 'etc/fstab'), 'UUID=1 / ext4 defaults 0 1\n/dev/mapper/rl-swap none swap defaults 0 0\n'); // as a fresh VM has it
  const env = { ...process.env, KV_ROOT: root, KV_NO_LIVE: '1', DEFECTS: defects, REGISTRY_IP: '10.200.0.3', KV_CLUSTER_HOSTS: hosts, KV_CONTAINERD_DEFAULT: join(ROOT, 'fixtures/recorded/containerd-1.6-default.toml') };
  for (const s of ['00-common.sh', '10-kernel.sh', '30-containerd.sh']) {
    const r = spawnSync('bash', [join(ROOT, 'vagrant/scripts', s)], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${s} failed: ${r.stderr}`);
  }
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile() && p.startsWith(join(root, 'etc'))) files[`/${relative(root, p)}`] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return files;
}

d('vagrant scripts × verifier', () => {
  let lab: LabHandle;
  let results: ResultsFile;
  const names = ['clean', ...Object.keys(DEFECTS).map((x) => `d-${x}`)];
  beforeAll(async () => {
    const sc = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
    const ref = sc.hosts.find((h) => h.name === 'master')!;
    const hostsEnv = names.map((n, i) => `${labAddress(i)} ${n}`).join(';');
    const hosts: LabHostSpec[] = names.map((name, i) => {
      const files = provision(name === 'clean' ? '' : name.slice(2), hostsEnv);
      // what the scripts write comes from the scripts; the rest of the host (packages, processes, modules) from the reference template
      const base = Object.fromEntries(Object.entries(ref.files ?? {}).filter(([p]) => !p.startsWith('/etc/sysctl.d') && !p.startsWith('/etc/modules-load.d') && p !== '/etc/containerd/config.toml' && p !== '/etc/fstab' && p !== '/etc/selinux/config' && p !== '/etc/hosts'));
      const wants = Object.keys(files).filter((p) => p.includes('.wants/'));
      for (const w of wants) delete files[w]; // symlinks to unit files that do not exist in the lab: replaced by stand-ins
      return { ...structuredClone(ref), name, roles: [i === 0 ? 'control-plane' : 'worker'], files: { ...base, ...files, '/etc/hostname': `${name}\n` } };
    });
    const images = requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`);
    lab = await labUp({ id: 'vg', hosts, registry: { images } });
    const profile = join(lab.dir, 'profile.yaml');
    writeFileSync(profile, stringify({ registry: { name: 'harbor:443', endpoint: 'https://10.200.0.3:443', caFile: lab.registry!.caPath } }));
    const run = await runCli(['--inventory', lab.inventoryPath, '--profile', profile], { env: { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile } });
    results = run.results!;
  }, 120_000);
  afterAll(async () => {
    await lab?.down();
  });

  it('a host configured by the scripts passes every requirement they cover', () => {
    const bad = results.results.filter((r) => r.host === 'clean' && COVERED.includes(r.id) && r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.observed} ${r.reason ?? ''}`);
    expect(bad).toEqual([]);
  });

  it.each(Object.entries(DEFECTS))('DEFECTS=%s fails exactly the documented requirement(s)', (defect, want) => {
    const host = `d-${defect}`;
    const got = Object.fromEntries(results.results.filter((r) => r.host === host && COVERED.includes(r.id) && r.status !== 'pass').map((r) => [r.id, r.status]));
    expect(got).toEqual(want);
  });

  it('vagrant/check.sh: shellcheck and `vagrant validate` (Rocky and Ubuntu boxes) pass', () => {
    const r = spawnSync('bash', [join(ROOT, 'vagrant/check.sh')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout + r.stderr).toMatch(/Vagrantfile validated successfully[\s\S]*Vagrantfile validated successfully/);
    expect(r.status).toBe(0);
  });

  it('shellcheck is clean on every script', () => {
    const r = spawnSync('shellcheck', ['-x', '-P', join(ROOT, 'vagrant/scripts'), ...readdirSync(join(ROOT, 'vagrant/scripts')).map((f) => join(ROOT, 'vagrant/scripts', f))], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
