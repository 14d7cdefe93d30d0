// `npm run mutate:ci`: the bounded mutation run CI can afford (the full `npm run mutate`, 5,821 mutants to test since 2026-12-04, went at 50–70 a minute on these 2 cores: ~1 h 40 min).
// What it mutates:
//  - the lines of judge and parser files this branch changed against main (git diff -U0 hunks, when main is known); else
//  - a per-ID sample: KV_MUTATE_IDS (comma-separated), or 4 requirement IDs that rotate with the UTC day (every ID
//    comes round within two weeks), each as the lines of its definition in lib/requirements/ (file:start-end).
// Bounded by KV_MUTATE_CI_SECONDS (default 900; the heaviest daily sample, 295 mutants since the remediations are written per design, took 540 s beside a CI run; 227 mutants before took 251 s quiet, 377–400 s beside other jobs): past it Stryker is stopped and the run fails, saying so. It also
// fails when the sample's mutation score is under KV_MUTATE_CI_BREAK (default 60: a floor against regressions, below the 90 % target, until every ID is measured at ≥ 90 %) or a sampled ID has no killed mutant.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './run-cli.ts';

const JUDGE_FILES = /^lib\/(requirements\/.+|facts\/.+|kubeadm\/expect|registry\/judge)\.ts$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each requirement ID's definition: file and line range (from its `id:` line to the line before the next one). */
export function idRanges(): { id: string; file: string; start: number; end: number }[] {
  const out: { id: string; file: string; start: number; end: number }[] = [];
  for (const abs of walk(join(ROOT, 'lib/requirements'))) {
    const file = relative(ROOT, abs);
    const lines = readFileSync(abs, 'utf8').split('\n');
    const starts = lines.flatMap((l, i) => (/^\s+id: '([A-Z][A-Z0-9-]+)'/.test(l) ? [{ id: /id: '([A-Z0-9-]+)'/.exec(l)![1]!, line: i + 1 }] : []));
    starts.forEach((s, i) => out.push({ id: s.id, file, start: s.line, end: (starts[i + 1]?.line ?? lines.length + 1) - 1 }));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The lines of judge and parser files this branch changed against main (`git diff -U0` hunks, new side). */
function changedLines(): { file: string; start: number; end: number }[] {
  const base = spawnSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' });
  if (base.status !== 0) return [];
  const d = spawnSync('git', ['diff', '-U0', base.stdout.trim(), '--', 'lib'], { cwd: ROOT, encoding: 'utf8' });
  if (d.status !== 0) return [];
  const out: { file: string; start: number; end: number }[] = [];
  let file = '';
  for (const line of d.stdout.split('\n')) {
    const f = /^\+\+\+ b\/(.+)$/.exec(line);
    if (f) file = JUDGE_FILES.test(f[1]!) && existsSync(join(ROOT, f[1]!)) ? f[1]! : '';
    const h = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h && file && h[2] !== '0') out.push({ file, start: Number(h[1]), end: Number(h[1]) + Number(h[2] ?? 1) - 1 });
  }
  return out;
}

function sample(): { mutate: string[]; ids: string[]; why: string } {
  const ranges = idRanges();
  if (process.env.KV_MUTATE_IDS) {
    const ids = process.env.KV_MUTATE_IDS.split(',').map((s) => s.trim());
    const pick = ranges.filter((r) => ids.includes(r.id));
    return { mutate: pick.map((r) => `${r.file}:${r.start}-${r.end}`), ids, why: 'KV_MUTATE_IDS' };
  }
  // only the changed lines: a branch that touches one line of a 1,000-mutant file must stay within the budget
  const changed = changedLines();
  if (changed.length)
    return {
      mutate: changed.map((c) => `${c.file}:${c.start}-${c.end}`),
      ids: ranges.filter((r) => changed.some((c) => c.file === r.file && c.start <= r.end && c.end >= r.start)).map((r) => r.id),
      why: 'lines changed against main',
    };
  const n = 4;
  const day = Math.floor(Date.now() / 86_400_000);
  const rounds = Math.ceil(ranges.length / n);
  const pick = ranges.filter((_, i) => Math.floor(i / n) === day % rounds);
  return {
    mutate: pick.map((r) => `${r.file}:${r.start}-${r.end}`),
    ids: pick.map((r) => r.id),
    why: `per-ID sample ${(day % rounds) + 1} of ${rounds} (rotates daily)`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mutate, ids, why } = sample();
  const budget = Number(process.env.KV_MUTATE_CI_SECONDS ?? 900);
  const breakAt = Number(process.env.KV_MUTATE_CI_BREAK ?? 60);
  const dir = mkdtempSync(join(tmpdir(), 'kv-mutate-ci-'));
  const report = join(dir, 'mutation.json');
  const config = join(dir, 'stryker.ci.config.mjs');
  writeFileSync(
    config,
    `import base from ${JSON.stringify(join(ROOT, 'stryker.config.mjs'))};\nexport default { ...base, mutate: ${JSON.stringify(mutate)}, reporters: ['json', 'clear-text'], jsonReporter: { fileName: ${JSON.stringify(report)} }, clearTextReporter: { ...base.clearTextReporter, reportMutants: true, reportScoreTable: true }, concurrency: 2 };\n`,
  );
  process.stderr.write(`[mutate:ci] ${why}: ${ids.join(', ') || '(no ID)'} — ${mutate.join(' ')}; budget ${budget} s\n`);
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', config], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  }, budget * 1000);
  const code = await new Promise<number | null>((r) => child.on('close', r));
  clearTimeout(timer);
  const secs = Math.round((Date.now() - started) / 1000);
  if (timedOut) {
    process.stderr.write(`[mutate:ci] FAILED: over its ${budget} s budget (the sample is too large for this machine: set KV_MUTATE_IDS)\n`);
    process.exit(1);
  }
  if (code !== 0 || !existsSync(report)) {
    process.stderr.write(`[mutate:ci] FAILED: stryker exited ${code}\n`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(report, 'utf8')) as { files: Record<string, { mutants: { status: string; location: { start: { line: number } } }[] }> };
  const all = Object.entries(r.files).flatMap(([f, v]) => v.mutants.map((m) => ({ file: f, ...m })));
  const counted = all.filter((m) => !['Ignored', 'CompileError', 'RuntimeError'].includes(m.status));
  const detected = counted.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
  const score = counted.length ? (100 * detected) / counted.length : 100;
  const ranges = idRanges();
  const noKill = ids.filter((id) => {
    const rg = ranges.find((x) => x.id === id);
    return rg && !all.some((m) => m.file === rg.file && m.location.start.line >= rg.start && m.location.start.line <= rg.end && m.status === 'Killed');
  });
  process.stderr.write(`[mutate:ci] ${detected}/${counted.length} mutants killed (${score.toFixed(1)} %) in ${secs} s; break below ${breakAt} %\n`);
  if (noKill.length) process.stderr.write(`[mutate:ci] FAILED: no killed mutant in ${noKill.join(', ')}\n`);
  if (score < breakAt) process.stderr.write(`[mutate:ci] FAILED: score ${score.toFixed(1)} % < ${breakAt} %\n`);
  process.exit(noKill.length || score < breakAt ? 1 : 0);
}
