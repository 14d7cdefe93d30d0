// How a requirement is written: an ID, metadata, and a pure judge. Everything else (errors, severity,
// timing, redaction, role applicability) is handled here once.
import type { InventoryHost } from '../config/inventory.ts';
import type { Profile } from '../config/profile.ts';
import type { Fact, HostFacts } from '../probe/facts.ts';
import { scrubDeep } from '../redact.ts';
import { readableSource } from './sources.ts';
import type { Phase, Result, Role, Severity, Verdict } from '../types.ts';

export interface HostState {
  spec: InventoryHost;
  facts?: HostFacts;
  /** why the host could not be probed (unreachable, host key, timeout...) */
  error?: string;
}

/** Everything a requirement may look at. Gathered before any requirement runs. */
export interface RunContext {
  profile: Profile;
  /** the selected hosts, in inventory order */
  hosts: HostState[];
  /** every inventory host (names to resolve, fleet view) */
  inventory: InventoryHost[];
  /** facts gathered once per run outside the hosts (registry catalogue, API snapshot) */
  extra: Record<string, unknown>;
}

export interface RequirementMeta {
  id: string;
  title: string;
  phase: Phase;
  /** report grouping, e.g. "kernel", "containerd" */
  group: string;
  severity: Severity;
  /** where the documents ask for it, e.g. "000 三(二)" */
  source: string;
  /** What to do about a non-pass verdict that brings no remediation of its own: a text, or one written for this run
   * (the design's profile, the host's spec and facts when the target is a host) so that it fits the design and the host. */
  remediation: Remediation;
}

/** What a requirement's remediation may look at: what its check gets. `host`/`facts`: the target's, when it is a host
 * of the run (a node's name is its host's). */
export interface RemediationInput {
  profile: Profile;
  ctx: RunContext;
  target: string;
  host?: InventoryHost;
  facts?: HostFacts;
}
export type Remediation = string | ((x: RemediationInput) => string);

/** The requirement's own remediation for this target, written for the run's design and host. Never throws. */
export function remediationOf(req: Pick<RequirementMeta, 'remediation'>, ctx: RunContext, target: string): string {
  if (typeof req.remediation === 'string') return req.remediation;
  const h = ctx.hosts.find((x) => x.spec.name === target);
  try {
    return req.remediation({ profile: ctx.profile, ctx, target, host: h?.spec, facts: h?.facts });
  } catch (e) {
    return `(no remediation: writing it failed: ${(e as Error).message})`;
  }
}

export interface Requirement extends RequirementMeta {
  /** the targets this requirement judges in this run: host names, node names, or "*" */
  targets(ctx: RunContext): string[];
  judge(ctx: RunContext, target: string): Verdict;
}

/** Thrown by need(): the fact a requirement depends on is missing; the verdict becomes `error` with this reason. */
export class MissingFact extends Error {}

export function need<T>(f: Fact<T>): T {
  if (!f.ok) throw new MissingFact(f.error);
  return f.value;
}

export const verdict = {
  pass: (observed: string, expected: string, evidence: string[] = []): Verdict => ({ status: 'pass', observed, expected, evidence }),
  fail: (observed: string, expected: string, evidence: string[] = [], extra: Partial<Verdict> = {}): Verdict => ({
    status: 'fail',
    observed,
    expected,
    evidence,
    ...extra,
  }),
  warn: (observed: string, expected: string, evidence: string[] = [], extra: Partial<Verdict> = {}): Verdict => ({
    status: 'warn',
    observed,
    expected,
    evidence,
    severity: 'warn',
    ...extra,
  }),
  skip: (reason: string, expected = ''): Verdict => ({ status: 'skip', observed: 'not applicable', expected, evidence: [], reason }),
  error: (reason: string, expected = ''): Verdict => ({ status: 'error', observed: 'could not be evaluated', expected, evidence: [], reason }),
};

export interface HostCheckInput {
  facts: HostFacts;
  profile: Profile;
  host: InventoryHost;
  ctx: RunContext;
}

/** A requirement judged on each selected host that has one of `roles` (default: every role). */
export function hostRequirement(def: RequirementMeta & { roles?: Role[]; check: (x: HostCheckInput) => Verdict }): Requirement {
  const applies = (h: InventoryHost) => !def.roles || h.roles.some((r) => def.roles!.includes(r));
  return {
    ...def,
    targets: (ctx) =>
      ctx.hosts
        .filter((h) => applies(h.spec) && !(h.spec.roles.length === 1 && h.spec.roles[0] === 'registry' && !def.roles?.includes('registry')))
        .map((h) => h.spec.name),
    judge(ctx, target) {
      const h = ctx.hosts.find((x) => x.spec.name === target);
      if (!h) return verdict.error(`host ${target} is not part of this run`);
      if (!h.facts) return verdict.error(`host not probed: ${h.error ?? 'unknown reason'}`);
      return def.check({ facts: h.facts, profile: ctx.profile, host: h.spec, ctx });
    },
  };
}

/** A requirement judged once across all selected hosts (target "*"). */
export function fleetRequirement(def: RequirementMeta & { check: (ctx: RunContext) => Verdict }): Requirement {
  return { ...def, targets: () => ['*'], judge: (ctx) => def.check(ctx) };
}

/** Runs a requirement's judge for one target and turns the verdict into a result line. Never throws. */
export function evaluate(req: Requirement, ctx: RunContext, target: string, opts: { skipReason?: string } = {}): Result {
  const started = performance.now();
  let v: Verdict;
  try {
    // --skip: not judged, and reported as a skip with the request as its reason (never left out)
    v = opts.skipReason ? verdict.skip(opts.skipReason) : req.judge(ctx, target);
  } catch (e) {
    // an unknown kubeadm version (lib/kubeadm/versions.ts) is a fact about the profile, not an internal error
    v =
      e instanceof MissingFact || (e as Error).name === 'UnknownKubeadmVersionError'
        ? verdict.error((e as Error).message)
        : verdict.error(`internal error while judging: ${(e as Error).message}`);
  }
  let status = v.status;
  let severity: Severity = v.severity ?? req.severity;
  if (status === 'fail' && severity === 'warn') status = 'warn';
  if (status === 'warn') severity = 'warn';
  return scrubDeep({
    id: req.id,
    host: target,
    status,
    severity,
    title: req.title,
    phase: req.phase,
    group: req.group,
    source: readableSource(req.source),
    observed: v.observed,
    expected: v.expected,
    evidence: v.evidence,
    remediation: v.remediation ?? remediationOf(req, ctx, target),
    ...(v.reason ? { reason: v.reason } : {}),
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
  });
}
