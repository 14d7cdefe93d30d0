// The run file: the suites judge the facts unredacted (a private, removed file); the evidence bundle is scrubbed.
// Stand-ins: none.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerSecret } from '../../lib/redact.ts';
import { readRunFile, writeJsonFile, writeRunFile, writeWorkerInput, type RunFile } from '../../lib/run/context-file.ts';
import { ctxFor, host } from '../helpers/facts.ts';

describe('run file', () => {
  it('writeJsonFile writes exactly what JSON.stringify would', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-json-'));
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const p = join(dir, 'v.json');
        writeJsonFile(p, v);
        expect(readFileSync(p, 'utf8')).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
    const p = join(dir, 'u.json');
    writeJsonFile(p, { a: undefined, b: [undefined, 1], c: { toJSON: () => 'x' } });
    expect(readFileSync(p, 'utf8')).toBe(JSON.stringify({ a: undefined, b: [undefined, 1], c: { toJSON: () => 'x' } }));
  });

  it('the suites read the facts as gathered; the evidence bundle has them scrubbed; the worker input is private and removed', () => {
    registerSecret('Reg-Value-PLANTED');
    const kubelet = 'bootstrap:\n  token: abcdef.0123456789abcdef\nnote: Reg-Value-PLANTED\n';
    const ctx = ctxFor([{ spec: host('n1') }]);
    ctx.extra = { cluster: { snapshot: { configMaps: { 'kubelet-config': { ok: true, data: { kubelet } } } } } };
    const run: RunFile = { version: 1, startedAt: 'now', phases: ['postinstall'], ctx };
    const bundle = join(mkdtempSync(join(tmpdir(), 'kv-run-')), '.run', 'context.json');
    writeRunFile(bundle, run);
    const b = readFileSync(bundle, 'utf8');
    expect(b).not.toContain('Reg-Value-PLANTED');
    expect(b).not.toContain('0123456789abcdef');
    expect(statSync(bundle).mode & 0o777).toBe(0o600);

    const w = writeWorkerInput(run);
    expect(statSync(w.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(w.path)).mode & 0o777).toBe(0o700);
    const back = readRunFile(w.path);
    expect(
      (back.ctx.extra.cluster as { snapshot: { configMaps: { 'kubelet-config': { data: { kubelet: string } } } } }).snapshot.configMaps['kubelet-config'].data
        .kubelet,
    ).toBe(kubelet);
    expect(back.secrets).toBeUndefined();
    w.remove();
    expect(existsSync(dirname(w.path))).toBe(false);
  });
});
