// Installed from a packed tarball, as a user gets it: `npm pack`, `npm install <tarball>` into an empty project,
// then `npx kubeadm-verify` on the machine's own Node — --version, --help, and a real run whose results.json
// follows the published schema. Catches what only an installed copy shows: files left out of the package, a
// dependency kept in devDependencies, an ESM/CommonJS interop that only vitest's transform hides.
// Stand-ins: none (a real npm pack, npm install and npx, auditing this machine).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.ts';
import { assertValidResults } from '../helpers/schema.ts';

describe('npm pack + npx kubeadm-verify', () => {
  it('installs from the tarball and runs on this Node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-pack-'));
    execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const files = execFileSync('tar', ['tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/bin/kubeadm-verify.js',
        'package/lib/cli/main.ts',
        'package/suites/preflight.test.ts',
        'package/vitest.config.ts',
        'package/docs/schema/results.schema.json',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/test/') || f.startsWith('package/lab/'))).toEqual([]); // the self-tests stay home
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "kv-pack-check", "version": "1.0.0", "private": true }\n');
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: app, stdio: 'ignore', timeout: 600_000 });
    const npx = (...args: string[]) =>
      spawnSync('npx', ['--no-install', 'kubeadm-verify', ...args], { cwd: app, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
    const v = npx('--version');
    expect(v.stderr).toBe('');
    expect(v.stdout.trim()).toBe(`kubeadm-verify ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`);
    expect(npx('--help').stdout).toMatch(/^Usage: npm test -- \[options\]/);
    const out = join(dir, 'report');
    const run = npx('--check', 'HOST-OS,HOST-CPU', '--report-dir', out);
    expect(run.status, run.stderr).not.toBe(2);
    expect(existsSync(join(out, 'results.json')), run.stderr).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: { id: string; status: string }[] };
    assertValidResults(results, 'packed run');
    expect(results.results.map((r) => r.id).sort()).toEqual(['HOST-CPU', 'HOST-OS']);
    expect(readdirSync(join(out, 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(2);
  }, 900_000);
});
