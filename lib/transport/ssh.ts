// SSH transport on ssh2: one connection per host for the whole run, strict host keys, deadlines everywhere.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { Client, type AnyAuthMethod, type ConnectConfig } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader sees only the names it can detect statically (Client, not utils)
const { utils } = ssh2;
import type { InventoryHost } from '../config/inventory.ts';
import { decideHostKey, knownTypes, type HostKeyDecision } from './known-hosts.ts';
import { STDERR_LIMIT, TransportError, type ExecOptions, type ExecResult, type Transport } from './types.ts';

export interface SshOptions {
  acceptNewHostKeys: boolean;
  /** Resolves another inventory host by name, for jumpHost. */
  jump?: (name: string) => SshTransport;
  env?: NodeJS.ProcessEnv;
}

/** OpenSSH's default identities, in the order this tool tries them */
export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

const HOSTKEY_ORDER = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

export class SshTransport implements Transport {
  readonly kind = 'ssh' as const;
  readonly host: string;
  readonly stats = { connections: 0, execs: 0 };
  readonly spec: InventoryHost;
  private readonly opts: SshOptions;
  private client?: Client;
  /** the client while its handshake is in progress, so close() can abort it */
  private pending?: Client;
  private connecting?: Promise<void>;
  private closed = false;

  constructor(spec: InventoryHost, opts: SshOptions) {
    this.spec = spec;
    this.host = spec.name;
    this.opts = opts;
  }

  private fail(kind: ConstructorParameters<typeof TransportError>[1], message: string, hint?: string, partialStdout?: Buffer): TransportError {
    return new TransportError(this.host, kind, message, hint, partialStdout);
  }

  /**
   * Credentials, as OpenSSH picks them: the inventory's identityFile; without one, the agent (SSH_AUTH_SOCK) and then
   * the default identities ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exist (an encrypted one needs KV_SSH_PASSPHRASE,
   * else it is passed over, as ssh -o BatchMode=yes does); then KV_SSH_PASSWORD.
   */
  private auth(): { config: Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent' | 'password' | 'authHandler'>; tried: string[] } {
    const env = this.opts.env ?? process.env;
    const out: Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent' | 'password' | 'authHandler'> = {};
    const tried: string[] = [];
    if (this.spec.identityFile) {
      try {
        out.privateKey = readFileSync(this.spec.identityFile);
      } catch (e) {
        throw this.fail(
          'auth',
          `cannot read identityFile ${this.spec.identityFile}: ${(e as NodeJS.ErrnoException).code ?? e}`,
          'fix identityFile in the inventory, or remove it to use ssh-agent and ~/.ssh/id_*',
        );
      }
      if (env.KV_SSH_PASSPHRASE) out.passphrase = env.KV_SSH_PASSPHRASE;
      tried.push(this.spec.identityFile);
      if (env.SSH_AUTH_SOCK) {
        out.agent = env.SSH_AUTH_SOCK;
        tried.push('ssh-agent');
      }
      if (env.KV_SSH_PASSWORD) {
        out.password = env.KV_SSH_PASSWORD;
        tried.push('password');
      }
      return { config: out, tried };
    }
    const username = this.spec.user;
    const methods: AnyAuthMethod[] = [];
    if (env.SSH_AUTH_SOCK) {
      methods.push({ type: 'agent', username, agent: env.SSH_AUTH_SOCK });
      tried.push('ssh-agent');
    }
    const home = env.HOME || homedir();
    for (const name of DEFAULT_IDENTITIES) {
      const file = join(home, '.ssh', name);
      let buf: Buffer;
      try {
        buf = readFileSync(file);
      } catch {
        continue;
      }
      const parsed = utils.parseKey(buf, env.KV_SSH_PASSPHRASE);
      if (parsed instanceof Error) continue; // encrypted without KV_SSH_PASSPHRASE, or not a key
      methods.push({ type: 'publickey', username, key: buf, ...(env.KV_SSH_PASSPHRASE ? { passphrase: env.KV_SSH_PASSPHRASE } : {}) });
      tried.push(`~/.ssh/${name}`);
    }
    if (env.KV_SSH_PASSWORD) {
      methods.push({ type: 'password', username, password: env.KV_SSH_PASSWORD });
      tried.push('password');
    }
    if (!methods.length) {
      throw this.fail(
        'auth',
        `no SSH credentials: no identityFile, no ~/.ssh/${DEFAULT_IDENTITIES.join(', ~/.ssh/')}, no ssh-agent (SSH_AUTH_SOCK) and no KV_SSH_PASSWORD`,
        'set identityFile in the inventory, or start ssh-agent',
      );
    }
    out.authHandler = methods;
    return { config: out, tried };
  }

  connect(): Promise<void> {
    this.connecting ??= this.doConnect();
    return this.connecting;
  }

  private async doConnect(): Promise<void> {
    const spec = this.spec;
    const { config: auth, tried } = this.auth();
    let sock: NodeJS.ReadableStream | undefined;
    if (spec.jumpHost) {
      const jump = this.opts.jump?.(spec.jumpHost);
      if (!jump) throw this.fail('unreachable', `jump host ${spec.jumpHost} is not available`);
      try {
        await jump.connect();
      } catch (e) {
        throw this.fail('unreachable', `through jump host ${spec.jumpHost}: ${(e as Error).message}`, (e as TransportError).hint);
      }
      sock = await jump.forward(spec.address, spec.port, spec.connectTimeoutSeconds * 1000).catch((e: Error) => {
        throw this.fail('unreachable', `jump host ${spec.jumpHost} cannot reach ${spec.address}:${spec.port}: ${e.message}`);
      });
    }
    let decision: HostKeyDecision | undefined;
    const known = knownTypes(spec.knownHostsFile, spec.address, spec.port);
    const serverHostKey = [...known.filter((t) => HOSTKEY_ORDER.includes(t)), ...HOSTKEY_ORDER.filter((t) => !known.includes(t))];
    const client = new Client();
    this.pending = client;
    this.stats.connections++;
    await new Promise<void>((resolvePromise, reject) => {
      let settled = false;
      const done = (err?: TransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          client.destroy();
          reject(err);
        } else resolvePromise();
      };
      // ssh2's readyTimeout covers the handshake; this one also covers a TCP connect that never completes.
      const ms = spec.connectTimeoutSeconds * 1000;
      const timer = setTimeout(
        () =>
          done(
            this.fail(
              'connect-timeout',
              `no SSH session within ${spec.connectTimeoutSeconds} s (connect, banner and authentication)`,
              'check that sshd runs and answers on this address and port, or raise connectTimeoutSeconds',
            ),
          ),
        ms + 500,
      );
      client.on('ready', () => done());
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (decision && !decision.ok) return done(this.fail(decision.kind, decision.message, decision.hint));
        const code = err.code ?? '';
        if (err.level === 'client-authentication')
          return done(
            this.fail(
              'auth',
              `authentication as ${spec.user} failed (tried ${tried.join(', ')})`,
              "check the key in the user's authorized_keys, the user name, and KV_SSH_PASSPHRASE for an encrypted key",
            ),
          );
        if (err.level === 'client-timeout' || /Timed out while waiting for handshake/.test(err.message))
          return done(
            this.fail(
              'connect-timeout',
              `SSH handshake did not finish within ${spec.connectTimeoutSeconds} s (TCP connected, no usable SSH banner)`,
              'something listens on this port but does not speak SSH in time',
            ),
          );
        if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(code))
          return done(
            this.fail(
              'unreachable',
              `cannot connect to ${spec.address}:${spec.port}: ${code}`,
              'check the address and port in the inventory and that sshd runs',
            ),
          );
        if (/encrypted|passphrase/i.test(err.message))
          return done(
            this.fail('auth', `identityFile ${spec.identityFile} is encrypted: ${err.message}`, 'set KV_SSH_PASSPHRASE, or load the key into ssh-agent'),
          );
        return done(this.fail('protocol', `SSH error: ${err.message}`));
      });
      client.on('close', () => done(this.fail('unreachable', 'connection closed before the session was ready')));
      try {
        client.connect({
          host: spec.address,
          port: spec.port,
          username: spec.user,
          ...auth,
          sock: sock as ConnectConfig['sock'],
          readyTimeout: ms,
          keepaliveInterval: 15000,
          keepaliveCountMax: 3,
          algorithms: { serverHostKey: serverHostKey as never },
          hostVerifier: (key: Buffer) => {
            decision = decideHostKey({ file: spec.knownHostsFile, address: spec.address, port: spec.port, blob: key, acceptNew: this.opts.acceptNewHostKeys });
            return decision.ok;
          },
        });
      } catch (e) {
        const msg = (e as Error).message;
        done(
          /encrypt|passphrase/i.test(msg)
            ? this.fail(
                'auth',
                `identityFile ${spec.identityFile} is encrypted and no passphrase was given (${msg})`,
                'set KV_SSH_PASSPHRASE, or load the key into ssh-agent',
              )
            : this.fail('auth', `cannot start SSH: ${msg}`, 'check identityFile (format, passphrase: KV_SSH_PASSPHRASE)'),
        );
      }
    });
    this.client = client;
    this.pending = undefined;
    client.on('error', () => {});
  }

  /** A TCP stream to address:port through this host (ssh -J). */
  forward(address: string, port: number, timeoutMs: number): Promise<NodeJS.ReadableStream> {
    const c = this.client;
    if (!c) return Promise.reject(new Error('not connected'));
    return new Promise((res, rej) => {
      const t = setTimeout(() => rej(new Error(`forward timed out after ${timeoutMs} ms`)), timeoutMs);
      c.forwardOut('127.0.0.1', 0, address, port, (err, stream) => {
        clearTimeout(t);
        if (err) rej(err);
        else res(stream);
      });
    });
  }

  async exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    const c = this.client;
    if (!c || this.closed) throw this.fail('unreachable', 'not connected');
    this.stats.execs++;
    const started = performance.now();
    return new Promise((res, rej) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let code: number | null = null;
      let finished = false;
      const timer = setTimeout(() => {
        if (finished) return;
        finished = true;
        rej(
          this.fail(
            'command-timeout',
            `the probe did not finish within ${Math.round(opts.timeoutMs / 1000)} s`,
            'raise commandTimeoutSeconds, or find what hangs on this host (a hung NFS mount, a stuck systemctl?)',
            Buffer.concat(out),
          ),
        );
        try {
          c.end();
        } catch {}
      }, opts.timeoutMs);
      // a connection dropped under a running probe (abort(), a dead host): the exec ends with it
      const onClose = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        rej(this.fail('unreachable', 'the connection closed while the probe ran'));
      };
      c.once('close', onClose);
      c.exec(command, (e, stream) => {
        if (e) {
          clearTimeout(timer);
          finished = true;
          return rej(this.fail('protocol', `cannot open an exec channel: ${e.message}`));
        }
        let errBytes = 0;
        stream.on('data', (d: Buffer) => {
          if (!opts.onStdout) out.push(d);
          else if (!opts.onStdout(d)) stream.close();
        });
        stream.stderr.on('data', (d: Buffer) => {
          if (errBytes < STDERR_LIMIT) err.push(d.subarray(0, STDERR_LIMIT - errBytes));
          errBytes += d.length;
        });
        stream.on('exit', (c2: number | null) => {
          code = c2;
        });
        stream.on('close', () => {
          c.off('close', onClose);
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          res({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code, durationMs: performance.now() - started });
        });
        stream.end(opts.stdin ?? '');
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client?.end();
    if (this.pending && this.pending !== this.client) this.pending.destroy();
  }

  /** On SIGINT/SIGTERM: drop the socket now (end() would wait on a host that no longer answers). */
  abort(): void {
    this.closed = true;
    this.client?.destroy();
    this.pending?.destroy();
  }
}
