import { VoraciousError } from '../errors/catalogue.js';
import { isObject } from './descriptor-registry.js';
import { EventKind, type EventName } from './events.js';

/**
 * Tells a progress report from a final (a report is a param with a
 * `progress` key, even a null one) and refuses params of the wrong type.
 */
export function classifyEvent(event: EventName, param: unknown): EventKind {
  switch (event) {
    case 'HELLO':
      return expectObjectOrNull(event, param, EventKind.HELLO);
    case 'GOODBYE':
      return expectObjectOrNull(event, param, EventKind.GOODBYE);
    case 'WHATS_NEXT':
      return EventKind.WHATS_NEXT;
    case 'DESCRIPTION':
      expectObject(event, param);
      return EventKind.DESCRIPTION;
    case 'MEASUREMENT':
      expectObject(event, param);
      return 'progress' in param ? EventKind.MEASUREMENT_PROGRESS : EventKind.MEASUREMENT_FINAL;
    case 'ADJUSTMENT':
      expectObject(event, param);
      return 'progress' in param ? EventKind.ADJUSTMENT_PROGRESS : EventKind.ADJUSTMENT_FINAL;
  }
}

function expectObjectOrNull(event: EventName, param: unknown, kind: EventKind): EventKind {
  if (param === null || param === undefined || isObject(param)) return kind;
  throw new VoraciousError('VOR_ERR_PARAM_INVALID', {
    event,
    type: 'an object or null',
    value: param,
  });
}

function expectObject(event: EventName, param: unknown): asserts param is Record<string, unknown> {
  if (isObject(param)) return;
  throw new VoraciousError('VOR_ERR_PARAM_INVALID', { event, type: 'an object', value: param });
}
