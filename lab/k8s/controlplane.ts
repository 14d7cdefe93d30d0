// A real Kubernetes control plane on loopback for the post-install self-tests: etcd (Debian's etcd-server
// 3.4.23, supported by 1.29), kube-apiserver, kube-scheduler and kube-controller-manager 1.29 built from the
// Go module proxy (lab/k8s/build.sh). PKI made with openssl; admin.conf written the way kubeadm writes it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { stringify } from 'yaml';

export function k8sBinDir(): string {
  return process.env.KV_BIN_DIR ?? join(homedir(), '.cache/kubeadm-verify/bin');
}

export function ensureK8sBinaries(): void {
  const dir = k8sBinDir();
  if (['kube-apiserver', 'kube-scheduler', 'kube-controller-manager'].every((b) => existsSync(join(dir, b)))) return;
  execFileSync('bash', [join(import.meta.dirname, 'build.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
}

export interface ControlPlane {
  url: string;
  port: number;
  dir: string;
  caPem: string;
  adminKubeconfig: string;
  tokenKubeconfig: string;
  viewerKubeconfig: string;
  insecureKubeconfig: string;
  schedulerPort?: number;
  controllerManagerPort?: number;
  version: string;
  stop(): Promise<void>;
}

const ossl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no free port'))));
    });
  });
}

function cert(dir: string, name: string, subj: string, o: { ca: string; caKey: string; days: number; ext?: string }): void {
  ossl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.csr`), '-subj', subj]);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, o.ext ?? 'extendedKeyUsage=clientAuth\n');
  ossl([
    'x509',
    '-req',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    o.ca,
    '-CAkey',
    o.caKey,
    '-CAcreateserial',
    '-out',
    join(dir, `${name}.crt`),
    '-days',
    String(o.days),
    '-extfile',
    extFile,
  ]);
}

const b64 = (f: string) => readFileSync(f).toString('base64');

function kubeconfig(server: string, caFile: string, user: Record<string, string>, name: string, extraCluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubernetes', cluster: { 'certificate-authority-data': b64(caFile), server, ...extraCluster } }],
    contexts: [{ name: `${name}@kubernetes`, context: { cluster: 'kubernetes', user: name } }],
    'current-context': `${name}@kubernetes`,
    preferences: {},
    users: [{ name, user }],
  });
}

async function waitReady(url: string, ca: string | undefined, ms: number, what: string, logFile: string): Promise<void> {
  const until = Date.now() + ms;
  // without a CA: the component's self-signed serving certificate (scheduler, controller-manager)
  const agent = new Agent({ connect: ca ? { ca, timeout: 2000 } : { rejectUnauthorized: false, timeout: 2000 } });
  let last = '';
  try {
    while (Date.now() < until) {
      try {
        const r = await request(url, { dispatcher: agent, headersTimeout: 2000, bodyTimeout: 2000 });
        last = `HTTP ${r.statusCode}: ${(await r.body.text()).slice(0, 200)}`;
        if (r.statusCode === 200) return;
      } catch (e) {
        last = (e as Error).message;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await agent.close();
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${what} not ready within ${ms / 1000} s (${last})\n${tail}`);
}

export async function startControlPlane(opts: {
  dir: string;
  servingCertDays?: number;
  withScheduler?: boolean;
  withControllerManager?: boolean;
}): Promise<ControlPlane> {
  ensureK8sBinaries();
  const bin = k8sBinDir();
  const dir = opts.dir;
  const pki = join(dir, 'pki');
  mkdirSync(pki, { recursive: true });
  const procs: ChildProcess[] = [];
  const start = (name: string, cmd: string, args: string[]) => {
    const logFile = join(dir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const p = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    procs.push(p);
    return logFile;
  };
  const stop = async () => {
    for (const p of procs.reverse()) {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 100));
  };
  try {
    const ca = join(pki, 'ca.crt');
    const caKey = join(pki, 'ca.key');
    ossl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', ca, '-days', '3650', '-subj', '/CN=kubernetes']);
    cert(pki, 'apiserver', '/CN=kube-apiserver', {
      ca,
      caKey,
      days: opts.servingCertDays ?? 365,
      ext: 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default\nextendedKeyUsage=serverAuth\n',
    });
    cert(pki, 'admin', '/O=system:masters/CN=kubernetes-admin', { ca, caKey, days: 365 });
    cert(pki, 'scheduler', '/CN=system:kube-scheduler', { ca, caKey, days: 365 });
    cert(pki, 'controller-manager', '/CN=system:kube-controller-manager', { ca, caKey, days: 365 });
    ossl(['genrsa', '-out', join(pki, 'sa.key'), '2048']);
    const adminToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    const viewerToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    writeFileSync(join(pki, 'tokens.csv'), `${adminToken},token-admin,token-admin,"system:masters"\n${viewerToken},viewer,viewer,\n`, { mode: 0o600 });
    const [etcdClient, etcdPeer, port] = [await freePort(), await freePort(), await freePort()];
    const etcdLog = start('etcd', 'etcd', [
      '--name',
      'kv',
      '--data-dir',
      join(dir, 'etcd'),
      '--listen-client-urls',
      `http://127.0.0.1:${etcdClient}`,
      '--advertise-client-urls',
      `http://127.0.0.1:${etcdClient}`,
      '--listen-peer-urls',
      `http://127.0.0.1:${etcdPeer}`,
      '--initial-advertise-peer-urls',
      `http://127.0.0.1:${etcdPeer}`,
      '--initial-cluster',
      `kv=http://127.0.0.1:${etcdPeer}`,
      '--log-level',
      'error',
    ]);
    await (async () => {
      const until = Date.now() + 20_000;
      while (Date.now() < until) {
        try {
          const r = await request(`http://127.0.0.1:${etcdClient}/health`);
          if (r.statusCode === 200 && /true/.test(await r.body.text())) return;
        } catch {}
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`etcd not healthy within 20 s: ${readFileSync(etcdLog, 'utf8').slice(-500)}`);
    })();
    const url = `https://127.0.0.1:${port}`;
    const apiLog = start('kube-apiserver', join(bin, 'kube-apiserver'), [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      '--advertise-address=127.0.0.1',
      `--tls-cert-file=${join(pki, 'apiserver.crt')}`,
      `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
      `--client-ca-file=${ca}`,
      `--token-auth-file=${join(pki, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      `--service-account-issuer=${url}`,
      `--service-account-key-file=${join(pki, 'sa.key')}`,
      `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
      '--service-cluster-ip-range=10.245.0.0/16',
      '--disable-admission-plugins=ServiceAccount,TaintNodesByCondition',
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      '--enable-priority-and-fairness=false',
      '--max-requests-inflight=0',
      '--max-mutating-requests-inflight=0',
      '--profiling=false',
    ]);
    const caPem = readFileSync(ca, 'utf8');
    await waitReady(`${url}/readyz`, caPem, 90_000, 'kube-apiserver', apiLog);
    const cpk = (name: string) => ({ 'client-certificate-data': b64(join(pki, `${name}.crt`)), 'client-key-data': b64(join(pki, `${name}.key`)) });
    const adminKubeconfig = join(dir, 'admin.conf');
    writeFileSync(adminKubeconfig, kubeconfig(url, ca, cpk('admin'), 'kubernetes-admin'), { mode: 0o600 });
    const tokenKubeconfig = join(dir, 'token.conf');
    writeFileSync(tokenKubeconfig, kubeconfig(url, ca, { token: adminToken }, 'token-admin'), { mode: 0o600 });
    const viewerKubeconfig = join(dir, 'viewer.conf');
    writeFileSync(viewerKubeconfig, kubeconfig(url, ca, { token: viewerToken }, 'viewer'), { mode: 0o600 });
    const insecureKubeconfig = join(dir, 'insecure.conf');
    writeFileSync(
      insecureKubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'kubernetes', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
        contexts: [{ name: 'i@kubernetes', context: { cluster: 'kubernetes', user: 'i' } }],
        'current-context': 'i@kubernetes',
        users: [{ name: 'i', user: { token: adminToken } }],
      }),
      { mode: 0o600 },
    );
    const cp: ControlPlane = {
      url,
      port,
      dir,
      caPem,
      adminKubeconfig,
      tokenKubeconfig,
      viewerKubeconfig,
      insecureKubeconfig,
      version: execFileSync(join(bin, 'kube-apiserver'), ['--version']).toString().trim().split(' ').pop()!,
      stop,
    };
    if (opts.withScheduler) {
      const kcf = join(dir, 'scheduler.conf');
      writeFileSync(kcf, kubeconfig(url, ca, cpk('scheduler'), 'system:kube-scheduler'), { mode: 0o600 });
      cp.schedulerPort = await freePort();
      const log = start('kube-scheduler', join(bin, 'kube-scheduler'), [
        `--kubeconfig=${kcf}`,
        `--authentication-kubeconfig=${kcf}`,
        `--authorization-kubeconfig=${kcf}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${cp.schedulerPort}`,
        '--leader-elect=false',
      ]);
      await waitReady(`https://127.0.0.1:${cp.schedulerPort}/healthz`, undefined, 60_000, 'kube-scheduler', log);
    }
    if (opts.withControllerManager) {
      // the namespace controller deletes every kind of object: it runs with admin credentials here
      // (kubeadm gives each controller its service account instead)
      const kcf = join(dir, 'controller-manager.conf');
      writeFileSync(kcf, kubeconfig(url, ca, cpk('admin'), 'kubernetes-admin'), { mode: 0o600 });
      cp.controllerManagerPort = await freePort();
      // only the namespace controller: the seeded workloads' status must not be reconciled away
      const log = start('kube-controller-manager', join(bin, 'kube-controller-manager'), [
        `--kubeconfig=${kcf}`,
        `--authentication-kubeconfig=${kcf}`,
        `--authorization-kubeconfig=${kcf}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${cp.controllerManagerPort}`,
        '--leader-elect=false',
        '--controllers=namespace',
        '--use-service-account-credentials=false',
      ]);
      await waitReady(`https://127.0.0.1:${cp.controllerManagerPort}/healthz`, undefined, 60_000, 'kube-controller-manager', log);
    }
    return cp;
  } catch (e) {
    await stop();
    throw e;
  }
}
