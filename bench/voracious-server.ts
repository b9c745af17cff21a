import { benchConfig, serveEmulator } from './emulator-entry.js';

await serveEmulator(benchConfig(), 'bench defaults');
