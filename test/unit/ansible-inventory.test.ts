// Ansible/kubespray inventories (INI and YAML) read as kubeadm-verify inventories, on kubespray's sample layout.
// Stand-ins: the inventories are files in fixtures/inventory/kubespray (kubespray's sample layout, filled in) and temp files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../lib/config/inventory.ts';
import { ConfigError } from '../../lib/config/errors.ts';
import { jumpFromSshArgs } from '../../lib/config/ssh-args.ts';

const dir = resolve(new URL('../../fixtures/inventory/kubespray', import.meta.url).pathname);
const pick = (h: { name: string; address: string; user: string; port: number; roles: string[]; sudo: boolean; identityFile?: string }) => ({
  name: h.name,
  address: h.address,
  user: h.user,
  port: h.port,
  roles: h.roles,
  sudo: h.sudo,
  identityFile: h.identityFile,
});
const tmp = (name: string, text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'kv-ans-')), name);
  writeFileSync(p, text);
  return p;
};

describe('Ansible / kubespray inventories', () => {
  it('INI (kubespray inventory/sample layout): groups → roles, ansible_* → connection, group vars and group_vars/ applied', () => {
    const inv = loadInventory(join(dir, 'inventory.ini'));
    expect(inv.hosts.map(pick)).toEqual([
      // group_vars/all/all.yml: ansible_user ops; its templated key file ({{ … }}) is not taken
      { name: 'node1', address: '95.54.0.12', user: 'ops', port: 22, roles: ['control-plane'], sudo: true, identityFile: undefined },
      { name: 'node2', address: '95.54.0.13', user: 'ops', port: 2222, roles: ['control-plane'], sudo: true, identityFile: undefined },
      { name: 'node4', address: '95.54.0.15', user: 'deploy', port: 22, roles: ['worker'], sudo: true, identityFile: join(dir, 'keys/node4') },
      { name: 'node5', address: '95.54.0.16', user: 'ops', port: 22, roles: ['worker'], sudo: true, identityFile: undefined },
      { name: 'node6', address: '95.54.0.16', user: 'ops', port: 22, roles: ['worker'], sudo: true, identityFile: undefined },
    ]);
    // the bastion is in no kube group: not audited
    expect(inv.hosts.some((h) => h.name === 'bastion')).toBe(false);
  });
  it('YAML (all: hosts/children): stacked etcd is a control plane, an etcd-only host gets the etcd role', () => {
    const inv = loadInventory(join(dir, 'hosts.yaml'));
    expect(inv.hosts.map(pick)).toEqual([
      { name: 'node1', address: '95.54.0.12', user: 'ops', port: 22, roles: ['control-plane', 'worker'], sudo: false, identityFile: undefined },
      { name: 'node2', address: '95.54.0.13', user: 'ops', port: 2222, roles: ['control-plane', 'worker'], sudo: false, identityFile: undefined },
      { name: 'node3', address: '95.54.0.14', user: 'deploy', port: 22, roles: ['worker'], sudo: true, identityFile: undefined },
      { name: 'etcd4', address: '95.54.0.20', user: 'ops', port: 22, roles: ['etcd'], sudo: false, identityFile: undefined },
    ]);
  });
  it('without group_vars the user is the local one, as Ansible does; a name without ansible_host is its own address', () => {
    const inv = loadInventory(tmp('hosts.ini', '[kube_node]\nworker-1\n'));
    expect(inv.hosts.map(pick)).toEqual([
      { name: 'worker-1', address: 'worker-1', user: userInfo().username, port: 22, roles: ['worker'], sudo: false, identityFile: undefined },
    ]);
  });
  it('our own YAML is still ours; bad Ansible input names file and line', () => {
    const ours = loadInventory(tmp('inventory.yaml', 'hosts:\n  - { name: m, address: 10.0.0.1, roles: [control-plane] }\n'));
    expect(ours.hosts[0]).toMatchObject({ name: 'm', user: 'root' });
    const bad = tmp('inventory.ini', '[kube_node]\nworker-1 ansible_port=x22\nBad_Name ansible_host=1.2.3.4\n');
    expect(() => loadInventory(bad)).toThrow(ConfigError);
    expect(() => loadInventory(bad)).toThrow(`${bad}:2: hosts.0.port: expected an integer from 1 to 65535, got null`);
    const badName = tmp('inventory.ini', '[kube_node]\nBad_Name ansible_host=1.2.3.4\n');
    expect(() => loadInventory(badName)).toThrow(`${badName}:2: hosts.0.name: invalid value "Bad_Name" (lowercase RFC 1123 name, as kubeadm requires)`);
    const none = tmp('inventory.ini', '[bastion]\nb ansible_host=1.2.3.4\n[kube_node]\n');
    expect(() => loadInventory(none)).toThrow(/lists no hosts in kube_control_plane, kube_node or etcd/);
  });
});

describe('bastions and jump hosts in Ansible inventories', () => {
  it("kubespray's [bastion]: every node is reached through it, as kubespray's ssh-bastion.conf says (its user and port, the node's key)", () => {
    const inv = loadInventory(join(dir, 'inventory.ini'));
    expect(inv.hosts.map((h) => [h.name, h.jumpHost, h.jumpVia?.address, h.jumpVia?.user, h.jumpVia?.port, h.jumpVia?.identityFile])).toEqual([
      ['node1', 'bastion', '95.54.0.1', 'some_user', 22, undefined],
      ['node2', 'bastion', '95.54.0.1', 'some_user', 22, undefined],
      ['node4', 'bastion', '95.54.0.1', 'some_user', 22, join(dir, 'keys/node4')],
      ['node5', 'bastion', '95.54.0.1', 'some_user', 22, undefined],
      ['node6', 'bastion', '95.54.0.1', 'some_user', 22, undefined],
    ]);
    // no bastion group: direct connections
    expect(loadInventory(join(dir, 'hosts.yaml')).hosts.map((h) => h.jumpVia ?? h.jumpHost)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('ansible_ssh_common_args: ProxyCommand ssh -W and -J are read (never run), rank above the bastion; a node of the inventory is its jump host by name', () => {
    const inv = loadInventory(
      tmp(
        'inventory.ini',
        [
          '[bastion]',
          'bastion ansible_host=198.51.100.1 ansible_user=jump ansible_port=2022',
          '[kube_control_plane]',
          'cp1 ansible_host=10.0.0.1',
          `cp2 ansible_host=10.0.0.2 ansible_ssh_common_args='-o StrictHostKeyChecking=no -o ProxyCommand="ssh -W %h:%p -q -p 2200 -i /keys/gw ops@gw.example"'`,
          '[kube_node]',
          'w1 ansible_host=10.0.0.3 ansible_ssh_common_args="-J cp1"',
          "w2 ansible_host=10.0.0.4 ansible_ssh_extra_args='-o ProxyJump=none'",
        ].join('\n'),
      ),
    );
    const byName = Object.fromEntries(inv.hosts.map((h) => [h.name, h]));
    expect(byName.cp1!.jumpVia).toMatchObject({ name: 'bastion', address: '198.51.100.1', user: 'jump', port: 2022 });
    expect(byName.cp2!.jumpVia).toMatchObject({ name: 'gw.example', address: 'gw.example', user: 'ops', port: 2200, identityFile: '/keys/gw' });
    expect([byName.w1!.jumpHost, byName.w1!.jumpVia]).toEqual(['cp1', undefined]);
    // ProxyJump=none: no jump host at all, not even the bastion
    expect([byName.w2!.jumpHost, byName.w2!.jumpVia]).toEqual([undefined, undefined]);
  });
  it('a ProxyCommand that is not ssh -W, and a chain of jump hosts, are refused with the file and line', () => {
    const nc = tmp(
      'inventory.ini',
      `[kube_node]\nw1 ansible_host=10.0.0.3\nw2 ansible_host=10.0.0.4 ansible_ssh_common_args='-o ProxyCommand="nc -X connect -x proxy:3128 %h %p"'\n`,
    );
    expect(() => loadInventory(nc)).toThrow(
      `${nc}:3: w2: ansible_ssh_common_args: ProxyCommand "nc -X connect -x proxy:3128 %h %p": not an ssh command — understood: ssh -W %h:%p [-p port] [-i key] [-l user] [user@]host (the command is read, never run), or use ProxyJump`,
    );
    const remote = tmp('inventory.ini', `[kube_node]\nw1 ansible_host=10.0.0.3 ansible_ssh_common_args='-o ProxyCommand="ssh gw sh -c \\"nc %h %p\\""'\n`);
    expect(() => loadInventory(remote)).toThrow(/runs "sh -c nc %h %p" on the jump host/);
    const chain = tmp('inventory.ini', `[kube_node]\nw1 ansible_host=10.0.0.3 ansible_ssh_common_args="-J a@gw1,gw2:2222"\n`);
    expect(() => loadInventory(chain)).toThrow(
      `${chain}:2: w1: ansible_ssh_common_args: ProxyJump a@gw1,gw2:2222: a chain of jump hosts is not supported (one jump host)`,
    );
  });
});

describe('the jump host in ssh arguments (read, never run)', () => {
  it.each([
    ['-J ops@gw:2200', { host: 'gw', user: 'ops', port: 2200 }],
    ['-Jgw', { host: 'gw' }],
    ['-o ProxyJump=ssh://ops@gw:2200', { host: 'gw', user: 'ops', port: 2200 }],
    ['-o "ProxyJump [2001:db8::1]:22"', { host: '2001:db8::1', port: 22 }],
    ['-oProxyCommand="ssh -q -l ops -p 2022 gw nc %h %p"', { host: 'gw', user: 'ops', port: 2022 }],
    ["-o 'ProxyCommand=/usr/bin/ssh -o Port=2022 -o IdentityFile=/k -W [%h]:%p gw'", { host: 'gw', port: 2022, identityFile: '/k' }],
    ['-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null', undefined],
    ['-o ProxyCommand=none', 'none'],
  ])('%s', (args, want) => {
    expect(jumpFromSshArgs(args)).toEqual(want);
  });
  it.each([
    ['-o ProxyCommand="ssh gw"', /no -W %h:%p/],
    ['-o ProxyCommand="ssh -W %h:22 gw"', /-W %h:22: expected -W %h:%p/],
    ['-o ProxyCommand="ssh -J a -W %h:%p gw"', /a chain of jump hosts/],
    ['-o ProxyCommand="ssh -W %h:%p"', /no destination host/],
    ['-o ProxyCommand="ssh -W %h:%p gw', /unbalanced "/],
  ])('refused: %s', (args, re) => {
    expect(() => jumpFromSshArgs(args)).toThrow(re);
  });
});
