// Splits the probe's output into named sections and the files inside them.

export interface ProbeFile {
  path: string;
  state: 'ok' | 'unreadable' | 'notfile';
  content: string;
}

export interface Section {
  name: string;
  rc: number;
  /** The section's text outside any file block. */
  text: string;
  files: ProbeFile[];
}

export interface ProbeOutput {
  sections: Map<string, Section>;
  /** The probe printed its final marker: output was not cut short. */
  complete: boolean;
  /** A section the output began and never ended (it was cut short inside it). */
  unfinished?: string;
}

export function splitSections(output: string, nonce: string): ProbeOutput {
  const sections = new Map<string, Section>();
  const marker = new RegExp(`\\n?@@KV${nonce} ([^\\n]*?)@@\\n?`, 'g');
  let current: Section | undefined;
  let file: ProbeFile | undefined;
  let last = 0;
  let complete = false;
  const flush = (upto: number) => {
    const chunk = output.slice(last, upto);
    if (file) file.content += chunk;
    else if (current) current.text += chunk;
  };
  for (let m = marker.exec(output); m; m = marker.exec(output)) {
    flush(m.index);
    last = m.index + m[0].length;
    const tag = m[1]!;
    if (tag === 'done') {
      complete = true;
      current = undefined;
      file = undefined;
      continue;
    }
    if (tag === 'eof') {
      file = undefined;
      continue;
    }
    const endm = /^\/(\S+) rc=(\d+)$/.exec(tag);
    if (endm) {
      if (current && current.name === endm[1]) {
        current.rc = Number(endm[2]);
        sections.set(current.name, current);
      }
      current = undefined;
      file = undefined;
      continue;
    }
    const fm = /^(file|unreadable|notfile) (.+)$/.exec(tag);
    if (fm && current) {
      file = { path: fm[2]!, state: fm[1] === 'file' ? 'ok' : (fm[1] as 'unreadable' | 'notfile'), content: '' };
      current.files.push(file);
      continue;
    }
    current = { name: tag, rc: -1, text: '', files: [] };
    file = undefined;
  }
  return { sections, complete, unfinished: current?.name };
}

/**
 * Where a probe cut off by its deadline was: the section it had begun and not ended, and the last one it finished.
 * `undefined` when the output holds no marker at all (the probe never started).
 */
export function whereItStopped(output: string, nonce: string): { inSection?: string; lastDone?: string } | undefined {
  const { sections, unfinished } = splitSections(output, nonce);
  if (!sections.size && !unfinished) return undefined;
  return { inSection: unfinished, lastDone: [...sections.keys()].at(-1) };
}

/** key=value lines (first `=` splits). */
export function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(line.slice(0, i))) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Splits a section's text at `@name` lines into named blocks ('' = before the first). */
export function blocks(text: string): Record<string, string> {
  const out: Record<string, string> = { '': '' };
  let cur = '';
  for (const line of text.split('\n')) {
    const m = /^@([a-z0-9_-]+)$/.exec(line);
    if (m) {
      cur = m[1]!;
      out[cur] ??= '';
    } else out[cur] = (out[cur] ?? '') + line + '\n';
  }
  return out;
}
