import { enums, HistoryEvent } from '../proto';

export const ET = enums.EventType;
export type EventType = enums.EventType;

const attributeKeys = new Map<number, string>();

/** `EVENT_TYPE_TIMER_FIRED` → `timerFiredEventAttributes`. */
export function attributesKey(type: EventType): string {
  let key = attributeKeys.get(type);
  if (!key) {
    const words = ET[type].replace(/^EVENT_TYPE_/, '').toLowerCase().split('_');
    key = words.map((w: string, i: number) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') + 'EventAttributes';
    attributeKeys.set(type, key);
  }
  return key;
}

/** A history event without id and time (set when it is appended). */
export function makeEvent(type: EventType, attributes: object): HistoryEvent {
  return { eventType: type, [attributesKey(type)]: attributes } as HistoryEvent;
}

/** The typed attributes of an event, whatever its type. */
export function attributesOf<T = Record<string, unknown>>(event: HistoryEvent): T {
  return (event as Record<string, unknown>)[attributesKey(event.eventType as EventType)] as T;
}

/**
 * Placeholder for `startedEventId` in an activity result event that follows its (not yet numbered)
 * ActivityTaskStarted event; replaced by the real id when both are appended.
 */
export const PREVIOUS_EVENT_ID = -1;

const CLOSE_EVENTS = new Set<number>([
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  ET.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

export function isCloseEvent(event: HistoryEvent): boolean {
  return CLOSE_EVENTS.has(event.eventType as number);
}
