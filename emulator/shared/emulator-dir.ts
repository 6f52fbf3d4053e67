import { join } from 'node:path';

/**
 * The emulator's own folder (where its TypeScript sources are), whether this code runs from them
 * (tsx, jest) or from the transpiled copy launch.mjs makes, which tells its location through this
 * variable.
 */
export const EMULATOR_DIR = process.env.SAM_EMULATOR_SOURCE_DIR ?? join(__dirname, '..');
