#!/usr/bin/env bash
# Builds, once, everything the lab's real Kubernetes needs, from the Go module proxy and Debian, into
# ${KV_BIN_DIR:-$HOME/.cache/kubeadm-verify/bin}:
#   k8s     kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubeadm kubectl kubelet (one go build)
#   etcd    etcd 3.5.16 (extra/etcd: etcdmain as a dependency)      pause   extra/pause
#   crictl  cri-tools v1.34.0 (the proxy has no v1.29)               coredns v1.11.1
#   flannel flanneld + install-conf v0.28.10 (main without the tencentvpc and udp backends: the proxy refuses
#           tencentcloud's SDK, udp needs cgo), flannel-cni: the flannel CNI plugin of containernetworking/plugins
#           v0.9.1 (flannel-io/cni-plugin, split from it, is refused by the proxy)
#   images  one-layer image archives for the lab cluster (mkimages.py): $out/images/{node,control-plane}.tar
# Usage: build.sh [part...] (default: all). Each part is skipped when its stamp matches its recipe (see fresh()),
# so a warm cache costs nothing. Binaries of an earlier build in ~/.cache/kubeadm-verify/warm are moved in.
# Recipe, timings and pitfalls: ../shared/references/real-kubeadm.md, real-apiserver.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
K=${KV_K8S_VERSION:-1.29.15}
out=${KV_BIN_DIR:-$HOME/.cache/kubeadm-verify/bin}
warm=$HOME/.cache/kubeadm-verify/warm
k8s=(kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubeadm kubectl kubelet)
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(k8s etcd pause crictl coredns flannel images)
mkdir -p "$out"
export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false" GOTOOLCHAIN=local
log() { echo "[k8s] $*" >&2; }
# fresh PART FILE... : the part's stamp holds the hash of its recipe — its own lines of this script, the version and
# the files given — so a fresh clone (every file newer than any stamp) rebuilds nothing, and an edit rebuilds only
# the part it touches
fresh() {
  local part=$1; shift
  hash=$({ sed -n "/^  $part)\$/,/;;\$/p" "$here/build.sh"; echo "$K"; cat "$@" 2>/dev/null; } | sha256sum | cut -c1-16)
  [ "$(cat "$out/.stamp-$part" 2>/dev/null)" = "$hash" ]
}
done_() { echo "$hash" >"$out/.stamp-$1"; log "$1 built in $(( $(date +%s) - t0 )) s"; }
needgo() { command -v go >/dev/null || { log "go is not installed"; exit 1; }; }

for part in "${parts[@]}"; do
  t0=$(date +%s)
  case $part in
  k8s)
    have() { for c in "${k8s[@]}"; do [ -x "$1/$c" ] || return 1; done; }
    if fresh k8s "$here/build-module/go.mod" && have "$out"; then continue; fi
    if have "$warm" && "$warm/kubeadm" version -o short 2>/dev/null | grep -qx "v$K"; then
      log "moving the v$K binaries of $warm into $out"
      for c in "${k8s[@]}"; do mv -f "$warm/$c" "$out/$c"; done
    else
      needgo
      log "building ${k8s[*]} v$K in one go build (cold: 30-60 min on 2 cores, the kubelet is the longest)"
      V=k8s.io/component-base/version
      ld="-s -w -X $V.gitVersion=v$K -X $V.gitMajor=1 -X $V.gitMinor=29 -X $V.gitTreeState=clean -X $V.buildDate=2000-01-01T00:00:00Z"
      (cd "$here/build-module" && go build -ldflags "$ld" -o "$out/" "${k8s[@]/#/k8s.io/kubernetes/cmd/}")
    fi
    "$out/kube-apiserver" --version >&2
    done_ k8s ;;
  etcd)
    fresh etcd "$here/extra/etcd/go.mod" && [ -x "$out/etcd" ] && continue
    needgo; (cd "$here/extra/etcd" && go build -ldflags "-s -w" -o "$out/etcd" .)
    done_ etcd ;;
  pause)
    fresh pause "$here/extra/pause/main.go" && [ -x "$out/pause" ] && continue
    needgo; (cd "$here/extra/pause" && go build -ldflags "-s -w" -o "$out/pause" .)
    done_ pause ;;
  crictl)
    fresh crictl && [ -x "$out/crictl" ] && continue
    needgo; GOBIN="$out" go install -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=v1.34.0" sigs.k8s.io/cri-tools/cmd/crictl@v1.34.0
    done_ crictl ;;
  coredns)
    fresh coredns && [ -x "$out/coredns" ] && continue
    needgo; GOBIN="$out" go install -ldflags "-s -w" github.com/coredns/coredns@v1.11.1
    done_ coredns ;;
  flannel)
    fresh flannel && [ -x "$out/flanneld" ] && [ -x "$out/install-conf" ] && [ -x "$out/flannel-cni" ] && continue
    needgo
    src=$(cd / && go mod download -json github.com/flannel-io/flannel@v0.28.10 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    cp -r "$src/." "$tmp/src"; chmod -R u+w "$tmp/src"
    sed -i -e '/pkg\/backend\/tencentvpc"/d' -e '/pkg\/backend\/udp"/d' "$tmp/src/main.go"
    if grep -q 'backend/tencentvpc"\|backend/udp"' "$tmp/src/main.go"; then log "flannel main.go: backends not removed"; exit 1; fi
    mkdir "$tmp/src/stub-vpc"; echo 'module github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc' >"$tmp/src/stub-vpc/go.mod"
    (cd "$tmp/src" && go mod edit -replace=github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc=./stub-vpc \
      && go build -ldflags "-s -w -X github.com/flannel-io/flannel/pkg/version.Version=v0.28.10" -o "$out/flanneld" . \
      && go build -ldflags "-s -w" -o "$out/install-conf" ./cmd/install_conf/)
    GOBIN="$tmp/cni" go install -ldflags "-s -w" github.com/containernetworking/plugins/plugins/meta/flannel@v0.9.1
    mv "$tmp/cni/flannel" "$out/flannel-cni"
    rm -rf "$tmp"; trap - EXIT
    done_ flannel ;;
  images)
    fresh images "$here/mkimages.py" "$out/.stamp-flannel" && [ -f "$out/images/node.tar" ] && continue
    python3 "$here/mkimages.py" "$out" "$out/images"
    done_ images ;;
  *) log "unknown part $part (k8s etcd pause crictl coredns flannel images)"; exit 2 ;;
  esac
done
