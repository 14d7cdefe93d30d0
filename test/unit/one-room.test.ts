// The lists that must agree across the probe and the requirements (issue 10, item 8): a requirement must never read
// something the probe does not collect. Each of these broke once by hand (iproute: 001's EL7 tc package was asked
// for and never queried, a false "missing").
// Stand-ins: none (the real probe script, facts.ts and requirement sources are read; HOST-BINARIES' list is asked of its
// judge on the reference host of test/helpers/reference.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROCESS_OF } from '../../lib/parse/services.ts';
import { BINARIES, PACKAGES, probeScript, UNITS } from '../../lib/probe/script.ts';
import { PACKAGE_NAMES } from '../../lib/requirements/preflight/runtime.ts';
import { judge, ok } from '../helpers/facts.ts';
import { twoHosts } from '../helpers/reference.ts';

const FACTS = readFileSync(new URL('../../lib/probe/facts.ts', import.meta.url), 'utf8');

describe('every fact a requirement reads is collected by the one probe', () => {
  const script = probeScript({ nonce: 'abcdefgh12', resolveNames: [], postinstall: true });
  it('each section parseFacts reads is a section the probe runs', () => {
    const read = [...new Set([...FACTS.matchAll(/fact\(S, '([a-z_-]+)'/g), ...FACTS.matchAll(/S\.get\('([a-z_-]+)'\)/g), ...FACTS.matchAll(/S\.has\('([a-z_-]+)'\)/g)].map((m) => m[1]!))];
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
    // asked of the judge itself (a host with no binary at all: it names every one it wants), not read from
    // runtime.ts's source text, which mutation testing (Stryker) rewrites
    const r = judge('HOST-BINARIES', twoHosts((m) => void (m.binaries = ok({}))), 'master');
    const want = /^missing: (.+)$/.exec(r.observed)?.[1]?.split(', ') ?? [];
    expect(want).toContain('crictl');
    expect(want.length).toBeGreaterThan(5);
    expect(want.filter((b) => !BINARIES.includes(b))).toEqual([]);
  });
});
