// OpenSSH's client config (~/.ssh/config, or sshConfigFile) as ssh reads it, through the maintained `ssh-config`
// parser: Host blocks with wildcards and !negation, Match host/originalhost/user/all blocks, first value wins.
// Include is expanded here (ssh-config reads no files): relative paths from ~/.ssh, globs sorted, as ssh does.
// Tokens in HostName, IdentityFile and ProxyJump: %h %p %r %n %u %d %%. `Match exec` is never evaluated (we
// run no command from a config file); such a block does not match.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import SSHConfig from 'ssh-config';

export interface SshConfigEntry {
  hostName?: string;
  user?: string;
  port?: number;
  /** the first IdentityFile (ssh tries them in order; the inventory takes one) */
  identityFile?: string;
  proxyJump?: string;
}

const globRe = (p: string) =>
  new RegExp(
    `^${p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** `Include` lines replaced by the files they name (depth-limited, as ssh limits it to 16). */
function expandIncludes(text: string, sshDir: string, depth = 0): string {
  if (depth > 16) return '';
  return text
    .split('\n')
    .map((line) => {
      const m = /^\s*include\s*(?:=\s*|\s+)(.+)$/i.exec(line);
      if (!m) return line;
      const parts = m[1]!
        .trim()
        .split(/\s+/)
        .map((p) => p.replace(/^"(.*)"$/, '$1'));
      const out: string[] = [];
      for (const p of parts) {
        const abs = p.startsWith('~/') ? join(homedir(), p.slice(2)) : isAbsolute(p) ? p : join(sshDir, p);
        let files = [abs];
        if (/[*?]/.test(basename(abs))) {
          try {
            files = readdirSync(dirname(abs))
              .filter((f) => globRe(basename(abs)).test(f))
              .sort()
              .map((f) => join(dirname(abs), f));
          } catch {
            files = [];
          }
        }
        for (const f of files) {
          try {
            out.push(expandIncludes(readFileSync(f, 'utf8'), sshDir, depth + 1));
          } catch {
            // ssh skips an Include that names no readable file
          }
        }
      }
      return out.join('\n');
    })
    .join('\n');
}

/** The config text with every Include expanded. A missing file is an empty config, as for ssh. */
export function readSshConfig(file = resolve(homedir(), '.ssh/config')): string {
  try {
    return expandIncludes(readFileSync(file, 'utf8'), file === resolve(homedir(), '.ssh/config') ? join(homedir(), '.ssh') : dirname(file));
  } catch {
    return '';
  }
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function lookupSshConfig(text: string, name: string, opts: { user?: string } = {}): SshConfigEntry {
  if (!text.trim()) return {};
  const computed = SSHConfig.parse(text).compute({ Host: name, ...(opts.user ? { User: opts.user } : {}) }, { ignoreCase: true, matchExec: false });
  const get = (k: string) => first(computed[k.toLowerCase()]);
  const hostName = get('HostName')?.replace(/%h/g, name).replace(/%%/g, '%');
  const port = get('Port') ? Number(get('Port')) : undefined;
  const user = get('User');
  // ssh's tokens: %h the host name (after HostName), %p port, %r remote user, %n the name as given, %u local user, %d home
  const tokens = (s: string) =>
    s.replace(/%([%hprnud])/g, (_, t: string) =>
      t === '%'
        ? '%'
        : t === 'h'
          ? (hostName ?? name)
          : t === 'p'
            ? String(port ?? 22)
            : t === 'r'
              ? (user ?? opts.user ?? userInfo().username)
              : t === 'n'
                ? name
                : t === 'u'
                  ? userInfo().username
                  : homedir(),
    );
  const idf = get('IdentityFile');
  const pj = get('ProxyJump');
  return {
    hostName,
    user,
    port,
    identityFile: idf ? tokens(idf.startsWith('~/') ? resolve(homedir(), idf.slice(2)) : idf) : undefined,
    proxyJump: pj && pj !== 'none' ? tokens(pj) : undefined,
  };
}
