// SIGINT / SIGTERM. The first one stops new work (the abort signal every phase listens to), closes the
// connections, and the run writes its partial report and exits 130 / 143 — within GRACE_MS in any case: if the
// run has not finished by then, the deadline writes the partial report from what is known and exits. A second
// signal exits at once. The handlers stay installed until the process exits, so no signal is ever swallowed;
// nothing in the run may block the event loop for long (see lib/dirs.ts for the one that did).

export const GRACE_MS = 2_000;

export interface Interrupts {
  readonly signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; undefined while not interrupted */
  readonly exitCode: number | undefined;
  readonly name: 'SIGINT' | 'SIGTERM' | undefined;
  /** A promise that settles (never rejects) when the run is interrupted: race long waits against it. */
  readonly interrupted: Promise<void>;
  /** What to write if the grace period ends before the run does (synchronous; errors are logged). */
  setLastWords(fn: () => void): void;
}

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function trapInterrupts(log: (msg: string) => void, graceMs = GRACE_MS): Interrupts {
  const ac = new AbortController();
  let name: 'SIGINT' | 'SIGTERM' | undefined;
  let lastWords: (() => void) | undefined;
  let resolveInterrupted!: () => void;
  const interrupted = new Promise<void>((r) => (resolveInterrupted = r));
  const handler = (sig: 'SIGINT' | 'SIGTERM') => {
    if (name) {
      log(`[kubeadm-verify] ${sig} again: exiting now`);
      process.exit(CODES[name]);
    }
    name = sig;
    process.exitCode = CODES[sig];
    log(`[kubeadm-verify] ${sig}: stopping; writing a partial report (a second ${sig} exits at once)`);
    ac.abort(new Error(`interrupted by ${sig}`));
    resolveInterrupted();
    // the grace period: 300 ms of it kept for the last words and the exit itself
    setTimeout(
      () => {
        try {
          lastWords?.();
        } catch (e) {
          log(`[kubeadm-verify] could not write the partial report: ${(e as Error).message}`);
        }
        process.exit(CODES[sig]);
      },
      Math.max(0, graceMs - 300),
    ).unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: ac.signal,
    get exitCode() {
      return name ? CODES[name] : undefined;
    },
    get name() {
      return name;
    },
    interrupted,
    setLastWords(fn) {
      lastWords = fn;
    },
  };
}
