#!/usr/bin/env bash
# 000 (十): join the workers with the command the master wrote.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ -f /vagrant/join.sh ]; then live bash /vagrant/join.sh; else echo "no /vagrant/join.sh yet: provision master first" >&2; exit 1; fi
