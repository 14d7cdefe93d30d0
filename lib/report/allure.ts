// allure-results/: generated from the collected results after the run, in Allure's result format (one
// <uuid>-result.json per (ID, host) plus its attachments). Writing them here instead of through allure-vitest
// during the run keeps the statuses ours and the run fast: allure-js-commons' FileSystemWriter writes every file
// to a temp file, fsyncs and renames it on the main thread (100 hosts: ~5,800 files, 8.9 s of a 23 s run);
// these are plain asynchronous writes, a few dozen at a time, no fsync (a report, not a database).
//
// Status mapping (README "Outputs"): pass → passed; fail → failed; error → broken; skip → skipped;
// waived → skipped (message "waived: <reason>"); warn → failed when it gates the run (--fail-on warn), else
// unknown — a finding that does not fail the run, never "passed".
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Label, TestResult } from 'allure-js-commons';
import type { Result, ResultsFile, Status } from '../types.ts';
import { waiverNote } from '../waivers.ts';

export type AllureStatus = 'passed' | 'failed' | 'broken' | 'skipped' | 'unknown';

export function allureStatus(status: Status, failOn: 'error' | 'warn' = 'error'): AllureStatus {
  switch (status) {
    case 'pass':
      return 'passed';
    case 'fail':
      return 'failed';
    case 'error':
      return 'broken';
    case 'warn':
      return failOn === 'warn' ? 'failed' : 'unknown';
    case 'skip':
    case 'waived':
      return 'skipped';
  }
}

function message(r: Result): string {
  if (r.status === 'error') return `could not be evaluated: ${r.reason ?? r.observed}`;
  if (r.status === 'skip') return `not applicable: ${r.reason ?? ''}`;
  if (r.status === 'waived') return waiverNote(r);
  const what = `observed: ${r.observed}; expected: ${r.expected}`;
  const prefix = r.status === 'warn' ? 'WARNING ' : '';
  return `${prefix}${what}${r.waiver?.expired ? ` (${waiverNote(r)})` : ''}`;
}

/** evidence longer than this (characters) is an attachment rather than part of the description */
const ATTACH_OVER = 4096;
const fence = (text: string) => {
  const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}\n${text}\n${ticks}`;
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The result files for one run, as [file name, content] pairs (pure; writeAllureResults writes them). */
export function allureFiles(file: ResultsFile, opts: { failOn?: 'error' | 'warn' } = {}): [string, string][] {
  return [...allureEntries(file, opts)];
}

/** The same files one at a time, made as they are written: at 20,000 results all of them at once are ~80 MB. */
export function* allureEntries(file: ResultsFile, opts: { failOn?: 'error' | 'warn' } = {}): Generator<[string, string]> {
  const start = Date.parse(file.startedAt);
  for (const r of file.results) {
    const uuid = randomUUID();
    const attachments: TestResult['attachments'] = [];
    const out: [string, string][] = [];
    const attach = (name: string, text: string) => {
      const source = `${randomUUID()}-attachment.txt`;
      out.push([source, text]);
      attachments.push({ name, source, type: 'text/plain' });
    };
    // evidence and remediation go in the description (one file per result: ~3,000 files at 100 hosts instead of
    // ~7,000); evidence longer than a screen is an attachment instead
    const evidence = r.evidence.join('\n');
    const bigEvidence = evidence.length > ATTACH_OVER;
    if (bigEvidence) attach('evidence', evidence);
    const labels: Label[] = [
      { name: 'epic', value: r.phase },
      { name: 'feature', value: r.group },
      { name: 'story', value: r.id },
      { name: 'severity', value: r.severity === 'error' ? 'critical' : 'normal' },
      { name: 'parentSuite', value: r.phase },
      { name: 'suite', value: r.group },
      { name: 'subSuite', value: r.id },
      { name: 'framework', value: 'kubeadm-verify' },
      { name: 'tag', value: `kv-status:${r.status}` },
      ...(r.waiver?.expired ? [{ name: 'tag', value: 'waiver-expired' }] : []),
    ];
    const status = allureStatus(r.status, opts.failOn ?? file.failOn);
    const fullName = `${r.phase}: ${r.id} [${r.host}]`;
    const result: Omit<TestResult, 'status'> & { status: AllureStatus } = {
      uuid,
      name: `${r.id} [${r.host}]`,
      fullName,
      historyId: md5(fullName),
      testCaseId: md5(`${r.phase}: ${r.id}`),
      titlePath: [r.phase, r.group],
      status,
      statusDetails: status === 'passed' ? {} : { message: message(r) },
      stage: 'finished' as TestResult['stage'],
      description: [
        `**${r.title}**`,
        `observed: ${r.observed}`,
        `expected: ${r.expected}`,
        ...(r.reason ? [`reason: ${r.reason}`] : []),
        ...(r.waiver ? [waiverNote(r)] : []),
        ...(evidence && !bigEvidence ? [`evidence:\n\n${fence(evidence)}`] : []),
        ...(r.status !== 'pass' ? [`remediation:\n\n${fence(r.remediation)}`] : []),
        `source: ${r.source}`,
      ].join('\n\n'),
      start,
      stop: start + Math.max(0, Math.round(r.durationMs)),
      labels,
      links: [],
      parameters: [{ name: 'host', value: r.host }],
      attachments,
      steps: [],
    };
    yield* out;
    yield [`${uuid}-result.json`, JSON.stringify(result)];
  }
  // Allure groups results by these; the warn/waived categories keep "not gating" findings apart from failures
  yield [
    'categories.json',
    JSON.stringify([
      { name: 'Warning (fails the run only with --fail-on warn)', matchedStatuses: ['failed', 'unknown'], messageRegex: '^WARNING .*' },
      { name: 'Requirement not met', matchedStatuses: ['failed'] },
      { name: 'Could not be evaluated', matchedStatuses: ['broken'] },
      { name: 'Waived', matchedStatuses: ['skipped'], messageRegex: '^waived.*' },
    ]),
  ];
}

/** Empties dir (results of an earlier run would show as retries) and writes this run's results into it. */
export async function writeAllureResults(dir: string, file: ResultsFile, opts: { failOn?: 'error' | 'warn' } = {}): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // 32 writers pull from one generator: at most 32 files' text exist at a time
  const files = allureEntries(file, opts);
  let written = 0;
  const worker = async () => {
    for (let n = files.next(); !n.done; n = files.next()) {
      await writeFile(join(dir, n.value[0]), n.value[1]);
      written++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return written;
}
