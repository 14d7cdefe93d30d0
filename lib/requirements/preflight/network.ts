// Name resolution, kernel modules, sysctls, ports, and reaching the registry.
import { isLoaded, modName } from '../../facts/modules.ts';
import type { ModuleFacts } from '../../facts/modules.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { at, compareVersions, list } from './util.ts';
import { kubeadmFacts } from '../../kubeadm/versions.ts';
import { REQUIRED_SYSCTLS, type SysctlRule } from '../../kubeadm/expect.ts';
import type { Profile } from '../../config/profile.ts';
import type { HostFacts } from '../../probe/facts.ts';
import { nothingToDo } from '../advice.ts';

const phase = 'preflight' as const;

/** Levenshtein distance, for spotting misspelled keys and module names (iptalbes, netfiler). */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Loading a module loads what it depends on (modules.dep): ip_vs (CONFIG_IP_VS_NFCT, set in RHEL and Debian kernels),
 * xt_conntrack and nf_conntrack_ipv4 all depend on nf_conntrack, so persisting any of them persists nf_conntrack. */
const PULLS_IN: Record<string, string[]> = { nf_conntrack: ['ip_vs', 'xt_conntrack', 'nf_conntrack_ipv4', 'nf_conntrack_ipv6'] };

/** A module whose function the kernel shows without naming the module: br_netfilter creates net.bridge.bridge-nf-call-*
 * (kubeadm checks only that file). Present there but in neither /proc/modules nor /sys/module: it is built in
 * (CONFIG_BRIDGE_NETFILTER=y has no parameters, so no /sys/module entry; a kernel without modules has no /proc/modules). */
const SHOWN_BY_SYSCTL: Record<string, string> = { br_netfilter: 'net.bridge.bridge-nf-call-iptables' };

/** Modules the live sysctls show to be built in (see SHOWN_BY_SYSCTL). */
export function builtinBySysctl(f: ModuleFacts, live: Record<string, string | undefined> | undefined): ModuleFacts {
  const extra = Object.entries(SHOWN_BY_SYSCTL)
    .filter(([m, key]) => live?.[key] !== undefined && !isLoaded(f, m).yes)
    .map(([m]) => m);
  return extra.length
    ? {
        ...f,
        builtin: [...f.builtin, ...extra],
        builtinHow: { ...f.builtinHow, ...Object.fromEntries(extra.map((m) => [m, `built in (${SHOWN_BY_SYSCTL[m]} exists, no module entry)`])) },
      }
    : f;
}

function moduleCheck(f: ModuleFacts, wanted: string[][]): { missing: string[]; unpersisted: string[]; evidence: string[]; typos: string[] } {
  const evidence: string[] = [];
  const missing: string[] = [];
  const unpersisted: string[] = [];
  const direct = f.persisted.map((p) => modName(p.module));
  const persistedNames = [
    ...direct,
    ...Object.entries(PULLS_IN)
      .filter(([, by]) => by.some((b) => direct.includes(b)))
      .map(([m]) => m),
  ];
  const builtin = f.builtin.map(modName);
  for (const alts of wanted) {
    const states = alts.map((m) => ({ m, ...isLoaded(f, m), persisted: persistedNames.includes(modName(m)), builtin: builtin.includes(modName(m)) }));
    const label = alts.join(' or ');
    if (!states.some((s) => s.yes)) missing.push(label);
    if (!states.some((s) => s.persisted || s.builtin)) unpersisted.push(label);
    // an alternative that is neither loaded nor persisted is not shown when another one is (nf_conntrack_ipv4 on a 5.x kernel)
    const some = states.filter((s) => s.yes || s.persisted || s.builtin);
    for (const s of some.length ? states.filter((x) => some.includes(x) || alts.indexOf(x.m) === 0) : states) {
      const where = f.persisted.find((p) => modName(p.module) === modName(s.m));
      const via = !where && s.persisted ? f.persisted.find((p) => PULLS_IN[modName(s.m)]?.includes(modName(p.module))) : undefined;
      const persist = s.builtin
        ? 'built in (needs no modules-load.d entry)'
        : where
          ? `persisted in ${where.file}:${where.line}`
          : via
            ? `loaded with ${via.module} (a dependency), persisted in ${via.file}:${via.line}`
            : 'not persisted (modules-load.d, /etc/modules, /etc/sysconfig/modules/*.modules, kubelet drop-ins)';
      evidence.push(`${s.m}: ${s.how}; ${persist}`);
    }
  }
  const all = wanted.flat().map(modName);
  const known = [...all, 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack', 'nf_conntrack_ipv4', 'overlay', 'br_netfilter', 'xt_conntrack'];
  const near = (m: string) => (known.includes(modName(m)) ? undefined : all.find((w) => distance(modName(m), w) <= 2));
  const typos = f.persisted
    .filter((p) => !all.includes(modName(p.module)) && near(p.module))
    .map((p) => `${p.file}:${p.line}: "${p.module}" is not a module name; did you mean ${near(p.module)}?`);
  return { missing, unpersisted, evidence: [...evidence, ...typos], typos };
}

const heredoc = (file: string, lines: string[], then: string) => [`cat > ${file} <<'EOF'`, ...lines, 'EOF', then].join('\n');

/** The reference design names its file after containerd (000 (五)); other designs get a neutral name. */
const modulesRemediation = (profile: Profile) =>
  heredoc(
    `/etc/modules-load.d/${profile.runtime.name === 'containerd' ? 'containerd' : 'k8s'}.conf`,
    ['br_netfilter', 'xt_conntrack'],
    'systemctl restart systemd-modules-load.service',
  );
/** nf_conntrack_ipv4 on kernels before 4.19 (EL7's 3.10), nf_conntrack from 4.19 and on EL8's 4.18 (merged there too). */
function ipvsRemediation(profile: Profile, facts?: HostFacts) {
  if (profile.proxyMode !== 'ipvs') return nothingToDo(`kube-proxy's mode is ${profile.proxyMode} (profile proxyMode)`);
  const release = facts?.kernel.ok ? facts.kernel.value.release : undefined;
  const ct = release && compareVersions(release.split('-')[0]!, '4.19') < 0 && !/\.el8/.test(release) ? 'nf_conntrack_ipv4' : 'nf_conntrack';
  return heredoc('/etc/modules-load.d/ipvs.conf', ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', ct], 'systemctl restart systemd-modules-load.service');
}

/** The required sysctls plus the ones the design sets (profile `sysctls`, e.g. 001's vm.swappiness = 0). */
function sysctlRules(extra: Record<string, string>, minConntrackMax: number): SysctlRule[] {
  // minConntrackMax 0: the design leaves nf_conntrack_max to kube-proxy (it raises it at start)
  return [
    ...REQUIRED_SYSCTLS.filter((r) => extra[r.key] === undefined && (minConntrackMax > 0 || r.key !== 'net.netfilter.nf_conntrack_max')),
    ...Object.entries(extra).map(([key, v]): SysctlRule => ({
      key,
      want: (x) => x.trim().split(/\s+/).join(' ') === v.trim().split(/\s+/).join(' '),
      expect: () => `= ${v} (the design)`,
      severity: 'error',
    })),
  ];
}

/** The design's sysctls as a sysctl.d file: the required ones (nf_conntrack_max at the profile's minimum, unless 0),
 * then the design's own (profile sysctls). */
function sysctlRemediation(profile: Profile) {
  const lines = sysctlRules(profile.sysctls, profile.minConntrackMax).map(
    (r) => `${r.key} = ${profile.sysctls[r.key] ?? (r.key === 'net.netfilter.nf_conntrack_max' ? profile.minConntrackMax : 1)}`,
  );
  return heredoc('/etc/sysctl.d/99-kubernetes-cri.conf', lines, 'sysctl -p /etc/sysctl.d/99-kubernetes-cri.conf');
}

/** Ports that must be free: kubeadm's own preflight list for the version (lib/kubeadm/versions.ts), plus kube-proxy's healthz on workers. */
export function portsToBeFree(kubernetesVersion: string): Record<'control-plane' | 'worker' | 'etcd', number[]> {
  const p = kubeadmFacts(kubernetesVersion).ports;
  return { 'control-plane': p.preflightFree, worker: [p.kubelet, p.kubeProxyHealthz], etcd: [p.etcdClient, p.etcdPeer] };
}

export const networkRequirements: Requirement[] = [
  hostRequirement({
    id: 'HOST-HOSTS-FILE',
    title: 'Every inventory host name resolves to its inventory address',
    phase,
    group: 'network',
    severity: 'error',
    source: '000 (二), 001',
    remediation: ({ ctx }) => {
      const h = ctx.inventory[0];
      return `Add one line per cluster host to /etc/hosts on every host${h ? `, e.g. "${h.address} ${h.name}"` : ''}.`;
    },
    check: ({ facts, ctx, host }) => {
      const res = need(facts.resolution);
      const hostsFile = need(facts.etcHosts);
      const local = host.transport === 'local';
      const bad: string[] = [];
      const evidence: string[] = [];
      for (const h of ctx.inventory) {
        const got = res[h.name] ?? [];
        const lines = hostsFile.filter((e) => e.names.includes(h.name)).map((e) => at('/etc/hosts', e.line, `${e.address} ${e.names.join(' ')}`));
        evidence.push(`getent hosts ${h.name}: ${list(got, 'does not resolve')}`, ...lines);
        if (!got.length) bad.push(`${h.name} does not resolve`);
        else if (!local && /^[0-9.:a-fA-F]+$/.test(h.address) && !got.includes(h.address))
          bad.push(`${h.name} resolves to ${got.join(', ')}, not ${h.address}`);
      }
      const expected = local ? "this host's name resolves" : ctx.inventory.map((h) => `${h.name} → ${h.address}`).join(', ');
      const lines = ctx.inventory.map((h) => `${h.address} ${h.name}`);
      return bad.length
        ? verdict.fail(bad.join('; '), expected, evidence, { remediation: [`cat >> /etc/hosts <<'EOF'`, ...lines, 'EOF'].join('\n') })
        : verdict.pass('all names resolve to their inventory addresses', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-MODULES',
    title: 'br_netfilter and xt_conntrack loaded and persisted',
    phase,
    group: 'kernel',
    severity: 'error',
    source: '000 (五)',
    remediation: ({ profile }) => modulesRemediation(profile),
    check: ({ facts }) => {
      const live = facts.sysctls.ok ? facts.sysctls.value : undefined;
      const r = moduleCheck(builtinBySysctl(need(facts.modules), live), [['br_netfilter'], ['xt_conntrack', 'nf_conntrack', 'nf_conntrack_ipv4']]);
      const problems = [...r.missing.map((m) => `${m} not loaded`), ...r.unpersisted.map((m) => `${m} not persisted`)];
      const expected =
        'br_netfilter and xt_conntrack (or nf_conntrack) loaded and loaded at boot (modules-load.d, /etc/modules, /etc/sysconfig/modules/*.modules or a kubelet drop-in)';
      const typoNote = r.typos.length ? ` (${r.typos.length} misspelled module name(s) in modules-load.d)` : '';
      return problems.length ? verdict.fail(problems.join('; ') + typoNote, expected, r.evidence) : verdict.pass('loaded and persisted', expected, r.evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-IPVS-MODULES',
    title: 'IPVS modules loaded and persisted (ipvs proxy mode)',
    phase,
    group: 'kernel',
    severity: 'error',
    source: '001, 000 (八) init.yaml mode: ipvs',
    remediation: ({ profile, facts }) => ipvsRemediation(profile, facts),
    check: ({ facts, profile }) => {
      if (profile.proxyMode !== 'ipvs') return verdict.skip(`kube-proxy mode is ${profile.proxyMode}, not ipvs`);
      const r = moduleCheck(need(facts.modules), [['ip_vs'], ['ip_vs_rr'], ['ip_vs_wrr'], ['ip_vs_sh'], ['nf_conntrack', 'nf_conntrack_ipv4']]);
      const problems = [...r.missing.map((m) => `${m} not loaded`), ...r.unpersisted.map((m) => `${m} not persisted`)];
      const expected = 'ip_vs, ip_vs_rr, ip_vs_wrr, ip_vs_sh, nf_conntrack (nf_conntrack_ipv4 on EL7) loaded and loaded at boot';
      return problems.length ? verdict.fail(problems.join('; '), expected, r.evidence) : verdict.pass('loaded and persisted', expected, r.evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-SYSCTL',
    title: 'Kernel parameters set (live)',
    phase,
    group: 'kernel',
    severity: 'error',
    source: '000 (五), 001, 003',
    remediation: ({ profile }) => sysctlRemediation(profile),
    check: ({ facts, profile }) => {
      const live = need(facts.sysctls);
      const min = profile.minConntrackMax;
      const bad: string[] = [];
      const evidence: string[] = [];
      let worst: 'error' | 'warn' | undefined;
      const rules = sysctlRules(profile.sysctls, profile.minConntrackMax);
      for (const s of rules) {
        const v = live[s.key];
        evidence.push(`${s.key} = ${v ?? '(absent)'}`);
        if (v !== undefined && s.want(v, min)) continue;
        bad.push(
          v === undefined ? `${s.key} absent${s.key.startsWith('net.bridge.') ? ' (br_netfilter not loaded)' : ''}` : `${s.key} = ${v}, want ${s.expect(min)}`,
        );
        worst = s.severity === 'error' ? 'error' : (worst ?? 'warn');
      }
      const expected = rules.map((s) => `${s.key} ${s.expect(min)}`).join(', ');
      if (!bad.length) return verdict.pass('all set', expected, evidence);
      return worst === 'error' ? verdict.fail(bad.join('; '), expected, evidence, { severity: 'error' }) : verdict.warn(bad.join('; '), expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-SYSCTL-PERSIST',
    title: 'Kernel parameters persisted in sysctl.d, no misspelled keys',
    phase,
    group: 'kernel',
    severity: 'error',
    source: '000 (五)',
    remediation: ({ profile }) => sysctlRemediation(profile),
    check: ({ facts, profile }) => {
      const { settings } = need(facts.sysctlFiles);
      const min = profile.minConntrackMax;
      const evidence: string[] = [];
      const missing: string[] = [];
      const soft: string[] = [];
      const rules = sysctlRules(profile.sysctls, profile.minConntrackMax);
      for (const s of rules) {
        const last = settings.filter((x) => x.key === s.key).at(-1);
        if (last) evidence.push(at(last.file, last.line, last.text));
        const into = s.severity === 'warn' ? soft : missing;
        if (!last) into.push(`${s.key} not set in any sysctl file`);
        else if (!s.want(last.value, min)) into.push(`${s.key} = ${last.value} in ${last.file}:${last.line}, want ${s.expect(min)}`);
      }
      const known = [...rules.map((s) => s.key), 'net.ipv4.ip_forward', 'net.ipv6.conf.all.forwarding'];
      const near = (k: string) => known.find((x) => x !== k && distance(k, x) <= 3);
      const typos = settings
        .filter((x) => !known.includes(x.key) && near(x.key))
        .map((x) => `${x.file}:${x.line}: unknown key "${x.key}", misspelled ${near(x.key)}?`);
      const malformed = settings.filter((x) => !x.text.includes('=')).map((x) => `${x.file}:${x.line}: not a "key = value" line: ${x.text}`);
      evidence.push(...typos, ...malformed);
      const expected = 'the required keys with the required values in /etc/sysctl.d/*.conf or /etc/sysctl.conf; no misspelled keys';
      if (missing.length)
        return verdict.fail([...missing, ...soft, ...(typos.length ? [`${typos.length} misspelled key(s)`] : [])].join('; '), expected, evidence, {
          severity: 'error',
        });
      if (soft.length || typos.length || malformed.length)
        return verdict.warn(
          [
            ...soft,
            ...(typos.length || malformed.length
              ? [`${soft.length ? '' : 'values persisted, but '}${typos.length + malformed.length} bad line(s) in sysctl files`]
              : []),
          ].join('; '),
          expected,
          evidence,
        );
      return verdict.pass('persisted', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-PORTS-FREE',
    title: 'Kubernetes ports free before install',
    phase,
    group: 'network',
    severity: 'error',
    source: '000 五, kubeadm preflight',
    remediation: 'Stop what listens on these ports (ss -ltnp names the process), or use another host.',
    check: ({ facts, host, profile }) => {
      const listening = need(facts.listening);
      const free = portsToBeFree(profile.kubernetesVersion);
      const ports = [...new Set(host.roles.flatMap((r) => (r === 'control-plane' || r === 'worker' || r === 'etcd' ? free[r] : [])))].sort((a, b) => a - b);
      if (!ports.length) return verdict.skip('no control-plane or worker role');
      const busy = ports.filter((p) => listening.some((l) => l.port === p));
      const show = (p: number) =>
        listening
          .filter((l) => l.port === p)
          .map((l) => (l.family === 6 ? `[${l.address}]:${p}` : `${l.address}:${p}`))
          .join(', ');
      const expected = `free: ${ports.join(', ')}`;
      return busy.length
        ? verdict.fail(
            `in use: ${busy.join(', ')}`,
            expected,
            busy.map((p) => `listening: ${show(p)}`),
          )
        : verdict.pass('all free', expected, [`/proc/net/tcp and tcp6: none of ${ports.join(', ')} listening`]);
    },
  }),
  hostRequirement({
    id: 'HOST-REGISTRY',
    title: 'Private registry reachable from the host',
    phase,
    group: 'registry',
    severity: 'error',
    source: '000 (六)',
    remediation: ({ profile }) => {
      if (!profile.registry.enabled) return nothingToDo('the design has no private registry (profile registry: none)');
      const ep = profile.registry.endpoint.replace(/^https?:\/\//, '');
      const addr = ep.replace(/[:/].*$/, '');
      const host = profile.registry.name.replace(/[:/].*$/, '');
      const port = /^[^/]*:(\d+)/.exec(ep)?.[1] ?? (profile.registry.endpoint.startsWith('http://') ? '80' : '443');
      return `Make the registry name resolve on the host (/etc/hosts: "${addr} ${host}") and open the path to port ${port}.`;
    },
    check: ({ facts, profile }) => {
      const r = need(facts.registry);
      const expected = `${profile.registry.name} resolves and accepts connections from this host`;
      if (!profile.registry.enabled) return verdict.skip('the design has no private registry (profile registry: none)');
      if (!r) return verdict.skip('no registry in the profile');
      const evidence = [`getent hosts ${r.host}: ${r.resolved ?? 'does not resolve'}`, `${r.tool}: ${r.detail}`];
      const ep = profile.registry.endpoint.replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
      if (!r.resolved && !/^[0-9.]+$/.test(r.host))
        return verdict.fail(`${r.host} does not resolve on this host`, expected, evidence, {
          remediation: `echo "${ep} ${r.host}" >> /etc/hosts   # the registry's address (profile registry.endpoint)`,
        });
      if (r.reachable === undefined) return verdict.error(`cannot test reachability: ${r.detail}`, expected);
      return r.reachable
        ? verdict.pass(`${r.host}:${r.port} reachable`, expected, evidence)
        : verdict.fail(`${r.host}:${r.port} not reachable`, expected, evidence);
    },
  }),
];
