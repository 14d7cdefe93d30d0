#!/usr/bin/env bash
# Shared helpers. KV_ROOT=/dir writes every file under /dir instead of / (used by the self-tests);
# KV_NO_LIVE=1 skips live actions (systemctl, modprobe, sysctl, swapoff, package managers).
set -euo pipefail
KV_ROOT=${KV_ROOT:-}
KV_NO_LIVE=${KV_NO_LIVE:-0}
DEFECTS=${DEFECTS:-}
REGISTRY_IP=${REGISTRY_IP:-192.168.88.3}
has_defect() { case ",$DEFECTS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
live() { if [ "$KV_NO_LIVE" = 1 ]; then echo "[skip live] $*" >&2; else "$@"; fi; }
path() { printf '%s%s' "$KV_ROOT" "$1"; }
put() { # put FILE MODE < content
  mkdir -p "$(dirname "$(path "$1")")"
  cat > "$(path "$1")"
  chmod "$2" "$(path "$1")"
}
os_family() {
  local f; f=$(path /etc/os-release)
  if [ -r "$f" ] && grep -qiE '^ID(_LIKE)?=.*(rhel|fedora|centos|rocky)' "$f"; then echo rhel; else echo debian; fi
}
