// Secrets never reach an output: every value we see as a secret is registered here, and every string
// that leaves the process (results, reports, logs) goes through scrub().

const secrets = new Set<string>();

/** Remember a secret value so that scrub() removes it wherever it appears. Values shorter than 4 chars are too common to scrub safely and are masked at the source instead. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** The values registered so far (handed to the suite worker, which scrubs its own outputs of them). */
export function registeredSecrets(): string[] {
  return [...secrets];
}

// Secrets by key: a key that names a secret (it ends in password, secret, token, auth…), then = or :, then its
// value — all on the same line. Only blanks and tabs may stand around the separator ([ \t], never \s): a key whose
// value is on the next line is a mapping (kubelet's `authentication:` / `  anonymous:`), not a secret, and must
// come out byte-identical. A value starting with { [ | > & * ! is YAML structure, not a secret either.
const KEY_RE =
  /((?<![\w-])(?:[\w-]*(?:password|passwd|secret|token|auth|identitytoken|identity_token|bearer|private[_-]?key|key[_-]?data))["']?[ \t]*[=:][ \t]*)(["']?)(?![{[|>&*!])([^"'\s,}]+)\2/gi;
const BEARER_RE = /(authorization:[ \t]*(?:bearer|basic)[ \t]+)[^\s]+/gi;
const PEM_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

export function scrub(s: string): string {
  let out = s;
  for (const v of secrets) if (out.includes(v)) out = out.split(v).join('<redacted>');
  return out
    .replace(PEM_RE, '<redacted private key>')
    .replace(BEARER_RE, '$1<redacted>')
    .replace(KEY_RE, (_m, k: string, q: string) => `${k}${q}<redacted>${q}`);
}

/** Deep-scrub every string inside a JSON-like value. */
export function scrubDeep<T>(v: T): T {
  if (typeof v === 'string') return scrub(v) as T;
  if (Array.isArray(v)) return v.map(scrubDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubDeep(x)])) as T;
  return v;
}
