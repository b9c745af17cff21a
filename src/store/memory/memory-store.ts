import { AppTable } from '../app-table.js';
import type { StateStore } from '../state-store.js';

/** The default backend: state lives only as long as the process. */
export class MemoryStore implements StateStore {
  readonly apps = new AppTable();
  readonly description = 'memory';

  open(): number {
    return 0;
  }

  touch(): void {}

  touchAll(): void {}

  flush(): void {}

  close(): void {}
}
