#!/usr/bin/env bash
# Cluster VMs, 000 (四): /etc/containerd/config.toml = `containerd config default` with SystemdCgroup = true,
# the sandbox image from harbor, mirrors for docker.io and harbor:443, the registry's TLS section; containerd
# and kubelet enabled. KV_CONTAINERD_DEFAULT=<file> stands in for `containerd config default` (sandbox runs).
# What a design may say otherwise (unset: the runbook's choices):
#   KV_CGROUP_DRIVER=cgroupfs        SystemdCgroup stays false (a host without systemd; the kubelet's cgroupDriver)
#   KV_REGISTRY_CA=<file on the host> the registry's CA is verified (ca_file) instead of insecure_skip_verify
#   KV_REGISTRY_USER, KV_REGISTRY_PASSWORD_FILE   a private project: containerd logs in (an auth table)
#   KV_RESTRICT_OOM_SCORE_ADJ=1      containerd without CAP_SYS_RESOURCE (a container host): restrict_oom_score_adj
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
REG="$(addr_of harbor):443"
[[ $REG != ":443" ]] || die "KV_HOSTS has no harbor entry"
SANDBOX=harbor:443/k8s/pause:3.9

if [[ -n ${KV_CONTAINERD_DEFAULT:-} ]]; then
  default=$(cat "$KV_CONTAINERD_DEFAULT")
elif command -v containerd >/dev/null; then
  default=$(containerd config default)
else
  die "containerd is not installed (20-packages.sh) and KV_CONTAINERD_DEFAULT is not set"
fi
grep -q '^version = 2$' <<<"$default" || die "not a containerd 1.x default config (version = 2): 000 (四) edits that layout"
grep -q 'SystemdCgroup = false' <<<"$default" || die "no 'SystemdCgroup = false' line in the default config"

# HOST-CONTAINERD-CONFIG: SystemdCgroup (000's "SystemGroup" is a typo too) and the sandbox image.
# DEFECTS=sandbox-image: the default registry.k8s.io/pause stays, unreachable from an offline cluster.
edits=()
case ${KV_CGROUP_DRIVER:-systemd} in
  systemd) edits+=(-e 's/SystemdCgroup = false/SystemdCgroup = true/') ;;
  cgroupfs) ;;
  *) die "KV_CGROUP_DRIVER is systemd or cgroupfs, not '$KV_CGROUP_DRIVER'" ;;
esac
if ! defect sandbox-image; then edits+=(-e "s|^\( *sandbox_image = \).*|\1\"$SANDBOX\"|"); fi
if [[ ${KV_RESTRICT_OOM_SCORE_ADJ:-0} == 1 ]]; then edits+=(-e 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/'); fi
[[ -z ${KV_REGISTRY_CA:-} || -f $(r "$KV_REGISTRY_CA") ]] || die "KV_REGISTRY_CA=$KV_REGISTRY_CA: no such file"
if [[ -n ${KV_REGISTRY_CA:-} ]]; then tls="ca_file = \"$KV_REGISTRY_CA\""; else tls='insecure_skip_verify = true'; fi
auth=""
if [[ -n ${KV_REGISTRY_USER:-} ]]; then
  [[ -r ${KV_REGISTRY_PASSWORD_FILE:-} ]] || die "KV_REGISTRY_USER is set: KV_REGISTRY_PASSWORD_FILE must name a readable file"
  pw=$(head -n 1 "$KV_REGISTRY_PASSWORD_FILE")
  [[ $pw != *'"'* && $pw != *\\* ]] || die "the registry password holds a quote or a backslash: write the auth table by hand"
  auth=$(printf '[plugins."io.containerd.grpc.v1.cri".registry.configs."%s".auth]\n  username = "%s"\n  password = "%s"' "$REG" "$KV_REGISTRY_USER" "$pw")
fi

# HOST-CONTAINERD-MIRRORS: TOML lets these sub-tables follow the rest of the file.
# DEFECTS=registry-typo: also the runbook's stray `registry.confgs` table, which containerd ignores.
typo=""
if defect registry-typo; then typo="[plugins.\"io.containerd.grpc.v1.cri\".registry.confgs.\"$REG\"]"; fi
{
  sed "${edits[@]}" <<<"$default"
  cat <<EOF

# 000 (四): images of docker.io and harbor:443 come from the private registry (self-signed certificate unless
# KV_REGISTRY_CA names its CA).
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
  endpoint = ["https://$REG"]
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
  endpoint = ["https://$REG"]
$typo
[plugins."io.containerd.grpc.v1.cri".registry.configs."$REG".tls]
  $tls
EOF
  [[ -z $auth ]] || echo "$auth"
} | put /etc/containerd/config.toml "$([[ -z $auth ]] && echo 0644 || echo 0600)"

echo 'runtime-endpoint: unix:///run/containerd/containerd.sock' | put /etc/crictl.yaml

# kubelet on the private network: without --node-ip it takes Vagrant's NAT address (the same on every VM).
ip=$(addr_of "${KV_NODE:-}")
if [[ -n $ip ]]; then
  if [[ $DISTRO == rhel ]]; then kubelet_env=/etc/sysconfig/kubelet; else kubelet_env=/etc/default/kubelet; fi
  echo "KUBELET_EXTRA_ARGS=--node-ip=$ip" | put "$kubelet_env"
fi

# HOST-SERVICES. kubelet restarts in a loop until kubeadm init/join gives it a configuration, as 000 says.
if changed; then restart containerd kubelet; fi
enable_now containerd kubelet
