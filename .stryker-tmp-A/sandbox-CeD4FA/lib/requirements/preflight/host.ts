// @ts-nocheck
// Host basics: OS, kernel, CPU, memory, swap, SELinux, firewalld, conflicting runtimes, hostname.
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
import { HOSTNAME_RE } from '../../config/inventory.ts';
import { isSwapEntry } from '../../parse/fstab.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { kernelAccepted, kubeadmFacts } from '../../kubeadm/versions.ts';
import { at, list } from './util.ts';
const phase = 'preflight' as const;
export const hostRequirements: Requirement[] = stryMutAct_9fa48("288") ? [] : (stryCov_9fa48("288"), [hostRequirement(stryMutAct_9fa48("289") ? {} : (stryCov_9fa48("289"), {
  id: stryMutAct_9fa48("290") ? "" : (stryCov_9fa48("290"), 'HOST-OS'),
  title: stryMutAct_9fa48("291") ? "" : (stryCov_9fa48("291"), 'Supported OS family and version'),
  phase,
  group: stryMutAct_9fa48("292") ? "" : (stryCov_9fa48("292"), 'os'),
  severity: stryMutAct_9fa48("293") ? "" : (stryCov_9fa48("293"), 'error'),
  source: stryMutAct_9fa48("294") ? "" : (stryCov_9fa48("294"), '000 三(二)(三), 003'),
  remediation: stryMutAct_9fa48("295") ? "" : (stryCov_9fa48("295"), 'Use Rocky Linux/RHEL/CentOS ≥ 7 or a supported Debian (≥ 11) / Ubuntu LTS (≥ 20.04) release.'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("296")) {
      {}
    } else {
      stryCov_9fa48("296");
      const os = need(facts.os);
      const major = Number(os.versionId.split(stryMutAct_9fa48("297") ? "" : (stryCov_9fa48("297"), '.'))[0]);
      const evidence = stryMutAct_9fa48("298") ? [] : (stryCov_9fa48("298"), [stryMutAct_9fa48("299") ? `` : (stryCov_9fa48("299"), `/etc/os-release: ID=${os.id} ID_LIKE="${os.idLike.join(stryMutAct_9fa48("300") ? "" : (stryCov_9fa48("300"), ' '))}" VERSION_ID=${os.versionId}`)]);
      const expected = stryMutAct_9fa48("301") ? "" : (stryCov_9fa48("301"), 'RHEL family ≥ 7, Debian ≥ 11, Ubuntu ≥ 20.04');
      if (stryMutAct_9fa48("304") ? os.family !== 'rhel' : stryMutAct_9fa48("303") ? false : stryMutAct_9fa48("302") ? true : (stryCov_9fa48("302", "303", "304"), os.family === (stryMutAct_9fa48("305") ? "" : (stryCov_9fa48("305"), 'rhel')))) return (stryMutAct_9fa48("309") ? major < 7 : stryMutAct_9fa48("308") ? major > 7 : stryMutAct_9fa48("307") ? false : stryMutAct_9fa48("306") ? true : (stryCov_9fa48("306", "307", "308", "309"), major >= 7)) ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      if (stryMutAct_9fa48("312") ? os.id !== 'ubuntu' : stryMutAct_9fa48("311") ? false : stryMutAct_9fa48("310") ? true : (stryCov_9fa48("310", "311", "312"), os.id === (stryMutAct_9fa48("313") ? "" : (stryCov_9fa48("313"), 'ubuntu')))) return (stryMutAct_9fa48("317") ? major < 20 : stryMutAct_9fa48("316") ? major > 20 : stryMutAct_9fa48("315") ? false : stryMutAct_9fa48("314") ? true : (stryCov_9fa48("314", "315", "316", "317"), major >= 20)) ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      if (stryMutAct_9fa48("320") ? os.family !== 'debian' : stryMutAct_9fa48("319") ? false : stryMutAct_9fa48("318") ? true : (stryCov_9fa48("318", "319", "320"), os.family === (stryMutAct_9fa48("321") ? "" : (stryCov_9fa48("321"), 'debian')))) return (stryMutAct_9fa48("324") ? major >= 11 && os.versionId === '' : stryMutAct_9fa48("323") ? false : stryMutAct_9fa48("322") ? true : (stryCov_9fa48("322", "323", "324"), (stryMutAct_9fa48("327") ? major < 11 : stryMutAct_9fa48("326") ? major > 11 : stryMutAct_9fa48("325") ? false : (stryCov_9fa48("325", "326", "327"), major >= 11)) || (stryMutAct_9fa48("329") ? os.versionId !== '' : stryMutAct_9fa48("328") ? false : (stryCov_9fa48("328", "329"), os.versionId === (stryMutAct_9fa48("330") ? "Stryker was here!" : (stryCov_9fa48("330"), '')))))) ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      return verdict.fail(stryMutAct_9fa48("331") ? `` : (stryCov_9fa48("331"), `${os.prettyName} (unsupported family)`), expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("332") ? {} : (stryCov_9fa48("332"), {
  id: stryMutAct_9fa48("333") ? "" : (stryCov_9fa48("333"), 'HOST-KERNEL'),
  title: stryMutAct_9fa48("334") ? "" : (stryCov_9fa48("334"), 'Kernel version new enough for the target Kubernetes'),
  phase,
  group: stryMutAct_9fa48("335") ? "" : (stryCov_9fa48("335"), 'kernel'),
  severity: stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), 'error'),
  source: stryMutAct_9fa48("337") ? "" : (stryCov_9fa48("337"), '000 三(二), system-validators'),
  remediation: stryMutAct_9fa48("338") ? "" : (stryCov_9fa48("338"), 'Upgrade the kernel (dnf -y update kernel / apt-get install linux-image-…) and reboot.'),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("339")) {
      {}
    } else {
      stryCov_9fa48("339");
      const k = need(facts.kernel);
      // kubeadm's SystemVerification: the release must match one of the validators' regexes (lib/kubeadm/versions.ts)
      const rule = kubeadmFacts(profile.kubernetesVersion).kernel;
      const expected = stryMutAct_9fa48("340") ? `` : (stryCov_9fa48("340"), `≥ ${rule.min} for Kubernetes ${profile.kubernetesVersion} (${rule.validators}: ${rule.note})`);
      const evidence = stryMutAct_9fa48("341") ? [] : (stryCov_9fa48("341"), [stryMutAct_9fa48("342") ? `` : (stryCov_9fa48("342"), `uname -r: ${k.release}`)]);
      return kernelAccepted(rule, k.release) ? verdict.pass(k.release, expected, evidence) : verdict.fail(k.release, expected, evidence);
    }
  }
})), hostRequirement(stryMutAct_9fa48("343") ? {} : (stryCov_9fa48("343"), {
  id: stryMutAct_9fa48("344") ? "" : (stryCov_9fa48("344"), 'HOST-CPU'),
  title: stryMutAct_9fa48("345") ? "" : (stryCov_9fa48("345"), 'At least 2 CPUs'),
  phase,
  group: stryMutAct_9fa48("346") ? "" : (stryCov_9fa48("346"), 'resources'),
  severity: stryMutAct_9fa48("347") ? "" : (stryCov_9fa48("347"), 'error'),
  source: stryMutAct_9fa48("348") ? "" : (stryCov_9fa48("348"), '000 三(二)'),
  remediation: stryMutAct_9fa48("349") ? "" : (stryCov_9fa48("349"), 'Give the machine at least 2 vCPUs (kubeadm init fails below 2 on control-plane nodes).'),
  check: ({
    facts,
    profile,
    host
  }) => {
    if (stryMutAct_9fa48("350")) {
      {}
    } else {
      stryCov_9fa48("350");
      const n = need(facts.cpus);
      const expected = stryMutAct_9fa48("351") ? `` : (stryCov_9fa48("351"), `≥ ${profile.minCPUs} CPUs`);
      if (stryMutAct_9fa48("355") ? n < profile.minCPUs : stryMutAct_9fa48("354") ? n > profile.minCPUs : stryMutAct_9fa48("353") ? false : stryMutAct_9fa48("352") ? true : (stryCov_9fa48("352", "353", "354", "355"), n >= profile.minCPUs)) return verdict.pass(stryMutAct_9fa48("356") ? `` : (stryCov_9fa48("356"), `${n} CPUs`), expected, stryMutAct_9fa48("357") ? [] : (stryCov_9fa48("357"), [stryMutAct_9fa48("358") ? `` : (stryCov_9fa48("358"), `nproc: ${n}`)]));
      const cp = host.roles.includes(stryMutAct_9fa48("359") ? "" : (stryCov_9fa48("359"), 'control-plane'));
      return stryMutAct_9fa48("360") ? {} : (stryCov_9fa48("360"), {
        ...verdict.fail(stryMutAct_9fa48("361") ? `` : (stryCov_9fa48("361"), `${n} CPUs`), expected, stryMutAct_9fa48("362") ? [] : (stryCov_9fa48("362"), [stryMutAct_9fa48("363") ? `` : (stryCov_9fa48("363"), `nproc: ${n}`)])),
        severity: cp ? stryMutAct_9fa48("364") ? "" : (stryCov_9fa48("364"), 'error') : stryMutAct_9fa48("365") ? "" : (stryCov_9fa48("365"), 'warn'),
        status: cp ? stryMutAct_9fa48("366") ? "" : (stryCov_9fa48("366"), 'fail') : stryMutAct_9fa48("367") ? "" : (stryCov_9fa48("367"), 'warn')
      });
    }
  }
})), hostRequirement(stryMutAct_9fa48("368") ? {} : (stryCov_9fa48("368"), {
  id: stryMutAct_9fa48("369") ? "" : (stryCov_9fa48("369"), 'HOST-MEM'),
  title: stryMutAct_9fa48("370") ? "" : (stryCov_9fa48("370"), 'Enough memory'),
  phase,
  group: stryMutAct_9fa48("371") ? "" : (stryCov_9fa48("371"), 'resources'),
  severity: stryMutAct_9fa48("372") ? "" : (stryCov_9fa48("372"), 'error'),
  source: stryMutAct_9fa48("373") ? "" : (stryCov_9fa48("373"), '000 三(二)'),
  remediation: stryMutAct_9fa48("374") ? "" : (stryCov_9fa48("374"), 'Give the machine more memory (kubeadm\'s floor is 1700 MiB; the design asks for 2 GiB per node, 4 GiB on the master).'),
  check: ({
    facts,
    profile
  }) => {
    if (stryMutAct_9fa48("375")) {
      {}
    } else {
      stryCov_9fa48("375");
      const kib = need(facts.memTotalKiB);
      const mib = Math.floor(stryMutAct_9fa48("376") ? kib * 1024 : (stryCov_9fa48("376"), kib / 1024));
      const expected = stryMutAct_9fa48("377") ? `` : (stryCov_9fa48("377"), `≥ ${profile.minMemoryMiB} MiB`);
      const ev = stryMutAct_9fa48("378") ? [] : (stryCov_9fa48("378"), [stryMutAct_9fa48("379") ? `` : (stryCov_9fa48("379"), `/proc/meminfo: MemTotal: ${kib} kB`)]);
      return (stryMutAct_9fa48("383") ? mib < profile.minMemoryMiB : stryMutAct_9fa48("382") ? mib > profile.minMemoryMiB : stryMutAct_9fa48("381") ? false : stryMutAct_9fa48("380") ? true : (stryCov_9fa48("380", "381", "382", "383"), mib >= profile.minMemoryMiB)) ? verdict.pass(stryMutAct_9fa48("384") ? `` : (stryCov_9fa48("384"), `${mib} MiB`), expected, ev) : verdict.fail(stryMutAct_9fa48("385") ? `` : (stryCov_9fa48("385"), `${mib} MiB`), expected, ev);
    }
  }
})), hostRequirement(stryMutAct_9fa48("386") ? {} : (stryCov_9fa48("386"), {
  id: stryMutAct_9fa48("387") ? "" : (stryCov_9fa48("387"), 'HOST-SWAP'),
  title: stryMutAct_9fa48("388") ? "" : (stryCov_9fa48("388"), 'No active swap'),
  phase,
  group: stryMutAct_9fa48("389") ? "" : (stryCov_9fa48("389"), 'swap'),
  severity: stryMutAct_9fa48("390") ? "" : (stryCov_9fa48("390"), 'error'),
  source: stryMutAct_9fa48("391") ? "" : (stryCov_9fa48("391"), '000 三(二), 001, 003'),
  remediation: stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'swapoff -a'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("393")) {
      {}
    } else {
      stryCov_9fa48("393");
      const swaps = need(facts.swaps);
      if (stryMutAct_9fa48("396") ? false : stryMutAct_9fa48("395") ? true : stryMutAct_9fa48("394") ? swaps.length : (stryCov_9fa48("394", "395", "396"), !swaps.length)) return verdict.pass(stryMutAct_9fa48("397") ? "" : (stryCov_9fa48("397"), 'no active swap'), stryMutAct_9fa48("398") ? "" : (stryCov_9fa48("398"), 'no active swap'), stryMutAct_9fa48("399") ? [] : (stryCov_9fa48("399"), [stryMutAct_9fa48("400") ? "" : (stryCov_9fa48("400"), '/proc/swaps: header only')]));
      return verdict.fail(stryMutAct_9fa48("401") ? `` : (stryCov_9fa48("401"), `${swaps.length} active swap device(s): ${list(swaps.map(stryMutAct_9fa48("402") ? () => undefined : (stryCov_9fa48("402"), s => s.filename)))}`), stryMutAct_9fa48("403") ? "" : (stryCov_9fa48("403"), 'no active swap'), swaps.map(stryMutAct_9fa48("404") ? () => undefined : (stryCov_9fa48("404"), s => stryMutAct_9fa48("405") ? `` : (stryCov_9fa48("405"), `/proc/swaps: ${s.filename} ${s.type} ${s.sizeKiB} KiB`))));
    }
  }
})), hostRequirement(stryMutAct_9fa48("406") ? {} : (stryCov_9fa48("406"), {
  id: stryMutAct_9fa48("407") ? "" : (stryCov_9fa48("407"), 'HOST-SWAP-FSTAB'),
  title: stryMutAct_9fa48("408") ? "" : (stryCov_9fa48("408"), 'No swap entry in /etc/fstab'),
  phase,
  group: stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), 'swap'),
  severity: stryMutAct_9fa48("410") ? "" : (stryCov_9fa48("410"), 'error'),
  source: stryMutAct_9fa48("411") ? "" : (stryCov_9fa48("411"), '000 三(二), 001'),
  remediation: stryMutAct_9fa48("412") ? "" : (stryCov_9fa48("412"), "sed -ri '/\\sswap\\s/s/^#?/#/' /etc/fstab   # the documents use: sed '/swap/d' /etc/fstab (review before deleting lines)"),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("413")) {
      {}
    } else {
      stryCov_9fa48("413");
      const entries = stryMutAct_9fa48("414") ? need(facts.fstab) : (stryCov_9fa48("414"), need(facts.fstab).filter(isSwapEntry));
      if (stryMutAct_9fa48("417") ? false : stryMutAct_9fa48("416") ? true : stryMutAct_9fa48("415") ? entries.length : (stryCov_9fa48("415", "416", "417"), !entries.length)) return verdict.pass(stryMutAct_9fa48("418") ? "" : (stryCov_9fa48("418"), 'no active swap line'), stryMutAct_9fa48("419") ? "" : (stryCov_9fa48("419"), 'no uncommented swap line in /etc/fstab'));
      return verdict.fail(stryMutAct_9fa48("420") ? `` : (stryCov_9fa48("420"), `${entries.length} swap line(s) in /etc/fstab: swap comes back after reboot`), stryMutAct_9fa48("421") ? "" : (stryCov_9fa48("421"), 'no uncommented swap line in /etc/fstab'), entries.map(stryMutAct_9fa48("422") ? () => undefined : (stryCov_9fa48("422"), e => at(stryMutAct_9fa48("423") ? "" : (stryCov_9fa48("423"), '/etc/fstab'), e.line, e.text))));
    }
  }
})), hostRequirement(stryMutAct_9fa48("424") ? {} : (stryCov_9fa48("424"), {
  id: stryMutAct_9fa48("425") ? "" : (stryCov_9fa48("425"), 'HOST-SELINUX'),
  title: stryMutAct_9fa48("426") ? "" : (stryCov_9fa48("426"), 'SELinux not enforcing'),
  phase,
  group: stryMutAct_9fa48("427") ? "" : (stryCov_9fa48("427"), 'security'),
  severity: stryMutAct_9fa48("428") ? "" : (stryCov_9fa48("428"), 'warn'),
  source: stryMutAct_9fa48("429") ? "" : (stryCov_9fa48("429"), '000 三(二), 001'),
  remediation: stryMutAct_9fa48("430") ? "" : (stryCov_9fa48("430"), "setenforce 0 && sed -i 's/^SELINUX=enforcing/SELINUX=permissive/' /etc/selinux/config"),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("431")) {
      {}
    } else {
      stryCov_9fa48("431");
      const s = need(facts.selinux);
      if (stryMutAct_9fa48("434") ? false : stryMutAct_9fa48("433") ? true : stryMutAct_9fa48("432") ? s.present : (stryCov_9fa48("432", "433", "434"), !s.present)) return verdict.skip(stryMutAct_9fa48("435") ? "" : (stryCov_9fa48("435"), 'SELinux is not present on this host (no selinuxfs, no getenforce, no /etc/selinux/config)'));
      const ev: string[] = stryMutAct_9fa48("436") ? ["Stryker was here"] : (stryCov_9fa48("436"), []);
      if (stryMutAct_9fa48("438") ? false : stryMutAct_9fa48("437") ? true : (stryCov_9fa48("437", "438"), s.mode)) ev.push(stryMutAct_9fa48("439") ? `` : (stryCov_9fa48("439"), `current mode: ${s.mode}`));
      if (stryMutAct_9fa48("441") ? false : stryMutAct_9fa48("440") ? true : (stryCov_9fa48("440", "441"), s.configMode)) ev.push(at(stryMutAct_9fa48("442") ? "" : (stryCov_9fa48("442"), '/etc/selinux/config'), s.configMode.line, stryMutAct_9fa48("443") ? `` : (stryCov_9fa48("443"), `SELINUX=${s.configMode.value}`)));
      const bad = [s.mode === 'enforcing' && 'enforcing now', s.configMode?.value === 'enforcing' && 'enforcing in /etc/selinux/config (after reboot)'].filter(Boolean) as string[];
      const observed = stryMutAct_9fa48("444") ? `` : (stryCov_9fa48("444"), `now ${stryMutAct_9fa48("445") ? s.mode && 'unknown' : (stryCov_9fa48("445"), s.mode ?? (stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'unknown')))}, config ${stryMutAct_9fa48("447") ? s.configMode?.value && 'not set' : (stryCov_9fa48("447"), (stryMutAct_9fa48("448") ? s.configMode.value : (stryCov_9fa48("448"), s.configMode?.value)) ?? (stryMutAct_9fa48("449") ? "" : (stryCov_9fa48("449"), 'not set')))}`);
      return bad.length ? verdict.fail(stryMutAct_9fa48("450") ? `` : (stryCov_9fa48("450"), `${observed}: ${bad.join(stryMutAct_9fa48("451") ? "" : (stryCov_9fa48("451"), '; '))}`), stryMutAct_9fa48("452") ? "" : (stryCov_9fa48("452"), 'permissive or disabled, now and in /etc/selinux/config'), ev) : verdict.pass(observed, stryMutAct_9fa48("453") ? "" : (stryCov_9fa48("453"), 'permissive or disabled, now and in /etc/selinux/config'), ev);
    }
  }
})), hostRequirement(stryMutAct_9fa48("454") ? {} : (stryCov_9fa48("454"), {
  id: stryMutAct_9fa48("455") ? "" : (stryCov_9fa48("455"), 'HOST-FIREWALLD'),
  title: stryMutAct_9fa48("456") ? "" : (stryCov_9fa48("456"), 'firewalld not running and not installed'),
  phase,
  group: stryMutAct_9fa48("457") ? "" : (stryCov_9fa48("457"), 'security'),
  severity: stryMutAct_9fa48("458") ? "" : (stryCov_9fa48("458"), 'error'),
  source: stryMutAct_9fa48("459") ? "" : (stryCov_9fa48("459"), '000 三(二)'),
  remediation: stryMutAct_9fa48("460") ? "" : (stryCov_9fa48("460"), 'systemctl disable --now firewalld && yum -y remove firewalld'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("461")) {
      {}
    } else {
      stryCov_9fa48("461");
      const svc = need(facts.services);
      const pkgs = need(facts.packages);
      const unit = svc.units.firewalld;
      const running = stryMutAct_9fa48("464") ? unit?.active !== 'active' : stryMutAct_9fa48("463") ? false : stryMutAct_9fa48("462") ? true : (stryCov_9fa48("462", "463", "464"), (stryMutAct_9fa48("465") ? unit.active : (stryCov_9fa48("465"), unit?.active)) === (stryMutAct_9fa48("466") ? "" : (stryCov_9fa48("466"), 'active')));
      const installed = pkgs.installed.firewalld;
      const ev = stryMutAct_9fa48("467") ? [] : (stryCov_9fa48("467"), [stryMutAct_9fa48("468") ? `` : (stryCov_9fa48("468"), `firewalld: ${stryMutAct_9fa48("469") ? unit?.active && 'unknown' : (stryCov_9fa48("469"), (stryMutAct_9fa48("470") ? unit.active : (stryCov_9fa48("470"), unit?.active)) ?? (stryMutAct_9fa48("471") ? "" : (stryCov_9fa48("471"), 'unknown')))} (${stryMutAct_9fa48("472") ? unit?.method && 'n/a' : (stryCov_9fa48("472"), (stryMutAct_9fa48("473") ? unit.method : (stryCov_9fa48("473"), unit?.method)) ?? (stryMutAct_9fa48("474") ? "" : (stryCov_9fa48("474"), 'n/a')))})`), stryMutAct_9fa48("475") ? `` : (stryCov_9fa48("475"), `package firewalld: ${stryMutAct_9fa48("476") ? installed && 'not installed' : (stryCov_9fa48("476"), installed ?? (stryMutAct_9fa48("477") ? "" : (stryCov_9fa48("477"), 'not installed')))} (${pkgs.manager})`)]);
      const expected = stryMutAct_9fa48("478") ? "" : (stryCov_9fa48("478"), 'not running, not installed');
      if (stryMutAct_9fa48("480") ? false : stryMutAct_9fa48("479") ? true : (stryCov_9fa48("479", "480"), running)) return verdict.fail(stryMutAct_9fa48("481") ? "" : (stryCov_9fa48("481"), 'firewalld is running'), expected, ev, stryMutAct_9fa48("482") ? {} : (stryCov_9fa48("482"), {
        severity: stryMutAct_9fa48("483") ? "" : (stryCov_9fa48("483"), 'error')
      }));
      if (stryMutAct_9fa48("485") ? false : stryMutAct_9fa48("484") ? true : (stryCov_9fa48("484", "485"), installed)) return verdict.warn(stryMutAct_9fa48("486") ? `` : (stryCov_9fa48("486"), `firewalld installed (${installed}), not running`), expected, ev);
      return verdict.pass(stryMutAct_9fa48("487") ? "" : (stryCov_9fa48("487"), 'not running, not installed'), expected, ev);
    }
  }
})), hostRequirement(stryMutAct_9fa48("488") ? {} : (stryCov_9fa48("488"), {
  id: stryMutAct_9fa48("489") ? "" : (stryCov_9fa48("489"), 'HOST-CONFLICTS'),
  title: stryMutAct_9fa48("490") ? "" : (stryCov_9fa48("490"), 'podman and cri-o not installed'),
  phase,
  group: stryMutAct_9fa48("491") ? "" : (stryCov_9fa48("491"), 'runtime'),
  severity: stryMutAct_9fa48("492") ? "" : (stryCov_9fa48("492"), 'warn'),
  source: stryMutAct_9fa48("493") ? "" : (stryCov_9fa48("493"), '000 三(二)'),
  remediation: stryMutAct_9fa48("494") ? "" : (stryCov_9fa48("494"), 'yum -y remove podman cri-o'),
  check: ({
    facts
  }) => {
    if (stryMutAct_9fa48("495")) {
      {}
    } else {
      stryCov_9fa48("495");
      const pkgs = need(facts.packages);
      const found = stryMutAct_9fa48("496") ? ['podman', 'cri-o'].map(p => `${p} ${pkgs.installed[p]}`) : (stryCov_9fa48("496"), (stryMutAct_9fa48("497") ? [] : (stryCov_9fa48("497"), [stryMutAct_9fa48("498") ? "" : (stryCov_9fa48("498"), 'podman'), stryMutAct_9fa48("499") ? "" : (stryCov_9fa48("499"), 'cri-o')])).filter(stryMutAct_9fa48("500") ? () => undefined : (stryCov_9fa48("500"), p => pkgs.installed[p])).map(stryMutAct_9fa48("501") ? () => undefined : (stryCov_9fa48("501"), p => stryMutAct_9fa48("502") ? `` : (stryCov_9fa48("502"), `${p} ${pkgs.installed[p]}`))));
      return found.length ? verdict.fail(stryMutAct_9fa48("503") ? `` : (stryCov_9fa48("503"), `installed: ${found.join(stryMutAct_9fa48("504") ? "" : (stryCov_9fa48("504"), ', '))}`), stryMutAct_9fa48("505") ? "" : (stryCov_9fa48("505"), 'podman and cri-o absent'), found) : verdict.pass(stryMutAct_9fa48("506") ? "" : (stryCov_9fa48("506"), 'neither installed'), stryMutAct_9fa48("507") ? "" : (stryCov_9fa48("507"), 'podman and cri-o absent'), stryMutAct_9fa48("508") ? [] : (stryCov_9fa48("508"), [stryMutAct_9fa48("509") ? `` : (stryCov_9fa48("509"), `${pkgs.manager}: podman, cri-o not installed`)]));
    }
  }
})), hostRequirement(stryMutAct_9fa48("510") ? {} : (stryCov_9fa48("510"), {
  id: stryMutAct_9fa48("511") ? "" : (stryCov_9fa48("511"), 'HOST-HOSTNAME'),
  title: stryMutAct_9fa48("512") ? "" : (stryCov_9fa48("512"), 'Hostname valid and equal to the inventory name'),
  phase,
  group: stryMutAct_9fa48("513") ? "" : (stryCov_9fa48("513"), 'identity'),
  severity: stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'error'),
  source: stryMutAct_9fa48("515") ? "" : (stryCov_9fa48("515"), '000 三(二), 001'),
  remediation: stryMutAct_9fa48("516") ? "" : (stryCov_9fa48("516"), 'hostnamectl set-hostname <inventory name>'),
  check: ({
    facts,
    host
  }) => {
    if (stryMutAct_9fa48("517")) {
      {}
    } else {
      stryCov_9fa48("517");
      const h = need(facts.hostname);
      const ev = stryMutAct_9fa48("518") ? [] : (stryCov_9fa48("518"), [stryMutAct_9fa48("519") ? `` : (stryCov_9fa48("519"), `hostname: ${h.running}`), ...((stryMutAct_9fa48("522") ? h.file === undefined : stryMutAct_9fa48("521") ? false : stryMutAct_9fa48("520") ? true : (stryCov_9fa48("520", "521", "522"), h.file !== undefined)) ? stryMutAct_9fa48("523") ? [] : (stryCov_9fa48("523"), [stryMutAct_9fa48("524") ? `` : (stryCov_9fa48("524"), `/etc/hostname: ${h.file}`)]) : stryMutAct_9fa48("525") ? ["Stryker was here"] : (stryCov_9fa48("525"), []))]);
      const expected = stryMutAct_9fa48("526") ? `` : (stryCov_9fa48("526"), `${host.name} (lowercase RFC 1123)`);
      const problems: string[] = stryMutAct_9fa48("527") ? ["Stryker was here"] : (stryCov_9fa48("527"), []);
      if (stryMutAct_9fa48("530") ? false : stryMutAct_9fa48("529") ? true : stryMutAct_9fa48("528") ? HOSTNAME_RE.test(h.running) : (stryCov_9fa48("528", "529", "530"), !HOSTNAME_RE.test(h.running))) problems.push(stryMutAct_9fa48("531") ? "" : (stryCov_9fa48("531"), 'not a lowercase RFC 1123 name'));
      if (stryMutAct_9fa48("534") ? h.running === host.name : stryMutAct_9fa48("533") ? false : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), h.running !== host.name)) problems.push(stryMutAct_9fa48("535") ? `` : (stryCov_9fa48("535"), `differs from the inventory name ${host.name}`));
      if (stryMutAct_9fa48("538") ? h.file !== undefined && h.file !== '' || h.file !== h.running : stryMutAct_9fa48("537") ? false : stryMutAct_9fa48("536") ? true : (stryCov_9fa48("536", "537", "538"), (stryMutAct_9fa48("540") ? h.file !== undefined || h.file !== '' : stryMutAct_9fa48("539") ? true : (stryCov_9fa48("539", "540"), (stryMutAct_9fa48("542") ? h.file === undefined : stryMutAct_9fa48("541") ? true : (stryCov_9fa48("541", "542"), h.file !== undefined)) && (stryMutAct_9fa48("544") ? h.file === '' : stryMutAct_9fa48("543") ? true : (stryCov_9fa48("543", "544"), h.file !== (stryMutAct_9fa48("545") ? "Stryker was here!" : (stryCov_9fa48("545"), '')))))) && (stryMutAct_9fa48("547") ? h.file === h.running : stryMutAct_9fa48("546") ? true : (stryCov_9fa48("546", "547"), h.file !== h.running)))) problems.push(stryMutAct_9fa48("548") ? `` : (stryCov_9fa48("548"), `/etc/hostname says ${h.file} (after reboot)`));
      return problems.length ? verdict.fail(stryMutAct_9fa48("549") ? `` : (stryCov_9fa48("549"), `${h.running}: ${problems.join(stryMutAct_9fa48("550") ? "" : (stryCov_9fa48("550"), '; '))}`), expected, ev, stryMutAct_9fa48("551") ? {} : (stryCov_9fa48("551"), {
        remediation: stryMutAct_9fa48("552") ? `` : (stryCov_9fa48("552"), `hostnamectl set-hostname ${host.name}`)
      })) : verdict.pass(h.running, expected, ev);
    }
  }
}))]);