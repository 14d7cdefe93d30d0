#!/usr/bin/env bash
# CI check of the Vagrant lab on machines without VMs: shellcheck every script, `vagrant validate` the Vagrantfile.
set -euo pipefail
cd "$(dirname "$0")"
shellcheck -x -P scripts scripts/*.sh check.sh
n=$(find scripts -name "*.sh" | wc -l)
echo "[vagrant] shellcheck: $n scripts clean" >&2
if command -v vagrant >/dev/null; then
  # validate parses the Vagrantfile and checks its settings without starting a provider
  VAGRANT_CHECKPOINT_DISABLE=1 VAGRANT_DEFAULT_PROVIDER=${VAGRANT_DEFAULT_PROVIDER:-virtualbox} vagrant validate --ignore-provider
  KV_BOX=ubuntu VAGRANT_CHECKPOINT_DISABLE=1 vagrant validate --ignore-provider
else
  echo "[vagrant] vagrant is not installed: Vagrantfile not validated" >&2
  exit 1
fi
