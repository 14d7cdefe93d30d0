// @ts-nocheck
// Small helpers shared by preflight requirements.
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
export const at = stryMutAct_9fa48("1687") ? () => undefined : (stryCov_9fa48("1687"), (() => {
  const at = (file: string, line: number, text: string) => stryMutAct_9fa48("1688") ? `` : (stryCov_9fa48("1688"), `${file}:${line}: ${text}`);
  return at;
})());

/** Compare dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  if (stryMutAct_9fa48("1689")) {
    {}
  } else {
    stryCov_9fa48("1689");
    const pa = a.replace(stryMutAct_9fa48("1690") ? /v/ : (stryCov_9fa48("1690"), /^v/), stryMutAct_9fa48("1691") ? "Stryker was here!" : (stryCov_9fa48("1691"), '')).split(stryMutAct_9fa48("1692") ? /[^.-]/ : (stryCov_9fa48("1692"), /[.-]/)).map(stryMutAct_9fa48("1693") ? () => undefined : (stryCov_9fa48("1693"), x => stryMutAct_9fa48("1696") ? parseInt(x, 10) && 0 : stryMutAct_9fa48("1695") ? false : stryMutAct_9fa48("1694") ? true : (stryCov_9fa48("1694", "1695", "1696"), parseInt(x, 10) || 0)));
    const pb = b.replace(stryMutAct_9fa48("1697") ? /v/ : (stryCov_9fa48("1697"), /^v/), stryMutAct_9fa48("1698") ? "Stryker was here!" : (stryCov_9fa48("1698"), '')).split(stryMutAct_9fa48("1699") ? /[^.-]/ : (stryCov_9fa48("1699"), /[.-]/)).map(stryMutAct_9fa48("1700") ? () => undefined : (stryCov_9fa48("1700"), x => stryMutAct_9fa48("1703") ? parseInt(x, 10) && 0 : stryMutAct_9fa48("1702") ? false : stryMutAct_9fa48("1701") ? true : (stryCov_9fa48("1701", "1702", "1703"), parseInt(x, 10) || 0)));
    for (let i = 0; stryMutAct_9fa48("1706") ? i >= Math.max(pa.length, pb.length) : stryMutAct_9fa48("1705") ? i <= Math.max(pa.length, pb.length) : stryMutAct_9fa48("1704") ? false : (stryCov_9fa48("1704", "1705", "1706"), i < (stryMutAct_9fa48("1707") ? Math.min(pa.length, pb.length) : (stryCov_9fa48("1707"), Math.max(pa.length, pb.length)))); stryMutAct_9fa48("1708") ? i-- : (stryCov_9fa48("1708"), i++)) {
      if (stryMutAct_9fa48("1709")) {
        {}
      } else {
        stryCov_9fa48("1709");
        const d = stryMutAct_9fa48("1710") ? (pa[i] ?? 0) + (pb[i] ?? 0) : (stryCov_9fa48("1710"), (stryMutAct_9fa48("1711") ? pa[i] && 0 : (stryCov_9fa48("1711"), pa[i] ?? 0)) - (stryMutAct_9fa48("1712") ? pb[i] && 0 : (stryCov_9fa48("1712"), pb[i] ?? 0)));
        if (stryMutAct_9fa48("1714") ? false : stryMutAct_9fa48("1713") ? true : (stryCov_9fa48("1713", "1714"), d)) return (stryMutAct_9fa48("1718") ? d >= 0 : stryMutAct_9fa48("1717") ? d <= 0 : stryMutAct_9fa48("1716") ? false : stryMutAct_9fa48("1715") ? true : (stryCov_9fa48("1715", "1716", "1717", "1718"), d < 0)) ? stryMutAct_9fa48("1719") ? +1 : (stryCov_9fa48("1719"), -1) : 1;
      }
    }
    return 0;
  }
}
export const list = stryMutAct_9fa48("1720") ? () => undefined : (stryCov_9fa48("1720"), (() => {
  const list = (xs: string[], none = stryMutAct_9fa48("1721") ? "" : (stryCov_9fa48("1721"), 'none')) => xs.length ? xs.join(stryMutAct_9fa48("1722") ? "" : (stryCov_9fa48("1722"), ', ')) : none;
  return list;
})());