// Audits this machine: the same probe, run through /bin/sh.
import { spawn } from 'node:child_process';
import { STDERR_LIMIT, TransportError, type ExecOptions, type ExecResult, type Transport } from './types.ts';

const MAX_BUFFER = 64 * 1024 * 1024;

export class LocalTransport implements Transport {
  readonly kind = 'local' as const;
  readonly host: string;
  readonly stats = { connections: 0, execs: 0 };
  private readonly children = new Set<import('node:child_process').ChildProcess>();
  constructor(host: string) {
    this.host = host;
  }
  async connect(): Promise<void> {
    this.stats.connections++;
  }
  async exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    this.stats.execs++;
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', command], { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let errBytes = 0;
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => {
      if (opts.onStdout) {
        if (!opts.onStdout(b)) child.kill('SIGKILL');
        return;
      }
      size += b.length;
      if (size > MAX_BUFFER) child.kill('SIGKILL');
      else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errBytes < STDERR_LIMIT) err.push(b.subarray(0, STDERR_LIMIT - errBytes));
      errBytes += b.length;
    });
    child.stdin.on('error', () => {}); // a probe that exits before reading stdin
    child.stdin.end(opts.stdin ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c));
    }).finally(() => clearTimeout(timer));
    const stdout = Buffer.concat(out);
    if (timedOut) {
      throw new TransportError(
        this.host,
        'command-timeout',
        `command did not finish within ${Math.round(opts.timeoutMs / 1000)} s`,
        'raise commandTimeoutSeconds, or find what hangs on this host (a hung NFS mount?)',
        stdout.length ? stdout : undefined,
      );
    }
    return { stdout, stderr: Buffer.concat(err).toString('utf8'), code, durationMs: performance.now() - started };
  }
  async close(): Promise<void> {}
  abort(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }
}
