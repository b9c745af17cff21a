import type { LiveFigures } from './swarm.js';

/** Something the live line can be written to: a TTY gets one refreshed line. */
export interface LineSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** One status line: elapsed, active servos, requests/s, cycles, rejections, latency. */
export function progressText(figures: LiveFigures, requestsPerSecond: number): string {
  const seconds = (figures.elapsedMs / 1000).toFixed(0).padStart(4);
  return (
    `[${seconds}s] servos ${figures.active}/${figures.servos}  ` +
    `req/s ${requestsPerSecond.toFixed(0)}  cycles ${figures.cycles}  ` +
    `rejections ${figures.rejections}  p50 ${figures.p50Ms.toFixed(1)} ms  ` +
    `p99 ${figures.p99Ms.toFixed(1)} ms`
  );
}

/**
 * Writes the live line on a timer: every second in place on a terminal,
 * every five seconds as a plain line otherwise (CI logs stay readable).
 */
export function startProgressLine(read: () => LiveFigures, sink: LineSink): () => void {
  const tty = sink.isTTY === true;
  let lastRequests = 0;
  let lastElapsed = 0;

  const tick = () => {
    const figures = read();
    const seconds = Math.max(0.001, (figures.elapsedMs - lastElapsed) / 1000);
    const text = progressText(figures, (figures.requests - lastRequests) / seconds);
    lastRequests = figures.requests;
    lastElapsed = figures.elapsedMs;
    sink.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
  };

  const timer = setInterval(tick, tty ? 1_000 : 5_000);
  return () => {
    clearInterval(timer);
    if (tty) sink.write('\r\x1b[2K');
  };
}
