#!/usr/bin/env bash
# 000 (五) and 001: kernel modules (persisted in modules-load.d) and sysctls (persisted in sysctl.d), with the
# keys Kubernetes needs — not the runbook's typos (iptalbes, netfiler.nfs_), which DEFECTS=sysctl-typo restores.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if has_defect no-persist-modules; then
  rm -f "$(path /etc/modules-load.d/containerd.conf)" "$(path /etc/modules-load.d/ipvs.conf)"
else
  put /etc/modules-load.d/containerd.conf 0644 <<'MOD'
br_netfilter
xt_conntrack
MOD
  put /etc/modules-load.d/ipvs.conf 0644 <<'MOD'
ip_vs
ip_vs_rr
ip_vs_wrr
ip_vs_sh
nf_conntrack
MOD
fi
for m in br_netfilter xt_conntrack ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh nf_conntrack; do live modprobe "$m"; done
if has_defect sysctl-typo; then
  put /etc/sysctl.d/99-kubernetes-cri.conf 0644 <<'SYS'
net.ipv4.ip_forward = 1
net.bridge.bridge-nf-call-iptalbes = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.netfiler.nfs_conntrack_max = 100000
SYS
else
  put /etc/sysctl.d/99-kubernetes-cri.conf 0644 <<'SYS'
net.ipv4.ip_forward = 1
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.netfilter.nf_conntrack_max = 131072
SYS
fi
live sysctl -p "$(path /etc/sysctl.d/99-kubernetes-cri.conf)"
