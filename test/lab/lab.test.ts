// The lab itself (lab/lab.ts, lab/registry.ts, lab/scenario.ts, lab/cli.ts): 3 real sshd hosts + the registry,
// checked over real SSH with the system client, exactly as the verifier will see them; then nothing may be
// left behind. Needs root (namespaces); CI runs as root. Every wait is bounded.
// Stand-ins (lab/README.md "what is real and what is a stand-in"): stand-in daemons (sleep/socat under the real
// names), the dpkg status database, /proc/swaps, /proc/meminfo, /sys/module, /sys/class/dmi product_uuid, non-net
// sysctls, version-printing scripts in /usr/local/bin; sshd, the network namespaces, net.* sysctls and ports and the registry are real; this file checks each stand-in answers as documented.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labDown, labSshArgs, labUp, LAB_ROOT, type LabHandle, type LabHostSpec } from '../../lab/lab.ts';
import { loadScenario } from '../../lab/scenario.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const EXAMPLE = join(ROOT, 'test/lab/example-scenario.yaml');
const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the lab tests need root (namespaces); CI runs as root');
const d = isRoot ? describe : describe.skip;
const ID = 'lt';

/** Processes (ps -eo pid,args) that mention a path: what a lab leaves behind if down() missed something. */
const processesMentioning = (needle: string) =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'));
const netnsOf = (id: string) =>
  execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith(`kv-${id}-`));
const linksOf = (id: string) =>
  execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => new RegExp(`^\\d+: (kv${id}-|kvbr-${id}[@:])`).test(l));

describe('scenario files (lab/scenario.ts)', () => {
  it('merges extends → template → own fields → overrides: objects deep, arrays replaced; adds /etc/hosts and /etc/hostname', () => {
    const sc = loadScenario(EXAMPLE);
    expect(sc.description).toMatch(/^example/);
    const [master, worker] = sc.hosts;
    expect(master!.files!['/etc/os-release']).toContain('ID=debian'); // from `base`, two levels up
    expect(master!.files!['/var/lib/kubelet/config.yaml']).toContain('cgroupDriver: systemd');
    expect(master!.sysctls).toEqual({ 'net.ipv4.ip_forward': '1', 'net.bridge.bridge-nf-call-iptables': '1' });
    expect(worker!.sysctls).toEqual({ 'net.ipv4.ip_forward': '0', 'net.bridge.bridge-nf-call-iptables': '1' }); // override merged into the object
    expect(worker!.files!['/etc/fstab']).toContain('/dev/vdb2 none swap');
    expect(worker!.files!['/etc/os-release']).toContain('ID=debian'); // a sibling key of the override survives
    expect(worker!.listen).toEqual([10250]);
    expect(master!.listen).toBeUndefined();
    expect(master!.files!['/etc/hosts']).toMatch(/10\.200\.0\.3 harbor\n10\.200\.1\.1 master\n10\.200\.1\.2 worker-1\n/);
    expect(master!.files!['/etc/hostname']).toBe('master\n');
    expect(sc.expect['HOST-SWAP']).toEqual({ 'worker-1': 'fail' });
  });

  it('replaces arrays instead of concatenating them, and refuses unknown fields and templates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-scn-'));
    const f = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    const sc = loadScenario(
      f('arrays.yaml', 'templates:\n  t: { modules: [a, b], processes: [containerd] }\nhosts:\n  - { name: h, template: t, overrides: { modules: [c] } }\n'),
    );
    expect(sc.hosts[0]!.modules).toEqual(['c']);
    expect(sc.hosts[0]!.processes).toEqual(['containerd']);
    expect(() => loadScenario(f('typo.yaml', 'hosts:\n  - { name: h, proceses: [x] }\n'))).toThrow(/unknown field "proceses"/);
    expect(() => loadScenario(f('tpl.yaml', 'hosts:\n  - { name: h, template: nope }\n'))).toThrow(/unknown template nope/);
    expect(() => loadScenario(f('cycle.yaml', 'templates:\n  a: { extends: b }\n  b: { extends: a }\nhosts:\n  - { name: h, template: a }\n'))).toThrow(
      /cycle/,
    );
  });

  it('accepts the project fleet scenario', () => {
    const sc = loadScenario(join(ROOT, 'fixtures/scenarios/preflight-fleet.yaml'));
    expect(sc.hosts.length).toBeGreaterThan(5);
    expect(sc.hosts.find((h) => h.name === 'node-swap')!.swaps).toHaveLength(1);
  });
});

d('lab hosts over real SSH, and the registry', () => {
  let lab: LabHandle;
  let specs: LabHostSpec[];
  let agent: Agent;
  let password: string;
  const spec = (name: string) => specs.find((h) => h.name === name)!;
  const addr = (name: string) => lab.hosts.find((h) => h.name === name)!.address;
  /** One command on a host through the system ssh client, the lab key and known_hosts, strict host keys. */
  const ssh = (name: string, command: string) => {
    const r = spawnSync('ssh', [...labSshArgs(lab, addr(name), ['-o', 'LogLevel=ERROR']), command], { encoding: 'utf8', timeout: 20_000 });
    if (r.error) throw r.error;
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const out = (name: string, command: string) => {
    const r = ssh(name, command);
    if (r.code !== 0) throw new Error(`${name}: ${command}: exit ${r.code}: ${r.err}`);
    return r.out;
  };

  beforeAll(async () => {
    specs = [
      ...loadScenario(EXAMPLE).hosts,
      {
        name: 'worker-2',
        hostname: 'wk2.example.internal',
        roles: ['worker'],
        mac: '02:42:ac:11:00:02',
        productUuid: '4C4C4544-0042-3010-8052-B4C04F4E3132',
        files: { '/etc/fstab': '# worker-2: no swap line at all\n', '/etc/containerd/certs.d/harbor:443/hosts.toml': 'server = "https://harbor:443"\n' },
        sysctls: {
          'net.ipv4.ip_forward': '1',
          'net.core.somaxconn': '1024',
          'net.netfilter.nf_conntrack_max': '131072',
          'vm.overcommit_memory': '1',
          'kernel.panic': '10',
        },
        processes: ['kubelet', 'firewalld', 'chronyd'],
        packages: { kubeadm: '1.28.9-1.1' },
        bin: ['kubeadm', 'crictl'],
      },
    ];
    // another engineer's lab may be up (labs share 10.200.0.0/16): wait for it, bounded
    lab = await labUp({ id: ID, hosts: specs, registry: { images: ['k8s/kube-apiserver:v1.29.2', 'k8s/pause:3.9', 'calico/node:v3.27.0'] }, waitMs: 240_000 });
    password = readFileSync(lab.registry!.passwordFile, 'utf8');
    agent = new Agent({ connect: { ca: readFileSync(lab.registryCaPath!, 'utf8'), timeout: 5000 }, headersTimeout: 10_000, bodyTimeout: 10_000 });
  }, 300_000);
  afterAll(async () => {
    await agent?.close();
    await labDown(ID);
  }, 60_000);

  it('writes the inventory in the public format, with the lab key and a known_hosts of every host key', () => {
    const inv = parse(readFileSync(lab.inventoryPath, 'utf8'));
    expect(inv.defaults).toEqual({ user: 'root', port: 22, identityFile: lab.identityFile, knownHostsFile: lab.knownHostsPath, connectTimeoutSeconds: 10 });
    expect(inv.hosts).toEqual([
      { name: 'master', address: '10.200.1.1', roles: ['control-plane'] },
      { name: 'worker-1', address: '10.200.1.2', roles: ['worker'] },
      { name: 'worker-2', address: '10.200.1.3', roles: ['worker'] },
    ]);
    const known = readFileSync(lab.knownHostsPath, 'utf8').trim().split('\n');
    expect(known.map((l) => l.split(' ')[0])).toEqual(['10.200.1.1', '10.200.1.2', '10.200.1.3']);
    expect(new Set(known.map((l) => l.split(' ')[2])).size).toBe(3); // a host key each
    for (const h of lab.hosts) expect(execFileSync('ip', ['netns', 'identify', String(h.pid)], { encoding: 'utf8' }).trim()).toBe(h.netns);
  });

  it('refuses a host whose key is not the one in known_hosts (strict checking really is on)', () => {
    const wrong = join(lab.dir, 'wrong_known_hosts');
    const lines = readFileSync(lab.knownHostsPath, 'utf8').trim().split('\n');
    writeFileSync(wrong, `10.200.1.1 ${lines[1]!.split(' ').slice(1).join(' ')}\n`); // worker-1's key under master's address
    const r = spawnSync('ssh', [...labSshArgs({ identityFile: lab.identityFile, knownHostsPath: wrong }, '10.200.1.1'), 'true'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });

  it('each host has its own hostname (UTS namespace)', () => {
    expect(out('master', 'hostname').trim()).toBe('master');
    expect(out('worker-1', 'hostname; uname -n').trim().split('\n')).toEqual(['worker-1', 'worker-1']);
    expect(out('worker-2', 'hostname').trim()).toBe('wk2.example.internal');
    expect(out('worker-1', 'cat /etc/hostname')).toBe('worker-1\n'); // written by the scenario loader
  });

  it('each host has its own eth0 and MAC, and only its own interfaces in /sys/class/net', () => {
    const macs = lab.hosts.map((h) => out(h.name, 'cat /sys/class/net/eth0/address').trim());
    expect(macs[2]).toBe('02:42:ac:11:00:02');
    expect(macs[0]).toMatch(/^02:6b:76:/); // the default: "kv"
    expect(new Set(macs).size).toBe(3);
    // what the host says is what the kernel has in its netns
    expect(execFileSync('ip', ['-n', lab.hosts[0]!.netns, '-o', 'link', 'show', 'eth0'], { encoding: 'utf8' })).toContain(macs[0]);
    expect(out('master', 'ls /sys/class/net').trim().split('\n')).toEqual(['eth0', 'lo']);
    expect(out('master', 'cat /sys/class/net/eth0/type; ip -4 -o addr show eth0')).toMatch(/^1\n.*inet 10\.200\.1\.1\/16/s);
  });

  it('each host has its own product_uuid, root-only as on real hardware', () => {
    const uuids = lab.hosts.map((h) => out(h.name, 'cat /sys/class/dmi/id/product_uuid').trim());
    expect(uuids[2]).toBe('4C4C4544-0042-3010-8052-B4C04F4E3132');
    expect(uuids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uuids).size).toBe(3);
    expect(out('master', 'stat -c %a /sys/class/dmi/id/product_uuid').trim()).toBe('400');
  });

  it("each host sees its own /etc (fstab, certs.d with a ':' in the path) and the rest of the real /etc", () => {
    for (const name of ['master', 'worker-1', 'worker-2']) expect(out(name, 'cat /etc/fstab')).toBe(spec(name).files!['/etc/fstab']);
    expect(out('worker-2', "cat '/etc/containerd/certs.d/harbor:443/hosts.toml'")).toBe('server = "https://harbor:443"\n');
    expect(ssh('master', "test -e '/etc/containerd/certs.d/harbor:443/hosts.toml'").code).toBe(1);
    expect(out('master', 'cat /etc/os-release')).toContain('VERSION_ID="12"');
    expect(out('master', 'getent passwd root')).toMatch(/^root:x:0:0:/); // the real /etc underneath
    expect(out('master', 'getent hosts harbor worker-1')).toMatch(/10\.200\.0\.3\s+harbor\n10\.200\.1\.2\s+worker-1/);
  });

  it('files outside /etc (here /var/lib/kubelet) exist only in the hosts that have them', () => {
    expect(out('master', 'cat /var/lib/kubelet/config.yaml')).toContain('kind: KubeletConfiguration');
    expect(ssh('worker-2', 'test -e /var/lib/kubelet/config.yaml').code).toBe(1);
    expect(out('master', 'ls /var/lib/dpkg/info | wc -l').trim()).not.toBe('0'); // the rest of /var/lib is the real one
  });

  it('/etc, /var/lib/dpkg and the stand-ins are read-only: a write fails and nothing changes on disk', () => {
    const before = readFileSync(join(lab.dir, 'hosts/master/fs/etc/fstab'), 'utf8');
    for (const cmd of [
      'echo x >> /etc/fstab',
      'touch /etc/kv-write-test',
      'mkdir /etc/kv-dir',
      'rm -f /etc/fstab',
      'echo x >> /var/lib/dpkg/status',
      'echo x > /proc/swaps',
      'touch /usr/local/bin/x',
    ]) {
      const r = ssh('master', cmd);
      expect(r.code, cmd).not.toBe(0);
      expect(r.err, cmd).toMatch(/Read-only file system/);
    }
    expect(readFileSync(join(lab.dir, 'hosts/master/fs/etc/fstab'), 'utf8')).toBe(before);
    expect(existsSync('/etc/kv-write-test')).toBe(false);
  });

  it('live sysctls: net.* per network namespace (real); vm.*/kernel.* as read-only stand-ins; the lab machine untouched', () => {
    const rootForward = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
    const rootOvercommit = readFileSync('/proc/sys/vm/overcommit_memory', 'utf8').trim();
    expect(out('master', 'cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/bridge/bridge-nf-call-iptables')).toBe('1\n1\n');
    expect(out('worker-1', 'sysctl -n net.ipv4.ip_forward')).toBe('0\n');
    expect(out('worker-2', 'sysctl -n vm.overcommit_memory kernel.panic')).toBe('1\n10\n');
    // somaxconn is per netns (set live); nf_conntrack_max is read-only outside the initial netns (a stand-in)
    expect(out('worker-2', 'cat /proc/sys/net/core/somaxconn /proc/sys/net/netfilter/nf_conntrack_max')).toBe('1024\n131072\n');
    expect(out('master', 'cat /proc/sys/net/netfilter/nf_conntrack_max')).toBe(readFileSync('/proc/sys/net/netfilter/nf_conntrack_max', 'utf8'));
    expect(out('worker-2', 'sysctl -q -w vm.overcommit_memory=0 2>/dev/null; cat /proc/sys/vm/overcommit_memory')).toBe('1\n');
    expect(out('master', 'cat /proc/sys/vm/overcommit_memory').trim()).toBe(rootOvercommit); // not set there: the real value
    expect(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim()).toBe(rootForward);
    expect(readFileSync('/proc/sys/vm/overcommit_memory', 'utf8').trim()).toBe(rootOvercommit);
  });

  it('/sys/module stand-in lists exactly the host’s modules', () => {
    expect(out('master', 'ls /sys/module').trim().split('\n')).toEqual(['br_netfilter', 'overlay']);
    expect(out('worker-2', 'ls /sys/module | wc -l').trim()).toBe('0');
    expect(ssh('master', 'test -r /proc/modules').code).toBe(1); // this kernel has none: the lab cannot fake "loaded" there
  });

  it('/proc/swaps and /proc/meminfo stand-ins', () => {
    expect(out('master', 'cat /proc/swaps').trim().split('\n')).toHaveLength(1);
    expect(out('worker-1', 'cat /proc/swaps')).toMatch(/^Filename\s+Type\s+Size\s+Used\s+Priority\n\/dev\/vdb2\s+partition\s+2097148\s+0\s+-2\n$/);
    expect(out('master', 'grep MemTotal /proc/meminfo')).toMatch(/^MemTotal:\s+4194304 kB$/m);
    expect(out('worker-1', 'grep MemTotal /proc/meminfo')).toBe(readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:.*$/m)![0] + '\n');
  });

  it("stand-in daemons run in the host's own PID namespace; containerd listens on its socket", () => {
    const comms = (name: string) => out(name, 'cat /proc/[0-9]*/comm').trim().split('\n');
    expect(comms('master')).toEqual(expect.arrayContaining(['containerd', 'systemd-timesyn', 'sshd']));
    expect(comms('worker-2')).toEqual(expect.arrayContaining(['kubelet', 'firewalld', 'chronyd']));
    expect(comms('worker-2')).not.toContain('containerd');
    expect(comms('master')).not.toContain('node'); // the test runner is not in there
    expect(out('master', 'cat /proc/1/comm').trim()).toBe('sshd');
    expect(out('worker-2', 'ps -e -o comm=')).toMatch(/^firewalld$/m);
    expect(Number(out('master', 'ps -e --no-headers | wc -l').trim())).toBeLessThan(15);
    expect(out('master', 'test -S /run/containerd/containerd.sock && echo socket')).toBe('socket\n');
    expect(out('master', 'ss -xlp')).toMatch(/\/run\/containerd\/containerd\.sock.*"containerd"/);
    expect(ssh('worker-2', 'test -e /run/containerd/containerd.sock').code).toBe(1);
  });

  it('the listen port is in use in that host only', () => {
    const tcp = (name: string) => out(name, 'cat /proc/net/tcp');
    expect(tcp('worker-1')).toMatch(/^\s*\d+: 00000000:280A 00000000:0000 0A /m); // 0.0.0.0:10250 LISTEN
    expect(tcp('master')).not.toMatch(/:280A 00000000:0000 0A/);
    expect(out('worker-1', 'ss -Htln')).toMatch(/0\.0\.0\.0:10250/);
  });

  it('dpkg-query answers with the stand-in packages, the real database underneath', () => {
    const q = (name: string, pkgs: string) => out(name, `dpkg-query -W -f='\${Package}\\t\${Version}\\t\${db:Status-Abbrev}\\n' ${pkgs}`);
    expect(q('master', 'kubeadm kubelet')).toBe('kubeadm\t1.29.2-1.1\tii \nkubelet\t1.29.2-1.1\tii \n');
    expect(q('worker-2', 'kubeadm')).toBe('kubeadm\t1.28.9-1.1\tii \n');
    expect(q('master', 'bash')).toMatch(/^bash\t\S+\tii $/m);
    expect(ssh('worker-2', 'dpkg-query -W kubelet').code).not.toBe(0);
  });

  it('stand-in executables in PATH print the package version; /usr/local/bin is per host', () => {
    expect(out('master', 'command -v kubeadm; kubeadm version -o short; kubelet --version')).toBe('/usr/local/bin/kubeadm\nv1.29.2\nKubernetes v1.29.2\n');
    expect(out('worker-2', 'kubeadm version -o short; crictl --version')).toBe('v1.28.9\ncrictl version v1.29.2\n');
    expect(out('worker-2', 'ls /usr/local/bin').trim().split('\n')).toEqual(['crictl', 'kubeadm']);
  });

  it('hosts reach each other and harbor by name over the lab network', () => {
    expect(out('master', `curl -sS -o /dev/null -w '%{http_code}' --max-time 5 --cacert ${lab.registryCaPath} https://harbor/v2/`)).toBe('401');
    expect(ssh('worker-1', `exec 3<>/dev/tcp/${addr('worker-2')}/22 && head -c 7 <&3`).out).toBe('SSH-2.0');
  });

  it('registry: the catalog and tags with basic auth over TLS from the lab CA; 401 without or with a wrong password', async () => {
    const url = lab.registry!.url;
    expect(url).toBe('https://10.200.0.3:443');
    const auth = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
    const cat = await request(`${url}/v2/_catalog`, { headers: auth(lab.registry!.user, password), dispatcher: agent });
    expect(cat.statusCode).toBe(200);
    expect(((await cat.body.json()) as { repositories: string[] }).repositories.sort()).toEqual(['calico/node', 'k8s/kube-apiserver', 'k8s/pause']);
    const tags = await request(`${url}/v2/k8s/kube-apiserver/tags/list`, { headers: auth(lab.registry!.user, password), dispatcher: agent });
    expect(await tags.body.json()).toEqual({ name: 'k8s/kube-apiserver', tags: ['v1.29.2'] });
    const man = await request(`${url}/v2/k8s/pause/manifests/3.9`, {
      method: 'HEAD',
      headers: { ...auth(lab.registry!.user, password), accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      dispatcher: agent,
    });
    await man.body.dump();
    expect(man.statusCode).toBe(200);
    expect(String(man.headers['docker-content-digest'])).toMatch(/^sha256:[0-9a-f]{64}$/);
    const anon = await request(`${url}/v2/_catalog`, { dispatcher: agent });
    await anon.body.dump();
    expect(anon.statusCode).toBe(401);
    expect(String(anon.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    const wrong = await request(`${url}/v2/_catalog`, { headers: auth(lab.registry!.user, 'wrong'), dispatcher: agent });
    await wrong.body.dump();
    expect(wrong.statusCode).toBe(401);
    // the password file is the owner's only; the certificate names harbor and the address
    expect((readFileSync(lab.registry!.passwordFile) && execFileSync('stat', ['-c', '%a', lab.registry!.passwordFile], { encoding: 'utf8' })).trim()).toBe(
      '600',
    );
    expect(
      execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', join(lab.dir, 'registry/tls/server.crt')], { encoding: 'utf8' }),
    ).toMatch(/DNS:harbor.*IP Address:10\.200\.0\.3/s);
  });

  it('registry.stop() takes it off the network; down() then leaves no namespace, link, process, state or directory', async () => {
    await lab.registry!.stop();
    const r = spawnSync('curl', ['-sS', '--max-time', '3', '--cacert', lab.registryCaPath!, 'https://10.200.0.3/v2/'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).not.toBe(0);
    const dir = lab.dir;
    await lab.down();
    expect(netnsOf(ID)).toEqual([]);
    expect(linksOf(ID)).toEqual([]);
    expect(processesMentioning(dir)).toEqual([]);
    expect(processesMentioning('docker-registry serve')).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(LAB_ROOT, '.state', `${ID}.json`))).toBe(false);
  }, 60_000);
});

d('lab CLI and down from a fresh process', () => {
  const CLI_ID = 'ltcli';
  afterAll(async () => {
    for (const id of [CLI_ID, 'ltx', 'ltcr', 'ltnew']) await labDown(id);
  }, 60_000);

  it('`up --hosts 2` prints the inventory and the lab outlives the CLI; `down <id>` in another process removes everything', async () => {
    const node = process.execPath;
    const up = spawnSync(node, ['--import', 'tsx', join(ROOT, 'lab/cli.ts'), 'up', '--hosts', '2', '--id', CLI_ID, '--wait', '240'], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(up.status, up.stderr).toBe(0);
    const inventory = up.stdout.trim();
    expect(inventory).toMatch(/inventory\.yaml$/);
    const inv = parse(readFileSync(inventory, 'utf8'));
    expect(inv.hosts.map((h: { name: string }) => h.name)).toEqual(['host-0', 'host-1']);
    expect(netnsOf(CLI_ID)).toHaveLength(2);
    // the process that started it is gone; its hosts are not
    const r = spawnSync(
      'ssh',
      [...labSshArgs({ identityFile: inv.defaults.identityFile, knownHostsPath: inv.defaults.knownHostsFile }, '10.200.1.2'), 'hostname'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.stdout).toBe('host-1\n');
    // a kept lab holds 10.200.0.0/16: another one fails at once (waitMs 0), naming it
    await expect(labUp({ id: 'ltx', hosts: [{ name: 'x' }], waitMs: 0 })).rejects.toThrow(new RegExp(`another lab is up \\(${CLI_ID}\\)`));
    const down = spawnSync(node, ['--import', 'tsx', join(ROOT, 'lab/cli.ts'), 'down', CLI_ID], { encoding: 'utf8', timeout: 60_000 });
    expect(down.status, down.stderr).toBe(0);
    expect(netnsOf(CLI_ID)).toEqual([]);
    expect(linksOf(CLI_ID)).toEqual([]);
    expect(processesMentioning(`kv-lab-${CLI_ID}`)).toEqual([]);
    expect(existsSync(resolve(inventory, '..'))).toBe(false);
    expect(readdirSync(join(LAB_ROOT, '.state')).filter((f) => f.startsWith(CLI_ID))).toEqual([]);
  }, 360_000);

  it('a lab whose process died without down() (a crashed test) is cleaned up by the next labUp', async () => {
    const crash = `import { labUp } from ${JSON.stringify(join(ROOT, 'lab/lab.ts'))};\nconst lab = await labUp({ id: 'ltcr', hosts: [{ name: 'orphan' }], waitMs: 240_000 });\nconsole.log(lab.dir);\nprocess.exit(0);\n`;
    // .mts: outside the project (no package.json of type module) tsx would load a .ts as CommonJS, without top-level await
    const script = join(mkdtempSync(join(tmpdir(), 'kv-crash-')), 'crash.mts');
    writeFileSync(script, crash);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const orphanDir = r.stdout.trim();
    expect(netnsOf('ltcr')).toHaveLength(1); // left behind, its owner gone
    const lab = await labUp({ id: 'ltnew', hosts: [{ name: 'fresh' }], waitMs: 0 });
    try {
      expect(netnsOf('ltcr')).toEqual([]);
      expect(processesMentioning(orphanDir)).toEqual([]);
      expect(existsSync(orphanDir)).toBe(false);
      expect(lab.hosts[0]!.address).toBe('10.200.1.1');
    } finally {
      await lab.down();
    }
  }, 360_000);
});
