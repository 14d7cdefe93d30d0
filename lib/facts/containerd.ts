// containerd (the `containerd` section): config.toml, schema version 1, 2 (containerd 1.x) and 3 (containerd 2.x), plus certs.d hosts.toml.
import { parse as parseToml } from 'smol-toml';
import { registerSecret } from '../redact.ts';
import { fact, okFiles, safeWord, runtimePaths, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { scrub } from '../redact.ts';

export interface RegistryAuth {
  username?: string;
  hasPassword: boolean;
  hasAuth: boolean;
  hasIdentityToken: boolean;
}

export interface ContainerdConfig {
  version: number;
  /** dotted TOML path of the CRI plugin table that was read */
  criPath: string;
  sandboxImage?: { value: string; key: string };
  /** every runc-type runtime's SystemdCgroup setting */
  systemdCgroup: { runtime: string; value: boolean | undefined; key: string }[];
  defaultRuntime: string;
  configPath?: string;
  /** registry name -> endpoints, from the inline `registry.mirrors` tables */
  mirrors: Record<string, string[]>;
  /** registry host -> tls/auth settings, from `registry.configs` */
  configs: Record<string, { insecureSkipVerify?: boolean; auth?: RegistryAuth; hasTls: boolean }>;
  /** keys under the cri registry table that containerd does not know (typos such as `confgs`) */
  unknownRegistryKeys: string[];
}

export interface HostsToml {
  registry: string;
  path: string;
  server?: string;
  hosts: { url: string; skipVerify?: boolean; capabilities?: string[] }[];
  parseError?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((a, k) => (isObj(a) ? a[k] : undefined), o);

const REGISTRY_KEYS = ['mirrors', 'configs', 'config_path', 'auths', 'headers'];

function readAuth(a: unknown): RegistryAuth | undefined {
  if (!isObj(a)) return undefined;
  for (const k of ['password', 'auth', 'identitytoken']) if (typeof a[k] === 'string') registerSecret(a[k] as string);
  return {
    username: typeof a.username === 'string' ? a.username : undefined,
    hasPassword: typeof a.password === 'string' && a.password !== '',
    hasAuth: typeof a.auth === 'string' && a.auth !== '',
    hasIdentityToken: typeof a.identitytoken === 'string' && a.identitytoken !== '',
  };
}

/** Throws with the parser's message (line/column) when the file is not valid TOML. */
export function parseContainerdConfig(text: string): ContainerdConfig {
  let doc: Obj;
  try {
    doc = parseToml(text) as Obj;
  } catch (e) {
    // smol-toml messages include the offending line; keep only the first line, and never echo file contents.
    // eslint-disable-next-line preserve-caught-error -- not chained on purpose: the parser's message quotes the file (a registry password, perhaps); only its first line goes on
    throw new Error(`config.toml is not valid TOML: ${String((e as Error).message).split('\n')[0]}`);
  }
  // Register secrets before anything else can see them.
  const walk = (v: unknown, key = ''): void => {
    if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && /^(password|auth|identitytoken|registrytoken|token)$/i.test(key)) registerSecret(v);
  };
  walk(doc);
  const version = typeof doc.version === 'number' ? doc.version : 1;
  const plugins = get(doc, 'plugins');
  const out: ContainerdConfig = { version, criPath: '', systemdCgroup: [], defaultRuntime: 'runc', mirrors: {}, configs: {}, unknownRegistryKeys: [] };
  let registry: unknown;
  let runtimes: unknown;
  let runtimesPath: string;
  if (version >= 3) {
    out.criPath = 'plugins."io.containerd.cri.v1.images"';
    const images = get(plugins, 'io.containerd.cri.v1.images');
    const s = get(images, 'pinned_images', 'sandbox');
    if (typeof s === 'string') out.sandboxImage = { value: s, key: `${out.criPath}.pinned_images.sandbox` };
    registry = get(images, 'registry');
    const rt = get(plugins, 'io.containerd.cri.v1.runtime', 'containerd');
    runtimes = get(rt, 'runtimes');
    runtimesPath = 'plugins."io.containerd.cri.v1.runtime".containerd.runtimes';
    if (typeof get(rt, 'default_runtime_name') === 'string') out.defaultRuntime = get(rt, 'default_runtime_name') as string;
  } else {
    const name = version === 2 ? 'io.containerd.grpc.v1.cri' : 'cri';
    out.criPath = `plugins."${name}"`;
    const cri = get(plugins, name);
    const s = get(cri, 'sandbox_image');
    if (typeof s === 'string') out.sandboxImage = { value: s, key: `${out.criPath}.sandbox_image` };
    registry = get(cri, 'registry');
    runtimes = get(cri, 'containerd', 'runtimes');
    runtimesPath = `${out.criPath}.containerd.runtimes`;
    if (typeof get(cri, 'containerd', 'default_runtime_name') === 'string') out.defaultRuntime = get(cri, 'containerd', 'default_runtime_name') as string;
  }
  if (isObj(runtimes)) {
    for (const [rname, r] of Object.entries(runtimes)) {
      const type = get(r, 'runtime_type');
      if (typeof type === 'string' && !/runc/.test(type)) continue;
      const v = get(r, 'options', 'SystemdCgroup');
      out.systemdCgroup.push({ runtime: rname, value: typeof v === 'boolean' ? v : undefined, key: `${runtimesPath}.${rname}.options.SystemdCgroup` });
    }
  }
  if (isObj(registry)) {
    out.unknownRegistryKeys = Object.keys(registry).filter((k) => !REGISTRY_KEYS.includes(k));
    const cp = registry.config_path;
    if (typeof cp === 'string' && cp) out.configPath = cp;
    const mirrors = registry.mirrors;
    if (isObj(mirrors)) {
      for (const [reg, m] of Object.entries(mirrors)) {
        const ep = get(m, 'endpoint');
        out.mirrors[reg] = Array.isArray(ep) ? ep.filter((x): x is string => typeof x === 'string') : [];
      }
    }
    const configs = registry.configs;
    if (isObj(configs)) {
      for (const [host, c] of Object.entries(configs)) {
        const tls = get(c, 'tls');
        const skip = get(tls, 'insecure_skip_verify');
        out.configs[host] = { hasTls: isObj(tls), insecureSkipVerify: typeof skip === 'boolean' ? skip : undefined, auth: readAuth(get(c, 'auth')) };
      }
    }
  }
  return out;
}

export function parseHostsToml(path: string, text: string): HostsToml {
  const registry = path.split('/').slice(-2, -1)[0] ?? '';
  const out: HostsToml = { registry: registry.replace(/^_default$/, '*'), path, hosts: [] };
  let doc: Obj;
  try {
    doc = parseToml(text) as Obj;
  } catch (e) {
    out.parseError = String((e as Error).message).split('\n')[0];
    return out;
  }
  if (typeof doc.server === 'string') out.server = doc.server;
  const hosts = doc.host;
  if (isObj(hosts)) {
    for (const [url, h] of Object.entries(hosts)) {
      const sv = get(h, 'skip_verify');
      const caps = get(h, 'capabilities');
      out.hosts.push({ url, skipVerify: typeof sv === 'boolean' ? sv : undefined, capabilities: Array.isArray(caps) ? caps.map(String) : undefined });
    }
  }
  return out;
}

/** The line numbers (1-based) where a key occurs in the raw text, for evidence. */
export function linesMatching(text: string, re: RegExp): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split('\n').forEach((l, i) => {
    if (re.test(l)) out.push({ line: i + 1, text: l.trim() });
  });
  return out;
}

export interface ContainerdFacts {
  path: string;
  present: boolean;
  unreadable?: boolean;
  /** the file's text with secret values replaced by <redacted>, for evidence lines */
  text?: string;
  config?: ContainerdConfig;
  parseError?: string;
  hostsToml: HostsToml[];
}

export const containerdFact: FactModule<{ containerd: HostFacts['containerd'] }> = {
  steps: [
    {
      section: 'containerd',
      fn: 's_ctrd',
      sh: String.raw`s_ctrd() { fil "$CCFG"
  cp=$(sed -n 's/^[[:space:]]*config_path[[:space:]]*=[[:space:]]*["'\'']\([^"'\'']*\)["'\''].*/\1/p' "$CCFG" 2>/dev/null | head -n 1)
  echo "config_path=$cp"
  old_ifs=$IFS; IFS=:; for d in ${'$'}{cp:-/etc/containerd/certs.d}; do IFS=$old_ifs; for h in "$d"/*/hosts.toml; do fil "$h"; done; done; IFS=$old_ifs; return 0; }`,
    },
  ],
  reads: ['containerd'],
  vars: (o) => [['CCFG', safeWord(runtimePaths(o.design).containerd)]],
  build: (x) => {
    const { S, paths } = x;
    return {
      containerd: fact(S, 'containerd', (s) => {
        const path = paths.containerd;
        const f = s.files.find((x) => x.path === path);
        const out: ContainerdFacts = { path, present: !!f, unreadable: f?.state === 'unreadable', hostsToml: [] };
        if (f?.state === 'ok') {
          try {
            out.config = parseContainerdConfig(f.content);
          } catch (e) {
            out.parseError = (e as Error).message;
          }
          // Parsing registered every secret value; the text kept for evidence is scrubbed of them.
          out.text = scrub(f.content);
        }
        out.hostsToml = okFiles(s)
          .filter((x) => x.path.endsWith('/hosts.toml'))
          .map((x) => parseHostsToml(x.path, x.content));
        return out;
      }),
    };
  },
};
