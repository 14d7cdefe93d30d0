// The one read-only POSIX sh probe sent to every host. It only reads files and runs query commands;
// it never writes (no temp files, no redirections to files) — see test/unit/probe-readonly.test.ts.
// Each section comes from its fact module (lib/facts/*, listed in lib/facts/index.ts): its sh function, the shell
// variables it reads and whether it runs; this file only puts them together: one script, one round trip per host.
import { shQuote } from '../transport/command.ts';
import { FACT_MODULES } from '../facts/index.ts';
import type { ProbeOptions } from '../facts/fact.ts';

export { runtimePaths, type ProbeOptions } from '../facts/fact.ts';
// what the probe asks for: derived in lib/kubeadm/expect.ts, the one home of these lists
export {
  PROBED_BINARIES as BINARIES,
  PROBED_CRI_SOCKETS as CRI_SOCKETS,
  PROBED_PACKAGES as PACKAGES,
  PROBED_SYSCTLS as SYSCTLS,
  PROBED_UNITS as UNITS,
} from '../kubeadm/expect.ts';

/** The helpers every section uses: locale and PATH, `t` (a timeout when there is one), section and file markers. */
const PRELUDE = String.raw`
export LC_ALL=C LANG=C
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"
have() { command -v "$1" >/dev/null 2>&1; }
t() { if have timeout; then timeout "$T" "$@"; else "$@"; fi; }
beg() { printf '\n@@KV%s %s@@\n' "$N" "$1"; }
end() { printf '\n@@KV%s /%s rc=%s@@\n' "$N" "$1" "$2"; }
sec() { _sec=$1; shift; beg "$_sec"; "$@" </dev/null 2>/dev/null; _rc=$?; end "$_sec" "$_rc"; }
fil() { for f in "$@"; do
  if [ -f "$f" ]; then
    if [ -r "$f" ]; then printf '\n@@KV%s file %s@@\n' "$N" "$f"; cat "$f" 2>/dev/null; printf '\n@@KV%s eof@@\n' "$N"; else printf '\n@@KV%s unreadable %s@@\n' "$N" "$f"; fi
  elif [ -e "$f" ]; then printf '\n@@KV%s notfile %s@@\n' "$N" "$f"
  fi
done; return 0; }`;

/** Every section of the probe, in the order it runs. */
export const PROBE_STEPS = FACT_MODULES.flatMap((m) => m.steps);

/** The fixed body: the helpers, every section's function, then one `sec` line per section and the end marker. */
const BODY = [
  PRELUDE,
  ...PROBE_STEPS.map((s) => s.sh),
  ...PROBE_STEPS.map((s) => `${s.when ? `${s.when} && ` : ''}sec ${s.section} ${s.fn}`),
  'printf \'\\n@@KV%s done@@\\n\' "$N"',
  '',
].join('\n');

/** The complete probe: parameter assignments (quoted) followed by the fixed body. */
export function probeScript(o: ProbeOptions): string {
  if (!/^[a-z0-9]{8,64}$/.test(o.nonce)) throw new Error('nonce must be 8-64 lowercase alphanumerics');
  const vars: [string, string][] = [
    ['N', o.nonce],
    ['T', '5'],
    ...FACT_MODULES.flatMap((m: { vars?: (o: ProbeOptions) => [string, string][] }) => m.vars?.(o) ?? []),
  ];
  return vars.map(([k, v]) => `${k}=${shQuote(v)}`).join('\n') + '\n' + BODY;
}
