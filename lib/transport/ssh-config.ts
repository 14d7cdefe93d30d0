// The subset of OpenSSH's ssh_config the inventory honours: Host blocks with HostName, User, Port,
// IdentityFile and ProxyJump (first value wins, as in ssh). Patterns: * ? and !negation.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

export interface SshConfigEntry {
  hostName?: string;
  user?: string;
  port?: number;
  identityFile?: string;
  proxyJump?: string;
}

const toRe = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

function matches(patterns: string[], name: string): boolean {
  let ok = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (toRe(p.slice(1)).test(name)) return false;
    } else if (toRe(p).test(name)) ok = true;
  }
  return ok;
}

export function parseSshConfig(text: string): { patterns: string[]; opts: Record<string, string> }[] {
  const blocks: { patterns: string[]; opts: Record<string, string> }[] = [{ patterns: ['*'], opts: {} }];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+?)\s*(?:=\s*|\s+)(.+)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.replace(/^"(.*)"$/, '$1').trim();
    if (key === 'host') blocks.push({ patterns: value.split(/\s+/), opts: {} });
    else if (key === 'match') blocks.push({ patterns: [], opts: {} }); // Match blocks are not supported: ignored
    else {
      const b = blocks[blocks.length - 1]!;
      b.opts[key] ??= value;
    }
  }
  return blocks;
}

export function lookupSshConfig(text: string, name: string): SshConfigEntry {
  const merged: Record<string, string> = {};
  for (const b of parseSshConfig(text)) if (matches(b.patterns, name)) for (const [k, v] of Object.entries(b.opts)) merged[k] ??= v;
  const expand = (p: string) => (p.startsWith('~/') ? resolve(homedir(), p.slice(2)) : p).replace(/%h/g, name);
  return {
    hostName: merged.hostname?.replace(/%h/g, name),
    user: merged.user,
    port: merged.port ? Number(merged.port) : undefined,
    identityFile: merged.identityfile ? expand(merged.identityfile) : undefined,
    proxyJump: merged.proxyjump && merged.proxyjump !== 'none' ? merged.proxyjump : undefined,
  };
}

export function readSshConfig(file = resolve(homedir(), '.ssh/config')): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
