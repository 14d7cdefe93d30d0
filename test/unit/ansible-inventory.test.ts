// Ansible/kubespray inventories (INI and YAML) read as kubeadm-verify inventories, on kubespray's sample layout.
// Stand-ins: the inventories are files in fixtures/inventory/kubespray (kubespray's sample layout, filled in) and temp files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../lib/config/inventory.ts';
import { ConfigError } from '../../lib/config/errors.ts';

const dir = resolve(new URL('../../fixtures/inventory/kubespray', import.meta.url).pathname);
const pick = (h: { name: string; address: string; user: string; port: number; roles: string[]; sudo: boolean; identityFile?: string }) => ({ name: h.name, address: h.address, user: h.user, port: h.port, roles: h.roles, sudo: h.sudo, identityFile: h.identityFile });
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
    expect(inv.hosts.map(pick)).toEqual([{ name: 'worker-1', address: 'worker-1', user: userInfo().username, port: 22, roles: ['worker'], sudo: false, identityFile: undefined }]);
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
