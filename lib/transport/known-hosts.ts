// OpenSSH known_hosts, read like `StrictHostKeyChecking yes`: plain, [host]:port and hashed (|1|salt|hash) entries.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirs } from '../dirs.ts';

export interface KnownKey {
  type: string;
  /** base64 of the key blob */
  key: string;
  line: number;
}

/** How known_hosts names a host: `addr` on port 22, `[addr]:port` otherwise. */
export function hostPattern(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export function fingerprint(blob: Buffer | string): string {
  const b = typeof blob === 'string' ? Buffer.from(blob, 'base64') : blob;
  return `SHA256:${createHash('sha256').update(b).digest('base64').replace(/=+$/, '')}`;
}

/** The key type inside an SSH public key blob (its first length-prefixed string). */
export function blobType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString('latin1');
}

function matchesName(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    const want = Buffer.from(hash, 'base64');
    return want.length === mac.length && timingSafeEqual(mac, want);
  }
  let matched = false;
  for (const pat of field.split(',')) {
    const neg = pat.startsWith('!');
    const p = neg ? pat.slice(1) : pat;
    const re = new RegExp(
      `^${p
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\[/g, '\\[')
        .replace(/\]/g, '\\]')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    if (re.test(name)) {
      if (neg) return false;
      matched = true;
    }
  }
  return matched;
}

/** Keys recorded for `name` (already in `hostPattern` form). @revoked and @cert-authority lines are not trusted as host keys. */
export function lookup(text: string, name: string): { keys: KnownKey[]; revoked: KnownKey[] } {
  const keys: KnownKey[] = [];
  const revoked: KnownKey[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    let marker = '';
    if (parts[0]!.startsWith('@')) marker = parts.shift()!;
    const [hosts, type, key] = parts;
    if (!hosts || !type || !key) return;
    if (!matchesName(hosts, name)) return;
    if (marker === '@revoked') revoked.push({ type, key, line: i + 1 });
    else if (marker === '') keys.push({ type, key, line: i + 1 });
  });
  return { keys, revoked };
}

export function readKnownHosts(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function recordKey(file: string, name: string, blob: Buffer): void {
  makeDirs(dirname(file), 0o700);
  appendFileSync(file, `${name} ${blobType(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}

export type HostKeyDecision = { ok: true; recorded?: boolean } | { ok: false; kind: 'hostkey-unknown' | 'hostkey-changed'; message: string; hint: string };

/** Decide on a presented host key, exactly once per connection. */
export function decideHostKey(opts: { file: string; address: string; port: number; blob: Buffer; acceptNew: boolean }): HostKeyDecision {
  const name = hostPattern(opts.address, opts.port);
  const presented = opts.blob.toString('base64');
  const type = blobType(opts.blob);
  const { keys, revoked } = lookup(readKnownHosts(opts.file), name);
  if (revoked.some((k) => k.key === presented)) {
    return {
      ok: false,
      kind: 'hostkey-changed',
      message: `host key ${fingerprint(opts.blob)} for ${name} is marked @revoked in ${opts.file}`,
      hint: 'investigate: the host presents a revoked key',
    };
  }
  if (keys.some((k) => k.key === presented)) return { ok: true };
  const sameType = keys.filter((k) => k.type === type);
  if (keys.length > 0 && (sameType.length > 0 || !opts.acceptNew)) {
    const known = (sameType.length ? sameType : keys).map((k) => `${k.type} ${fingerprint(k.key)} (line ${k.line})`).join(', ');
    return {
      ok: false,
      kind: 'hostkey-changed',
      message: `HOST KEY CHANGED for ${name}: it presents ${type} ${fingerprint(opts.blob)}, ${opts.file} has ${known}`,
      hint: `if the host was re-installed, verify the new key out of band, then: ssh-keygen -R '${name}' -f ${opts.file}`,
    };
  }
  if (opts.acceptNew) {
    recordKey(opts.file, name, opts.blob);
    return { ok: true, recorded: true };
  }
  return {
    ok: false,
    kind: 'hostkey-unknown',
    message: `host key of ${name} (${type} ${fingerprint(opts.blob)}) is not in ${opts.file}`,
    hint: `verify it, then: ssh-keyscan ${opts.port === 22 ? '' : `-p ${opts.port} `}${opts.address} >> ${opts.file}  (or run with --accept-new-host-keys to trust on first use)`,
  };
}

/** Key types already known for a host, so the client asks for one of those first (as OpenSSH does). */
export function knownTypes(file: string, address: string, port: number): string[] {
  return [...new Set(lookup(readKnownHosts(file), hostPattern(address, port)).keys.map((k) => k.type))];
}
