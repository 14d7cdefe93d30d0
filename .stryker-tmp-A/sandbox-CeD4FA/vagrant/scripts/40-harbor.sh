#!/usr/bin/env bash
# The harbor VM, 000 (六)(九), best effort: not Harbor itself (its installer wants more than a provisioning
# script should do) but the CNCF distribution registry (registry:2) on :443 with a self-signed certificate for
# "harbor" and its address. It serves the same /v2/ API, without Harbor's projects, users or web UI, and
# without authentication (the runbook's admin/harbor credentials are not needed). Then the images of
# kubeadm 1.29.2 and Calico 3.26.4 are copied into it, as 000 does with docker pull/tag/push.
# shellcheck source-path=SCRIPTDIR
. "${BASH_SOURCE[0]%/*}/lib.sh"
vm_only
IP=$(addr_of harbor)
CERTS=/etc/kv-registry

if [[ $DISTRO == rhel ]]; then
  put_docker_repo
  pkg_install docker-ce docker-ce-cli containerd.io openssl curl
else
  pkg_install docker.io openssl curl
fi
systemctl enable --now docker

if [[ ! -s $CERTS/tls.crt ]]; then
  mkdir -p "$CERTS"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=harbor \
    -addext "subjectAltName=DNS:harbor,IP:$IP" -keyout "$CERTS/tls.key" -out "$CERTS/tls.crt"
fi
install -D -m 0644 "$CERTS/tls.crt" /etc/docker/certs.d/harbor:443/ca.crt   # docker push trusts it

if [[ $(docker inspect -f '{{.State.Running}}' registry 2>/dev/null) != true ]]; then
  docker rm -f registry >/dev/null 2>&1 || true
  docker run -d --name registry --restart=always -p 443:443 \
    -v /var/lib/registry:/var/lib/registry -v "$CERTS:/certs:ro" \
    -e REGISTRY_HTTP_ADDR=0.0.0.0:443 -e REGISTRY_HTTP_TLS_CERTIFICATE=/certs/tls.crt \
    -e REGISTRY_HTTP_TLS_KEY=/certs/tls.key docker.io/library/registry:2
fi
wait_for "the registry on harbor:443" 120 curl -skf https://harbor:443/v2/

# source image → path in harbor:443 (what `kubeadm config images list` and calico.yaml v3.26.4 name)
while read -r src dst; do
  [[ -n $src ]] || continue
  if curl -skf "https://harbor:443/v2/${dst%:*}/tags/list" | grep -q "\"${dst##*:}\""; then
    log "already in the registry: harbor:443/$dst"
    continue
  fi
  docker pull "$src"
  docker tag "$src" "harbor:443/$dst"
  docker push "harbor:443/$dst"
  docker rmi "$src" "harbor:443/$dst" >/dev/null
done <<'EOF'
registry.k8s.io/kube-apiserver:v1.29.2          k8s/kube-apiserver:v1.29.2
registry.k8s.io/kube-controller-manager:v1.29.2 k8s/kube-controller-manager:v1.29.2
registry.k8s.io/kube-scheduler:v1.29.2          k8s/kube-scheduler:v1.29.2
registry.k8s.io/kube-proxy:v1.29.2              k8s/kube-proxy:v1.29.2
registry.k8s.io/coredns/coredns:v1.11.1         k8s/coredns:v1.11.1
registry.k8s.io/pause:3.9                       k8s/pause:3.9
registry.k8s.io/etcd:3.5.10-0                   k8s/etcd:3.5.10-0
docker.io/calico/cni:v3.26.4                    calico/cni:v3.26.4
docker.io/calico/node:v3.26.4                   calico/node:v3.26.4
docker.io/calico/kube-controllers:v3.26.4       calico/kube-controllers:v3.26.4
EOF
