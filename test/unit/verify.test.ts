// runVerification (lib/run/verify.ts) called as a library, without the CLI: the suites run in vitest on facts
// handed to it, the waivers are applied once, and the statuses come back — no argv, no exit, no reports.
// Stand-ins: the probe (options.gather) returns facts parsed from a real Debian 12 probe recording
// (fixtures/recorded/debian12-local-probe.txt) instead of connecting to hosts; vitest and the judges are real.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../lib/config/profile.ts';
import { allRequirements } from '../../lib/requirements/index.ts';
import { selectRequirements } from '../../lib/requirements/select.ts';
import type { GatheredHost } from '../../lib/run/gather-hosts.ts';
import { runVerification, startVerification, type VerifyOptions } from '../../lib/run/verify.ts';
import { host, recordedFacts } from '../helpers/facts.ts';

const cp = host('cp1', ['control-plane'], '10.0.0.1');
const swapped = host('w1', ['worker'], '10.0.0.2');
const down = host('w2', ['worker'], '10.0.0.3');

/** cp1: the recording as it is (no swap); w1: the same with one swap device; w2: not reachable. */
const gather: VerifyOptions['gather'] = async (hosts) =>
  hosts.map((spec): GatheredHost => {
    if (spec.name === 'w2') return { spec, error: 'connect-refused: 10.0.0.3:22 refused the connection', connections: 1, roundTrips: 0 };
    const facts = recordedFacts();
    if (spec.name === 'w1') facts.swaps = { ok: true, value: [{ filename: '/swap.img', type: 'file', sizeKiB: 2097152 }] };
    return { spec, facts, connections: 1, roundTrips: 1, probeMs: 1 };
  });

function options(over: Partial<VerifyOptions> = {}): VerifyOptions {
  const hosts = [cp, swapped, down];
  return {
    phases: ['preflight'],
    hosts,
    inventory: hosts,
    profile: defaultProfile(),
    selection: selectRequirements(allRequirements(), ['HOST-SWAP', 'HOST-OS'], []),
    evidenceDir: mkdtempSync(join(tmpdir(), 'kv-verify-')),
    gather,
    ...over,
  };
}

const statuses = (results: { id: string; host: string; status: string }[]) => Object.fromEntries(results.map((r) => [`${r.id} [${r.host}]`, r.status]));

describe('runVerification', () => {
  it('judges the gathered facts in vitest and returns every status: pass, fail, error (unreachable host)', async () => {
    const logged: string[] = [];
    const o = options({ log: (m) => logged.push(m) });
    const v = await runVerification(o);
    expect(statuses(v.results)).toEqual({
      'HOST-SWAP [cp1]': 'pass',
      'HOST-SWAP [w1]': 'fail',
      'HOST-SWAP [w2]': 'error',
      'HOST-OS [cp1]': 'pass',
      'HOST-OS [w1]': 'pass',
      'HOST-OS [w2]': 'error',
    });
    expect(v.results.find((r) => r.id === 'HOST-SWAP' && r.host === 'w1')!.observed).toMatch(/1 active swap device\(s\): \/swap\.img/);
    expect(v.hosts.map((h) => [h.name, h.reachable, h.error ?? ''])).toEqual([
      ['cp1', true, ''],
      ['w1', true, ''],
      ['w2', false, 'connect-refused: 10.0.0.3:22 refused the connection'],
    ]);
    expect(v.interrupted).toBeUndefined();
    expect(v.problems).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^\[kubeadm-verify\] probed 2\/3 host\(s\) in \d+ ms/)]);
    // the evidence bundle is written where it was told, and the worker's private input is gone
    expect(existsSync(join(o.evidenceDir, '.run', 'context.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(o.evidenceDir, '.run', 'context.json'), 'utf8')).ctx.hosts).toHaveLength(3);
    // a library call leaves no exit code and no environment behind (vitest sets one for every failed test, i.e. every fail verdict)
    expect(process.exitCode).toBeUndefined();
    expect([process.env.KV_CONTEXT, process.env.KV_RESULTS_FILE]).toEqual([undefined, undefined]);
  });

  it('applies the waivers once: a matching one turns fail into waived, a stale one is returned as unused', async () => {
    const v = await runVerification(
      options({
        waivers: [
          { id: 'HOST-SWAP', host: 'w1', reason: 'swap accepted on w1 until the disk is replaced' },
          { id: 'HOST-SELINUX', host: '*', reason: 'nothing matches this one' },
        ],
      }),
    );
    const w1 = v.results.find((r) => r.id === 'HOST-SWAP' && r.host === 'w1')!;
    expect(w1.status).toBe('waived');
    expect(w1.waiver?.reason).toBe('swap accepted on w1 until the disk is replaced');
    expect(statuses(v.results)['HOST-SWAP [cp1]']).toBe('pass');
    expect(v.unusedWaivers.map((w) => w.id)).toEqual(['HOST-SELINUX']);
  });

  it('an aborted signal stops it before judging: no verdicts, marked interrupted during the probe', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    const v = await runVerification(options({ signal: ac.signal }));
    expect(v.interrupted).toEqual({ during: 'probe' });
    expect(v.results).toEqual([]);
  });

  it('partial() taken while the probe still runs: every host an error saying it was interrupted, and the run ends with that same answer', async () => {
    const ac = new AbortController();
    let release!: () => void;
    const hung: VerifyOptions['gather'] = (hosts, g) =>
      new Promise((r) => {
        release = () => r(hosts.map((spec) => ({ spec, error: 'interrupted (SIGINT/SIGTERM) before the probe finished', connections: 1, roundTrips: 0 })));
        g.signal?.addEventListener('abort', release, { once: true });
      });
    const run = startVerification(options({ gather: hung, signal: ac.signal }));
    ac.abort(new Error('stop'));
    const p = run.partial();
    expect(p.interrupted).toEqual({ during: 'probe' });
    expect(p.hosts.map((h) => [h.name, h.reachable, h.error])).toEqual([
      ['cp1', false, 'interrupted (SIGINT/SIGTERM) before the probe finished'],
      ['w1', false, 'interrupted (SIGINT/SIGTERM) before the probe finished'],
      ['w2', false, 'interrupted (SIGINT/SIGTERM) before the probe finished'],
    ]);
    expect(await run.result).toBe(p);
  });
});
