import { DEFAULT_DUNNING_POLICY } from './policy';
import { type DunningPolicyError, validateDunningPolicy } from './validate-policy';

/** The default policy as JSON, with `change` applied to a deep copy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drafts are JSON we deliberately break
function policyJson(change: (policy: Record<string, any>) => void = () => undefined): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_DUNNING_POLICY));
  change(copy);
  return copy;
}

function errorsOf(input: unknown): DunningPolicyError[] {
  const result = validateDunningPolicy(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.errors;
}

describe(validateDunningPolicy.name, () => {
  it('accepts the default policy and returns it', () => {
    expect(validateDunningPolicy(policyJson())).toEqual({ ok: true, policy: DEFAULT_DUNNING_POLICY });
  });

  it('accepts a negative offset (H-1 reminder) and a percent fee', () => {
    const result = validateDunningPolicy(
      policyJson((policy) => {
        policy.steps.unshift({ id: 'h-1', dayOffset: -1, time: '10:00', actions: [{ type: 'notify', template: 'due_tomorrow' }] });
        policy.steps[3].actions[1].fee = { kind: 'percent', basisPoints: 250 };
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects something that is not an object', () => {
    expect(errorsOf([])).toEqual([{ code: 'POLICY_NOT_OBJECT', path: '', message: 'Kebijakan penagihan harus berupa objek JSON' }]);
  });

  it('names the step in Indonesian when an offset is not a whole number', () => {
    expect(errorsOf(policyJson((policy) => (policy.steps[1].dayOffset = 3.5)))).toEqual([
      { code: 'STEP_DAY_OFFSET_NOT_INTEGER', path: 'steps[1].dayOffset', message: 'Langkah ke-2: offset hari harus bilangan bulat' },
    ]);
  });

  it('rejects offsets outside -30…180 days', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.steps[0].dayOffset = -31;
        policy.steps[4].dayOffset = 181;
      }),
    );
    expect(errors.map((error) => [error.code, error.path])).toEqual([
      ['STEP_DAY_OFFSET_OUT_OF_RANGE', 'steps[0].dayOffset'],
      ['STEP_DAY_OFFSET_OUT_OF_RANGE', 'steps[4].dayOffset'],
    ]);
    expect(errors[0].message).toBe('Langkah ke-1: offset hari harus antara -30 dan 180');
  });

  it('requires steps in time order', () => {
    expect(errorsOf(policyJson((policy) => (policy.steps[2].dayOffset = 3)))).toEqual([
      {
        code: 'STEP_ORDER_INVALID',
        path: 'steps[2]',
        message: 'Langkah ke-3: harus dijadwalkan setelah langkah ke-2 (urutkan menurut hari dan jam)',
      },
    ]);
  });

  it('orders two steps on one day by their times, the default time included', () => {
    const sameDay = (time: string) =>
      policyJson((policy) => (policy.steps[2] = { ...policy.steps[2], dayOffset: 3, time }));
    expect(validateDunningPolicy(sameDay('16:00')).ok).toBe(true); // after reminder 1 at the default 09:00
    expect(errorsOf(sameDay('09:00')).map((error) => error.code)).toEqual(['STEP_ORDER_INVALID']);
  });

  it('rejects a malformed time of day', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.stepTime = '9:00';
        policy.steps[1].time = '24:00';
      }),
    );
    expect(errors.map((error) => [error.code, error.path])).toEqual([
      ['STEP_TIME_INVALID', 'stepTime'],
      ['STEP_TIME_INVALID', 'steps[1].time'],
    ]);
    expect(errors[1].message).toBe('Langkah ke-2: jam harus berformat JJ:MM (00:00–23:59)');
  });

  it('rejects duplicate and missing step ids', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.steps[3].id = 'reminder-1';
        policy.steps[4].id = ' ';
      }),
    );
    expect(errors).toEqual([
      { code: 'STEP_ID_DUPLICATE', path: 'steps[3].id', message: "Langkah ke-4: ID 'reminder-1' sudah dipakai langkah ke-2" },
      { code: 'STEP_ID_INVALID', path: 'steps[4].id', message: 'Langkah ke-5: ID langkah wajib diisi' },
    ]);
  });

  it('rejects unknown action types, empty steps and duplicate actions in a step', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.steps[0].actions = [{ type: 'sms' }];
        policy.steps[1].actions = [];
        policy.steps[4].actions.push({ type: 'suspend' });
      }),
    );
    expect(errors).toEqual([
      {
        code: 'ACTION_TYPE_UNKNOWN',
        path: 'steps[0].actions[0].type',
        message: "Langkah ke-1, aksi ke-1: jenis aksi 'sms' tidak dikenal (pilih notify, late_fee, suspend_warning, suspend)",
      },
      { code: 'STEP_ACTIONS_EMPTY', path: 'steps[1].actions', message: 'Langkah ke-2: minimal satu aksi' },
      {
        code: 'ACTION_DUPLICATE_IN_STEP',
        path: 'steps[4].actions[1].type',
        message: "Langkah ke-5, aksi ke-2: aksi 'suspend' sudah ada di langkah ini",
      },
    ]);
  });

  it('rejects a bad template name', () => {
    expect(errorsOf(policyJson((policy) => (policy.steps[3].actions[0].template = 'Peringatan!')))).toEqual([
      {
        code: 'ACTION_TEMPLATE_INVALID',
        path: 'steps[3].actions[0].template',
        message: 'Langkah ke-4, aksi ke-1: nama template wajib diisi (huruf kecil, angka, garis bawah; diawali huruf)',
      },
    ]);
  });

  it('checks late fee kind, amount and basis points', () => {
    const withFee = (fee: unknown) => policyJson((policy) => (policy.steps[2].actions[1].fee = fee));
    expect(errorsOf(withFee({ kind: 'fixed', amount: 0 }))[0]).toEqual({
      code: 'LATE_FEE_AMOUNT_INVALID',
      path: 'steps[2].actions[1].fee.amount',
      message: 'Langkah ke-3, aksi ke-2: nominal denda harus bilangan bulat rupiah lebih dari 0',
    });
    expect(errorsOf(withFee({ kind: 'fixed', amount: 5000.5 }))[0].code).toBe('LATE_FEE_AMOUNT_INVALID');
    expect(errorsOf(withFee({ kind: 'percent', basisPoints: 10_001 }))[0].code).toBe('LATE_FEE_BASIS_POINTS_INVALID');
    expect(errorsOf(withFee({ kind: 'percent', percent: 2 })).map((error) => error.code)).toEqual([
      'UNKNOWN_FIELD',
      'LATE_FEE_BASIS_POINTS_INVALID',
    ]);
    expect(errorsOf(withFee({ kind: 'daily', amount: 1000 }))[0].code).toBe('LATE_FEE_KIND_UNKNOWN');
  });

  it('allows one late fee and one suspension per policy, and no warning after the suspension', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.steps[3].actions.push({ type: 'late_fee', fee: { kind: 'fixed', amount: 5000 } });
        policy.steps[1].actions.push({ type: 'suspend' });
      }),
    );
    expect(errors).toEqual([
      {
        code: 'LATE_FEE_MORE_THAN_ONCE',
        path: 'steps',
        message: 'Denda keterlambatan hanya boleh satu kali per tagihan (ada di langkah ke-3, ke-4)',
      },
      { code: 'SUSPEND_MORE_THAN_ONCE', path: 'steps', message: 'Aksi suspend hanya boleh satu kali (ada di langkah ke-2, ke-5)' },
      {
        code: 'SUSPEND_WARNING_AFTER_SUSPEND',
        path: 'steps[3]',
        message: 'Langkah ke-4: peringatan suspend harus sebelum langkah suspend (langkah ke-2)',
      },
    ]);
  });

  it('checks the send window days and hours', () => {
    const errors = errorsOf(
      policyJson((policy) => (policy.sendWindow = { days: [1, 1, 8], start: '20:00', end: '08:00' })),
    );
    expect(errors).toEqual([
      {
        code: 'SEND_WINDOW_DAYS_INVALID',
        path: 'sendWindow.days',
        message: 'Jendela kirim: hari harus berisi angka 1 (Senin) sampai 7 (Minggu), minimal satu, tanpa duplikat',
      },
      { code: 'SEND_WINDOW_HOURS_INVALID', path: 'sendWindow', message: 'Jendela kirim: jam mulai harus sebelum jam selesai' },
    ]);
  });

  it('checks promise-to-pay limits and boolean flags', () => {
    const errors = errorsOf(
      policyJson((policy) => {
        policy.promiseToPay = { maxDaysAhead: 31, maxPerInvoice: -1 };
        policy.issueWhileSuspended = 'no';
      }),
    );
    expect(errors).toEqual([
      { code: 'FLAG_INVALID', path: 'issueWhileSuspended', message: "Kolom 'issueWhileSuspended' harus bernilai true atau false" },
      {
        code: 'PROMISE_MAX_DAYS_INVALID',
        path: 'promiseToPay.maxDaysAhead',
        message: 'Janji bayar: batas hari harus bilangan bulat 0–30 (0 = janji bayar tidak diizinkan)',
      },
      {
        code: 'PROMISE_MAX_PER_INVOICE_INVALID',
        path: 'promiseToPay.maxPerInvoice',
        message: 'Janji bayar: jumlah per tagihan harus bilangan bulat 0–10',
      },
    ]);
  });

  it('catches misspelt fields instead of silently ignoring them', () => {
    expect(
      errorsOf(
        policyJson((policy) => {
          policy.steps[1].dayoffset = 4;
          policy.sendWindw = {};
        }),
      ),
    ).toEqual([
      { code: 'UNKNOWN_FIELD', path: 'sendWindw', message: "Kebijakan: kolom 'sendWindw' tidak dikenal" },
      { code: 'UNKNOWN_FIELD', path: 'steps[1].dayoffset', message: "Langkah ke-2: kolom 'dayoffset' tidak dikenal" },
    ]);
  });

  it('reports every missing part of an empty object at once', () => {
    expect(errorsOf({}).map((error) => error.code)).toEqual([
      'POLICY_ID_INVALID',
      'POLICY_VERSION_INVALID',
      'POLICY_NAME_INVALID',
      'STEP_TIME_INVALID',
      'FLAG_INVALID',
      'FLAG_INVALID',
      'SEND_WINDOW_INVALID',
      'PROMISE_RULES_INVALID',
      'STEPS_EMPTY',
    ]);
  });
});
