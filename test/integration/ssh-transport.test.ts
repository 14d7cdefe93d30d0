// The ssh2 transport against a real OpenSSH server on loopback: strict host keys, deadlines, quoting.
// Stand-ins: none (a real OpenSSH server on loopback).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnection, type InventoryHost } from '../../lib/config/inventory.ts';
import { parseFacts } from '../../lib/probe/facts.ts';
import { probeScript } from '../../lib/probe/script.ts';
import { shellCommand, shQuote } from '../../lib/transport/command.ts';
import { fingerprint } from '../../lib/transport/known-hosts.ts';
import { SshTransport } from '../../lib/transport/ssh.ts';
import { TransportError } from '../../lib/transport/types.ts';
import { freePort, startSilentServer, startSshd, type TestSshd } from '../helpers/sshd.ts';

let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

function spec(over: Partial<InventoryHost> = {}): InventoryHost {
  return {
    ...defaultConnection(),
    name: 'lo',
    address: '127.0.0.1',
    roles: ['worker'],
    transport: 'ssh',
    port: sshd.port,
    identityFile: sshd.clientKey,
    knownHostsFile: sshd.knownHosts,
    connectTimeoutSeconds: 3,
    ...over,
  };
}

async function failure(t: SshTransport): Promise<TransportError> {
  try {
    await t.connect();
  } catch (e) {
    return e as TransportError;
  } finally {
    await t.close();
  }
  throw new Error('connect() succeeded but was expected to fail');
}

describe('ssh transport against a real sshd', () => {
  it('connects with a known host key, runs the whole probe in one round trip', async () => {
    const t = new SshTransport(spec(), { acceptNewHostKeys: false, env: {} });
    await t.connect();
    const nonce = 'sshtest0001';
    const r = await t.exec(shellCommand(probeScript({ nonce, resolveNames: ['localhost'] })), { timeoutMs: 20_000 });
    await t.close();
    const { facts, complete } = parseFacts(r.stdout.toString(), nonce);
    expect(complete).toBe(true);
    expect(facts.os.ok).toBe(true);
    expect(t.stats).toEqual({ connections: 1, execs: 1 });
  });

  it('no identityFile: the default identities (~/.ssh/id_ed25519, id_ecdsa, id_rsa), as OpenSSH; none at all is one clear error', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kv-home-'));
    mkdirSync(join(home, '.ssh'));
    // an unrelated key first in the order (id_ed25519 is not authorized), the authorized one as id_rsa
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh/id_ed25519')]);
    copyFileSync(sshd.clientKey, join(home, '.ssh/id_rsa'));
    const t = new SshTransport(spec({ identityFile: undefined }), { acceptNewHostKeys: false, env: { HOME: home } });
    await t.connect();
    expect((await t.exec('echo ok', { timeoutMs: 5000 })).stdout.toString()).toBe('ok\n');
    await t.close();
    const bare = mkdtempSync(join(tmpdir(), 'kv-home-'));
    const e = await failure(new SshTransport(spec({ identityFile: undefined }), { acceptNewHostKeys: false, env: { HOME: bare } }));
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(
      'no SSH credentials: no identityFile, no ~/.ssh/id_ed25519, ~/.ssh/id_ecdsa, ~/.ssh/id_rsa, no ssh-agent (SSH_AUTH_SOCK) and no KV_SSH_PASSWORD',
    );
    // only the unauthorized default key: authentication fails and says what it tried
    rmSync(join(home, '.ssh/id_rsa'));
    const wrong = await failure(new SshTransport(spec({ identityFile: undefined }), { acceptNewHostKeys: false, env: { HOME: home } }));
    expect(wrong.message).toMatch(/authentication as \S+ failed \(tried ~\/.ssh\/id_ed25519\)/);
  });

  it('an unknown host key is an error with the fingerprint and the ssh-keyscan hint; nothing is recorded', async () => {
    const empty = `${sshd.dir}/empty_known_hosts`;
    writeFileSync(empty, '');
    const e = await failure(new SshTransport(spec({ knownHostsFile: empty }), { acceptNewHostKeys: false, env: {} }));
    expect(e.kind).toBe('hostkey-unknown');
    expect(e.message).toContain(fingerprint(sshd.hostKeyPub.split(' ')[1]!));
    expect(e.hint).toMatch(/ssh-keyscan -p \d+ 127.0.0.1/);
    expect(readFileSync(empty, 'utf8')).toBe('');
  });

  it('--accept-new-host-keys records an unknown key, then trusts it', async () => {
    const file = `${sshd.dir}/tofu_known_hosts`;
    writeFileSync(file, '');
    const t = new SshTransport(spec({ knownHostsFile: file }), { acceptNewHostKeys: true, env: {} });
    await t.connect();
    await t.close();
    expect(readFileSync(file, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519 `);
    const again = new SshTransport(spec({ knownHostsFile: file }), { acceptNewHostKeys: false, env: {} });
    await again.connect();
    await again.close();
  });

  it('a changed host key is refused even with --accept-new-host-keys, naming both fingerprints', async () => {
    const file = `${sshd.dir}/changed_known_hosts`;
    writeFileSync(file, `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBwG4LsnQ1aDLYt3qYvPyJEpK0V6p1m1nNFRqvCNUgs0\n`);
    const e = await failure(new SshTransport(spec({ knownHostsFile: file }), { acceptNewHostKeys: true, env: {} }));
    expect(e.kind).toBe('hostkey-changed');
    expect(e.message).toMatch(/HOST KEY CHANGED.*SHA256:.*SHA256:/);
    expect(e.hint).toMatch(/ssh-keygen -R/);
  });

  it('a hashed known_hosts entry is understood', async () => {
    const file = `${sshd.dir}/hashed_known_hosts`;
    writeFileSync(file, readFileSync(sshd.knownHosts));
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const t = new SshTransport(spec({ knownHostsFile: file }), { acceptNewHostKeys: false, env: {} });
    await t.connect();
    await t.close();
  });

  it('nothing listening: unreachable, quickly', async () => {
    const port = await freePort();
    const started = Date.now();
    const e = await failure(new SshTransport(spec({ port }), { acceptNewHostKeys: false, env: {} }));
    expect(e.kind).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('TCP accepted but no SSH banner: connect-timeout within the deadline', async () => {
    const silent = await startSilentServer();
    const started = Date.now();
    const e = await failure(new SshTransport(spec({ port: silent.port, connectTimeoutSeconds: 2 }), { acceptNewHostKeys: false, env: {} }));
    await silent.stop();
    expect(e.kind).toBe('connect-timeout');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a key the server does not accept: auth error naming the user', async () => {
    const { execFileSync } = await import('node:child_process');
    const other = `${sshd.dir}/other_key`;
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const e = await failure(new SshTransport(spec({ identityFile: other }), { acceptNewHostKeys: false, env: {} }));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/as root/);
  });

  it('a command that hangs hits its deadline', async () => {
    const t = new SshTransport(spec(), { acceptNewHostKeys: false, env: {} });
    await t.connect();
    const started = Date.now();
    await expect(t.exec('sleep 30', { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'command-timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
    await t.close();
  });

  it('hostile strings are quoted: nothing they contain runs', async () => {
    const marker = `${sshd.dir}/pwned`;
    const hostile = [`$(touch ${marker})`, `\`touch ${marker}\``, `'; touch ${marker}; '`, `a\nb; touch ${marker}`, 'ünïcødé "quotes" \\ back'];
    const t = new SshTransport(spec(), { acceptNewHostKeys: false, env: {} });
    await t.connect();
    for (const h of hostile) {
      const r = await t.exec(`printf %s ${shQuote(h)}`, { timeoutMs: 5000 });
      expect(r.stdout.toString()).toBe(h);
    }
    await t.close();
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('an encrypted identityFile', () => {
  let enc: TestSshd;
  beforeAll(async () => {
    enc = await startSshd({ keyPassphrase: 'key-Passphrase-PLANTED' });
  });
  afterAll(async () => {
    await enc?.stop();
  });
  const encSpec = () => ({
    ...defaultConnection(),
    name: 'enc',
    address: '127.0.0.1',
    roles: ['worker'] as 'worker'[],
    transport: 'ssh' as const,
    port: enc.port,
    identityFile: enc.clientKey,
    knownHostsFile: enc.knownHosts,
    connectTimeoutSeconds: 3,
  });
  it('without KV_SSH_PASSPHRASE: an auth error that says how to fix it', async () => {
    const e = await (async () => {
      const t = new SshTransport(encSpec(), { acceptNewHostKeys: false, env: {} });
      try {
        await t.connect();
      } catch (x) {
        return x as TransportError;
      } finally {
        await t.close();
      }
      throw new Error('connected without the passphrase');
    })();
    expect(e.kind).toBe('auth');
    expect(e.hint ?? e.message).toMatch(/KV_SSH_PASSPHRASE/);
    expect(e.message + (e.hint ?? '')).not.toContain('key-Passphrase-PLANTED');
  });
  it('with KV_SSH_PASSPHRASE from the environment: connects', async () => {
    const t = new SshTransport(encSpec(), { acceptNewHostKeys: false, env: { KV_SSH_PASSPHRASE: 'key-Passphrase-PLANTED' } });
    await t.connect();
    const r = await t.exec('echo ok', { timeoutMs: 5000 });
    expect(r.stdout.toString().trim()).toBe('ok');
    await t.close();
  });
});
