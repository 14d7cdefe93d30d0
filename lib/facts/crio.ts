// CRI-O: /etc/crio/crio.conf and its drop-ins /etc/crio/crio.conf.d/*.conf (TOML; later files win, as crio reads them).
import { parse as parseToml } from 'smol-toml';
import { fact, okFiles, runtimePaths, safeWord, type FactModule, type FileText } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export interface CrioConfig {
  cgroupManager?: { value: string; file: string };
  pauseImage?: { value: string; file: string };
}

export function parseCrioConfig(files: { path: string; content: string }[]): CrioConfig {
  const out: CrioConfig = {};
  for (const f of files) {
    let t: Record<string, any>;
    try {
      t = parseToml(f.content) as Record<string, any>;
    } catch (e) {
      // eslint-disable-next-line preserve-caught-error -- not chained on purpose: the parser's message quotes the file (a registry password, perhaps); only its first line goes on
      throw new Error(`${f.path} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
    }
    const cm = t.crio?.runtime?.cgroup_manager;
    if (typeof cm === 'string') out.cgroupManager = { value: cm, file: f.path };
    const pi = t.crio?.image?.pause_image;
    if (typeof pi === 'string') out.pauseImage = { value: pi, file: f.path };
  }
  return out;
}

export interface CrioFacts {
  path: string;
  present: boolean;
  files: FileText[];
  config?: CrioConfig;
  parseError?: string;
}

export const crioFact: FactModule<{ crio: HostFacts['crio'] }> = {
  steps: [{ section: 'crio', fn: 's_crio', sh: String.raw`s_crio() { fil "$OCFG" /etc/crio/crio.conf.d/*.conf; return 0; }` }],
  reads: ['crio'],
  vars: (o) => [['OCFG', safeWord(runtimePaths(o.design).crio)]],
  build: (x) => {
    const { S, paths } = x;
    return {
      crio: fact(S, 'crio', (s) => {
        const path = paths.crio;
        const files = okFiles(s).map((f) => ({ path: f.path, content: f.content }));
        const out: CrioFacts = { path, present: files.some((f) => f.path === path), files };
        try {
          out.config = parseCrioConfig(files);
        } catch (e) {
          out.parseError = (e as Error).message;
        }
        return out;
      }),
    };
  },
};
