// Facts for unit tests: parsed from a real probe output recorded on Debian 12, then edited per case.
import { readFileSync } from 'node:fs';
import { defaultConnection, type InventoryHost } from '../../lib/config/inventory.ts';
import { defaultProfile, type Profile } from '../../lib/config/profile.ts';
import { parseCrioConfig } from '../../lib/facts/crio.ts';
import { parseFacts, type HostFacts } from '../../lib/probe/facts.ts';
import type { RunContext } from '../../lib/requirements/define.ts';
import { evaluate } from '../../lib/requirements/define.ts';
import { allRequirements } from '../../lib/requirements/index.ts';
import type { Role } from '../../lib/types.ts';

export const RECORDED = readFileSync(new URL('../../fixtures/recorded/debian12-local-probe.txt', import.meta.url), 'utf8');

export function recordedFacts(): HostFacts {
  return parseFacts(RECORDED, 'recordednonce', { host: 'harbor', port: 443 }, ['localhost']).facts;
}

export function host(name: string, roles: Role[] = ['control-plane'], address = '10.0.0.1'): InventoryHost {
  return { name, address, roles, transport: 'ssh', ...defaultConnection() };
}

export function ctxFor(hosts: { spec: InventoryHost; facts?: HostFacts; error?: string }[], profile: Profile = defaultProfile()): RunContext {
  return { profile, hosts, inventory: hosts.map((h) => h.spec), extra: {} };
}

export function judge(id: string, ctx: RunContext, target: string) {
  const req = allRequirements().find((r) => r.id === id);
  if (!req) throw new Error(`no requirement ${id}`);
  return evaluate(req, ctx, target);
}

export const ok = <T>(value: T) => ({ ok: true as const, value });

/** A host whose CRI-O configuration is these files (crio.conf and crio.conf.d drop-ins), parsed as the probe would. */
export const crioFacts = (files: { path: string; content: string }[]) => (m: HostFacts) => {
  let config, parseError;
  try {
    config = parseCrioConfig(files);
  } catch (e) {
    parseError = (e as Error).message;
  }
  m.crio = ok({ path: '/etc/crio/crio.conf', present: files.some((f) => f.path === '/etc/crio/crio.conf'), files, config, parseError });
};
