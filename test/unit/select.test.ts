// Choosing checks: --check/--skip selectors (IDs, globs, kubeadm's names), --list, "did you mean".
// Stand-ins: none (the real catalogue).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { allRequirements } from '../../lib/requirements/index.ts';
import { didYouMean, KUBEADM_CHECKS, kubeadmCheckIds, listRequirements, resolveSelector, selectRequirements } from '../../lib/requirements/select.ts';
import { ConfigError } from '../../lib/config/errors.ts';
import { readableSource } from '../../lib/requirements/sources.ts';

const all = allRequirements();
const ids = all.map((r) => r.id);

describe('sources readable anywhere', () => {
  it('every requirement names its document file, section number and an English title — no CJK-only text', () => {
    for (const r of all) expect(readableSource(r.source), `${r.id}: ${r.source}`).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    expect(readableSource('000 三(二), 001')).toBe('000_472d15f6b3ad510b.txt §3.2 Cluster planning: Environment requirements; 001_3ab3eccb0a3c1b46.txt');
    expect(readableSource('000 (六)(九)')).toBe(
      '000_472d15f6b3ad510b.txt installation §1.6 Master node: Image management and installation §1.9 Master node: Installing the network plugin',
    );
    expect(readableSource('kubeadm preflight (checks.go InPathCheck)')).toBe('kubeadm preflight (checks.go InPathCheck)');
  });
});

describe('choosing checks', () => {
  it('an ID, a glob (any case) and a kubeadm check name each select their requirements', () => {
    expect(resolveSelector('HOST-SWAP', ids, '--check')).toEqual(['HOST-SWAP']);
    expect(resolveSelector('host-swap*', ids, '--check')).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    expect(resolveSelector('Swap', ids, '--skip')).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    expect(resolveSelector('port-6443', ids, '--skip')).toEqual(['HOST-PORTS-FREE']);
    expect(resolveSelector('FileContent--proc-sys-net-bridge-bridge-nf-call-iptables', ids, '--skip')).toEqual(['HOST-SYSCTL']);
    expect(resolveSelector('FileExisting-crictl', ids, '--skip')).toEqual(['HOST-BINARIES']);
    expect(resolveSelector('NumCPU', ids, '--skip')).toEqual(['HOST-CPU']);
    expect(resolveSelector('Mem', ids, '--skip')).toEqual(['HOST-MEM']);
  });
  it('unknown names exit 2 with one line and a suggestion; kubeadm checks without an equivalent say so', () => {
    expect(() => resolveSelector('HOST-SWAPP', ids, '--skip')).toThrow(
      new ConfigError('--skip HOST-SWAPP: no requirement has this ID — did you mean HOST-SWAP? (--list shows them all)'),
    );
    expect(() => resolveSelector('IsPrivilegedUser', ids, '--skip')).toThrow(/kubeadm's check IsPrivilegedUser has no kubeadm-verify equivalent/);
    expect(() => resolveSelector('NOTHING-LIKE-IT-AT-ALL', ids, '--check')).toThrow(/^--check NOTHING-LIKE-IT-AT-ALL: no requirement has this ID \(--list/);
    expect(didYouMean('inventroy', ['inventory', 'invert'])).toBe('inventory');
    expect(didYouMean('zzzzzz', ['inventory'])).toBeUndefined();
  });
  it('--check limits the run, --skip reports skipped checks with the request as the reason', () => {
    const s = selectRequirements(all, ['HOST-SWAP*'], ['HOST-SWAP-FSTAB']);
    expect(s.only).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    expect(s.skipped).toEqual({ 'HOST-SWAP-FSTAB': 'skipped on request (--skip HOST-SWAP-FSTAB)' });
    expect(selectRequirements(all, [], []).only).toBeUndefined();
  });
  it('every kubeadm mapping names existing IDs; --list shows every requirement with phase, severity, title and source', () => {
    for (const k of KUBEADM_CHECKS) for (const id of k.ids) expect(ids, k.name).toContain(id);
    expect(kubeadmCheckIds('SWAP')).toEqual(['HOST-SWAP', 'HOST-SWAP-FSTAB']);
    const list = listRequirements(all).split('\n');
    expect(list).toHaveLength(all.length + 1);
    expect(list[0]).toMatch(/^ID +PHASE +SEVERITY +TITLE +SOURCE$/);
    expect(list.find((l) => l.startsWith('HOST-SWAP '))).toMatch(/^HOST-SWAP +preflight +error +No active swap +\S/);
    // the docs table names every kubeadm check this code maps
    const doc = readFileSync(new URL('../../docs/kubeadm-checks.md', import.meta.url), 'utf8');
    for (const k of KUBEADM_CHECKS) expect(doc, k.name).toContain(`\`${k.name}\``);
  });
});
