// lib/kubeadm/versions.ts against sources that are not the table itself:
//  - fixtures/kubeadm/images-list/kubeadm-v1.29.15/ and kubeadm-v1.34.12/: real output of kubeadm binaries built from
//    the Go modules k8s.io/kubernetes@v1.29.15 and @v1.34.12 (COMMANDS there says how, with their sha256);
//  - fixtures/kubeadm/sources-read.txt: one line per kubernetes/kubernetes tag read by fixtures/kubeadm/read-tag.sh
//    (constants.go, images.go, defaults.go of the tag); the table is generated from it, this guards hand edits;
//  - fixtures/kubeadm/release-notes.txt: statements of the release notes (CHANGELOG-1.x.md), written by people,
//    not derived from the constants.
// Stand-ins: none — the fixtures are recorded real output and text read at the tags; the profile test writes a temp file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_ROWS } from '../../lib/kubeadm/image-table.ts';
import {
  ALL_COMPONENT_HEALTH_URLS,
  CONTROL_PLANE_TAINT_KEY,
  FIRST_MINOR,
  componentHealthUrls,
  dockerVersionVerdict,
  KNOWN_MINORS,
  LAST_MINOR,
  MASTER_TAINT_KEY,
  UnknownKubeadmVersionError,
  kernelAccepted,
  kubeadmFacts,
} from '../../lib/kubeadm/versions.ts';

const FIX = join(import.meta.dirname, '../../fixtures/kubeadm');
const real = (f: string) => readFileSync(join(FIX, 'images-list/kubeadm-v1.29.15', f), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const refs = (version: string, repo?: string, target?: string) =>
  kubeadmFacts(version)
    .images(repo, target)
    .map((i) => i.ref);

const BINARIES = readdirSync(join(FIX, 'images-list'))
  .filter((d) => d.startsWith('kubeadm-v'))
  .map((d) => d.slice('kubeadm-v'.length));
describe.each(BINARIES)('the image table against a real kubeadm v%s binary', (v) => {
  const out = (f: string) => readFileSync(join(FIX, 'images-list', `kubeadm-v${v}`, f), 'utf8');
  it('is the binary it claims to be', () => expect(out('COMMANDS')).toContain(`"gitVersion":"v${v}"`));
  it('config images list --kubernetes-version of its own version', () => expect(refs(v)).toEqual(lines(out(`v${v}.txt`))));
  it('… --image-repository harbor:443/k8s', () => expect(refs(v, 'harbor:443/k8s')).toEqual(lines(out(`v${v}--harbor.txt`))));
  it('… --image-repository k8s.gcr.io', () => expect(refs(v, 'k8s.gcr.io')).toEqual(lines(out(`v${v}--k8s.gcr.io.txt`))));
  it('config print init-defaults: CRI socket, image repository, API port', () => {
    const d = out('init-defaults.yaml');
    const f = kubeadmFacts(v);
    expect(d).toContain(`criSocket: ${f.defaultCriSocket()}`);
    expect(d).toContain(`imageRepository: ${f.defaultImageRepository()}`);
    expect(d).toContain(`bindPort: ${f.ports.apiserver}`);
  });
});

describe('the image table against a real kubeadm v1.34.12 binary', () => {
  const out = (f: string) => readFileSync(join(FIX, 'images-list/kubeadm-v1.34.12', f), 'utf8');
  it('listing v1.34.1: tags follow the target, etcd 3.6.5-0 follows the binary (kubeadm 1.34.1 itself had 3.6.4-0)', () => {
    expect(refs('1.34.12', undefined, 'v1.34.1')).toEqual(lines(out('v1.34.1.txt')));
    expect(kubeadmFacts('1.34.1').imageSet().etcd).toBe('3.6.4-0');
  });
  it('refuses a 1.32 control plane, as the table says', () => {
    expect(out('v1.32.13.txt')).toContain('control plane version >= 1.33.0');
    expect(kubeadmFacts('1.34.12').skew.kubeadmMinControlPlaneMinor).toBe(33);
  });
});

describe('the image table against a real kubeadm v1.29.15 binary', () => {
  it('there are real binaries recorded', () => expect(BINARIES).toEqual(expect.arrayContaining(['1.29.15', '1.34.12'])));
  it('prints exactly what `kubeadm config images list --kubernetes-version v1.29.15` printed', () => {
    expect(refs('v1.29.15')).toEqual(lines(real('v1.29.15.txt')));
  });
  it('with --image-repository harbor:443/k8s (CoreDNS loses its coredns/ sub-path off the default registry)', () => {
    expect(refs('v1.29.15', 'harbor:443/k8s')).toEqual(lines(real('v1.29.15--harbor.txt')));
  });
  it('with --image-repository k8s.gcr.io (only the default registry gets coredns/coredns)', () => {
    expect(refs('v1.29.15', 'k8s.gcr.io')).toEqual(lines(real('v1.29.15--k8s.gcr.io.txt')));
  });
  it('kubeadm 1.29.15 listing v1.29.2: tags follow the target, etcd follows the binary', () => {
    expect(refs('1.29.15', undefined, 'v1.29.2')).toEqual(lines(real('v1.29.2.txt')));
    // … which is not what kubeadm 1.29.2 itself lists: etcd was bumped in 1.29.3, 1.29.9 and ~1.29.14
    expect(kubeadmFacts('v1.29.2').imageSet().etcd).toBe('3.5.10-0');
    expect(real('v1.29.2.txt')).toContain('etcd:3.5.16-0');
  });
  it('init-defaults agree on the CRI socket, the image repository and the API port', () => {
    const d = real('init-defaults.yaml');
    const f = kubeadmFacts('v1.29.15');
    expect(d).toContain(`criSocket: ${f.defaultCriSocket()}`);
    expect(d).toContain(`criSocket: ${f.defaultCriSocket('containerd')}`);
    expect(d).toContain(`imageRepository: ${f.defaultImageRepository()}`);
    expect(d).toContain(`bindPort: ${f.ports.apiserver}`);
  });
  it('the skew kubeadm enforces: 1.29 refuses a 1.27 control plane, as the binary did', () => {
    expect(real('v1.27.16.txt')).toContain('control plane version >= 1.28.0');
    expect(kubeadmFacts('1.29.15').skew.kubeadmMinControlPlaneMinor).toBe(28);
  });
});

describe('the image table against the tags it was read from', () => {
  const read = lines(readFileSync(join(FIX, 'sources-read.txt'), 'utf8')).map((l) => l.split(' '));
  const ok = read.filter((f) => f[1] !== 'NA');
  it('covers every minor from 1.13 to 1.37, each at its .0 and at a last patch', () => {
    expect(ok.length).toBeGreaterThan(100);
    for (const m of KNOWN_MINORS) {
      expect(
        ok.some((f) => f[0] === `1.${m}.0`),
        `1.${m}.0 read`,
      ).toBe(true);
      expect(
        IMAGE_ROWS.some((r) => r.minor === m),
        `row for 1.${m}`,
      ).toBe(true);
    }
  });
  it.each(ok)('%s: etcd %s, coredns %s, pause %s, repository %s, coredns name %s (%s)', (version, etcd, coredns, pause, repo, name, rewrite) => {
    const s = kubeadmFacts(version).imageSet();
    expect(s).toMatchObject({ etcd: etcd.replace('(default)', ''), coredns, pause, defaultRepository: repo, corednsUnderOther: name, verified: true });
    expect(s.corednsUnderDefault).toBe(rewrite === 'rewrite' || name === 'coredns/coredns' ? 'coredns/coredns' : 'coredns');
  });
  it('a patch the proxy refused is answered, but flagged unverified', () => {
    const refused = read.filter((f) => f[1] === 'NA').map((f) => f[0]);
    expect(refused).toContain('1.29.12');
    const s = kubeadmFacts('1.29.12').imageSet();
    expect(s.verified).toBe(false);
    expect(s.note).toMatch(/could not be read/);
    expect(kubeadmFacts('1.34.99').imageSet()).toMatchObject({ verified: false, note: expect.stringMatching(/newer than the last patch read/) });
  });
});

describe('the image table against the release notes', () => {
  const notes = lines(readFileSync(join(FIX, 'release-notes.txt'), 'utf8')).filter((l) => !l.startsWith('#'));
  it('has the statements', () => expect(notes.length).toBeGreaterThanOrEqual(10));
  it.each(notes.map((l) => [l]))('%s', (line) => {
    const [section, component, stated] = line.split(' ');
    const s = kubeadmFacts(section).imageSet();
    const got = component === 'etcd' ? s.etcd : component === 'coredns' ? s.coredns : s.pause;
    // etcd images carry a -N build suffix; CoreDNS tags gained their "v" in 1.21
    expect(got.replace(/-\d+$/, '').replace(/^v/, '')).toBe(stated.replace(/^v/, ''));
  });
});

describe('version facts', () => {
  it('refuses what it does not know, with a clear message', () => {
    for (const v of ['1.12.10', 'v1.38.0', 'v2.0.0', 'banana', '']) expect(() => kubeadmFacts(v)).toThrow(UnknownKubeadmVersionError);
    expect(() => kubeadmFacts('1.38.0')).toThrow(/1\.13 through 1\.37/);
    expect(() => kubeadmFacts('1.29').images()).toThrow(/patch release/);
    expect(() => kubeadmFacts('1.29.2').images(undefined, 'v1.28.15')).toThrow(UnknownKubeadmVersionError);
    expect(kubeadmFacts('1.29').kubeletConfigMap).toBe('kubelet-config');
    expect(kubeadmFacts('v1.29.2-rc.0').version.text).toBe('1.29.2');
    expect([FIRST_MINOR, LAST_MINOR]).toEqual([13, 37]);
  });
  it('1.13 (document 001): images, taint, ConfigMap, insecure ports, dockershim', () => {
    const f = kubeadmFacts('v1.13.1');
    expect(f.images().map((i) => i.ref)).toEqual([
      'k8s.gcr.io/kube-apiserver:v1.13.1',
      'k8s.gcr.io/kube-controller-manager:v1.13.1',
      'k8s.gcr.io/kube-scheduler:v1.13.1',
      'k8s.gcr.io/kube-proxy:v1.13.1',
      'k8s.gcr.io/pause:3.1',
      'k8s.gcr.io/etcd:3.2.24',
      'k8s.gcr.io/coredns:1.2.6',
    ]);
    expect(f.taintKeys).toEqual([MASTER_TAINT_KEY]);
    expect(f.controlPlaneLabels).toEqual(['node-role.kubernetes.io/master']);
    expect(f.kubeletConfigMap).toBe('kubelet-config-1.13');
    expect(f.ports).toMatchObject({ schedulerInsecure: 10251, controllerManagerInsecure: 10252, probes: { scheduler: { port: 10251, scheme: 'HTTP' } } });
    expect(f.ports.controlPlaneListening).toEqual([6443, 2379, 2380, 10250, 10256, 10257, 10259, 10251, 10252]);
    expect(componentHealthUrls('1.13.1')).toEqual({
      'kube-scheduler': 'http://127.0.0.1:10251/healthz',
      'kube-controller-manager': 'http://127.0.0.1:10252/healthz',
    });
    expect(f.defaultCriSocket()).toBe('/var/run/dockershim.sock');
    expect(f.defaultCriSocket('docker')).toBe('/var/run/dockershim.sock');
    expect(f.criSocketProblem('/var/run/dockershim.sock')).toBeUndefined();
    expect(f.skew).toMatchObject({ kubeadmMinKubeletMinor: 12, policyKubeletMinorsBehind: 2 });
    expect(f.binaries.crictl).toBe('unless-docker');
  });
  it('the taint key: master ≤ 1.23, both in 1.24, control-plane from 1.25', () => {
    expect(kubeadmFacts('1.23.17').taintKeys).toEqual([MASTER_TAINT_KEY]);
    expect(kubeadmFacts('1.24.0').taintKeys).toEqual([MASTER_TAINT_KEY, CONTROL_PLANE_TAINT_KEY]);
    expect(kubeadmFacts('1.25.0').taintKeys).toEqual([CONTROL_PLANE_TAINT_KEY]);
    expect(kubeadmFacts('1.29.2').controlPlaneTaints).toEqual([{ key: CONTROL_PLANE_TAINT_KEY, effect: 'NoSchedule' }]);
  });
  it('the kubelet ConfigMap: kubelet-config-1.X up to 1.23, kubelet-config from 1.24', () => {
    expect(kubeadmFacts('1.22.0').kubeletConfigMap).toBe('kubelet-config-1.22');
    expect(kubeadmFacts('1.23.0').kubeletConfigMap).toBe('kubelet-config-1.23');
    expect(kubeadmFacts('1.24.0').kubeletConfigMap).toBe('kubelet-config');
    expect(kubeadmFacts('1.37.0').kubeletConfigMap).toBe('kubelet-config');
  });
  it('insecure scheduler/controller-manager ports: served ≤ 1.18, --port=0 1.19–1.22, gone after', () => {
    expect(kubeadmFacts('1.18.0').ports.schedulerInsecure).toBe(10251);
    expect(kubeadmFacts('1.17.0').ports.probes.scheduler).toEqual({ port: 10259, scheme: 'HTTPS' });
    expect(kubeadmFacts('1.19.0').ports.schedulerInsecure).toBeUndefined();
    expect(kubeadmFacts('1.29.2').ports.controlPlaneListening).toEqual([6443, 2379, 2380, 10250, 10256, 10257, 10259]);
    expect(componentHealthUrls('1.29.2')).toEqual({
      'kube-scheduler': 'https://127.0.0.1:10259/healthz',
      'kube-controller-manager': 'https://127.0.0.1:10257/healthz',
    });
    for (const m of KNOWN_MINORS) expect(ALL_COMPONENT_HEALTH_URLS).toEqual(expect.arrayContaining(Object.values(componentHealthUrls(`1.${m}.0`))));
  });
  it('Docker without cri-dockerd only up to 1.23', () => {
    expect(kubeadmFacts('1.23.17').criSocketProblem('unix:///var/run/dockershim.sock')).toBeUndefined();
    const f = kubeadmFacts('1.24.0');
    expect(f.criSocketProblem('unix:///var/run/dockershim.sock')).toMatch(/dockershim was removed .* cri-dockerd/);
    expect(f.criSocketProblem('/run/dockershim.sock')).toMatch(/dockershim/);
    expect(f.criSocketProblem('unix:///var/run/cri-dockerd.sock')).toBeUndefined();
    expect(f.runtimes.docker).toMatchObject({ supported: true, needs: 'cri-dockerd', socket: 'unix:///var/run/cri-dockerd.sock' });
    expect(f.defaultCriSocket()).toBe('unix:///var/run/containerd/containerd.sock');
    expect(f.defaultCriSocket('cri-o')).toBe('unix:///var/run/crio/crio.sock');
  });
  it('kernel: 3.10+ to 1.31, 4.19+ for 1.32–1.33, 5.4/5.10/5.15/6.x from 1.34', () => {
    const k29 = kubeadmFacts('1.29.2').kernel,
      k32 = kubeadmFacts('1.32.0').kernel,
      k34 = kubeadmFacts('1.34.0').kernel;
    expect([kernelAccepted(k29, '3.10.0-1160.el7.x86_64'), kernelAccepted(k29, '3.9.0'), kernelAccepted(k29, '4.18.0-372.9.1.el8.x86_64')]).toEqual([
      true,
      false,
      true,
    ]);
    expect([kernelAccepted(k32, '4.18.0-372.9.1.el8.x86_64'), kernelAccepted(k32, '4.19.0'), kernelAccepted(k32, '5.8.0')]).toEqual([false, true, true]);
    expect([
      kernelAccepted(k34, '5.8.0'),
      kernelAccepted(k34, '5.15.0-91-generic'),
      kernelAccepted(k34, '6.1.0-18-amd64'),
      kernelAccepted(k34, '4.19.0'),
    ]).toEqual([false, true, true, false]);
    expect([k29.min, kubeadmFacts('1.33.13').kernel.min, k34.min]).toEqual(['3.10', '4.19', '5.4']);
  });
  it('skew: kubeadm accepts kubelets N-1 until 1.28 and N-3 from 1.29; policy N-2, N-3 from 1.28', () => {
    expect(kubeadmFacts('1.28.0').skew).toMatchObject({ kubeadmMinKubeletMinor: 27, policyKubeletMinorsBehind: 3 });
    expect(kubeadmFacts('1.29.0').skew).toMatchObject({ kubeadmMinKubeletMinor: 26, kubeadmMinControlPlaneMinor: 28 });
    expect(kubeadmFacts('1.27.0').skew.policyKubeletMinorsBehind).toBe(2);
  });
  it('image order: CoreDNS last up to 1.28, after kube-proxy from 1.29', () => {
    expect(
      kubeadmFacts('1.28.15')
        .images()
        .map((i) => i.component),
    ).toEqual(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'pause', 'etcd', 'coredns']);
    expect(
      kubeadmFacts('1.29.0')
        .images()
        .map((i) => i.component),
    ).toEqual(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'coredns', 'pause', 'etcd']);
  });
  it('the registry move and the CoreDNS sub-path', () => {
    expect(kubeadmFacts('1.22.16').defaultImageRepository()).toBe('k8s.gcr.io');
    expect(kubeadmFacts('1.22.17').defaultImageRepository()).toBe('registry.k8s.io');
    expect(kubeadmFacts('1.25.0').defaultImageRepository()).toBe('registry.k8s.io');
    expect(
      kubeadmFacts('1.20.0')
        .images()
        .find((i) => i.component === 'coredns')!.ref,
    ).toBe('k8s.gcr.io/coredns:1.7.0');
    expect(
      kubeadmFacts('1.21.0')
        .images('harbor:443/k8s')
        .find((i) => i.component === 'coredns')!.ref,
    ).toBe('harbor:443/k8s/coredns/coredns:v1.8.0');
    expect(
      kubeadmFacts('1.21.2')
        .images('harbor:443/k8s')
        .find((i) => i.component === 'coredns')!.ref,
    ).toBe('harbor:443/k8s/coredns:v1.8.0');
    expect(
      kubeadmFacts('1.21.2')
        .images()
        .find((i) => i.component === 'coredns')!.ref,
    ).toBe('k8s.gcr.io/coredns/coredns:v1.8.0');
  });
  it('Docker versions kubeadm validates (document 001: kubeadm 1.13.1 with Docker 18.06)', () => {
    const d13 = kubeadmFacts('1.13.1').docker!;
    expect([
      dockerVersionVerdict(d13, '18.06.1-ce'),
      dockerVersionVerdict(d13, '18.09.0'),
      dockerVersionVerdict(d13, '1.13.1'),
      dockerVersionVerdict(d13, '1.10.3'),
    ]).toEqual(['validated', 'unvalidated', 'validated', 'unsupported']);
    expect(d13.latestValidated).toBe('18.06');
    expect(dockerVersionVerdict(kubeadmFacts('1.23.17').docker!, '20.10.24')).toBe('validated');
    expect(kubeadmFacts('1.24.0').docker).toBeUndefined();
  });
  it('binaries kubeadm preflight wants in PATH', () => {
    expect(kubeadmFacts('1.29.2').binaries).toMatchObject({ crictl: 'always', mandatory: ['conntrack', 'crictl', 'ip', 'iptables', 'mount', 'nsenter'] });
    expect(kubeadmFacts('1.31.0').binaries.crictl).toBe('optional');
    expect(kubeadmFacts('1.34.0').binaries).toMatchObject({ crictl: 'no', mandatory: ['cp', 'losetup', 'mount'] });
  });
  it('rows of a minor are ordered and start at patch 0', () => {
    for (const m of KNOWN_MINORS) {
      const rows = IMAGE_ROWS.filter((r) => r.minor === m);
      expect(rows[0]!.fromPatch).toBe(0);
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.fromPatch).toBeGreaterThan(rows[i - 1]!.lastReadPatch);
    }
  });
});

describe('call sites read the table', () => {
  it('HOST-IMAGES wants what the real kubeadm v1.29.15 lists for harbor:443/k8s', async () => {
    const { requiredImages } = await import('../../lib/registry/images.ts');
    const got = requiredImages({ kubernetesVersion: 'v1.29.15', imageRepository: 'harbor:443/k8s' });
    expect(got.map((i) => i.ref)).toEqual(lines(real('v1.29.15--harbor.txt')));
    expect(got.map((i) => `${i.repo}:${i.tag}`)).toContain('k8s/etcd:3.5.16-0');
  });
  it('the reference design (kubeadm 1.29.2) keeps its images: etcd 3.5.10-0, CoreDNS v1.11.1, pause 3.9', async () => {
    const { requiredImages } = await import('../../lib/registry/images.ts');
    const { defaultProfile } = await import('../../lib/config/profile.ts');
    expect(requiredImages(defaultProfile()).map((i) => i.ref)).toEqual([
      'harbor:443/k8s/kube-apiserver:v1.29.2',
      'harbor:443/k8s/kube-controller-manager:v1.29.2',
      'harbor:443/k8s/kube-scheduler:v1.29.2',
      'harbor:443/k8s/kube-proxy:v1.29.2',
      'harbor:443/k8s/coredns:v1.11.1',
      'harbor:443/k8s/pause:3.9',
      'harbor:443/k8s/etcd:3.5.10-0',
      ...['cni', 'node', 'kube-controllers'].map((n) => `harbor:443/calico/${n}:v3.26.4`),
    ]);
  });
});

describe('the profile derives its sandbox image from the version', () => {
  it("kubernetesVersion 1.13.1 alone: pause:3.1 in the profile's repository; the reference design keeps pause:3.9", async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { buildProfile, defaultProfile } = await import('../../lib/config/profile.ts');
    const dir = mkdtempSync(join(tmpdir(), 'kv-versions-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'kubernetesVersion: 1.13.1\n');
    const p = buildProfile({ profileFile: file });
    expect(p.sandboxImage).toBe('harbor:443/k8s/pause:3.1');
    expect(p.origin.sandboxImage).toMatch(/kubeadm 1.13.1's pause image/);
    writeFileSync(file, 'kubernetesVersion: 1.13.1\nsandboxImage: harbor:443/k8s/pause:3.9\n');
    expect(buildProfile({ profileFile: file }).sandboxImage).toBe('harbor:443/k8s/pause:3.9');
    expect(buildProfile({}).sandboxImage).toBe(defaultProfile().sandboxImage);
    expect(defaultProfile().sandboxImage).toBe(
      kubeadmFacts(defaultProfile().kubernetesVersion)
        .images(defaultProfile().imageRepository)
        .find((i) => i.component === 'pause')!.ref,
    );
  });
});
