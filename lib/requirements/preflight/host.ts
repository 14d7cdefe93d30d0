// Host basics: OS, kernel, CPU, memory, swap, SELinux, firewalld, conflicting runtimes, hostname.
import { HOSTNAME_RE } from '../../config/inventory.ts';
import { minMemoryFor } from '../../config/profile.ts';
import { isSwapEntry } from '../../facts/fstab.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { kernelAccepted, kubeadmFacts } from '../../kubeadm/versions.ts';
import { CONFLICTING_PACKAGES, FIREWALLD } from '../../kubeadm/expect.ts';
import { at, list } from './util.ts';
import { packageTool, remove } from '../advice.ts';

const phase = 'preflight' as const;

export const hostRequirements: Requirement[] = [
  hostRequirement({
    id: 'HOST-OS',
    title: 'Supported OS family and version',
    phase,
    group: 'os',
    severity: 'error',
    source: '000 三(二)(三), 003',
    remediation: 'Use Rocky Linux/RHEL/CentOS ≥ 7 or a supported Debian (≥ 11) / Ubuntu LTS (≥ 20.04) release.',
    check: ({ facts }) => {
      const os = need(facts.os);
      const major = Number(os.versionId.split('.')[0]);
      const evidence = [`/etc/os-release: ID=${os.id} ID_LIKE="${os.idLike.join(' ')}" VERSION_ID=${os.versionId}`];
      const expected = 'RHEL family ≥ 7, Debian ≥ 11, Ubuntu ≥ 20.04';
      if (os.family === 'rhel') return major >= 7 ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      if (os.id === 'ubuntu') return major >= 20 ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      if (os.family === 'debian')
        return major >= 11 || os.versionId === '' ? verdict.pass(os.prettyName, expected, evidence) : verdict.fail(os.prettyName, expected, evidence);
      return verdict.fail(`${os.prettyName} (unsupported family)`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-KERNEL',
    title: 'Kernel version new enough for the target Kubernetes',
    phase,
    group: 'kernel',
    severity: 'error',
    source: '000 三(二), system-validators',
    remediation: ({ facts }) => {
      const tool = packageTool(facts);
      const os = facts?.os.ok ? facts.os.value.id : '';
      const how =
        tool === 'apt-get'
          ? `apt-get install -y ${os === 'ubuntu' ? 'linux-image-generic' : 'linux-image-amd64'}`
          : tool
            ? `${tool} -y update kernel`
            : 'dnf -y update kernel / apt-get install linux-image-…';
      return `Upgrade the kernel (${how}) and reboot.`;
    },
    check: ({ facts, profile }) => {
      const k = need(facts.kernel);
      // kubeadm's SystemVerification: the release must match one of the validators' regexes (lib/kubeadm/versions.ts)
      const rule = kubeadmFacts(profile.kubernetesVersion).kernel;
      const expected = `≥ ${rule.min} for Kubernetes ${profile.kubernetesVersion} (${rule.validators}: ${rule.note})`;
      const evidence = [`uname -r: ${k.release}`];
      return kernelAccepted(rule, k.release) ? verdict.pass(k.release, expected, evidence) : verdict.fail(k.release, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CPU',
    title: 'At least 2 CPUs',
    phase,
    group: 'resources',
    severity: 'error',
    source: '000 三(二)',
    remediation: ({ profile }) => `Give the machine at least ${profile.minCPUs} vCPUs (kubeadm init fails below 2 on control-plane nodes).`,
    check: ({ facts, profile, host }) => {
      const n = need(facts.cpus);
      const expected = `≥ ${profile.minCPUs} CPUs`;
      if (n >= profile.minCPUs) return verdict.pass(`${n} CPUs`, expected, [`nproc: ${n}`]);
      const cp = host.roles.includes('control-plane');
      return { ...verdict.fail(`${n} CPUs`, expected, [`nproc: ${n}`]), severity: cp ? 'error' : 'warn', status: cp ? 'fail' : 'warn' };
    },
  }),
  hostRequirement({
    id: 'HOST-MEM',
    title: 'Enough memory',
    phase,
    group: 'resources',
    severity: 'error',
    source: '000 三(二)',
    remediation: ({ profile, host }) =>
      `Give the machine more memory: the design asks for ${host ? `${minMemoryFor(profile, host.roles)} MiB on this host` : 'it in profile minMemoryMiB'} (kubeadm's floor is 1700 MiB).`,
    check: ({ facts, profile, host }) => {
      const kib = need(facts.memTotalKiB);
      const mib = Math.floor(kib / 1024);
      const min = minMemoryFor(profile, host.roles);
      const expected = `≥ ${min} MiB${typeof profile.minMemoryMiB === 'number' ? '' : ` (${host.roles.join(', ')})`}`;
      const ev = [`/proc/meminfo: MemTotal: ${kib} kB`];
      return mib >= min ? verdict.pass(`${mib} MiB`, expected, ev) : verdict.fail(`${mib} MiB`, expected, ev);
    },
  }),
  hostRequirement({
    id: 'HOST-SWAP',
    title: 'No active swap',
    phase,
    group: 'swap',
    severity: 'error',
    source: '000 三(二), 001, 003',
    remediation: 'swapoff -a',
    check: ({ facts }) => {
      const swaps = need(facts.swaps);
      if (!swaps.length) return verdict.pass('no active swap', 'no active swap', ['/proc/swaps: header only']);
      return verdict.fail(
        `${swaps.length} active swap device(s): ${list(swaps.map((s) => s.filename))}`,
        'no active swap',
        swaps.map((s) => `/proc/swaps: ${s.filename} ${s.type} ${s.sizeKiB} KiB`),
      );
    },
  }),
  hostRequirement({
    id: 'HOST-SWAP-FSTAB',
    title: 'No swap entry in /etc/fstab',
    phase,
    group: 'swap',
    severity: 'error',
    source: '000 三(二), 001',
    remediation: "sed -ri '/\\sswap\\s/s/^#?/#/' /etc/fstab   # the documents use: sed '/swap/d' /etc/fstab (review before deleting lines)",
    check: ({ facts }) => {
      const entries = need(facts.fstab).filter(isSwapEntry);
      if (!entries.length) return verdict.pass('no active swap line', 'no uncommented swap line in /etc/fstab');
      return verdict.fail(
        `${entries.length} swap line(s) in /etc/fstab: swap comes back after reboot`,
        'no uncommented swap line in /etc/fstab',
        entries.map((e) => at('/etc/fstab', e.line, e.text)),
      );
    },
  }),
  hostRequirement({
    id: 'HOST-SELINUX',
    title: 'SELinux not enforcing',
    phase,
    group: 'security',
    severity: 'warn',
    source: '000 三(二), 001',
    remediation: "setenforce 0 && sed -i 's/^SELINUX=enforcing/SELINUX=permissive/' /etc/selinux/config",
    check: ({ facts }) => {
      const s = need(facts.selinux);
      if (!s.present) return verdict.skip('SELinux is not present on this host (no selinuxfs, no getenforce, no /etc/selinux/config)');
      const ev: string[] = [];
      if (s.mode) ev.push(`current mode: ${s.mode}`);
      if (s.configMode) ev.push(at('/etc/selinux/config', s.configMode.line, `SELINUX=${s.configMode.value}`));
      const bad = [s.mode === 'enforcing' && 'enforcing now', s.configMode?.value === 'enforcing' && 'enforcing in /etc/selinux/config (after reboot)'].filter(
        Boolean,
      ) as string[];
      const observed = `now ${s.mode ?? 'unknown'}, config ${s.configMode?.value ?? 'not set'}`;
      return bad.length
        ? verdict.fail(`${observed}: ${bad.join('; ')}`, 'permissive or disabled, now and in /etc/selinux/config', ev)
        : verdict.pass(observed, 'permissive or disabled, now and in /etc/selinux/config', ev);
    },
  }),
  hostRequirement({
    id: 'HOST-FIREWALLD',
    title: 'firewalld not running and not installed',
    phase,
    group: 'security',
    severity: 'error',
    source: '000 三(二)',
    remediation: ({ facts }) => `systemctl disable --now firewalld && ${remove(packageTool(facts), FIREWALLD)}`,
    check: ({ facts }) => {
      const svc = need(facts.services);
      const pkgs = need(facts.packages);
      const unit = svc.units[FIREWALLD];
      const running = unit?.active === 'active';
      const installed = pkgs.installed[FIREWALLD];
      const ev = [`firewalld: ${unit?.active ?? 'unknown'} (${unit?.method ?? 'n/a'})`, `package firewalld: ${installed ?? 'not installed'} (${pkgs.manager})`];
      const expected = 'not running, not installed';
      // yum or dnf: the EL release decides (os-release), so without it the verdict is an error, not a guess
      if (pkgs.manager !== 'dpkg') need(facts.os);
      const rm = remove(packageTool(facts), FIREWALLD);
      if (running) return verdict.fail('firewalld is running', expected, ev, { severity: 'error', remediation: `systemctl disable --now firewalld && ${rm}` });
      if (installed) return verdict.warn(`firewalld installed (${installed}), not running`, expected, ev, { remediation: rm });
      return verdict.pass('not running, not installed', expected, ev);
    },
  }),
  hostRequirement({
    id: 'HOST-CONFLICTS',
    title: 'podman and cri-o not installed',
    phase,
    group: 'runtime',
    severity: 'warn',
    source: '000 三(二)',
    remediation: ({ facts, profile }) => remove(packageTool(facts), CONFLICTING_PACKAGES.filter((p) => p !== profile.runtime.name).join(' ')),
    check: ({ facts, profile }) => {
      const pkgs = need(facts.packages);
      const others = CONFLICTING_PACKAGES.filter((p) => p !== profile.runtime.name);
      const found = others.filter((p) => pkgs.installed[p]).map((p) => `${p} ${pkgs.installed[p]}`);
      const expected = `${others.join(' and ')} absent (the design's runtime is ${profile.runtime.name})`;
      return found.length
        ? verdict.fail(`installed: ${found.join(', ')}`, expected, found, { remediation: remove(packageTool(facts), others.join(' ')) })
        : verdict.pass('none installed', expected, [`${pkgs.manager}: ${others.join(', ')} not installed`]);
    },
  }),
  hostRequirement({
    id: 'HOST-HOSTNAME',
    title: 'Hostname valid and equal to the inventory name',
    phase,
    group: 'identity',
    severity: 'error',
    source: '000 三(二), 001',
    remediation: 'hostnamectl set-hostname <inventory name>',
    check: ({ facts, host }) => {
      const h = need(facts.hostname);
      const ev = [`hostname: ${h.running}`, ...(h.file !== undefined ? [`/etc/hostname: ${h.file}`] : [])];
      const expected = `${host.name} (lowercase RFC 1123)`;
      const problems: string[] = [];
      if (!HOSTNAME_RE.test(h.running)) problems.push('not a lowercase RFC 1123 name');
      if (h.running !== host.name) problems.push(`differs from the inventory name ${host.name}`);
      if (h.file !== undefined && h.file !== '' && h.file !== h.running) problems.push(`/etc/hostname says ${h.file} (after reboot)`);
      return problems.length
        ? verdict.fail(`${h.running}: ${problems.join('; ')}`, expected, ev, { remediation: `hostnamectl set-hostname ${host.name}` })
        : verdict.pass(h.running, expected, ev);
    },
  }),
];
