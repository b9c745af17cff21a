import { once } from 'node:events';
import { createBareServer } from './bare-handler.js';
import { answerParent, originOf } from './server-ipc.js';

const server = createBareServer();
server.listen(0, '127.0.0.1');
await once(server, 'listening');

answerParent({
  origin: originOf(server.address()),
  close: async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  },
  snapshot: () => ({}),
});
