// After `npm run mutate`: reads reports/mutation/mutation.json (Stryker's mutation-testing-elements report) and
// prints the judges' score per file and per requirement ID, whether each ID has a killed mutant that a status
// assertion caught (a test of test/unit/sides.test.ts or requirements.test.ts), and the survivors.
//   tsx test/helpers/mutation-summary.ts [report.json] [--survivors]
import { readFileSync } from 'node:fs';
import { idRanges } from './mutate-ci.ts';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
  killedBy?: string[];
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
}

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';
const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
const testName = new Map(Object.values(r.testFiles ?? {}).flatMap((f) => f.tests.map((t) => [t.id, t.name] as const)));
const counted = (ms: Mutant[]) => ms.filter((m) => !['Ignored', 'CompileError', 'RuntimeError'].includes(m.status));
const score = (ms: Mutant[]) => {
  const c = counted(ms);
  const k = c.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
  return {
    killed: k,
    total: c.length,
    pct: c.length ? (100 * k) / c.length : 100,
    survived: c.filter((m) => m.status === 'Survived').length,
    noCov: c.filter((m) => m.status === 'NoCoverage').length,
    ignored: ms.length - c.length,
  };
};
const fmt = (s: ReturnType<typeof score>) =>
  `${s.pct.toFixed(1).padStart(5)} %  ${String(s.killed).padStart(4)}/${String(s.total).padEnd(4)} survived ${String(s.survived).padStart(3)}, no coverage ${String(s.noCov).padStart(3)}, static ignored ${s.ignored}`;

const all = Object.entries(r.files).flatMap(([f, v]) => v.mutants.map((m) => ({ ...m, file: f })));
console.log(`judges' mutation score: ${fmt(score(all))}\n`);
for (const [f, v] of Object.entries(r.files).sort()) console.log(`${f.padEnd(44)} ${fmt(score(v.mutants))}`);
console.log('\nper requirement ID (mutants inside its definition):');
const status = /(pass|fail|warn|skip|error): |fails|passes|is an error|caught|warn/;
const noKill: string[] = [];
for (const rg of idRanges()) {
  const ms = all.filter((m) => m.file === rg.file && m.location.start.line >= rg.start && m.location.start.line <= rg.end);
  const byStatusTest = ms.filter((m) => m.status === 'Killed' && (m.killedBy ?? []).some((t) => status.test(testName.get(t) ?? '')));
  if (!byStatusTest.length) noKill.push(rg.id);
  console.log(`  ${rg.id.padEnd(26)} ${fmt(score(ms))}; killed by a status test: ${byStatusTest.length}`);
}
console.log(noKill.length ? `\nIDs without a mutant killed by a status test: ${noKill.join(', ')}` : '\nevery ID has a mutant killed by a status test');
if (process.argv.includes('--survivors')) {
  console.log('\nsurvivors:');
  for (const [f, v] of Object.entries(r.files)) {
    const src = v.source.split('\n');
    for (const m of v.mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage'))
      console.log(
        `  ${f}:${m.location.start.line} ${m.status} ${m.mutatorName} → ${(m.replacement ?? '').slice(0, 60).replace(/\n/g, ' ')} | ${src[m.location.start.line - 1]!.trim().slice(0, 100)}`,
      );
  }
}
