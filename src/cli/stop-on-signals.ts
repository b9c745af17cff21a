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
 * Resolves with the exit code once the first SIGINT or SIGTERM has stopped the
 * emulator gracefully and its final statistics are logged; a second signal
 * while it is stopping forces exit code 1.
 */
export function stopOnSignals(
  emulator: Stoppable, logger: Logger, hooks: StopHooks,
): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;

    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal while stopping, exiting at once');
        hooks.forceExit(1);
        return;
      }
      stopping = true;
      logger.info({ signal }, 'stopping');
      void stop(emulator, logger).then((code) => {
        STOP_SIGNALS.forEach((name) => hooks.signals.off(name, onSignal));
        resolve(code);
      });
    };

    STOP_SIGNALS.forEach((name) => hooks.signals.on(name, onSignal));
  });
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
