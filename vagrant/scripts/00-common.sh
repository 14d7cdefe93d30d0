#!/usr/bin/env bash
# 000 三(二) and (二): hosts file, swap off (now and in fstab), SELinux permissive, firewalld, podman and cri-o removed, chrony.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# KV_CLUSTER_HOSTS: "ip name;ip name;…" (default: the runbook's machines)
hosts=${KV_CLUSTER_HOSTS:-192.168.88.4 master;192.168.88.5 node-0001;192.168.88.6 node-0002;192.168.88.7 node-0003}
{
  echo "127.0.0.1 localhost"
  echo "$REGISTRY_IP harbor"
  if ! has_defect hosts-missing; then echo "$hosts" | tr ';' '\n'; fi
} | put /etc/hosts 0644
fstab=$(path /etc/fstab)
if [ -f "$fstab" ] && ! has_defect swap-fstab; then sed -i -E '/\sswap\s/s/^([^#])/#\1/' "$fstab"; fi
if has_defect swap-fstab && ! grep -qE '^[^#].*\sswap\s' "$fstab" 2>/dev/null; then echo '/dev/mapper/rl-swap none swap defaults 0 0' >> "$fstab"; fi
live swapoff -a
if has_defect selinux-enforcing; then mode=enforcing; else mode=permissive; fi
if [ "$(os_family)" = rhel ] || [ -n "$KV_ROOT" ]; then
  put /etc/selinux/config 0644 <<SEL
SELINUX=$mode
SELINUXTYPE=targeted
SEL
  live setenforce 0 || true
fi
if [ "$(os_family)" = rhel ]; then
  if has_defect firewalld; then live dnf -y install firewalld; else live dnf -y remove firewalld podman cri-o; fi
  live dnf -y install chrony && live systemctl enable --now chronyd
else
  if has_defect firewalld; then live apt-get install -y firewalld; else live apt-get remove -y firewalld podman cri-o || true; fi
  live apt-get install -y chrony && live systemctl enable --now chrony
fi
