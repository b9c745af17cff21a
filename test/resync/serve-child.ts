import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { MAIN, cleanEnv } from '../cli/run-main.js';

/** A `voracious serve` child process, once it logged its start-up line. */
export interface ServeChild {
  child: ChildProcess;
  address: string;
  port: number;
  /** The start-up line's fields. */
  startup: Record<string, unknown>;
  /** Resolves with the exit code, or with the signal that ended it. */
  exited: Promise<number | string>;
}

/** Starts `voracious serve ...args` and waits for its start-up line. */
export async function serveChild(args: string[]): Promise<ServeChild> {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const startup = new Promise<Record<string, unknown>>((resolve, reject) => {
    // Every line is read to the end, so the child never blocks on a full pipe.
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      if (line.msg === 'voracious listening') resolve(line);
    });
    void exited.then((end) => reject(new Error(`voracious serve ended (${end}) before listening`)));
  });

  const line = await startup;
  const address = String(line.address);
  return { child, address, port: Number(new URL(address).port), startup: line, exited };
}

/** Ends a child with SIGKILL, as a crash would, and waits until it is gone. */
export async function killHard(serve: ServeChild): Promise<void> {
  serve.child.kill('SIGKILL');
  await serve.exited;
}

/** Stops a child gracefully and returns its exit code. */
export async function stopGently(serve: ServeChild): Promise<number | string> {
  serve.child.kill('SIGTERM');
  return serve.exited;
}
