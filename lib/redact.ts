// Secrets never reach an output: every value we see as a secret is registered here, and every string
// that leaves the process (results, reports, logs) goes through scrub().

const secrets = new Set<string>();

/** Remember a secret value so that scrub() removes it wherever it appears. Values shorter than 4 chars are too common to scrub safely and are masked at the source instead. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

const KEY_RE = /((?:password|passwd|secret|token|auth|identitytoken|identity_token|bearer|private[_-]?key)\w*["']?\s*[=:]\s*)(["']?)([^"'\s,}]+)\2/gi;
const BEARER_RE = /(authorization:\s*(?:bearer|basic)\s+)\S+/gi;
const PEM_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

export function scrub(s: string): string {
  let out = s;
  for (const v of secrets) if (out.includes(v)) out = out.split(v).join('<redacted>');
  return out.replace(PEM_RE, '<redacted private key>').replace(BEARER_RE, '$1<redacted>').replace(KEY_RE, (_m, k: string, q: string) => `${k}${q}<redacted>${q}`);
}

/** Deep-scrub every string inside a JSON-like value. */
export function scrubDeep<T>(v: T): T {
  if (typeof v === 'string') return scrub(v) as T;
  if (Array.isArray(v)) return v.map(scrubDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubDeep(x)])) as T;
  return v;
}
