// @ts-nocheck
// Phase `postinstall` requirements (the cluster over the API, plus node-side facts).
import type { Requirement } from '../define.ts';
import { postinstallChecks } from './checks.ts';

export const postinstallRequirements: Requirement[] = postinstallChecks;
