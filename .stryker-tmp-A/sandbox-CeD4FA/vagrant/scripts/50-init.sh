#!/usr/bin/env bash
# master, 000 (七)(八)(九): kubeadm init --config init.yaml, kubectl for root and vagrant, Calico 3.26.4 with its
# images from harbor:443/calico. Runs once: a second provision finds admin.conf and only checks the rest.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
vm_only
INIT=${KV_INIT_CONFIG:-/vagrant/init.yaml}
CALICO=https://raw.githubusercontent.com/projectcalico/calico/v3.26.4/manifests/calico.yaml
export KUBECONFIG=/etc/kubernetes/admin.conf
NET="$(addr_of master | cut -d. -f1-3).0/24"   # the private network: 192.168.88.0/24

if [[ ! -f $KUBECONFIG ]]; then
  wait_for "the registry (harbor VM)" 900 curl -skf https://harbor:443/v2/
  kubeadm init --config "$INIT" | tee /root/init.log
fi
for home in /root /home/vagrant; do
  install -D -m 0600 "$KUBECONFIG" "$home/.kube/config"
  chown -R "$(stat -c %U:%G "$home")" "$home/.kube"
done
kubeadm completion bash >/etc/bash_completion.d/kubeadm
kubectl completion bash >/etc/bash_completion.d/kubectl

# The workers join with init.yaml's bootstrap token (60-join.sh); recreate it if it expired (ttl 24h).
token=$(init_token "$INIT")
kubeadm token list | awk 'NR > 1 { print $1 }' | grep -qx "$token" || kubeadm token create "$token" --ttl 24h

# Calico: images from harbor (the runbook's sed), the pool = podSubnet (the manifest's default, 192.168.0.0/16,
# overlaps the VMs' network), and node addresses taken from the private network, not Vagrant's NAT interface.
if ! kubectl -n kube-system get daemonset calico-node >/dev/null 2>&1; then
  curl -fsSLo /root/calico.yaml "$CALICO"
  sed -ri -e 's,^(\s*image: )(.*/)?(.+),\1harbor:443/calico/\3,' \
    -e 's,^(\s*)# - name: CALICO_IPV4POOL_CIDR,\1- name: CALICO_IPV4POOL_CIDR,' \
    -e "s,^(\s*)#   value: \"192.168.0.0/16\",\1  value: \"10.244.0.0/16\"\n\1- name: IP_AUTODETECTION_METHOD\n\1  value: \"cidr=$NET\"," \
    /root/calico.yaml
  grep -q 'value: "10.244.0.0/16"' /root/calico.yaml || die "calico.yaml: CALICO_IPV4POOL_CIDR not found to edit"
  kubectl apply -f /root/calico.yaml
fi
log "kubectl get nodes:"
kubectl get nodes -o wide
