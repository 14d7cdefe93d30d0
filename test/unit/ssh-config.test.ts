// ~/.ssh/config as OpenSSH reads it: Include (globs, relative to ~/.ssh), Match host, wildcard Host, tokens,
// first value wins.
// Stand-ins: none (config files in a temporary directory, read by the real parser).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupSshConfig, readSshConfig } from '../../lib/transport/ssh-config.ts';

describe('ssh_config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kv-sshcfg-'));
  mkdirSync(join(dir, 'config.d'));
  writeFileSync(join(dir, 'config.d', '10-lab'), 'Host node-*\n  User ops\n  IdentityFile ~/.ssh/%h_%r_%p\n');
  writeFileSync(join(dir, 'config.d', '20-other'), 'Host node-9\n  User never-used\n');
  writeFileSync(
    join(dir, 'config'),
    [
      'Include config.d/*',
      'Match host node-7',
      '  Port 2207',
      'Host node-* !node-9',
      '  Port 2200',
      '  HostName %h.lab.example',
      '  ProxyJump jump@bastion:22',
      'Match exec "touch /tmp/kv-should-never-exist"',
      '  User exec-ran',
      'Host *',
      '  User fallback',
      '  Port 22',
      '',
    ].join('\n'),
  );
  const text = readSshConfig(join(dir, 'config'));

  it('Include with a glob, first value wins across files and blocks, Match host', () => {
    // config.d/10-lab comes first (sorted), so its User wins over Host *; Match host node-7 sets Port before Host node-*
    expect(lookupSshConfig(text, 'node-7')).toEqual({
      user: 'ops',
      port: 2207,
      hostName: 'node-7.lab.example',
      identityFile: join(homedir(), '.ssh/node-7.lab.example_ops_2207'),
      proxyJump: 'jump@bastion:22',
    });
    expect(lookupSshConfig(text, 'node-3')).toMatchObject({ user: 'ops', port: 2200 });
  });
  it('negated patterns and the Host * fallback; Match exec never runs', () => {
    expect(lookupSshConfig(text, 'node-9')).toMatchObject({ user: 'ops', port: 22 });
    expect(lookupSshConfig(text, 'db-1')).toEqual({ user: 'fallback', port: 22, hostName: undefined, identityFile: undefined, proxyJump: undefined });
    expect(existsSync('/tmp/kv-should-never-exist')).toBe(false);
  });
  it('no config file is an empty config', () => {
    expect(lookupSshConfig(readSshConfig(join(dir, 'missing')), 'x')).toEqual({});
  });
});
