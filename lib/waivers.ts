// waivers.yaml: accepted findings. A waived result still runs and is reported as `waived` with its reason;
// it does not fail the run. An expired waiver no longer applies. Errors are never waived.
import { ConfigError } from './config/errors.ts';
import { Checker } from './config/validate.ts';
import { loadYaml } from './config/yaml-file.ts';
import type { Result } from './types.ts';

export interface Waiver {
  id: string;
  host: string;
  reason: string;
  approver?: string;
  expires?: string;
  /** where it comes from when not from waivers.yaml (kubeadm's ignorePreflightErrors): never listed as stale */
  origin?: string;
}

export { ConfigError };

export function loadWaivers(file: string): Waiver[] {
  const src = loadYaml(file);
  const c = new Checker(src);
  const top = c.object(src.value, []);
  c.onlyKeys(top, [], ['waivers']);
  return c.array(top.waivers, ['waivers']).map((raw, i) => {
    const w = c.object(raw, ['waivers', i]);
    c.onlyKeys(w, ['waivers', i], ['id', 'host', 'reason', 'approver', 'expires']);
    const out: Waiver = {
      id: c.string(w.id, ['waivers', i, 'id'], { pattern: /^[A-Z0-9*-]+$/, hint: 'a requirement ID such as HOST-SELINUX, * allowed' }),
      host: w.host === undefined ? '*' : c.string(w.host, ['waivers', i, 'host']),
      reason: c.string(w.reason, ['waivers', i, 'reason']),
    };
    if (w.approver !== undefined) out.approver = c.string(w.approver, ['waivers', i, 'approver']);
    if (w.expires !== undefined) {
      const e =
        w.expires instanceof Date
          ? w.expires.toISOString().slice(0, 10)
          : c.string(w.expires, ['waivers', i, 'expires'], { pattern: /^\d{4}-\d{2}-\d{2}$/, hint: 'a date like 2027-01-31' });
      // Date.parse('2027-02-30') is 2 March: the day must survive the round trip
      const d = new Date(`${e}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== e) c.fail(['waivers', i, 'expires'], `not a date: ${e}`);
      out.expires = e;
    }
    return out;
  });
}

const glob = (pattern: string, s: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(s);

export const waiverMatches = (w: Waiver, r: { id: string; host: string }) => glob(w.id, r.id) && glob(w.host, r.host);

/** A waiver is valid through the whole of its expiry day (UTC). */
export function isExpired(w: Waiver, now: Date): boolean {
  return !!w.expires && now.getTime() >= Date.parse(`${w.expires}T00:00:00Z`) + 86_400_000;
}

export function applyWaivers(results: Result[], waivers: Waiver[], now = new Date()): { results: Result[]; unmatched: Waiver[] } {
  const used = new Set<Waiver>();
  const out = results.map((r) => {
    if (r.status !== 'fail' && r.status !== 'warn') return r;
    const w = waivers.find((x) => waiverMatches(x, r));
    if (!w) return r;
    used.add(w);
    const waiver = { reason: w.reason, ...(w.approver ? { approver: w.approver } : {}), ...(w.expires ? { expires: w.expires } : {}) };
    if (isExpired(w, now)) return { ...r, waiver: { ...waiver, expired: true } };
    return { ...r, status: 'waived' as const, waiver };
  });
  return { results: out, unmatched: waivers.filter((w) => !used.has(w)) };
}

/** How a result's waiver reads in every output (console, JUnit, Allure, HTML): one wording, expired said so. */
export function waiverNote(r: Pick<Result, 'waiver'>): string {
  const w = r.waiver;
  if (!w) return '';
  if (w.expired) return `waiver expired on ${w.expires}: ${w.reason}${w.approver ? ` (approved by ${w.approver})` : ''}`;
  return `waived: ${w.reason}${w.approver ? ` (approved by ${w.approver})` : ''}${w.expires ? ` until ${w.expires}` : ''}`;
}
