import { isObject } from './answer.js';
import { Transport } from './transport.js';

/** The backend could not list its applications; the CLI reports it and exits with 2. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

/** The app names the backend lists for an account: the keys of `data` in application-overrides. */
export async function discoverApps(url: string, account: string): Promise<string[]> {
  const transport = new Transport(url, 1);
  const path = `/accounts/${encodeURIComponent(account)}/application-overrides`;

  try {
    const reply = await transport.get(path).catch((error: unknown) => {
      throw new DiscoveryError(`cannot reach ${url}: ${errorText(error)}`);
    });
    if (reply.statusCode !== 200) {
      throw new DiscoveryError(`GET ${path} answered ${reply.statusCode}; give --apps N instead`);
    }
    return namesIn(reply.body, path);
  } finally {
    await transport.close();
  }
}

function namesIn(body: unknown, path: string): string[] {
  // The original tool answered the bare map; its envelope came later.
  const data = isObject(body) && isObject(body.data) ? body.data : body;
  const names = isObject(data) ? Object.keys(data) : [];
  if (names.length === 0) {
    throw new DiscoveryError(`GET ${path} listed no applications; give --apps N instead`);
  }
  return names;
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
