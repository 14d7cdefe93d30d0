#!/usr/bin/env bash
# Workers, 000 (十): kubeadm join. The runbook copies the command `kubeadm token create --print-join-command`
# prints on the master; here the workers use init.yaml's bootstrap token (kept alive by 50-init.sh) and skip the
# CA pinning — a lab shortcut that needs no file travelling from the master back to the workers.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
vm_only
INIT=${KV_INIT_CONFIG:-/vagrant/init.yaml}
API="$(addr_of master):6443"

if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  log "already joined"
  exit 0
fi
wait_for "the API server at $API (provision master first)" 1200 curl -skf "https://$API/livez"
kubeadm join "$API" --token "$(init_token "$INIT")" --discovery-token-unsafe-skip-ca-verification \
  --cri-socket unix:///run/containerd/containerd.sock
