import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in Voracious's package.json, found above this file (src/ or dist/src/). */
export function packageVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));

  for (;;) {
    const version = readVersion(join(folder, 'package.json'));
    if (version !== undefined) return version;

    const parent = dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}

function readVersion(file: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    return manifest.name === 'voracious' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
