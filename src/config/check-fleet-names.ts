import type { Config } from './defaults.js';
import { configError } from './config-error.js';
import type { Origins } from './validate-config.js';

/** The application names the HTTP layer accepts, as its VOR_ERR_NAME_INVALID says. */
const NAME_CHARACTERS = /^[A-Za-z0-9._-]*$/;

const NAME_MAX_LENGTH = 128;

/** Refuses a fleet whose prefix, width and indexes give names the server would reject. */
export function checkFleetNames(fleet: Config['fleet'], origins: Origins): void {
  const last = fleet.first + fleet.apps - 1;
  if (!Number.isSafeInteger(last)) {
    throw configError(
      `fleet.first + fleet.apps is too large: the last index ${last} ` +
        `is not a safe integer${originList(['fleet.first', 'fleet.apps'], origins)}`,
    );
  }

  const longest = fleet.prefix + String(last).padStart(fleet.width, '0');
  if (!NAME_CHARACTERS.test(fleet.prefix)) {
    throw configError(
      `fleet.prefix ${JSON.stringify(fleet.prefix)} gives invalid application ` +
        `names such as ${JSON.stringify(longest)}: use letters, digits, ".", "_" or "-"` +
        originList(['fleet.prefix'], origins),
    );
  }

  if (longest.length > NAME_MAX_LENGTH) {
    throw configError(
      `fleet.prefix and fleet.width give application names of ` +
        `${longest.length} characters, over the limit of ${NAME_MAX_LENGTH}` +
        originList(['fleet.prefix', 'fleet.width'], origins),
    );
  }
}

function originList(paths: string[], origins: Origins): string {
  const found = paths.flatMap((path) => {
    const origin = origins.get(path);
    return origin === undefined ? [] : [`${path} from ${origin}`];
  });
  return found.length === 0 ? '' : ` (${found.join(', ')})`;
}
