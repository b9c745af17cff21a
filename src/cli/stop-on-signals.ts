import type { Logger } from 'pino';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Where signals arrive from: the process, or an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** What stopping needs of a running emulator. */
export interface Stoppable {
  close(): Promise<void>;
  statsSnapshot(): object;
}

export interface StopHooks {
  signals: SignalSource;
  /** Ends the process at once; called on a second signal while stopping. */
  forceExit(code: number): void;
}

/**
 * Starts the emulator and runs it until SIGINT or SIGTERM, then stops it
 * gracefully and logs the final statistics; resolves to the exit code. The
 * handlers go in before starting, so a signal during start-up still stops
 * cleanly; a second signal forces exit code 1.
 */
export async function runUntilStopped(
  start: () => Promise<Stoppable>,
  logger: Logger,
  hooks: StopHooks,
): Promise<number> {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    let stopping = false;
    onSignal = (signal) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal while stopping, exiting at once');
        hooks.forceExit(1);
        return;
      }
      stopping = true;
      logger.info({ signal }, 'stopping');
      resolve();
    };
  });

  STOP_SIGNALS.forEach((name) => hooks.signals.on(name, onSignal));
  try {
    const emulator = await start();
    await stopRequested;
    return await stop(emulator, logger);
  } finally {
    STOP_SIGNALS.forEach((name) => hooks.signals.off(name, onSignal));
  }
}

async function stop(emulator: Stoppable, logger: Logger): Promise<number> {
  try {
    await emulator.close();
  } catch (error) {
    logger.error({ err: error }, 'graceful stop failed');
    return 1;
  }

  logger.info({ stats: emulator.statsSnapshot() }, 'final statistics');
  return 0;
}
