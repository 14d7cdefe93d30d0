// Audits this machine: the same probe, run through /bin/sh by execa.
import { execa } from 'execa';
import { TransportError, type ExecResult, type Transport } from './types.ts';

export class LocalTransport implements Transport {
  readonly kind = 'local' as const;
  readonly host: string;
  readonly stats = { connections: 0, execs: 0 };
  constructor(host: string) {
    this.host = host;
  }
  async connect(): Promise<void> {
    this.stats.connections++;
  }
  async exec(command: string, opts: { timeoutMs: number; stdin?: string }): Promise<ExecResult> {
    this.stats.execs++;
    const started = performance.now();
    const r = await execa('/bin/sh', ['-c', command], {
      input: opts.stdin ?? '',
      timeout: opts.timeoutMs,
      reject: false,
      encoding: 'buffer',
      stripFinalNewline: false,
      maxBuffer: 64 * 1024 * 1024,
      env: { LC_ALL: 'C', LANG: 'C' },
    });
    if (r.timedOut) {
      throw new TransportError(this.host, 'command-timeout', `command did not finish within ${Math.round(opts.timeoutMs / 1000)} s`, 'raise commandTimeoutSeconds, or find what hangs on this host (a hung NFS mount?)', r.stdout ? Buffer.from(r.stdout as Uint8Array) : undefined);
    }
    return {
      stdout: Buffer.from(r.stdout as Uint8Array),
      stderr: Buffer.from(r.stderr as Uint8Array).toString('utf8'),
      code: typeof r.exitCode === 'number' ? r.exitCode : null,
      durationMs: performance.now() - started,
    };
  }
  async close(): Promise<void> {}
}
