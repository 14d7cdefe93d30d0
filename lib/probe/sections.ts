// Splits the probe's output into named sections and the files inside them.

/** What one host may send, in bytes. Past a limit the fact built from that file or section is an `error` naming
 * it and its size — never a value parsed from a truncated copy — and the controller's memory stays bounded
 * whatever a host sends (a 50 MB /etc/fstab, a 1,000,000-line /etc/hosts). */
export const LIMITS = {
  /** one file, or the text of one section outside its files */
  file: 4 * 1024 * 1024,
  /** everything kept from one host */
  host: 16 * 1024 * 1024,
  /** everything read from one host: past it the probe is stopped and the sections not yet received are errors */
  wire: 256 * 1024 * 1024,
};

export interface Oversize {
  /** the file's path, or `section <name>` for a section's own text */
  what: string;
  /** how much the host sent of it (bytes; when the wire limit stopped the probe: at least this much) */
  bytes: number;
  limit: 'file' | 'host';
}

export interface ProbeFile {
  path: string;
  state: 'ok' | 'unreadable' | 'notfile' | 'toolarge';
  content: string;
}

export interface Section {
  name: string;
  rc: number;
  /** The section's text outside any file block. */
  text: string;
  files: ProbeFile[];
  /** files (or the text) of this section that passed a limit: their content was not kept */
  oversize?: Oversize[];
}

export interface ProbeOutput {
  sections: Map<string, Section>;
  /** The probe printed its final marker: output was not cut short. */
  complete: boolean;
  /** A section the output began and never ended (it was cut short inside it). */
  unfinished?: string;
  /** bytes read from the host, and kept of them */
  bytes: { read: number; kept: number };
  /** the host sent more than LIMITS.wire: reading stopped there */
  overWire?: boolean;
}

const MAX_MARKER = 8192;

/** One block being received: a file, or a section's own text. Keeps its content up to the limits. */
class Block {
  parts: string[] = [];
  bytes = 0;
  kept = 0;
  over?: 'file' | 'host';
  needSep = false;
}

/**
 * Splits the probe's output into sections and files as it arrives (push chunks, then end()), holding at most
 * the limits above. Markers are whole lines `@@KV<nonce> <tag>@@` (the probe prints them after a newline).
 */
export class SectionSplitter {
  private readonly prefix: string;
  private readonly limits: typeof LIMITS;
  private pending = '';
  private current?: Section;
  private text?: Block;
  private file?: { f: ProbeFile; b: Block };
  private complete = false;
  private kept = 0;
  private read = 0;
  private overWire = false;
  /** the last piece of content ended inside a line (a long line fed in parts): the next is no marker */
  private midLine = false;
  private readonly sections = new Map<string, Section>();

  constructor(nonce: string, limits: typeof LIMITS = LIMITS) {
    this.prefix = `@@KV${nonce} `;
    this.limits = limits;
  }

  /** Feeds output; false once the host has sent more than the wire limit (stop reading). */
  push(chunk: string): boolean {
    if (this.overWire) return false;
    this.read += Buffer.byteLength(chunk);
    if (this.read > this.limits.wire) {
      this.overWire = true;
      return false;
    }
    let s = this.pending ? this.pending + chunk : chunk;
    let from = 0;
    for (let nl = s.indexOf('\n', from); nl >= 0; nl = s.indexOf('\n', from)) {
      this.line(s.slice(from, nl), true);
      from = nl + 1;
    }
    s = from ? s.slice(from) : s;
    // a line this long is no marker: it is content, kept (or counted) now rather than buffered
    if (s.length > MAX_MARKER) {
      this.line(s, false);
      s = '';
    }
    this.pending = s;
    return true;
  }

  /** Where it stands now (also after a deadline cut it short). */
  end(): ProbeOutput {
    if (this.pending) {
      this.line(this.pending, false);
      this.pending = '';
    }
    return {
      sections: this.sections,
      complete: this.complete,
      unfinished: this.current?.name,
      bytes: { read: this.read, kept: this.kept },
      ...(this.overWire ? { overWire: true } : {}),
    };
  }

  /** The section it is in and the last one it finished, without ending the stream. */
  progress(): { inSection?: string; lastDone?: string } | undefined {
    if (!this.sections.size && !this.current) return undefined;
    return { inSection: this.current?.name, lastDone: [...this.sections.keys()].at(-1) };
  }

  private line(l: string, whole: boolean): void {
    const continued = this.midLine;
    this.midLine = !whole;
    if (whole && !continued && l.startsWith(this.prefix) && l.endsWith('@@') && l.length >= this.prefix.length + 2) {
      this.marker(l.slice(this.prefix.length, -2));
      return;
    }
    const b = this.file?.b ?? this.text;
    if (!b) return; // outside any section (a login banner): not kept
    const piece = b.needSep ? `\n${l}` : l;
    b.needSep = whole;
    const n = Buffer.byteLength(piece);
    b.bytes += n;
    if (b.over) return;
    if (b.kept + n > this.limits.file) b.over = 'file';
    else if (this.kept + n > this.limits.host) b.over = 'host';
    if (b.over) {
      this.kept -= b.kept;
      b.parts = [];
      b.kept = 0;
      return;
    }
    b.parts.push(piece);
    b.kept += n;
    this.kept += n;
  }

  private closeFile(): void {
    if (!this.file) return;
    const { f, b } = this.file;
    if (b.over) {
      f.state = 'toolarge';
      (this.current!.oversize ??= []).push({ what: f.path, bytes: b.bytes, limit: b.over });
    } else f.content = b.parts.join('');
    this.file = undefined;
  }

  private closeText(): void {
    if (!this.current || !this.text) return;
    if (this.text.over) (this.current.oversize ??= []).push({ what: `section ${this.current.name}`, bytes: this.text.bytes, limit: this.text.over });
    else this.current.text = this.text.parts.join('');
    this.text = undefined;
  }

  private marker(tag: string): void {
    // the newline after a marker belongs to the marker: the text goes on without one
    if (this.text) this.text.needSep = false;
    if (tag === 'done') {
      this.closeFile();
      this.closeText();
      this.complete = true;
      this.current = undefined;
      return;
    }
    if (tag === 'eof') {
      this.closeFile();
      return;
    }
    const endm = /^\/(\S+) rc=(\d+)$/.exec(tag);
    if (endm) {
      this.closeFile();
      this.closeText();
      if (this.current && this.current.name === endm[1]) {
        this.current.rc = Number(endm[2]);
        this.sections.set(this.current.name, this.current);
      }
      this.current = undefined;
      return;
    }
    const fm = /^(file|unreadable|notfile) (.+)$/.exec(tag);
    if (fm && this.current) {
      this.closeFile();
      const f: ProbeFile = { path: fm[2]!, state: fm[1] === 'file' ? 'ok' : (fm[1] as 'unreadable' | 'notfile'), content: '' };
      this.current.files.push(f);
      if (f.state === 'ok') this.file = { f, b: new Block() };
      return;
    }
    this.closeFile();
    this.closeText();
    this.current = { name: tag, rc: -1, text: '', files: [] };
    this.text = new Block();
  }
}

export function splitSections(output: string, nonce: string, limits: typeof LIMITS = LIMITS): ProbeOutput {
  const s = new SectionSplitter(nonce, limits);
  s.push(output);
  return s.end();
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
