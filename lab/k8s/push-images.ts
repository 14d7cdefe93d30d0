// Pushes the image archives lab/k8s/mkimages.py made (docker-archive: manifest.json, one config and one layer per
// image) into the lab's registry, as an operator pushes kubeadm's images into Harbor before `kubeadm init`: the
// cluster's containerd then pulls them through the reference design's mirror, CA and auth (lab/cluster.ts).
// Layers go up uncompressed as OCI layers (`application/vnd.oci.image.layer.v1.tar`): gzip would cost seconds of
// CPU per run and changes nothing the pull path checks. Streamed from the archive: nothing is held in memory.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Agent } from 'undici';
import { putManifest, splitRef, uploadBlob, type PushTarget } from '../registry.ts';

interface Member {
  offset: number;
  size: number;
}

/** The members of a tar archive (ustar and GNU headers, GNU long names): name → where its data is. */
export function tarIndex(path: string): Map<string, Member> {
  const out = new Map<string, Member>();
  const fd = openSync(path, 'r');
  const h = Buffer.alloc(512);
  const field = (a: number, b: number) => h.toString('utf8', a, b).replace(/\0[\s\S]*$/, '');
  try {
    let pos = 0;
    let longName: string | undefined;
    while (readSync(fd, h, 0, 512, pos) === 512 && h.some((b) => b !== 0)) {
      const size = parseInt(field(124, 136).trim() || '0', 8);
      const type = String.fromCharCode(h[156]!);
      const name = longName ?? (field(257, 263) === 'ustar' && field(345, 500) ? `${field(345, 500)}/${field(0, 100)}` : field(0, 100));
      pos += 512;
      longName = undefined;
      if (type === 'L') {
        const b = Buffer.alloc(size);
        readSync(fd, b, 0, size, pos);
        longName = b.toString('utf8').replace(/\0[\s\S]*$/, '');
      } else if (type === '0' || type === '\0') out.set(name, { offset: pos, size });
      pos += Math.ceil(size / 512) * 512;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

function readMember(path: string, m: Member): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(m.size);
    readSync(fd, b, 0, m.size, m.offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** Every image of one archive, pushed under its RepoTags; returns the refs pushed. */
export async function pushArchive(t: PushTarget, archive: string): Promise<string[]> {
  const index = tarIndex(archive);
  const member = (n: string) => {
    const m = index.get(n);
    if (!m) throw new Error(`${archive}: no member ${n}`);
    return m;
  };
  const entries = JSON.parse(readMember(archive, member('manifest.json')).toString('utf8')) as { Config: string; RepoTags: string[]; Layers: string[] }[];
  const pushed: string[] = [];
  for (const e of entries) {
    const config = readMember(archive, member(e.Config));
    const diffIds = (JSON.parse(config.toString('utf8')) as { rootfs: { diff_ids: string[] } }).rootfs.diff_ids;
    const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
    const layers = e.Layers.map((l, i) => ({ ...member(l), digest: diffIds[i]! }));
    for (const ref of e.RepoTags) {
      const [repo] = splitRef(ref);
      await uploadBlob(t, repo, { digest: configDigest, size: config.length, body: () => config });
      for (const l of layers)
        await uploadBlob(t, repo, { digest: l.digest, size: l.size, body: () => createReadStream(archive, { start: l.offset, end: l.offset + l.size - 1 }) });
      await putManifest(t, ref, 'application/vnd.oci.image.manifest.v1+json', {
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: configDigest },
        layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', size: l.size, digest: l.digest })),
      });
      pushed.push(ref);
    }
  }
  return pushed;
}

/** Pushes archives into a registry given by URL, CA file and credentials. */
export async function pushArchives(o: { url: string; ca: string; user: string; password: string; archives: string[] }): Promise<string[]> {
  const dispatcher = new Agent({ connect: { ca: o.ca, timeout: 5000 }, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const t: PushTarget = { url: o.url, dispatcher, authorization: `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}` };
  try {
    const refs: string[] = [];
    for (const a of o.archives) refs.push(...(await pushArchive(t, a)));
    return refs;
  } finally {
    await dispatcher.close();
  }
}
