import type { UiFlow } from '../ui';
import { graph } from './graph';
import { hover } from './hover';
import { linking } from './linking';
import { migration } from './migration';
import { signIn } from './signIn';
import { status } from './status';
import { tree } from './tree';

/**
 * The UI flows, run in this order in one workbench (later flows may rely on
 * earlier ones: everything after sign-in runs signed in). Add new flows here.
 */
export const flows: UiFlow[] = [signIn, hover, linking, tree, graph, migration, status];

/**
 * The flows that passed ten runs of the UI suite in a row (`--stable`;
 * test/ui/STABILITY.md): `npm test`, and so CI, runs them. A new flow joins
 * after ten passing runs of its own.
 */
export const STABLE_FLOWS: readonly string[] = ['sign-in', 'hover', 'linking', 'tree', 'graph', 'migration', 'status'];
