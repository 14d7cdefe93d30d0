// @ts-nocheck
// Phase `postinstall`: the cluster over the Kubernetes API plus node-side facts, one test per (ID, target).
import { defineSuite } from '../lib/run/suite.ts';

defineSuite('postinstall');
