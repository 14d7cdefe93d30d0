// @ts-nocheck
// The only place that turns a script into a remote command line: quoting and sudo.

/** POSIX single-quote quoting: safe for any byte string except NUL. */
export function shQuote(s: string): string {
  if (s.includes('\0')) throw new Error('cannot quote a string containing NUL');
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that runs `script` with POSIX sh, optionally through sudo.
 * `sudo -n` never prompts: a host that needs a password fails with a clear message instead of hanging.
 * With `sudoPassword`, `sudo -S -p ''` reads it from stdin (never from the command line).
 */
export function shellCommand(script: string, opts: { sudo?: boolean; sudoPassword?: boolean } = {}): string {
  const sh = `sh -c ${shQuote(script)}`;
  if (!opts.sudo) return sh;
  return opts.sudoPassword ? `sudo -S -p '' ${sh}` : `sudo -n ${sh}`;
}
