# shellcheck shell=bash
# Helpers shared by the provisioning scripts (sourced, never run). Environment:
#   KV_NODE     this host's name (harbor, master, node-0001 ...)
#   KV_HOSTS    the cluster, "name=address,..." (default: the topology of seeds/000)
#   DEFECTS     comma-separated deliberate mistakes, see README.md
#   KV_ROOT     write host files under this directory instead of / (sandbox runs)
#   KV_NO_LIVE  1: leave the running system alone (no systemctl, modprobe, sysctl, dnf/apt); print what would run
#   KV_DISTRO   rhel | debian (default: read from $KV_ROOT/etc/os-release)
# Where no systemd runs (KV_ROOT, a chroot, a container host), services are enabled as files (the wants links) and
# not started: enable_now, restart.
set -euo pipefail

KV_ROOT=${KV_ROOT:-}
KV_ROOT=${KV_ROOT%/}
KV_NO_LIVE=${KV_NO_LIVE:-0}
DEFECTS=${DEFECTS:-}
KV_HOSTS=${KV_HOSTS:-harbor=192.168.88.3,master=192.168.88.4,node-0001=192.168.88.5,node-0002=192.168.88.6,node-0003=192.168.88.7}
KNOWN_DEFECTS="swap-fstab firewalld sysctl-typo sandbox-image registry-typo no-persist-modules selinux-enforcing hosts-missing"

log() { printf '[%s] %s\n' "${0##*/}" "$*"; }
die() { log "error: $*" >&2; exit 1; }

# The path of a host file, under $KV_ROOT.
r() { printf '%s%s' "$KV_ROOT" "$1"; }

# Run a command that changes the running system; with KV_NO_LIVE=1 only print it.
live() {
  if [[ $KV_NO_LIVE == 1 ]]; then log "skip (KV_NO_LIVE): $*"; else "$@"; fi
}

# Is this deliberate mistake requested?
defect() { [[ ",$DEFECTS," == *",$1,"* ]]; }

for d in ${DEFECTS//,/ }; do
  [[ " $KNOWN_DEFECTS " == *" $d "* ]] || die "unknown defect '$d' (known: $KNOWN_DEFECTS)"
done
[[ -z $DEFECTS ]] || log "DEFECTS=$DEFECTS"

# "address name" lines of the cluster, and one host's address.
hosts_lines() { tr ',' '\n' <<<"$KV_HOSTS" | awk -F= 'NF == 2 { print $2, $1 }'; }
addr_of() { hosts_lines | awk -v n="$1" '$2 == n { print $1 }'; }

distro() {
  if [[ -n ${KV_DISTRO:-} ]]; then echo "$KV_DISTRO"; return; fi
  local ids
  ids=$(sed -n 's/^\(ID\|ID_LIKE\)="\{0,1\}\([^"]*\)"\{0,1\}$/\2/p' "$(r /etc/os-release)" 2>/dev/null | tr '\n' ' ')
  case " $ids " in
    *" rhel "* | *" fedora "* | *" centos "*) echo rhel ;;
    *" debian "* | *" ubuntu "*) echo debian ;;
    *) die "unsupported distribution '${ids}'; set KV_DISTRO=rhel or debian" ;;
  esac
}
DISTRO=$(distro)

# put PATH [MODE] < content: write the file under $KV_ROOT when its content differs.
# changed: has put or drop changed a file since the script started?
CHANGED=0
changed() { [[ $CHANGED == 1 ]]; }
put() {
  local dst tmp
  dst=$(r "$1")
  tmp=$(mktemp)
  cat >"$tmp"
  if [[ -f $dst ]] && cmp -s "$tmp" "$dst"; then
    rm -f "$tmp"
    log "unchanged $1"
    return 0
  fi
  mkdir -p "$(dirname "$dst")"
  install -m "${2:-0644}" "$tmp" "$dst"
  rm -f "$tmp"
  CHANGED=1
  log "wrote $1"
}

# put_file SRC PATH [MODE]: copy a (large) file under $KV_ROOT when it differs.
put_file() {
  local dst
  dst=$(r "$2")
  if cmp -s "$1" "$dst"; then
    log "unchanged $2"
    return 0
  fi
  mkdir -p "$(dirname "$dst")"
  install -m "${3:-0644}" "$1" "$dst"
  CHANGED=1
  log "wrote $2"
}

# drop PATH: remove the file under $KV_ROOT if it is there.
drop() {
  if [[ -e $(r "$1") ]]; then
    rm -f "$(r "$1")"
    CHANGED=1
    log "removed $1"
  fi
}

# systemd_running: is systemd PID 1 here (not in a sandbox, not in a container without it)?
systemd_running() { [[ -z $KV_ROOT && -d /run/systemd/system ]]; }

# enable_now UNIT...: `systemctl enable --now` where systemd runs. Where none does (a sandbox under KV_ROOT, a
# chroot, a container host) the wants links `systemctl enable` writes offline (--root for a sandbox) and nothing is
# started; a unit whose file is not there yet (its package is not installed) is said, not enabled.
enable_now() {
  if systemd_running; then
    live systemctl enable --now "$@"
    return 0
  fi
  local u have=()
  for u in "$@"; do
    if [[ -e $(r "/etc/systemd/system/$u.service") || -e $(r "/lib/systemd/system/$u.service") || -e $(r "/usr/lib/systemd/system/$u.service") ]]; then
      have+=("$u")
    else
      log "no unit file for $u.service (its package is not installed): not enabled"
    fi
  done
  if [[ ${#have[@]} -gt 0 ]]; then
    command -v systemctl >/dev/null || die "no systemctl to enable ${have[*]} with"
    systemctl ${KV_ROOT:+--root="$KV_ROOT"} --quiet enable "${have[@]}"
    log "enabled ${have[*]}"
  fi
  log "not started: no systemd runs here (start $* with whatever runs the services)"
}

# restart UNIT...: where systemd runs; elsewhere said, for whatever runs the services to do.
restart() {
  if systemd_running; then live systemctl restart "$@"; else log "not restarted: no systemd runs here (restart $* to load the new configuration)"; fi
}

# Package lists of a fresh box can be stale: apt-get update before the first install of each script.
APT_UPDATED=0
pkg_install() {
  if [[ $DISTRO == rhel ]]; then
    live dnf -y install "$@"
  else
    if [[ $APT_UPDATED == 0 ]]; then live apt-get update; fi
    APT_UPDATED=1
    live env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
  fi
}

installed() {
  if [[ $DISTRO == rhel ]]; then
    rpm -q "$1" >/dev/null 2>&1
  else
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
  fi
}

pkg_remove() {
  if [[ $KV_NO_LIVE == 1 ]]; then log "skip (KV_NO_LIVE): remove package(s) $*"; return 0; fi
  local p present=()
  for p in "$@"; do
    if installed "$p"; then present+=("$p"); fi
  done
  [[ ${#present[@]} -gt 0 ]] || { log "not installed: $*"; return 0; }
  if [[ $DISTRO == rhel ]]; then dnf -y remove "${present[@]}"; else DEBIAN_FRONTEND=noninteractive apt-get purge -y "${present[@]}"; fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: poll every 10 s.
wait_for() {
  local what=$1 secs=$2 waited=0
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((waited < secs)) || die "gave up after ${secs}s waiting for $what"
    log "waiting for $what (${waited}s)"
    sleep 10
    waited=$((waited + 10))
  done
}

# The bootstrap token of init.yaml (the documents' init-defaults value), used by 50-init and 60-join.
init_token() { sed -n 's/^ *token: *\([a-z0-9]\{6\}\.[a-z0-9]\{16\}\) *$/\1/p' "$1" | head -n 1; }

# Docker's RHEL repository: containerd.io for the cluster VMs (20-packages), docker-ce for harbor (40-harbor).
put_docker_repo() {
  put /etc/yum.repos.d/docker-ce.repo <<'EOF'
[docker-ce-stable]
name=Docker CE Stable
baseurl=https://download.docker.com/linux/centos/$releasever/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=https://download.docker.com/linux/centos/gpg
EOF
}

# 40-harbor, 50-init and 60-join act on a VM only: there is nothing for them to write into a sandbox.
vm_only() {
  [[ $KV_NO_LIVE != 1 && -z $KV_ROOT ]] || die "${0##*/} runs on a VM only (KV_NO_LIVE/KV_ROOT are set)"
}
