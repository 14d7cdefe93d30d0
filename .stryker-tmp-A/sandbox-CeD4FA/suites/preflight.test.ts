// @ts-nocheck
// Phase `preflight`: every host requirement of REQUIREMENTS.md, one test per (ID, host).
import { defineSuite } from '../lib/run/suite.ts';

defineSuite('preflight');
