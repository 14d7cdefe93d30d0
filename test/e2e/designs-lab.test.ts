// Every design of the documents gets a true report: a correctly built host of 000, 001, 003 and 004 (lab hosts:
// real sshd in network namespaces) judged with the design's shipped profile (profiles/*.yaml, addresses swapped for
// the lab's) passes every requirement or skips it with a reason — zero false fails — and each document's own slip
// fails with the right ID. Runs as root (CI); never skips in CI.
// Stand-ins: the lab hosts' daemons (sleep/socat copies under the real names: dockerd, containerd, chronyd), the
// dpkg status file even for the RHEL-family designs, chronyc and snap scripts printing recorded output; the sshd, the
// probe, the CLI and every verdict are real.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labAddress, labUp, type LabHandle } from '../../lab/lab.ts';
import { loadScenario, type Scenario } from '../../lab/scenario.ts';
import { defaultProfile } from '../../lib/config/profile.ts';
import { requiredImages } from '../../lib/registry/images.ts';
import type { Result } from '../../lib/types.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root (network namespaces); CI runs as root');
const d = isRoot ? describe : describe.skip;

const SCENARIO = join(ROOT, 'fixtures/scenarios/designs.yaml');
type Design = { profile: string; hosts: string[]; slips: Record<string, string[]>; lab?: string[] };
const DESIGNS = (parse(readFileSync(SCENARIO, 'utf8')) as { designs: Record<string, Design> }).designs;

/** The lab's copy of a shipped profile: the document's addresses replaced by the lab's. */
function labProfile(design: string, lab: LabHandle, master001: string): Record<string, unknown> {
  const p = parse(readFileSync(join(ROOT, 'profiles', DESIGNS[design]!.profile), 'utf8')) as Record<string, any>;
  if (design === '000') p.registry = { ...p.registry, endpoint: `https://${lab.registry!.address}:443`, caFile: lab.registry!.caPath };
  if (design === '001') p.timeSync.servers = p.timeSync.servers.map((s: string) => (s === '192.168.0.242' ? master001 : s));
  return p;
}

d('every design gets a true report (lab hosts, shipped profiles)', () => {
  let lab: LabHandle;
  let scenario: Scenario;
  let master001: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    scenario = loadScenario(SCENARIO);
    master001 = labAddress(scenario.hosts.findIndex((h) => h.name === 'k8s-master'));
    const node3 = labAddress(scenario.hosts.findIndex((h) => h.name === 'k8s-node3'));
    for (const h of scenario.hosts) for (const [k, v] of Object.entries(h.files ?? {})) h.files![k] = v.replaceAll('@MASTER001@', master001);
    // 001's /etc/hosts as the document writes it: the fourth line names k8s-node2 again ("192.168.0.245 k8s-node2")
    const n3 = scenario.hosts.find((h) => h.name === 'k8s-node3')!;
    n3.files!['/etc/hosts'] = n3.files!['/etc/hosts']!.replace(`${node3} k8s-node3`, `${node3} k8s-node2`);
    lab = await labUp({ id: 'dsg', hosts: scenario.hosts, registry: { images: requiredImages(defaultProfile()).map((i) => `${i.repo}:${i.tag}`) } });
    env = { KV_REGISTRY_USER: lab.registry!.user, KV_REGISTRY_PASSWORD_FILE: lab.registry!.passwordFile };
  }, 600_000); // labs are one at a time across checkouts: this may wait for another one
  afterAll(async () => {
    await lab?.down();
  });

  for (const [design, spec] of Object.entries(DESIGNS)) {
    it(`${design}: clean hosts pass or skip with a reason; the document's slips fail with their IDs`, async () => {
      const p = join(lab.dir, `profile-${design}.yaml`);
      writeFileSync(p, stringify(labProfile(design, lab, master001)));
      const run = await runCli(['--inventory', lab.inventoryPath, '--profile', p, '--host', spec.hosts.join(',')], { env });
      expect(run.results, run.stderr).toBeDefined();
      const r = run.results!.results;
      for (const h of run.results!.hosts) expect(h, h.name).toMatchObject({ reachable: true, roundTrips: 1 });
      const show = (x: Result) => `${x.id} [${x.host}] ${x.status}: ${x.observed}${x.reason ? ` (${x.reason})` : ''}`;
      // a skip always says why
      expect(r.filter((x) => x.status === 'skip' && !x.reason).map(show)).toEqual([]);
      for (const host of [...spec.hosts, '*']) {
        const mine = r.filter((x) => x.host === host);
        expect(mine.length, host).toBeGreaterThan(0);
        const bad = mine.filter((x) => x.status !== 'pass' && x.status !== 'skip');
        const labOnly = host === '*' ? [] : (spec.lab ?? []); // the lab machine's own findings (its kernel), the same on every host
        expect(bad.map((x) => x.id).sort(), `${design} ${host}:\n${bad.map(show).join('\n')}`).toEqual([...(spec.slips[host] ?? []), ...labOnly].sort());
        expect(
          bad.every((x) => x.status === 'fail'),
          bad.map(show).join('\n'),
        ).toBe(true);
        const count = (s: string) => mine.filter((x) => x.status === s).length;
        process.stderr.write(
          `[measure] design ${design} ${host}${spec.slips[host] ? ' (slip)' : ''}${labOnly.length ? ` (lab kernel: ${labOnly.join(', ')})` : ''}: pass ${count('pass')}, fail ${count('fail')}, warn ${count('warn')}, skip ${count('skip')}, error ${count('error')}\n`,
        );
      }
    }, 120_000);
  }
});
