// @ts-nocheck
// How a requirement is written: an ID, metadata, and a pure judge. Everything else (errors, severity,
// timing, redaction, role applicability) is handled here once.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
  remediation: string;
}
export interface Requirement extends RequirementMeta {
  /** the targets this requirement judges in this run: host names, node names, or "*" */
  targets(ctx: RunContext): string[];
  judge(ctx: RunContext, target: string): Verdict;
}

/** Thrown by need(): the fact a requirement depends on is missing; the verdict becomes `error` with this reason. */
export class MissingFact extends Error {}
export function need<T>(f: Fact<T>): T {
  if (stryMutAct_9fa48("56")) {
    {}
  } else {
    stryCov_9fa48("56");
    if (stryMutAct_9fa48("59") ? false : stryMutAct_9fa48("58") ? true : stryMutAct_9fa48("57") ? f.ok : (stryCov_9fa48("57", "58", "59"), !f.ok)) throw new MissingFact(f.error);
    return f.value;
  }
}
export const verdict = stryMutAct_9fa48("60") ? {} : (stryCov_9fa48("60"), {
  pass: stryMutAct_9fa48("61") ? () => undefined : (stryCov_9fa48("61"), (observed: string, expected: string, evidence: string[] = stryMutAct_9fa48("62") ? ["Stryker was here"] : (stryCov_9fa48("62"), [])): Verdict => stryMutAct_9fa48("63") ? {} : (stryCov_9fa48("63"), {
    status: stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), 'pass'),
    observed,
    expected,
    evidence
  })),
  fail: stryMutAct_9fa48("65") ? () => undefined : (stryCov_9fa48("65"), (observed: string, expected: string, evidence: string[] = stryMutAct_9fa48("66") ? ["Stryker was here"] : (stryCov_9fa48("66"), []), extra: Partial<Verdict> = {}): Verdict => stryMutAct_9fa48("67") ? {} : (stryCov_9fa48("67"), {
    status: stryMutAct_9fa48("68") ? "" : (stryCov_9fa48("68"), 'fail'),
    observed,
    expected,
    evidence,
    ...extra
  })),
  warn: stryMutAct_9fa48("69") ? () => undefined : (stryCov_9fa48("69"), (observed: string, expected: string, evidence: string[] = stryMutAct_9fa48("70") ? ["Stryker was here"] : (stryCov_9fa48("70"), []), extra: Partial<Verdict> = {}): Verdict => stryMutAct_9fa48("71") ? {} : (stryCov_9fa48("71"), {
    status: stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'warn'),
    observed,
    expected,
    evidence,
    severity: stryMutAct_9fa48("73") ? "" : (stryCov_9fa48("73"), 'warn'),
    ...extra
  })),
  skip: stryMutAct_9fa48("74") ? () => undefined : (stryCov_9fa48("74"), (reason: string, expected = stryMutAct_9fa48("75") ? "Stryker was here!" : (stryCov_9fa48("75"), '')): Verdict => stryMutAct_9fa48("76") ? {} : (stryCov_9fa48("76"), {
    status: stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'skip'),
    observed: stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), 'not applicable'),
    expected,
    evidence: stryMutAct_9fa48("79") ? ["Stryker was here"] : (stryCov_9fa48("79"), []),
    reason
  })),
  error: stryMutAct_9fa48("80") ? () => undefined : (stryCov_9fa48("80"), (reason: string, expected = stryMutAct_9fa48("81") ? "Stryker was here!" : (stryCov_9fa48("81"), '')): Verdict => stryMutAct_9fa48("82") ? {} : (stryCov_9fa48("82"), {
    status: stryMutAct_9fa48("83") ? "" : (stryCov_9fa48("83"), 'error'),
    observed: stryMutAct_9fa48("84") ? "" : (stryCov_9fa48("84"), 'could not be evaluated'),
    expected,
    evidence: stryMutAct_9fa48("85") ? ["Stryker was here"] : (stryCov_9fa48("85"), []),
    reason
  }))
});
export interface HostCheckInput {
  facts: HostFacts;
  profile: Profile;
  host: InventoryHost;
  ctx: RunContext;
}

/** A requirement judged on each selected host that has one of `roles` (default: every role). */
export function hostRequirement(def: RequirementMeta & {
  roles?: Role[];
  check: (x: HostCheckInput) => Verdict;
}): Requirement {
  if (stryMutAct_9fa48("86")) {
    {}
  } else {
    stryCov_9fa48("86");
    const applies = stryMutAct_9fa48("87") ? () => undefined : (stryCov_9fa48("87"), (() => {
      const applies = (h: InventoryHost) => stryMutAct_9fa48("90") ? !def.roles && h.roles.some(r => def.roles!.includes(r)) : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90"), (stryMutAct_9fa48("91") ? def.roles : (stryCov_9fa48("91"), !def.roles)) || (stryMutAct_9fa48("92") ? h.roles.every(r => def.roles!.includes(r)) : (stryCov_9fa48("92"), h.roles.some(stryMutAct_9fa48("93") ? () => undefined : (stryCov_9fa48("93"), r => def.roles!.includes(r))))));
      return applies;
    })());
    return stryMutAct_9fa48("94") ? {} : (stryCov_9fa48("94"), {
      ...def,
      targets: stryMutAct_9fa48("95") ? () => undefined : (stryCov_9fa48("95"), ctx => stryMutAct_9fa48("96") ? ctx.hosts.map(h => h.spec.name) : (stryCov_9fa48("96"), ctx.hosts.filter(stryMutAct_9fa48("97") ? () => undefined : (stryCov_9fa48("97"), h => stryMutAct_9fa48("100") ? applies(h.spec) || !(h.spec.roles.length === 1 && h.spec.roles[0] === 'registry' && !def.roles?.includes('registry')) : stryMutAct_9fa48("99") ? false : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99", "100"), applies(h.spec) && (stryMutAct_9fa48("101") ? h.spec.roles.length === 1 && h.spec.roles[0] === 'registry' && !def.roles?.includes('registry') : (stryCov_9fa48("101"), !(stryMutAct_9fa48("104") ? h.spec.roles.length === 1 && h.spec.roles[0] === 'registry' || !def.roles?.includes('registry') : stryMutAct_9fa48("103") ? false : stryMutAct_9fa48("102") ? true : (stryCov_9fa48("102", "103", "104"), (stryMutAct_9fa48("106") ? h.spec.roles.length === 1 || h.spec.roles[0] === 'registry' : stryMutAct_9fa48("105") ? true : (stryCov_9fa48("105", "106"), (stryMutAct_9fa48("108") ? h.spec.roles.length !== 1 : stryMutAct_9fa48("107") ? true : (stryCov_9fa48("107", "108"), h.spec.roles.length === 1)) && (stryMutAct_9fa48("110") ? h.spec.roles[0] !== 'registry' : stryMutAct_9fa48("109") ? true : (stryCov_9fa48("109", "110"), h.spec.roles[0] === (stryMutAct_9fa48("111") ? "" : (stryCov_9fa48("111"), 'registry')))))) && (stryMutAct_9fa48("112") ? def.roles?.includes('registry') : (stryCov_9fa48("112"), !(stryMutAct_9fa48("113") ? def.roles.includes('registry') : (stryCov_9fa48("113"), def.roles?.includes(stryMutAct_9fa48("114") ? "" : (stryCov_9fa48("114"), 'registry'))))))))))))).map(stryMutAct_9fa48("115") ? () => undefined : (stryCov_9fa48("115"), h => h.spec.name)))),
      judge(ctx, target) {
        if (stryMutAct_9fa48("116")) {
          {}
        } else {
          stryCov_9fa48("116");
          const h = ctx.hosts.find(stryMutAct_9fa48("117") ? () => undefined : (stryCov_9fa48("117"), x => stryMutAct_9fa48("120") ? x.spec.name !== target : stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : (stryCov_9fa48("118", "119", "120"), x.spec.name === target)));
          if (stryMutAct_9fa48("123") ? false : stryMutAct_9fa48("122") ? true : stryMutAct_9fa48("121") ? h : (stryCov_9fa48("121", "122", "123"), !h)) return verdict.error(stryMutAct_9fa48("124") ? `` : (stryCov_9fa48("124"), `host ${target} is not part of this run`));
          if (stryMutAct_9fa48("127") ? false : stryMutAct_9fa48("126") ? true : stryMutAct_9fa48("125") ? h.facts : (stryCov_9fa48("125", "126", "127"), !h.facts)) return verdict.error(stryMutAct_9fa48("128") ? `` : (stryCov_9fa48("128"), `host not probed: ${stryMutAct_9fa48("129") ? h.error && 'unknown reason' : (stryCov_9fa48("129"), h.error ?? (stryMutAct_9fa48("130") ? "" : (stryCov_9fa48("130"), 'unknown reason')))}`));
          return def.check(stryMutAct_9fa48("131") ? {} : (stryCov_9fa48("131"), {
            facts: h.facts,
            profile: ctx.profile,
            host: h.spec,
            ctx
          }));
        }
      }
    });
  }
}

/** A requirement judged once across all selected hosts (target "*"). */
export function fleetRequirement(def: RequirementMeta & {
  check: (ctx: RunContext) => Verdict;
}): Requirement {
  if (stryMutAct_9fa48("132")) {
    {}
  } else {
    stryCov_9fa48("132");
    return stryMutAct_9fa48("133") ? {} : (stryCov_9fa48("133"), {
      ...def,
      targets: stryMutAct_9fa48("134") ? () => undefined : (stryCov_9fa48("134"), () => stryMutAct_9fa48("135") ? [] : (stryCov_9fa48("135"), [stryMutAct_9fa48("136") ? "" : (stryCov_9fa48("136"), '*')])),
      judge: stryMutAct_9fa48("137") ? () => undefined : (stryCov_9fa48("137"), ctx => def.check(ctx))
    });
  }
}

/** Runs a requirement's judge for one target and turns the verdict into a result line. Never throws. */
export function evaluate(req: Requirement, ctx: RunContext, target: string, opts: {
  skipReason?: string;
} = {}): Result {
  if (stryMutAct_9fa48("138")) {
    {}
  } else {
    stryCov_9fa48("138");
    const started = performance.now();
    let v: Verdict;
    try {
      if (stryMutAct_9fa48("139")) {
        {}
      } else {
        stryCov_9fa48("139");
        // --skip: not judged, and reported as a skip with the request as its reason (never left out)
        v = opts.skipReason ? verdict.skip(opts.skipReason) : req.judge(ctx, target);
      }
    } catch (e) {
      if (stryMutAct_9fa48("140")) {
        {}
      } else {
        stryCov_9fa48("140");
        // an unknown kubeadm version (lib/kubeadm/versions.ts) is a fact about the profile, not an internal error
        v = (stryMutAct_9fa48("143") ? e instanceof MissingFact && (e as Error).name === 'UnknownKubeadmVersionError' : stryMutAct_9fa48("142") ? false : stryMutAct_9fa48("141") ? true : (stryCov_9fa48("141", "142", "143"), e instanceof MissingFact || (stryMutAct_9fa48("145") ? (e as Error).name !== 'UnknownKubeadmVersionError' : stryMutAct_9fa48("144") ? false : (stryCov_9fa48("144", "145"), (e as Error).name === (stryMutAct_9fa48("146") ? "" : (stryCov_9fa48("146"), 'UnknownKubeadmVersionError')))))) ? verdict.error((e as Error).message) : verdict.error(stryMutAct_9fa48("147") ? `` : (stryCov_9fa48("147"), `internal error while judging: ${(e as Error).message}`));
      }
    }
    let status = v.status;
    let severity: Severity = stryMutAct_9fa48("148") ? v.severity && req.severity : (stryCov_9fa48("148"), v.severity ?? req.severity);
    if (stryMutAct_9fa48("151") ? status === 'fail' || severity === 'warn' : stryMutAct_9fa48("150") ? false : stryMutAct_9fa48("149") ? true : (stryCov_9fa48("149", "150", "151"), (stryMutAct_9fa48("153") ? status !== 'fail' : stryMutAct_9fa48("152") ? true : (stryCov_9fa48("152", "153"), status === (stryMutAct_9fa48("154") ? "" : (stryCov_9fa48("154"), 'fail')))) && (stryMutAct_9fa48("156") ? severity !== 'warn' : stryMutAct_9fa48("155") ? true : (stryCov_9fa48("155", "156"), severity === (stryMutAct_9fa48("157") ? "" : (stryCov_9fa48("157"), 'warn')))))) status = stryMutAct_9fa48("158") ? "" : (stryCov_9fa48("158"), 'warn');
    if (stryMutAct_9fa48("161") ? status !== 'warn' : stryMutAct_9fa48("160") ? false : stryMutAct_9fa48("159") ? true : (stryCov_9fa48("159", "160", "161"), status === (stryMutAct_9fa48("162") ? "" : (stryCov_9fa48("162"), 'warn')))) severity = stryMutAct_9fa48("163") ? "" : (stryCov_9fa48("163"), 'warn');
    return scrubDeep(stryMutAct_9fa48("164") ? {} : (stryCov_9fa48("164"), {
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
      remediation: stryMutAct_9fa48("165") ? v.remediation && req.remediation : (stryCov_9fa48("165"), v.remediation ?? req.remediation),
      ...(v.reason ? stryMutAct_9fa48("166") ? {} : (stryCov_9fa48("166"), {
        reason: v.reason
      }) : {}),
      durationMs: stryMutAct_9fa48("167") ? Math.round((performance.now() - started) * 1000) * 1000 : (stryCov_9fa48("167"), Math.round(stryMutAct_9fa48("168") ? (performance.now() - started) / 1000 : (stryCov_9fa48("168"), (stryMutAct_9fa48("169") ? performance.now() + started : (stryCov_9fa48("169"), performance.now() - started)) * 1000)) / 1000)
    }));
  }
}