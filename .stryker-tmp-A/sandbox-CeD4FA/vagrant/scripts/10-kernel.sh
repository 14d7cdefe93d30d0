#!/usr/bin/env bash
# Cluster VMs, 000 (五) + 001: kernel modules, loaded now and listed in modules-load.d; sysctls, set now and in
# sysctl.d — with the keys Kubernetes reads, not the runbook's typos (iptalbes, netfiler.nfs_).
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"

# Modules (HOST-MODULES; HOST-IPVS-MODULES for kube-proxy mode: ipvs). overlay is containerd's snapshotter.
# DEFECTS=no-persist-modules: loaded by hand only (modprobe), so they are gone after a reboot.
base=(overlay br_netfilter xt_conntrack)
ipvs=(ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh nf_conntrack)
if defect no-persist-modules; then
  drop /etc/modules-load.d/containerd.conf
  drop /etc/modules-load.d/ipvs.conf
else
  printf '%s\n' "${base[@]}" | put /etc/modules-load.d/containerd.conf
  printf '%s\n' "${ipvs[@]}" | put /etc/modules-load.d/ipvs.conf
fi
for m in "${base[@]}" "${ipvs[@]}"; do live modprobe "$m"; done

# Sysctls (HOST-SYSCTL, HOST-SYSCTL-PERSIST). The bridge keys exist once br_netfilter is loaded (above).
# DEFECTS=sysctl-typo: the runbook's file verbatim; its two misspelled keys are never applied.
conf=/etc/sysctl.d/99-kubernetes-cri.conf
if defect sysctl-typo; then
  put "$conf" <<'EOF'
net.ipv4.ip_forward = 1
net.bridge.bridge-nf-call-iptalbes = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.netfiler.nfs_conntrack_max = 100000
EOF
else
  put "$conf" <<'EOF'
net.ipv4.ip_forward = 1
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.netfilter.nf_conntrack_max = 131072
EOF
fi
if ! live sysctl -p "$(r "$conf")"; then
  defect sysctl-typo || die "sysctl -p $conf failed"
  log "sysctl -p failed on the misspelled keys, as it does for the runbook's readers"
fi
