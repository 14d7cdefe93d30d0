// Reports written as a stream of chunks instead of one string each: at 20,000 results every report is 10–14 MB
// of text, and building it whole (plus the copies that concatenation and escaping make) was the largest thing
// in memory while the reports were written. The chunked output is byte-identical to the one-string form
// (test/report/formats.test.ts compares them).
import { closeSync, openSync, writeSync } from 'node:fs';

/** Writes the chunks to `path` through a 1 MiB buffer (synchronously: one report at a time, in order). */
export function writeChunks(path: string, chunks: Iterable<string>, mode = 0o666): void {
  const fd = openSync(path, 'w', mode);
  let buf = '';
  try {
    for (const c of chunks) {
      buf += c;
      if (buf.length >= 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf) writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

const omitted = (x: unknown) => x === undefined || typeof x === 'function' || typeof x === 'symbol';

/**
 * JSON.stringify(value, null, space) as chunks: objects and arrays down to `depth` levels are walked (so a
 * 20,000-element array is 20,000 chunks); below that each value is one JSON.stringify. Same output, byte for
 * byte: toJSON honoured, undefined/function members omitted from objects and null in arrays.
 */
export function* jsonChunks(value: unknown, space = '', depth = 2, indent = ''): Generator<string> {
  let v = value;
  if (v && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: () => unknown }).toJSON();
  if (depth <= 0 || v === null || typeof v !== 'object') {
    // JSON.stringify breaks lines only between tokens (a newline inside a string is escaped): re-indent those
    const s = JSON.stringify(v, null, space) ?? 'null';
    yield space ? s.replaceAll('\n', `\n${indent}`) : s;
    return;
  }
  const inner = indent + space;
  const nl = space ? `\n${inner}` : '';
  if (Array.isArray(v)) {
    if (!v.length) return yield '[]';
    for (let i = 0; i < v.length; i++) {
      yield `${i ? ',' : '['}${nl}`;
      yield* jsonChunks(omitted(v[i]) ? null : v[i], space, depth - 1, inner);
    }
    return yield `${space ? `\n${indent}` : ''}]`;
  }
  let first = true;
  for (const [k, x] of Object.entries(v)) {
    if (omitted(x)) continue;
    yield `${first ? '{' : ','}${nl}${JSON.stringify(k)}:${space ? ' ' : ''}`;
    first = false;
    yield* jsonChunks(x, space, depth - 1, inner);
  }
  yield first ? '{}' : `${space ? `\n${indent}` : ''}}`;
}
