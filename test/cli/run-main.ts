import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/cli/, next to dist/src/cli/main.js.
export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of this process without VORACIOUS_* variables, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VORACIOUS_')),
  );
  return { ...env, ...extra };
}

/** Runs `node dist/src/cli/main.js ...args` to its end. */
export function runMain(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: cleanEnv(extraEnv) },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Number(error.code ?? 1);
        resolve({ code, stdout, stderr });
      },
    );
  });
}
