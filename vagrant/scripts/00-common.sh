#!/usr/bin/env bash
# Every VM, 000 搭建 一(二) 环境配置 + 001: hostname, /etc/hosts, swap off (now and in fstab), firewalld removed,
# SELinux permissive, podman and cri-o removed, chrony.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
NODE=${KV_NODE:?set KV_NODE to the name of this host}

# Hostname (HOST-HOSTNAME).
echo "$NODE" | put /etc/hostname
live hostnamectl set-hostname "$NODE"

# /etc/hosts: one line per cluster host (HOST-HOSTS-FILE). Our names are taken off every other line first,
# e.g. Vagrant's "127.0.1.1 master master": a node name resolving to loopback breaks kubelet and etcd.
# DEFECTS=hosts-missing: 001's slip, the last line repeats the name before it, so the last host is missing.
block=$(hosts_lines)
if defect hosts-missing; then
  block=$(awk '{ addr[NR] = $1; name[NR] = $2 } END { for (i = 1; i <= NR; i++) print addr[i], name[i == NR ? i - 1 : i] }' <<<"$block")
fi
hosts_file=$(r /etc/hosts)
current=$(cat "$hosts_file" 2>/dev/null || printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n')
{
  awk -v names="$(hosts_lines | awk '{ print $2 }' | tr '\n' ' ')" '
    BEGIN { n = split(names, a, " "); for (i = 1; i <= n; i++) ours[a[i]] = 1 }
    /^# BEGIN kubeadm-verify/ { skip = 1; next }
    /^# END kubeadm-verify/ { skip = 0; next }
    skip { next }
    /^[[:space:]]*(#|$)/ { print; next }
    { out = $1; dropped = 0
      for (i = 2; i <= NF; i++) if ($i in ours) dropped = 1; else out = out " " $i
      if (!dropped) print; else if (out != $1) print out }' <<<"$current"
  echo "# BEGIN kubeadm-verify (vagrant/scripts/00-common.sh)"
  echo "$block"
  echo "# END kubeadm-verify"
} | put /etc/hosts

# Swap (HOST-SWAP, HOST-SWAP-FSTAB): off now, and its fstab lines commented out so it stays off after reboot.
# DEFECTS=swap-fstab: 000's `sed '/swap/d' /etc/fstab` has no -i, prints the edited file and changes nothing.
live swapoff -a
# fstab_swap has: is there an uncommented swap line? fstab_swap comment: the file with those lines commented out.
fstab_swap() {
  awk -v mode="$1" '!/^[[:space:]]*#/ && ($2 == "swap" || $3 == "swap") { found = 1; if (mode == "comment") $0 = "#" $0 }
    mode == "comment" { print }
    END { if (mode == "has") exit !found }'
}
fstab=$(cat "$(r /etc/fstab)" 2>/dev/null || true)
if defect swap-fstab; then
  if ! fstab_swap has <<<"$fstab"; then
    # the box has no swap line: add one for the runbook's command to leave behind
    { [[ -z $fstab ]] || echo "$fstab"; echo '/swapfile none swap defaults 0 0'; } | put /etc/fstab
  fi
elif [[ -n $fstab ]]; then
  fstab_swap comment <<<"$fstab" | put /etc/fstab
fi

# firewalld (HOST-FIREWALLD): removed, as 000 三(二) asks. DEFECTS=firewalld: installed and running instead.
if defect firewalld; then
  pkg_install firewalld
  enable_now firewalld
else
  pkg_remove firewalld
fi

# SELinux (HOST-SELINUX, RHEL family): permissive now and after reboot.
# DEFECTS=selinux-enforcing: 000's `setenforce 0` alone; /etc/selinux/config keeps SELINUX=enforcing.
if [[ $DISTRO == rhel ]]; then
  mode=permissive
  if defect selinux-enforcing; then mode=enforcing; fi
  cfg=$(r /etc/selinux/config)
  if grep -qs '^SELINUX=' "$cfg"; then
    sed "s/^SELINUX=.*/SELINUX=$mode/" "$cfg" | put /etc/selinux/config
  else
    { echo "SELINUX=$mode"; cat "$cfg" 2>/dev/null || echo 'SELINUXTYPE=targeted'; } | put /etc/selinux/config
  fi
  if [[ $KV_NO_LIVE == 1 ]] || selinuxenabled; then live setenforce 0; fi
fi

# podman and cri-o (HOST-CONFLICTS); chrony (HOST-TIME-SYNC, 001).
pkg_remove podman cri-o
pkg_install chrony
if [[ $DISTRO == rhel ]]; then enable_now chronyd; else enable_now chrony; fi
