// Parsers and judges on random and mutated input (fast-check): never a crash, never a `pass` from garbage.
// The judges are called directly (req.judge), not through evaluate(), whose catch-all would turn any crash into an
// `error` result and make "never throws" true by construction: here only MissingFact (a fact the judge needs is
// absent) may escape a judge, and a TypeError is a bug, not a described failure.
// Stand-ins: none (the real Debian 12 probe run, cut and spliced).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../lib/config/profile.ts';
import { parseContainerdConfig, parseHostsToml } from '../../lib/facts/containerd.ts';
import { parseFstab } from '../../lib/facts/fstab.ts';
import { parseHostsFile, parseResolution } from '../../lib/facts/hosts.ts';
import { parseModules } from '../../lib/facts/modules.ts';
import { parseNet } from '../../lib/facts/net.ts';
import { parseOsRelease } from '../../lib/facts/os-release.ts';
import { parsePackages } from '../../lib/facts/packages.ts';
import { parseProcNetTcp } from '../../lib/facts/listen.ts';
import { parseSwaps } from '../../lib/facts/swaps.ts';
import { parseServices } from '../../lib/facts/services.ts';
import { persistedSysctls } from '../../lib/facts/sysctl.ts';
import { parseFacts } from '../../lib/probe/facts.ts';
import { MissingFact, type Requirement, type RunContext } from '../../lib/requirements/define.ts';
import type { Fact, HostFacts } from '../../lib/probe/facts.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { shQuote } from '../../lib/transport/command.ts';
import { ctxFor, host, RECORDED } from '../helpers/facts.ts';

const RUNS = { numRuns: 300 };
const garbage = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b).toString('latin1')),
);

/** Parsers either return a value or throw an Error that describes the input; a TypeError/RangeError/ReferenceError is a crash. */
function total(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError, String(e)).toBe(false);
    expect((e as Error).message.length).toBeGreaterThan(0);
  }
}

const STATUSES = ['pass', 'fail', 'warn', 'skip', 'error'];
type Judged = { id: string; status: string; read: string[]; missing: string[] };

/** One requirement's judge, called directly, with the facts it reads recorded (a Proxy over the host's facts). */
function judgeDirect(r: Requirement, ctx: RunContext, target: string, facts: HostFacts): Judged {
  const read = new Set<string>();
  const spy = new Proxy(facts, { get: (o, k) => (typeof k === 'string' && read.add(k), Reflect.get(o, k)) });
  const spied: RunContext = { ...ctx, hosts: ctx.hosts.map((h) => ({ ...h, facts: spy })) };
  let status: string;
  try {
    status = r.judge(spied, target).status;
  } catch (e) {
    if (!(e instanceof MissingFact)) throw new Error(`${r.id} [${target}] crashed: ${(e as Error)?.stack ?? String(e)}`, { cause: e });
    status = 'error';
  }
  const missing = [...read].filter((k) => (facts as unknown as Record<string, Fact<unknown>>)[k]?.ok === false);
  return { id: r.id, status, read: [...read], missing };
}

describe('parsers on random input', () => {
  it('never crash with anything but a described Error', () => {
    fc.assert(
      fc.property(garbage, (s) => {
        for (const f of [
          parseOsRelease,
          parseSwaps,
          (x: string) => parseProcNetTcp(x, 4),
          parseFstab,
          parseHostsFile,
          (x: string) => parseResolution(x, ['master']),
          (x: string) => parseModules(x, [{ path: '/etc/modules-load.d/x.conf', content: x }]),
          parseNet,
          parsePackages,
          parseServices,
          (x: string) => persistedSysctls([{ path: '/etc/sysctl.d/x.conf', content: x }]),
          parseContainerdConfig,
          (x: string) => parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', x),
        ]) {
          total(() => f(s));
        }
      }),
      RUNS,
    );
  });
});

describe('the whole pipeline on mutated probe output', () => {
  const reqs = requirements('preflight').filter((r) => r.id !== 'HOST-IMAGES');
  const judgeAll = (stdout: string) => {
    const { facts } = parseFacts(stdout, 'recordednonce', { host: 'harbor', port: 443 }, ['localhost']);
    const ctx = ctxFor([{ spec: host('vm'), facts }]);
    return reqs.flatMap((r) => r.targets(ctx).map((t) => judgeDirect(r, ctx, t, facts)));
  };
  const baseline = judgeAll(RECORDED);
  // inside every section marker and just after it: the cuts most likely to confuse the splitter
  const markerCuts = [...RECORDED.matchAll(/@@KVrecordednonce [^\n]*?@@\n?/g)]
    .flatMap((m) => [m.index! + 1, m.index! + m[0].length - 1, m.index! + m[0].length])
    .filter((c) => c >= 0 && c <= RECORDED.length);

  const truncatedNeverPasses = (cut: number) => {
    const results = judgeAll(RECORDED.slice(0, cut));
    expect(results.length).toBe(baseline.length);
    for (const r of results) {
      expect(STATUSES).toContain(r.status);
      // a requirement that read a fact the cut removed is never a pass
      if (r.missing.length) expect(r.status, `${r.id} read missing ${r.missing.join(', ')} at cut ${cut}`).not.toBe('pass');
    }
    return results;
  };

  it('the baseline reads real facts: every requirement reads at least one, and none is missing', () => {
    expect(baseline.length).toBe(reqs.length); // one host: one verdict per requirement (fleet-wide ones: "*")
    for (const r of baseline) {
      if (r.status !== 'skip') expect(r.read.length, r.id).toBeGreaterThan(0); // fleet-wide ones skip on one host
      expect(r.missing, r.id).toEqual([]);
    }
    expect(baseline.filter((r) => r.status === 'pass').length).toBeGreaterThan(10);
  });

  it('truncated output at every section boundary: a requirement whose facts were cut off is never `pass`', () => {
    expect(markerCuts.length).toBeGreaterThan(100);
    let sawMissing = 0;
    for (const cut of markerCuts) sawMissing += truncatedNeverPasses(cut).filter((r) => r.missing.length).length;
    expect(sawMissing).toBeGreaterThan(0); // the cuts did remove facts the judges read
  });

  it('truncated output at random cut points: the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: RECORDED.length }), (cut) => void truncatedNeverPasses(cut)),
      { numRuns: 200 },
    );
  });

  it('with nothing at all, nothing passes (except what needs no host fact)', () => {
    const none = judgeAll('');
    expect(none.filter((r) => r.status === 'pass' && r.missing.length)).toEqual([]);
    expect(none.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual([]);
  });

  it('random bytes spliced in: no judge crashes, every status is valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: RECORDED.length }), garbage, (at, junk) => {
        const results = judgeAll(RECORDED.slice(0, at) + junk + RECORDED.slice(at));
        expect(results.length).toBe(baseline.length);
        for (const r of results) expect(STATUSES).toContain(r.status);
      }),
      { numRuns: 200 },
    );
  });

  it('a huge output (another locale, binary) is handled', () => {
    const big = RECORDED.replace('@@KVrecordednonce /fstab rc=0@@', `${'ü\u0000\u00ff'.repeat(200_000)}\n@@KVrecordednonce /fstab rc=0@@`);
    expect(big.length).toBeGreaterThan(RECORDED.length + 500_000);
    expect(judgeAll(big).length).toBe(baseline.length);
  });
});

describe('quoting', () => {
  it('shQuote round-trips any string through /bin/sh unchanged', async () => {
    const { execFileSync } = await import('node:child_process');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }).filter((s) => !s.includes('\0')),
        (s) => {
          expect(execFileSync('/bin/sh', ['-c', `printf %s ${shQuote(s)}`]).toString()).toBe(s);
        },
      ),
      { numRuns: 150 },
    );
  });
  it('the default profile is untouched by all of this', () => {
    expect(defaultProfile().kubernetesVersion).toBe('1.29.2');
  });
});
