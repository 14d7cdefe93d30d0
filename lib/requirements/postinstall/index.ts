// Phase `postinstall` requirements (issue 3). Each file exports its list; this one joins them.
import type { Requirement } from '../define.ts';

export const postinstallRequirements: Requirement[] = [];
