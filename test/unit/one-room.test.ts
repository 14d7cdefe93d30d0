// The lists that must agree across the probe and the requirements (issue 10, item 8): a requirement must never read
// something the probe does not collect. Each of these broke once by hand (iproute: 001's EL7 tc package was asked
// for and never queried, a false "missing").
// Stand-ins: none (the real probe script, facts.ts and requirement sources are read).
import { FACT_MODULES } from '../../lib/facts/index.ts';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAMES, UNIT_PROCESSES as PROCESS_OF, wantedBinaries } from '../../lib/kubeadm/expect.ts';
import { BINARIES, PACKAGES, probeScript, UNITS } from '../../lib/probe/script.ts';


describe('every fact a requirement reads is collected by the one probe', () => {
  const script = probeScript({ nonce: 'abcdefgh12', resolveNames: [], postinstall: true });
  it('each section parseFacts reads is a section the probe runs', () => {
    const read = [...new Set(FACT_MODULES.flatMap((m) => m.reads))];
    expect(read.length).toBeGreaterThan(20);
    const run = [...script.matchAll(/sec ([a-z_-]+) s_/g)].map((m) => m[1]!);
    expect(read.filter((s) => !run.includes(s))).toEqual([]);
  });
  it('every package name HOST-PACKAGES and HOST-CONFLICTS may ask for is queried', () => {
    const asked = [...Object.values(PACKAGE_NAMES).flatMap((n) => [...n.rhel, ...n.debian]), 'iproute', 'podman', 'cri-o', 'firewalld'];
    expect(asked.filter((p) => !PACKAGES.includes(p))).toEqual([]);
  });
  it('every unit the services parser maps to processes is asked of systemd', () => {
    expect(Object.keys(PROCESS_OF).filter((u) => !UNITS.includes(u))).toEqual([]);
  });
  it('every binary HOST-BINARIES wants is looked up', () => {
    const want = wantedBinaries({ runtime: { name: 'containerd' }, kubernetesVersion: '1.29.2' });
    expect(want.filter((b) => !BINARIES.includes(b))).toEqual([]);
  });
});
