// The scenario checker itself (test/helpers/run-cli.ts mismatches()): it must see what is missing, not only what differs.
// Stand-ins: the results files are minimal objects built here.
import { describe, expect, it } from 'vitest';
import type { Result, ResultsFile } from '../../lib/types.ts';
import { mismatches } from '../helpers/run-cli.ts';

const res = (...rs: [string, string, Result['status']][]): ResultsFile =>
  ({ results: rs.map(([id, host, status]) => ({ id, host, status, observed: 'o' }) as Result) }) as ResultsFile;

describe('mismatches()', () => {
  it('all as expected: nothing to report', () => {
    expect(mismatches(res(['A', 'h1', 'pass'], ['B', 'h1', 'fail']), { default: 'pass', B: { h1: 'fail' } }, { ids: ['A', 'B'] })).toEqual([]);
  });
  it('a verdict that differs', () => {
    expect(mismatches(res(['A', 'h1', 'fail']), { default: 'pass' })).toEqual(['A [h1]: got fail, want pass — o']);
  });
  it('an expected (ID, host) the run does not have', () => {
    expect(mismatches(res(['A', 'h1', 'pass']), { default: 'pass', A: { '*': 'pass' } })).toEqual(['A [*]: expected pass, but the run has no such result']);
  });
  it('an expectation naming no host', () => {
    expect(mismatches(res(['A', 'h1', 'pass']), { default: 'pass', A: {} })).toEqual(['A: expectation {} names no host (it matches nothing)']);
  });
  it('an ID of the catalogue with no result, and a duplicated result', () => {
    expect(mismatches(res(['A', 'h1', 'pass'], ['A', 'h1', 'pass']), { default: 'pass' }, { ids: ['A', 'B'] })).toEqual([
      'A [h1]: 2 results for one (ID, host)',
      'B: no result at all',
    ]);
  });
});
