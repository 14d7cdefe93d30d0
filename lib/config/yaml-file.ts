// Read a YAML file into a plain value, with errors that name the file and line.
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, parseDocument, visit, type Document } from 'yaml';
import { ConfigError } from './errors.ts';

export interface LoadedYaml {
  file: string;
  value: unknown;
  /** Line (1-based) of the node at a dotted path such as `hosts.2.address`, when known. */
  lineOf(path: (string | number)[]): number | undefined;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? (e as Error).message}`, { file });
  }
}

function firstError(doc: Document, lc: LineCounter, file: string): void {
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lc.linePos(err.pos[0]).line;
    // the parser's first line ends with "at line L, column C:" before a code excerpt: say the column, drop the colon
    const first = err.message.split('\n')[0]!.replace(/ at line \d+, column (\d+):?$/, ' (column $1)');
    throw new ConfigError(`invalid YAML: ${first}`, { file, line });
  }
}

/** The line of the node at `path`; for a key that is missing, the line of the nearest mapping or list that holds it. */
function locate(doc: Document, lc: LineCounter) {
  return (path: (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = (n ? doc.getIn(path.slice(0, n), true) : doc.contents) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** The plain value; an alias that expands too far (a "billion laughs" bomb) is a ConfigError at the first alias. */
function toValue(doc: Document, lc: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    let line: number | undefined;
    visit(doc, {
      Alias(_k, node) {
        if (node.range) line = lc.linePos(node.range[0]).line;
        return visit.BREAK;
      },
    });
    const msg = (e as Error).message.split('\n')[0]!;
    throw new ConfigError(/alias/i.test(msg) ? `YAML aliases expand too far (more than 100 uses of one anchor): refusing to load` : `invalid YAML: ${msg}`, {
      file,
      line,
    });
  }
}

export function loadYaml(file: string): LoadedYaml {
  const text = read(file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  firstError(doc, lc, file);
  return { file, value: toValue(doc, lc, file), lineOf: locate(doc, lc) };
}

export function loadYamlDocuments(file: string): LoadedYaml[] {
  const text = read(file);
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: true });
  if (!Array.isArray(docs)) throw new ConfigError('invalid YAML stream', { file });
  return docs.map((doc) => {
    firstError(doc, lc, file);
    return { file, value: toValue(doc, lc, file), lineOf: locate(doc, lc) };
  });
}
