// @ts-nocheck
// The catalogue: every requirement, in report order. Adding one = its definition + a line here
// (+ its fixture expectations). IDs are public API: never rename, only add.
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
import type { Phase } from '../types.ts';
import type { Requirement } from './define.ts';
import { postinstallRequirements } from './postinstall/index.ts';
import { fleetRequirements } from './preflight/fleet.ts';
import { hostRequirements } from './preflight/host.ts';
import { imageRequirements } from './preflight/images.ts';
import { networkRequirements } from './preflight/network.ts';
import { runtimeRequirements } from './preflight/runtime.ts';
const preflight: Requirement[] = stryMutAct_9fa48("170") ? [] : (stryCov_9fa48("170"), [...hostRequirements, ...fleetRequirements, ...networkRequirements, ...runtimeRequirements, ...imageRequirements]);
export function requirements(phase: Phase): Requirement[] {
  if (stryMutAct_9fa48("171")) {
    {}
  } else {
    stryCov_9fa48("171");
    return (stryMutAct_9fa48("174") ? phase !== 'preflight' : stryMutAct_9fa48("173") ? false : stryMutAct_9fa48("172") ? true : (stryCov_9fa48("172", "173", "174"), phase === (stryMutAct_9fa48("175") ? "" : (stryCov_9fa48("175"), 'preflight')))) ? preflight : postinstallRequirements;
  }
}
export function allRequirements(): Requirement[] {
  if (stryMutAct_9fa48("176")) {
    {}
  } else {
    stryCov_9fa48("176");
    const all = stryMutAct_9fa48("177") ? [] : (stryCov_9fa48("177"), [...preflight, ...postinstallRequirements]);
    const seen = new Set<string>();
    for (const r of all) {
      if (stryMutAct_9fa48("178")) {
        {}
      } else {
        stryCov_9fa48("178");
        if (stryMutAct_9fa48("180") ? false : stryMutAct_9fa48("179") ? true : (stryCov_9fa48("179", "180"), seen.has(r.id))) throw new Error(stryMutAct_9fa48("181") ? `` : (stryCov_9fa48("181"), `duplicate requirement ID ${r.id}`));
        seen.add(r.id);
      }
    }
    return all;
  }
}