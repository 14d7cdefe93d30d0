#!/usr/bin/env bash
# 000 (八)(九): kubeadm init --config init.yaml, then Calico with its images rewritten to harbor:443/calico.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
live kubeadm init --config /vagrant/init.yaml
live mkdir -p /root/.kube
live cp /etc/kubernetes/admin.conf /root/.kube/config
live cp /etc/kubernetes/admin.conf /vagrant/admin.conf
live kubeadm token create --print-join-command > /vagrant/join.sh
if [ -f /vagrant/calico.yaml ]; then
  sed -ri 's,^(\s*image: )(.*/)?(.+),\1harbor:443/calico/\3,' /vagrant/calico.yaml
  live kubectl apply -f /vagrant/calico.yaml
else
  echo "put calico.yaml (v3.26.4 manifest) next to the Vagrantfile, then: kubectl apply -f /vagrant/calico.yaml" >&2
fi
