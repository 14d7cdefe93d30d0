#!/usr/bin/env bash
# Cluster VMs, 000 (三): kubeadm, kubelet, kubectl 1.29.2, containerd, ipvsadm, ipset, tc, plus what kubeadm's
# preflight wants (cri-tools, conntrack, socat, ethtool). The runbook uses a local FTP mirror; here the upstream
# repositories: pkgs.k8s.io for Kubernetes, Docker's for containerd.io (RHEL), the distribution's containerd (Ubuntu).
# containerd stays at 1.x: its config (version = 2) is the one 000 (四) edits; 2.x moved those tables.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
V=${KV_K8S_VERSION:-1.29.2}
MINOR=v${V%.*}

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
