// `npm test -- …`: the thin CLI around runVerification (lib/run/verify.ts). argv → options (every file read and
// checked before any probe: a mistake is one line and exit 2), the run, then the reports, the console summary and
// the exit code: 0 pass, 1 what --fail-on gates, 2 usage/config, 130/143 interrupted (partial report written).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigError } from '../config/errors.ts';
import { prepareReportDir } from '../dirs.ts';
import { loadInventory, localInventory, selectHosts, type Inventory, type InventoryHost } from '../config/inventory.ts';
import { buildProfile, profileForReport, type Profile } from '../config/profile.ts';
import { exitCode, summarize } from '../report/summary.ts';
import { formatSummary, shouldColor } from '../report/console.ts';
import { writeReports } from '../report/write.ts';
import { scrub } from '../redact.ts';
import { trapInterrupts, type Interrupts } from '../run/interrupt.ts';
import { memTrace } from '../run/memtrace.ts';
import { kubeadmConfigWaivers, startVerification, type Verification, type VerifyOptions } from '../run/verify.ts';
import type { ResultsFile } from '../types.ts';
import { loadWaivers } from '../waivers.ts';
import { compare, formatChanges } from '../report/compare.ts';
import { parseCli, USAGE, type CliOptions } from './args.ts';
import { allRequirements } from '../requirements/index.ts';
import { listRequirements, selectRequirements } from '../requirements/select.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (msg: string) => process.stderr.write(`${scrub(msg)}\n`);

function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  let o: CliOptions;
  let prepared: Prepared;
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
    prepared = await prepare(o);
  } catch (e) {
    if (e instanceof ConfigError) {
      log(`kubeadm-verify: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const { options, inventory, compareWith } = prepared;

  // said once the command line and every file are known to be fine: an error stays the only line
  if (inventory.hosts.length === 1 && inventory.hosts[0]!.transport === 'local' && !inventory.file)
    log(`[kubeadm-verify] no inventory: auditing this machine (${inventory.hosts[0]!.name}) through the local transport`);
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
  const run = startVerification({ ...options, evidenceDir: reportDir, log, signal: intr.signal, onProgress: progressLines() });
  // the one way a run ends: reports from what is known (everything, or as far as it got when interrupted)
  let finished: Promise<number> | undefined;
  const finish = (v: Verification): Promise<number> => (finished ??= report(v, { o, profile: options.profile, reportDir, allure, compareWith, intr }));
  intr.setLastWords(() => void finish(run.partial()));
  return finish(await run.result);
}

interface Prepared {
  options: Omit<VerifyOptions, 'evidenceDir'>;
  inventory: Inventory;
  compareWith?: ResultsFile;
}

/** argv's files, read and checked: a ConfigError (exit 2) names the file, before any host is probed. */
async function prepare(o: CliOptions): Promise<Prepared> {
  // before any probe: a run that cannot write its report must not audit a fleet first
  const reportDirProblem = prepareReportDir(o.reportDir);
  if (reportDirProblem) throw new ConfigError(reportDirProblem);
  const selection = selectRequirements(allRequirements(), o.check, o.skip);
  let kube: KubeConfig | undefined;
  if (o.phases.includes('postinstall')) {
    const { prepareCluster } = await import('../cluster/gather.ts');
    kube = prepareCluster({ kubeconfig: o.kubeconfig }).kc;
  }
  let inventory = resolveInventory(o);
  inventory = { ...inventory, hosts: applyTimeouts(inventory.hosts, o) };
  const hosts = selectHosts(inventory, o.hosts, o.role);
  const profile = buildProfile({ profileFile: o.profile ?? inventory.profileFile, kubeadmConfigFile: o.kubeadmConfig });
  const waivers = o.waivers ? loadWaivers(o.waivers) : [];
  waivers.push(...kubeadmConfigWaivers(profile, log));
  const compareWith = o.compare ? readCompare(o.compare) : undefined;
  const options = {
    phases: o.phases,
    hosts,
    inventory: inventory.hosts,
    profile,
    selection,
    waivers,
    kube,
    kubeconfig: o.kubeconfig,
    dataplane: o.dataplane,
    dataplaneImage: o.dataplaneImage,
    acceptNewHostKeys: o.acceptNewHostKeys,
    concurrency: o.concurrency,
  };
  return { options, inventory, compareWith };
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

function readCompare(path: string): ResultsFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // JSON.parse quotes a cut excerpt of the input ("hello "wor"... is not valid JSON): say what the file should be
    throw new ConfigError(
      err instanceof SyntaxError
        ? 'not a results.json of an earlier run (not valid JSON)'
        : err.code === 'ENOENT'
          ? 'file not found'
          : `cannot read: ${err.code ?? err.message.split('\n')[0]}`,
      { file: path },
    );
  }
}

/** Probe progress on stderr: on a terminal every step; in CI logs one line per host (done or failed). */
function progressLines(): VerifyOptions['onProgress'] {
  const since = new Map<string, number>();
  const tty = !!process.stderr.isTTY;
  return (host, state, detail) => {
    if (state === 'connecting') since.set(host, performance.now());
    const ms = Math.round(performance.now() - (since.get(host) ?? performance.now()));
    if (tty || state === 'done' || state === 'failed')
      log(`[${host}] ${state}${state === 'done' || state === 'failed' ? ` in ${ms} ms` : ''}${detail ? `: ${detail}` : ''}`);
  };
}

/** results.json and the other reports, the console summary, --json, and the exit code. */
async function report(
  v: Verification,
  c: { o: CliOptions; profile: Profile; reportDir: string; allure: boolean; compareWith?: ResultsFile; intr: Interrupts },
): Promise<number> {
  const { o, profile, reportDir, allure, compareWith, intr } = c;
  const { results } = v;
  const draft: ResultsFile = {
    version: 1,
    tool: { name: 'kubeadm-verify', version: version() },
    startedAt: v.startedAt,
    finishedAt: v.finishedAt,
    phases: v.phases,
    failOn: o.failOn,
    profile: profileForReport(profile),
    hosts: v.hosts,
    results,
    summary: summarize(results),
    ...(v.interrupted && intr.name ? { interrupted: { signal: intr.name, during: v.interrupted.during } } : {}),
  };
  if (compareWith) draft.changes = compare(compareWith, draft);
  if (v.unusedWaivers.length) draft.unusedWaivers = v.unusedWaivers.map((w) => ({ id: w.id, host: w.host, reason: w.reason }));
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
    log(`[kubeadm-verify] interrupted by ${intr.name} during ${v.interrupted?.during ?? 'reports'}: the report is partial (${file.results.length} verdict(s))`);
    return intr.exitCode;
  }
  if (file.results.length === 0) {
    log('[kubeadm-verify] no requirement was evaluated: treating the run as failed');
    return 1;
  }
  return exitCode(file.results, o.failOn);
}
