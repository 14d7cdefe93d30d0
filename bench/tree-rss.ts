// Peak memory of a whole process tree, not just of its largest process: /usr/bin/time's %M is the peak RSS of
// the one largest process (getrusage's ru_maxrss of the waited-for children is a maximum, not a sum), so a run
// that spreads over a controller, esbuild's service and any worker processes would look smaller than it is.
// This samples /proc every `everyMs`: each process's VmHWM (its own kernel-kept peak, so nothing between two
// samples is missed per process) and the sum of VmRSS over the tree at each sample (the tree's peak, as well as
// sampling can see it). Linux only; elsewhere it reports nothing.
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeRss {
  /** the largest sum of VmRSS over the tree seen at one sample (KiB) */
  treePeakKiB: number;
  /** per process: its VmHWM at the last sample it was alive, and what it was */
  processes: { pid: number; comm: string; args: string; hwmKiB: number }[];
  samples: number;
}

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // the comm field may hold spaces and parentheses: the ppid is the 2nd field after the last ')'
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const l = kids.get(ppid) ?? [];
      l.push(Number(d));
      kids.set(ppid, l);
    } catch {
      // gone between readdir and read
    }
  }
  return kids;
}

function status(pid: number): { rss: number; hwm: number; comm: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    return { rss: kib('VmRSS'), hwm: kib('VmHWM'), comm: /^Name:\s+(.*)$/m.exec(s)?.[1] ?? '?' };
  } catch {
    return undefined;
  }
}

/** Samples the tree under `root` until stop() is called; stop() returns the figures. */
export function sampleTree(root: number, everyMs = 100): { stop: () => TreeRss } {
  const seen = new Map<number, { comm: string; args: string; hwmKiB: number }>();
  let treePeakKiB = 0;
  let samples = 0;
  const sample = () => {
    const kids = children();
    const tree: number[] = [];
    for (let todo = [root]; todo.length;) {
      const p = todo.pop()!;
      tree.push(p);
      todo.push(...(kids.get(p) ?? []));
    }
    let sum = 0;
    for (const pid of tree) {
      const st = status(pid);
      if (!st) continue;
      sum += st.rss;
      let args = seen.get(pid)?.args;
      if (args === undefined) {
        try {
          args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 160);
        } catch {
          args = '';
        }
      }
      // a process that exec()s resets its VmHWM: keep the larger
      seen.set(pid, { comm: st.comm, args, hwmKiB: Math.max(st.hwm, seen.get(pid)?.hwmKiB ?? 0) });
    }
    treePeakKiB = Math.max(treePeakKiB, sum);
    samples++;
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      return { treePeakKiB, samples, processes: [...seen].map(([pid, p]) => ({ pid, ...p })).sort((a, b) => b.hwmKiB - a.hwmKiB) };
    },
  };
}
