#!/usr/bin/env bash
# Cluster VMs, 000 (四): /etc/containerd/config.toml = `containerd config default` with SystemdCgroup = true,
# the sandbox image from harbor, mirrors for docker.io and harbor:443, the registry's TLS section; containerd
# and kubelet enabled. KV_CONTAINERD_DEFAULT=<file> stands in for `containerd config default` (sandbox runs).
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
edits=(-e 's/SystemdCgroup = false/SystemdCgroup = true/')
if ! defect sandbox-image; then edits+=(-e "s|^\( *sandbox_image = \).*|\1\"$SANDBOX\"|"); fi

# HOST-CONTAINERD-MIRRORS: TOML lets these sub-tables follow the rest of the file.
# DEFECTS=registry-typo: also the runbook's stray `registry.confgs` table, which containerd ignores.
typo=""
if defect registry-typo; then typo="[plugins.\"io.containerd.grpc.v1.cri\".registry.confgs.\"$REG\"]"; fi
{
  sed "${edits[@]}" <<<"$default"
  cat <<EOF

# 000 (四): images of docker.io and harbor:443 come from the private registry (self-signed certificate).
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
  endpoint = ["https://$REG"]
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
  endpoint = ["https://$REG"]
$typo
[plugins."io.containerd.grpc.v1.cri".registry.configs."$REG".tls]
  insecure_skip_verify = true
EOF
} | put /etc/containerd/config.toml

echo 'runtime-endpoint: unix:///run/containerd/containerd.sock' | put /etc/crictl.yaml

# kubelet on the private network: without --node-ip it takes Vagrant's NAT address (the same on every VM).
ip=$(addr_of "${KV_NODE:-}")
if [[ -n $ip ]]; then
  if [[ $DISTRO == rhel ]]; then kubelet_env=/etc/sysconfig/kubelet; else kubelet_env=/etc/default/kubelet; fi
  echo "KUBELET_EXTRA_ARGS=--node-ip=$ip" | put "$kubelet_env"
fi

# HOST-SERVICES. kubelet restarts in a loop until kubeadm init/join gives it a configuration, as 000 says.
if changed; then live systemctl restart containerd kubelet; fi
live systemctl enable --now containerd kubelet
