// @ts-nocheck
// Name resolution, kernel modules, sysctls, ports, and reaching the registry.
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
import { isLoaded, modName } from '../../parse/modules.ts';
import type { ModuleFacts } from '../../parse/modules.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { at, list } from './util.ts';
import { kubeadmFacts } from '../../kubeadm/versions.ts';
const phase = 'preflight' as const;

/** Levenshtein distance, for spotting misspelled keys and module names (iptalbes, netfiler). */
export function distance(a: string, b: string): number {
  if (stryMutAct_9fa48("573")) {
    {}
  } else {
    stryCov_9fa48("573");
    const d = Array.from(stryMutAct_9fa48("574") ? {} : (stryCov_9fa48("574"), {
      length: stryMutAct_9fa48("575") ? a.length - 1 : (stryCov_9fa48("575"), a.length + 1)
    }), stryMutAct_9fa48("576") ? () => undefined : (stryCov_9fa48("576"), (_, i) => stryMutAct_9fa48("577") ? [] : (stryCov_9fa48("577"), [i, ...(stryMutAct_9fa48("578") ? Array().fill(0) : (stryCov_9fa48("578"), Array<number>(b.length).fill(0)))])));
    for (let j = 1; stryMutAct_9fa48("581") ? j > b.length : stryMutAct_9fa48("580") ? j < b.length : stryMutAct_9fa48("579") ? false : (stryCov_9fa48("579", "580", "581"), j <= b.length); stryMutAct_9fa48("582") ? j-- : (stryCov_9fa48("582"), j++)) d[0]![j] = j;
    for (let i = 1; stryMutAct_9fa48("585") ? i > a.length : stryMutAct_9fa48("584") ? i < a.length : stryMutAct_9fa48("583") ? false : (stryCov_9fa48("583", "584", "585"), i <= a.length); stryMutAct_9fa48("586") ? i-- : (stryCov_9fa48("586"), i++)) for (let j = 1; stryMutAct_9fa48("589") ? j > b.length : stryMutAct_9fa48("588") ? j < b.length : stryMutAct_9fa48("587") ? false : (stryCov_9fa48("587", "588", "589"), j <= b.length); stryMutAct_9fa48("590") ? j-- : (stryCov_9fa48("590"), j++)) d[i]![j] = stryMutAct_9fa48("591") ? Math.max(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) : (stryCov_9fa48("591"), Math.min(stryMutAct_9fa48("592") ? d[i - 1]![j]! - 1 : (stryCov_9fa48("592"), d[stryMutAct_9fa48("593") ? i + 1 : (stryCov_9fa48("593"), i - 1)]![j]! + 1), stryMutAct_9fa48("594") ? d[i]![j - 1]! - 1 : (stryCov_9fa48("594"), d[i]![stryMutAct_9fa48("595") ? j + 1 : (stryCov_9fa48("595"), j - 1)]! + 1), stryMutAct_9fa48("596") ? d[i - 1]![j - 1]! - (a[i - 1] === b[j - 1] ? 0 : 1) : (stryCov_9fa48("596"), d[stryMutAct_9fa48("597") ? i + 1 : (stryCov_9fa48("597"), i - 1)]![stryMutAct_9fa48("598") ? j + 1 : (stryCov_9fa48("598"), j - 1)]! + ((stryMutAct_9fa48("601") ? a[i - 1] !== b[j - 1] : stryMutAct_9fa48("600") ? false : stryMutAct_9fa48("599") ? true : (stryCov_9fa48("599", "600", "601"), a[stryMutAct_9fa48("602") ? i + 1 : (stryCov_9fa48("602"), i - 1)] === b[stryMutAct_9fa48("603") ? j + 1 : (stryCov_9fa48("603"), j - 1)])) ? 0 : 1))));
    return d[a.length]![b.length]!;
  }
}
function moduleCheck(f: ModuleFacts, wanted: string[][]): {
  missing: string[];
  unpersisted: string[];
  evidence: string[];
  typos: string[];
} {
  if (stryMutAct_9fa48("604")) {
    {}
  } else {
    stryCov_9fa48("604");
    const evidence: string[] = stryMutAct_9fa48("605") ? ["Stryker was here"] : (stryCov_9fa48("605"), []);
    const missing: string[] = stryMutAct_9fa48("606") ? ["Stryker was here"] : (stryCov_9fa48("606"), []);
    const unpersisted: string[] = stryMutAct_9fa48("607") ? ["Stryker was here"] : (stryCov_9fa48("607"), []);
    const persistedNames = f.persisted.map(stryMutAct_9fa48("608") ? () => undefined : (stryCov_9fa48("608"), p => modName(p.module)));
    const builtin = f.builtin.map(modName);
    for (const alts of wanted) {
      if (stryMutAct_9fa48("609")) {
        {}
      } else {
        stryCov_9fa48("609");
        const states = alts.map(stryMutAct_9fa48("610") ? () => undefined : (stryCov_9fa48("610"), m => stryMutAct_9fa48("611") ? {} : (stryCov_9fa48("611"), {
          m,
          ...isLoaded(f, m),
          persisted: persistedNames.includes(modName(m)),
          builtin: builtin.includes(modName(m))
        })));
        const label = alts.join(stryMutAct_9fa48("612") ? "" : (stryCov_9fa48("612"), ' or '));
        if (stryMutAct_9fa48("615") ? false : stryMutAct_9fa48("614") ? true : stryMutAct_9fa48("613") ? states.some(s => s.yes) : (stryCov_9fa48("613", "614", "615"), !(stryMutAct_9fa48("616") ? states.every(s => s.yes) : (stryCov_9fa48("616"), states.some(stryMutAct_9fa48("617") ? () => undefined : (stryCov_9fa48("617"), s => s.yes)))))) missing.push(label);
        if (stryMutAct_9fa48("620") ? false : stryMutAct_9fa48("619") ? true : stryMutAct_9fa48("618") ? states.some(s => s.persisted || s.builtin) : (stryCov_9fa48("618", "619", "620"), !(stryMutAct_9fa48("621") ? states.every(s => s.persisted || s.builtin) : (stryCov_9fa48("621"), states.some(stryMutAct_9fa48("622") ? () => undefined : (stryCov_9fa48("622"), s => stryMutAct_9fa48("625") ? s.persisted && s.builtin : stryMutAct_9fa48("624") ? false : stryMutAct_9fa48("623") ? true : (stryCov_9fa48("623", "624", "625"), s.persisted || s.builtin))))))) unpersisted.push(label);
        for (const s of states) {
          if (stryMutAct_9fa48("626")) {
            {}
          } else {
            stryCov_9fa48("626");
            const where = f.persisted.find(stryMutAct_9fa48("627") ? () => undefined : (stryCov_9fa48("627"), p => stryMutAct_9fa48("630") ? modName(p.module) !== modName(s.m) : stryMutAct_9fa48("629") ? false : stryMutAct_9fa48("628") ? true : (stryCov_9fa48("628", "629", "630"), modName(p.module) === modName(s.m))));
            const persist = s.builtin ? stryMutAct_9fa48("631") ? "" : (stryCov_9fa48("631"), 'built in (needs no modules-load.d entry)') : where ? stryMutAct_9fa48("632") ? `` : (stryCov_9fa48("632"), `persisted in ${where.file}:${where.line}`) : stryMutAct_9fa48("633") ? "" : (stryCov_9fa48("633"), 'not in modules-load.d');
            evidence.push(stryMutAct_9fa48("634") ? `` : (stryCov_9fa48("634"), `${s.m}: ${s.how}; ${persist}`));
          }
        }
      }
    }
    const all = wanted.flat().map(modName);
    const near = stryMutAct_9fa48("635") ? () => undefined : (stryCov_9fa48("635"), (() => {
      const near = (m: string) => all.find(stryMutAct_9fa48("636") ? () => undefined : (stryCov_9fa48("636"), w => stryMutAct_9fa48("640") ? distance(modName(m), w) > 2 : stryMutAct_9fa48("639") ? distance(modName(m), w) < 2 : stryMutAct_9fa48("638") ? false : stryMutAct_9fa48("637") ? true : (stryCov_9fa48("637", "638", "639", "640"), distance(modName(m), w) <= 2)));
      return near;
    })());
    const typos = stryMutAct_9fa48("641") ? f.persisted.map(p => `${p.file}:${p.line}: "${p.module}" is not a module name; did you mean ${near(p.module)}?`) : (stryCov_9fa48("641"), f.persisted.filter(stryMutAct_9fa48("642") ? () => undefined : (stryCov_9fa48("642"), p => stryMutAct_9fa48("645") ? !all.includes(modName(p.module)) || near(p.module) : stryMutAct_9fa48("644") ? false : stryMutAct_9fa48("643") ? true : (stryCov_9fa48("643", "644", "645"), (stryMutAct_9fa48("646") ? all.includes(modName(p.module)) : (stryCov_9fa48("646"), !all.includes(modName(p.module)))) && near(p.module)))).map(stryMutAct_9fa48("647") ? () => undefined : (stryCov_9fa48("647"), p => stryMutAct_9fa48("648") ? `` : (stryCov_9fa48("648"), `${p.file}:${p.line}: "${p.module}" is not a module name; did you mean ${near(p.module)}?`))));
    return stryMutAct_9fa48("649") ? {} : (stryCov_9fa48("649"), {
      missing,
      unpersisted,
      evidence: stryMutAct_9fa48("650") ? [] : (stryCov_9fa48("650"), [...evidence, ...typos]),
      typos
    });
  }
}
const heredoc = stryMutAct_9fa48("651") ? () => undefined : (stryCov_9fa48("651"), (() => {
  const heredoc = (file: string, lines: string[], then: string) => (stryMutAct_9fa48("652") ? [] : (stryCov_9fa48("652"), [stryMutAct_9fa48("653") ? `` : (stryCov_9fa48("653"), `cat > ${file} <<'EOF'`), ...lines, stryMutAct_9fa48("654") ? "" : (stryCov_9fa48("654"), 'EOF'), then])).join(stryMutAct_9fa48("655") ? "" : (stryCov_9fa48("655"), '\n'));
  return heredoc;
})());
const MODULES_REM = heredoc(stryMutAct_9fa48("656") ? "" : (stryCov_9fa48("656"), '/etc/modules-load.d/containerd.conf'), stryMutAct_9fa48("657") ? [] : (stryCov_9fa48("657"), [stryMutAct_9fa48("658") ? "" : (stryCov_9fa48("658"), 'br_netfilter'), stryMutAct_9fa48("659") ? "" : (stryCov_9fa48("659"), 'xt_conntrack')]), stryMutAct_9fa48("660") ? "" : (stryCov_9fa48("660"), 'systemctl restart systemd-modules-load.service'));
const IPVS_REM = heredoc(stryMutAct_9fa48("661") ? "" : (stryCov_9fa48("661"), '/etc/modules-load.d/ipvs.conf'), stryMutAct_9fa48("662") ? [] : (stryCov_9fa48("662"), [stryMutAct_9fa48("663") ? "" : (stryCov_9fa48("663"), 'ip_vs'), stryMutAct_9fa48("664") ? "" : (stryCov_9fa48("664"), 'ip_vs_rr'), stryMutAct_9fa48("665") ? "" : (stryCov_9fa48("665"), 'ip_vs_wrr'), stryMutAct_9fa48("666") ? "" : (stryCov_9fa48("666"), 'ip_vs_sh'), stryMutAct_9fa48("667") ? "" : (stryCov_9fa48("667"), 'nf_conntrack')]), stryMutAct_9fa48("668") ? "" : (stryCov_9fa48("668"), 'systemctl restart systemd-modules-load.service'));

/** The sysctls Kubernetes needs. The documents' misspellings (iptalbes, netfiler.nfs_) are reported as typos, not required. */
export const REQUIRED_SYSCTLS: {
  key: string;
  want: (v: string, min: number) => boolean;
  expect: (min: number) => string;
  severity: 'error' | 'warn';
}[] = stryMutAct_9fa48("669") ? [] : (stryCov_9fa48("669"), [stryMutAct_9fa48("670") ? {} : (stryCov_9fa48("670"), {
  key: stryMutAct_9fa48("671") ? "" : (stryCov_9fa48("671"), 'net.ipv4.ip_forward'),
  want: stryMutAct_9fa48("672") ? () => undefined : (stryCov_9fa48("672"), v => stryMutAct_9fa48("675") ? v !== '1' : stryMutAct_9fa48("674") ? false : stryMutAct_9fa48("673") ? true : (stryCov_9fa48("673", "674", "675"), v === (stryMutAct_9fa48("676") ? "" : (stryCov_9fa48("676"), '1')))),
  expect: stryMutAct_9fa48("677") ? () => undefined : (stryCov_9fa48("677"), () => stryMutAct_9fa48("678") ? "" : (stryCov_9fa48("678"), '= 1')),
  severity: stryMutAct_9fa48("679") ? "" : (stryCov_9fa48("679"), 'error')
}), stryMutAct_9fa48("680") ? {} : (stryCov_9fa48("680"), {
  key: stryMutAct_9fa48("681") ? "" : (stryCov_9fa48("681"), 'net.bridge.bridge-nf-call-iptables'),
  want: stryMutAct_9fa48("682") ? () => undefined : (stryCov_9fa48("682"), v => stryMutAct_9fa48("685") ? v !== '1' : stryMutAct_9fa48("684") ? false : stryMutAct_9fa48("683") ? true : (stryCov_9fa48("683", "684", "685"), v === (stryMutAct_9fa48("686") ? "" : (stryCov_9fa48("686"), '1')))),
  expect: stryMutAct_9fa48("687") ? () => undefined : (stryCov_9fa48("687"), () => stryMutAct_9fa48("688") ? "" : (stryCov_9fa48("688"), '= 1')),
  severity: stryMutAct_9fa48("689") ? "" : (stryCov_9fa48("689"), 'error')
}), stryMutAct_9fa48("690") ? {} : (stryCov_9fa48("690"), {
  key: stryMutAct_9fa48("691") ? "" : (stryCov_9fa48("691"), 'net.bridge.bridge-nf-call-ip6tables'),
  want: stryMutAct_9fa48("692") ? () => undefined : (stryCov_9fa48("692"), v => stryMutAct_9fa48("695") ? v !== '1' : stryMutAct_9fa48("694") ? false : stryMutAct_9fa48("693") ? true : (stryCov_9fa48("693", "694", "695"), v === (stryMutAct_9fa48("696") ? "" : (stryCov_9fa48("696"), '1')))),
  expect: stryMutAct_9fa48("697") ? () => undefined : (stryCov_9fa48("697"), () => stryMutAct_9fa48("698") ? "" : (stryCov_9fa48("698"), '= 1')),
  severity: stryMutAct_9fa48("699") ? "" : (stryCov_9fa48("699"), 'error')
}), stryMutAct_9fa48("700") ? {} : (stryCov_9fa48("700"), {
  key: stryMutAct_9fa48("701") ? "" : (stryCov_9fa48("701"), 'net.netfilter.nf_conntrack_max'),
  want: stryMutAct_9fa48("702") ? () => undefined : (stryCov_9fa48("702"), (v, min) => stryMutAct_9fa48("706") ? Number(v) < min : stryMutAct_9fa48("705") ? Number(v) > min : stryMutAct_9fa48("704") ? false : stryMutAct_9fa48("703") ? true : (stryCov_9fa48("703", "704", "705", "706"), Number(v) >= min)),
  expect: stryMutAct_9fa48("707") ? () => undefined : (stryCov_9fa48("707"), min => stryMutAct_9fa48("708") ? `` : (stryCov_9fa48("708"), `≥ ${min}`)),
  severity: stryMutAct_9fa48("709") ? "" : (stryCov_9fa48("709"), 'warn')
})]);
const SYSCTL_REM = heredoc(stryMutAct_9fa48("710") ? "" : (stryCov_9fa48("710"), '/etc/sysctl.d/99-kubernetes-cri.conf'), stryMutAct_9fa48("711") ? [] : (stryCov_9fa48("711"), [stryMutAct_9fa48("712") ? "" : (stryCov_9fa48("712"), 'net.ipv4.ip_forward = 1'), stryMutAct_9fa48("713") ? "" : (stryCov_9fa48("713"), 'net.bridge.bridge-nf-call-iptables = 1'), stryMutAct_9fa48("714") ? "" : (stryCov_9fa48("714"), 'net.bridge.bridge-nf-call-ip6tables = 1'), stryMutAct_9fa48("715") ? "" : (stryCov_9fa48("715"), 'net.netfilter.nf_conntrack_max = 100000')]), stryMutAct_9fa48("716") ? "" : (stryCov_9fa48("716"), 'sysctl -p /etc/sysctl.d/99-kubernetes-cri.conf'));

/** Ports that must be free: kubeadm's own preflight list for the version (lib/kubeadm/versions.ts), plus kube-proxy's healthz on workers. */
export function portsToBeFree(kubernetesVersion: string): Record<'control-plane' | 'worker', number[]> {
  if (stryMutAct_9fa48("717")) {
    {}
  } else {
    stryCov_9fa48("717");
    const p = kubeadmFacts(kubernetesVersion).ports;
    return stryMutAct_9fa48("718") ? {} : (stryCov_9fa48("718"), {
      'control-plane': p.preflightFree,
      worker: stryMutAct_9fa48("719") ? [] : (stryCov_9fa48("719"), [p.kubelet, p.kubeProxyHealthz])
    });
  }
}
export const networkRequirements: Requirement[] = stryMutAct_9fa48("720") ? [] : (stryCov_9fa48("720"), [hostRequirement(stryMutAct_9fa48("721") ? {} : (stryCov_9fa48("721"), {
  id: stryMutAct_9fa48("722") ? "" : (stryCov_9fa48("722"), 'HOST-HOSTS-FILE'),
  title: stryMutAct_9fa48("723") ? "" : (stryCov_9fa48("723"), 'Every inventory host name resolves to its inventory address'),
  phase,
  group: stryMutAct_9fa48("724") ? "" : (stryCov_9fa48("724"), 'network'),
  severity: stryMutAct_9fa48("725") ? "" : (stryCov_9fa48("725"), 'error'),
  source: stryMutAct_9fa48("726") ? "" : (stryCov_9fa48("726"), '000 (二), 001'),
  remediation: stryMutAct_9fa48("727") ? "" : (stryCov_9fa48("727"), 'Add one line per cluster host to /etc/hosts on every host, e.g. "192.168.88.4 master".'),
  check: ({
    facts,
    ctx,
    host
  }) => {
    if (stryMutAct_9fa48("728")) {
      {}
    } else {
      stryCov_9fa48("728");
      const res = need(facts.resolution);
      const hostsFile = need(facts.etcHosts);
      const local = stryMutAct_9fa48("731") ? host.transport !== 'local' : stryMutAct_9fa48("730") ? false : stryMutAct_9fa48("729") ? true : (stryCov_9fa48("729", "730", "731"), host.transport === (stryMutAct_9fa48("732") ? "" : (stryCov_9fa48("732"), 'local')));
      const bad: string[] = stryMutAct_9fa48("733") ? ["Stryker was here"] : (stryCov_9fa48("733"), []);
      const evidence: string[] = stryMutAct_9fa48("734") ? ["Stryker was here"] : (stryCov_9fa48("734"), []);
      for (const h of ctx.inventory) {
        if (stryMutAct_9fa48("735")) {
          {}
        } else {
          stryCov_9fa48("735");
          const got = stryMutAct_9fa48("736") ? res[h.name] && [] : (stryCov_9fa48("736"), res[h.name] ?? (stryMutAct_9fa48("737") ? ["Stryker was here"] : (stryCov_9fa48("737"), [])));
          const lines = stryMutAct_9fa48("738") ? hostsFile.map(e => at('/etc/hosts', e.line, `${e.address} ${e.names.join(' ')}`)) : (stryCov_9fa48("738"), hostsFile.filter(stryMutAct_9fa48("739") ? () => undefined : (stryCov_9fa48("739"), e => e.names.includes(h.name))).map(stryMutAct_9fa48("740") ? () => undefined : (stryCov_9fa48("740"), e => at(stryMutAct_9fa48("741") ? "" : (stryCov_9fa48("741"), '/etc/hosts'), e.line, stryMutAct_9fa48("742") ? `` : (stryCov_9fa48("742"), `${e.address} ${e.names.join(stryMutAct_9fa48("743") ? "" : (stryCov_9fa48("743"), ' '))}`)))));
          evidence.push(stryMutAct_9fa48("744") ? `` : (stryCov_9fa48("744"), `getent hosts ${h.name}: ${list(got, stryMutAct_9fa48("745") ? "" : (stryCov_9fa48("745"), 'does not resolve'))}`), ...lines);
          if (stryMutAct_9fa48("748") ? false : stryMutAct_9fa48("747") ? true : stryMutAct_9fa48("746") ? got.length : (stryCov_9fa48("746", "747", "748"), !got.length)) bad.push(stryMutAct_9fa48("749") ? `` : (stryCov_9fa48("749"), `${h.name} does not resolve`));else if (stryMutAct_9fa48("752") ? !local && /^[0-9.:a-fA-F]+$/.test(h.address) || !got.includes(h.address) : stryMutAct_9fa48("751") ? false : stryMutAct_9fa48("750") ? true : (stryCov_9fa48("750", "751", "752"), (stryMutAct_9fa48("754") ? !local || /^[0-9.:a-fA-F]+$/.test(h.address) : stryMutAct_9fa48("753") ? true : (stryCov_9fa48("753", "754"), (stryMutAct_9fa48("755") ? local : (stryCov_9fa48("755"), !local)) && (stryMutAct_9fa48("759") ? /^[^0-9.:a-fA-F]+$/ : stryMutAct_9fa48("758") ? /^[0-9.:a-fA-F]$/ : stryMutAct_9fa48("757") ? /^[0-9.:a-fA-F]+/ : stryMutAct_9fa48("756") ? /[0-9.:a-fA-F]+$/ : (stryCov_9fa48("756", "757", "758", "759"), /^[0-9.:a-fA-F]+$/)).test(h.address))) && (stryMutAct_9fa48("760") ? got.includes(h.address) : (stryCov_9fa48("760"), !got.includes(h.address))))) bad.push(stryMutAct_9fa48("761") ? `` : (stryCov_9fa48("761"), `${h.name} resolves to ${got.join(stryMutAct_9fa48("762") ? "" : (stryCov_9fa48("762"), ', '))}, not ${h.address}`));
        }
      }
      const expected = local ? stryMutAct_9fa48("763") ? "" : (stryCov_9fa48("763"), "this host's name resolves") : ctx.inventory.map(stryMutAct_9fa48("764") ? () => undefined : (stryCov_9fa48("764"), h => stryMutAct_9fa48("765") ? `` : (stryCov_9fa48("765"), `${h.name} → ${h.address}`))).join(stryMutAct_9fa48("766") ? "" : (stryCov_9fa48("766"), ', '));
      const lines = ctx.inventory.map(stryMutAct_9fa48("767") ? () => undefined : (stryCov_9fa48("767"), h => stryMutAct_9fa48("768") ? `` : (stryCov_9fa48("768"), `${h.address} ${h.name}`)));
      return bad.length ? verdict.fail(bad.join(stryMutAct_9fa48("769") ? "" : (stryCov_9fa48("769"), '; ')), expected, evidence, stryMutAct_9fa48("770") ? {} : (stryCov_9fa48("770"), {
        remediation: (stryMutAct_9fa48("771") ? [] : (stryCov_9fa48("771"), [stryMutAct_9fa48("772") ? `` : (stryCov_9fa48("772"), `cat >> /etc/hosts <<'EOF'`), ...lines, stryMutAct_9fa48("773") ? "" : (stryCov_9fa48("773"), 'EOF')])).join(stryMutAct_9fa48("774") ? "" : (stryCov_9fa48("774"), '\n'))
      })) : verdict.pass(stryMutAct_9fa48("775") ? "" : (stryCov_9fa48("775"), 'all names resolve to their inventory addresses'), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("776") ? {} : (stryCov_9fa48("776"), {
  id: stryMutAct_9fa48("777") ? "" : (stryCov_9fa48("777"), 'HOST-MODULES'),
  title: stryMutAct_9fa48("778") ? "" : (stryCov_9fa48("778"), 'br_netfilter and xt_conntrack loaded and persisted'),
  phase,
  group: stryMutAct_9fa48("779") ? "" : (stryCov_9fa48("779"), 'kernel'),
  severity: stryMutAct_9fa48("780") ? "" : (stryCov_9fa48("780"), 'error'),
  source: stryMutAct_9fa48("781") ? "" : (stryCov_9fa48("781"), '000 (五)'),
  remediation: MODULES_REM,
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("782")) {
      {}
    } else {
      stryCov_9fa48("782");
      const r = moduleCheck(need(facts.modules), stryMutAct_9fa48("783") ? [] : (stryCov_9fa48("783"), [stryMutAct_9fa48("784") ? [] : (stryCov_9fa48("784"), [stryMutAct_9fa48("785") ? "" : (stryCov_9fa48("785"), 'br_netfilter')]), stryMutAct_9fa48("786") ? [] : (stryCov_9fa48("786"), [stryMutAct_9fa48("787") ? "" : (stryCov_9fa48("787"), 'xt_conntrack'), stryMutAct_9fa48("788") ? "" : (stryCov_9fa48("788"), 'nf_conntrack')])]));
      const problems = stryMutAct_9fa48("789") ? [] : (stryCov_9fa48("789"), [...r.missing.map(stryMutAct_9fa48("790") ? () => undefined : (stryCov_9fa48("790"), m => stryMutAct_9fa48("791") ? `` : (stryCov_9fa48("791"), `${m} not loaded`))), ...r.unpersisted.map(stryMutAct_9fa48("792") ? () => undefined : (stryCov_9fa48("792"), m => stryMutAct_9fa48("793") ? `` : (stryCov_9fa48("793"), `${m} not in modules-load.d`)))]);
      const expected = stryMutAct_9fa48("794") ? "" : (stryCov_9fa48("794"), 'br_netfilter and xt_conntrack (or nf_conntrack) loaded, listed in /etc/modules-load.d/*.conf');
      const typoNote = r.typos.length ? stryMutAct_9fa48("795") ? `` : (stryCov_9fa48("795"), ` (${r.typos.length} misspelled module name(s) in modules-load.d)`) : stryMutAct_9fa48("796") ? "Stryker was here!" : (stryCov_9fa48("796"), '');
      return problems.length ? verdict.fail(stryMutAct_9fa48("797") ? problems.join('; ') - typoNote : (stryCov_9fa48("797"), problems.join(stryMutAct_9fa48("798") ? "" : (stryCov_9fa48("798"), '; ')) + typoNote), expected, r.evidence) : verdict.pass(stryMutAct_9fa48("799") ? "" : (stryCov_9fa48("799"), 'loaded and persisted'), expected, r.evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("800") ? {} : (stryCov_9fa48("800"), {
  id: stryMutAct_9fa48("801") ? "" : (stryCov_9fa48("801"), 'HOST-IPVS-MODULES'),
  title: stryMutAct_9fa48("802") ? "" : (stryCov_9fa48("802"), 'IPVS modules loaded and persisted (ipvs proxy mode)'),
  phase,
  group: stryMutAct_9fa48("803") ? "" : (stryCov_9fa48("803"), 'kernel'),
  severity: stryMutAct_9fa48("804") ? "" : (stryCov_9fa48("804"), 'error'),
  source: stryMutAct_9fa48("805") ? "" : (stryCov_9fa48("805"), '001, 000 (八) init.yaml mode: ipvs'),
  remediation: IPVS_REM,
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("806")) {
      {}
    } else {
      stryCov_9fa48("806");
      if (stryMutAct_9fa48("809") ? profile.proxyMode === 'ipvs' : stryMutAct_9fa48("808") ? false : stryMutAct_9fa48("807") ? true : (stryCov_9fa48("807", "808", "809"), profile.proxyMode !== (stryMutAct_9fa48("810") ? "" : (stryCov_9fa48("810"), 'ipvs')))) return verdict.skip(stryMutAct_9fa48("811") ? `` : (stryCov_9fa48("811"), `kube-proxy mode is ${profile.proxyMode}, not ipvs`));
      const r = moduleCheck(need(facts.modules), stryMutAct_9fa48("812") ? [] : (stryCov_9fa48("812"), [stryMutAct_9fa48("813") ? [] : (stryCov_9fa48("813"), [stryMutAct_9fa48("814") ? "" : (stryCov_9fa48("814"), 'ip_vs')]), stryMutAct_9fa48("815") ? [] : (stryCov_9fa48("815"), [stryMutAct_9fa48("816") ? "" : (stryCov_9fa48("816"), 'ip_vs_rr')]), stryMutAct_9fa48("817") ? [] : (stryCov_9fa48("817"), [stryMutAct_9fa48("818") ? "" : (stryCov_9fa48("818"), 'ip_vs_wrr')]), stryMutAct_9fa48("819") ? [] : (stryCov_9fa48("819"), [stryMutAct_9fa48("820") ? "" : (stryCov_9fa48("820"), 'ip_vs_sh')]), stryMutAct_9fa48("821") ? [] : (stryCov_9fa48("821"), [stryMutAct_9fa48("822") ? "" : (stryCov_9fa48("822"), 'nf_conntrack')])]));
      const problems = stryMutAct_9fa48("823") ? [] : (stryCov_9fa48("823"), [...r.missing.map(stryMutAct_9fa48("824") ? () => undefined : (stryCov_9fa48("824"), m => stryMutAct_9fa48("825") ? `` : (stryCov_9fa48("825"), `${m} not loaded`))), ...r.unpersisted.map(stryMutAct_9fa48("826") ? () => undefined : (stryCov_9fa48("826"), m => stryMutAct_9fa48("827") ? `` : (stryCov_9fa48("827"), `${m} not persisted`)))]);
      const expected = stryMutAct_9fa48("828") ? "" : (stryCov_9fa48("828"), 'ip_vs, ip_vs_rr, ip_vs_wrr, ip_vs_sh, nf_conntrack loaded and in /etc/modules-load.d');
      return problems.length ? verdict.fail(problems.join(stryMutAct_9fa48("829") ? "" : (stryCov_9fa48("829"), '; ')), expected, r.evidence) : verdict.pass(stryMutAct_9fa48("830") ? "" : (stryCov_9fa48("830"), 'loaded and persisted'), expected, r.evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("831") ? {} : (stryCov_9fa48("831"), {
  id: stryMutAct_9fa48("832") ? "" : (stryCov_9fa48("832"), 'HOST-SYSCTL'),
  title: stryMutAct_9fa48("833") ? "" : (stryCov_9fa48("833"), 'Kernel parameters set (live)'),
  phase,
  group: stryMutAct_9fa48("834") ? "" : (stryCov_9fa48("834"), 'kernel'),
  severity: stryMutAct_9fa48("835") ? "" : (stryCov_9fa48("835"), 'error'),
  source: stryMutAct_9fa48("836") ? "" : (stryCov_9fa48("836"), '000 (五), 001, 003'),
  remediation: SYSCTL_REM,
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("837")) {
      {}
    } else {
      stryCov_9fa48("837");
      const live = need(facts.sysctls);
      const min = profile.minConntrackMax;
      const bad: string[] = stryMutAct_9fa48("838") ? ["Stryker was here"] : (stryCov_9fa48("838"), []);
      const evidence: string[] = stryMutAct_9fa48("839") ? ["Stryker was here"] : (stryCov_9fa48("839"), []);
      let worst: 'error' | 'warn' | undefined;
      for (const s of REQUIRED_SYSCTLS) {
        if (stryMutAct_9fa48("840")) {
          {}
        } else {
          stryCov_9fa48("840");
          const v = live[s.key];
          evidence.push(stryMutAct_9fa48("841") ? `` : (stryCov_9fa48("841"), `${s.key} = ${stryMutAct_9fa48("842") ? v && '(absent)' : (stryCov_9fa48("842"), v ?? (stryMutAct_9fa48("843") ? "" : (stryCov_9fa48("843"), '(absent)')))}`));
          if (stryMutAct_9fa48("846") ? v !== undefined || s.want(v, min) : stryMutAct_9fa48("845") ? false : stryMutAct_9fa48("844") ? true : (stryCov_9fa48("844", "845", "846"), (stryMutAct_9fa48("848") ? v === undefined : stryMutAct_9fa48("847") ? true : (stryCov_9fa48("847", "848"), v !== undefined)) && s.want(v, min))) continue;
          bad.push((stryMutAct_9fa48("851") ? v !== undefined : stryMutAct_9fa48("850") ? false : stryMutAct_9fa48("849") ? true : (stryCov_9fa48("849", "850", "851"), v === undefined)) ? stryMutAct_9fa48("852") ? `` : (stryCov_9fa48("852"), `${s.key} absent${(stryMutAct_9fa48("853") ? s.key.endsWith('net.bridge.') : (stryCov_9fa48("853"), s.key.startsWith(stryMutAct_9fa48("854") ? "" : (stryCov_9fa48("854"), 'net.bridge.')))) ? stryMutAct_9fa48("855") ? "" : (stryCov_9fa48("855"), ' (br_netfilter not loaded)') : stryMutAct_9fa48("856") ? "Stryker was here!" : (stryCov_9fa48("856"), '')}`) : stryMutAct_9fa48("857") ? `` : (stryCov_9fa48("857"), `${s.key} = ${v}, want ${s.expect(min)}`));
          worst = (stryMutAct_9fa48("860") ? s.severity !== 'error' : stryMutAct_9fa48("859") ? false : stryMutAct_9fa48("858") ? true : (stryCov_9fa48("858", "859", "860"), s.severity === (stryMutAct_9fa48("861") ? "" : (stryCov_9fa48("861"), 'error')))) ? stryMutAct_9fa48("862") ? "" : (stryCov_9fa48("862"), 'error') : stryMutAct_9fa48("863") ? worst && 'warn' : (stryCov_9fa48("863"), worst ?? (stryMutAct_9fa48("864") ? "" : (stryCov_9fa48("864"), 'warn')));
        }
      }
      const expected = REQUIRED_SYSCTLS.map(stryMutAct_9fa48("865") ? () => undefined : (stryCov_9fa48("865"), s => stryMutAct_9fa48("866") ? `` : (stryCov_9fa48("866"), `${s.key} ${s.expect(min)}`))).join(stryMutAct_9fa48("867") ? "" : (stryCov_9fa48("867"), ', '));
      if (stryMutAct_9fa48("870") ? false : stryMutAct_9fa48("869") ? true : stryMutAct_9fa48("868") ? bad.length : (stryCov_9fa48("868", "869", "870"), !bad.length)) return verdict.pass(stryMutAct_9fa48("871") ? "" : (stryCov_9fa48("871"), 'all set'), expected, evidence);
      return (stryMutAct_9fa48("874") ? worst !== 'error' : stryMutAct_9fa48("873") ? false : stryMutAct_9fa48("872") ? true : (stryCov_9fa48("872", "873", "874"), worst === (stryMutAct_9fa48("875") ? "" : (stryCov_9fa48("875"), 'error')))) ? verdict.fail(bad.join(stryMutAct_9fa48("876") ? "" : (stryCov_9fa48("876"), '; ')), expected, evidence, stryMutAct_9fa48("877") ? {} : (stryCov_9fa48("877"), {
        severity: stryMutAct_9fa48("878") ? "" : (stryCov_9fa48("878"), 'error')
      })) : verdict.warn(bad.join(stryMutAct_9fa48("879") ? "" : (stryCov_9fa48("879"), '; ')), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("880") ? {} : (stryCov_9fa48("880"), {
  id: stryMutAct_9fa48("881") ? "" : (stryCov_9fa48("881"), 'HOST-SYSCTL-PERSIST'),
  title: stryMutAct_9fa48("882") ? "" : (stryCov_9fa48("882"), 'Kernel parameters persisted in sysctl.d, no misspelled keys'),
  phase,
  group: stryMutAct_9fa48("883") ? "" : (stryCov_9fa48("883"), 'kernel'),
  severity: stryMutAct_9fa48("884") ? "" : (stryCov_9fa48("884"), 'error'),
  source: stryMutAct_9fa48("885") ? "" : (stryCov_9fa48("885"), '000 (五)'),
  remediation: SYSCTL_REM,
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("886")) {
      {}
    } else {
      stryCov_9fa48("886");
      const {
        settings
      } = need(facts.sysctlFiles);
      const min = profile.minConntrackMax;
      const evidence: string[] = stryMutAct_9fa48("887") ? ["Stryker was here"] : (stryCov_9fa48("887"), []);
      const missing: string[] = stryMutAct_9fa48("888") ? ["Stryker was here"] : (stryCov_9fa48("888"), []);
      for (const s of REQUIRED_SYSCTLS) {
        if (stryMutAct_9fa48("889")) {
          {}
        } else {
          stryCov_9fa48("889");
          const last = stryMutAct_9fa48("890") ? settings.at(-1) : (stryCov_9fa48("890"), settings.filter(stryMutAct_9fa48("891") ? () => undefined : (stryCov_9fa48("891"), x => stryMutAct_9fa48("894") ? x.key !== s.key : stryMutAct_9fa48("893") ? false : stryMutAct_9fa48("892") ? true : (stryCov_9fa48("892", "893", "894"), x.key === s.key))).at(stryMutAct_9fa48("895") ? +1 : (stryCov_9fa48("895"), -1)));
          if (stryMutAct_9fa48("897") ? false : stryMutAct_9fa48("896") ? true : (stryCov_9fa48("896", "897"), last)) evidence.push(at(last.file, last.line, last.text));
          if (stryMutAct_9fa48("900") ? false : stryMutAct_9fa48("899") ? true : stryMutAct_9fa48("898") ? last : (stryCov_9fa48("898", "899", "900"), !last)) missing.push(stryMutAct_9fa48("901") ? `` : (stryCov_9fa48("901"), `${s.key} not set in any sysctl file`));else if (stryMutAct_9fa48("904") ? false : stryMutAct_9fa48("903") ? true : stryMutAct_9fa48("902") ? s.want(last.value, min) : (stryCov_9fa48("902", "903", "904"), !s.want(last.value, min))) missing.push(stryMutAct_9fa48("905") ? `` : (stryCov_9fa48("905"), `${s.key} = ${last.value} in ${last.file}:${last.line}, want ${s.expect(min)}`));
        }
      }
      const known = REQUIRED_SYSCTLS.map(stryMutAct_9fa48("906") ? () => undefined : (stryCov_9fa48("906"), s => s.key));
      const near = stryMutAct_9fa48("907") ? () => undefined : (stryCov_9fa48("907"), (() => {
        const near = (k: string) => known.find(stryMutAct_9fa48("908") ? () => undefined : (stryCov_9fa48("908"), x => stryMutAct_9fa48("911") ? x !== k || distance(k, x) <= 3 : stryMutAct_9fa48("910") ? false : stryMutAct_9fa48("909") ? true : (stryCov_9fa48("909", "910", "911"), (stryMutAct_9fa48("913") ? x === k : stryMutAct_9fa48("912") ? true : (stryCov_9fa48("912", "913"), x !== k)) && (stryMutAct_9fa48("916") ? distance(k, x) > 3 : stryMutAct_9fa48("915") ? distance(k, x) < 3 : stryMutAct_9fa48("914") ? true : (stryCov_9fa48("914", "915", "916"), distance(k, x) <= 3)))));
        return near;
      })());
      const typos = stryMutAct_9fa48("917") ? settings.map(x => `${x.file}:${x.line}: unknown key "${x.key}", misspelled ${near(x.key)}?`) : (stryCov_9fa48("917"), settings.filter(stryMutAct_9fa48("918") ? () => undefined : (stryCov_9fa48("918"), x => stryMutAct_9fa48("921") ? !known.includes(x.key) || near(x.key) : stryMutAct_9fa48("920") ? false : stryMutAct_9fa48("919") ? true : (stryCov_9fa48("919", "920", "921"), (stryMutAct_9fa48("922") ? known.includes(x.key) : (stryCov_9fa48("922"), !known.includes(x.key))) && near(x.key)))).map(stryMutAct_9fa48("923") ? () => undefined : (stryCov_9fa48("923"), x => stryMutAct_9fa48("924") ? `` : (stryCov_9fa48("924"), `${x.file}:${x.line}: unknown key "${x.key}", misspelled ${near(x.key)}?`))));
      const malformed = stryMutAct_9fa48("925") ? settings.map(x => `${x.file}:${x.line}: not a "key = value" line: ${x.text}`) : (stryCov_9fa48("925"), settings.filter(stryMutAct_9fa48("926") ? () => undefined : (stryCov_9fa48("926"), x => stryMutAct_9fa48("927") ? x.text.includes('=') : (stryCov_9fa48("927"), !x.text.includes(stryMutAct_9fa48("928") ? "" : (stryCov_9fa48("928"), '='))))).map(stryMutAct_9fa48("929") ? () => undefined : (stryCov_9fa48("929"), x => stryMutAct_9fa48("930") ? `` : (stryCov_9fa48("930"), `${x.file}:${x.line}: not a "key = value" line: ${x.text}`))));
      evidence.push(...typos, ...malformed);
      const expected = stryMutAct_9fa48("931") ? "" : (stryCov_9fa48("931"), 'the required keys with the required values in /etc/sysctl.d/*.conf or /etc/sysctl.conf; no misspelled keys');
      if (stryMutAct_9fa48("933") ? false : stryMutAct_9fa48("932") ? true : (stryCov_9fa48("932", "933"), missing.length)) return verdict.fail((stryMutAct_9fa48("934") ? [] : (stryCov_9fa48("934"), [...missing, ...(typos.length ? stryMutAct_9fa48("935") ? [] : (stryCov_9fa48("935"), [stryMutAct_9fa48("936") ? `` : (stryCov_9fa48("936"), `${typos.length} misspelled key(s)`)]) : stryMutAct_9fa48("937") ? ["Stryker was here"] : (stryCov_9fa48("937"), []))])).join(stryMutAct_9fa48("938") ? "" : (stryCov_9fa48("938"), '; ')), expected, evidence, stryMutAct_9fa48("939") ? {} : (stryCov_9fa48("939"), {
        severity: stryMutAct_9fa48("940") ? "" : (stryCov_9fa48("940"), 'error')
      }));
      if (stryMutAct_9fa48("943") ? typos.length && malformed.length : stryMutAct_9fa48("942") ? false : stryMutAct_9fa48("941") ? true : (stryCov_9fa48("941", "942", "943"), typos.length || malformed.length)) return verdict.warn(stryMutAct_9fa48("944") ? `` : (stryCov_9fa48("944"), `values persisted, but ${stryMutAct_9fa48("945") ? typos.length - malformed.length : (stryCov_9fa48("945"), typos.length + malformed.length)} bad line(s) in sysctl files`), expected, evidence);
      return verdict.pass(stryMutAct_9fa48("946") ? "" : (stryCov_9fa48("946"), 'persisted'), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("947") ? {} : (stryCov_9fa48("947"), {
  id: stryMutAct_9fa48("948") ? "" : (stryCov_9fa48("948"), 'HOST-PORTS-FREE'),
  title: stryMutAct_9fa48("949") ? "" : (stryCov_9fa48("949"), 'Kubernetes ports free before install'),
  phase,
  group: stryMutAct_9fa48("950") ? "" : (stryCov_9fa48("950"), 'network'),
  severity: stryMutAct_9fa48("951") ? "" : (stryCov_9fa48("951"), 'error'),
  source: stryMutAct_9fa48("952") ? "" : (stryCov_9fa48("952"), '000 五, kubeadm preflight'),
  remediation: stryMutAct_9fa48("953") ? "" : (stryCov_9fa48("953"), 'Stop what listens on these ports (ss -ltnp names the process), or use another host.'),
  check: ({
    facts,
    host,
    profile
  }) => {
    if (stryMutAct_9fa48("954")) {
      {}
    } else {
      stryCov_9fa48("954");
      const listening = need(facts.listening);
      const free = portsToBeFree(profile.kubernetesVersion);
      const ports = stryMutAct_9fa48("955") ? [...new Set(host.roles.flatMap(r => r === 'control-plane' || r === 'worker' ? free[r] : r === 'etcd' ? [2379, 2380] : []))] : (stryCov_9fa48("955"), (stryMutAct_9fa48("956") ? [] : (stryCov_9fa48("956"), [...new Set(host.roles.flatMap(stryMutAct_9fa48("957") ? () => undefined : (stryCov_9fa48("957"), r => (stryMutAct_9fa48("960") ? r === 'control-plane' && r === 'worker' : stryMutAct_9fa48("959") ? false : stryMutAct_9fa48("958") ? true : (stryCov_9fa48("958", "959", "960"), (stryMutAct_9fa48("962") ? r !== 'control-plane' : stryMutAct_9fa48("961") ? false : (stryCov_9fa48("961", "962"), r === (stryMutAct_9fa48("963") ? "" : (stryCov_9fa48("963"), 'control-plane')))) || (stryMutAct_9fa48("965") ? r !== 'worker' : stryMutAct_9fa48("964") ? false : (stryCov_9fa48("964", "965"), r === (stryMutAct_9fa48("966") ? "" : (stryCov_9fa48("966"), 'worker')))))) ? free[r] : (stryMutAct_9fa48("969") ? r !== 'etcd' : stryMutAct_9fa48("968") ? false : stryMutAct_9fa48("967") ? true : (stryCov_9fa48("967", "968", "969"), r === (stryMutAct_9fa48("970") ? "" : (stryCov_9fa48("970"), 'etcd')))) ? stryMutAct_9fa48("971") ? [] : (stryCov_9fa48("971"), [2379, 2380]) : stryMutAct_9fa48("972") ? ["Stryker was here"] : (stryCov_9fa48("972"), []))))])).sort(stryMutAct_9fa48("973") ? () => undefined : (stryCov_9fa48("973"), (a, b) => stryMutAct_9fa48("974") ? a + b : (stryCov_9fa48("974"), a - b))));
      if (stryMutAct_9fa48("977") ? false : stryMutAct_9fa48("976") ? true : stryMutAct_9fa48("975") ? ports.length : (stryCov_9fa48("975", "976", "977"), !ports.length)) return verdict.skip(stryMutAct_9fa48("978") ? "" : (stryCov_9fa48("978"), 'no control-plane or worker role'));
      const busy = stryMutAct_9fa48("979") ? ports : (stryCov_9fa48("979"), ports.filter(stryMutAct_9fa48("980") ? () => undefined : (stryCov_9fa48("980"), p => stryMutAct_9fa48("981") ? listening.every(l => l.port === p) : (stryCov_9fa48("981"), listening.some(stryMutAct_9fa48("982") ? () => undefined : (stryCov_9fa48("982"), l => stryMutAct_9fa48("985") ? l.port !== p : stryMutAct_9fa48("984") ? false : stryMutAct_9fa48("983") ? true : (stryCov_9fa48("983", "984", "985"), l.port === p)))))));
      const show = stryMutAct_9fa48("986") ? () => undefined : (stryCov_9fa48("986"), (() => {
        const show = (p: number) => stryMutAct_9fa48("987") ? listening.map(l => l.family === 6 ? `[${l.address}]:${p}` : `${l.address}:${p}`).join(', ') : (stryCov_9fa48("987"), listening.filter(stryMutAct_9fa48("988") ? () => undefined : (stryCov_9fa48("988"), l => stryMutAct_9fa48("991") ? l.port !== p : stryMutAct_9fa48("990") ? false : stryMutAct_9fa48("989") ? true : (stryCov_9fa48("989", "990", "991"), l.port === p))).map(stryMutAct_9fa48("992") ? () => undefined : (stryCov_9fa48("992"), l => (stryMutAct_9fa48("995") ? l.family !== 6 : stryMutAct_9fa48("994") ? false : stryMutAct_9fa48("993") ? true : (stryCov_9fa48("993", "994", "995"), l.family === 6)) ? stryMutAct_9fa48("996") ? `` : (stryCov_9fa48("996"), `[${l.address}]:${p}`) : stryMutAct_9fa48("997") ? `` : (stryCov_9fa48("997"), `${l.address}:${p}`))).join(stryMutAct_9fa48("998") ? "" : (stryCov_9fa48("998"), ', ')));
        return show;
      })());
      const expected = stryMutAct_9fa48("999") ? `` : (stryCov_9fa48("999"), `free: ${ports.join(stryMutAct_9fa48("1000") ? "" : (stryCov_9fa48("1000"), ', '))}`);
      return busy.length ? verdict.fail(stryMutAct_9fa48("1001") ? `` : (stryCov_9fa48("1001"), `in use: ${busy.join(stryMutAct_9fa48("1002") ? "" : (stryCov_9fa48("1002"), ', '))}`), expected, busy.map(stryMutAct_9fa48("1003") ? () => undefined : (stryCov_9fa48("1003"), p => stryMutAct_9fa48("1004") ? `` : (stryCov_9fa48("1004"), `listening: ${show(p)}`)))) : verdict.pass(stryMutAct_9fa48("1005") ? "" : (stryCov_9fa48("1005"), 'all free'), expected, stryMutAct_9fa48("1006") ? [] : (stryCov_9fa48("1006"), [stryMutAct_9fa48("1007") ? `` : (stryCov_9fa48("1007"), `/proc/net/tcp and tcp6: none of ${ports.join(stryMutAct_9fa48("1008") ? "" : (stryCov_9fa48("1008"), ', '))} listening`)]));
    }
  }
})), hostRequirement(stryMutAct_9fa48("1009") ? {} : (stryCov_9fa48("1009"), {
  id: stryMutAct_9fa48("1010") ? "" : (stryCov_9fa48("1010"), 'HOST-REGISTRY'),
  title: stryMutAct_9fa48("1011") ? "" : (stryCov_9fa48("1011"), 'Private registry reachable from the host'),
  phase,
  group: stryMutAct_9fa48("1012") ? "" : (stryCov_9fa48("1012"), 'registry'),
  severity: stryMutAct_9fa48("1013") ? "" : (stryCov_9fa48("1013"), 'error'),
  source: stryMutAct_9fa48("1014") ? "" : (stryCov_9fa48("1014"), '000 (六)'),
  remediation: stryMutAct_9fa48("1015") ? "" : (stryCov_9fa48("1015"), 'Make the registry name resolve on the host (/etc/hosts: "192.168.88.3 harbor") and open the path to its port.'),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("1016")) {
      {}
    } else {
      stryCov_9fa48("1016");
      const r = need(facts.registry);
      const expected = stryMutAct_9fa48("1017") ? `` : (stryCov_9fa48("1017"), `${profile.registry.name} resolves and accepts connections from this host`);
      if (stryMutAct_9fa48("1020") ? false : stryMutAct_9fa48("1019") ? true : stryMutAct_9fa48("1018") ? r : (stryCov_9fa48("1018", "1019", "1020"), !r)) return verdict.skip(stryMutAct_9fa48("1021") ? "" : (stryCov_9fa48("1021"), 'no registry in the profile'));
      const evidence = stryMutAct_9fa48("1022") ? [] : (stryCov_9fa48("1022"), [stryMutAct_9fa48("1023") ? `` : (stryCov_9fa48("1023"), `getent hosts ${r.host}: ${stryMutAct_9fa48("1024") ? r.resolved && 'does not resolve' : (stryCov_9fa48("1024"), r.resolved ?? (stryMutAct_9fa48("1025") ? "" : (stryCov_9fa48("1025"), 'does not resolve')))}`), stryMutAct_9fa48("1026") ? `` : (stryCov_9fa48("1026"), `${r.tool}: ${r.detail}`)]);
      if (stryMutAct_9fa48("1029") ? !r.resolved || !/^[0-9.]+$/.test(r.host) : stryMutAct_9fa48("1028") ? false : stryMutAct_9fa48("1027") ? true : (stryCov_9fa48("1027", "1028", "1029"), (stryMutAct_9fa48("1030") ? r.resolved : (stryCov_9fa48("1030"), !r.resolved)) && (stryMutAct_9fa48("1031") ? /^[0-9.]+$/.test(r.host) : (stryCov_9fa48("1031"), !(stryMutAct_9fa48("1035") ? /^[^0-9.]+$/ : stryMutAct_9fa48("1034") ? /^[0-9.]$/ : stryMutAct_9fa48("1033") ? /^[0-9.]+/ : stryMutAct_9fa48("1032") ? /[0-9.]+$/ : (stryCov_9fa48("1032", "1033", "1034", "1035"), /^[0-9.]+$/)).test(r.host))))) return verdict.fail(stryMutAct_9fa48("1036") ? `` : (stryCov_9fa48("1036"), `${r.host} does not resolve on this host`), expected, evidence);
      if (stryMutAct_9fa48("1039") ? r.reachable !== undefined : stryMutAct_9fa48("1038") ? false : stryMutAct_9fa48("1037") ? true : (stryCov_9fa48("1037", "1038", "1039"), r.reachable === undefined)) return verdict.error(stryMutAct_9fa48("1040") ? `` : (stryCov_9fa48("1040"), `cannot test reachability: ${r.detail}`), expected);
      return r.reachable ? verdict.pass(stryMutAct_9fa48("1041") ? `` : (stryCov_9fa48("1041"), `${r.host}:${r.port} reachable`), expected, evidence) : verdict.fail(stryMutAct_9fa48("1042") ? `` : (stryCov_9fa48("1042"), `${r.host}:${r.port} not reachable`), expected, evidence);
    }
  }
}))]);