import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchConfig, serveEmulator } from './emulator-entry.js';

// The emulator of voracious-server.ts with a state file, flushed at the default interval:
// a fresh folder each start, so no earlier run's applications are restored.
const folder = await mkdtemp(path.join(os.tmpdir(), 'voracious-bench-'));
const removeFolder = () => rm(folder, { recursive: true, force: true });

const config = benchConfig();
config.state.file = path.join(folder, 'state.db');

try {
  await serveEmulator(config, 'bench defaults with a state file', removeFolder);
} catch (error) {
  await removeFolder();
  throw error;
}
