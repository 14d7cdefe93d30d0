// The lab's private registry: Debian's docker-registry (CNCF distribution, what Harbor is built on) in its own
// network namespace at 10.200.0.3:443, TLS from a lab CA, htpasswd (bcrypt) auth, seeded through its HTTP API
// with minimal real images (a config blob and one gzip layer).
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import type { LabRegistry } from './lab.ts';
import { waitTcp } from './wait.ts';

const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], input, timeout: 60_000 }).toString();

export const LAB_REGISTRY_ADDRESS = '10.200.0.3';

/** A lab CA and a server certificate for `harbor` / 10.200.0.3. */
export function makeCerts(dir: string, names: { dns: string[]; ips: string[] }): { ca: string; cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const ca = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const key = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const cert = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', ca, '-days', '30', '-subj', '/CN=kubeadm-verify lab CA']);
  sh('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${names.dns[0]}`]);
  writeFileSync(ext, `subjectAltName=${[...names.dns.map((d) => `DNS:${d}`), ...names.ips.map((i) => `IP:${i}`)].join(',')}\nextendedKeyUsage=serverAuth\n`);
  sh('openssl', ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-out', cert, '-days', '30', '-extfile', ext]);
  return { ca, cert, key };
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A one-file tar archive (ustar), built in memory. */
function tarOneFile(name: string, content: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([h, content, pad, Buffer.alloc(1024)]);
}

/** Where and as whom to push: the registry's base URL, a TLS agent trusting its CA, the Basic credentials. */
export interface PushTarget {
  url: string;
  dispatcher: Agent;
  authorization: string;
}

/** Uploads one blob (monolithic: POST, then PUT with the digest) unless the registry already has it. */
export async function uploadBlob(t: PushTarget, repo: string, blob: { digest: string; size: number; body: () => Buffer | Readable }): Promise<void> {
  const headers = { authorization: t.authorization };
  const head = await request(`${t.url}/v2/${repo}/blobs/${blob.digest}`, { method: 'HEAD', headers, dispatcher: t.dispatcher });
  await head.body.dump();
  if (head.statusCode === 200) return;
  const start = await request(`${t.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers, dispatcher: t.dispatcher });
  await start.body.dump();
  if (start.statusCode !== 202) throw new Error(`blob upload start for ${repo}: HTTP ${start.statusCode}`);
  const loc = new URL(String(start.headers.location), t.url);
  loc.searchParams.set('digest', blob.digest);
  const put = await request(loc.toString(), {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
    body: blob.body(),
    dispatcher: t.dispatcher,
  });
  await put.body.dump();
  if (put.statusCode !== 201) throw new Error(`blob upload for ${repo}: HTTP ${put.statusCode}`);
}

/** PUTs a manifest under `ref` (`harbor:443/<repo>:<tag>`; the registry part is dropped). */
export async function putManifest(t: PushTarget, ref: string, mediaType: string, manifest: object): Promise<void> {
  const [repo, tag] = splitRef(ref);
  const m = await request(`${t.url}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization: t.authorization, 'content-type': mediaType },
    body: JSON.stringify({ schemaVersion: 2, mediaType, ...manifest }),
    dispatcher: t.dispatcher,
  });
  const text = await m.body.text();
  if (m.statusCode !== 201) throw new Error(`manifest PUT ${ref}: HTTP ${m.statusCode} ${text.slice(0, 200)}`);
}

/** `harbor:443/k8s/pause:3.9` → [`k8s/pause`, `3.9`]; a ref without a registry part is taken as a repository. */
export function splitRef(ref: string): [string, string] {
  const slash = ref.indexOf('/');
  const first = ref.slice(0, slash);
  const path = slash > 0 && /[.:]|^localhost$/.test(first) ? ref.slice(slash + 1) : ref;
  const colon = path.lastIndexOf(':');
  return colon > path.lastIndexOf('/') ? [path.slice(0, colon), path.slice(colon + 1)] : [path, 'latest'];
}

export async function pushImage(o: PushTarget & { ref: string }): Promise<void> {
  const [repo] = splitRef(o.ref);
  const raw = tarOneFile('kubeadm-verify-lab', Buffer.from(`lab image ${o.ref}\n`));
  const layer = gzipSync(raw);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha(raw)] } }));
  for (const blob of [layer, config]) await uploadBlob(o, repo, { digest: sha(blob), size: blob.length, body: () => blob });
  await putManifest(o, o.ref, 'application/vnd.docker.distribution.manifest.v2+json', {
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha(layer) }],
  });
}

export async function startRegistry(o: {
  dir: string;
  id: string;
  bridge: string;
  netns: string;
  veth: string;
  images: string[];
  onPid(p: number): void;
}): Promise<LabRegistry> {
  const address = LAB_REGISTRY_ADDRESS;
  mkdirSync(join(o.dir, 'data'), { recursive: true });
  const certs = makeCerts(join(o.dir, 'tls'), { dns: ['harbor', 'localhost'], ips: [address] });
  const user = 'kv-admin';
  const password = randomBytes(12).toString('base64url');
  const passwordFile = join(o.dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  chmodSync(passwordFile, 0o600);
  writeFileSync(join(o.dir, 'htpasswd'), sh('htpasswd', ['-Bbn', user, password]));
  const config = join(o.dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      // access log on: the real-cluster test reads which manifests the nodes fetched
      'log: { level: warn, accesslog: { disabled: false } }',
      `storage: { filesystem: { rootdirectory: ${join(o.dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: "${address}:443", tls: { certificate: ${certs.cert}, key: ${certs.key} } }`,
      `auth: { htpasswd: { realm: kubeadm-verify-lab, path: ${join(o.dir, 'htpasswd')} } }`,
    ].join('\n') + '\n',
  );
  // its own netns (the host "harbor"), a veth on the lab bridge
  sh(
    'ip',
    ['-batch', '-'],
    [`netns add ${o.netns}`, `link add ${o.veth} type veth peer name eth0 netns ${o.netns}`, `link set ${o.veth} master ${o.bridge} up`].join('\n') + '\n',
  );
  sh('ip', ['-n', o.netns, '-batch', '-'], [`addr add ${address}/16 dev eth0`, 'link set eth0 up', 'link set lo up'].join('\n') + '\n');
  const logFile = join(o.dir, 'registry.log');
  const log = openSync(logFile, 'a');
  const child = spawn('ip', ['netns', 'exec', o.netns, 'docker-registry', 'serve', config], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  const err = () => readFileSync(logFile, 'utf8');
  o.onPid(child.pid!);
  child.unref();
  await waitTcp(address, 443, 15_000, 'lab registry', () => exited).catch((e: Error) => {
    throw new Error(`${e.message}: ${err().slice(-400)}`);
  });
  const url = `https://${address}:443`;
  const dispatcher = new Agent({ connect: { ca: readFileSync(certs.ca, 'utf8'), timeout: 5000 }, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  try {
    for (const ref of o.images) await pushImage({ url, ref, dispatcher, authorization });
  } finally {
    await dispatcher.close();
  }
  /** Kill what runs in the registry's netns (ip netns exec → docker-registry); bounded. The netns stays. */
  const stop = async () => {
    const pids = () => {
      try {
        return sh('ip', ['netns', 'pids', o.netns]).split('\n').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    };
    const until = Date.now() + 5000;
    for (let p = pids(); p.length; p = pids()) {
      for (const pid of p) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      if (Date.now() > until) throw new Error(`lab registry: ${p.join(' ')} survive SIGKILL`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { address, url, caPath: certs.ca, user, passwordFile, netns: o.netns, pid: child.pid!, stop };
}
