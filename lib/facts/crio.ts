// CRI-O: /etc/crio/crio.conf and its drop-ins /etc/crio/crio.conf.d/*.conf (TOML; later files win, as crio reads them).
import { parse as parseToml } from 'smol-toml';

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
      throw new Error(`${f.path} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
    }
    const cm = t.crio?.runtime?.cgroup_manager;
    if (typeof cm === 'string') out.cgroupManager = { value: cm, file: f.path };
    const pi = t.crio?.image?.pause_image;
    if (typeof pi === 'string') out.pauseImage = { value: pi, file: f.path };
  }
  return out;
}
