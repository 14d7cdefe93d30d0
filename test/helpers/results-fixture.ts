// A ResultsFile covering every status, a waiver and an expired one, skip reasons, XML/HTML-hostile text.
import type { Result, ResultsFile, Status } from '../../lib/types.ts';
import { summarize } from '../../lib/report/summary.ts';

const base = (id: string, host: string, status: Status, extra: Partial<Result> = {}): Result => ({
  id,
  host,
  status,
  severity: 'error',
  title: `${id} title`,
  phase: 'preflight',
  group: 'kernel',
  source: '000 (五)',
  observed: `${status} observed`,
  expected: 'expected value',
  evidence: [`/etc/file:1: ${id}`],
  remediation: 'do this',
  durationMs: 1.5,
  ...extra,
});

export function fixtureResults(): ResultsFile {
  const results: Result[] = [
    base('HOST-SWAP', 'master', 'pass'),
    base('HOST-SWAP-FSTAB', 'node-0001', 'fail', {
      observed: '1 swap line <&"\'> in /etc/fstab',
      evidence: ['/etc/fstab:2: /dev/vdb2 none swap sw 0 0', 'a </script><script>alert(1)</script> line', 'control \u0001\u0007 chars'],
    }),
    base('HOST-SELINUX', 'master', 'warn', { severity: 'warn', observed: 'enforcing in /etc/selinux/config' }),
    base('HOST-SELINUX', 'node-0001', 'skip', { observed: 'not applicable', reason: 'SELinux is not present on this host' }),
    base('HOST-MODULES', 'node-0002', 'error', { observed: 'could not be evaluated', reason: 'host not probed: connect-timeout: no SSH session within 10 s' }),
    base('HOST-FIREWALLD', 'node-0001', 'waived', { waiver: { reason: 'firewall managed by the platform team', approver: 'ops-lead', expires: '2099-12-31' } }),
    base('HOST-CONFLICTS', 'node-0002', 'fail', { severity: 'warn', waiver: { reason: 'old waiver', expires: '2020-01-01', expired: true } }),
    base('HOST-UNIQUE-UUID', '*', 'pass', { group: 'identity' }),
    base('NODES-READY', 'node-0001', 'fail', { phase: 'postinstall', group: 'nodes', observed: 'Ready=False' }),
  ];
  return {
    version: 1,
    tool: { name: 'kubeadm-verify', version: '0.1.0' },
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:00:02.000Z',
    phases: ['preflight', 'postinstall'],
    profile: { kubernetesVersion: '1.29.2' },
    hosts: [
      { name: 'master', address: '192.0.2.4', roles: ['control-plane'], transport: 'ssh', reachable: true, probeMs: 210, roundTrips: 1 },
      { name: 'node-0001', address: '192.0.2.5', roles: ['worker'], transport: 'ssh', reachable: true, probeMs: 190, roundTrips: 1 },
      {
        name: 'node-0002',
        address: '192.0.2.6',
        roles: ['worker'],
        transport: 'ssh',
        reachable: false,
        error: 'connect-timeout',
        probeMs: 10000,
        roundTrips: 0,
      },
    ],
    results,
    summary: summarize(results),
  };
}

/** A large run for size and render measurements. */
export function bigResults(hosts: number, reqs: number): ResultsFile {
  const f = fixtureResults();
  const statuses: Status[] = ['pass', 'pass', 'pass', 'pass', 'fail', 'warn', 'skip', 'error'];
  f.hosts = Array.from({ length: hosts }, (_, i) => ({
    name: `node-${String(i).padStart(4, '0')}`,
    address: `192.0.2.${i % 250}`,
    roles: [i === 0 ? 'control-plane' : 'worker'],
    transport: 'ssh',
    reachable: true,
    probeMs: 200,
    roundTrips: 1,
  }));
  f.results = f.hosts.flatMap((h, i) =>
    Array.from({ length: reqs }, (_, j) =>
      base(`REQ-${String(j).padStart(3, '0')}`, h.name, statuses[(i * 7 + j) % statuses.length]!, { reason: 'because', evidence: [`/etc/x:${j}: value ${i}`] }),
    ),
  );
  f.summary = summarize(f.results);
  return f;
}
