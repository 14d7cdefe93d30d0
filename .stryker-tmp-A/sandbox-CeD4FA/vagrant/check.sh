#!/usr/bin/env bash
# Static checks of the Vagrant lab, for machines without VMs (CI): shellcheck and `bash -n` on every script,
# `vagrant validate` of the Vagrantfile for both boxes and for each provider that is installed.
# Exit 1 on any shellcheck finding, syntax error or invalid Vagrantfile. What cannot run here (no vagrant, no
# VirtualBox, no vagrant-libvirt) is reported as NOT RUN and does not fail the check, unless KV_CHECK_STRICT=1.
set -euo pipefail
cd "$(dirname "$0")"
failed=0
not_run=0
summary=()
note() {
  summary+=("$1: $2")
  printf '[check] %s: %s\n' "$1" "$2"
  case $2 in FAIL*) failed=1 ;; NOT\ RUN*) not_run=1 ;; esac
}

scripts=(scripts/*.sh check.sh)
if command -v shellcheck >/dev/null; then
  v=$(shellcheck --version | sed -n 's/^version: //p')
  if shellcheck -x --severity=style "${scripts[@]}"; then
    note "shellcheck $v (${#scripts[@]} files)" "pass"
  else
    note "shellcheck $v (${#scripts[@]} files)" "FAIL (findings above)"
  fi
else
  note shellcheck "FAIL (not installed: apt-get install shellcheck)"
fi
for s in "${scripts[@]}"; do
  bash -n "$s" || note "bash -n $s" "FAIL"
done

validate() { # validate LABEL [VAR=value...] vagrant validate [options]
  local label=$1 out
  shift
  if out=$(env "$@" 2>&1); then
    note "$label" "pass (${out##*$'\n'})"
  else
    printf '%s\n' "$out" >&2
    note "$label" "FAIL"
  fi
}
if command -v vagrant >/dev/null; then
  # validate records machine state: keep it out of .vagrant/, where `vagrant up` keeps the real VMs'
  VAGRANT_DOTFILE_PATH=$(mktemp -d)
  trap 'rm -rf "$VAGRANT_DOTFILE_PATH"' EXIT
  export VAGRANT_DOTFILE_PATH VAGRANT_CHECKPOINT_DISABLE=1
  echo "[check] $(vagrant --version)"
  for box in rocky ubuntu; do
    validate "vagrant validate --ignore-provider, KV_BOX=$box" KV_BOX=$box vagrant validate --ignore-provider
  done
  if vagrant plugin list 2>/dev/null | grep -q '^vagrant-libvirt'; then
    for box in rocky ubuntu; do
      validate "vagrant validate, provider libvirt, KV_BOX=$box" KV_BOX=$box VAGRANT_DEFAULT_PROVIDER=libvirt vagrant validate
    done
  else
    note "vagrant validate, provider libvirt" "NOT RUN (vagrant-libvirt plugin not installed)"
  fi
  if command -v VBoxManage >/dev/null; then
    for box in rocky ubuntu; do
      validate "vagrant validate, provider virtualbox, KV_BOX=$box" KV_BOX=$box VAGRANT_DEFAULT_PROVIDER=virtualbox vagrant validate
    done
  else
    note "vagrant validate, provider virtualbox" "NOT RUN (VirtualBox not installed: Vagrant refuses to validate for it)"
  fi
else
  note "vagrant validate" "NOT RUN (vagrant not installed: apt-get install vagrant)"
fi

echo "[check] summary:"
printf '[check]   %s\n' "${summary[@]}"
if ((failed)); then exit 1; fi
if ((not_run)) && [[ ${KV_CHECK_STRICT:-0} == 1 ]]; then
  echo "[check] KV_CHECK_STRICT=1 and some checks did not run" >&2
  exit 1
fi
exit 0
