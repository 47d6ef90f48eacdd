import { demoStateOf, overdueBilling } from './demo-plan';

describe(overdueBilling.name, () => {
  it('dates a reminded subscription 7 days overdue: due 2026-12-02, started two days before the H-1 issue', () => {
    expect(overdueBilling('reminded', '2026-12-09')).toEqual({ billingDay: 2, dueDate: '2026-12-02', startedOn: '2026-11-30' });
  });

  it('skips due dates on the 29th to 31st, which are no billing day', () => {
    // 7–9 days before 8 December are 1 December, 30 and 29 November: the 1st is a billing day.
    expect(overdueBilling('reminded', '2026-12-08')?.dueDate).toBe('2026-12-01');
    // 14 days before 13 January is 30 December; 15 is the 29th; 16 is 28 December.
    expect(overdueBilling('warned', '2027-01-13')).toEqual({ billingDay: 28, dueDate: '2026-12-28', startedOn: '2026-12-26' });
  });

  it('leaves the states reached from the activation invoice alone', () => {
    for (const state of ['issued', 'paid', 'promised', 'paused', 'suspended', 'cancelled'] as const) {
      expect(overdueBilling(state, '2026-12-09')).toBeNull();
    }
  });
});

describe(demoStateOf.name, () => {
  it('puts one in 12 subscriptions in each overdue state', () => {
    const states = Array.from({ length: 300 }, (_, index) => demoStateOf(index));
    expect(states.filter((state) => state === 'reminded')).toHaveLength(25);
    expect(states.filter((state) => state === 'warned')).toHaveLength(25);
  });
});
