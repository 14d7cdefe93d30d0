// The one read-only POSIX sh probe sent to every host. It only reads files and runs query commands;
// it never writes (no temp files, no redirections to files) — see test/unit/probe-readonly.test.ts.
import { shQuote } from '../transport/command.ts';
import { ALL_COMPONENT_HEALTH_URLS } from '../kubeadm/versions.ts';
import { PROBED_BINARIES, PROBED_CRI_SOCKETS, PROBED_PACKAGES, PROBED_SYSCTLS, PROBED_UNITS } from '../kubeadm/expect.ts';

// what the probe asks for: derived in lib/kubeadm/expect.ts, the one home of these lists
export const PACKAGES = PROBED_PACKAGES;
export const UNITS = PROBED_UNITS;
export const BINARIES = PROBED_BINARIES;
export const SYSCTLS = PROBED_SYSCTLS;
export const CRI_SOCKETS = PROBED_CRI_SOCKETS;

export interface ProbeOptions {
  /** Random per run: section markers cannot be forged by file contents. */
  nonce: string;
  /** Inventory names to resolve on the host (HOST-HOSTS-FILE). */
  resolveNames: string[];
  /** host:port of the private registry (HOST-REGISTRY). */
  registry?: { host: string; port: number };
  /** Node-side post-install facts (component health, kube-proxy mode, ipvsadm). */
  postinstall?: boolean;
  /** The design's runtime (profile `runtime`, `criSocket`) and NTP servers: where the probe looks. */
  design?: { runtime: 'containerd' | 'docker' | 'cri-o'; configPath: string; service: string; criSocket: string };
}

/** Where the probe reads each runtime's configuration: the profile's path for its runtime, the default for the others. */
export function runtimePaths(d: ProbeOptions['design']): { containerd: string; docker: string; crio: string } {
  return {
    containerd: d?.runtime === 'containerd' ? d.configPath : '/etc/containerd/config.toml',
    docker: d?.runtime === 'docker' ? d.configPath : '/etc/docker/daemon.json',
    crio: d?.runtime === 'cri-o' ? d.configPath : '/etc/crio/crio.conf',
  };
}

const BODY = String.raw`
export LC_ALL=C LANG=C
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"
have() { command -v "$1" >/dev/null 2>&1; }
t() { if have timeout; then timeout "$T" "$@"; else "$@"; fi; }
beg() { printf '\n@@KV%s %s@@\n' "$N" "$1"; }
end() { printf '\n@@KV%s /%s rc=%s@@\n' "$N" "$1" "$2"; }
sec() { _sec=$1; shift; beg "$_sec"; "$@" </dev/null 2>/dev/null; _rc=$?; end "$_sec" "$_rc"; }
fil() { for f in "$@"; do
  if [ -f "$f" ]; then
    if [ -r "$f" ]; then printf '\n@@KV%s file %s@@\n' "$N" "$f"; cat "$f" 2>/dev/null; printf '\n@@KV%s eof@@\n' "$N"; else printf '\n@@KV%s unreadable %s@@\n' "$N" "$f"; fi
  elif [ -e "$f" ]; then printf '\n@@KV%s notfile %s@@\n' "$N" "$f"
  fi
done; return 0; }
s_meta() { echo "uid=$(id -u 2>/dev/null)"; echo "uname=$(uname -srm)"; echo "path=$PATH"; }
s_os() { if [ -r /etc/os-release ]; then cat /etc/os-release; elif [ -r /usr/lib/os-release ]; then cat /usr/lib/os-release; else return 3; fi; }
s_cpus() { if have nproc; then nproc --all 2>/dev/null || nproc; else grep -c '^processor' /proc/cpuinfo; fi; }
s_mem() { cat /proc/meminfo; }
s_swaps() { cat /proc/swaps; }
s_fstab() { fil /etc/fstab; }
s_selinux() { if have getenforce; then echo "getenforce=$(getenforce 2>/dev/null)"; fi
  if [ -r /sys/fs/selinux/enforce ]; then echo "enforce=$(cat /sys/fs/selinux/enforce)"; fi
  if [ -d /sys/fs/selinux ]; then echo "selinuxfs=yes"; fi
  fil /etc/selinux/config; }
rpmdb_dir() { for d in /var/lib/rpm /usr/lib/sysimage/rpm; do for f in rpmdb.sqlite Packages.db Packages; do [ -f "$d/$f" ] && { echo "$d"; return 0; }; done; done; return 1; }
s_pkgs() { if have rpm && D=$(rpmdb_dir); then echo "manager=rpm"; rpm -q --dbpath "$D" --qf '%{NAME}\t%{VERSION}-%{RELEASE}\tii\n' $PKGS 2>/dev/null | grep -v 'is not installed'
  elif have dpkg-query && [ -f /var/lib/dpkg/status ]; then echo "manager=dpkg"; dpkg-query -W -f='${'$'}{Package}\t${'$'}{Version}\t${'$'}{db:Status-Abbrev}\n' $PKGS 2>/dev/null
  else echo "manager=none"; fi
  if have snap; then echo "@snap"; t snap list 2>/dev/null; fi; return 0; }
s_svc() { echo "pid1=$(cat /proc/1/comm 2>/dev/null)"
  if [ -d /run/systemd/system ] && have systemctl; then echo "systemd=yes"
    for u in $UNITS; do printf '@unit %s\n' "$u"; t systemctl show -p LoadState,ActiveState,SubState,UnitFileState "$u.service" 2>/dev/null; done
  else echo "systemd=no"; fi
  echo "@processes"; cat /proc/[0-9]*/comm 2>/dev/null
  echo "@wants"; for d in /etc/systemd/system/*.wants; do [ -d "$d" ] && for f in "$d"/*; do [ -e "$f" ] || [ -L "$f" ] && echo "$d/${'$'}{f##*/}"; done; done; return 0; }
s_hostname() { echo "uname=$(uname -n)"; if have hostname; then echo "hostname=$(hostname 2>/dev/null)"; fi; fil /etc/hostname; }
s_net() { for i in /sys/class/net/*; do n=${'$'}{i##*/}; [ -e "$i/address" ] || continue
  a=; ty=; read -r a < "$i/address"; read -r ty < "$i/type"; k=virt; [ -e "$i/device" ] && k=phys; b=; [ -d "$i/bridge" ] && b=bridge
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$a" "$ty" "$k" "$b"; done
  echo "@route"; cat /proc/net/route 2>/dev/null; return 0; }
s_uuid() { if [ -r /sys/class/dmi/id/product_uuid ]; then cat /sys/class/dmi/id/product_uuid; elif [ -e /sys/class/dmi/id/product_uuid ]; then echo "@unreadable"; return 4; else echo "@absent"; return 3; fi; }
s_hosts() { fil /etc/hosts; echo "@resolve"; [ -n "$NAMES" ] && t getent hosts $NAMES 2>/dev/null; return 0; }
s_mods() { echo "@proc"; cat /proc/modules 2>/dev/null; echo "@sys"; ls /sys/module 2>/dev/null; echo "@builtin"; cat "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null | sed 's#.*/##; s#\.ko.*##'
  fil /etc/modules-load.d/*.conf /run/modules-load.d/*.conf /usr/lib/modules-load.d/*.conf /usr/local/lib/modules-load.d/*.conf /etc/modules /etc/sysconfig/modules/*.modules; }
# cat, never the read builtin: dash (Debian's /bin/sh) reads one byte at a time and /proc/sys integer files answer
# a read at offset > 0 with EOF, so dash's read sees "2" for 262144
s_sysctl() { for kp in $SYSCTLS; do k=${'$'}{kp%%=*}; p=${'$'}{kp#*=}; v=; [ -r "$p" ] && v=$(cat "$p" 2>/dev/null); printf '%s\t%s\n' "$k" "${'$'}{v:-@absent}"; done; }
s_sysctlf() { fil /etc/sysctl.conf /etc/sysctl.d/*.conf /run/sysctl.d/*.conf /usr/local/lib/sysctl.d/*.conf /usr/lib/sysctl.d/*.conf /lib/sysctl.d/*.conf; }
s_ctrd() { fil "$CCFG"
  cp=$(sed -n 's/^[[:space:]]*config_path[[:space:]]*=[[:space:]]*["'\'']\([^"'\'']*\)["'\''].*/\1/p' "$CCFG" 2>/dev/null | head -n 1)
  echo "config_path=$cp"
  old_ifs=$IFS; IFS=:; for d in ${'$'}{cp:-/etc/containerd/certs.d}; do IFS=$old_ifs; for h in "$d"/*/hosts.toml; do fil "$h"; done; done; IFS=$old_ifs; return 0; }
s_docker() { fil "$DCFG"; if have docker; then echo "@info"; t docker info 2>/dev/null; echo "info_rc=$?"; fi; return 0; }
s_crio() { fil "$OCFG" /etc/crio/crio.conf.d/*.conf; return 0; }
s_cri() { for s in $SOCKS; do if [ -S "$s" ]; then echo "$s	socket"; elif [ -e "$s" ]; then echo "$s	other"; else echo "$s	absent"; fi; done; }
s_listen() { echo "@tcp"; cat /proc/net/tcp 2>/dev/null; echo "@tcp6"; cat /proc/net/tcp6 2>/dev/null; return 0; }
s_time() { if [ -d /run/systemd/system ] && have timedatectl; then t timedatectl show 2>/dev/null | grep -E '^(NTP|NTPSynchronized|CanNTP|Timezone)='; fi
  [ -e /run/systemd/timesync/synchronized ] && echo "timesyncd_synchronized=yes"
  if have chronyc; then echo "@chronyc"; t chronyc -n tracking 2>/dev/null; echo "@sources"; t chronyc -n sources 2>/dev/null; fi
  fil /etc/chrony.conf /etc/chrony/chrony.conf; return 0
  if have ntpstat; then echo "@ntpstat"; t ntpstat 2>/dev/null; echo "ntpstat_rc=$?"; fi; return 0; }
s_reg() { [ -n "$RH" ] || { echo "@none"; return 0; }
  echo "resolve=$(t getent hosts "$RH" 2>/dev/null | head -n 1)"
  if have curl; then echo "tool=curl"; code=$(T=10 t curl -sS -k -o /dev/null -w '%{http_code} %{remote_ip}' --connect-timeout 5 --max-time 8 "https://$RH:$RP/v2/" 2>&1); echo "curl_rc=$? $code"
  elif have bash; then echo "tool=bash"; t bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$RH" "$RP" 2>&1; echo "tcp_rc=$?"
  elif have nc; then echo "tool=nc"; t nc -z -w 3 "$RH" "$RP" 2>&1; echo "tcp_rc=$?"
  else echo "tool=none"; fi; return 0; }
s_bins() { for b in $BINS; do printf '%s\t' "$b"; command -v "$b" 2>/dev/null || echo; done; }
# the binaries' own versions (a package version can lie: an epoch, a repackaged SDK); HOME=/nonexistent: nothing written
s_kver() { for b in kubeadm kubelet kubectl; do have "$b" || continue; echo "@$b"
  case $b in kubeadm) t env HOME=/nonexistent kubeadm version -o short 2>&1;; kubelet) t env HOME=/nonexistent kubelet --version 2>&1;; kubectl) t env HOME=/nonexistent kubectl version --client 2>&1;; esac; done; return 0; }
s_kubelet() { fil /var/lib/kubelet/config.yaml /etc/sysconfig/kubelet /etc/default/kubelet /usr/lib/systemd/system/kubelet.service.d/*.conf /lib/systemd/system/kubelet.service.d/*.conf /etc/systemd/system/kubelet.service.d/*.conf /etc/systemd/system/snap.kubelet.daemon.service.d/*.conf /var/lib/kubelet/kubeadm-flags.env; }
s_health() { for u in $HEALTH http://127.0.0.1:10249/proxyMode; do
  if have curl; then printf '%s\t%s\n' "$u" "$(t curl -sS -k --connect-timeout 2 --max-time 4 -w ' http=%{http_code}' "$u" 2>&1 | tr '\n' ' ')"; else printf '%s\t@no-curl\n' "$u"; fi; done
  echo "@ipvsadm"; if have ipvsadm; then t ipvsadm -Ln 2>&1; echo "ipvsadm_rc=$?"; else echo "ipvsadm_rc=127"; fi; return 0; }
sec meta s_meta; sec os-release s_os; sec cpus s_cpus; sec meminfo s_mem; sec swaps s_swaps; sec fstab s_fstab
sec selinux s_selinux; sec packages s_pkgs; sec services s_svc; sec hostname s_hostname; sec net s_net
sec product_uuid s_uuid; sec hosts s_hosts; sec modules s_mods; sec sysctl s_sysctl; sec sysctl-files s_sysctlf
sec containerd s_ctrd; sec docker s_docker; sec crio s_crio; sec cri s_cri; sec listen s_listen; sec timesync s_time; sec registry s_reg; sec binaries s_bins
sec kubelet s_kubelet
sec kversions s_kver
[ "$POST" = 1 ] && sec node-health s_health
printf '\n@@KV%s done@@\n' "$N"
`;

/** The complete probe: parameter assignments (quoted) followed by the fixed body. */
export function probeScript(o: ProbeOptions): string {
  if (!/^[a-z0-9]{8,64}$/.test(o.nonce)) throw new Error('nonce must be 8-64 lowercase alphanumerics');
  const paths = runtimePaths(o.design);
  const units = [...new Set([...UNITS, ...(o.design ? [o.design.service] : [])])];
  const socks = [...new Set([...CRI_SOCKETS, ...(o.design ? [o.design.criSocket.replace(/^unix:\/\//, '')] : [])])];
  for (const v of [...Object.values(paths), ...units, ...socks]) if (!/^[A-Za-z0-9@._\/-]+$/.test(v)) throw new Error(`unsafe path or unit ${JSON.stringify(v)}`);
  const vars: [string, string][] = [
    ['N', o.nonce],
    ['CCFG', paths.containerd],
    ['DCFG', paths.docker],
    ['OCFG', paths.crio],
    ['T', '5'],
    ['NAMES', o.resolveNames.join(' ')],
    ['PKGS', PACKAGES.join(' ')],
    ['UNITS', units.join(' ')],
    ['BINS', BINARIES.join(' ')],
    ['SYSCTLS', SYSCTLS.map((k) => `${k}=/proc/sys/${k.replace(/\./g, '/')}`).join(' ')],
    ['SOCKS', socks.join(' ')],
    ['RH', o.registry?.host ?? ''],
    ['RP', String(o.registry?.port ?? 443)],
    ['POST', o.postinstall ? '1' : '0'],
    ['HEALTH', ALL_COMPONENT_HEALTH_URLS.join(' ')],
  ];
  for (const n of o.resolveNames) {
    if (!/^[A-Za-z0-9.-]+$/.test(n)) throw new Error(`refusing to resolve an unsafe name: ${JSON.stringify(n)}`);
  }
  if (o.registry && !/^[A-Za-z0-9.:\[\]-]+$/.test(o.registry.host)) throw new Error(`unsafe registry host ${JSON.stringify(o.registry.host)}`);
  return vars.map(([k, v]) => `${k}=${shQuote(v)}`).join('\n') + '\n' + BODY;
}
