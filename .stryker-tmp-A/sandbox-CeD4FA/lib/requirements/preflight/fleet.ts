// @ts-nocheck
// Requirements judged across all selected hosts at once (host "*").
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
import type { Fact, HostFacts } from '../../probe/facts.ts';
import { identityInterfaces } from '../../parse/net.ts';
import { fleetRequirement, verdict, type Requirement, type RunContext } from '../define.ts';
const phase = 'preflight' as const;

/** Duplicates of a per-host identity across the fleet; hosts whose value is unknown make the verdict `error`, never `pass`. */
function unique(ctx: RunContext, what: string, pick: (f: HostFacts) => Fact<string[]>, remediation: (dups: string[]) => string) {
  if (stryMutAct_9fa48("182")) {
    {}
  } else {
    stryCov_9fa48("182");
    if (stryMutAct_9fa48("186") ? ctx.hosts.length >= 2 : stryMutAct_9fa48("185") ? ctx.hosts.length <= 2 : stryMutAct_9fa48("184") ? false : stryMutAct_9fa48("183") ? true : (stryCov_9fa48("183", "184", "185", "186"), ctx.hosts.length < 2)) return verdict.skip(stryMutAct_9fa48("187") ? `` : (stryCov_9fa48("187"), `only ${ctx.hosts.length} host in this run: uniqueness is judged across at least two hosts`));
    const owners = new Map<string, string[]>();
    const unknown: string[] = stryMutAct_9fa48("188") ? ["Stryker was here"] : (stryCov_9fa48("188"), []);
    const evidence: string[] = stryMutAct_9fa48("189") ? ["Stryker was here"] : (stryCov_9fa48("189"), []);
    for (const h of ctx.hosts) {
      if (stryMutAct_9fa48("190")) {
        {}
      } else {
        stryCov_9fa48("190");
        if (stryMutAct_9fa48("193") ? false : stryMutAct_9fa48("192") ? true : stryMutAct_9fa48("191") ? h.facts : (stryCov_9fa48("191", "192", "193"), !h.facts)) {
          if (stryMutAct_9fa48("194")) {
            {}
          } else {
            stryCov_9fa48("194");
            unknown.push(stryMutAct_9fa48("195") ? `` : (stryCov_9fa48("195"), `${h.spec.name} (not probed: ${stryMutAct_9fa48("196") ? h.error && 'unknown' : (stryCov_9fa48("196"), h.error ?? (stryMutAct_9fa48("197") ? "" : (stryCov_9fa48("197"), 'unknown')))})`));
            continue;
          }
        }
        const v = pick(h.facts);
        if (stryMutAct_9fa48("200") ? false : stryMutAct_9fa48("199") ? true : stryMutAct_9fa48("198") ? v.ok : (stryCov_9fa48("198", "199", "200"), !v.ok)) {
          if (stryMutAct_9fa48("201")) {
            {}
          } else {
            stryCov_9fa48("201");
            unknown.push(stryMutAct_9fa48("202") ? `` : (stryCov_9fa48("202"), `${h.spec.name} (${v.error})`));
            continue;
          }
        }
        evidence.push(stryMutAct_9fa48("203") ? `` : (stryCov_9fa48("203"), `${h.spec.name}: ${stryMutAct_9fa48("206") ? v.value.join(', ') && '(none)' : stryMutAct_9fa48("205") ? false : stryMutAct_9fa48("204") ? true : (stryCov_9fa48("204", "205", "206"), v.value.join(stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), ', ')) || (stryMutAct_9fa48("208") ? "" : (stryCov_9fa48("208"), '(none)')))}`));
        for (const x of new Set(v.value)) owners.set(x, stryMutAct_9fa48("209") ? [] : (stryCov_9fa48("209"), [...(stryMutAct_9fa48("210") ? owners.get(x) && [] : (stryCov_9fa48("210"), owners.get(x) ?? (stryMutAct_9fa48("211") ? ["Stryker was here"] : (stryCov_9fa48("211"), [])))), h.spec.name]));
      }
    }
    const dups = stryMutAct_9fa48("212") ? [...owners.entries()] : (stryCov_9fa48("212"), (stryMutAct_9fa48("213") ? [] : (stryCov_9fa48("213"), [...owners.entries()])).filter(stryMutAct_9fa48("214") ? () => undefined : (stryCov_9fa48("214"), ([, hs]) => stryMutAct_9fa48("218") ? hs.length <= 1 : stryMutAct_9fa48("217") ? hs.length >= 1 : stryMutAct_9fa48("216") ? false : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216", "217", "218"), hs.length > 1))));
    const expected = stryMutAct_9fa48("219") ? `` : (stryCov_9fa48("219"), `every host has its own ${what}`);
    if (stryMutAct_9fa48("221") ? false : stryMutAct_9fa48("220") ? true : (stryCov_9fa48("220", "221"), dups.length)) {
      if (stryMutAct_9fa48("222")) {
        {}
      } else {
        stryCov_9fa48("222");
        const observed = dups.map(stryMutAct_9fa48("223") ? () => undefined : (stryCov_9fa48("223"), ([v, hs]) => stryMutAct_9fa48("224") ? `` : (stryCov_9fa48("224"), `${v} on ${hs.join(stryMutAct_9fa48("225") ? "" : (stryCov_9fa48("225"), ', '))}`))).join(stryMutAct_9fa48("226") ? "" : (stryCov_9fa48("226"), '; '));
        return verdict.fail(stryMutAct_9fa48("227") ? `` : (stryCov_9fa48("227"), `duplicate ${what}: ${observed}`), expected, stryMutAct_9fa48("228") ? [] : (stryCov_9fa48("228"), [...evidence, ...unknown.map(stryMutAct_9fa48("229") ? () => undefined : (stryCov_9fa48("229"), u => stryMutAct_9fa48("230") ? `` : (stryCov_9fa48("230"), `unknown: ${u}`)))]), stryMutAct_9fa48("231") ? {} : (stryCov_9fa48("231"), {
          remediation: remediation(dups.map(stryMutAct_9fa48("232") ? () => undefined : (stryCov_9fa48("232"), ([v]) => v)))
        }));
      }
    }
    if (stryMutAct_9fa48("234") ? false : stryMutAct_9fa48("233") ? true : (stryCov_9fa48("233", "234"), unknown.length)) return stryMutAct_9fa48("235") ? {} : (stryCov_9fa48("235"), {
      ...verdict.error(stryMutAct_9fa48("236") ? `` : (stryCov_9fa48("236"), `${what} unknown for ${unknown.join(stryMutAct_9fa48("237") ? "" : (stryCov_9fa48("237"), '; '))}`), expected),
      evidence
    });
    return verdict.pass(stryMutAct_9fa48("238") ? `` : (stryCov_9fa48("238"), `${owners.size} distinct ${what} value(s) on ${ctx.hosts.length} host(s)`), expected, evidence);
  }
}
const map = stryMutAct_9fa48("239") ? () => undefined : (stryCov_9fa48("239"), (() => {
  const map = <T, U>(f: Fact<T>, fn: (v: T) => U): Fact<U> => f.ok ? stryMutAct_9fa48("240") ? {} : (stryCov_9fa48("240"), {
    ok: stryMutAct_9fa48("241") ? false : (stryCov_9fa48("241"), true),
    value: fn(f.value)
  }) : f;
  return map;
})());
export const fleetRequirements: Requirement[] = stryMutAct_9fa48("242") ? [] : (stryCov_9fa48("242"), [fleetRequirement(stryMutAct_9fa48("243") ? {} : (stryCov_9fa48("243"), {
  id: stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), 'HOST-UNIQUE-HOSTNAME'),
  title: stryMutAct_9fa48("245") ? "" : (stryCov_9fa48("245"), 'No two hosts share a hostname'),
  phase,
  group: stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), 'identity'),
  severity: stryMutAct_9fa48("247") ? "" : (stryCov_9fa48("247"), 'error'),
  source: stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), '000 三(二)'),
  remediation: stryMutAct_9fa48("249") ? "" : (stryCov_9fa48("249"), 'hostnamectl set-hostname <unique name> on the duplicates.'),
  check: stryMutAct_9fa48("250") ? () => undefined : (stryCov_9fa48("250"), ctx => unique(ctx, stryMutAct_9fa48("251") ? "" : (stryCov_9fa48("251"), 'hostname'), stryMutAct_9fa48("252") ? () => undefined : (stryCov_9fa48("252"), f => map(f.hostname, stryMutAct_9fa48("253") ? () => undefined : (stryCov_9fa48("253"), h => stryMutAct_9fa48("254") ? [] : (stryCov_9fa48("254"), [h.running])))), stryMutAct_9fa48("255") ? () => undefined : (stryCov_9fa48("255"), d => stryMutAct_9fa48("256") ? `` : (stryCov_9fa48("256"), `hostnamectl set-hostname <unique name>   # on the hosts named ${d.join(stryMutAct_9fa48("257") ? "" : (stryCov_9fa48("257"), ', '))}`))))
})), fleetRequirement(stryMutAct_9fa48("258") ? {} : (stryCov_9fa48("258"), {
  id: stryMutAct_9fa48("259") ? "" : (stryCov_9fa48("259"), 'HOST-UNIQUE-MAC'),
  title: stryMutAct_9fa48("260") ? "" : (stryCov_9fa48("260"), 'No two hosts share a MAC address'),
  phase,
  group: stryMutAct_9fa48("261") ? "" : (stryCov_9fa48("261"), 'identity'),
  severity: stryMutAct_9fa48("262") ? "" : (stryCov_9fa48("262"), 'error'),
  source: stryMutAct_9fa48("263") ? "" : (stryCov_9fa48("263"), '000 三(二)'),
  remediation: stryMutAct_9fa48("264") ? "" : (stryCov_9fa48("264"), 'Give each VM its own MAC address (clones keep the template\'s MAC): regenerate it in the hypervisor.'),
  check: stryMutAct_9fa48("265") ? () => undefined : (stryCov_9fa48("265"), ctx => unique(ctx, stryMutAct_9fa48("266") ? "" : (stryCov_9fa48("266"), 'MAC address'), stryMutAct_9fa48("267") ? () => undefined : (stryCov_9fa48("267"), f => map(f.interfaces, stryMutAct_9fa48("268") ? () => undefined : (stryCov_9fa48("268"), ifs => identityInterfaces(ifs).map(stryMutAct_9fa48("269") ? () => undefined : (stryCov_9fa48("269"), i => i.mac))))), stryMutAct_9fa48("270") ? () => undefined : (stryCov_9fa48("270"), d => stryMutAct_9fa48("271") ? `` : (stryCov_9fa48("271"), `Regenerate the MAC address of the cloned VMs (${d.join(stryMutAct_9fa48("272") ? "" : (stryCov_9fa48("272"), ', '))}) in the hypervisor.`))))
})), fleetRequirement(stryMutAct_9fa48("273") ? {} : (stryCov_9fa48("273"), {
  id: stryMutAct_9fa48("274") ? "" : (stryCov_9fa48("274"), 'HOST-UNIQUE-UUID'),
  title: stryMutAct_9fa48("275") ? "" : (stryCov_9fa48("275"), 'No two hosts share a product_uuid'),
  phase,
  group: stryMutAct_9fa48("276") ? "" : (stryCov_9fa48("276"), 'identity'),
  severity: stryMutAct_9fa48("277") ? "" : (stryCov_9fa48("277"), 'error'),
  source: stryMutAct_9fa48("278") ? "" : (stryCov_9fa48("278"), '000 三(二)'),
  remediation: stryMutAct_9fa48("279") ? "" : (stryCov_9fa48("279"), 'Give each VM its own SMBIOS UUID (clones keep the template\'s): change it in the hypervisor (e.g. virsh edit: <uuid>, VirtualBox: VBoxManage modifyvm --hardwareuuid).'),
  check: stryMutAct_9fa48("280") ? () => undefined : (stryCov_9fa48("280"), ctx => unique(ctx, stryMutAct_9fa48("281") ? "" : (stryCov_9fa48("281"), 'product_uuid'), stryMutAct_9fa48("282") ? () => undefined : (stryCov_9fa48("282"), f => map(f.productUuid, stryMutAct_9fa48("283") ? () => undefined : (stryCov_9fa48("283"), u => stryMutAct_9fa48("284") ? [] : (stryCov_9fa48("284"), [u])))), stryMutAct_9fa48("285") ? () => undefined : (stryCov_9fa48("285"), d => stryMutAct_9fa48("286") ? `` : (stryCov_9fa48("286"), `Change the SMBIOS UUID of the VMs sharing ${d.join(stryMutAct_9fa48("287") ? "" : (stryCov_9fa48("287"), ', '))} in the hypervisor.`))))
}))]);