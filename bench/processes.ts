import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Job, LoadResult } from './jobs.js';
import type { ServerReply, ServerRequest } from './server-ipc.js';

/** The bench server entries, compiled next to this file. */
export type ServerEntry = 'bare-server' | 'voracious-server' | 'persist-server';

/** A server under test running in its own process. */
export interface ServerHandle {
  origin: string;
  memory(): Promise<NodeJS.MemoryUsage>;
  snapshot(): Promise<unknown>;
  /** Asks for a graceful stop (a CPU profile is written only then). */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;
const STDERR_LINES_SHOWN = 20;

/** Starts a bench server entry with --expose-gc plus the given Node flags. */
export async function startServer(
  entry: ServerEntry,
  nodeFlags: string[],
  stderr: NodeJS.WritableStream,
): Promise<ServerHandle> {
  const child = fork(new URL(`./${entry}.js`, import.meta.url), [], {
    execArgv: ['--expose-gc', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  forwardStderr(child, entry, stderr);

  const ready = await nextMessage<ServerReply>(child, 'ready');
  const ask = async <T extends ServerReply['type']>(request: ServerRequest, answer: T) => {
    const reply = nextMessage<ServerReply>(child, answer);
    child.send(request);
    return (await reply) as Extract<ServerReply, { type: T }>;
  };

  return {
    origin: ready.type === 'ready' ? ready.origin : '',
    memory: async () => (await ask({ type: 'memory' }, 'memory')).usage,
    snapshot: async () => (await ask({ type: 'snapshot' }, 'snapshot')).stats,
    stop: async () => {
      const exited = exitOf(child);
      child.send({ type: 'stop' } satisfies ServerRequest);
      await within(exited, STOP_TIMEOUT_MS, () => child.kill('SIGKILL'));
    },
  };
}

/** Runs one job in a fresh generator process, so load and server use separate cores. */
export async function runInGenerator(job: Job): Promise<LoadResult> {
  // Structured clone keeps Infinity (an unbounded duration) that JSON would turn into null.
  const child = fork(new URL('./generator-process.js', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const exited = exitOf(child);

  try {
    await nextMessage<{ type: string }>(child, 'ready');
    const answer = nextMessage<{ type: string; result?: LoadResult; message?: string }>(
      child,
      'result',
      'failed',
    );
    child.send(job);
    const reply = await answer;
    if (reply.result === undefined) throw new Error(`generator failed: ${reply.message}`);
    return reply.result;
  } finally {
    child.disconnect();
    await within(exited, STOP_TIMEOUT_MS, () => child.kill('SIGKILL'));
  }
}

function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  ...types: string[]
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (!types.includes(message.type)) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`child ${child.pid} exited with ${code} before answering ${types}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function within(done: Promise<void>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
  });
  await Promise.race([done, late]);
  clearTimeout(timer);
}

/** Shows a server's first stderr lines; a flood of warnings would slow the run it reports on. */
function forwardStderr(child: ChildProcess, entry: string, stderr: NodeJS.WritableStream): void {
  if (child.stderr === null) return;

  let lines = 0;
  const reader = createInterface({ input: child.stderr });
  reader.on('line', (line) => {
    lines += 1;
    if (lines <= STDERR_LINES_SHOWN) stderr.write(`[${entry}] ${line}\n`);
  });
  reader.on('close', () => {
    if (lines > STDERR_LINES_SHOWN) stderr.write(`[${entry}] ${lines} stderr lines in all\n`);
  });
}
