// A full garbage collection at the two moments a run drops most of what it holds: the CLI after handing the facts
// to the suite worker (the snapshot's API pages, parsed models and projections are garbage by then, but V8 would
// keep that heap committed while vitest starts beside it), and the worker after parsing its input file (the file's
// text). At 5,000 nodes / 50,000 pods that is what the peak RSS is made of. Node exposes gc() only with
// --expose-gc; the flag set at run time exposes it to a new context, which is all this needs.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  try {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    // a runtime without it: V8 collects on its own schedule
  }
}
