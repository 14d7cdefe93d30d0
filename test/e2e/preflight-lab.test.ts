// The preflight phase end to end: the real CLI against real sshd hosts in network namespaces and a real
// docker-registry, asserting every (ID, host) verdict of the scenario. Runs as root (CI); never skips in CI.
// Stand-ins (lab/README.md "what is real and what is a stand-in"): stand-in daemons (sleep/socat under the real
// names), the dpkg status database, /proc/swaps, /proc/meminfo, /sys/module, /sys/class/dmi product_uuid, non-net
// sysctls, version-printing scripts in /usr/local/bin; sshd, the network namespaces, net.* sysctls and ports and the docker-registry are real.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labUp, type LabHandle } from '../../lab/lab.ts';
import { loadScenario, type Scenario } from '../../lab/scenario.ts';
import { requiredImages } from '../../lib/registry/images.ts';
import { defaultProfile } from '../../lib/config/profile.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { mismatches, ROOT, runCli } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root (network namespaces); CI runs as root');
const d = isRoot ? describe : describe.skip; // outside CI, as a non-root developer: skipped, with this reason

const PLANTED = 'Harbor-S3cret-PLANTED';

d('preflight over SSH against a lab fleet', () => {
  let lab: LabHandle;
  let scenario: Scenario;
  let profilePath: string;
  let env: NodeJS.ProcessEnv;
  const labProfile = (over: Record<string, unknown> = {}) => ({
    registry: { name: 'harbor:443', endpoint: 'https://10.200.0.3:443', caFile: lab.registry!.caPath },
    ...over,
  });

  beforeAll(async () => {
    scenario = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
    // plant a registry password in one host's config.toml: it must be reported, never printed
    const clone = scenario.hosts.find((h) => h.name === 'node-port')!;
    clone.files!['/etc/containerd/config.toml'] = clone.files!['/etc/containerd/config.toml']!.replace(
      '[plugins."io.containerd.grpc.v1.cri".registry.configs."10.200.0.3:443".tls]',
      `[plugins."io.containerd.grpc.v1.cri".registry.configs."10.200.0.3:443".auth]\n          username = "admin"\n          password = "${PLANTED}"\n\n        [plugins."io.containerd.grpc.v1.cri".registry.configs."10.200.0.3:443".tls]`,
    );
    scenario.expect['HOST-CONTAINERD-SECURITY'] = { 'node-port': 'warn' };
    const images = requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`);
    lab = await labUp({ id: 'pf', hosts: scenario.hosts, registry: { images } });
    profilePath = join(lab.dir, 'profile.yaml');
    writeFileSync(profilePath, stringify(labProfile()));
    env = { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile };
  }, 120_000);
  afterAll(async () => {
    await lab?.down();
  });

  it("gives every (ID, host) the scenario's expected verdict, one round trip per host", async () => {
    const run = await runCli(['--inventory', lab.inventoryPath, '--profile', profilePath], { env });
    expect(run.results, run.stderr).toBeDefined();
    const r = run.results!;
    const hostReqs = requirements('preflight').filter((q) => q.targets({ profile: defaultProfile(), hosts: [], inventory: [], extra: {} }).length === 0).length;
    expect(r.results.length).toBe(hostReqs * scenario.hosts.length + (requirements('preflight').length - hostReqs));
    expect(mismatches(r, scenario.expect, { ids: requirements('preflight').map((q) => q.id) })).toEqual([]);
    expect(run.code).toBe(1); // the scenario has failures: the run must fail
    for (const h of r.hosts) expect(h, h.name).toMatchObject({ reachable: true, roundTrips: 1 });
    // evidence names the files and lines that decided it
    const swap = r.results.find((x) => x.id === 'HOST-SWAP-FSTAB' && x.host === 'node-swap')!;
    expect(swap.evidence).toEqual(['/etc/fstab:2: /dev/vdb2 none swap sw 0 0']);
    const typo = r.results.find((x) => x.id === 'HOST-SYSCTL-PERSIST' && x.host === 'node-typo')!;
    expect(typo.evidence.join('\n')).toMatch(/99-kubernetes-cri.conf:2: unknown key "net.bridge.bridge-nf-call-iptalbes"/);
    const dup = r.results.find((x) => x.id === 'HOST-UNIQUE-UUID')!;
    expect(dup.observed).toMatch(/on node-0001, node-clone/);
    // the planted registry password: reported as a finding, absent from every output
    const sec = r.results.find((x) => x.id === 'HOST-CONTAINERD-SECURITY' && x.host === 'node-port')!;
    expect(sec.observed).toMatch(/plaintext credentials/);
    for (const f of ['results.json', 'junit.xml', 'report.html', '.run/context.json'])
      expect(readFileSync(join(run.reportDir, f), 'utf8'), f).not.toContain(PLANTED);
    expect(run.stderr + run.stdout).not.toContain(PLANTED);
    // the lab registry's password never leaks either
    expect(readFileSync(join(run.reportDir, 'results.json'), 'utf8')).not.toContain(readFileSync(lab.registry!.passwordFile, 'utf8'));
  });

  it('HOST-IMAGES: fails naming the images the registry lacks', async () => {
    const p = join(lab.dir, 'profile-calico327.yaml');
    writeFileSync(p, stringify(labProfile({ cni: { name: 'calico', version: 'v3.27.0', imageRepository: 'harbor:443/calico' } })));
    const run = await runCli(['--inventory', lab.inventoryPath, '--profile', p, '--host', 'master'], { env });
    const img = run.results!.results.find((x) => x.id === 'HOST-IMAGES')!;
    expect(img.status).toBe('fail');
    expect(img.observed).toMatch(/missing: harbor:443\/calico\/cni:v3.27.0, harbor:443\/calico\/node:v3.27.0, harbor:443\/calico\/kube-controllers:v3.27.0/);
  });

  it('HOST-IMAGES: wrong registry credentials are an error, not a pass or a fail', async () => {
    const bad = join(lab.dir, 'wrong-password');
    writeFileSync(bad, 'not-the-password', { mode: 0o600 });
    const run = await runCli(['--inventory', lab.inventoryPath, '--profile', profilePath, '--host', 'master'], {
      env: { ...env, KV_REGISTRY_PASSWORD_FILE: bad },
    });
    const img = run.results!.results.find((x) => x.id === 'HOST-IMAGES')!;
    expect(img).toMatchObject({ status: 'error', reason: expect.stringMatching(/401/) });
  });

  it('--host and --role select hosts; the JUnit file has one testcase per (ID, host)', async () => {
    const run = await runCli(['--inventory', lab.inventoryPath, '--profile', profilePath, '--host', 'master,node-0001'], { env });
    expect(run.code).toBe(0);
    expect(new Set(run.results!.results.map((x) => x.host))).toEqual(new Set(['master', 'node-0001', '*']));
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)?.length).toBe(run.results!.results.length);
    expect(junit).toContain('name="HOST-SWAP [master]" classname="preflight.swap"');
    const role = await runCli(['--inventory', lab.inventoryPath, '--profile', profilePath, '--role', 'control-plane'], { env });
    expect(new Set(role.results!.results.map((x) => x.host))).toEqual(new Set(['master', '*']));
  });
});

d('waivers, gating, --compare and --json through the CLI', () => {
  let lab: LabHandle;
  let base: string[];
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const sc = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
    const images = requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`);
    lab = await labUp({
      id: 'wv',
      registry: { images },
      hosts: sc.hosts
        .filter((h) => h.name === 'node-swap')
        .map((h) => ({ ...h, files: { ...h.files, '/etc/hosts': '127.0.0.1 localhost\n10.200.1.1 node-swap\n10.200.0.3 harbor\n' } })),
    });
    const profile = join(lab.dir, 'profile.yaml');
    writeFileSync(profile, stringify({ registry: { name: 'harbor:443', endpoint: 'https://10.200.0.3:443', caFile: lab.registry!.caPath } }));
    base = ['--inventory', lab.inventoryPath, '--profile', profile];
    env = { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile };
  }, 60_000);
  afterAll(async () => {
    await lab?.down();
  });
  it('waived findings do not fail the run; an expired waiver does; --json prints results.json; --compare names regressions', async () => {
    const first = await runCli(base, { env });
    expect(first.code).toBe(1);
    // Allure: one result per (ID, host) with the labels, then the Allure 3 HTML report (npm `allure`, no Java)
    const { readdirSync } = await import('node:fs');
    const allureDir = join(first.reportDir, 'allure-results');
    const allure = readdirSync(allureDir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(join(allureDir, f), 'utf8')) as { name: string; status: string; labels: { name: string; value: string }[] });
    expect(allure.length).toBe(first.results!.results.length);
    const swap = allure.find((a) => a.name === 'HOST-SWAP [node-swap]')!;
    expect(swap.status).toBe('failed');
    const { allureStatus } = await import('../../lib/report/allure.ts');
    for (const r of first.results!.results)
      expect(allure.find((a) => a.name === `${r.id} [${r.host}]`)?.status, `${r.id} [${r.host}]`).toBe(allureStatus(r.status));
    expect(swap.labels).toEqual(
      expect.arrayContaining([
        { name: 'epic', value: 'preflight' },
        { name: 'story', value: 'HOST-SWAP' },
        { name: 'severity', value: 'critical' },
      ]),
    );
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(ROOT, 'node_modules/allure/cli.js'), 'generate', allureDir, '-o', join(first.reportDir, 'allure-report')], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    expect(readFileSync(join(first.reportDir, 'allure-report/index.html'), 'utf8')).toMatch(/<html/i);
    const w = join(lab.dir, 'waivers.yaml');
    writeFileSync(
      w,
      'waivers:\n  - { id: HOST-SWAP*, host: node-swap, reason: swap is needed for the lab VM, approver: ops, expires: 2099-01-01 }\n  - { id: HOST-TIME-SYNC, host: "*", reason: no NTP in the lab }\n',
    );
    const waived = await runCli([...base, '--waivers', w, '--json', '--compare', join(first.reportDir, 'results.json')], { env });
    const stdout = JSON.parse(waived.stdout) as typeof waived.results;
    expect(
      stdout!.results
        .filter((r) => r.status === 'waived')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    expect(waived.code, waived.stderr).toBe(0);
    expect(stdout!.unusedWaivers?.map((x) => x.id)).toEqual(['HOST-TIME-SYNC']);
    // fail → waived is "waived", never "fixed"
    expect(
      stdout!.changes
        ?.filter((c) => c.kind === 'waived')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    expect(stdout!.changes?.filter((c) => c.kind === 'fixed')).toEqual([]);
    const expired = join(lab.dir, 'expired.yaml');
    writeFileSync(expired, 'waivers:\n  - { id: HOST-SWAP*, host: "*", reason: was fine last year, expires: 2020-01-01 }\n');
    // same report dir as the first run: allure-results/ holds this run only (no stale files, no "retries")
    const exp = await runCli([...base, '--waivers', expired], { env, reportDir: first.reportDir });
    expect(exp.code).toBe(1);
    expect(readdirSync(allureDir).filter((f) => f.endsWith('-result.json')).length).toBe(exp.results!.results.length);
    // an expired waiver reads as expired on the console too
    expect(exp.stderr).toMatch(/HOST-SWAP \[node-swap\] .*\(waiver expired on 2020-01-01: was fine last year\)/);
    expect(exp.stderr).not.toMatch(/\(waived:/);
    expect(exp.results!.results.find((r) => r.id === 'HOST-SWAP')).toMatchObject({ status: 'fail', waiver: { expired: true } });
    // gating: with everything else waived, a warning alone fails only with --fail-on warn
    const all = join(lab.dir, 'all.yaml');
    writeFileSync(all, 'waivers:\n  - { id: HOST-SWAP*, host: "*", reason: r }\n');
    const warnRun = await runCli([...base, '--waivers', all, '--fail-on', 'warn'], { env });
    const hasWarn = warnRun.results!.results.some((r) => r.status === 'warn');
    const failing = warnRun
      .results!.results.filter((r) => r.status === 'fail' || r.status === 'error')
      .map((r) => `${r.id} [${r.host}] ${r.status}: ${r.observed} ${r.reason ?? ''}`);
    expect(failing).toEqual([]);
    expect(warnRun.code).toBe(hasWarn ? 1 : 0);
    // JUnit counts what gates the run: under --fail-on warn the warnings are its failures
    const warns = warnRun.results!.results.filter((r) => r.status === 'warn').length;
    expect(readFileSync(join(warnRun.reportDir, 'junit.xml'), 'utf8')).toMatch(
      new RegExp(`<testsuites name="kubeadm-verify" tests="\\d+" failures="${warns}" errors="0"`),
    );
  });
  it('--check/--skip choose checks (IDs, globs, kubeadm names); ignorePreflightErrors from --kubeadm-config is accepted, shown, never hidden', async () => {
    // --check with a glob and a kubeadm check name; --skip reports the skipped check with the request as its reason
    const chosen = await runCli([...base, '--check', 'HOST-SWAP*,NumCPU', '--skip', 'HOST-SWAP-FSTAB'], { env });
    expect(chosen.results!.results.map((r) => `${r.id} ${r.status}`).sort()).toEqual(['HOST-CPU pass', 'HOST-SWAP fail', 'HOST-SWAP-FSTAB skip']);
    expect(chosen.results!.results.find((r) => r.id === 'HOST-SWAP-FSTAB')!.reason).toBe('skipped on request (--skip HOST-SWAP-FSTAB)');
    expect(chosen.code).toBe(1);
    // kubeadm's own name in the kubeadm config: its findings become waived with that reason
    const init = join(lab.dir, 'init-ignore.yaml');
    writeFileSync(init, 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  ignorePreflightErrors: [Swap, IsPrivilegedUser]\n');
    const ign = await runCli([...base, '--kubeadm-config', init, '--check', 'HOST-SWAP*'], { env });
    expect(ign.results!.results.map((r) => `${r.id} ${r.status}`).sort()).toEqual(['HOST-SWAP waived', 'HOST-SWAP-FSTAB waived']);
    expect(ign.results!.results[0]!.waiver!.reason).toBe(`accepted by nodeRegistration.ignorePreflightErrors "Swap" (kubeadm config ${init})`);
    expect(ign.code).toBe(0);
    expect(ign.stderr).toMatch(/WAIVED HOST-SWAP \[node-swap\] .*\(waived: accepted by nodeRegistration.ignorePreflightErrors "Swap"/);
    expect(ign.stderr).toMatch(/ignorePreflightErrors IsPrivilegedUser: kubeadm's check IsPrivilegedUser has no kubeadm-verify equivalent/);
    expect(ign.results!.unusedWaivers).toBeUndefined();
  });
  it('usage errors exit 2 with one line', async () => {
    const bad = await runCli(['--phase', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('kubeadm-verify: --phase must be preflight, postinstall or all, got "sometimes"');
    const inv = join(lab.dir, 'broken-inventory.yaml');
    writeFileSync(inv, 'hosts:\n  - name: ok\n    address: 10.200.1.1\n  - name: Bad_Name\n    address: 10.200.1.2\n');
    const r = await runCli(['--inventory', inv]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`kubeadm-verify: ${inv}:4: hosts.1.name: invalid value "Bad_Name" (lowercase RFC 1123 name, as kubeadm requires)`);
    const unknown = await runCli(['--frobnicate']);
    expect(unknown.code).toBe(2);
  });
});

d('preflight with hosts that misbehave', () => {
  let lab: LabHandle;
  let inventory: string;
  beforeAll(async () => {
    const ref = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml')).hosts.find((h) => h.name === 'master')!;
    lab = await labUp({
      id: 'bad',
      hosts: [
        ref,
        { name: 'dead', ssh: 'none' },
        { name: 'hung', ssh: 'silent' },
        { ...ref, name: 'rekeyed', roles: ['worker'] },
        // sshd answers and the probe starts, but the package query never returns (a stuck package database)
        { ...ref, name: 'stuck', roles: ['worker'], files: { ...ref.files, '/usr/local/bin/dpkg-query': '#!/bin/sh\nexec sleep 600\n' } },
      ],
    });
    const inv = parse(readFileSync(lab.inventoryPath, 'utf8')) as { defaults: Record<string, unknown>; hosts: Record<string, unknown>[] };
    inv.defaults.connectTimeoutSeconds = 3;
    const empty = join(lab.dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    inv.hosts.find((h) => h.name === 'rekeyed')!.knownHostsFile = empty;
    inv.hosts.find((h) => h.name === 'stuck')!.commandTimeoutSeconds = 3;
    inventory = join(lab.dir, 'inventory-bad.yaml');
    writeFileSync(inventory, stringify(inv));
  }, 60_000);
  afterAll(async () => {
    await lab?.down();
  });

  it('dead, hung, stuck and unknown-key hosts end as error with the reason; the good host is unaffected; the run is bounded', async () => {
    const run = await runCli(['--inventory', inventory]);
    const r = run.results!;
    const hostReqs = requirements('preflight').filter((q) => q.targets({ profile: defaultProfile(), hosts: [], inventory: [], extra: {} }).length === 0).length;
    const by = (h: string) => {
      const xs = r.results.filter((x) => x.host === h);
      expect(xs, h).toHaveLength(hostReqs); // every host requirement judged for this host (not a vacuous every())
      return xs;
    };
    expect(by('dead').every((x) => x.status === 'error' && /unreachable/.test(x.reason ?? ''))).toBe(true);
    expect(by('hung').every((x) => x.status === 'error' && /connect-timeout/.test(x.reason ?? ''))).toBe(true);
    expect(by('rekeyed').every((x) => x.status === 'error' && /hostkey-unknown.*ssh-keyscan/.test(x.reason ?? ''))).toBe(true);
    // the deadline names where the probe hung, from the output it had sent before it
    expect(
      by('stuck').every(
        (x) => x.status === 'error' && /command-timeout: .*within 3 s \(it hung in section "packages" after "selinux" finished\)/.test(x.reason ?? ''),
      ),
    ).toBe(true);
    expect(by('master').filter((x) => x.status === 'error')).toEqual([]);
    expect(r.hosts.find((h) => h.name === 'master')).toMatchObject({ reachable: true, roundTrips: 1 });
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(30_000); // 3 s connect deadline + vitest start-up; never the 10 s default times hosts
    process.stderr.write(`[measure] misbehaving-host lab run: ${run.ms} ms wall\n`);
  });
});
