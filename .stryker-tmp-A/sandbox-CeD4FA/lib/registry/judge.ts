// @ts-nocheck
// HOST-IMAGES' verdict from the gathered registry facts: pure.
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
import type { Verdict } from '../types.ts';
import type { RegistryFacts } from './client.ts';
import type { RequiredImage } from './images.ts';
export function judgeImages(facts: RegistryFacts, required: RequiredImage[]): Verdict {
  if (stryMutAct_9fa48("0")) {
    {}
  } else {
    stryCov_9fa48("0");
    const expected = stryMutAct_9fa48("1") ? `` : (stryCov_9fa48("1"), `all ${required.length} images in ${facts.endpoint}`);
    if (stryMutAct_9fa48("4") ? false : stryMutAct_9fa48("3") ? true : stryMutAct_9fa48("2") ? facts.reachable : (stryCov_9fa48("2", "3", "4"), !facts.reachable)) return stryMutAct_9fa48("5") ? {} : (stryCov_9fa48("5"), {
      status: stryMutAct_9fa48("6") ? "" : (stryCov_9fa48("6"), 'error'),
      observed: stryMutAct_9fa48("7") ? "" : (stryCov_9fa48("7"), 'registry not reachable'),
      expected,
      evidence: stryMutAct_9fa48("8") ? ["Stryker was here"] : (stryCov_9fa48("8"), []),
      reason: stryMutAct_9fa48("9") ? `` : (stryCov_9fa48("9"), `${facts.endpoint}: ${facts.error}`)
    });
    const evidence: string[] = stryMutAct_9fa48("10") ? ["Stryker was here"] : (stryCov_9fa48("10"), []);
    const missing: RequiredImage[] = stryMutAct_9fa48("11") ? ["Stryker was here"] : (stryCov_9fa48("11"), []);
    const errors: string[] = stryMutAct_9fa48("12") ? ["Stryker was here"] : (stryCov_9fa48("12"), []);
    for (const img of required) {
      if (stryMutAct_9fa48("13")) {
        {}
      } else {
        stryCov_9fa48("13");
        const r = facts.repos[img.repo];
        if (stryMutAct_9fa48("16") ? !r && !r.ok : stryMutAct_9fa48("15") ? false : stryMutAct_9fa48("14") ? true : (stryCov_9fa48("14", "15", "16"), (stryMutAct_9fa48("17") ? r : (stryCov_9fa48("17"), !r)) || (stryMutAct_9fa48("18") ? r.ok : (stryCov_9fa48("18"), !r.ok)))) {
          if (stryMutAct_9fa48("19")) {
            {}
          } else {
            stryCov_9fa48("19");
            errors.push(stryMutAct_9fa48("20") ? `` : (stryCov_9fa48("20"), `${img.repo}: ${stryMutAct_9fa48("21") ? r?.error && 'not asked' : (stryCov_9fa48("21"), (stryMutAct_9fa48("22") ? r.error : (stryCov_9fa48("22"), r?.error)) ?? (stryMutAct_9fa48("23") ? "" : (stryCov_9fa48("23"), 'not asked')))}`));
            evidence.push(stryMutAct_9fa48("24") ? `` : (stryCov_9fa48("24"), `error    ${img.ref} (${stryMutAct_9fa48("25") ? r?.error && 'not asked' : (stryCov_9fa48("25"), (stryMutAct_9fa48("26") ? r.error : (stryCov_9fa48("26"), r?.error)) ?? (stryMutAct_9fa48("27") ? "" : (stryCov_9fa48("27"), 'not asked')))})`));
          }
        } else if (stryMutAct_9fa48("30") ? r.tags.includes(img.tag) : stryMutAct_9fa48("29") ? false : stryMutAct_9fa48("28") ? true : (stryCov_9fa48("28", "29", "30"), r.tags?.includes(img.tag))) evidence.push(stryMutAct_9fa48("31") ? `` : (stryCov_9fa48("31"), `present  ${img.ref}`));else {
          if (stryMutAct_9fa48("32")) {
            {}
          } else {
            stryCov_9fa48("32");
            missing.push(img);
            evidence.push(stryMutAct_9fa48("33") ? `` : (stryCov_9fa48("33"), `MISSING  ${img.ref}  (${img.why})`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("35") ? false : stryMutAct_9fa48("34") ? true : (stryCov_9fa48("34", "35"), errors.length)) return stryMutAct_9fa48("36") ? {} : (stryCov_9fa48("36"), {
      status: stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), 'error'),
      observed: stryMutAct_9fa48("38") ? `` : (stryCov_9fa48("38"), `${errors.length} repositories could not be read`),
      expected,
      evidence,
      reason: errors.join(stryMutAct_9fa48("39") ? "" : (stryCov_9fa48("39"), '; '))
    });
    if (stryMutAct_9fa48("42") ? false : stryMutAct_9fa48("41") ? true : stryMutAct_9fa48("40") ? missing.length : (stryCov_9fa48("40", "41", "42"), !missing.length)) return stryMutAct_9fa48("43") ? {} : (stryCov_9fa48("43"), {
      status: stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'pass'),
      observed: stryMutAct_9fa48("45") ? `` : (stryCov_9fa48("45"), `${required.length} of ${required.length} images present`),
      expected,
      evidence
    });
    const remediation = missing.map(stryMutAct_9fa48("46") ? () => undefined : (stryCov_9fa48("46"), m => stryMutAct_9fa48("47") ? `` : (stryCov_9fa48("47"), `ctr -n k8s.io images pull <upstream of ${m.repo.split(stryMutAct_9fa48("48") ? "" : (stryCov_9fa48("48"), '/')).pop()}:${m.tag}> && ctr -n k8s.io images tag <upstream> ${m.ref} && ctr -n k8s.io images push ${m.ref}   # or docker pull/tag/push`))).join(stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), '\n'));
    return stryMutAct_9fa48("50") ? {} : (stryCov_9fa48("50"), {
      status: stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), 'fail'),
      observed: stryMutAct_9fa48("52") ? `` : (stryCov_9fa48("52"), `${stryMutAct_9fa48("53") ? required.length + missing.length : (stryCov_9fa48("53"), required.length - missing.length)} of ${required.length} images present; missing: ${missing.map(stryMutAct_9fa48("54") ? () => undefined : (stryCov_9fa48("54"), m => m.ref)).join(stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), ', '))}`),
      expected,
      evidence,
      remediation
    });
  }
}