// Every self-test file says what in it is real and what is a stand-in: its leading comment has a "Stand-ins" line.
// Stand-ins: none.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.ts';

const files = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts'));

describe('test headers', () => {
  it('every test file names its stand-ins in its header', () => {
    expect(files.length).toBeGreaterThan(15);
    const header = (f: string) =>
      readFileSync(join(ROOT, 'test', f), 'utf8')
        .split('\n')
        .filter((l, i, a) => a.slice(0, i + 1).every((x) => x.startsWith('//')))
        .join('\n');
    expect(files.filter((f) => !/Stand-ins/.test(header(f)))).toEqual([]);
  });
});
