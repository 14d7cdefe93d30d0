#!/usr/bin/env bash
# 000 (四): containerd's config.toml from `containerd config default`, SystemdCgroup = true, the sandbox image
# from harbor, registry mirrors for docker.io and harbor:443, and the registry's TLS section. DEFECTS:
# sandbox-image keeps the default pause image; registry-typo writes the runbook's `registry.confgs`.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cfg=$(path /etc/containerd/config.toml)
mkdir -p "$(dirname "$cfg")"
if [ -n "${KV_CONTAINERD_DEFAULT:-}" ]; then cp "$KV_CONTAINERD_DEFAULT" "$cfg"; else containerd config default > "$cfg"; fi
sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' "$cfg"
if ! has_defect sandbox-image; then sed -i -E 's#sandbox_image = ".*"#sandbox_image = "harbor:443/k8s/pause:3.9"#' "$cfg"; fi
configs=configs
if has_defect registry-typo; then configs=confgs; fi
python3 - "$cfg" "$REGISTRY_IP" "$configs" <<'PY'
import sys
cfg, ip, configs = sys.argv[1:]
s = open(cfg).read()
m = '      [plugins."io.containerd.grpc.v1.cri".registry.mirrors]\n'
s = s.replace(m, m + f'''
        [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
          endpoint = ["https://{ip}:443"]

        [plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
          endpoint = ["https://{ip}:443"]
''')
c = '      [plugins."io.containerd.grpc.v1.cri".registry.configs]\n'
s = s.replace(c, c.replace('configs', configs) + f'''
        [plugins."io.containerd.grpc.v1.cri".registry.{configs}."{ip}:443".tls]
          ca_file = "/etc/containerd/certs.d/harbor-ca.crt"
''')
open(cfg, 'w').write(s)
PY
mkdir -p "$(path /etc/systemd/system/multi-user.target.wants)"
for u in containerd kubelet; do
  ln -sf "/usr/lib/systemd/system/$u.service" "$(path "/etc/systemd/system/multi-user.target.wants/$u.service")"
done
live systemctl daemon-reload
live systemctl enable --now containerd kubelet
