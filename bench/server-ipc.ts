/** Messages the bench parent sends to a server under test. */
export type ServerRequest = { type: 'memory' } | { type: 'snapshot' } | { type: 'stop' };

/** Messages a server under test sends back. */
export type ServerReply =
  | { type: 'ready'; origin: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage }
  | { type: 'snapshot'; stats: unknown }
  | { type: 'stopped' };

/** What a bench server entry hands over so the parent can measure and stop it. */
export interface ServedProcess {
  origin: string;
  close(): Promise<void>;
  snapshot(): unknown;
}

/**
 * Answers the parent over IPC: memory is read after forced collections (the process runs
 * with --expose-gc) so it shows what stays alive, not garbage waiting for the collector.
 */
export function answerParent(served: ServedProcess): void {
  process.on('message', (message: ServerRequest) => {
    void answer(served, message);
  });
  reply({ type: 'ready', origin: served.origin });
}

async function answer(served: ServedProcess, message: ServerRequest): Promise<void> {
  if (message.type === 'memory') {
    collectGarbage();
    reply({ type: 'memory', usage: process.memoryUsage() });
  } else if (message.type === 'snapshot') {
    reply({ type: 'snapshot', stats: served.snapshot() });
  } else {
    await served.close();
    // Exiting (not only disconnecting) lets --cpu-prof write its profile even if a
    // timer or handle of the server under test would keep the process alive.
    process.send?.({ type: 'stopped' } satisfies ServerReply, () => process.exit(0));
  }
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the bench server must run with --expose-gc');
  gc();
  gc();
}

function reply(message: ServerReply): void {
  process.send?.(message);
}

/** Turns a listening address ("http://h:p", "h:p" or an AddressInfo) into an origin URL. */
export function originOf(address: string | { address: string; port: number } | null): string {
  if (address === null) throw new Error('the server is not listening');
  if (typeof address !== 'string') return `http://${address.address}:${address.port}`;
  return address.startsWith('http') ? address : `http://${address}`;
}
