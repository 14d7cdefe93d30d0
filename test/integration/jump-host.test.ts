// A host reached only through a jump host that is not audited: kubespray's [bastion], ansible_ssh_common_args with
// ProxyCommand "ssh -W %h:%p …", and ~/.ssh/config ProxyJump to a host outside the inventory — from the inventory
// file to the probe's facts, through ssh2's forwardOut on the bastion's connection. Stopping the bastion's sshd
// makes the host unreachable, so the connection did go through it.
// Stand-ins: none (two real OpenSSH servers on loopback, test/helpers/sshd.ts: the bastion and the node; HOME is a
// temporary directory holding the known_hosts file for both).
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadInventory } from '../../lib/config/inventory.ts';
import { gatherHosts } from '../../lib/run/gather-hosts.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';

let bastion: TestSshd;
let node: TestSshd;
let dir: string;
/** the bastion's client key, kept outside its sshd's directory (removed when that sshd stops) */
let bastionKey: string;
beforeAll(async () => {
  [bastion, node] = await Promise.all([startSshd(), startSshd()]);
  dir = mkdtempSync(join(tmpdir(), 'kv-jump-'));
  // HOME: the known_hosts both connections are checked against (the bastion's leg uses the node's file, as ssh -J)
  mkdirSync(join(dir, '.ssh'), { mode: 0o700 });
  writeFileSync(join(dir, '.ssh/known_hosts'), readFileSync(bastion.knownHosts, 'utf8') + readFileSync(node.knownHosts, 'utf8'));
  bastionKey = join(dir, 'bastion_key');
  copyFileSync(bastion.clientKey, bastionKey);
  chmodSync(bastionKey, 0o600);
  vi.stubEnv('HOME', dir);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([bastion?.stop(), node?.stop()]);
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function probe(inventory: string) {
  const inv = loadInventory(inventory);
  const [g] = await gatherHosts(inv.hosts, {
    nonce: 'jumpnonce',
    resolveNames: [],
    postinstall: false,
    acceptNewHostKeys: false,
    concurrency: 4,
    inventory: inv.hosts,
  });
  return { host: inv.hosts[0]!, gathered: g! };
}

describe('jump hosts outside the inventory (two sshd on loopback)', () => {
  it("kubespray's [bastion]: the node is probed through it; the bastion is not audited", async () => {
    const inv = file(
      'bastion.ini',
      [
        '[bastion]',
        `bastion ansible_host=127.0.0.1 ansible_port=${bastion.port} ansible_user=root ansible_ssh_private_key_file=${bastionKey}`,
        '[kube_node]',
        `node1 ansible_host=127.0.0.1 ansible_port=${node.port} ansible_user=root ansible_ssh_private_key_file=${node.clientKey}`,
      ].join('\n'),
    );
    const { host, gathered } = await probe(inv);
    expect(host).toMatchObject({ name: 'node1', jumpHost: 'bastion', jumpVia: { address: '127.0.0.1', port: bastion.port, identityFile: bastionKey } });
    expect(gathered.error).toBeUndefined();
    expect(gathered.facts?.hostname.ok).toBe(true);
    expect(gathered.roundTrips).toBe(1);
  });

  it('ansible_ssh_common_args ProxyCommand "ssh -W %h:%p -p PORT -i KEY user@host": read, not run, and connected through', async () => {
    const inv = file(
      'proxycommand.ini',
      [
        '[kube_node]',
        `node1 ansible_host=127.0.0.1 ansible_port=${node.port} ansible_user=root ansible_ssh_private_key_file=${node.clientKey} ansible_ssh_common_args='-o ProxyCommand="ssh -o StrictHostKeyChecking=no -W %h:%p -p ${bastion.port} -i ${bastionKey} root@127.0.0.1"'`,
      ].join('\n'),
    );
    const { host, gathered } = await probe(inv);
    expect(host.jumpVia).toMatchObject({ name: '127.0.0.1', port: bastion.port, user: 'root' });
    expect(gathered.error).toBeUndefined();
    expect(gathered.facts?.hostname.ok).toBe(true);
  });

  it('~/.ssh/config ProxyJump to a host that is not in the inventory', async () => {
    const cfg = file(
      'ssh_config',
      `Host gw\n  HostName 127.0.0.1\n  Port ${bastion.port}\n  User root\n  IdentityFile ${bastionKey}\nHost node1\n  ProxyJump gw\n`,
    );
    const inv = file(
      'ours.yaml',
      `defaults: { sshConfigFile: ${cfg} }\nhosts:\n  - { name: node1, address: 127.0.0.1, port: ${node.port}, identityFile: ${node.clientKey} }\n`,
    );
    const { host, gathered } = await probe(inv);
    expect(host).toMatchObject({ jumpHost: 'gw', jumpVia: { address: '127.0.0.1', port: bastion.port } });
    expect(gathered.error).toBeUndefined();
    expect(gathered.facts?.hostname.ok).toBe(true);
  });

  it('the bastion down: the node is an error naming the jump host (so the probes above went through it)', async () => {
    const inv = file(
      'down.ini',
      [
        '[bastion]',
        `bastion ansible_host=127.0.0.1 ansible_port=${bastion.port} ansible_user=root ansible_ssh_private_key_file=${bastionKey}`,
        '[kube_node]',
        `node1 ansible_host=127.0.0.1 ansible_port=${node.port} ansible_user=root ansible_ssh_private_key_file=${node.clientKey}`,
      ].join('\n'),
    );
    await bastion.stop();
    const { gathered } = await probe(inv);
    expect(gathered.facts).toBeUndefined();
    expect(gathered.error).toMatch(/^unreachable: through jump host bastion: cannot connect to 127\.0\.0\.1:\d+: ECONNREFUSED/);
  });
});
