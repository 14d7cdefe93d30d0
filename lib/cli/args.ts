// Command-line flags (REQUIREMENTS.md "Public interface"). Unknown flags are usage errors (exit 2).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors.ts';
import type { Phase, Role } from '../types.ts';

export interface CliOptions {
  hosts: string[];
  role?: Role;
  inventory?: string;
  phases: Phase[];
  kubeconfig?: string;
  profile?: string;
  kubeadmConfig?: string;
  reportDir: string;
  acceptNewHostKeys: boolean;
  concurrency: number;
  connectTimeout?: number;
  commandTimeout?: number;
  waivers?: string;
  failOn: 'error' | 'warn';
  compare?: string;
  json: boolean;
  dataplane: boolean;
  dataplaneImage?: string;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: npm test -- [options]
  Audits kubeadm hosts before install (preflight) and the cluster after it (postinstall).
  With no --inventory (and no ./inventory.yaml) and no --host: audits this machine.

  --host NAME[,NAME]        inventory host(s) to audit (repeatable)
  --role ROLE               only hosts with this role: control-plane | worker
  --inventory FILE          inventory YAML (default ./inventory.yaml when present)
  --phase PHASE             preflight | postinstall | all (default preflight)
  --profile FILE            expected values (default: the reference design)
  --kubeadm-config FILE     take expectations from your kubeadm init.yaml
  --kubeconfig FILE         cluster access for postinstall (default $KUBECONFIG, ~/.kube/config)
  --report-dir DIR          where results.json, junit.xml, report.html, allure-results/ go (default reports/)
  --waivers FILE            waivers.yaml: accepted findings with a reason (and expiry)
  --fail-on error|warn      what fails the run: error (fail and error results; default) or warn (also warnings)
  --compare FILE            an earlier results.json: mark what changed, regressions first
  --json                    print results.json to stdout
  --accept-new-host-keys    trust unknown SSH host keys on first use and record them (changed keys still fail)
  --concurrency N           hosts probed at once (default 32)
  --connect-timeout S       SSH connect + handshake deadline per host, seconds (default 10)
  --command-timeout S       probe deadline per host, seconds (default 60)
  --dataplane               postinstall: also run the opt-in DATAPLANE test (creates and removes test objects)
  --dataplane-image IMAGE   image for the DATAPLANE pods (air-gapped clusters: your registry)
  -h, --help                this text
  --version                 print the version

Exit codes: 0 no fail/error; 1 a fail or error (or warn with --fail-on warn); 2 usage or configuration error.`;

function positiveInt(name: string, v: string | undefined, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(`--${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        host: { type: 'string', multiple: true },
        role: { type: 'string' },
        inventory: { type: 'string' },
        phase: { type: 'string' },
        kubeconfig: { type: 'string' },
        profile: { type: 'string' },
        'kubeadm-config': { type: 'string' },
        'report-dir': { type: 'string' },
        'accept-new-host-keys': { type: 'boolean' },
        concurrency: { type: 'string' },
        'connect-timeout': { type: 'string' },
        'command-timeout': { type: 'string' },
        waivers: { type: 'string' },
        'fail-on': { type: 'string' },
        compare: { type: 'string' },
        json: { type: 'boolean' },
        dataplane: { type: 'boolean' },
        'dataplane-image': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new ConfigError(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const phase = v.phase ?? 'preflight';
  if (!['preflight', 'postinstall', 'all'].includes(phase)) throw new ConfigError(`--phase must be preflight, postinstall or all, got ${JSON.stringify(phase)}`);
  if (v.role !== undefined && !['control-plane', 'worker', 'registry'].includes(v.role)) throw new ConfigError(`--role must be control-plane or worker, got ${JSON.stringify(v.role)}`);
  const failOn = v['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warn') throw new ConfigError(`--fail-on must be error or warn, got ${JSON.stringify(failOn)}`);
  const hosts = (v.host ?? []).flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean);
  return {
    hosts,
    role: v.role as Role | undefined,
    inventory: v.inventory,
    phases: phase === 'all' ? ['preflight', 'postinstall'] : [phase as Phase],
    kubeconfig: v.kubeconfig,
    profile: v.profile,
    kubeadmConfig: v['kubeadm-config'],
    reportDir: v['report-dir'] ?? 'reports',
    acceptNewHostKeys: v['accept-new-host-keys'] ?? false,
    concurrency: positiveInt('concurrency', v.concurrency, 4096) ?? 32,
    connectTimeout: positiveInt('connect-timeout', v['connect-timeout'], 600),
    commandTimeout: positiveInt('command-timeout', v['command-timeout'], 3600),
    waivers: v.waivers,
    failOn,
    compare: v.compare,
    json: v.json ?? false,
    dataplane: v.dataplane ?? false,
    dataplaneImage: v['dataplane-image'],
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
