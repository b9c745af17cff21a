import { createServer } from 'node:http';
import type { Server } from 'node:http';

const REPLY = JSON.stringify({ status: 'ok' });
const HEADERS = {
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(REPLY),
};

/** The baseline: read the body, parse it as JSON, answer a fixed JSON reply, keep-alive. */
export function createBareServer(): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString());
      response.writeHead(200, HEADERS);
      response.end(REPLY);
    });
  });
}
