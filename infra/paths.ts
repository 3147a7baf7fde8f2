import { fileURLToPath } from 'node:url';

/** The repository root: handler paths in the route and worker tables are relative to it. */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** Where the ASL files live, one per workflow. */
export const stateMachinesDir = fileURLToPath(new URL('../state-machines/', import.meta.url));
