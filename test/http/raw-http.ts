import { connect, type Socket } from 'node:net';

/** A TCP connection to the emulator at `address` (http://127.0.0.1:port). */
export async function openSocket(address: string): Promise<Socket> {
  const { port } = new URL(address);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve).once('error', reject);
  });
  return socket;
}

/** Everything the server sends until it closes the connection. */
export function readUntilClosed(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Reads one whole response with a Content-Length, leaving the connection open. */
export function readOneResponse(socket: Socket): Promise<string> {
  let text = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (Buffer.byteLength(text.slice(end + 4)) < length) return;
      socket.off('data', onData);
      resolve(text);
    };
    socket.on('data', onData);
  });
}

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** The last response in `text`, with lower-cased header names. */
export function lastResponse(text: string): RawResponse {
  const starts = [...text.matchAll(/(?:^|\n)HTTP\/1\.1 \d{3} /g)].map((found) => found.index);
  const start = text.indexOf('HTTP/1.1 ', starts.at(-1) ?? 0);
  const [head = '', body = ''] = text.slice(start).split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const chunked = headers.get('transfer-encoding') === 'chunked';
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: chunked ? dechunk(body) : body,
  };
}

function dechunk(text: string): string {
  let body = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 4 + size);
  }
}
