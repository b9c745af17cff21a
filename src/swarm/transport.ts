import { Pool } from 'undici';

/** An HTTP answer with its body parsed as JSON when it is JSON. */
export interface HttpReply {
  statusCode: number;
  body: unknown;
}

const HEADERS = {
  'content-type': 'application/json',
  'user-agent': 'voracious-swarm',
};

/**
 * Keep-alive connections to one backend, shared by every servo: a pool with
 * a fixed number of sockets queues requests instead of opening more.
 */
export class Transport {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(url: string, connections: number) {
    const parsed = new URL(url);
    this.pool = new Pool(parsed.origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.basePath = parsed.pathname.replace(/\/+$/, '');
  }

  /** One POST; throws on transport errors, returns any HTTP status. */
  async post(path: string, payload: string): Promise<HttpReply> {
    const response = await this.pool.request({
      method: 'POST',
      path: this.basePath + path,
      headers: HEADERS,
      body: payload,
    });
    return { statusCode: response.statusCode, body: parseBody(await response.body.text()) };
  }

  /** One GET; throws on transport errors, returns any HTTP status. */
  async get(path: string): Promise<HttpReply> {
    const response = await this.pool.request({ method: 'GET', path: this.basePath + path });
    return { statusCode: response.statusCode, body: parseBody(await response.body.text()) };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
