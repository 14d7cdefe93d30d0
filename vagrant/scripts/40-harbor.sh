#!/usr/bin/env bash
# 000 (六), best effort: a CNCF distribution registry on :443 with TLS standing in for Harbor, then the images
# kubeadm 1.29.2 and Calico 3.26.4 need, pulled from upstream and pushed to harbor:443/k8s and harbor:443/calico.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
live dnf -y install podman openssl || live apt-get install -y podman openssl
mkdir -p "$(path /opt/registry/certs)" "$(path /opt/registry/data)"
live openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=harbor -addext "subjectAltName=DNS:harbor,IP:$REGISTRY_IP" \
  -keyout "$(path /opt/registry/certs/harbor.key)" -out "$(path /opt/registry/certs/harbor.crt)"
live podman run -d --name registry --restart=always -p 443:443 -v /opt/registry/certs:/certs -v /opt/registry/data:/var/lib/registry \
  -e REGISTRY_HTTP_ADDR=0.0.0.0:443 -e REGISTRY_HTTP_TLS_CERTIFICATE=/certs/harbor.crt -e REGISTRY_HTTP_TLS_KEY=/certs/harbor.key docker.io/library/registry:2
for img in kube-apiserver:v1.29.2 kube-controller-manager:v1.29.2 kube-scheduler:v1.29.2 kube-proxy:v1.29.2 coredns/coredns:v1.11.1 pause:3.9 etcd:3.5.10-0; do
  live podman pull "registry.k8s.io/$img"
  live podman push --tls-verify=false "registry.k8s.io/$img" "harbor:443/k8s/${img#coredns/}"
done
for img in cni node kube-controllers; do
  live podman pull "docker.io/calico/$img:v3.26.4"
  live podman push --tls-verify=false "docker.io/calico/$img:v3.26.4" "harbor:443/calico/$img:v3.26.4"
done
