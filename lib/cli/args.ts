// Command-line flags (REQUIREMENTS.md "Public interface"). Unknown flags are usage errors (exit 2).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors.ts';
import type { Phase, Role } from '../types.ts';
import { didYouMean } from '../requirements/select.ts';

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
  list: boolean;
  check: string[];
  skip: string[];
}

export const USAGE = `Usage: npm test -- [options]        (or: npx kubeadm-verify [options])
  Audits kubeadm hosts before install (preflight) and the cluster after it (postinstall).
  With no --inventory (and no ./inventory.yaml) and no --host: audits this machine.

  --host NAME[,NAME]        inventory host(s) to audit (repeatable)
  --role ROLE               only hosts with this role: control-plane | worker | etcd | registry
  --inventory FILE          inventory: kubeadm-verify YAML, or an Ansible/kubespray inventory (YAML or INI)
                            (default ./inventory.yaml when present)
  --phase PHASE             preflight | postinstall | all (default preflight)
  --profile FILE            expected values (default: the reference design)
  --kubeadm-config FILE     take expectations (and nodeRegistration.ignorePreflightErrors) from your init.yaml
  --kubeconfig FILE         cluster access for postinstall (default $KUBECONFIG, ~/.kube/config)
  --list                    list every check: ID, phase, severity, title, source
  --check ID[,ID]           run only these checks: IDs, globs (HOST-SWAP*) or kubeadm names (Swap, Port-6443)
  --skip ID[,ID]            do not judge these (reported as skip with the reason); same forms as --check
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

Examples:
  npm test                                               # this machine, preflight
  npm test -- --inventory inventory/mycluster/hosts.yaml # a kubespray inventory, every host
  npm test -- --host master --check 'HOST-SWAP*,Swap'    # one host, only the swap checks
  npm test -- --skip HOST-TIME-SYNC --fail-on warn       # warnings fail the run, time sync not judged
  npm test -- --phase postinstall --kubeconfig /etc/kubernetes/admin.conf --kubeadm-config init.yaml
  npm test -- --waivers waivers.yaml --compare old/results.json --report-dir out/

Environment:
  KV_SSH_PASSPHRASE         passphrase of an encrypted identityFile
  KV_SSH_PASSWORD           SSH password (when no key and no agent works)
  KV_SUDO_PASSWORD          sudo password (hosts with sudo: true; fed on stdin)
  SSH_AUTH_SOCK             ssh-agent socket (used when no identityFile is given, as OpenSSH does)
  KV_REGISTRY_USER, KV_REGISTRY_PASSWORD(_FILE), KV_REGISTRY_TOKEN(_FILE)   registry credentials for HOST-IMAGES
  KUBECONFIG                cluster access for postinstall when --kubeconfig is not given
  KV_DATAPLANE_TIMEOUT_SECONDS   DATAPLANE deadline (default 120)
  KV_ALLURE=0               no allure-results/
  KV_LOW_MEMORY=1|0         force / forbid the memory-saving mode of large runs
  NO_COLOR                  no colours on the console
  Secrets come only from the environment or files, never the command line, and are never printed.

Exit codes: 0 no fail/error; 1 a fail or error (or warn with --fail-on warn); 2 usage or configuration error.`;

function positiveInt(name: string, v: string | undefined, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(`--${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

const FLAGS = [
  'host',
  'role',
  'inventory',
  'phase',
  'kubeconfig',
  'profile',
  'kubeadm-config',
  'report-dir',
  'accept-new-host-keys',
  'concurrency',
  'connect-timeout',
  'command-timeout',
  'waivers',
  'fail-on',
  'compare',
  'json',
  'dataplane',
  'dataplane-image',
  'help',
  'version',
  'list',
  'check',
  'skip',
];

/** One line for a bad command line: the option, what is wrong, and the flag that was probably meant. */
function usageError(e: Error & { code?: string }): string {
  const first = e.message.split('\n')[0]!;
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(first);
  if (unknown) {
    const hint = didYouMean(unknown[2]!.replace(/=.*$/, ''), FLAGS);
    return `unknown option ${unknown[1]}${unknown[2]}${hint ? ` — did you mean --${hint}?` : ''} (see --help)`;
  }
  const missing = /^Option '(?:-\w, )?(--[^ ']+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(first);
  if (missing) return `${missing[1]} needs a value (see --help)`;
  const positional = /^Unexpected argument '([^']+)'/.exec(first);
  if (positional) return `unexpected argument ${JSON.stringify(positional[1])}: every option starts with -- (see --help)`;
  return `${first.replace(/\.$/, '')} (see --help)`;
}

const commaList = (v: string[] | undefined) =>
  (v ?? [])
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);

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
        list: { type: 'boolean' },
        check: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    throw new ConfigError(usageError(e as Error & { code?: string }));
  }
  const v = parsed.values;
  const phase = v.phase ?? 'preflight';
  if (!['preflight', 'postinstall', 'all'].includes(phase))
    throw new ConfigError(`--phase must be preflight, postinstall or all, got ${JSON.stringify(phase)}`);
  if (v.role !== undefined && !['control-plane', 'worker', 'registry', 'etcd'].includes(v.role))
    throw new ConfigError(`--role must be control-plane, worker, etcd or registry, got ${JSON.stringify(v.role)}`);
  const failOn = v['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warn') throw new ConfigError(`--fail-on must be error or warn, got ${JSON.stringify(failOn)}`);
  const hosts = (v.host ?? [])
    .flatMap((h) => h.split(','))
    .map((h) => h.trim())
    .filter(Boolean);
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
    list: v.list ?? false,
    check: commaList(v.check),
    skip: commaList(v.skip),
  };
}
