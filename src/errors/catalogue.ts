/**
 * Every error Voracious reports, with a stable code, an HTTP status and a
 * message template. `{name}` placeholders are filled from the details given
 * to `voraciousError`. The README's error table is checked against this list.
 */
export const ERRORS = {
  VOR_ERR_SEQUENCE: {
    status: 400,
    template: '{app}: {event} not accepted (state {state}; expected {expected})',
  },
  VOR_ERR_NOT_CONNECTED: {
    status: 400,
    template:
      '{app}: {event} from an application that never said HELLO ' +
      '(state {state}; expected {expected})',
  },
  VOR_ERR_PROGRESS_MISSING: {
    status: 400,
    template: '{app}: {event} before any progress report (state {state}; expected {expected})',
  },
  VOR_ERR_PROGRESS_RANGE: {
    status: 400,
    template: '{app}: {event} must be a number from 0 to 100 or null, got {value} (state {state})',
  },
  VOR_ERR_PROGRESS_DECREASED: {
    status: 400,
    template: '{app}: {event} went down from {previous} to {value} (state {state})',
  },
  VOR_ERR_LATE_PROGRESS: {
    status: 400,
    template: '{app}: {event} after the final of its command (state {state}; expected {expected})',
  },
  VOR_ERR_DUPLICATE_FINAL: {
    status: 400,
    template:
      '{app}: {event} repeated for a command already completed ' +
      '(state {state}; expected {expected})',
  },
  VOR_ERR_CMD_UID: {
    status: 400,
    template:
      '{app}: {event} carries cmd_uid {value}, but the outstanding command is ' +
      '{outstanding} (state {state})',
  },
  VOR_ERR_BODY_INVALID: {
    status: 400,
    template: 'request body is not valid JSON: {reason}',
  },
  VOR_ERR_BODY_EMPTY: {
    status: 400,
    template: 'request body is empty; send {"event": ..., "param": ...}',
  },
  VOR_ERR_BODY_TOO_LARGE: {
    status: 413,
    template: 'request body exceeds the limit of {limit} bytes (server.body_limit)',
  },
  VOR_ERR_BODY_SHAPE: {
    status: 400,
    template: 'request body must be a JSON object like {"event": ..., "param": ...}, got {value}',
  },
  VOR_ERR_EVENT_MISSING: {
    status: 400,
    template: 'request body has no string "event"; expected one of {expected}',
  },
  VOR_ERR_EVENT_UNKNOWN: {
    status: 400,
    template: 'unknown event {value}; expected one of {expected}',
  },
  VOR_ERR_FIELD_INVALID: {
    status: 400,
    template: 'request body field {field} must be {type}, got {value}',
  },
  VOR_ERR_PARAM_INVALID: {
    status: 400,
    template: '{event} param must be {type}, got {value}',
  },
  VOR_ERR_NAME_INVALID: {
    status: 400,
    template:
      '{part} name {value} is invalid: use 1 to 128 letters, digits, ".", "_" or "-", ' +
      'starting with a letter or digit',
  },
  VOR_ERR_APP_OUTSIDE_FLEET: {
    status: 404,
    template: 'application {value} is not in the configured fleet ({fleet}); fleet.only is on',
  },
  VOR_ERR_APP_UNKNOWN: {
    status: 404,
    template: 'application {value} of account {account} is not known',
  },
  VOR_ERR_DESCRIPTOR_LIMIT: {
    status: 400,
    template: '{app}: DESCRIPTION refused: {reason} (state {state})',
  },
  VOR_ERR_UNAUTHORIZED: {
    status: 401,
    template:
      'missing or wrong token; send "Authorization: Bearer <token>" or "X-SF-Token: <token>"',
  },
  VOR_ERR_QUERY_INVALID: {
    status: 400,
    template: 'query parameter {name} must be {type}, got {value}',
  },
  VOR_ERR_ROUTE_NOT_FOUND: {
    status: 404,
    template: 'no route for {method} {url}',
  },
  VOR_ERR_INTERNAL: {
    status: 500,
    template: 'internal error; the server log has the details',
  },
  VOR_ERR_CONFIG: {
    status: 500,
    template: '{reason}',
  },
  VOR_ERR_STATE_FILE: {
    status: 500,
    template: 'state file {file}: {reason}',
  },
  VOR_ERR_RESET_BODY: {
    status: 400,
    template:
      'reset body must be {} (every application) or {"account": ..., "app": ...} ' +
      '(one), got {value}',
  },
  VOR_ERR_CONTENT_TYPE: {
    status: 415,
    template: '{method} {url} needs Content-Type: application/json, got {value}',
  },
  VOR_ERR_URL_INVALID: {
    status: 400,
    template: 'request URL {url} is malformed: {reason}',
  },
  VOR_ERR_HTTP_MALFORMED: {
    status: 400,
    template: 'request is not valid HTTP/1.1 ({reason}); the connection is closed',
  },
  VOR_ERR_HEADERS_TOO_LARGE: {
    status: 431,
    template: 'request headers exceed {limit} bytes; the connection is closed',
  },
  VOR_ERR_REQUEST_TIMEOUT: {
    status: 408,
    template: 'request did not arrive in full in time; the connection is closed',
  },
} as const satisfies Record<string, { status: number; template: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorDetails = Record<string, unknown>;

/** An error from the catalogue, carrying its code, status and details. */
export class VoraciousError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    const bounded = boundedDetails(details);
    super(formatMessage(ERRORS[code].template, bounded));
    this.name = 'VoraciousError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.details = bounded;
  }

  /** The one JSON shape every error response has: code, message, then the details. */
  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** Fills `{name}` placeholders; strings are quoted, lists joined. */
export function formatMessage(template: string, details: ErrorDetails): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in details)) return whole;
    return describeValue(details[name], name);
  });
}

const VERBATIM = new Set([
  'app',
  'event',
  'state',
  'account',
  'file',
  'reason',
  'part',
  'method',
  'url',
  'expected',
  'fleet',
  'outstanding',
  'name',
  'limit',
  'previous',
  'field',
  'type',
]);

/** Longest detail quoting a client an error carries, in characters of its JSON. */
const DETAIL_LIMIT = 200;

/** Details written by Voracious itself (a configuration error's whole reason, say): never cut. */
const OWN_TEXT = new Set(['reason', 'expected', 'fleet', 'file']);

/**
 * Details quote what a client sent, and bodies, logs and histories echo
 * them: a long value is cut to a preview, and one nested too deeply to
 * serialise (a hostile body can be) becomes a note, so reporting the error
 * neither throws nor repeats a megabyte.
 */
function boundedDetails(details: ErrorDetails): ErrorDetails {
  let bounded = details;
  for (const [name, value] of Object.entries(details)) {
    if (OWN_TEXT.has(name)) continue;
    const preview = previewOf(value);
    if (preview !== value) bounded = { ...bounded, [name]: preview };
  }
  return bounded;
}

function previewOf(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > DETAIL_LIMIT ? `${value.slice(0, DETAIL_LIMIT - 3)}...` : value;
  }
  if (typeof value !== 'object' || value === null) return value;

  const text = jsonOf(value);
  if (text === null) return 'a value nested too deeply to show';
  return text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT - 3)}...` : value;
}

function jsonOf(value: object): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

function describeValue(value: unknown, name: string): string {
  // Only our own lists are joined; a client's array is quoted as JSON like any value.
  if (Array.isArray(value) && VERBATIM.has(name)) return value.join(', ');
  if (VERBATIM.has(name) && typeof value === 'string') return value;
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
