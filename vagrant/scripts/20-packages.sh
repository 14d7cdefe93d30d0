#!/usr/bin/env bash
# Cluster VMs, 000 (三): kubeadm, kubelet, kubectl 1.29.2, containerd, ipvsadm, ipset, tc, plus what kubeadm's
# preflight wants (cri-tools, conntrack, socat, ethtool). The runbook uses a local FTP mirror; here the upstream
# repositories: pkgs.k8s.io for Kubernetes, Docker's for containerd.io (RHEL), the distribution's containerd (Ubuntu).
# containerd stays at 1.x: its config (version = 2) is the one 000 (四) edits; 2.x moved those tables.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
V=${KV_K8S_VERSION:-1.29.2}
MINOR=v${V%.*}

# KV_K8S_BIN_DIR=<dir with kubeadm, kubelet, kubectl, crictl at $V>: kubeadm's "without a package manager" install
# (an offline site, a build of its own): the binaries into /usr/local/bin, kubelet.service and kubeadm's drop-in
# from kubernetes/release's templates (paths /usr/local/bin); the runtime and the tools from the distribution.
if [[ -n ${KV_K8S_BIN_DIR:-} ]]; then
  for b in kubeadm kubelet kubectl crictl; do [[ -x $KV_K8S_BIN_DIR/$b ]] || die "KV_K8S_BIN_DIR=$KV_K8S_BIN_DIR has no $b"; done
  got=$("$KV_K8S_BIN_DIR/kubeadm" version -o short)
  [[ $got == "v$V" ]] || die "$KV_K8S_BIN_DIR/kubeadm is $got, not v$V (KV_K8S_VERSION)"
  for b in kubeadm kubelet kubectl crictl; do put_file "$KV_K8S_BIN_DIR/$b" "/usr/local/bin/$b" 0755; done
  put /etc/systemd/system/kubelet.service <<'EOF'
[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/local/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
EOF
  put /etc/systemd/system/kubelet.service.d/10-kubeadm.conf <<'EOF'
# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/local/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
EOF
  if [[ $DISTRO == rhel ]]; then
    put_docker_repo
    pkg_install 'containerd.io-1.*' ipvsadm ipset iproute-tc conntrack-tools socat ethtool
  else
    pkg_install 'containerd=1.*' ipvsadm ipset iproute2 conntrack socat ethtool
  fi
  exit 0
fi

if [[ $DISTRO == rhel ]]; then
  put /etc/yum.repos.d/kubernetes.repo <<EOF
[kubernetes]
name=Kubernetes $MINOR
baseurl=https://pkgs.k8s.io/core:/stable:/$MINOR/rpm/
enabled=1
gpgcheck=1
gpgkey=https://pkgs.k8s.io/core:/stable:/$MINOR/rpm/repodata/repomd.xml.key
exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni
EOF
  put_docker_repo
  live dnf -y install --disableexcludes=kubernetes "kubeadm-$V" "kubelet-$V" "kubectl-$V" cri-tools \
    'containerd.io-1.*' ipvsadm ipset iproute-tc conntrack-tools socat ethtool
else
  key=/etc/apt/keyrings/kubernetes-apt-keyring.gpg
  if [[ ! -s $(r "$key") ]]; then
    pkg_install ca-certificates curl gpg
    live mkdir -p "$(r /etc/apt/keyrings)"
    live sh -c "curl -fsSL https://pkgs.k8s.io/core:/stable:/$MINOR/deb/Release.key | gpg --dearmor -o $(r "$key")"
  fi
  echo "deb [signed-by=$key] https://pkgs.k8s.io/core:/stable:/$MINOR/deb/ /" | put /etc/apt/sources.list.d/kubernetes.list
  live apt-get update   # the new repository
  pkg_install --allow-change-held-packages "kubeadm=$V-*" "kubelet=$V-*" "kubectl=$V-*" cri-tools \
    'containerd=1.*' ipvsadm ipset iproute2 conntrack socat ethtool
  live apt-mark hold kubeadm kubelet kubectl
fi
