// Tiny schema checks for the YAML inputs; every failure names file, line and key.
import { ConfigError } from './errors.ts';
import type { LoadedYaml } from './yaml-file.ts';

type Path = (string | number)[];

export class Checker {
  readonly src: LoadedYaml;
  constructor(src: LoadedYaml) {
    this.src = src;
  }
  fail(path: Path, problem: string): never {
    const key = path.length ? `${path.join('.')}: ` : '';
    throw new ConfigError(`${key}${problem}`, { file: this.src.file, line: this.src.lineOf(path) });
  }
  object(v: unknown, path: Path): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, `expected a mapping, got ${kind(v)}`);
    return v as Record<string, unknown>;
  }
  onlyKeys(obj: Record<string, unknown>, path: Path, allowed: string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.fail([...path, k], `unknown key (allowed: ${allowed.join(', ')})`);
    }
  }
  string(v: unknown, path: Path, opts: { pattern?: RegExp; hint?: string } = {}): string {
    if (typeof v === 'number') v = String(v);
    if (typeof v !== 'string' || v === '') this.fail(path, `expected a non-empty string, got ${kind(v)}`);
    if (opts.pattern && !opts.pattern.test(v as string)) this.fail(path, `invalid value ${JSON.stringify(v)}${opts.hint ? ` (${opts.hint})` : ''}`);
    return v as string;
  }
  int(v: unknown, path: Path, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.fail(path, `expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v as number;
  }
  bool(v: unknown, path: Path): boolean {
    if (typeof v !== 'boolean') this.fail(path, `expected true or false, got ${kind(v)}`);
    return v as boolean;
  }
  array(v: unknown, path: Path): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${kind(v)}`);
    return v as unknown[];
  }
  oneOf<T extends string>(v: unknown, path: Path, values: readonly T[]): T {
    if (typeof v !== 'string' || !values.includes(v as T)) this.fail(path, `expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }
}

function kind(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
