// Docker: /etc/docker/daemon.json (what dockerd reads at start) and `docker info` (what the running daemon uses).
import { fact, safeWord, runtimePaths, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks } from '../probe/sections.ts';
import { scrub } from '../redact.ts';
export interface DaemonJson {
  /** exec-opts native.cgroupdriver=…, when set */
  cgroupDriver?: string;
  registryMirrors: string[];
  insecureRegistries: string[];
  /** every top-level key, for evidence */
  keys: string[];
}

/** Parses daemon.json. dockerd refuses to start on invalid JSON or a non-object, so those throw. */
export function parseDaemonJson(text: string): DaemonJson {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
  const o = v as Record<string, unknown>;
  const strings = (k: string): string[] => {
    const x = o[k];
    if (x === undefined) return [];
    if (!Array.isArray(x) || x.some((s) => typeof s !== 'string')) throw new Error(`"${k}" must be a list of strings`);
    return x as string[];
  };
  const execOpts = strings('exec-opts');
  const cg = execOpts
    .map((s) => /^native\.cgroupdriver\s*=\s*(\S+)$/.exec(s.trim())?.[1])
    .filter(Boolean)
    .at(-1);
  return { cgroupDriver: cg, registryMirrors: strings('registry-mirrors'), insecureRegistries: strings('insecure-registries'), keys: Object.keys(o) };
}

export interface DockerInfo {
  serverVersion?: string;
  cgroupDriver?: string;
  registryMirrors: string[];
  insecureRegistries: string[];
}

/** Parses the plain-text `docker info` output: Docker 18.x (keys at column 0) and 20.x+ ("Client:" / "Server:" blocks,
 * keys indented by one). List blocks (Registry Mirrors, Insecure Registries) are the lines indented below their key. */
export function parseDockerInfo(text: string): DockerInfo {
  const out: DockerInfo = { registryMirrors: [], insecureRegistries: [] };
  let list: { into: string[]; indent: number } | undefined;
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    if (list && indent > list.indent) {
      list.into.push(line.trim());
      continue;
    }
    list = undefined;
    if (indent === 0 && /^(Client|Server):$/.test(line)) {
      section = line.slice(0, -1);
      continue;
    }
    if (section === 'Client') continue;
    const m = /^\s*([A-Za-z][A-Za-z ()]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, val] = m;
    if (key === 'Server Version') out.serverVersion = val;
    else if (key === 'Cgroup Driver') out.cgroupDriver = val;
    else if (key === 'Registry Mirrors') list = { into: out.registryMirrors, indent };
    else if (key === 'Insecure Registries') list = { into: out.insecureRegistries, indent };
  }
  return out;
}

export interface DockerFacts {
  path: string;
  present: boolean;
  unreadable?: boolean;
  text?: string;
  config?: DaemonJson;
  parseError?: string;
  /** `docker info` from the running daemon, when the docker CLI is there and answered */
  info?: DockerInfo;
}

export const dockerFact: FactModule<{ docker: HostFacts['docker'] }> = {
  steps: [
    {
      section: 'docker',
      fn: 's_docker',
      sh: String.raw`s_docker() { fil "$DCFG"; if have docker; then echo "@info"; t docker info 2>/dev/null; echo "info_rc=$?"; fi; return 0; }`,
    },
  ],
  reads: ['docker'],
  vars: (o) => [['DCFG', safeWord(runtimePaths(o.design).docker)]],
  build: (x) => {
    const { S, paths } = x;
    return {
      docker: fact(S, 'docker', (s) => {
        const path = paths.docker;
        const f = s.files.find((x) => x.path === path);
        const out: DockerFacts = { path, present: !!f, unreadable: f?.state === 'unreadable' };
        if (f?.state === 'ok') {
          out.text = scrub(f.content);
          try {
            out.config = parseDaemonJson(f.content);
          } catch (e) {
            out.parseError = (e as Error).message;
          }
        }
        const b = blocks(s.text);
        if (b.info !== undefined && /info_rc=0/.test(b.info)) out.info = parseDockerInfo(b.info);
        return out;
      }),
    };
  },
};
