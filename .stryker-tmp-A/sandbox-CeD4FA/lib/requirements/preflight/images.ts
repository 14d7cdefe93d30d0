// @ts-nocheck
// HOST-IMAGES: every image the cluster needs is in the private registry. The registry catalogue is
// gathered once per run by lib/run/gather-registry.ts (ctx.extra.registry); this judge only reads it.
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
import type { Verdict } from '../../types.ts';
import { fleetRequirement, verdict, type Requirement } from '../define.ts';
export interface RegistryExtra {
  /** set when the catalogue could not be gathered at all (no registry configured, unknown version...) */
  skip?: string;
  error?: string;
  judged?: Verdict;
}
export const imageRequirements: Requirement[] = stryMutAct_9fa48("553") ? [] : (stryCov_9fa48("553"), [fleetRequirement(stryMutAct_9fa48("554") ? {} : (stryCov_9fa48("554"), {
  id: stryMutAct_9fa48("555") ? "" : (stryCov_9fa48("555"), 'HOST-IMAGES'),
  title: stryMutAct_9fa48("556") ? "" : (stryCov_9fa48("556"), 'Every image kubeadm and the CNI need is in the private registry'),
  phase: stryMutAct_9fa48("557") ? "" : (stryCov_9fa48("557"), 'preflight'),
  group: stryMutAct_9fa48("558") ? "" : (stryCov_9fa48("558"), 'registry'),
  severity: stryMutAct_9fa48("559") ? "" : (stryCov_9fa48("559"), 'error'),
  source: stryMutAct_9fa48("560") ? "" : (stryCov_9fa48("560"), '000 (六)(九)'),
  remediation: stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), 'Push the missing images: docker pull <upstream image>; docker tag <upstream image> harbor:443/k8s/<name>:<tag>; docker push harbor:443/k8s/<name>:<tag>'),
  check: ctx => {
    if (stryMutAct_9fa48("562")) {
      {}
    } else {
      stryCov_9fa48("562");
      const r = ctx.extra.registry as RegistryExtra | undefined;
      if (stryMutAct_9fa48("565") ? false : stryMutAct_9fa48("564") ? true : stryMutAct_9fa48("563") ? r : (stryCov_9fa48("563", "564", "565"), !r)) return verdict.error(stryMutAct_9fa48("566") ? "" : (stryCov_9fa48("566"), 'the registry catalogue was not gathered'));
      if (stryMutAct_9fa48("568") ? false : stryMutAct_9fa48("567") ? true : (stryCov_9fa48("567", "568"), r.skip)) return verdict.skip(r.skip);
      if (stryMutAct_9fa48("570") ? false : stryMutAct_9fa48("569") ? true : (stryCov_9fa48("569", "570"), r.error)) return verdict.error(r.error);
      return stryMutAct_9fa48("571") ? r.judged && verdict.error('no verdict') : (stryCov_9fa48("571"), r.judged ?? verdict.error(stryMutAct_9fa48("572") ? "" : (stryCov_9fa48("572"), 'no verdict')));
    }
  }
}))]);