// The run as a library: gather the facts once, judge them in vitest (suites/), apply the waivers, hand back the
// results and the run's facts. No argv, no process.exit, no reports, no console summary: that is the CLI's
// (lib/cli/main.ts). What it says goes to the logger it is given (the CLI's is stderr, scrubbed).
//
// Stopping: when `signal` aborts, every phase stops (connections close, vitest is no longer waited for) and the
// run resolves with what was known by then, marked `interrupted`. A caller that cannot wait for that (the CLI's
// grace deadline, lib/run/interrupt.ts) takes `partial()` of the handle instead, synchronously.
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { KubeConfig } from '@kubernetes/client-node';
import type { InventoryHost } from '../config/inventory.ts';
import type { Profile } from '../config/profile.ts';
import type { ProbeOptions } from '../facts/fact.ts';
import type { ClusterExtra } from '../cluster/snapshot.ts';
import type { RunContext } from '../requirements/define.ts';
import { requirements } from '../requirements/index.ts';
import { resolveSelector, type Selection } from '../requirements/select.ts';
import type { HostSummary, Phase, Result } from '../types.ts';
import { applyWaivers, type Waiver } from '../waivers.ts';
import { ResultCollector } from './collector.ts';
import { CONTEXT_ENV, RESULTS_ENV, writeRunFile, writeWorkerInput } from './context-file.ts';
import { gatherHosts, type GatheredHost, type GatherOptions } from './gather-hosts.ts';
import { collectGarbage } from './gc.ts';
import { memTrace } from './memtrace.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface VerifyOptions {
  phases: Phase[];
  /** the hosts to probe, in inventory order */
  hosts: InventoryHost[];
  /** every inventory host: names resolved on each host, jump hosts, the fleet view of the judges */
  inventory: InventoryHost[];
  profile: Profile;
  /** --check / --skip (lib/requirements/select.ts); default: every requirement of the phases */
  selection?: Selection;
  /** applied once, to every result (waivers.yaml's, and kubeadmConfigWaivers() of the profile) */
  waivers?: Waiver[];
  /** postinstall: the cluster's access (a KubeConfig already loaded, or the file to load) */
  kube?: KubeConfig;
  kubeconfig?: string;
  dataplane?: boolean;
  dataplaneImage?: string;
  acceptNewHostKeys?: boolean;
  /** hosts probed at once (default 32) */
  concurrency?: number;
  /** the evidence bundle (scrubbed facts) goes to <evidenceDir>/.run/context.json */
  evidenceDir: string;
  log?: (msg: string) => void;
  onProgress?: GatherOptions['onProgress'];
  signal?: AbortSignal;
  /** the probe of the hosts; a stand-in in tests (default: gatherHosts, one SSH/local round trip per host) */
  gather?: typeof gatherHosts;
}

/** What a run found: every report is written from this (lib/cli/main.ts builds results.json from it). */
export interface Verification {
  startedAt: string;
  finishedAt: string;
  phases: Phase[];
  hosts: HostSummary[];
  /** every verdict, waivers applied */
  results: Result[];
  /** waivers of waivers.yaml that matched no result (the kubeadm config's are not listed: they name checks, not findings) */
  unusedWaivers: Waiver[];
  /** our own code failed: a test that ended without a verdict, an unhandled error in the suites */
  problems: string[];
  /** the run was stopped through `signal`: the results are what was known by then */
  interrupted?: { during: Stage };
}

export type Stage = 'probe' | 'registry and cluster gathering' | 'judging';

export interface VerificationHandle {
  /** resolves when the run ends (or has stopped after an abort); never rejects for a host's failure */
  result: Promise<Verification>;
  /** the run as far as it got, taken now (synchronously). The first of partial() and the run's end fixes the
   * Verification: both return that same one from then on. */
  partial(): Verification;
}

/** Above this (nodes × 4 + pods / 10 + hosts × 30; 5,000 nodes + 50,000 pods = 25,000) a run favours memory. */
const LOW_MEMORY_WEIGHT = 10_000;

function runWeight(snap: ClusterExtra['snapshot'], hosts: number): number {
  return (snap?.nodes.ok ? snap.nodes.items.length : 0) * 4 + (snap?.pods.ok ? snap.pods.items.length : 0) / 10 + hosts * 30;
}

/** Gather, judge, apply the waivers; resolves with the results. */
export function runVerification(o: VerifyOptions): Promise<Verification> {
  return startVerification(o).result;
}

export function startVerification(o: VerifyOptions): VerificationHandle {
  const log = o.log ?? (() => {});
  const signal = o.signal ?? new AbortController().signal;
  /** settles (never rejects) when the run is stopped: long waits race against it */
  const stopped = new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
  const unlessStopped = <T>(p: Promise<T>): Promise<T | undefined> => Promise.race([p, stopped.then(() => undefined)]);
  const startedAt = new Date().toISOString();
  let stage: Stage = 'probe';
  let gathered: GatheredHost[] | undefined;
  let collector: ResultCollector | undefined;
  let taken: Verification | undefined;

  const partial = (): Verification => (taken ??= snapshot());
  function snapshot(): Verification {
    // hosts never reached when the run was stopped during the probe: each an error saying so
    const hosts: HostSummary[] = (
      gathered ?? o.hosts.map((spec) => ({ spec, error: 'interrupted (SIGINT/SIGTERM) before the probe finished' }) as GatheredHost)
    ).map((g) => ({
      name: g.spec.name,
      address: g.spec.address,
      roles: g.spec.roles,
      transport: g.spec.transport,
      reachable: !!gathered && !g.error,
      ...(g.error ? { error: g.error } : {}),
      probeMs: g.probeMs,
      roundTrips: g.roundTrips,
    }));
    // waivers: applied here, once, to every result; every output is written from these
    const { results, unmatched } = applyWaivers(collector?.takeResults() ?? [], o.waivers ?? []);
    const problems = collector?.problems ?? [];
    for (const p of problems) log(`[kubeadm-verify] ${p}`);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      phases: o.phases,
      hosts,
      results,
      problems,
      unusedWaivers: unmatched.filter((w) => !w.origin),
      ...(signal.aborted ? { interrupted: { during: stage } } : {}),
    };
  }

  async function run(): Promise<Verification> {
    const ctx: RunContext = { profile: o.profile, hosts: [], inventory: o.inventory, extra: {} };
    const t0 = performance.now();
    const profile = o.profile;
    gathered = await (o.gather ?? gatherHosts)(o.hosts, {
      nonce: randomBytes(8).toString('hex'),
      resolveNames: o.inventory.map((h) => h.name),
      registry: profile.registry.enabled ? registryTarget(profile.registry.name) : undefined,
      design: probeDesign(profile),
      postinstall: o.phases.includes('postinstall'),
      acceptNewHostKeys: o.acceptNewHostKeys ?? false,
      concurrency: o.concurrency ?? 32,
      inventory: o.inventory,
      signal,
      onProgress: o.onProgress,
    });
    memTrace('hosts probed');
    const reached = gathered.filter((g) => g.facts).length;
    log(`[kubeadm-verify] probed ${reached}/${gathered.length} host(s) in ${Math.round(performance.now() - t0)} ms (one connection, one round trip each)`);
    if (signal.aborted) return partial();
    ctx.hosts = gathered.map(({ spec, facts, error }) => ({ spec, facts, error }));

    stage = 'registry and cluster gathering';
    if (o.phases.includes('preflight')) {
      const { gatherRegistryExtra } = await import('./gather-registry.ts');
      ctx.extra.registry = await unlessStopped(gatherRegistryExtra(profile).catch((e: Error) => ({ error: `registry check failed: ${e.message}` })));
    }
    if (o.phases.includes('postinstall') && !signal.aborted) {
      const { gatherCluster } = await import('../cluster/gather.ts');
      ctx.extra.cluster = await unlessStopped(
        gatherCluster({
          kc: o.kube,
          kubeconfig: o.kubeconfig,
          profile,
          inventory: o.inventory,
          dataplane: o.dataplane ?? false,
          dataplaneImage: o.dataplaneImage,
          signal,
        }).catch((e: Error) => ({ error: `cluster snapshot failed: ${e.message}` })),
      );
    }
    memTrace('cluster snapshot taken');
    if (signal.aborted) return partial();

    // A large cluster (or fleet): from here on V8 favours memory over speed — the suite worker and the reports then
    // hold every verdict. At 5,000 nodes / 50,000 pods this halves peak RSS for a few seconds more.
    // (a function, so that no local of this async function keeps the snapshot alive while the suites judge it)
    const weight = runWeight((ctx.extra.cluster as ClusterExtra | undefined)?.snapshot, o.hosts.length);
    if (process.env.KV_LOW_MEMORY === '1' || (process.env.KV_LOW_MEMORY !== '0' && weight > LOW_MEMORY_WEIGHT)) {
      setFlagsFromString('--optimize-for-size');
      log('[kubeadm-verify] large run: V8 set to favour memory over speed (KV_LOW_MEMORY=0 turns this off)');
    }

    // the evidence bundle is scrubbed; the suites judge the facts as gathered (a private file, removed after the run)
    const runFile = { version: 1 as const, startedAt, phases: o.phases, ctx, selection: o.selection ?? { skipped: {} } };
    writeRunFile(join(resolve(o.evidenceDir), '.run', 'context.json'), runFile);
    memTrace('context.json written');
    const workerInput = writeWorkerInput(runFile);
    // the suites read the facts from that file: drop this process's copy (at 5,000 nodes / 50,000 pods the
    // snapshot is the largest thing here) before vitest starts
    ctx.hosts = [];
    ctx.extra = {};
    for (const g of gathered) delete g.facts;
    collectGarbage();
    memTrace('worker input written, facts dropped');
    const envBefore = { [CONTEXT_ENV]: process.env[CONTEXT_ENV], [RESULTS_ENV]: process.env[RESULTS_ENV] };
    try {
      return await judge(workerInput);
    } finally {
      workerInput.remove();
      // a library call leaves the environment as it found it (the suites' workers have their own copies)
      for (const [k, val] of Object.entries(envBefore)) {
        if (val === undefined) delete process.env[k];
        else process.env[k] = val;
      }
    }
  }

  /** The suites in vitest, reading the worker input; the verdicts are taken before its directory goes. */
  async function judge(workerInput: ReturnType<typeof writeWorkerInput>): Promise<Verification> {
    stage = 'judging';
    process.env[CONTEXT_ENV] = workerInput.path;
    process.env[RESULTS_ENV] = workerInput.results;
    collector = new ResultCollector(workerInput.results);
    // loading vitest takes seconds on a busy machine: a stop during it ends the run now, not after it
    const vitestNode = await unlessStopped(import('vitest/node'));
    if (!vitestNode || signal.aborted) return partial();
    const { startVitest } = vitestNode;
    // vitest sets process.exitCode when a test fails (every fail verdict is one): the caller decides the exit code
    const exitCodeBefore = process.exitCode;
    const vitest = await unlessStopped(
      startVitest(
        'test',
        o.phases.map((p) => `suites/${p}.test.ts`),
        {
          root: ROOT,
          config: join(ROOT, 'vitest.config.ts'),
          watch: false,
          reporters: [collector, ...(process.env.KV_VITEST_VERBOSE ? ['default'] : [])],
          silent: true,
          passWithNoTests: false,
        },
      ),
    );
    if (signal.aborted) return partial();
    memTrace('suites done');
    await vitest?.close();
    process.exitCode = exitCodeBefore;
    return partial();
  }

  return { result: run(), partial };
}

/** "host[:port]" of the profile's registry, for the probe's reachability check (port 443 by default). */
/** What the probe is told of the design: where its runtime lives, and the sysctls it sets (read live beside kubeadm's). */
export function probeDesign(profile: Profile): NonNullable<ProbeOptions['design']> {
  return {
    runtime: profile.runtime.name,
    configPath: profile.runtime.configPath,
    service: profile.runtime.service,
    criSocket: profile.criSocket,
    sysctls: Object.keys(profile.sysctls),
  };
}

export function registryTarget(name: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(name);
  if (!m) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2] ?? 443) };
}

/**
 * kubeadm's nodeRegistration.ignorePreflightErrors (InitConfiguration / JoinConfiguration): the checks named there
 * are accepted — shown as `waived` with that reason, never hidden. kubeadm's own check names (Swap, NumCPU,
 * Port-6443, …) and our IDs both work; "all" accepts every preflight finding. Errors stay errors.
 */
export function kubeadmConfigWaivers(profile: Profile, say: (m: string) => void): Waiver[] {
  const names = profile.ignorePreflightErrors ?? [];
  const origin = profile.origin.ignorePreflightErrors ?? 'the kubeadm config';
  const ids = requirements('preflight').map((r) => r.id);
  const out: Waiver[] = [];
  for (const name of names) {
    const reason = `accepted by nodeRegistration.ignorePreflightErrors "${name}" (${origin})`;
    let matched: string[];
    if (name.toLowerCase() === 'all') matched = ids;
    else {
      try {
        matched = resolveSelector(name, ids, 'ignorePreflightErrors');
      } catch (e) {
        say(`[kubeadm-verify] ${(e as Error).message.replace(/ \(--list.*\)$/, '')}: nothing accepted for it`);
        continue;
      }
    }
    for (const id of matched) out.push({ id, host: '*', reason, origin: 'kubeadm-config' });
  }
  return out;
}
