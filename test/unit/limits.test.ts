// What a host may send: the probe output is split as it arrives, per-file / per-host / wire limits hold, and a
// fact whose file passed a limit is an `error` naming the file and its size — never a pass from a truncated copy.
// Stand-ins: the probe output is built in the test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFacts } from '../../lib/probe/facts.ts';
import { LIMITS, SectionSplitter, splitSections, type ProbeOutput } from '../../lib/probe/sections.ts';
import { ctxFor, host, judge, RECORDED } from '../helpers/facts.ts';

const N = 'recordednonce';
const view = (o: ProbeOutput) => JSON.stringify([[...o.sections.entries()], o.complete, o.unfinished]);
/** RECORDED with the content of one file block replaced */
const withFile = (path: string, content: string) => {
  const head = `@@KV${N} file ${path}@@\n`;
  const a = RECORDED.indexOf(head) + head.length;
  const b = RECORDED.indexOf(`\n@@KV${N} eof@@`, a);
  return RECORDED.slice(0, a) + content + RECORDED.slice(b);
};

describe('probe output limits', () => {
  it('split as it arrives, in any chunks, is the same as split at once', () => {
    const whole = view(splitSections(RECORDED, N));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 1, maxLength: 40 }), (cuts) => {
        const s = new SectionSplitter(N);
        let i = 0;
        for (let k = 0; i < RECORDED.length; k++) {
          const n = cuts[k % cuts.length]!;
          s.push(RECORDED.slice(i, i + n));
          i += n;
        }
        expect(view(s.end())).toBe(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('a long line without newlines (fed in small pieces) is kept exactly while under the limit', () => {
    const line = 'x'.repeat(200_000);
    const text = withFile('/etc/fstab', `# ${line}\nproc /proc proc defaults 0 0\n`);
    const s = new SectionSplitter(N);
    for (let i = 0; i < text.length; i += 777) s.push(text.slice(i, i + 777));
    const f = s.end().sections.get('fstab')!.files[0]!;
    expect(f.content).toBe(`# ${line}\nproc /proc proc defaults 0 0\n`);
  });

  it('a 50 MB /etc/fstab: the fstab fact is an error naming the file and its size; HOST-SWAP-FSTAB is error, not pass; memory stays flat', () => {
    const big = 'UUID=0f0f0f0f-0000-4000-8000-000000000000 /data ext4 defaults 0 2\n'.repeat(800_000); // 52.8 MB
    const text = withFile('/etc/fstab', big);
    const before = process.memoryUsage().heapUsed;
    const s = new SectionSplitter(N);
    for (let i = 0; i < text.length; i += 65536) s.push(text.slice(i, i + 65536));
    const out = s.end();
    const grew = process.memoryUsage().heapUsed - before;
    const { facts } = parseFacts(out, N);
    expect(facts.fstab).toEqual({
      ok: false,
      error: expect.stringMatching(/^\/etc\/fstab is 50\.4 MiB \(52800000 bytes\): more than the 4\.0 MiB a host may send per file/),
    });
    expect(facts.swaps.ok).toBe(true); // the other facts are judged as usual
    expect(out.bytes.kept).toBeLessThan(LIMITS.host);
    expect(grew).toBeLessThan(200 * 1024 * 1024); // the test's own 53 MB string aside, the splitter holds no copy
    const r = judge('HOST-SWAP-FSTAB', ctxFor([{ spec: host('h'), facts }]), 'h');
    expect(r.status).toBe('error');
    expect(r.reason ?? r.observed).toMatch(/\/etc\/fstab is 50\.4 MiB/);
  });

  it('past the per-host limit, later files are errors saying so; past the wire limit the probe is stopped', () => {
    const small = { file: 100_000, host: 20_000, wire: LIMITS.wire };
    const out = splitSections(RECORDED, N, small);
    const over = [...out.sections.values()].flatMap((x) => x.oversize ?? []);
    expect(over.some((o) => o.limit === 'host')).toBe(true);
    expect(out.bytes.kept).toBeLessThanOrEqual(20_000);
    const { facts } = parseFacts(out, N);
    expect(Object.values(facts).some((f) => typeof f === 'object' && f && 'error' in f && /the most kept per host/.test(String(f.error)))).toBe(true);

    const s = new SectionSplitter(N, { ...LIMITS, wire: 20_000 });
    let stopped = false;
    for (let i = 0; i < RECORDED.length && !stopped; i += 1000) stopped = !s.push(RECORDED.slice(i, i + 1000));
    expect(stopped).toBe(true);
    const cut = parseFacts(s.end(), N).facts;
    expect(cut.kubelet).toEqual({ ok: false, error: expect.stringMatching(/the most read from one host: the probe was stopped there/) });
  });
});
