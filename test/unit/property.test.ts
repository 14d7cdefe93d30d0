// Parsers and judges on random and mutated input (fast-check): never a crash, never a `pass` from garbage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../lib/config/profile.ts';
import { parseContainerdConfig, parseHostsToml } from '../../lib/parse/containerd.ts';
import { parseFstab } from '../../lib/parse/fstab.ts';
import { parseHostsFile, parseResolution } from '../../lib/parse/hosts.ts';
import { parseModules } from '../../lib/parse/modules.ts';
import { parseNet } from '../../lib/parse/net.ts';
import { parseOsRelease } from '../../lib/parse/os-release.ts';
import { parsePackages } from '../../lib/parse/packages.ts';
import { parseProcNetTcp, parseSwaps } from '../../lib/parse/proc.ts';
import { parseServices } from '../../lib/parse/services.ts';
import { persistedSysctls } from '../../lib/parse/sysctl.ts';
import { parseFacts } from '../../lib/probe/facts.ts';
import { evaluate } from '../../lib/requirements/define.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { shQuote } from '../../lib/transport/command.ts';
import { ctxFor, host, RECORDED } from '../helpers/facts.ts';

const RUNS = { numRuns: 300 };
const garbage = fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b).toString('latin1')));

/** Parsers either return a value or throw an Error with a message; nothing else escapes. */
function total(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message.length).toBeGreaterThan(0);
  }
}

describe('parsers on random input', () => {
  it('never crash with anything but a described Error', () => {
    fc.assert(
      fc.property(garbage, (s) => {
        for (const f of [parseOsRelease, parseSwaps, (x: string) => parseProcNetTcp(x, 4), parseFstab, parseHostsFile, (x: string) => parseResolution(x, ['master']), (x: string) => parseModules(x, [{ path: '/etc/modules-load.d/x.conf', content: x }]), parseNet, parsePackages, parseServices, (x: string) => persistedSysctls([{ path: '/etc/sysctl.d/x.conf', content: x }]), parseContainerdConfig, (x: string) => parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', x)]) {
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
    return reqs.flatMap((r) => r.targets(ctx).map((t) => evaluate(r, ctx, t)));
  };
  const baseline = new Map(judgeAll(RECORDED).map((r) => [`${r.id} ${r.host}`, r.status]));

  it('truncated output: never throws; a requirement whose facts were cut off is `error`, not `pass`', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: RECORDED.length }), (cut) => {
        const results = judgeAll(RECORDED.slice(0, cut));
        for (const r of results) expect(['pass', 'fail', 'warn', 'skip', 'error']).toContain(r.status);
        // with nothing at all, nothing passes
        if (cut < 50) expect(results.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes spliced in: never throws, every status is valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: RECORDED.length }), garbage, (at, junk) => {
        const results = judgeAll(RECORDED.slice(0, at) + junk + RECORDED.slice(at));
        expect(results.length).toBe(baseline.size);
        for (const r of results) expect(['pass', 'fail', 'warn', 'skip', 'error']).toContain(r.status);
      }),
      { numRuns: 200 },
    );
  });

  it('a huge output (another locale, binary) is handled', () => {
    const big = RECORDED.replace('@@KVrecordednonce /fstab rc=0@@', `${'ü\u0000\u00ff'.repeat(200_000)}\n@@KVrecordednonce /fstab rc=0@@`);
    expect(() => judgeAll(big)).not.toThrow();
  });
});

describe('quoting', () => {
  it('shQuote round-trips any string through /bin/sh unchanged', async () => {
    const { execFileSync } = await import('node:child_process');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).filter((s) => !s.includes('\0')), (s) => {
        expect(execFileSync('/bin/sh', ['-c', `printf %s ${shQuote(s)}`]).toString()).toBe(s);
      }),
      { numRuns: 150 },
    );
  });
  it('the default profile is untouched by all of this', () => {
    expect(defaultProfile().kubernetesVersion).toBe('1.29.2');
  });
});
