// `npm test -- …`: parse flags, gather facts once, run the suites in vitest, write reports, exit 0/1/2.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/errors.ts';
import { prepareReportDir } from '../dirs.ts';
import { loadInventory, localInventory, selectHosts, type Inventory, type InventoryHost } from '../config/inventory.ts';
import { buildProfile, profileForReport } from '../config/profile.ts';
import { exitCode, summarize } from '../report/summary.ts';
import { formatSummary, shouldColor } from '../report/console.ts';
import { writeReports } from '../report/write.ts';
import { scrub } from '../redact.ts';
import type { ClusterExtra } from '../cluster/snapshot.ts';
import type { RunContext } from '../requirements/define.ts';
import { gatherHosts, type GatheredHost } from '../run/gather-hosts.ts';
import { CONTEXT_ENV, RESULTS_ENV, writeRunFile, writeWorkerInput } from '../run/context-file.ts';
import { ResultCollector } from '../run/collector.ts';
import { trapInterrupts } from '../run/interrupt.ts';
import { memTrace } from '../run/memtrace.ts';
import { collectGarbage } from '../run/gc.ts';
import type { HostSummary, ResultsFile } from '../types.ts';
import { applyWaivers, loadWaivers, type Waiver } from '../waivers.ts';
import { compare, formatChanges } from '../report/compare.ts';
import { parseCli, USAGE, type CliOptions } from './args.ts';
import { allRequirements, requirements } from '../requirements/index.ts';
import { listRequirements, resolveSelector, selectRequirements, type Selection } from '../requirements/select.ts';
import type { Profile } from '../config/profile.ts';

/**
 * kubeadm's nodeRegistration.ignorePreflightErrors (InitConfiguration / JoinConfiguration): the checks named there
 * are accepted — shown as `waived` with that reason, never hidden. kubeadm's own check names (Swap, NumCPU,
 * Port-6443, …) and our IDs both work; "all" accepts every preflight finding. Errors stay errors.
 */
function ignoredByKubeadmConfig(profile: Profile, say: (m: string) => void): Waiver[] {
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

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (msg: string) => process.stderr.write(`${scrub(msg)}\n`);

function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function resolveInventory(o: CliOptions): Inventory {
  const file = o.inventory ?? (existsSync('inventory.yaml') ? 'inventory.yaml' : undefined);
  if (!file) {
    if (o.hosts.length) throw new ConfigError(`--host ${o.hosts.join(',')} needs an inventory (--inventory FILE, or ./inventory.yaml)`);
    const name = hostname().toLowerCase();
    return localInventory(name, o.role ? [o.role] : ['control-plane']);
  }
  return loadInventory(file);
}

function applyTimeouts(hosts: InventoryHost[], o: CliOptions): InventoryHost[] {
  return hosts.map((h) => ({
    ...h,
    ...(o.connectTimeout ? { connectTimeoutSeconds: o.connectTimeout } : {}),
    ...(o.commandTimeout ? { commandTimeoutSeconds: o.commandTimeout } : {}),
  }));
}

function registryTarget(name: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(name);
  if (!m) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2] ?? 443) };
}

/** Above this (nodes × 4 + pods / 10 + hosts × 30; 5,000 nodes + 50,000 pods = 25,000) a run favours memory. */
const LOW_MEMORY_WEIGHT = 10_000;

function runWeight(snap: ClusterExtra['snapshot'], hosts: number): number {
  return (snap?.nodes.ok ? snap.nodes.items.length : 0) * 4 + (snap?.pods.ok ? snap.pods.items.length : 0) / 10 + hosts * 30;
}

export async function main(argv: string[]): Promise<number> {
  let o: CliOptions;
  let inventory: Inventory;
  let selected: InventoryHost[];
  let waivers: Waiver[] = [];
  let compareWith: ResultsFile | undefined;
  let profile: ReturnType<typeof buildProfile>;
  let kube: import('@kubernetes/client-node').KubeConfig | undefined;
  let selection: Selection = { skipped: {} };
  try {
    o = parseCli(argv);
    if (o.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (o.version) {
      process.stdout.write(`kubeadm-verify ${version()}\n`);
      return 0;
    }
    if (o.list) {
      process.stdout.write(`${listRequirements(allRequirements())}\n`);
      return 0;
    }
    // before any probe: a run that cannot write its report must not audit a fleet first
    const reportDirProblem = prepareReportDir(o.reportDir);
    if (reportDirProblem) throw new ConfigError(reportDirProblem);
    selection = selectRequirements(allRequirements(), o.check, o.skip);
    if (o.phases.includes('postinstall')) {
      const { prepareCluster } = await import('../cluster/gather.ts');
      kube = prepareCluster({ kubeconfig: o.kubeconfig }).kc;
    }
    inventory = resolveInventory(o);
    inventory = { ...inventory, hosts: applyTimeouts(inventory.hosts, o) };
    selected = selectHosts(inventory, o.hosts, o.role);
    profile = buildProfile({ profileFile: o.profile ?? inventory.profileFile, kubeadmConfigFile: o.kubeadmConfig });
    if (o.waivers) waivers = loadWaivers(o.waivers);
    waivers.push(...ignoredByKubeadmConfig(profile, log));
    if (o.compare) {
      try {
        compareWith = JSON.parse(readFileSync(o.compare, 'utf8')) as ResultsFile;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        // JSON.parse quotes a cut excerpt of the input ("hello "wor"... is not valid JSON): say what the file should be
        throw new ConfigError(err instanceof SyntaxError ? 'not a results.json of an earlier run (not valid JSON)' : err.code === 'ENOENT' ? 'file not found' : `cannot read: ${err.code ?? err.message.split('\n')[0]}`, { file: o.compare });
      }
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      log(`kubeadm-verify: ${e.message}`);
      return 2;
    }
    throw e;
  }

  // said once the command line and every file are known to be fine: an error stays the only line
  if (inventory.hosts.length === 1 && inventory.hosts[0]!.transport === 'local' && !inventory.file) log(`[kubeadm-verify] no inventory: auditing this machine (${inventory.hosts[0]!.name}) through the local transport`);
  const startedAt = new Date().toISOString();
  const reportDir = resolve(o.reportDir);
  const allure = process.env.KV_ALLURE !== '0';
  // results of an earlier run left in allure-results/ would show as retries: cleared now, rewritten at the end
  try {
    rmSync(join(reportDir, 'allure-results'), { recursive: true, force: true });
  } catch {
    // the report dir was proven writable above; a leftover that cannot be removed is overwritten file by file
  }
  // SIGINT/SIGTERM from here on: stop, close, write the partial report, exit 130/143 within 2 s (lib/run/interrupt.ts)
  const intr = trapInterrupts(log);
  const ac = { signal: intr.signal };
  /** a wait that ends early when the run is interrupted */
  const unlessInterrupted = <T>(p: Promise<T>): Promise<T | undefined> => Promise.race([p, intr.interrupted.then(() => undefined)]);
  let phase = 'probe';
  let collector: ResultCollector | undefined;
  let finished: Promise<number> | undefined;
  // the one way a run ends: reports from what is known (everything, or as far as it got when interrupted)
  const finish = (): Promise<number> => (finished ??= writeRun());
  intr.setLastWords(() => void finish());

  const ctx: RunContext = { profile, hosts: [], inventory: inventory.hosts, extra: {} };
  let gathered: GatheredHost[] | undefined;
  const t0 = performance.now();
  gathered = await gatherHosts(selected, {
    nonce: randomBytes(8).toString('hex'),
    resolveNames: inventory.hosts.map((h) => h.name),
    registry: profile.registry.enabled ? registryTarget(profile.registry.name) : undefined,
    design: { runtime: profile.runtime.name, configPath: profile.runtime.configPath, service: profile.runtime.service, criSocket: profile.criSocket },
    postinstall: o.phases.includes('postinstall'),
    acceptNewHostKeys: o.acceptNewHostKeys,
    concurrency: o.concurrency,
    inventory: inventory.hosts,
    signal: ac.signal,
    onProgress: (() => {
      const since = new Map<string, number>();
      const tty = !!process.stderr.isTTY;
      return (host: string, state: string, detail?: string) => {
        if (state === 'connecting') since.set(host, performance.now());
        const ms = Math.round(performance.now() - (since.get(host) ?? performance.now()));
        // on a terminal every step; in CI logs one line per host (done or failed)
        if (tty || state === 'done' || state === 'failed') log(`[${host}] ${state}${state === 'done' || state === 'failed' ? ` in ${ms} ms` : ''}${detail ? `: ${detail}` : ''}`);
      };
    })(),
  });
  memTrace('hosts probed');
  const reached = gathered.filter((g) => g.facts).length;
  const reachable = new Set(gathered.filter((g) => g.facts).map((g) => g.spec.name));
  log(`[kubeadm-verify] probed ${reached}/${gathered.length} host(s) in ${Math.round(performance.now() - t0)} ms (one connection, one round trip each)`);
  if (intr.signal.aborted) return finish();
  ctx.hosts = gathered.map(({ spec, facts, error }) => ({ spec, facts, error }));

  phase = 'registry and cluster gathering';
  if (o.phases.includes('preflight')) {
    const { gatherRegistryExtra } = await import('../run/gather-registry.ts');
    ctx.extra.registry = await unlessInterrupted(gatherRegistryExtra(profile).catch((e: Error) => ({ error: `registry check failed: ${e.message}` })));
  }
  if (o.phases.includes('postinstall') && !intr.signal.aborted) {
    const { gatherCluster } = await import('../cluster/gather.ts');
    ctx.extra.cluster = await unlessInterrupted(gatherCluster({ kc: kube, kubeconfig: o.kubeconfig, profile, inventory: inventory.hosts, dataplane: o.dataplane, dataplaneImage: o.dataplaneImage, signal: ac.signal }).catch((e: Error) => ({ error: `cluster snapshot failed: ${e.message}` })));
  }
  memTrace('cluster snapshot taken');
  if (intr.signal.aborted) return finish();

  // A large cluster (or fleet): from here on V8 favours memory over speed — the suite worker and the reports then
  // hold every verdict. At 5,000 nodes / 50,000 pods this halves peak RSS for a few seconds more.
  // (a function, so that no local of this async function keeps the snapshot alive while the suites judge it)
  const weight = runWeight((ctx.extra.cluster as ClusterExtra | undefined)?.snapshot, selected.length);
  if (process.env.KV_LOW_MEMORY === '1' || (process.env.KV_LOW_MEMORY !== '0' && weight > LOW_MEMORY_WEIGHT)) {
    setFlagsFromString('--optimize-for-size');
    log('[kubeadm-verify] large run: V8 set to favour memory over speed (KV_LOW_MEMORY=0 turns this off)');
  }

  const runFile = join(reportDir, '.run', 'context.json');
  // the evidence bundle is scrubbed; the suites judge the facts as gathered (a private file, removed after the run)
  const run = { version: 1 as const, startedAt, phases: o.phases, ctx, selection };
  writeRunFile(runFile, run);
  memTrace('context.json written');
  const workerInput = writeWorkerInput(run);
  // the suites read the facts from that file: drop this process's copy (at 5,000 nodes / 50,000 pods the
  // snapshot is the largest thing here) before vitest starts
  ctx.hosts = [];
  ctx.extra = {};
  for (const g of gathered) delete g.facts;
  collectGarbage();
  memTrace('worker input written, facts dropped');
  process.env[CONTEXT_ENV] = workerInput.path;

  phase = 'judging';
  collector = new ResultCollector(workerInput.results);
  process.env[RESULTS_ENV] = workerInput.results;
  const { startVitest } = await import('vitest/node');
  if (intr.signal.aborted) {
    const done = finish(); // reads the verdicts so far before their directory goes
    workerInput.remove();
    return done;
  }
  const vitest = await unlessInterrupted(startVitest(
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
  ));
  if (intr.signal.aborted) {
    const done = finish(); // reads the verdicts so far before their directory goes
    workerInput.remove();
    return done;
  }
  memTrace('suites done');
  await vitest?.close();
  process.exitCode = undefined;
  const done = finish();
  workerInput.remove();
  return done;

  async function writeRun(): Promise<number> {
  phase = intr.name ? phase : 'reports';
  // hosts never reached when the run was interrupted during the probe: each an error saying so
  const hosts: HostSummary[] = (gathered ?? selected.map((spec) => ({ spec, error: 'interrupted (SIGINT/SIGTERM) before the probe finished' } as GatheredHost))).map((g) => ({
    name: g.spec.name, address: g.spec.address, roles: g.spec.roles, transport: g.spec.transport, reachable: !!gathered && !g.error,
    ...(g.error ? { error: g.error } : {}), probeMs: g.probeMs, roundTrips: g.roundTrips,
  }));
  // waivers: applied here, once, to every result; every output is written from these
  const { results, unmatched } = applyWaivers(collector?.takeResults() ?? [], waivers);
  for (const p of collector?.problems ?? []) log(`[kubeadm-verify] ${p}`);
  const draft: ResultsFile = {
    version: 1,
    tool: { name: 'kubeadm-verify', version: version() },
    startedAt,
    finishedAt: new Date().toISOString(),
    phases: o.phases,
    failOn: o.failOn,
    profile: profileForReport(profile),
    hosts,
    results,
    summary: summarize(results),
    ...(intr.name ? { interrupted: { signal: intr.name, during: phase } } : {}),
  };
  if (compareWith) draft.changes = compare(compareWith, draft);
  const stale = unmatched.filter((w) => !w.origin);
  if (stale.length) draft.unusedWaivers = stale.map((w) => ({ id: w.id, host: w.host, reason: w.reason }));
  memTrace('verdicts collected');
  // writeReports scrubs every string once and hands back the clean file: what the console and --json show too
  const { file } = await writeReports(reportDir, draft, { compareWith, allure });
  results.length = 0;
  process.stderr.write(formatSummary(file, { color: shouldColor(process.stderr) }) + '\n');
  if (file.changes) log(`[kubeadm-verify] changes since ${o.compare}:\n${formatChanges(file.changes)}`);
  for (const w of file.unusedWaivers ?? []) log(`[kubeadm-verify] waiver ${w.id} [${w.host}] matched no finding (stale?)`);
  log(`[kubeadm-verify] reports in ${reportDir}: results.json junit.xml report.html${allure ? ' allure-results/' : ''}`);
  if (o.json) process.stdout.write(JSON.stringify(file, null, 2) + '\n');
  if (intr.exitCode) {
    log(`[kubeadm-verify] interrupted by ${intr.name} during ${phase}: the report is partial (${file.results.length} verdict(s))`);
    return intr.exitCode;
  }
  if (file.results.length === 0) {
    log('[kubeadm-verify] no requirement was evaluated: treating the run as failed');
    return 1;
  }
  return exitCode(file.results, o.failOn);
  }
}
