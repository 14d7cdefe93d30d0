// One small interface for every way we reach a host. Quoting, sudo and deadlines live in command.ts.

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  /** Exit code, or null when the command was killed by a signal or its deadline. */
  code: number | null;
  durationMs: number;
}

export interface ExecOptions {
  timeoutMs: number;
  stdin?: string;
  /** Standard output goes here as it arrives instead of into ExecResult.stdout (which is then empty); returning
   * false stops the command (the host sent too much). */
  onStdout?: (chunk: Buffer) => boolean;
}

/** Standard error kept per command: the head of it, enough for a one-line reason. */
export const STDERR_LIMIT = 64 * 1024;

export interface Transport {
  readonly host: string;
  readonly kind: 'ssh' | 'local';
  /** Opens the connection (no-op for local). Throws TransportError. */
  connect(): Promise<void>;
  /** Runs one shell command line with a deadline. Throws TransportError on transport failure or deadline. */
  exec(command: string, opts: ExecOptions): Promise<ExecResult>;
  close(): Promise<void>;
  /** Ends the connection and any command in flight at once (SIGINT/SIGTERM). */
  abort(): void;
  /** Counters for the benchmark and the report: connections opened and exec round trips made. */
  readonly stats: { connections: number; execs: number };
}

export type TransportErrorKind =
  | 'unreachable' // nothing listens / no route / DNS
  | 'connect-timeout' // TCP or SSH handshake did not finish in time
  | 'hostkey-unknown'
  | 'hostkey-changed'
  | 'auth'
  | 'protocol'
  | 'command-timeout'
  | 'sudo'
  | 'interrupted';

export class TransportError extends Error {
  readonly kind: TransportErrorKind;
  readonly host: string;
  /** What the operator can do about it. */
  readonly hint?: string;
  /** Standard output received before a command deadline (command-timeout): tells where it hung. */
  readonly partialStdout?: Buffer;
  constructor(host: string, kind: TransportErrorKind, message: string, hint?: string, partialStdout?: Buffer) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
    this.host = host;
    this.hint = hint;
    this.partialStdout = partialStdout;
  }
}
