// Bad input is a usage error: exit 2, one line naming the file and line (or the directory), no stack trace, and
// nothing probed before it. `internal error` is kept for real bugs.
// Stand-ins: none (bad files written to a temporary directory).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../lib/config/inventory.ts';
import { makeDirs, prepareReportDir } from '../../lib/dirs.ts';
import { loadWaivers } from '../../lib/waivers.ts';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'kv-bad-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const BOMB = `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nhosts: *g\n`;

/** One line on stderr, no stack frame. */
const oneLine = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
  return lines[0]!;
};

describe('bad input', () => {
  it('a host entry without address names the file and the line of that entry', () => {
    expect(() => loadInventory(file('noaddr.yaml', 'hosts:\n  - name: a\n    address: 192.0.2.1\n  - name: b\n    roles: [worker]\n'))).toThrow(
      /noaddr\.yaml:4: hosts\.1\.address: expected a non-empty string, got nothing/,
    );
  });
  it('a YAML alias bomb is refused with file and line, not expanded', () => {
    const t0 = performance.now();
    expect(() => loadInventory(file('bomb.yaml', BOMB))).toThrow(/bomb\.yaml:2: YAML aliases expand too far/);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
  it('an impossible date is refused (2027-02-30 is not 2 March); a real one is kept', () => {
    const w = (d: string) => `waivers:\n  - id: HOST-SWAP\n    reason: r\n    expires: ${d}\n`;
    expect(() => loadWaivers(file('w1.yaml', w('2027-02-30')))).toThrow(/w1\.yaml:4: waivers\.0\.expires: not a date: 2027-02-30/);
    expect(() => loadWaivers(file('w2.yaml', w('2027-13-01')))).toThrow(/not a date/);
    expect(loadWaivers(file('w3.yaml', w('2028-02-29')))[0]!.expires).toBe('2028-02-29');
  });
  it("makeDirs ends on a path under /proc, a dangling symlink and a file parent (Node's recursive mkdir spins for ever there)", () => {
    expect(() => makeDirs('/proc/kv-nope/.run')).toThrow(/ENOENT/);
    const f = file('plain', '');
    expect(() => makeDirs(join(f, 'sub'))).toThrow(/ENOTDIR/);
    makeDirs(join(dir, 'x/y/z'));
    makeDirs(join(dir, 'x/y/z'));
    expect(prepareReportDir(join(dir, 'x/y/z'))).toBeUndefined();
    const ro = join(dir, 'ro');
    makeDirs(ro);
    chmodSync(ro, 0o500);
    if (process.getuid?.() !== 0) expect(prepareReportDir(join(ro, 'r'))).toMatch(/not writable/);
  });

  it('CLI: --report-dir /proc/nope exits 2 at once with one line, before any probe', async () => {
    const run = await runCli([], { reportDir: '/proc/nope', timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/^kubeadm-verify: --report-dir \/proc\/nope: cannot be created here/);
    expect(run.ms).toBeLessThan(15_000);
  });
  it('CLI: a report dir whose parent is a file exits 2, one line', async () => {
    const run = await runCli([], { reportDir: join(file('parent-file', ''), 'reports'), timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/--report-dir .*parent-file\/reports: .*not a directory/);
  });
  it('CLI: an alias bomb and an impossible waiver date exit 2 with file:line, no stack trace', async () => {
    const bomb = await runCli(['--inventory', file('bomb-cli.yaml', BOMB)], { timeoutMs: 30_000 });
    expect(bomb.code).toBe(2);
    expect(oneLine(bomb.stderr)).toMatch(/bomb-cli\.yaml:2: YAML aliases expand too far/);
    const inv = file('inv-ok.yaml', 'hosts:\n  - { name: a, address: 192.0.2.1 }\n');
    const w = await runCli(['--inventory', inv, '--waivers', file('w-cli.yaml', 'waivers:\n  - id: HOST-SWAP\n    reason: r\n    expires: 2027-02-30\n')], {
      timeoutMs: 30_000,
    });
    expect(w.code).toBe(2);
    expect(oneLine(w.stderr)).toMatch(/w-cli\.yaml:4: waivers\.0\.expires: not a date: 2027-02-30/);
  });
});
