#!/usr/bin/env bash
# 000 (三): kubeadm, kubelet, kubectl 1.29.2, containerd, ipvsadm, ipset, tc, cri-tools (+ what kubeadm's preflight wants).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
V=1.29.2
if [ "$(os_family)" = rhel ]; then
  put /etc/yum.repos.d/kubernetes.repo 0644 <<'REPO'
[kubernetes]
name=Kubernetes
baseurl=https://pkgs.k8s.io/core:/stable:/v1.29/rpm/
enabled=1
gpgcheck=1
gpgkey=https://pkgs.k8s.io/core:/stable:/v1.29/rpm/repodata/repomd.xml.key
REPO
  live dnf -y install dnf-plugins-core
  live dnf config-manager --add-repo https://download.docker.com/linux/centos/docker-ce.repo
  live dnf -y install "kubeadm-$V" "kubelet-$V" "kubectl-$V" containerd.io ipvsadm ipset iproute-tc cri-tools conntrack-tools socat ethtool
else
  live apt-get update
  live apt-get install -y apt-transport-https ca-certificates curl gpg
  live apt-get install -y "kubeadm=$V-*" "kubelet=$V-*" "kubectl=$V-*" containerd ipvsadm ipset iproute2 cri-tools conntrack socat ethtool
  live apt-mark hold kubeadm kubelet kubectl
fi
