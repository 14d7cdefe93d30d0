// The parsers every reference host is built through (lib/facts/containerd.ts, fstab.ts, packages.ts, services.ts),
// pinned whole (toStrictEqual: a key set to undefined is not a key left out) on the files real tools write. Written
// against the mutants StrykerJS left alive (docs/mutation/2026-12-04-parsers-*.txt).
// Stand-ins: none. config.toml: the recorded `containerd config default` of 1.6 and 2.0 (fixtures/recorded/), the
// reference design's files (fixtures/containerd/), and, inline, a version-1 file in containerd 1.2's
// `containerd config default` layout (abridged to the CRI tables) and the runtime tables `nvidia-ctk runtime configure
// --set-as-default` and kata-containers' install guide add; certs.d hosts.toml as containerd's hosts.md writes them;
// rpm -q, dpkg-query -W and systemctl show lines in the probe's formats (fixtures/recorded/rpm/ where recorded).
import { describe, expect, it } from 'vitest';
import { parseContainerdConfig, parseHostsToml } from '../../lib/facts/containerd.ts';
import { parseFstab } from '../../lib/facts/fstab.ts';
import { parseSnapList, upstreamVersion } from '../../lib/facts/packages.ts';
import { parseServices } from '../../lib/facts/services.ts';
import { scrub } from '../../lib/redact.ts';
import { fx } from '../helpers/reference.ts';

const V2 = 'plugins."io.containerd.grpc.v1.cri"';
const V3RT = 'plugins."io.containerd.cri.v1.runtime".containerd.runtimes';

describe('containerd config.toml, schema by schema', () => {
  it("containerd 1.6's recorded default (version 2): every field, no config_path for an empty one, no mirrors", () => {
    expect(parseContainerdConfig(fx('recorded/containerd-1.6-default.toml'))).toStrictEqual({
      version: 2,
      criPath: V2,
      sandboxImage: { value: 'registry.k8s.io/pause:3.6', key: `${V2}.sandbox_image` },
      systemdCgroup: [{ runtime: 'runc', value: false, key: `${V2}.containerd.runtimes.runc.options.SystemdCgroup` }],
      defaultRuntime: 'runc',
      mirrors: {},
      configs: {},
      unknownRegistryKeys: [],
    });
  });
  it("containerd 2.0's default (version 3): pinned sandbox image, the cri.v1.runtime tables, SystemdCgroup absent", () => {
    expect(parseContainerdConfig(fx('recorded/containerd-2.0-default.toml'))).toStrictEqual({
      version: 3,
      criPath: 'plugins."io.containerd.cri.v1.images"',
      sandboxImage: { value: 'registry.k8s.io/pause:3.10', key: 'plugins."io.containerd.cri.v1.images".pinned_images.sandbox' },
      systemdCgroup: [{ runtime: 'runc', value: undefined, key: `${V3RT}.runc.options.SystemdCgroup` }],
      defaultRuntime: 'runc',
      mirrors: {},
      configs: {},
      unknownRegistryKeys: [],
    });
  });
  it('the reference design (version 2): both mirrors, the TLS section of the registry address, no auth', () => {
    const c = parseContainerdConfig(fx('containerd/reference-v2.toml'));
    expect(c.mirrors).toStrictEqual({ 'docker.io': ['https://192.168.88.3:443'], 'harbor:443': ['https://192.168.88.3:443'] });
    expect(c.configs).toStrictEqual({ '192.168.88.3:443': { hasTls: true, insecureSkipVerify: undefined, auth: undefined } });
    expect(c.configPath).toBeUndefined();
    expect('configPath' in c).toBe(false);
  });
  it('the reference design (version 3): config_path read, the sandbox pinned image, no default_runtime_name needed', () => {
    const c = parseContainerdConfig(fx('containerd/reference-v3.toml'));
    expect(c).toMatchObject({ version: 3, configPath: '/etc/containerd/certs.d', sandboxImage: { value: 'harbor:443/k8s/pause:3.9' }, defaultRuntime: 'runc' });
  });
  it("version 1 (no version key, containerd 1.2's layout): plugins.cri, no runtimes table, the default runtime runc", () => {
    const text = [
      'root = "/var/lib/containerd"',
      'state = "/run/containerd"',
      'oom_score = 0',
      '[plugins]',
      '  [plugins.cri]',
      '    stream_server_address = "127.0.0.1"',
      '    sandbox_image = "k8s.gcr.io/pause:3.1"',
      '    systemd_cgroup = false',
      '    [plugins.cri.containerd]',
      '      snapshotter = "overlayfs"',
      '      no_pivot = false',
      '      [plugins.cri.containerd.default_runtime]',
      '        runtime_type = "io.containerd.runtime.v1.linux"',
      '        runtime_engine = ""',
      '    [plugins.cri.registry]',
      '      [plugins.cri.registry.mirrors]',
      '        [plugins.cri.registry.mirrors."docker.io"]',
      '          endpoint = ["https://registry-1.docker.io"]',
      '',
    ].join('\n');
    expect(parseContainerdConfig(text)).toStrictEqual({
      version: 1,
      criPath: 'plugins."cri"',
      sandboxImage: { value: 'k8s.gcr.io/pause:3.1', key: 'plugins."cri".sandbox_image' },
      systemdCgroup: [],
      defaultRuntime: 'runc',
      mirrors: { 'docker.io': ['https://registry-1.docker.io'] },
      configs: {},
      unknownRegistryKeys: [],
    });
  });
  it('runtimes: the default one named (nvidia), every runc-type runtime listed, kata skipped, a quoted "true" is no boolean', () => {
    const text = `version = 2
[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "harbor:443/k8s/pause:3.9"
    [plugins."io.containerd.grpc.v1.cri".containerd]
      default_runtime_name = "nvidia"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia]
          privileged_without_host_devices = false
          runtime_engine = ""
          runtime_root = ""
          runtime_type = "io.containerd.runc.v2"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]
            BinaryName = "/usr/bin/nvidia-container-runtime"
            SystemdCgroup = true
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            SystemdCgroup = "true"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]
          runtime_type = "io.containerd.kata.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.custom]
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.custom.options]
            SystemdCgroup = false
`;
    const c = parseContainerdConfig(text);
    expect(c.defaultRuntime).toBe('nvidia');
    expect(c.systemdCgroup).toStrictEqual([
      { runtime: 'nvidia', value: true, key: `${V2}.containerd.runtimes.nvidia.options.SystemdCgroup` },
      { runtime: 'runc', value: undefined, key: `${V2}.containerd.runtimes.runc.options.SystemdCgroup` },
      // no runtime_type: containerd's default type (runc v2)
      { runtime: 'custom', value: false, key: `${V2}.containerd.runtimes.custom.options.SystemdCgroup` },
    ]);
    expect(c.sandboxImage).toStrictEqual({ value: 'harbor:443/k8s/pause:3.9', key: `${V2}.sandbox_image` });
    // a default runtime name that is not a string is not taken; no runtimes table means none listed
    expect(parseContainerdConfig(`version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\ndefault_runtime_name = 1\n`)).toMatchObject({
      defaultRuntime: 'runc',
      systemdCgroup: [],
    });
  });
  it('version 3 with its own default runtime (cri.v1.runtime containerd.default_runtime_name), and without one', () => {
    const head = `version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\n`;
    const rt = `[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.crun]\nruntime_type = 'io.containerd.runc.v2'\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.crun.options]\nBinaryName = '/usr/bin/crun'\nSystemdCgroup = true\n`;
    expect(parseContainerdConfig(`${head}default_runtime_name = 'crun'\n${rt}`)).toMatchObject({
      defaultRuntime: 'crun',
      systemdCgroup: [{ runtime: 'crun', value: true, key: `${V3RT}.crun.options.SystemdCgroup` }],
    });
    const none = parseContainerdConfig(`${head}${rt}`);
    expect(none.defaultRuntime).toBe('runc');
    expect('sandboxImage' in none).toBe(false);
    expect(parseContainerdConfig(`version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd]\ndefault_runtime_name = 2\n`).defaultRuntime).toBe('runc');
  });
  it('a version that is not a number is version 1; a sandbox image that is not a string is none', () => {
    const c = parseContainerdConfig(`version = "2"\n[plugins.cri]\nsandbox_image = 3\n`);
    expect(c.version).toBe(1);
    expect(c.criPath).toBe('plugins."cri"');
    expect('sandboxImage' in c).toBe(false);
    expect('sandboxImage' in parseContainerdConfig(`version = 3\n[plugins.'io.containerd.cri.v1.images'.pinned_images]\nsandbox = 3\n`)).toBe(false);
  });
  it('registry: config_path only when not empty, a mirror without endpoint has none, only the string endpoints', () => {
    const reg = (body: string) => parseContainerdConfig(`version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n${body}`);
    expect('configPath' in reg('config_path = ""\n')).toBe(false);
    expect('configPath' in reg('config_path = 0\n')).toBe(false);
    expect(reg('config_path = "/etc/containerd/certs.d:/etc/docker/certs.d"\n').configPath).toBe('/etc/containerd/certs.d:/etc/docker/certs.d');
    const m = reg(
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]\n[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]\nendpoint = ["https://192.168.88.3:443", 443]\n',
    );
    expect(m.mirrors).toStrictEqual({ 'docker.io': [], 'harbor:443': ['https://192.168.88.3:443'] });
    expect(reg('[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]\nendpoint = "https://192.168.88.3:443"\n').mirrors).toStrictEqual({
      'docker.io': [],
    });
  });
  it('registry.configs auth: which credentials are there (empty ones are not), the username; every value registered as a secret', () => {
    const c = parseContainerdConfig(`version = 2
[plugins."io.containerd.grpc.v1.cri".registry.configs."harbor:443".auth]
  username = "robot$k8s"
  password = ""
  auth = "cm9ib3Q6S2lsbC1BdXRoLVBMQU5URUQ="
[plugins."io.containerd.grpc.v1.cri".registry.configs."gcr.io".auth]
  identitytoken = "Kill-IdToken-PLANTED"
[plugins."io.containerd.grpc.v1.cri".registry.configs."quay.io".auth]
  password = "Kill-Pass-PLANTED"
  identitytoken = ""
  auth = ""
`);
    expect(c.configs).toStrictEqual({
      'harbor:443': {
        hasTls: false,
        insecureSkipVerify: undefined,
        auth: { username: 'robot$k8s', hasPassword: false, hasAuth: true, hasIdentityToken: false },
      },
      'gcr.io': { hasTls: false, insecureSkipVerify: undefined, auth: { username: undefined, hasPassword: false, hasAuth: false, hasIdentityToken: true } },
      'quay.io': { hasTls: false, insecureSkipVerify: undefined, auth: { username: undefined, hasPassword: true, hasAuth: false, hasIdentityToken: false } },
    });
    expect(scrub('a cm9ib3Q6S2lsbC1BdXRoLVBMQU5URUQ= b Kill-IdToken-PLANTED c Kill-Pass-PLANTED d robot$k8s')).toBe(
      'a <redacted> b <redacted> c <redacted> d robot$k8s',
    );
  });
  it('secrets anywhere in the file are registered: the deprecated registry.auths table, registrytoken, a token in headers', () => {
    const c = parseContainerdConfig(`version = 2
[plugins."io.containerd.grpc.v1.cri".registry.auths."https://gcr.io"]
  auth = "Kill-Auths-PLANTED"
[plugins."io.containerd.grpc.v1.cri".registry.configs."harbor:443".auth]
  registrytoken = "Kill-RegToken-PLANTED"
[plugins."io.containerd.grpc.v1.cri".registry.configs."harbor:443".tls]
  insecure_skip_verify = false
  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"
`);
    expect(c.configs['harbor:443']).toStrictEqual({
      hasTls: true,
      insecureSkipVerify: false,
      auth: { username: undefined, hasPassword: false, hasAuth: false, hasIdentityToken: false },
    });
    expect(c.unknownRegistryKeys).toEqual([]);
    expect(scrub('Kill-Auths-PLANTED Kill-RegToken-PLANTED /etc/containerd/certs.d/harbor-ca.crt')).toBe(
      '<redacted> <redacted> /etc/containerd/certs.d/harbor-ca.crt',
    );
    // key names are matched whole and in any case; other keys' values are evidence, not secrets
    parseContainerdConfig('[x]\nPassword = "Kill-Case-PLANTED"\nno_auth = "/etc/kill-file-path"\npassword_file = "/etc/kill-other-path"\n');
    expect(scrub('Kill-Case-PLANTED /etc/kill-file-path /etc/kill-other-path')).toBe('<redacted> /etc/kill-file-path /etc/kill-other-path');
  });
  it('no registry table: no unknown keys, no mirrors, no configs; a config_path that is not a string is none', () => {
    expect(parseContainerdConfig('version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "harbor:443/k8s/pause:3.9"\n')).toStrictEqual({
      version: 2,
      criPath: V2,
      sandboxImage: { value: 'harbor:443/k8s/pause:3.9', key: `${V2}.sandbox_image` },
      systemdCgroup: [],
      defaultRuntime: 'runc',
      mirrors: {},
      configs: {},
      unknownRegistryKeys: [],
    });
    const c = parseContainerdConfig('version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\nconfig_path = ["/etc/containerd/certs.d"]\n');
    expect('configPath' in c).toBe(false);
  });
});

describe('certs.d hosts.toml', () => {
  it('the registry from the directory name (_default is every registry), server, each host with skip_verify and capabilities', () => {
    const text = `server = "https://registry-1.docker.io"

[host."https://192.168.88.3:443"]
  capabilities = ["pull", "resolve"]
  skip_verify = true

[host."https://mirror.example:5000"]
  capabilities = ["pull"]
  ca = "/etc/containerd/certs.d/mirror-ca.crt"
`;
    expect(parseHostsToml('/etc/containerd/certs.d/docker.io/hosts.toml', text)).toStrictEqual({
      registry: 'docker.io',
      path: '/etc/containerd/certs.d/docker.io/hosts.toml',
      server: 'https://registry-1.docker.io',
      hosts: [
        { url: 'https://192.168.88.3:443', skipVerify: true, capabilities: ['pull', 'resolve'] },
        { url: 'https://mirror.example:5000', skipVerify: undefined, capabilities: ['pull'] },
      ],
    });
    expect(parseHostsToml('/etc/containerd/certs.d/_default/hosts.toml', '[host."https://192.168.88.3:443"]\nskip_verify = "yes"\n')).toStrictEqual({
      registry: '*',
      path: '/etc/containerd/certs.d/_default/hosts.toml',
      hosts: [{ url: 'https://192.168.88.3:443', skipVerify: undefined, capabilities: undefined }],
    });
  });
  it('only a server (no host table), a server that is not a string, and a file that is not TOML: its first message line', () => {
    expect(parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', 'server = "https://harbor:443"\n')).toStrictEqual({
      registry: 'harbor:443',
      path: '/etc/containerd/certs.d/harbor:443/hosts.toml',
      server: 'https://harbor:443',
      hosts: [],
    });
    expect('server' in parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', 'server = 443\n')).toBe(false);
    const bad = parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', 'server = "https://harbor:443\n[host."x"]\n');
    expect(bad).toMatchObject({ registry: 'harbor:443', hosts: [] });
    expect(bad.parseError).toMatch(/^\S.*\S$/);
    expect(bad.parseError).not.toContain('\n');
  });
});

describe('/etc/fstab: a line of one field', () => {
  it('a device alone (a line cut short): mount point, type and options empty, not undefined', () => {
    expect(parseFstab('/dev/sdb1\n')).toStrictEqual([{ line: 1, text: '/dev/sdb1', spec: '/dev/sdb1', file: '', type: '', options: '' }]);
  });
});

describe('packages: snap revisions, epochs', () => {
  it('snap list --all after `snap revert`: the newer revision listed last is the disabled one, the older one runs', () => {
    const text = [
      'Name     Version   Rev    Tracking       Publisher   Notes',
      'core20   20240111  2182   latest/stable  canonical✓  base',
      'core20   20240227  2264   latest/stable  canonical✓  base,disabled',
      'kubeadm  1.29.2    3360   1.29/stable    canonical✓  classic',
      'kubeadm  1.29.3    3370   1.29/stable    canonical✓  disabled,classic',
      'kubelet  1.29.1    3300   1.29/stable    canonical✓  classic',
      'kubelet  1.29.2    3361   1.29/stable    canonical✓  disabled',
      '',
    ].join('\n');
    expect(parseSnapList(text)).toStrictEqual({ core20: '20240111', kubeadm: '1.29.2', kubelet: '1.29.1' });
  });
  it('upstream version: an epoch of two digits is dropped too', () => {
    expect(upstreamVersion('10:1.29.2-1.1')).toBe('1.29.2');
  });
});

describe('services: sections cut short, truncated process names', () => {
  it('no @processes and no @wants block (the output cut off): none of either, not an empty name', () => {
    expect(parseServices('pid1=systemd\nsystemd=yes\n@unit kubelet\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n')).toStrictEqual({
      systemd: true,
      pid1: 'systemd',
      processes: [],
      wants: [],
      units: { kubelet: { active: 'active', enabled: 'enabled', method: 'systemctl' } },
    });
    const none = parseServices('pid1=tini\nsystemd=no\n');
    expect(none.processes).toStrictEqual([]);
    expect(none.wants).toStrictEqual([]);
    expect(none.units.kubelet).toStrictEqual({ active: 'inactive', enabled: 'unknown', method: 'process-list' });
  });
  it("without systemd: systemd-timesyncd runs as comm 'systemd-timesyn' (/proc/*/comm keeps 15 characters): active", () => {
    const s = parseServices('pid1=tini\nsystemd=no\n@processes\nsystemd-timesyn\n@wants\n');
    expect(s.units['systemd-timesyncd']).toStrictEqual({ active: 'active', enabled: 'unknown', method: 'process-list' });
  });
});
