// @ts-nocheck
// Packages, binaries, services, containerd's configuration, CRI socket, cgroup driver, time sync.
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
import { parse as parseYaml } from 'yaml';
import type { Profile } from '../../config/profile.ts';
import { linesMatching } from '../../parse/containerd.ts';
import { upstreamVersion } from '../../parse/packages.ts';
import type { ContainerdFacts, HostFacts } from '../../probe/facts.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { list } from './util.ts';
const phase = 'preflight' as const;

/** Package names per OS family; the first name found counts. */
const PACKAGE_NAMES: Record<string, {
  rhel: string[];
  debian: string[];
}> = stryMutAct_9fa48("1043") ? {} : (stryCov_9fa48("1043"), {
  kubeadm: stryMutAct_9fa48("1044") ? {} : (stryCov_9fa48("1044"), {
    rhel: stryMutAct_9fa48("1045") ? [] : (stryCov_9fa48("1045"), [stryMutAct_9fa48("1046") ? "" : (stryCov_9fa48("1046"), 'kubeadm')]),
    debian: stryMutAct_9fa48("1047") ? [] : (stryCov_9fa48("1047"), [stryMutAct_9fa48("1048") ? "" : (stryCov_9fa48("1048"), 'kubeadm')])
  }),
  kubelet: stryMutAct_9fa48("1049") ? {} : (stryCov_9fa48("1049"), {
    rhel: stryMutAct_9fa48("1050") ? [] : (stryCov_9fa48("1050"), [stryMutAct_9fa48("1051") ? "" : (stryCov_9fa48("1051"), 'kubelet')]),
    debian: stryMutAct_9fa48("1052") ? [] : (stryCov_9fa48("1052"), [stryMutAct_9fa48("1053") ? "" : (stryCov_9fa48("1053"), 'kubelet')])
  }),
  kubectl: stryMutAct_9fa48("1054") ? {} : (stryCov_9fa48("1054"), {
    rhel: stryMutAct_9fa48("1055") ? [] : (stryCov_9fa48("1055"), [stryMutAct_9fa48("1056") ? "" : (stryCov_9fa48("1056"), 'kubectl')]),
    debian: stryMutAct_9fa48("1057") ? [] : (stryCov_9fa48("1057"), [stryMutAct_9fa48("1058") ? "" : (stryCov_9fa48("1058"), 'kubectl')])
  }),
  containerd: stryMutAct_9fa48("1059") ? {} : (stryCov_9fa48("1059"), {
    rhel: stryMutAct_9fa48("1060") ? [] : (stryCov_9fa48("1060"), [stryMutAct_9fa48("1061") ? "" : (stryCov_9fa48("1061"), 'containerd.io'), stryMutAct_9fa48("1062") ? "" : (stryCov_9fa48("1062"), 'containerd')]),
    debian: stryMutAct_9fa48("1063") ? [] : (stryCov_9fa48("1063"), [stryMutAct_9fa48("1064") ? "" : (stryCov_9fa48("1064"), 'containerd'), stryMutAct_9fa48("1065") ? "" : (stryCov_9fa48("1065"), 'containerd.io')])
  }),
  ipvsadm: stryMutAct_9fa48("1066") ? {} : (stryCov_9fa48("1066"), {
    rhel: stryMutAct_9fa48("1067") ? [] : (stryCov_9fa48("1067"), [stryMutAct_9fa48("1068") ? "" : (stryCov_9fa48("1068"), 'ipvsadm')]),
    debian: stryMutAct_9fa48("1069") ? [] : (stryCov_9fa48("1069"), [stryMutAct_9fa48("1070") ? "" : (stryCov_9fa48("1070"), 'ipvsadm')])
  }),
  ipset: stryMutAct_9fa48("1071") ? {} : (stryCov_9fa48("1071"), {
    rhel: stryMutAct_9fa48("1072") ? [] : (stryCov_9fa48("1072"), [stryMutAct_9fa48("1073") ? "" : (stryCov_9fa48("1073"), 'ipset')]),
    debian: stryMutAct_9fa48("1074") ? [] : (stryCov_9fa48("1074"), [stryMutAct_9fa48("1075") ? "" : (stryCov_9fa48("1075"), 'ipset')])
  }),
  tc: stryMutAct_9fa48("1076") ? {} : (stryCov_9fa48("1076"), {
    rhel: stryMutAct_9fa48("1077") ? [] : (stryCov_9fa48("1077"), [stryMutAct_9fa48("1078") ? "" : (stryCov_9fa48("1078"), 'iproute-tc')]),
    debian: stryMutAct_9fa48("1079") ? [] : (stryCov_9fa48("1079"), [stryMutAct_9fa48("1080") ? "" : (stryCov_9fa48("1080"), 'iproute2')])
  }),
  crictl: stryMutAct_9fa48("1081") ? {} : (stryCov_9fa48("1081"), {
    rhel: stryMutAct_9fa48("1082") ? [] : (stryCov_9fa48("1082"), [stryMutAct_9fa48("1083") ? "" : (stryCov_9fa48("1083"), 'cri-tools')]),
    debian: stryMutAct_9fa48("1084") ? [] : (stryCov_9fa48("1084"), [stryMutAct_9fa48("1085") ? "" : (stryCov_9fa48("1085"), 'cri-tools')])
  })
});
const VERSIONED = stryMutAct_9fa48("1086") ? [] : (stryCov_9fa48("1086"), [stryMutAct_9fa48("1087") ? "" : (stryCov_9fa48("1087"), 'kubeadm'), stryMutAct_9fa48("1088") ? "" : (stryCov_9fa48("1088"), 'kubelet'), stryMutAct_9fa48("1089") ? "" : (stryCov_9fa48("1089"), 'kubectl')]);

/** Redacted evidence lines from config.toml: `file:line: text`, values of secret keys masked. */
function tomlLines(c: ContainerdFacts, re: RegExp): string[] {
  if (stryMutAct_9fa48("1090")) {
    {}
  } else {
    stryCov_9fa48("1090");
    return linesMatching(stryMutAct_9fa48("1091") ? c.text && '' : (stryCov_9fa48("1091"), c.text ?? (stryMutAct_9fa48("1092") ? "Stryker was here!" : (stryCov_9fa48("1092"), ''))), re).map(stryMutAct_9fa48("1093") ? () => undefined : (stryCov_9fa48("1093"), l => stryMutAct_9fa48("1094") ? `` : (stryCov_9fa48("1094"), `${c.path}:${l.line}: ${l.text}`)));
  }
}
function containerdConfig(facts: HostFacts) {
  if (stryMutAct_9fa48("1095")) {
    {}
  } else {
    stryCov_9fa48("1095");
    const c = need(facts.containerd);
    if (stryMutAct_9fa48("1097") ? false : stryMutAct_9fa48("1096") ? true : (stryCov_9fa48("1096", "1097"), c.unreadable)) return stryMutAct_9fa48("1098") ? {} : (stryCov_9fa48("1098"), {
      c,
      problem: stryMutAct_9fa48("1099") ? `` : (stryCov_9fa48("1099"), `${c.path} is not readable (run the probe as root: sudo: true)`)
    });
    if (stryMutAct_9fa48("1102") ? false : stryMutAct_9fa48("1101") ? true : stryMutAct_9fa48("1100") ? c.present : (stryCov_9fa48("1100", "1101", "1102"), !c.present)) return stryMutAct_9fa48("1103") ? {} : (stryCov_9fa48("1103"), {
      c,
      problem: stryMutAct_9fa48("1104") ? `` : (stryCov_9fa48("1104"), `${c.path} does not exist`)
    });
    if (stryMutAct_9fa48("1107") ? c.parseError && !c.config : stryMutAct_9fa48("1106") ? false : stryMutAct_9fa48("1105") ? true : (stryCov_9fa48("1105", "1106", "1107"), c.parseError || (stryMutAct_9fa48("1108") ? c.config : (stryCov_9fa48("1108"), !c.config)))) return stryMutAct_9fa48("1109") ? {} : (stryCov_9fa48("1109"), {
      c,
      problem: stryMutAct_9fa48("1110") ? c.parseError && 'not parsed' : (stryCov_9fa48("1110"), c.parseError ?? (stryMutAct_9fa48("1111") ? "" : (stryCov_9fa48("1111"), 'not parsed')))
    });
    return stryMutAct_9fa48("1112") ? {} : (stryCov_9fa48("1112"), {
      c,
      cfg: c.config
    });
  }
}
const CONTAINERD_REM = stryMutAct_9fa48("1113") ? `` : (stryCov_9fa48("1113"), `containerd config default > /etc/containerd/config.toml
# then, in /etc/containerd/config.toml (containerd 1.x, version = 2):
#   SystemdCgroup = true
#   sandbox_image = "harbor:443/k8s/pause:3.9"
systemctl restart containerd`);
function endpointOf(profile: Profile): string {
  if (stryMutAct_9fa48("1114")) {
    {}
  } else {
    stryCov_9fa48("1114");
    return profile.registry.endpoint.replace(stryMutAct_9fa48("1116") ? /\/$/ : stryMutAct_9fa48("1115") ? /\/+/ : (stryCov_9fa48("1115", "1116"), /\/+$/), stryMutAct_9fa48("1117") ? "Stryker was here!" : (stryCov_9fa48("1117"), ''));
  }
}
const hostPort = stryMutAct_9fa48("1118") ? () => undefined : (stryCov_9fa48("1118"), (() => {
  const hostPort = (url: string) => url.replace(stryMutAct_9fa48("1120") ? /^https:\/\// : stryMutAct_9fa48("1119") ? /https?:\/\// : (stryCov_9fa48("1119", "1120"), /^https?:\/\//), stryMutAct_9fa48("1121") ? "Stryker was here!" : (stryCov_9fa48("1121"), '')).replace(stryMutAct_9fa48("1123") ? /\/.$/ : stryMutAct_9fa48("1122") ? /\/.*/ : (stryCov_9fa48("1122", "1123"), /\/.*$/), stryMutAct_9fa48("1124") ? "Stryker was here!" : (stryCov_9fa48("1124"), ''));
  return hostPort;
})());
export const runtimeRequirements: Requirement[] = stryMutAct_9fa48("1125") ? [] : (stryCov_9fa48("1125"), [hostRequirement(stryMutAct_9fa48("1126") ? {} : (stryCov_9fa48("1126"), {
  id: stryMutAct_9fa48("1127") ? "" : (stryCov_9fa48("1127"), 'HOST-PACKAGES'),
  title: stryMutAct_9fa48("1128") ? "" : (stryCov_9fa48("1128"), 'Kubernetes and runtime packages installed at the profile version'),
  phase,
  group: stryMutAct_9fa48("1129") ? "" : (stryCov_9fa48("1129"), 'packages'),
  severity: stryMutAct_9fa48("1130") ? "" : (stryCov_9fa48("1130"), 'error'),
  source: stryMutAct_9fa48("1131") ? "" : (stryCov_9fa48("1131"), '000 (三)'),
  remediation: stryMutAct_9fa48("1132") ? "" : (stryCov_9fa48("1132"), 'yum -y install kubeadm-1.29.2 kubelet-1.29.2 kubectl-1.29.2 containerd.io ipvsadm ipset iproute-tc cri-tools'),
  check: ({
    facts,
    profile,
    host
  }) => {
    if (stryMutAct_9fa48("1133")) {
      {}
    } else {
      stryCov_9fa48("1133");
      const pkgs = need(facts.packages);
      if (stryMutAct_9fa48("1136") ? pkgs.manager !== 'none' : stryMutAct_9fa48("1135") ? false : stryMutAct_9fa48("1134") ? true : (stryCov_9fa48("1134", "1135", "1136"), pkgs.manager === (stryMutAct_9fa48("1137") ? "" : (stryCov_9fa48("1137"), 'none')))) return verdict.error(stryMutAct_9fa48("1138") ? "" : (stryCov_9fa48("1138"), 'no package database to ask: no rpm database (/var/lib/rpm, /usr/lib/sysimage/rpm) and no dpkg status (/var/lib/dpkg/status) on the host'));
      const os = need(facts.os);
      const fam = (stryMutAct_9fa48("1141") ? os.family !== 'rhel' : stryMutAct_9fa48("1140") ? false : stryMutAct_9fa48("1139") ? true : (stryCov_9fa48("1139", "1140", "1141"), os.family === (stryMutAct_9fa48("1142") ? "" : (stryCov_9fa48("1142"), 'rhel')))) ? stryMutAct_9fa48("1143") ? "" : (stryCov_9fa48("1143"), 'rhel') : stryMutAct_9fa48("1144") ? "" : (stryCov_9fa48("1144"), 'debian');
      const want = stryMutAct_9fa48("1145") ? Object.keys(PACKAGE_NAMES) : (stryCov_9fa48("1145"), Object.keys(PACKAGE_NAMES).filter(stryMutAct_9fa48("1146") ? () => undefined : (stryCov_9fa48("1146"), p => stryMutAct_9fa48("1149") ? p !== 'kubectl' && host.roles.includes('control-plane') : stryMutAct_9fa48("1148") ? false : stryMutAct_9fa48("1147") ? true : (stryCov_9fa48("1147", "1148", "1149"), (stryMutAct_9fa48("1151") ? p === 'kubectl' : stryMutAct_9fa48("1150") ? false : (stryCov_9fa48("1150", "1151"), p !== (stryMutAct_9fa48("1152") ? "" : (stryCov_9fa48("1152"), 'kubectl')))) || host.roles.includes(stryMutAct_9fa48("1153") ? "" : (stryCov_9fa48("1153"), 'control-plane'))))));
      const problems: string[] = stryMutAct_9fa48("1154") ? ["Stryker was here"] : (stryCov_9fa48("1154"), []);
      const evidence: string[] = stryMutAct_9fa48("1155") ? ["Stryker was here"] : (stryCov_9fa48("1155"), []);
      for (const p of want) {
        if (stryMutAct_9fa48("1156")) {
          {}
        } else {
          stryCov_9fa48("1156");
          const names = PACKAGE_NAMES[p]![fam];
          const name = names.find(stryMutAct_9fa48("1157") ? () => undefined : (stryCov_9fa48("1157"), n => pkgs.installed[n]));
          const v = name ? pkgs.installed[name]! : undefined;
          evidence.push(stryMutAct_9fa48("1158") ? `` : (stryCov_9fa48("1158"), `${pkgs.manager}: ${stryMutAct_9fa48("1159") ? name && names[0] : (stryCov_9fa48("1159"), name ?? names[0])} ${stryMutAct_9fa48("1160") ? v && 'not installed' : (stryCov_9fa48("1160"), v ?? (stryMutAct_9fa48("1161") ? "" : (stryCov_9fa48("1161"), 'not installed')))}`));
          if (stryMutAct_9fa48("1164") ? false : stryMutAct_9fa48("1163") ? true : stryMutAct_9fa48("1162") ? v : (stryCov_9fa48("1162", "1163", "1164"), !v)) problems.push(stryMutAct_9fa48("1165") ? `` : (stryCov_9fa48("1165"), `${names[0]} missing`));else if (stryMutAct_9fa48("1168") ? VERSIONED.includes(p) || upstreamVersion(v) !== profile.kubernetesVersion : stryMutAct_9fa48("1167") ? false : stryMutAct_9fa48("1166") ? true : (stryCov_9fa48("1166", "1167", "1168"), VERSIONED.includes(p) && (stryMutAct_9fa48("1170") ? upstreamVersion(v) === profile.kubernetesVersion : stryMutAct_9fa48("1169") ? true : (stryCov_9fa48("1169", "1170"), upstreamVersion(v) !== profile.kubernetesVersion)))) problems.push(stryMutAct_9fa48("1171") ? `` : (stryCov_9fa48("1171"), `${name} ${upstreamVersion(v)} ≠ ${profile.kubernetesVersion}`));
        }
      }
      const expected = stryMutAct_9fa48("1172") ? `` : (stryCov_9fa48("1172"), `${want.map(stryMutAct_9fa48("1173") ? () => undefined : (stryCov_9fa48("1173"), p => PACKAGE_NAMES[p]![fam][0])).join(stryMutAct_9fa48("1174") ? "" : (stryCov_9fa48("1174"), ', '))}; kube* at ${profile.kubernetesVersion}`);
      const v = profile.kubernetesVersion;
      const rem = (stryMutAct_9fa48("1177") ? fam !== 'rhel' : stryMutAct_9fa48("1176") ? false : stryMutAct_9fa48("1175") ? true : (stryCov_9fa48("1175", "1176", "1177"), fam === (stryMutAct_9fa48("1178") ? "" : (stryCov_9fa48("1178"), 'rhel')))) ? stryMutAct_9fa48("1179") ? `` : (stryCov_9fa48("1179"), `yum -y install kubeadm-${v} kubelet-${v}${host.roles.includes(stryMutAct_9fa48("1180") ? "" : (stryCov_9fa48("1180"), 'control-plane')) ? stryMutAct_9fa48("1181") ? `` : (stryCov_9fa48("1181"), ` kubectl-${v}`) : stryMutAct_9fa48("1182") ? "Stryker was here!" : (stryCov_9fa48("1182"), '')} containerd.io ipvsadm ipset iproute-tc cri-tools`) : stryMutAct_9fa48("1183") ? `` : (stryCov_9fa48("1183"), `apt-get install -y kubeadm=${v}-* kubelet=${v}-*${host.roles.includes(stryMutAct_9fa48("1184") ? "" : (stryCov_9fa48("1184"), 'control-plane')) ? stryMutAct_9fa48("1185") ? `` : (stryCov_9fa48("1185"), ` kubectl=${v}-*`) : stryMutAct_9fa48("1186") ? "Stryker was here!" : (stryCov_9fa48("1186"), '')} containerd ipvsadm ipset iproute2 cri-tools && apt-mark hold kubeadm kubelet kubectl`);
      return problems.length ? verdict.fail(problems.join(stryMutAct_9fa48("1187") ? "" : (stryCov_9fa48("1187"), '; ')), expected, evidence, stryMutAct_9fa48("1188") ? {} : (stryCov_9fa48("1188"), {
        remediation: rem
      })) : verdict.pass(stryMutAct_9fa48("1189") ? "" : (stryCov_9fa48("1189"), 'all installed'), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1190") ? {} : (stryCov_9fa48("1190"), {
  id: stryMutAct_9fa48("1191") ? "" : (stryCov_9fa48("1191"), 'HOST-BINARIES'),
  title: stryMutAct_9fa48("1192") ? "" : (stryCov_9fa48("1192"), "Executables kubeadm's preflight needs are in PATH"),
  phase,
  group: stryMutAct_9fa48("1193") ? "" : (stryCov_9fa48("1193"), 'packages'),
  severity: stryMutAct_9fa48("1194") ? "" : (stryCov_9fa48("1194"), 'warn'),
  source: stryMutAct_9fa48("1195") ? "" : (stryCov_9fa48("1195"), 'kubeadm preflight (checks.go InPathCheck)'),
  remediation: stryMutAct_9fa48("1196") ? "" : (stryCov_9fa48("1196"), 'Install the packages that provide them: conntrack-tools (conntrack), iproute/iproute-tc (ip, tc), iptables, util-linux (mount, nsenter), ethtool, socat, cri-tools (crictl).'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("1197")) {
      {}
    } else {
      stryCov_9fa48("1197");
      const bins = need(facts.binaries);
      const want = stryMutAct_9fa48("1198") ? [] : (stryCov_9fa48("1198"), [stryMutAct_9fa48("1199") ? "" : (stryCov_9fa48("1199"), 'crictl'), stryMutAct_9fa48("1200") ? "" : (stryCov_9fa48("1200"), 'conntrack'), stryMutAct_9fa48("1201") ? "" : (stryCov_9fa48("1201"), 'ip'), stryMutAct_9fa48("1202") ? "" : (stryCov_9fa48("1202"), 'iptables'), stryMutAct_9fa48("1203") ? "" : (stryCov_9fa48("1203"), 'mount'), stryMutAct_9fa48("1204") ? "" : (stryCov_9fa48("1204"), 'nsenter'), stryMutAct_9fa48("1205") ? "" : (stryCov_9fa48("1205"), 'ethtool'), stryMutAct_9fa48("1206") ? "" : (stryCov_9fa48("1206"), 'socat'), stryMutAct_9fa48("1207") ? "" : (stryCov_9fa48("1207"), 'tc'), stryMutAct_9fa48("1208") ? "" : (stryCov_9fa48("1208"), 'touch')]);
      const missing = stryMutAct_9fa48("1209") ? want : (stryCov_9fa48("1209"), want.filter(stryMutAct_9fa48("1210") ? () => undefined : (stryCov_9fa48("1210"), b => stryMutAct_9fa48("1211") ? bins[b] : (stryCov_9fa48("1211"), !bins[b]))));
      const evidence = want.map(stryMutAct_9fa48("1212") ? () => undefined : (stryCov_9fa48("1212"), b => stryMutAct_9fa48("1213") ? `` : (stryCov_9fa48("1213"), `command -v ${b}: ${stryMutAct_9fa48("1214") ? bins[b] && 'not found' : (stryCov_9fa48("1214"), bins[b] ?? (stryMutAct_9fa48("1215") ? "" : (stryCov_9fa48("1215"), 'not found')))}`)));
      return missing.length ? verdict.fail(stryMutAct_9fa48("1216") ? `` : (stryCov_9fa48("1216"), `missing: ${missing.join(stryMutAct_9fa48("1217") ? "" : (stryCov_9fa48("1217"), ', '))}`), stryMutAct_9fa48("1218") ? `` : (stryCov_9fa48("1218"), `all of ${want.join(stryMutAct_9fa48("1219") ? "" : (stryCov_9fa48("1219"), ', '))}`), evidence) : verdict.pass(stryMutAct_9fa48("1220") ? "" : (stryCov_9fa48("1220"), 'all present'), stryMutAct_9fa48("1221") ? `` : (stryCov_9fa48("1221"), `all of ${want.join(stryMutAct_9fa48("1222") ? "" : (stryCov_9fa48("1222"), ', '))}`), evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1223") ? {} : (stryCov_9fa48("1223"), {
  id: stryMutAct_9fa48("1224") ? "" : (stryCov_9fa48("1224"), 'HOST-SERVICES'),
  title: stryMutAct_9fa48("1225") ? "" : (stryCov_9fa48("1225"), 'containerd active and enabled; kubelet enabled'),
  phase,
  group: stryMutAct_9fa48("1226") ? "" : (stryCov_9fa48("1226"), 'services'),
  severity: stryMutAct_9fa48("1227") ? "" : (stryCov_9fa48("1227"), 'error'),
  source: stryMutAct_9fa48("1228") ? "" : (stryCov_9fa48("1228"), '000 (四)'),
  remediation: stryMutAct_9fa48("1229") ? "" : (stryCov_9fa48("1229"), 'systemctl enable --now kubelet containerd'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("1230")) {
      {}
    } else {
      stryCov_9fa48("1230");
      const svc = need(facts.services);
      const c = svc.units.containerd;
      const k = svc.units.kubelet;
      const method = svc.systemd ? stryMutAct_9fa48("1231") ? "" : (stryCov_9fa48("1231"), 'systemctl') : stryMutAct_9fa48("1232") ? `` : (stryCov_9fa48("1232"), `no systemd (PID 1 is ${stryMutAct_9fa48("1235") ? svc.pid1 && 'unknown' : stryMutAct_9fa48("1234") ? false : stryMutAct_9fa48("1233") ? true : (stryCov_9fa48("1233", "1234", "1235"), svc.pid1 || (stryMutAct_9fa48("1236") ? "" : (stryCov_9fa48("1236"), 'unknown')))}): running processes and /etc/systemd/system/*.wants links`);
      const evidence = stryMutAct_9fa48("1237") ? [] : (stryCov_9fa48("1237"), [stryMutAct_9fa48("1238") ? `` : (stryCov_9fa48("1238"), `method: ${method}`), stryMutAct_9fa48("1239") ? `` : (stryCov_9fa48("1239"), `containerd: ${stryMutAct_9fa48("1240") ? c?.active && 'unknown' : (stryCov_9fa48("1240"), (stryMutAct_9fa48("1241") ? c.active : (stryCov_9fa48("1241"), c?.active)) ?? (stryMutAct_9fa48("1242") ? "" : (stryCov_9fa48("1242"), 'unknown')))}, ${stryMutAct_9fa48("1243") ? c?.enabled && 'unknown' : (stryCov_9fa48("1243"), (stryMutAct_9fa48("1244") ? c.enabled : (stryCov_9fa48("1244"), c?.enabled)) ?? (stryMutAct_9fa48("1245") ? "" : (stryCov_9fa48("1245"), 'unknown')))}`), stryMutAct_9fa48("1246") ? `` : (stryCov_9fa48("1246"), `kubelet: ${stryMutAct_9fa48("1247") ? k?.active && 'unknown' : (stryCov_9fa48("1247"), (stryMutAct_9fa48("1248") ? k.active : (stryCov_9fa48("1248"), k?.active)) ?? (stryMutAct_9fa48("1249") ? "" : (stryCov_9fa48("1249"), 'unknown')))}, ${stryMutAct_9fa48("1250") ? k?.enabled && 'unknown' : (stryCov_9fa48("1250"), (stryMutAct_9fa48("1251") ? k.enabled : (stryCov_9fa48("1251"), k?.enabled)) ?? (stryMutAct_9fa48("1252") ? "" : (stryCov_9fa48("1252"), 'unknown')))}`)]);
      const problems: string[] = stryMutAct_9fa48("1253") ? ["Stryker was here"] : (stryCov_9fa48("1253"), []);
      if (stryMutAct_9fa48("1256") ? c?.active === 'active' : stryMutAct_9fa48("1255") ? false : stryMutAct_9fa48("1254") ? true : (stryCov_9fa48("1254", "1255", "1256"), (stryMutAct_9fa48("1257") ? c.active : (stryCov_9fa48("1257"), c?.active)) !== (stryMutAct_9fa48("1258") ? "" : (stryCov_9fa48("1258"), 'active')))) problems.push(stryMutAct_9fa48("1259") ? `` : (stryCov_9fa48("1259"), `containerd ${stryMutAct_9fa48("1260") ? c?.active && 'unknown' : (stryCov_9fa48("1260"), (stryMutAct_9fa48("1261") ? c.active : (stryCov_9fa48("1261"), c?.active)) ?? (stryMutAct_9fa48("1262") ? "" : (stryCov_9fa48("1262"), 'unknown')))}`));
      if (stryMutAct_9fa48("1265") ? c?.enabled === 'enabled' : stryMutAct_9fa48("1264") ? false : stryMutAct_9fa48("1263") ? true : (stryCov_9fa48("1263", "1264", "1265"), (stryMutAct_9fa48("1266") ? c.enabled : (stryCov_9fa48("1266"), c?.enabled)) !== (stryMutAct_9fa48("1267") ? "" : (stryCov_9fa48("1267"), 'enabled')))) problems.push(stryMutAct_9fa48("1268") ? `` : (stryCov_9fa48("1268"), `containerd ${(stryMutAct_9fa48("1271") ? c?.enabled !== 'unknown' : stryMutAct_9fa48("1270") ? false : stryMutAct_9fa48("1269") ? true : (stryCov_9fa48("1269", "1270", "1271"), (stryMutAct_9fa48("1272") ? c.enabled : (stryCov_9fa48("1272"), c?.enabled)) === (stryMutAct_9fa48("1273") ? "" : (stryCov_9fa48("1273"), 'unknown')))) ? stryMutAct_9fa48("1274") ? "" : (stryCov_9fa48("1274"), 'not enabled (no wants link)') : stryMutAct_9fa48("1275") ? c?.enabled && 'unknown' : (stryCov_9fa48("1275"), (stryMutAct_9fa48("1276") ? c.enabled : (stryCov_9fa48("1276"), c?.enabled)) ?? (stryMutAct_9fa48("1277") ? "" : (stryCov_9fa48("1277"), 'unknown')))}`));
      if (stryMutAct_9fa48("1280") ? k?.enabled === 'enabled' : stryMutAct_9fa48("1279") ? false : stryMutAct_9fa48("1278") ? true : (stryCov_9fa48("1278", "1279", "1280"), (stryMutAct_9fa48("1281") ? k.enabled : (stryCov_9fa48("1281"), k?.enabled)) !== (stryMutAct_9fa48("1282") ? "" : (stryCov_9fa48("1282"), 'enabled')))) problems.push(stryMutAct_9fa48("1283") ? `` : (stryCov_9fa48("1283"), `kubelet ${(stryMutAct_9fa48("1286") ? k?.enabled !== 'unknown' : stryMutAct_9fa48("1285") ? false : stryMutAct_9fa48("1284") ? true : (stryCov_9fa48("1284", "1285", "1286"), (stryMutAct_9fa48("1287") ? k.enabled : (stryCov_9fa48("1287"), k?.enabled)) === (stryMutAct_9fa48("1288") ? "" : (stryCov_9fa48("1288"), 'unknown')))) ? stryMutAct_9fa48("1289") ? "" : (stryCov_9fa48("1289"), 'not enabled (no wants link)') : stryMutAct_9fa48("1290") ? k?.enabled && 'unknown' : (stryCov_9fa48("1290"), (stryMutAct_9fa48("1291") ? k.enabled : (stryCov_9fa48("1291"), k?.enabled)) ?? (stryMutAct_9fa48("1292") ? "" : (stryCov_9fa48("1292"), 'unknown')))}`));
      const expected = stryMutAct_9fa48("1293") ? "" : (stryCov_9fa48("1293"), 'containerd active + enabled, kubelet enabled');
      return problems.length ? verdict.fail(problems.join(stryMutAct_9fa48("1294") ? "" : (stryCov_9fa48("1294"), '; ')), expected, evidence) : verdict.pass(stryMutAct_9fa48("1295") ? "" : (stryCov_9fa48("1295"), 'containerd active + enabled, kubelet enabled'), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1296") ? {} : (stryCov_9fa48("1296"), {
  id: stryMutAct_9fa48("1297") ? "" : (stryCov_9fa48("1297"), 'HOST-CONTAINERD-CONFIG'),
  title: stryMutAct_9fa48("1298") ? "" : (stryCov_9fa48("1298"), 'containerd config.toml: parses, SystemdCgroup = true, sandbox image from the profile'),
  phase,
  group: stryMutAct_9fa48("1299") ? "" : (stryCov_9fa48("1299"), 'containerd'),
  severity: stryMutAct_9fa48("1300") ? "" : (stryCov_9fa48("1300"), 'error'),
  source: stryMutAct_9fa48("1301") ? "" : (stryCov_9fa48("1301"), '000 (四), 003'),
  remediation: CONTAINERD_REM,
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("1302")) {
      {}
    } else {
      stryCov_9fa48("1302");
      const {
        c,
        cfg,
        problem
      } = containerdConfig(facts);
      const expected = stryMutAct_9fa48("1303") ? `` : (stryCov_9fa48("1303"), `valid TOML; SystemdCgroup = true; sandbox image ${profile.sandboxImage}`);
      if (stryMutAct_9fa48("1306") ? false : stryMutAct_9fa48("1305") ? true : stryMutAct_9fa48("1304") ? cfg : (stryCov_9fa48("1304", "1305", "1306"), !cfg)) return verdict.fail(problem!, expected, stryMutAct_9fa48("1307") ? ["Stryker was here"] : (stryCov_9fa48("1307"), []), stryMutAct_9fa48("1308") ? {} : (stryCov_9fa48("1308"), {
        remediation: CONTAINERD_REM
      }));
      const problems: string[] = stryMutAct_9fa48("1309") ? ["Stryker was here"] : (stryCov_9fa48("1309"), []);
      const evidence = stryMutAct_9fa48("1310") ? [] : (stryCov_9fa48("1310"), [stryMutAct_9fa48("1311") ? `` : (stryCov_9fa48("1311"), `${c.path}: version = ${cfg.version} (${(stryMutAct_9fa48("1315") ? cfg.version < 3 : stryMutAct_9fa48("1314") ? cfg.version > 3 : stryMutAct_9fa48("1313") ? false : stryMutAct_9fa48("1312") ? true : (stryCov_9fa48("1312", "1313", "1314", "1315"), cfg.version >= 3)) ? stryMutAct_9fa48("1316") ? "" : (stryCov_9fa48("1316"), 'containerd 2.x schema') : stryMutAct_9fa48("1317") ? "" : (stryCov_9fa48("1317"), 'containerd 1.x schema')})`)]);
      const runc = stryMutAct_9fa48("1318") ? cfg.systemdCgroup.find(r => r.runtime === cfg.defaultRuntime) && cfg.systemdCgroup[0] : (stryCov_9fa48("1318"), cfg.systemdCgroup.find(stryMutAct_9fa48("1319") ? () => undefined : (stryCov_9fa48("1319"), r => stryMutAct_9fa48("1322") ? r.runtime !== cfg.defaultRuntime : stryMutAct_9fa48("1321") ? false : stryMutAct_9fa48("1320") ? true : (stryCov_9fa48("1320", "1321", "1322"), r.runtime === cfg.defaultRuntime))) ?? cfg.systemdCgroup[0]);
      if (stryMutAct_9fa48("1325") ? false : stryMutAct_9fa48("1324") ? true : stryMutAct_9fa48("1323") ? runc : (stryCov_9fa48("1323", "1324", "1325"), !runc)) problems.push(stryMutAct_9fa48("1326") ? "" : (stryCov_9fa48("1326"), 'no runc runtime table (containerd defaults to SystemdCgroup = false)'));else if (stryMutAct_9fa48("1329") ? runc.value === true : stryMutAct_9fa48("1328") ? false : stryMutAct_9fa48("1327") ? true : (stryCov_9fa48("1327", "1328", "1329"), runc.value !== (stryMutAct_9fa48("1330") ? false : (stryCov_9fa48("1330"), true)))) problems.push(stryMutAct_9fa48("1331") ? `` : (stryCov_9fa48("1331"), `SystemdCgroup = ${stryMutAct_9fa48("1332") ? runc.value && 'unset (defaults to false)' : (stryCov_9fa48("1332"), runc.value ?? (stryMutAct_9fa48("1333") ? "" : (stryCov_9fa48("1333"), 'unset (defaults to false)')))} for runtime ${runc.runtime}`));
      evidence.push(...tomlLines(c, /SystemdCgroup/));
      const sb = stryMutAct_9fa48("1334") ? cfg.sandboxImage.value : (stryCov_9fa48("1334"), cfg.sandboxImage?.value);
      if (stryMutAct_9fa48("1337") ? sb === profile.sandboxImage : stryMutAct_9fa48("1336") ? false : stryMutAct_9fa48("1335") ? true : (stryCov_9fa48("1335", "1336", "1337"), sb !== profile.sandboxImage)) problems.push(stryMutAct_9fa48("1338") ? `` : (stryCov_9fa48("1338"), `sandbox image ${stryMutAct_9fa48("1339") ? sb && 'unset (containerd default registry.k8s.io/pause)' : (stryCov_9fa48("1339"), sb ?? (stryMutAct_9fa48("1340") ? "" : (stryCov_9fa48("1340"), 'unset (containerd default registry.k8s.io/pause)')))} ≠ ${profile.sandboxImage}`));
      evidence.push(...tomlLines(c, stryMutAct_9fa48("1342") ? /sandbox_image|sandbox\S*=/ : stryMutAct_9fa48("1341") ? /sandbox_image|sandbox\s=/ : (stryCov_9fa48("1341", "1342"), /sandbox_image|sandbox\s*=/)));
      const observed = stryMutAct_9fa48("1343") ? `` : (stryCov_9fa48("1343"), `SystemdCgroup = ${stryMutAct_9fa48("1344") ? runc?.value && 'unset' : (stryCov_9fa48("1344"), (stryMutAct_9fa48("1345") ? runc.value : (stryCov_9fa48("1345"), runc?.value)) ?? (stryMutAct_9fa48("1346") ? "" : (stryCov_9fa48("1346"), 'unset')))}, sandbox image ${stryMutAct_9fa48("1347") ? sb && 'unset' : (stryCov_9fa48("1347"), sb ?? (stryMutAct_9fa48("1348") ? "" : (stryCov_9fa48("1348"), 'unset')))}`);
      return problems.length ? verdict.fail(problems.join(stryMutAct_9fa48("1349") ? "" : (stryCov_9fa48("1349"), '; ')), expected, evidence) : verdict.pass(observed, expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1350") ? {} : (stryCov_9fa48("1350"), {
  id: stryMutAct_9fa48("1351") ? "" : (stryCov_9fa48("1351"), 'HOST-CONTAINERD-MIRRORS'),
  title: stryMutAct_9fa48("1352") ? "" : (stryCov_9fa48("1352"), 'Registry mirrors point at the private registry, its TLS/auth section exists'),
  phase,
  group: stryMutAct_9fa48("1353") ? "" : (stryCov_9fa48("1353"), 'containerd'),
  severity: stryMutAct_9fa48("1354") ? "" : (stryCov_9fa48("1354"), 'error'),
  source: stryMutAct_9fa48("1355") ? "" : (stryCov_9fa48("1355"), '000 (四)'),
  remediation: stryMutAct_9fa48("1356") ? `` : (stryCov_9fa48("1356"), `In /etc/containerd/config.toml (version = 2):
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.configs."192.168.88.3:443".tls]
  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"
then: systemctl restart containerd`),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("1357")) {
      {}
    } else {
      stryCov_9fa48("1357");
      const {
        c,
        cfg,
        problem
      } = containerdConfig(facts);
      const ep = endpointOf(profile);
      const regs = stryMutAct_9fa48("1358") ? [] : (stryCov_9fa48("1358"), [stryMutAct_9fa48("1359") ? "" : (stryCov_9fa48("1359"), 'docker.io'), profile.registry.name]);
      const expected = stryMutAct_9fa48("1360") ? `` : (stryCov_9fa48("1360"), `mirrors for ${regs.join(stryMutAct_9fa48("1361") ? "" : (stryCov_9fa48("1361"), ' and '))} → ${ep}; a TLS/auth section for ${hostPort(ep)}`);
      if (stryMutAct_9fa48("1364") ? false : stryMutAct_9fa48("1363") ? true : stryMutAct_9fa48("1362") ? cfg : (stryCov_9fa48("1362", "1363", "1364"), !cfg)) return verdict.fail(problem!, expected);
      const problems: string[] = stryMutAct_9fa48("1365") ? ["Stryker was here"] : (stryCov_9fa48("1365"), []);
      const evidence: string[] = stryMutAct_9fa48("1366") ? ["Stryker was here"] : (stryCov_9fa48("1366"), []);
      if (stryMutAct_9fa48("1368") ? false : stryMutAct_9fa48("1367") ? true : (stryCov_9fa48("1367", "1368"), cfg.unknownRegistryKeys.length)) {
        if (stryMutAct_9fa48("1369")) {
          {}
        } else {
          stryCov_9fa48("1369");
          problems.push(stryMutAct_9fa48("1370") ? `` : (stryCov_9fa48("1370"), `unknown key(s) under the registry table: ${cfg.unknownRegistryKeys.join(stryMutAct_9fa48("1371") ? "" : (stryCov_9fa48("1371"), ', '))} (misspelled? containerd ignores them)`));
          evidence.push(...tomlLines(c, new RegExp(stryMutAct_9fa48("1372") ? `` : (stryCov_9fa48("1372"), `registry\\.(${cfg.unknownRegistryKeys.map(stryMutAct_9fa48("1373") ? () => undefined : (stryCov_9fa48("1373"), k => k.replace(stryMutAct_9fa48("1374") ? /[^.*+?^${}()|[\]\\]/g : (stryCov_9fa48("1374"), /[.*+?^${}()|[\]\\]/g), stryMutAct_9fa48("1375") ? "" : (stryCov_9fa48("1375"), '\\$&')))).join(stryMutAct_9fa48("1376") ? "" : (stryCov_9fa48("1376"), '|'))})\\b`))));
        }
      }
      if (stryMutAct_9fa48("1378") ? false : stryMutAct_9fa48("1377") ? true : (stryCov_9fa48("1377", "1378"), cfg.configPath)) {
        if (stryMutAct_9fa48("1379")) {
          {}
        } else {
          stryCov_9fa48("1379");
          evidence.push(stryMutAct_9fa48("1380") ? `` : (stryCov_9fa48("1380"), `${c.path}: config_path = "${cfg.configPath}" (mirrors read from hosts.toml)`));
          for (const r of regs) {
            if (stryMutAct_9fa48("1381")) {
              {}
            } else {
              stryCov_9fa48("1381");
              const h = c.hostsToml.find(stryMutAct_9fa48("1382") ? () => undefined : (stryCov_9fa48("1382"), x => stryMutAct_9fa48("1385") ? x.registry !== r : stryMutAct_9fa48("1384") ? false : stryMutAct_9fa48("1383") ? true : (stryCov_9fa48("1383", "1384", "1385"), x.registry === r)));
              if (stryMutAct_9fa48("1388") ? false : stryMutAct_9fa48("1387") ? true : stryMutAct_9fa48("1386") ? h : (stryCov_9fa48("1386", "1387", "1388"), !h)) {
                if (stryMutAct_9fa48("1389")) {
                  {}
                } else {
                  stryCov_9fa48("1389");
                  problems.push(stryMutAct_9fa48("1390") ? `` : (stryCov_9fa48("1390"), `no ${cfg.configPath.split(stryMutAct_9fa48("1391") ? "" : (stryCov_9fa48("1391"), ':'))[0]}/${r}/hosts.toml`));
                  continue;
                }
              }
              if (stryMutAct_9fa48("1393") ? false : stryMutAct_9fa48("1392") ? true : (stryCov_9fa48("1392", "1393"), h.parseError)) {
                if (stryMutAct_9fa48("1394")) {
                  {}
                } else {
                  stryCov_9fa48("1394");
                  problems.push(stryMutAct_9fa48("1395") ? `` : (stryCov_9fa48("1395"), `${h.path} is not valid TOML: ${h.parseError}`));
                  continue;
                }
              }
              const urls = h.hosts.map(stryMutAct_9fa48("1396") ? () => undefined : (stryCov_9fa48("1396"), x => x.url.replace(stryMutAct_9fa48("1398") ? /\/$/ : stryMutAct_9fa48("1397") ? /\/+/ : (stryCov_9fa48("1397", "1398"), /\/+$/), stryMutAct_9fa48("1399") ? "Stryker was here!" : (stryCov_9fa48("1399"), ''))));
              evidence.push(stryMutAct_9fa48("1400") ? `` : (stryCov_9fa48("1400"), `${h.path}: server = ${stryMutAct_9fa48("1401") ? h.server && 'unset' : (stryCov_9fa48("1401"), h.server ?? (stryMutAct_9fa48("1402") ? "" : (stryCov_9fa48("1402"), 'unset')))}; hosts: ${list(urls)}`));
              if (stryMutAct_9fa48("1405") ? !urls.includes(ep) || h.server?.replace(/\/+$/, '') !== ep : stryMutAct_9fa48("1404") ? false : stryMutAct_9fa48("1403") ? true : (stryCov_9fa48("1403", "1404", "1405"), (stryMutAct_9fa48("1406") ? urls.includes(ep) : (stryCov_9fa48("1406"), !urls.includes(ep))) && (stryMutAct_9fa48("1408") ? h.server?.replace(/\/+$/, '') === ep : stryMutAct_9fa48("1407") ? true : (stryCov_9fa48("1407", "1408"), (stryMutAct_9fa48("1409") ? h.server.replace(/\/+$/, '') : (stryCov_9fa48("1409"), h.server?.replace(stryMutAct_9fa48("1411") ? /\/$/ : stryMutAct_9fa48("1410") ? /\/+/ : (stryCov_9fa48("1410", "1411"), /\/+$/), stryMutAct_9fa48("1412") ? "Stryker was here!" : (stryCov_9fa48("1412"), '')))) !== ep)))) problems.push(stryMutAct_9fa48("1413") ? `` : (stryCov_9fa48("1413"), `${h.path} has no [host."${ep}"]`));
            }
          }
        }
      } else {
        if (stryMutAct_9fa48("1414")) {
          {}
        } else {
          stryCov_9fa48("1414");
          for (const r of regs) {
            if (stryMutAct_9fa48("1415")) {
              {}
            } else {
              stryCov_9fa48("1415");
              const eps = (stryMutAct_9fa48("1416") ? cfg.mirrors[r] && [] : (stryCov_9fa48("1416"), cfg.mirrors[r] ?? (stryMutAct_9fa48("1417") ? ["Stryker was here"] : (stryCov_9fa48("1417"), [])))).map(stryMutAct_9fa48("1418") ? () => undefined : (stryCov_9fa48("1418"), x => x.replace(stryMutAct_9fa48("1420") ? /\/$/ : stryMutAct_9fa48("1419") ? /\/+/ : (stryCov_9fa48("1419", "1420"), /\/+$/), stryMutAct_9fa48("1421") ? "Stryker was here!" : (stryCov_9fa48("1421"), ''))));
              evidence.push(...tomlLines(c, new RegExp(stryMutAct_9fa48("1422") ? `` : (stryCov_9fa48("1422"), `mirrors\\."${r.replace(stryMutAct_9fa48("1423") ? /[^.]/g : (stryCov_9fa48("1423"), /[.]/g), stryMutAct_9fa48("1424") ? "" : (stryCov_9fa48("1424"), '\\.'))}"`))));
              if (stryMutAct_9fa48("1427") ? false : stryMutAct_9fa48("1426") ? true : stryMutAct_9fa48("1425") ? cfg.mirrors[r] : (stryCov_9fa48("1425", "1426", "1427"), !cfg.mirrors[r])) problems.push(stryMutAct_9fa48("1428") ? `` : (stryCov_9fa48("1428"), `no mirror for ${r}`));else if (stryMutAct_9fa48("1431") ? false : stryMutAct_9fa48("1430") ? true : stryMutAct_9fa48("1429") ? eps.includes(ep) : (stryCov_9fa48("1429", "1430", "1431"), !eps.includes(ep))) {
                if (stryMutAct_9fa48("1432")) {
                  {}
                } else {
                  stryCov_9fa48("1432");
                  const mangled = eps.find(stryMutAct_9fa48("1433") ? () => undefined : (stryCov_9fa48("1433"), x => x.includes(stryMutAct_9fa48("1434") ? "" : (stryCov_9fa48("1434"), 'ptop.only.wip.la'))));
                  problems.push(stryMutAct_9fa48("1435") ? `` : (stryCov_9fa48("1435"), `mirror for ${r} → ${list(eps)}, not ${ep}${mangled ? stryMutAct_9fa48("1436") ? "" : (stryCov_9fa48("1436"), ' (the endpoint was copied from a web page that rewrote links)') : stryMutAct_9fa48("1437") ? "Stryker was here!" : (stryCov_9fa48("1437"), '')}`));
                }
              }
            }
          }
          evidence.push(...tomlLines(c, stryMutAct_9fa48("1439") ? /endpoint\S*=/ : stryMutAct_9fa48("1438") ? /endpoint\s=/ : (stryCov_9fa48("1438", "1439"), /endpoint\s*=/)));
          const hp = hostPort(ep);
          if (stryMutAct_9fa48("1442") ? false : stryMutAct_9fa48("1441") ? true : stryMutAct_9fa48("1440") ? cfg.configs[hp] : (stryCov_9fa48("1440", "1441", "1442"), !cfg.configs[hp])) problems.push(stryMutAct_9fa48("1443") ? `` : (stryCov_9fa48("1443"), `no registry.configs."${hp}" section (TLS/auth for the registry)`));else evidence.push(...tomlLines(c, new RegExp(stryMutAct_9fa48("1444") ? `` : (stryCov_9fa48("1444"), `configs\\."${hp.replace(stryMutAct_9fa48("1445") ? /[^.]/g : (stryCov_9fa48("1445"), /[.]/g), stryMutAct_9fa48("1446") ? "" : (stryCov_9fa48("1446"), '\\.'))}"`))));
        }
      }
      return problems.length ? verdict.fail(problems.join(stryMutAct_9fa48("1447") ? "" : (stryCov_9fa48("1447"), '; ')), expected, evidence) : verdict.pass(stryMutAct_9fa48("1448") ? `` : (stryCov_9fa48("1448"), `mirrors → ${ep}`), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1449") ? {} : (stryCov_9fa48("1449"), {
  id: stryMutAct_9fa48("1450") ? "" : (stryCov_9fa48("1450"), 'HOST-CONTAINERD-SECURITY'),
  title: stryMutAct_9fa48("1451") ? "" : (stryCov_9fa48("1451"), 'No TLS verification bypass, no plaintext registry credentials'),
  phase,
  group: stryMutAct_9fa48("1452") ? "" : (stryCov_9fa48("1452"), 'containerd'),
  severity: stryMutAct_9fa48("1453") ? "" : (stryCov_9fa48("1453"), 'warn'),
  source: stryMutAct_9fa48("1454") ? "" : (stryCov_9fa48("1454"), '000 (四)'),
  remediation: stryMutAct_9fa48("1455") ? "" : (stryCov_9fa48("1455"), 'Give containerd the registry CA (tls.ca_file, or ca = in hosts.toml) instead of insecure_skip_verify, and move credentials out of config.toml (a kubelet image credential provider or imagePullSecrets).'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("1456")) {
      {}
    } else {
      stryCov_9fa48("1456");
      const {
        c,
        cfg,
        problem
      } = containerdConfig(facts);
      const expected = stryMutAct_9fa48("1457") ? "" : (stryCov_9fa48("1457"), 'insecure_skip_verify not true; no username/password/auth/identitytoken in config.toml');
      if (stryMutAct_9fa48("1460") ? false : stryMutAct_9fa48("1459") ? true : stryMutAct_9fa48("1458") ? cfg : (stryCov_9fa48("1458", "1459", "1460"), !cfg)) return verdict.skip(stryMutAct_9fa48("1461") ? `` : (stryCov_9fa48("1461"), `config.toml unusable: ${problem}`));
      const findings: string[] = stryMutAct_9fa48("1462") ? ["Stryker was here"] : (stryCov_9fa48("1462"), []);
      for (const [host, x] of Object.entries(cfg.configs)) {
        if (stryMutAct_9fa48("1463")) {
          {}
        } else {
          stryCov_9fa48("1463");
          if (stryMutAct_9fa48("1465") ? false : stryMutAct_9fa48("1464") ? true : (stryCov_9fa48("1464", "1465"), x.insecureSkipVerify)) findings.push(stryMutAct_9fa48("1466") ? `` : (stryCov_9fa48("1466"), `registry.configs."${host}".tls.insecure_skip_verify = true`));
          const a = x.auth;
          if (stryMutAct_9fa48("1469") ? a || a.hasPassword || a.hasAuth || a.hasIdentityToken : stryMutAct_9fa48("1468") ? false : stryMutAct_9fa48("1467") ? true : (stryCov_9fa48("1467", "1468", "1469"), a && (stryMutAct_9fa48("1471") ? (a.hasPassword || a.hasAuth) && a.hasIdentityToken : stryMutAct_9fa48("1470") ? true : (stryCov_9fa48("1470", "1471"), (stryMutAct_9fa48("1473") ? a.hasPassword && a.hasAuth : stryMutAct_9fa48("1472") ? false : (stryCov_9fa48("1472", "1473"), a.hasPassword || a.hasAuth)) || a.hasIdentityToken)))) {
            if (stryMutAct_9fa48("1474")) {
              {}
            } else {
              stryCov_9fa48("1474");
              findings.push(stryMutAct_9fa48("1475") ? `` : (stryCov_9fa48("1475"), `registry.configs."${host}".auth holds plaintext credentials (${stryMutAct_9fa48("1476") ? [a.hasPassword && 'password', a.hasAuth && 'auth', a.hasIdentityToken && 'identitytoken'].join(', ') : (stryCov_9fa48("1476"), (stryMutAct_9fa48("1477") ? [] : (stryCov_9fa48("1477"), [stryMutAct_9fa48("1480") ? a.hasPassword || 'password' : stryMutAct_9fa48("1479") ? false : stryMutAct_9fa48("1478") ? true : (stryCov_9fa48("1478", "1479", "1480"), a.hasPassword && (stryMutAct_9fa48("1481") ? "" : (stryCov_9fa48("1481"), 'password'))), stryMutAct_9fa48("1484") ? a.hasAuth || 'auth' : stryMutAct_9fa48("1483") ? false : stryMutAct_9fa48("1482") ? true : (stryCov_9fa48("1482", "1483", "1484"), a.hasAuth && (stryMutAct_9fa48("1485") ? "" : (stryCov_9fa48("1485"), 'auth'))), stryMutAct_9fa48("1488") ? a.hasIdentityToken || 'identitytoken' : stryMutAct_9fa48("1487") ? false : stryMutAct_9fa48("1486") ? true : (stryCov_9fa48("1486", "1487", "1488"), a.hasIdentityToken && (stryMutAct_9fa48("1489") ? "" : (stryCov_9fa48("1489"), 'identitytoken')))])).filter(Boolean).join(stryMutAct_9fa48("1490") ? "" : (stryCov_9fa48("1490"), ', ')))}; values not shown)`));
            }
          }
        }
      }
      for (const h of c.hostsToml) for (const x of h.hosts) if (stryMutAct_9fa48("1492") ? false : stryMutAct_9fa48("1491") ? true : (stryCov_9fa48("1491", "1492"), x.skipVerify)) findings.push(stryMutAct_9fa48("1493") ? `` : (stryCov_9fa48("1493"), `${h.path}: [host."${x.url}"] skip_verify = true`));
      const evidence = stryMutAct_9fa48("1494") ? [] : (stryCov_9fa48("1494"), [...tomlLines(c, /insecure_skip_verify|skip_verify/), ...linesMatching(stryMutAct_9fa48("1495") ? c.text && '' : (stryCov_9fa48("1495"), c.text ?? (stryMutAct_9fa48("1496") ? "Stryker was here!" : (stryCov_9fa48("1496"), ''))), stryMutAct_9fa48("1501") ? /^\s*(password|auth|identitytoken)\S*=/ : stryMutAct_9fa48("1500") ? /^\s*(password|auth|identitytoken)\s=/ : stryMutAct_9fa48("1499") ? /^\S*(password|auth|identitytoken)\s*=/ : stryMutAct_9fa48("1498") ? /^\s(password|auth|identitytoken)\s*=/ : stryMutAct_9fa48("1497") ? /\s*(password|auth|identitytoken)\s*=/ : (stryCov_9fa48("1497", "1498", "1499", "1500", "1501"), /^\s*(password|auth|identitytoken)\s*=/)).map(stryMutAct_9fa48("1502") ? () => undefined : (stryCov_9fa48("1502"), l => stryMutAct_9fa48("1503") ? `` : (stryCov_9fa48("1503"), `${c.path}:${l.line}: ${stryMutAct_9fa48("1504") ? l.text.split('=')[0]! : (stryCov_9fa48("1504"), l.text.split(stryMutAct_9fa48("1505") ? "" : (stryCov_9fa48("1505"), '='))[0]!.trim())} = <redacted>`)))]);
      return findings.length ? verdict.fail(findings.join(stryMutAct_9fa48("1506") ? "" : (stryCov_9fa48("1506"), '; ')), expected, evidence) : verdict.pass(stryMutAct_9fa48("1507") ? "" : (stryCov_9fa48("1507"), 'TLS verified, no credentials in config.toml'), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1508") ? {} : (stryCov_9fa48("1508"), {
  id: stryMutAct_9fa48("1509") ? "" : (stryCov_9fa48("1509"), 'HOST-CRI-SOCKET'),
  title: stryMutAct_9fa48("1510") ? "" : (stryCov_9fa48("1510"), 'The CRI socket of the profile exists'),
  phase,
  group: stryMutAct_9fa48("1511") ? "" : (stryCov_9fa48("1511"), 'runtime'),
  severity: stryMutAct_9fa48("1512") ? "" : (stryCov_9fa48("1512"), 'error'),
  source: stryMutAct_9fa48("1513") ? "" : (stryCov_9fa48("1513"), '000 (八)'),
  remediation: stryMutAct_9fa48("1514") ? "" : (stryCov_9fa48("1514"), 'systemctl enable --now containerd   # creates /run/containerd/containerd.sock'),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("1515")) {
      {}
    } else {
      stryCov_9fa48("1515");
      const socks = need(facts.criSockets);
      const path = profile.criSocket.replace(stryMutAct_9fa48("1516") ? /unix:\/\// : (stryCov_9fa48("1516"), /^unix:\/\//), stryMutAct_9fa48("1517") ? "Stryker was here!" : (stryCov_9fa48("1517"), ''));
      const st = stryMutAct_9fa48("1518") ? socks[path] && (path.startsWith('/var/run/') ? socks[path.replace('/var/run/', '/run/')] : undefined) : (stryCov_9fa48("1518"), socks[path] ?? ((stryMutAct_9fa48("1519") ? path.endsWith('/var/run/') : (stryCov_9fa48("1519"), path.startsWith(stryMutAct_9fa48("1520") ? "" : (stryCov_9fa48("1520"), '/var/run/')))) ? socks[path.replace(stryMutAct_9fa48("1521") ? "" : (stryCov_9fa48("1521"), '/var/run/'), stryMutAct_9fa48("1522") ? "" : (stryCov_9fa48("1522"), '/run/'))] : undefined));
      const evidence = Object.entries(socks).map(stryMutAct_9fa48("1523") ? () => undefined : (stryCov_9fa48("1523"), ([p, s]) => stryMutAct_9fa48("1524") ? `` : (stryCov_9fa48("1524"), `${p}: ${s}`)));
      const expected = stryMutAct_9fa48("1525") ? `` : (stryCov_9fa48("1525"), `${path} is a socket`);
      if (stryMutAct_9fa48("1528") ? st !== 'socket' : stryMutAct_9fa48("1527") ? false : stryMutAct_9fa48("1526") ? true : (stryCov_9fa48("1526", "1527", "1528"), st === (stryMutAct_9fa48("1529") ? "" : (stryCov_9fa48("1529"), 'socket')))) return verdict.pass(stryMutAct_9fa48("1530") ? `` : (stryCov_9fa48("1530"), `${path} exists`), expected, evidence);
      return verdict.fail((stryMutAct_9fa48("1533") ? st !== 'other' : stryMutAct_9fa48("1532") ? false : stryMutAct_9fa48("1531") ? true : (stryCov_9fa48("1531", "1532", "1533"), st === (stryMutAct_9fa48("1534") ? "" : (stryCov_9fa48("1534"), 'other')))) ? stryMutAct_9fa48("1535") ? `` : (stryCov_9fa48("1535"), `${path} exists but is not a socket`) : stryMutAct_9fa48("1536") ? `` : (stryCov_9fa48("1536"), `${path} does not exist`), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1537") ? {} : (stryCov_9fa48("1537"), {
  id: stryMutAct_9fa48("1538") ? "" : (stryCov_9fa48("1538"), 'HOST-CGROUP-DRIVER'),
  title: stryMutAct_9fa48("1539") ? "" : (stryCov_9fa48("1539"), 'containerd and kubelet agree on the systemd cgroup driver'),
  phase,
  group: stryMutAct_9fa48("1540") ? "" : (stryCov_9fa48("1540"), 'runtime'),
  severity: stryMutAct_9fa48("1541") ? "" : (stryCov_9fa48("1541"), 'error'),
  source: stryMutAct_9fa48("1542") ? "" : (stryCov_9fa48("1542"), '000 (八), 003'),
  remediation: stryMutAct_9fa48("1543") ? "" : (stryCov_9fa48("1543"), 'Set SystemdCgroup = true in /etc/containerd/config.toml and cgroupDriver: systemd in the KubeletConfiguration (init.yaml), then restart containerd.'),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("1544")) {
      {}
    } else {
      stryCov_9fa48("1544");
      const {
        cfg,
        problem
      } = containerdConfig(facts);
      const kub = need(facts.kubelet);
      if (stryMutAct_9fa48("1547") ? false : stryMutAct_9fa48("1546") ? true : stryMutAct_9fa48("1545") ? cfg : (stryCov_9fa48("1545", "1546", "1547"), !cfg)) return verdict.fail(stryMutAct_9fa48("1548") ? `` : (stryCov_9fa48("1548"), `containerd: ${problem}`), stryMutAct_9fa48("1549") ? `` : (stryCov_9fa48("1549"), `both ${profile.cgroupDriver}`));
      const runc = stryMutAct_9fa48("1550") ? cfg.systemdCgroup.find(r => r.runtime === cfg.defaultRuntime) && cfg.systemdCgroup[0] : (stryCov_9fa48("1550"), cfg.systemdCgroup.find(stryMutAct_9fa48("1551") ? () => undefined : (stryCov_9fa48("1551"), r => stryMutAct_9fa48("1554") ? r.runtime !== cfg.defaultRuntime : stryMutAct_9fa48("1553") ? false : stryMutAct_9fa48("1552") ? true : (stryCov_9fa48("1552", "1553", "1554"), r.runtime === cfg.defaultRuntime))) ?? cfg.systemdCgroup[0]);
      const ctrd = (stryMutAct_9fa48("1557") ? runc?.value !== true : stryMutAct_9fa48("1556") ? false : stryMutAct_9fa48("1555") ? true : (stryCov_9fa48("1555", "1556", "1557"), (stryMutAct_9fa48("1558") ? runc.value : (stryCov_9fa48("1558"), runc?.value)) === (stryMutAct_9fa48("1559") ? false : (stryCov_9fa48("1559"), true)))) ? stryMutAct_9fa48("1560") ? "" : (stryCov_9fa48("1560"), 'systemd') : stryMutAct_9fa48("1561") ? "" : (stryCov_9fa48("1561"), 'cgroupfs');
      let kubelet = profile.cgroupDriver as string;
      let from = stryMutAct_9fa48("1562") ? `` : (stryCov_9fa48("1562"), `profile (what kubeadm will write: ${stryMutAct_9fa48("1563") ? profile.origin.cgroupDriver && 'default' : (stryCov_9fa48("1563"), profile.origin.cgroupDriver ?? (stryMutAct_9fa48("1564") ? "" : (stryCov_9fa48("1564"), 'default')))})`);
      const cfgFile = kub.files.find(stryMutAct_9fa48("1565") ? () => undefined : (stryCov_9fa48("1565"), f => stryMutAct_9fa48("1568") ? f.path !== '/var/lib/kubelet/config.yaml' : stryMutAct_9fa48("1567") ? false : stryMutAct_9fa48("1566") ? true : (stryCov_9fa48("1566", "1567", "1568"), f.path === (stryMutAct_9fa48("1569") ? "" : (stryCov_9fa48("1569"), '/var/lib/kubelet/config.yaml')))));
      if (stryMutAct_9fa48("1571") ? false : stryMutAct_9fa48("1570") ? true : (stryCov_9fa48("1570", "1571"), cfgFile)) {
        if (stryMutAct_9fa48("1572")) {
          {}
        } else {
          stryCov_9fa48("1572");
          try {
            if (stryMutAct_9fa48("1573")) {
              {}
            } else {
              stryCov_9fa48("1573");
              const y = parseYaml(cfgFile.content) as {
                cgroupDriver?: string;
              } | null;
              kubelet = stryMutAct_9fa48("1574") ? y?.cgroupDriver && 'cgroupfs' : (stryCov_9fa48("1574"), (stryMutAct_9fa48("1575") ? y.cgroupDriver : (stryCov_9fa48("1575"), y?.cgroupDriver)) ?? (stryMutAct_9fa48("1576") ? "" : (stryCov_9fa48("1576"), 'cgroupfs')));
              from = stryMutAct_9fa48("1577") ? "" : (stryCov_9fa48("1577"), '/var/lib/kubelet/config.yaml');
            }
          } catch (e) {
            if (stryMutAct_9fa48("1578")) {
              {}
            } else {
              stryCov_9fa48("1578");
              return verdict.fail(stryMutAct_9fa48("1579") ? `` : (stryCov_9fa48("1579"), `/var/lib/kubelet/config.yaml does not parse: ${(e as Error).message.split(stryMutAct_9fa48("1580") ? "" : (stryCov_9fa48("1580"), '\n'))[0]}`), stryMutAct_9fa48("1581") ? "" : (stryCov_9fa48("1581"), 'both systemd'));
            }
          }
        }
      }
      for (const f of kub.files) {
        if (stryMutAct_9fa48("1582")) {
          {}
        } else {
          stryCov_9fa48("1582");
          const m = (stryMutAct_9fa48("1585") ? /--cgroup-driver[= ](\W+)/ : stryMutAct_9fa48("1584") ? /--cgroup-driver[= ](\w)/ : stryMutAct_9fa48("1583") ? /--cgroup-driver[^= ](\w+)/ : (stryCov_9fa48("1583", "1584", "1585"), /--cgroup-driver[= ](\w+)/)).exec(f.content);
          if (stryMutAct_9fa48("1587") ? false : stryMutAct_9fa48("1586") ? true : (stryCov_9fa48("1586", "1587"), m)) {
            if (stryMutAct_9fa48("1588")) {
              {}
            } else {
              stryCov_9fa48("1588");
              kubelet = m[1]!;
              from = f.path;
            }
          }
        }
      }
      const evidence = stryMutAct_9fa48("1589") ? [] : (stryCov_9fa48("1589"), [stryMutAct_9fa48("1590") ? `` : (stryCov_9fa48("1590"), `containerd runtime ${stryMutAct_9fa48("1591") ? runc?.runtime && '?' : (stryCov_9fa48("1591"), (stryMutAct_9fa48("1592") ? runc.runtime : (stryCov_9fa48("1592"), runc?.runtime)) ?? (stryMutAct_9fa48("1593") ? "" : (stryCov_9fa48("1593"), '?')))}: SystemdCgroup = ${stryMutAct_9fa48("1594") ? runc?.value && 'unset' : (stryCov_9fa48("1594"), (stryMutAct_9fa48("1595") ? runc.value : (stryCov_9fa48("1595"), runc?.value)) ?? (stryMutAct_9fa48("1596") ? "" : (stryCov_9fa48("1596"), 'unset')))} → ${ctrd}`), stryMutAct_9fa48("1597") ? `` : (stryCov_9fa48("1597"), `kubelet: ${kubelet} (from ${from})`)]);
      const expected = stryMutAct_9fa48("1598") ? `` : (stryCov_9fa48("1598"), `containerd and kubelet both ${profile.cgroupDriver}`);
      if (stryMutAct_9fa48("1601") ? ctrd === kubelet : stryMutAct_9fa48("1600") ? false : stryMutAct_9fa48("1599") ? true : (stryCov_9fa48("1599", "1600", "1601"), ctrd !== kubelet)) return verdict.fail(stryMutAct_9fa48("1602") ? `` : (stryCov_9fa48("1602"), `containerd ${ctrd}, kubelet ${kubelet}: they disagree`), expected, evidence);
      if (stryMutAct_9fa48("1605") ? ctrd === profile.cgroupDriver : stryMutAct_9fa48("1604") ? false : stryMutAct_9fa48("1603") ? true : (stryCov_9fa48("1603", "1604", "1605"), ctrd !== profile.cgroupDriver)) return verdict.fail(stryMutAct_9fa48("1606") ? `` : (stryCov_9fa48("1606"), `both ${ctrd}, profile wants ${profile.cgroupDriver}`), expected, evidence);
      return verdict.pass(stryMutAct_9fa48("1607") ? `` : (stryCov_9fa48("1607"), `both ${ctrd}`), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("1608") ? {} : (stryCov_9fa48("1608"), {
  id: stryMutAct_9fa48("1609") ? "" : (stryCov_9fa48("1609"), 'HOST-TIME-SYNC'),
  title: stryMutAct_9fa48("1610") ? "" : (stryCov_9fa48("1610"), 'Time synchronised by chronyd, ntpd or systemd-timesyncd'),
  phase,
  group: stryMutAct_9fa48("1611") ? "" : (stryCov_9fa48("1611"), 'services'),
  severity: stryMutAct_9fa48("1612") ? "" : (stryCov_9fa48("1612"), 'warn'),
  source: stryMutAct_9fa48("1613") ? "" : (stryCov_9fa48("1613"), '001'),
  remediation: stryMutAct_9fa48("1614") ? "" : (stryCov_9fa48("1614"), 'yum -y install chrony && systemctl enable --now chronyd && chronyc tracking'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("1615")) {
      {}
    } else {
      stryCov_9fa48("1615");
      const svc = need(facts.services);
      const t = need(facts.timeSync);
      const daemons = stryMutAct_9fa48("1616") ? ['chronyd', 'ntpd', 'systemd-timesyncd'] : (stryCov_9fa48("1616"), (stryMutAct_9fa48("1617") ? [] : (stryCov_9fa48("1617"), [stryMutAct_9fa48("1618") ? "" : (stryCov_9fa48("1618"), 'chronyd'), stryMutAct_9fa48("1619") ? "" : (stryCov_9fa48("1619"), 'ntpd'), stryMutAct_9fa48("1620") ? "" : (stryCov_9fa48("1620"), 'systemd-timesyncd')])).filter(stryMutAct_9fa48("1621") ? () => undefined : (stryCov_9fa48("1621"), d => stryMutAct_9fa48("1624") ? (svc.units[d]?.active === 'active' || d === 'chronyd' && svc.units.chrony?.active === 'active') && d === 'ntpd' && svc.units.ntp?.active === 'active' : stryMutAct_9fa48("1623") ? false : stryMutAct_9fa48("1622") ? true : (stryCov_9fa48("1622", "1623", "1624"), (stryMutAct_9fa48("1626") ? svc.units[d]?.active === 'active' && d === 'chronyd' && svc.units.chrony?.active === 'active' : stryMutAct_9fa48("1625") ? false : (stryCov_9fa48("1625", "1626"), (stryMutAct_9fa48("1628") ? svc.units[d]?.active !== 'active' : stryMutAct_9fa48("1627") ? false : (stryCov_9fa48("1627", "1628"), (stryMutAct_9fa48("1629") ? svc.units[d].active : (stryCov_9fa48("1629"), svc.units[d]?.active)) === (stryMutAct_9fa48("1630") ? "" : (stryCov_9fa48("1630"), 'active')))) || (stryMutAct_9fa48("1632") ? d === 'chronyd' || svc.units.chrony?.active === 'active' : stryMutAct_9fa48("1631") ? false : (stryCov_9fa48("1631", "1632"), (stryMutAct_9fa48("1634") ? d !== 'chronyd' : stryMutAct_9fa48("1633") ? true : (stryCov_9fa48("1633", "1634"), d === (stryMutAct_9fa48("1635") ? "" : (stryCov_9fa48("1635"), 'chronyd')))) && (stryMutAct_9fa48("1637") ? svc.units.chrony?.active !== 'active' : stryMutAct_9fa48("1636") ? true : (stryCov_9fa48("1636", "1637"), (stryMutAct_9fa48("1638") ? svc.units.chrony.active : (stryCov_9fa48("1638"), svc.units.chrony?.active)) === (stryMutAct_9fa48("1639") ? "" : (stryCov_9fa48("1639"), 'active')))))))) || (stryMutAct_9fa48("1641") ? d === 'ntpd' || svc.units.ntp?.active === 'active' : stryMutAct_9fa48("1640") ? false : (stryCov_9fa48("1640", "1641"), (stryMutAct_9fa48("1643") ? d !== 'ntpd' : stryMutAct_9fa48("1642") ? true : (stryCov_9fa48("1642", "1643"), d === (stryMutAct_9fa48("1644") ? "" : (stryCov_9fa48("1644"), 'ntpd')))) && (stryMutAct_9fa48("1646") ? svc.units.ntp?.active !== 'active' : stryMutAct_9fa48("1645") ? true : (stryCov_9fa48("1645", "1646"), (stryMutAct_9fa48("1647") ? svc.units.ntp.active : (stryCov_9fa48("1647"), svc.units.ntp?.active)) === (stryMutAct_9fa48("1648") ? "" : (stryCov_9fa48("1648"), 'active'))))))))));
      const synced = stryMutAct_9fa48("1651") ? (t.ntpSynchronized === true || t.timesyncdSynchronized || t.chronyLeap !== undefined && t.chronyLeap === 'Normal') && t.ntpstatRc === 0 : stryMutAct_9fa48("1650") ? false : stryMutAct_9fa48("1649") ? true : (stryCov_9fa48("1649", "1650", "1651"), (stryMutAct_9fa48("1653") ? (t.ntpSynchronized === true || t.timesyncdSynchronized) && t.chronyLeap !== undefined && t.chronyLeap === 'Normal' : stryMutAct_9fa48("1652") ? false : (stryCov_9fa48("1652", "1653"), (stryMutAct_9fa48("1655") ? t.ntpSynchronized === true && t.timesyncdSynchronized : stryMutAct_9fa48("1654") ? false : (stryCov_9fa48("1654", "1655"), (stryMutAct_9fa48("1657") ? t.ntpSynchronized !== true : stryMutAct_9fa48("1656") ? false : (stryCov_9fa48("1656", "1657"), t.ntpSynchronized === (stryMutAct_9fa48("1658") ? false : (stryCov_9fa48("1658"), true)))) || t.timesyncdSynchronized)) || (stryMutAct_9fa48("1660") ? t.chronyLeap !== undefined || t.chronyLeap === 'Normal' : stryMutAct_9fa48("1659") ? false : (stryCov_9fa48("1659", "1660"), (stryMutAct_9fa48("1662") ? t.chronyLeap === undefined : stryMutAct_9fa48("1661") ? true : (stryCov_9fa48("1661", "1662"), t.chronyLeap !== undefined)) && (stryMutAct_9fa48("1664") ? t.chronyLeap !== 'Normal' : stryMutAct_9fa48("1663") ? true : (stryCov_9fa48("1663", "1664"), t.chronyLeap === (stryMutAct_9fa48("1665") ? "" : (stryCov_9fa48("1665"), 'Normal')))))))) || (stryMutAct_9fa48("1667") ? t.ntpstatRc !== 0 : stryMutAct_9fa48("1666") ? false : (stryCov_9fa48("1666", "1667"), t.ntpstatRc === 0)));
      const evidence = stryMutAct_9fa48("1668") ? [] : (stryCov_9fa48("1668"), [stryMutAct_9fa48("1669") ? `` : (stryCov_9fa48("1669"), `active time daemons: ${list(daemons)}`), ...(t.raw ? stryMutAct_9fa48("1671") ? t.raw.split('\n').slice(0, 6) : stryMutAct_9fa48("1670") ? t.raw.split('\n').filter(l => /NTP|synchron|Leap|Reference|System time|ntpstat/i.test(l)) : (stryCov_9fa48("1670", "1671"), t.raw.split(stryMutAct_9fa48("1672") ? "" : (stryCov_9fa48("1672"), '\n')).filter(stryMutAct_9fa48("1673") ? () => undefined : (stryCov_9fa48("1673"), l => /NTP|synchron|Leap|Reference|System time|ntpstat/i.test(l))).slice(0, 6)) : stryMutAct_9fa48("1674") ? ["Stryker was here"] : (stryCov_9fa48("1674"), []))]);
      const expected = stryMutAct_9fa48("1675") ? "" : (stryCov_9fa48("1675"), 'a time daemon active and synchronised');
      if (stryMutAct_9fa48("1678") ? false : stryMutAct_9fa48("1677") ? true : stryMutAct_9fa48("1676") ? daemons.length : (stryCov_9fa48("1676", "1677", "1678"), !daemons.length)) return verdict.fail(stryMutAct_9fa48("1679") ? "" : (stryCov_9fa48("1679"), 'no time sync daemon running'), expected, evidence);
      if (stryMutAct_9fa48("1682") ? false : stryMutAct_9fa48("1681") ? true : stryMutAct_9fa48("1680") ? synced : (stryCov_9fa48("1680", "1681", "1682"), !synced)) return verdict.fail(stryMutAct_9fa48("1683") ? `` : (stryCov_9fa48("1683"), `${daemons.join(stryMutAct_9fa48("1684") ? "" : (stryCov_9fa48("1684"), ', '))} running, not synchronised (or sync state unknown)`), expected, evidence);
      return verdict.pass(stryMutAct_9fa48("1685") ? `` : (stryCov_9fa48("1685"), `${daemons.join(stryMutAct_9fa48("1686") ? "" : (stryCov_9fa48("1686"), ', '))} synchronised`), expected, evidence);
    }
  }
}))]);