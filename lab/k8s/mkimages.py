#!/usr/bin/env python3
"""Image archives for the lab's real cluster, made from the binaries lab/k8s/build.sh built and from Debian
files: one layer per image, docker-archive format (manifest.json + config + layer tar), reproducible (mtime 0,
root-owned). Usage: mkimages.py BIN_DIR OUT_DIR  ->  OUT_DIR/node.tar (every node) and OUT_DIR/control-plane.tar.

Names are what kubeadm 1.29 asks for with `imageRepository: harbor:443/k8s` (note coredns without the
`coredns/` path element), flannel's two images under harbor:443/flannel-io, and what the dataplane check runs
(`harbor:443/library/busybox`)."""
import glob, hashlib, io, json, os, subprocess, sys, tarfile, tempfile

REPO = 'harbor:443/k8s'
FLANNEL_REPO = 'harbor:443/flannel-io'
K = 'v1.29.15'
PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'


def libs(paths):
    """Shared libraries (and the loader) that ldd names for these ELF files."""
    out = set()
    for p in paths:
        r = subprocess.run(['ldd', p], capture_output=True, text=True)
        for line in r.stdout.splitlines():
            parts = line.split()
            for w in parts:
                if w.startswith('/') and os.path.exists(w):
                    out.add(w)
    return sorted(out)


def base_files():
    passwd = b'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'
    group = b'root:x:0:\nnogroup:x:65534:\n'
    return {'/etc/passwd': passwd, '/etc/group': group, '/etc/nsswitch.conf': b'hosts: files dns\n'}


def iptables_files():
    """kube-proxy (iptables mode) and flannel need the iptables userland: Debian's nft and legacy multi-call
    binaries, their extensions, ipset and conntrack, with every library they load."""
    bins = ['/usr/sbin/xtables-nft-multi', '/usr/sbin/xtables-legacy-multi', '/usr/sbin/ipset', '/usr/sbin/conntrack']
    exts = glob.glob('/usr/lib/x86_64-linux-gnu/xtables/*.so')
    files = {p: p for p in bins + exts + libs(bins + exts)}
    links = {}
    for t in ['iptables', 'iptables-save', 'iptables-restore', 'ip6tables', 'ip6tables-save', 'ip6tables-restore']:
        links['/usr/sbin/' + t] = 'xtables-nft-multi'
        links['/usr/sbin/' + t.replace('tables', 'tables-legacy', 1)] = 'xtables-legacy-multi'
    for f in ['/etc/ethertypes', '/etc/protocols']:
        if os.path.exists(f):
            files[f] = f
    return files, links


def busybox():
    bb = '/bin/busybox'
    applets = subprocess.run([bb, '--list'], capture_output=True, text=True, check=True).stdout.split()
    # Debian's busybox is static glibc: name lookups (wget, even of an IP literal) dlopen the NSS modules, and it
    # segfaults without them
    nss = [p for p in glob.glob('/lib/x86_64-linux-gnu/libnss_files.so.*') + glob.glob('/lib/x86_64-linux-gnu/libnss_dns.so.*')]
    # /bin/sh is Debian's dash: busybox's own sh runs its applets directly (standalone shell), past /bin/wget
    files = {'/bin/busybox': bb, '/bin/dash': '/bin/dash', **{p: p for p in nss + libs(nss + ['/bin/dash'])}, '/bin/wget': WGET.encode()}
    links = {'/bin/' + a: 'busybox' for a in applets if a not in ('busybox', 'wget', 'sh')}
    links['/bin/sh'] = 'dash'
    return files, links


# Debian's busybox 1.35 wget segfaults on its -T (timeout) option, which the DATAPLANE client uses: the lab image's
# wget hands the timeout to `timeout` and runs busybox wget without it
WGET = '''#!/bin/sh
t=; n=
for a; do
  shift
  if [ -n "$n" ]; then t=$a; n=; continue; fi
  case $a in -T) n=1 ;; -T*) t=${a#-T} ;; *) set -- "$@" "$a" ;; esac
done
if [ -n "$t" ]; then exec timeout "$t" busybox wget "$@"; else exec busybox wget "$@"; fi
'''


def image_specs(bin_dir):
    b = lambda n: os.path.join(bin_dir, n)
    cp, node = [], []
    for c in ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']:
        cp.append(dict(ref=f'{REPO}/{c}:{K}', files={f'/usr/local/bin/{c}': b(c)}, entrypoint=None))
    cp.append(dict(ref=f'{REPO}/etcd:3.5.16-0', files={'/usr/local/bin/etcd': b('etcd')}, entrypoint=None))
    ipt, ipt_links = iptables_files()
    node.append(dict(ref=f'{REPO}/kube-proxy:{K}', files={'/usr/local/bin/kube-proxy': b('kube-proxy'), **ipt}, links=ipt_links, entrypoint=None))
    node.append(dict(ref=f'{REPO}/pause:3.9', files={'/pause': b('pause')}, entrypoint=['/pause']))
    node.append(dict(ref=f'{REPO}/coredns:v1.11.1', files={'/coredns': b('coredns')}, entrypoint=['/coredns']))
    bbf, bbl = busybox()
    node.append(dict(ref='harbor:443/library/busybox:1.35', files=bbf, links=bbl, entrypoint=None, cmd=['sh']))
    # flannel as kube-flannel.yml runs it: flanneld and install-conf in one image, the CNI plugin (copied onto the
    # node by an init container with cp) in another; tagged with what they are built from (lab/k8s/build.sh)
    node.append(dict(ref=f'{FLANNEL_REPO}/flannel:v0.28.10', files={'/opt/bin/flanneld': b('flanneld'), '/opt/bin/install-conf': b('install-conf'), **ipt}, links=ipt_links, entrypoint=['/opt/bin/flanneld']))
    node.append(dict(ref=f'{FLANNEL_REPO}/flannel-cni-plugin:v0.9.1', files={'/flannel': b('flannel-cni'), **bbf}, links=bbl, entrypoint=None, cmd=['sh']))
    return cp, node


def tarinfo(name, **kw):
    ti = tarfile.TarInfo(name.lstrip('/'))
    ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname = 0, 0, 0, 'root', 'root'
    for k, v in kw.items():
        setattr(ti, k, v)
    return ti


def write_layer(path, spec):
    """The image's one layer; returns its sha256 (the diff_id)."""
    entries = dict(base_files())
    entries.update(spec['files'])
    dirs = {'/tmp', '/etc', '/run', '/var', '/var/run'}
    for p in list(entries) + list(spec.get('links', {})):
        d = os.path.dirname(p)
        while d not in ('/', ''):
            dirs.add(d)
            d = os.path.dirname(d)
    h = hashlib.sha256()

    class W(io.RawIOBase):
        def __init__(self, f): self.f = f
        def writable(self): return True
        def write(self, data): h.update(data); return self.f.write(data)

    with open(path, 'wb') as raw, tarfile.open(fileobj=W(raw), mode='w|', format=tarfile.GNU_FORMAT) as t:
        for d in sorted(dirs):
            t.addfile(tarinfo(d, type=tarfile.DIRTYPE, mode=0o1777 if d == '/tmp' else 0o755))
        for dst in sorted(entries):
            src = entries[dst]
            if isinstance(src, bytes):
                t.addfile(tarinfo(dst, size=len(src), mode=0o755 if '/bin/' in dst else 0o644), io.BytesIO(src))
                continue
            real = os.path.realpath(src)
            st = os.stat(real)
            with open(real, 'rb') as f:
                t.addfile(tarinfo(dst, size=st.st_size, mode=st.st_mode & 0o7777), f)
        for dst, target in sorted(spec.get('links', {}).items()):
            t.addfile(tarinfo(dst, type=tarfile.SYMTYPE, linkname=target, mode=0o777))
    return 'sha256:' + h.hexdigest()


def write_archive(out, specs):
    with tempfile.TemporaryDirectory(dir=os.path.dirname(out)) as tmp, tarfile.open(out + '.tmp', 'w', format=tarfile.GNU_FORMAT) as arc:
        manifest = []
        for i, s in enumerate(specs):
            layer = os.path.join(tmp, f'{i}.tar')
            diff = write_layer(layer, s)
            cfg = {'architecture': 'amd64', 'os': 'linux', 'created': '1970-01-01T00:00:00Z',
                   'config': {'Env': [f'PATH={PATH}'], **({'Entrypoint': s['entrypoint']} if s['entrypoint'] else {}), **({'Cmd': s['cmd']} if s.get('cmd') else {})},
                   'rootfs': {'type': 'layers', 'diff_ids': [diff]}}
            cb = json.dumps(cfg, sort_keys=True).encode()
            cname = hashlib.sha256(cb).hexdigest() + '.json'
            arc.addfile(tarinfo(cname, size=len(cb), mode=0o644), io.BytesIO(cb))
            lname = diff.split(':')[1] + '/layer.tar'
            arc.addfile(tarinfo(diff.split(':')[1], type=tarfile.DIRTYPE, mode=0o755))
            with open(layer, 'rb') as f:
                arc.addfile(tarinfo(lname, size=os.path.getsize(layer), mode=0o644), f)
            os.unlink(layer)
            manifest.append({'Config': cname, 'RepoTags': [s['ref']], 'Layers': [lname]})
            print(f'[images] {s["ref"]} ({os.path.getsize(out + ".tmp") >> 20} MiB so far)', file=sys.stderr)
        mb = json.dumps(manifest).encode()
        arc.addfile(tarinfo('manifest.json', size=len(mb), mode=0o644), io.BytesIO(mb))
    os.replace(out + '.tmp', out)


def main():
    bin_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    cp, node = image_specs(bin_dir)
    write_archive(os.path.join(out_dir, 'control-plane.tar'), cp)
    write_archive(os.path.join(out_dir, 'node.tar'), node)


if __name__ == '__main__':
    main()
