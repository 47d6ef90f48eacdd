import { BASIS_POINTS_PER_WHOLE } from '../money';
import { parseWallTime } from './wall-clock';
import type { DunningActionType, DunningPolicy } from './policy';

/** Stable codes of policy validation errors (the UI may key translations or field highlights on them). */
export type DunningPolicyErrorCode =
  | 'POLICY_NOT_OBJECT'
  | 'UNKNOWN_FIELD'
  | 'POLICY_ID_INVALID'
  | 'POLICY_VERSION_INVALID'
  | 'POLICY_NAME_INVALID'
  | 'STEP_TIME_INVALID'
  | 'FLAG_INVALID'
  | 'SEND_WINDOW_INVALID'
  | 'SEND_WINDOW_DAYS_INVALID'
  | 'SEND_WINDOW_HOURS_INVALID'
  | 'PROMISE_RULES_INVALID'
  | 'PROMISE_MAX_DAYS_INVALID'
  | 'PROMISE_MAX_PER_INVOICE_INVALID'
  | 'STEPS_EMPTY'
  | 'STEP_NOT_OBJECT'
  | 'STEP_ID_INVALID'
  | 'STEP_ID_DUPLICATE'
  | 'STEP_DAY_OFFSET_NOT_INTEGER'
  | 'STEP_DAY_OFFSET_OUT_OF_RANGE'
  | 'STEP_ORDER_INVALID'
  | 'STEP_ACTIONS_EMPTY'
  | 'ACTION_NOT_OBJECT'
  | 'ACTION_TYPE_UNKNOWN'
  | 'ACTION_DUPLICATE_IN_STEP'
  | 'ACTION_TEMPLATE_INVALID'
  | 'LATE_FEE_KIND_UNKNOWN'
  | 'LATE_FEE_AMOUNT_INVALID'
  | 'LATE_FEE_BASIS_POINTS_INVALID'
  | 'LATE_FEE_MORE_THAN_ONCE'
  | 'SUSPEND_MORE_THAN_ONCE'
  | 'SUSPEND_WARNING_AFTER_SUSPEND';

export interface DunningPolicyError {
  code: DunningPolicyErrorCode;
  /** JSON path of the offending value, e.g. `steps[1].dayOffset`. */
  path: string;
  /** Bahasa Indonesia, ready for the UI, e.g. "Langkah ke-2: offset hari harus bilangan bulat". */
  message: string;
}

export type DunningPolicyValidation = { ok: true; policy: DunningPolicy } | { ok: false; errors: DunningPolicyError[] };

/** Earliest and latest step day offsets: a month before the due date to half a year after it. */
export const STEP_DAY_OFFSET_MIN = -30;
export const STEP_DAY_OFFSET_MAX = 180;
/** Promises can be at most 30 days ahead (0 disables them) and at most 10 per invoice. */
export const PROMISE_MAX_DAYS_AHEAD_LIMIT = 30;
export const PROMISE_MAX_PER_INVOICE_LIMIT = 10;
/** 10 000 basis points = 100 % of the invoice total. */
export const LATE_FEE_MAX_BASIS_POINTS = BASIS_POINTS_PER_WHOLE;

const ACTION_TYPES: readonly DunningActionType[] = ['notify', 'late_fee', 'suspend_warning', 'suspend'];
const TEMPLATE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const POLICY_FIELDS = [
  'id',
  'version',
  'name',
  'stepTime',
  'sendWindow',
  'suspendOnlyInWorkingHours',
  'promiseToPay',
  'issueWhileSuspended',
  'steps',
];
const ACTION_FIELDS: Record<DunningActionType, string[]> = {
  notify: ['type', 'template'],
  late_fee: ['type', 'fee'],
  suspend_warning: ['type', 'template'],
  suspend: ['type'],
};

type Json = Record<string, unknown>;

const stepLabel = (stepIndex: number) => `Langkah ke-${stepIndex + 1}: `;
const actionLabel = (stepIndex: number, actionIndex: number) => `Langkah ke-${stepIndex + 1}, aksi ke-${actionIndex + 1}: `;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Collects errors while walking the policy. */
class ErrorCollector {
  readonly errors: DunningPolicyError[] = [];

  add(code: DunningPolicyErrorCode, path: string, message: string): void {
    this.errors.push({ code, path, message });
  }

  unknownFields(value: Json, allowed: readonly string[], path: string, label: string): void {
    for (const key of Object.keys(value).filter((key) => !allowed.includes(key))) {
      this.add('UNKNOWN_FIELD', path ? `${path}.${key}` : key, `${label}kolom '${key}' tidak dikenal`);
    }
  }
}

/**
 * Validates a dunning policy received as JSON. Returns every problem found (not just the first), each with a
 * code, the path and an Indonesian message for the UI. Pure: safe inside Temporal workflows.
 */
export function validateDunningPolicy(input: unknown): DunningPolicyValidation {
  const collector = new ErrorCollector();
  if (!isObject(input)) {
    collector.add('POLICY_NOT_OBJECT', '', 'Kebijakan penagihan harus berupa objek JSON');
    return { ok: false, errors: collector.errors };
  }
  collector.unknownFields(input, POLICY_FIELDS, '', 'Kebijakan: ');
  checkHeader(input, collector);
  checkSendWindow(input['sendWindow'], collector);
  checkPromiseRules(input['promiseToPay'], collector);
  checkSteps(input['steps'], parseWallTime(input['stepTime']) ?? 0, collector);
  return collector.errors.length === 0
    ? { ok: true, policy: input as unknown as DunningPolicy }
    : { ok: false, errors: collector.errors };
}

function checkHeader(input: Json, collector: ErrorCollector): void {
  if (!isNonEmptyString(input['id'])) collector.add('POLICY_ID_INVALID', 'id', 'ID kebijakan wajib diisi');
  if (!isIntegerIn(input['version'], 1, Number.MAX_SAFE_INTEGER)) {
    collector.add('POLICY_VERSION_INVALID', 'version', 'Versi kebijakan harus bilangan bulat positif');
  }
  if (!isNonEmptyString(input['name'])) collector.add('POLICY_NAME_INVALID', 'name', 'Nama kebijakan wajib diisi');
  if (parseWallTime(input['stepTime']) === undefined) {
    collector.add('STEP_TIME_INVALID', 'stepTime', 'Jam bawaan langkah harus berformat JJ:MM (00:00–23:59)');
  }
  for (const flag of ['suspendOnlyInWorkingHours', 'issueWhileSuspended']) {
    if (typeof input[flag] !== 'boolean') collector.add('FLAG_INVALID', flag, `Kolom '${flag}' harus bernilai true atau false`);
  }
}

function checkSendWindow(window: unknown, collector: ErrorCollector): void {
  if (!isObject(window)) {
    collector.add('SEND_WINDOW_INVALID', 'sendWindow', 'Jendela kirim wajib diisi (hari, jam mulai, jam selesai)');
    return;
  }
  collector.unknownFields(window, ['days', 'start', 'end'], 'sendWindow', 'Jendela kirim: ');
  const days = window['days'];
  if (
    !Array.isArray(days) ||
    days.length === 0 ||
    !days.every((day) => isIntegerIn(day, 1, 7)) ||
    new Set(days).size !== days.length
  ) {
    collector.add(
      'SEND_WINDOW_DAYS_INVALID',
      'sendWindow.days',
      'Jendela kirim: hari harus berisi angka 1 (Senin) sampai 7 (Minggu), minimal satu, tanpa duplikat',
    );
  }
  const start = parseWallTime(window['start']);
  const end = parseWallTime(window['end']);
  if (start === undefined || end === undefined) {
    collector.add('SEND_WINDOW_HOURS_INVALID', 'sendWindow', 'Jendela kirim: jam mulai dan jam selesai harus berformat JJ:MM');
  } else if (start >= end) {
    collector.add('SEND_WINDOW_HOURS_INVALID', 'sendWindow', 'Jendela kirim: jam mulai harus sebelum jam selesai');
  }
}

function checkPromiseRules(rules: unknown, collector: ErrorCollector): void {
  if (!isObject(rules)) {
    collector.add('PROMISE_RULES_INVALID', 'promiseToPay', 'Aturan janji bayar wajib diisi');
    return;
  }
  collector.unknownFields(rules, ['maxDaysAhead', 'maxPerInvoice'], 'promiseToPay', 'Janji bayar: ');
  if (!isIntegerIn(rules['maxDaysAhead'], 0, PROMISE_MAX_DAYS_AHEAD_LIMIT)) {
    collector.add(
      'PROMISE_MAX_DAYS_INVALID',
      'promiseToPay.maxDaysAhead',
      `Janji bayar: batas hari harus bilangan bulat 0–${PROMISE_MAX_DAYS_AHEAD_LIMIT} (0 = janji bayar tidak diizinkan)`,
    );
  }
  if (!isIntegerIn(rules['maxPerInvoice'], 0, PROMISE_MAX_PER_INVOICE_LIMIT)) {
    collector.add(
      'PROMISE_MAX_PER_INVOICE_INVALID',
      'promiseToPay.maxPerInvoice',
      `Janji bayar: jumlah per tagihan harus bilangan bulat 0–${PROMISE_MAX_PER_INVOICE_LIMIT}`,
    );
  }
}

function checkSteps(steps: unknown, defaultMinute: number, collector: ErrorCollector): void {
  if (!Array.isArray(steps) || steps.length === 0) {
    collector.add('STEPS_EMPTY', 'steps', 'Kebijakan harus memiliki minimal satu langkah');
    return;
  }
  const seenIds = new Map<string, number>();
  const actionSteps: Partial<Record<DunningActionType, number[]>> = {};
  let previousMoment: number | undefined;
  steps.forEach((step: unknown, index) => {
    const path = `steps[${index}]`;
    const label = stepLabel(index);
    if (!isObject(step)) {
      collector.add('STEP_NOT_OBJECT', path, `${label}harus berupa objek`);
      previousMoment = undefined;
      return;
    }
    collector.unknownFields(step, ['id', 'dayOffset', 'time', 'actions'], path, label);
    checkStepId(step['id'], seenIds, index, collector);
    const moment = checkStepMoment(step, index, defaultMinute, previousMoment, collector);
    previousMoment = moment;
    for (const type of checkActions(step['actions'], index, collector)) {
      (actionSteps[type] ??= []).push(index);
    }
  });
  checkActionsAcrossSteps(actionSteps, collector);
}

function checkStepId(id: unknown, seenIds: Map<string, number>, index: number, collector: ErrorCollector): void {
  const path = `steps[${index}].id`;
  const label = stepLabel(index);
  if (!isNonEmptyString(id)) {
    collector.add('STEP_ID_INVALID', path, `${label}ID langkah wajib diisi`);
    return;
  }
  const firstIndex = seenIds.get(id);
  if (firstIndex === undefined) seenIds.set(id, index);
  else collector.add('STEP_ID_DUPLICATE', path, `${label}ID '${id}' sudah dipakai langkah ke-${firstIndex + 1}`);
}

/** Checks offset and time; returns the step's minutes since the due date when valid, for the ordering check. */
function checkStepMoment(
  step: Json,
  index: number,
  defaultMinute: number,
  previousMoment: number | undefined,
  collector: ErrorCollector,
): number | undefined {
  const path = `steps[${index}]`;
  const label = stepLabel(index);
  const offset = step['dayOffset'];
  let offsetValid = false;
  if (!Number.isSafeInteger(offset)) {
    collector.add('STEP_DAY_OFFSET_NOT_INTEGER', `${path}.dayOffset`, `${label}offset hari harus bilangan bulat`);
  } else if (!isIntegerIn(offset, STEP_DAY_OFFSET_MIN, STEP_DAY_OFFSET_MAX)) {
    collector.add(
      'STEP_DAY_OFFSET_OUT_OF_RANGE',
      `${path}.dayOffset`,
      `${label}offset hari harus antara ${STEP_DAY_OFFSET_MIN} dan ${STEP_DAY_OFFSET_MAX}`,
    );
  } else {
    offsetValid = true;
  }
  const minute = step['time'] === undefined ? defaultMinute : parseWallTime(step['time']);
  if (minute === undefined) collector.add('STEP_TIME_INVALID', `${path}.time`, `${label}jam harus berformat JJ:MM (00:00–23:59)`);
  if (!offsetValid || minute === undefined) return undefined;
  const moment = (offset as number) * 24 * 60 + minute;
  if (previousMoment !== undefined && moment <= previousMoment) {
    collector.add('STEP_ORDER_INVALID', path, `${label}harus dijadwalkan setelah langkah ke-${index} (urutkan menurut hari dan jam)`);
  }
  return moment;
}

/** Checks a step's actions; returns the distinct valid action types found, for the whole-policy checks. */
function checkActions(actions: unknown, stepIndex: number, collector: ErrorCollector): DunningActionType[] {
  const stepPath = `steps[${stepIndex}]`;
  if (!Array.isArray(actions) || actions.length === 0) {
    collector.add('STEP_ACTIONS_EMPTY', `${stepPath}.actions`, `${stepLabel(stepIndex)}minimal satu aksi`);
    return [];
  }
  const types: DunningActionType[] = [];
  actions.forEach((action: unknown, index) => {
    const path = `${stepPath}.actions[${index}]`;
    const label = actionLabel(stepIndex, index);
    if (!isObject(action)) {
      collector.add('ACTION_NOT_OBJECT', path, `${label}harus berupa objek`);
      return;
    }
    const type = action['type'];
    if (!ACTION_TYPES.includes(type as DunningActionType)) {
      collector.add(
        'ACTION_TYPE_UNKNOWN',
        `${path}.type`,
        `${label}jenis aksi '${String(type)}' tidak dikenal (pilih ${ACTION_TYPES.join(', ')})`,
      );
      return;
    }
    const actionType = type as DunningActionType;
    if (types.includes(actionType)) {
      collector.add('ACTION_DUPLICATE_IN_STEP', `${path}.type`, `${label}aksi '${actionType}' sudah ada di langkah ini`);
    } else {
      types.push(actionType);
    }
    collector.unknownFields(action, ACTION_FIELDS[actionType], path, label);
    if (actionType === 'notify' || actionType === 'suspend_warning') checkTemplate(action['template'], path, label, collector);
    if (actionType === 'late_fee') checkLateFee(action['fee'], `${path}.fee`, label, collector);
  });
  return types;
}

function checkTemplate(template: unknown, path: string, label: string, collector: ErrorCollector): void {
  if (typeof template !== 'string' || !TEMPLATE_NAME.test(template)) {
    collector.add(
      'ACTION_TEMPLATE_INVALID',
      `${path}.template`,
      `${label}nama template wajib diisi (huruf kecil, angka, garis bawah; diawali huruf)`,
    );
  }
}

function checkLateFee(fee: unknown, path: string, label: string, collector: ErrorCollector): void {
  const kind = isObject(fee) ? fee['kind'] : undefined;
  if (!isObject(fee) || (kind !== 'fixed' && kind !== 'percent')) {
    collector.add('LATE_FEE_KIND_UNKNOWN', `${path}.kind`, `${label}jenis denda harus 'fixed' (nominal) atau 'percent' (persen)`);
    return;
  }
  if (kind === 'fixed') {
    collector.unknownFields(fee, ['kind', 'amount'], path, label);
    if (!isIntegerIn(fee['amount'], 1, Number.MAX_SAFE_INTEGER)) {
      collector.add('LATE_FEE_AMOUNT_INVALID', `${path}.amount`, `${label}nominal denda harus bilangan bulat rupiah lebih dari 0`);
    }
    return;
  }
  collector.unknownFields(fee, ['kind', 'basisPoints'], path, label);
  if (!isIntegerIn(fee['basisPoints'], 1, LATE_FEE_MAX_BASIS_POINTS)) {
    collector.add(
      'LATE_FEE_BASIS_POINTS_INVALID',
      `${path}.basisPoints`,
      `${label}denda persen harus basis poin bulat 1–${LATE_FEE_MAX_BASIS_POINTS} (100 = 1%)`,
    );
  }
}

function checkActionsAcrossSteps(actionSteps: Partial<Record<DunningActionType, number[]>>, collector: ErrorCollector): void {
  const ordinals = (indexes: number[]) => indexes.map((index) => `ke-${index + 1}`).join(', ');
  const feeSteps = actionSteps.late_fee ?? [];
  if (feeSteps.length > 1) {
    collector.add(
      'LATE_FEE_MORE_THAN_ONCE',
      'steps',
      `Denda keterlambatan hanya boleh satu kali per tagihan (ada di langkah ${ordinals(feeSteps)})`,
    );
  }
  const suspendSteps = actionSteps.suspend ?? [];
  if (suspendSteps.length > 1) {
    collector.add('SUSPEND_MORE_THAN_ONCE', 'steps', `Aksi suspend hanya boleh satu kali (ada di langkah ${ordinals(suspendSteps)})`);
  }
  const lateWarnings = (actionSteps.suspend_warning ?? []).filter((index) => suspendSteps.length > 0 && index > suspendSteps[0]);
  for (const index of lateWarnings) {
    collector.add(
      'SUSPEND_WARNING_AFTER_SUSPEND',
      `steps[${index}]`,
      `${stepLabel(index)}peringatan suspend harus sebelum langkah suspend (langkah ke-${suspendSteps[0] + 1})`,
    );
  }
}
