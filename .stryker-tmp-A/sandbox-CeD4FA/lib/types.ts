// @ts-nocheck
// Core vocabulary shared by every module: statuses, results, requirement definitions.

export type Status = 'pass' | 'fail' | 'warn' | 'skip' | 'error' | 'waived';
export type Severity = 'error' | 'warn';
export type Phase = 'preflight' | 'postinstall';
export type Role = 'control-plane' | 'worker' | 'registry' | 'etcd';

/** What one requirement concluded about one target (a host, a node, or "*" for fleet/cluster-wide). */
export interface Verdict {
  status: Exclude<Status, 'waived'>;
  observed: string;
  expected: string;
  /** The facts that decided it: command output excerpts, file lines. Secrets already redacted. */
  evidence: string[];
  /** Overrides the requirement's default remediation (e.g. a command naming the offending file). */
  remediation?: string;
  /** For skip and error: why. */
  reason?: string;
  /** For mixed-severity requirements: the severity of this particular finding. */
  severity?: Severity;
}

/** One line of results.json. */
export interface Result {
  id: string;
  host: string;
  status: Status;
  severity: Severity;
  title: string;
  phase: Phase;
  group: string;
  source: string;
  observed: string;
  expected: string;
  evidence: string[];
  remediation: string;
  reason?: string;
  durationMs: number;
  waiver?: { reason: string; approver?: string; expires?: string; expired?: boolean };
}

export interface ResultsFile {
  version: 1;
  tool: { name: 'kubeadm-verify'; version: string };
  startedAt: string;
  finishedAt: string;
  phases: Phase[];
  profile: Record<string, unknown>;
  hosts: HostSummary[];
  results: Result[];
  summary: Summary;
  /** with --compare: what changed since that run, regressions first */
  changes?: { kind: 'regression' | 'fixed' | 'waived' | 'changed' | 'new' | 'gone'; id: string; host: string; from?: Status; to?: Status }[];
  /** what gates the run (--fail-on): with 'warn', warn results fail it too — JUnit and Allure count them as failures */
  failOn?: 'error' | 'warn';
  /** waivers that matched no result (stale entries in waivers.yaml) */
  unusedWaivers?: { id: string; host: string; reason: string }[];
  /** the run was stopped by a signal: this report holds what was known by then */
  interrupted?: { signal: 'SIGINT' | 'SIGTERM'; during: string };
}

export interface HostSummary {
  name: string;
  address: string;
  roles: Role[];
  transport: 'ssh' | 'local';
  reachable: boolean;
  error?: string;
  probeMs?: number;
  roundTrips?: number;
}

export type Summary = Record<Status, number> & { total: number };
