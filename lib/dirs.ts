// Creating directories without Node's `mkdir -p`. Node's native recursive mkdir (fs.mkdirSync / fs.mkdir with
// { recursive: true }, Node 18–24) loops for ever, in C++, when mkdir(child) says ENOENT although the parent
// exists — a path under /proc, a dangling symlink: mkdir("/proc/nope") = ENOENT, mkdir("/proc") = EEXIST,
// again and again. The synchronous call blocks the event loop, so no signal handler runs either
// (`--report-dir /proc/nope` spun at 50 % CPU and ignored SIGTERM). Here every step is one plain mkdir, and an
// ENOENT after the parent exists is final.
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** `mkdir -p` that always ends: creates `path` and its missing parents; throws the first real error. */
export function makeDirs(path: string, mode = 0o777): void {
  const abs = resolve(path);
  const missing: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${p}'`), { code: 'ENOTDIR', path: p });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.push(p);
      if (dirname(p) === p) break;
    }
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(p).isDirectory()) throw e;
    }
  }
}

/** The report dir, created and proven writable before any host is probed; a one-line reason when it is not. */
export function prepareReportDir(dir: string): string | undefined {
  const abs = resolve(dir);
  try {
    makeDirs(abs);
    accessSync(abs, constants.W_OK | constants.X_OK);
    const probe = `${abs}/.kubeadm-verify-write-test-${process.pid}`;
    closeSync(openSync(probe, 'w', 0o600));
    unlinkSync(probe);
    return undefined;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? 'cannot be created here'
        : err.code === 'ENOTDIR'
          ? `${err.path ?? 'a parent'} is not a directory`
          : err.code === 'EACCES' || err.code === 'EPERM'
            ? 'not writable (permission denied)'
            : err.code === 'EROFS'
              ? 'on a read-only file system'
              : (err.code ?? err.message);
    return `--report-dir ${abs}: ${why} (${err.code ?? 'error'}${err.path && err.path !== abs ? ` at ${err.path}` : ''})`;
  }
}
