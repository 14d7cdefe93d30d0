// junit.xml: one testcase per (ID, host), classname "<phase>.<group>". The format is guarded by a golden file.
import type { Result, ResultsFile } from '../types.ts';
import { waiverNote } from '../waivers.ts';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xml(s: string): string {
  return s.replace(ILLEGAL, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

function body(r: Result): string {
  return [...r.evidence.map((e) => `evidence: ${e}`), `Remediation: ${r.remediation}`, `Source: ${r.source}`].join('\n');
}

/** JUnit has pass, failure, error and skipped: a warn is a failure when it gates the run (--fail-on warn). */
function testcase(r: Result, failOn: 'error' | 'warn'): string {
  const props = [
    ['id', r.id],
    ['host', r.host],
    ['severity', r.severity],
    ['status', r.status],
    ['source', r.source],
  ]
    .map(([k, v]) => `        <property name="${k}" value="${xml(v!)}"/>`)
    .join('\n');
  let inner = '';
  const expired = r.waiver?.expired ? ` (${waiverNote(r)})` : '';
  if (r.status === 'fail')
    inner = `      <failure message="${xml(`observed: ${r.observed}; expected: ${r.expected}${expired}`)}" type="${r.severity}">${xml(body(r))}</failure>\n`;
  else if (r.status === 'warn' && failOn === 'warn')
    inner = `      <failure message="${xml(`WARNING: observed: ${r.observed}; expected: ${r.expected}${expired}`)}" type="warn">${xml(body(r))}</failure>\n`;
  else if (r.status === 'error') inner = `      <error message="${xml(r.reason ?? 'could not be evaluated')}" type="error">${xml(body(r))}</error>\n`;
  else if (r.status === 'skip') inner = `      <skipped message="${xml(r.reason ?? 'not applicable')}"/>\n`;
  else if (r.status === 'waived') inner = `      <skipped message="${xml(waiverNote(r))}"/>\n`;
  else if (r.status === 'warn')
    inner = `      <system-out>${xml(`WARNING: observed: ${r.observed}; expected: ${r.expected}${expired}\n${body(r)}`)}</system-out>\n`;
  return `    <testcase name="${xml(`${r.id} [${r.host}]`)}" classname="${xml(`${r.phase}.${r.group}`)}" time="${secs(r.durationMs)}">\n      <properties>\n${props}\n      </properties>\n${inner}    </testcase>`;
}

/** junit.xml as chunks (one per testcase), streamed to the file by lib/report/write.ts. */
export function* junitChunks(file: ResultsFile, opts: { failOn?: 'error' | 'warn' } = {}): Generator<string> {
  const failOn = opts.failOn ?? file.failOn ?? 'error';
  const count = (rs: Result[]) => ({
    tests: rs.length,
    failures: rs.filter((r) => r.status === 'fail' || (failOn === 'warn' && r.status === 'warn')).length,
    errors: rs.filter((r) => r.status === 'error').length,
    skipped: rs.filter((r) => r.status === 'skip' || r.status === 'waived').length,
    time: secs(rs.reduce((a, r) => a + r.durationMs, 0)),
  });
  const attrs = (c: ReturnType<typeof count>) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${c.time}"`;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeadm-verify" ${attrs(count(file.results))}>\n`;
  for (const [i, p] of file.phases.entries()) {
    const rs = file.results.filter((r) => r.phase === p);
    yield `${i ? '\n' : ''}  <testsuite name="${p}" ${attrs(count(rs))} timestamp="${xml(file.startedAt)}">\n`;
    for (const [j, r] of rs.entries()) yield `${j ? '\n' : ''}${testcase(r, failOn)}`;
    yield '\n  </testsuite>';
  }
  yield '\n</testsuites>\n';
}

export function toJUnit(file: ResultsFile, opts: { failOn?: 'error' | 'warn' } = {}): string {
  return [...junitChunks(file, opts)].join('');
}
