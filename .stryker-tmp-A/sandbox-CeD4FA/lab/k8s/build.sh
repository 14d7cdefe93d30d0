#!/usr/bin/env bash
# Builds a real kube-apiserver, kube-scheduler and kube-controller-manager (Kubernetes 1.29) from the Go
# module proxy into ${KV_BIN_DIR:-$HOME/.cache/kubeadm-verify/bin}. Idempotent: a stamp file records what
# was built. etcd comes from Debian (etcd-server 3.4.23, supported by 1.29). Recipe and pitfalls:
# ../shared/references/real-apiserver.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
K=${KV_K8S_VERSION:-1.29.15}
out=${KV_BIN_DIR:-$HOME/.cache/kubeadm-verify/bin}
stamp="$out/.built-v$K"
components=(kube-apiserver kube-scheduler kube-controller-manager)
if [ -f "$stamp" ] && for c in "${components[@]}"; do [ -x "$out/$c" ] || exit 1; done; then
  echo "[k8s] v$K binaries present in $out" >&2
  exit 0
fi
mkdir -p "$out"
command -v go >/dev/null || { echo "[k8s] go is not installed" >&2; exit 1; }
cd "$here/build-module"
export CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN=local
V=k8s.io/component-base/version
ld="-s -w -X $V.gitVersion=v$K -X $V.gitMajor=1 -X $V.gitMinor=29 -X $V.gitTreeState=clean -X $V.buildDate=2000-01-01T00:00:00Z"
start=$(date +%s)
for c in "${components[@]}"; do
  echo "[k8s] building $c v$K (first build downloads several hundred MB of modules and takes minutes)" >&2
  go build -ldflags "$ld" -o "$out/$c" "k8s.io/kubernetes/cmd/$c"
done
"$out/kube-apiserver" --version >&2
touch "$stamp"
echo "[k8s] built in $(( $(date +%s) - start )) s into $out" >&2
