// The catalogue: every requirement, in report order. Adding one = its definition + a line here
// (+ its fixture expectations). IDs are public API: never rename, only add.
import type { Phase } from '../types.ts';
import type { Requirement } from './define.ts';
import { postinstallRequirements } from './postinstall/index.ts';
import { fleetRequirements } from './preflight/fleet.ts';
import { hostRequirements } from './preflight/host.ts';
import { imageRequirements } from './preflight/images.ts';
import { networkRequirements } from './preflight/network.ts';
import { runtimeRequirements } from './preflight/runtime.ts';

const preflight: Requirement[] = [...hostRequirements, ...fleetRequirements, ...networkRequirements, ...runtimeRequirements, ...imageRequirements];

export function requirements(phase: Phase): Requirement[] {
  return phase === 'preflight' ? preflight : postinstallRequirements;
}

export function allRequirements(): Requirement[] {
  const all = [...preflight, ...postinstallRequirements];
  const seen = new Set<string>();
  for (const r of all) {
    if (seen.has(r.id)) throw new Error(`duplicate requirement ID ${r.id}`);
    seen.add(r.id);
  }
  return all;
}
