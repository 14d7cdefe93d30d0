// A real OpenSSH server on 127.0.0.1 for transport tests: own host key, own authorized_keys, random port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSshd {
  dir: string;
  port: number;
  clientKey: string;
  hostKeyPub: string;
  knownHosts: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const { connect } = await import('node:net');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((res) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        res(true);
      });
      c.on('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

export async function startSshd(opts: { keyPassphrase?: string } = {}): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-sshd-'));
  chmodSync(dir, 0o700);
  const keygen = (file: string, pass = '') => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', pass, '-C', 'kv-test', '-f', file]);
  keygen(join(dir, 'host_ed25519'));
  keygen(join(dir, 'client_ed25519'), opts.keyPassphrase ?? '');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_ed25519.pub')));
  const port = await freePort();
  const cfg = join(dir, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'LogLevel ERROR',
    ].join('\n') + '\n',
  );
  execFileSync('mkdir', ['-p', '/run/sshd']);
  // As root: in a mount namespace of its own with an empty /root, so a login runs no ~/.bashrc of this machine's
  // (bash sources it for every SSH command; a pyenv line there can wait 60 s on a stale rehash lock).
  // unshare without --fork execs: proc is sshd itself.
  const home = join(dir, 'home');
  execFileSync('mkdir', ['-m', '700', home]);
  const proc: ChildProcess =
    process.getuid?.() === 0
      ? spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /root && exec /usr/sbin/sshd -D -e -f "$2"', 'sh', home, cfg], {
          stdio: ['ignore', 'ignore', 'pipe'],
        })
      : spawn('/usr/sbin/sshd', ['-D', '-e', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += d));
  try {
    await waitForPort(port, 10_000);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(`${(e as Error).message}: ${stderr}`, { cause: e });
  }
  const hostKeyPub = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim();
  const [type, key] = hostKeyPub.split(/\s+/);
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${type} ${key}\n`);
  return {
    dir,
    port,
    clientKey: join(dir, 'client_ed25519'),
    hostKeyPub,
    knownHosts,
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP server on 127.0.0.1 that accepts connections and never says anything (a hung sshd). */
export async function startSilentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return {
    port: typeof a === 'object' && a ? a.port : 0,
    stop: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
