// Every usage and configuration mistake reads as one clear line (exit 2, no stack trace, nothing cut mid-word).
// Stand-ins: none (the real CLI, with bad files written to a temporary directory).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'kv-msg-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('one clear line per mistake', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'bad YAML: the line and column, no dangling colon',
      () => ['--inventory', file('bad.yaml', 'hosts:\n  - name: a\n    address: [1\n')],
      /^kubeadm-verify: \S+bad\.yaml:4: invalid YAML: .+ \(column 1\)$/,
    ],
    [
      '--compare on a file that is not JSON: said so, no excerpt cut mid-quote',
      () => ['--compare', file('notes.txt', 'hello "world" this is not json\n')],
      /^kubeadm-verify: \S+notes\.txt: not a results\.json of an earlier run \(not valid JSON\)$/,
    ],
    ['--compare on a missing file', () => ['--compare', join(dir, 'nope.json')], /^kubeadm-verify: \S+nope\.json: file not found$/],
    [
      'a kubeconfig without current-context: never "undefined"',
      () => ['--phase', 'postinstall', '--kubeconfig', file('kc', 'apiVersion: v1\nkind: Config\nclusters: []\n')],
      /^kubeadm-verify: \S+kc: no current-context and so no cluster to check \(kubectl --kubeconfig \S+ config use-context NAME sets one\)$/,
    ],
    [
      'a misspelt flag gets "did you mean"',
      () => ['--inventroy', 'x.yaml'],
      /^kubeadm-verify: unknown option --inventroy — did you mean --inventory\? \(see --help\)$/,
    ],
    ['a flag without its value', () => ['--inventory'], /^kubeadm-verify: --inventory needs a value \(see --help\)$/],
    [
      'a misspelt check ID gets "did you mean"',
      () => ['--skip', 'HOST-SWAPP'],
      /^kubeadm-verify: --skip HOST-SWAPP: no requirement has this ID — did you mean HOST-SWAP\? \(--list shows them all\)$/,
    ],
  ];
  for (const [what, args, line] of cases) {
    it(
      what,
      async () => {
        const r = await runCli(args(), { timeoutMs: 60_000 });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
        expect(r.stderr.trimEnd()).toMatch(line);
        expect(r.stderr).not.toMatch(/\n\s+at |undefined/);
      },
      60_000,
    );
  }
  it('--help has examples and the environment variables', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Examples:$/m);
    expect(r.stdout).toMatch(/^Environment:$/m);
    for (const v of [
      'KV_SSH_PASSPHRASE',
      'KV_SSH_PASSWORD',
      'KV_SUDO_PASSWORD',
      'SSH_AUTH_SOCK',
      'KV_REGISTRY_PASSWORD',
      'KUBECONFIG',
      'KV_ALLURE',
      'NO_COLOR',
    ])
      expect(r.stdout).toContain(v);
    for (const f of ['--list', '--check', '--skip', '--inventory', '--fail-on']) expect(r.stdout).toContain(f);
  });
});
