#!/usr/bin/env node
// The installed entry point (`npm test`, `npx kubeadm-verify`). Plain JavaScript, so that it can say which
// Node is needed on any Node; it then loads the TypeScript sources through tsx, which works on the Node of
// the machines operators have (Debian 12 / Rocky 9 ship 20) as well as on 22 and 24, and inside node_modules
// (where Node's own type stripping refuses to run, ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`kubeadm-verify: Node ${process.version} is too old: Node 20.19 or newer is needed (22 or 24 LTS recommended)\n`);
  process.exit(2);
}
// The dependencies are plain JavaScript: load the large ones natively, before tsx's hooks exist. Through the hooks
// (a loader thread that every module's source passes through) vitest/vite and @kubernetes/client-node cost
// ~300 MB more resident memory and ~2× the start-up time; a module loaded once is not loaded through them again.
// vite's bundler binding (rolldown, which transforms the suites' TypeScript) allocates through mimalloc, whose
// arenas are committed eagerly by default: ~55 MB of resident memory for the few dozen modules the suites load.
// mimalloc reads its options on first use, so setting this before vitest is imported is enough (a value the
// user set wins).
process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
const args = process.argv.slice(2);
if (!args.some((a) => ['-h', '--help', '--version', '--list'].includes(a))) {
  const phase = args.flatMap((a, i) => (a === '--phase' ? [args[i + 1]] : a.startsWith('--phase=') ? [a.slice(8)] : []));
  const postinstall = phase.some((p) => p === 'postinstall' || p === 'all');
  await Promise.all(['vitest/node', 'yaml', 'ssh2', 'undici', ...(postinstall ? ['@kubernetes/client-node'] : [])].map((m) => import(m)));
}
const { register } = await import('tsx/esm/api');
register();
await import('./kubeadm-verify.ts');
