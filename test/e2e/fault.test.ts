// The fault run: 100 lab hosts of which 10 are broken in 5 ways (no sshd, a hung sshd, an unknown host key, a
// changed host key, sudo that needs a password). Every host gets a verdict for every requirement, nothing is
// lost, the broken ones are `error` with the right reason, and the run ends within the slowest deadline.
// Stand-ins (lab/README.md "what is real and what is a stand-in"): stand-in daemons (sleep/socat under the real
// names), the dpkg status database, /proc/swaps, /proc/meminfo, /sys/module, /sys/class/dmi product_uuid, non-net
// sysctls, version-printing scripts in /usr/local/bin; sshd, the network namespaces, net.* sysctls and ports are real.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labUp, type LabHandle, type LabHostSpec } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root; CI runs as root');
const d = isRoot ? describe : describe.skip;
const N = 100;
const BROKEN: Record<string, { spec: Partial<LabHostSpec>; reason: RegExp }> = {
  'dead-1': { spec: { ssh: 'none' }, reason: /unreachable/ },
  'dead-2': { spec: { ssh: 'none' }, reason: /unreachable/ },
  'hung-1': { spec: { ssh: 'silent' }, reason: /connect-timeout/ },
  'hung-2': { spec: { ssh: 'silent' }, reason: /connect-timeout/ },
  'newkey-1': { spec: {}, reason: /hostkey-unknown/ },
  'newkey-2': { spec: {}, reason: /hostkey-unknown/ },
  'rekeyed-1': { spec: {}, reason: /hostkey-changed/ },
  'rekeyed-2': { spec: {}, reason: /hostkey-changed/ },
  'sudopw-1': { spec: { users: [{ name: 'ops2', sudo: 'password', password: 'x-PLANTED-pw' }] }, reason: /sudo -n needs a password/ },
  'sudopw-2': { spec: { users: [{ name: 'ops2', sudo: 'password', password: 'x-PLANTED-pw' }] }, reason: /sudo -n needs a password/ },
};

d(`fault run: ${N} hosts, 10 broken in 5 ways`, () => {
  let lab: LabHandle;
  let inventory: string;
  beforeAll(async () => {
    const ref = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml')).hosts.find((h) => h.name === 'master')!;
    const names = Array.from({ length: N - 10 }, (_, i) => `ok-${String(i).padStart(3, '0')}`).concat(Object.keys(BROKEN));
    lab = await labUp({ id: 'flt', hosts: names.map((name) => ({ ...structuredClone(ref), name, roles: ['worker'], ...(BROKEN[name]?.spec ?? {}) })) });
    const inv = parse(readFileSync(lab.inventoryPath, 'utf8')) as { defaults: Record<string, unknown>; hosts: Record<string, unknown>[] };
    // 6 s: 64 handshakes at once on 2 cores took over 3 s for a few good hosts (CI, 2026-12-03); still bounds the hung ones
    inv.defaults.connectTimeoutSeconds = 6;
    const empty = join(lab.dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const wrong = join(lab.dir, 'wrong_known_hosts');
    const hostsByName = new Map(lab.hosts.map((h) => [h.name, h]));
    writeFileSync(
      wrong,
      ['rekeyed-1', 'rekeyed-2']
        .map((n) => `${hostsByName.get(n)!.address} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBwG4LsnQ1aDLYt3qYvPyJEpK0V6p1m1nNFRqvCNUgs0`)
        .join('\n') + '\n',
    );
    for (const h of inv.hosts) {
      if (String(h.name).startsWith('newkey')) h.knownHostsFile = empty;
      if (String(h.name).startsWith('rekeyed')) h.knownHostsFile = wrong;
      if (String(h.name).startsWith('sudopw')) Object.assign(h, { user: 'ops2', sudo: true });
    }
    inventory = join(lab.dir, 'inventory-fault.yaml');
    writeFileSync(inventory, stringify(inv));
  }, 180_000);
  afterAll(async () => {
    await lab?.down();
  });

  it('every host and requirement accounted for; broken hosts are error with their reason; bounded time', async () => {
    const run = await runCli(['--inventory', inventory, '--concurrency', '64'], { timeoutMs: 170_000 });
    const r = run.results!;
    const hostReqs = requirements('preflight').length - 4; // 4 are fleet-wide
    expect(r.results.length).toBe(hostReqs * N + 4);
    const lost = r.hosts.filter((h) => !h.reachable && !(h.name in BROKEN)).map((h) => `${h.name}: ${h.error}`);
    expect(lost, 'good hosts that were not reached').toEqual([]);
    expect(r.hosts.filter((h) => h.reachable)).toHaveLength(N - 10);
    for (const [name, b] of Object.entries(BROKEN)) {
      const h = r.hosts.find((x) => x.name === name)!;
      expect(h.reachable, name).toBe(false);
      expect(h.error, name).toMatch(b.reason);
      const mine = r.results.filter((x) => x.host === name);
      expect(mine, name).toHaveLength(hostReqs);
      expect(
        mine.every((x) => x.status === 'error'),
        name,
      ).toBe(true);
    }
    const good = r.results.filter((x) => x.host.startsWith('ok-'));
    expect(good).toHaveLength(hostReqs * (N - 10));
    expect(good.filter((x) => x.status === 'error')).toEqual([]);
    // uniqueness cannot be judged for hosts that were not probed: error, never pass
    expect(r.results.find((x) => x.id === 'HOST-UNIQUE-MAC')!.status).toBe('error');
    expect(run.code).toBe(1);
    expect(JSON.stringify(r) + run.stderr).not.toContain('x-PLANTED-pw');
    const by = (s: string) => r.results.filter((x) => x.status === s).length;
    process.stderr.write(
      `[measure] fault run, ${N} hosts (10 broken, 5 ways): ${run.ms} ms wall; ${r.results.length} results: pass ${by('pass')}, fail ${by('fail')}, warn ${by('warn')}, error ${by('error')}, skip ${by('skip')}\n`,
    );
    expect(run.ms).toBeLessThan(120_000);
  }, 180_000);
});
