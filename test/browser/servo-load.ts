import { Pool } from 'undici';
import { connectAndDescribe, httpPost, runCycle, type ServoPost } from '../helpers/servo-driver.js';

export interface LoadOptions {
  apps: number;
  connections: number;
  /** Every app with an index divisible by this sends a HELLO out of turn once per cycle. */
  misbehaveEvery: number;
  /** The load stops by itself after this long, whatever happens to the test. */
  maxMs: number;
}

/** A bounded servo load against one emulator on 127.0.0.1. */
export interface RunningLoad {
  /** Stops every servo after its current request and closes the connections. */
  stop(): Promise<void>;
}

/** Starts `apps` classic-style servos cycling as fast as their answers come. */
export function startLoad(address: string, options: LoadOptions): RunningLoad {
  const pool = new Pool(address, { connections: options.connections });
  const post = httpPost(pool, 'load');
  const deadline = Date.now() + options.maxMs;
  let stopped = false;
  const running = () => !stopped && Date.now() < deadline;

  const servos = Array.from({ length: options.apps }, (_, index) =>
    servo(
      post,
      `app${String(index).padStart(5, '0')}`,
      index % options.misbehaveEvery === 0,
      running,
    ),
  );

  return {
    async stop() {
      stopped = true;
      await Promise.allSettled(servos);
      await pool.close();
    },
  };
}

async function servo(
  post: ServoPost,
  app: string,
  misbehaves: boolean,
  running: () => boolean,
): Promise<void> {
  await connectAndDescribe(post, app);
  while (running()) {
    await runCycle(post, app);
    if (misbehaves) await post(app, 'HELLO', { agent: 'out of turn' });
  }
}
