import { renderInstants } from './render-instants';

describe(renderInstants.name, () => {
  it('renders Dates anywhere in the answer as ISO 8601 in WIB with the offset', () => {
    expect(renderInstants({ items: [{ dueAt: new Date('2026-01-04T17:00:00Z'), nested: { readAt: new Date('2026-02-03T03:04:05.678Z') } }] })).toEqual({
      items: [{ dueAt: '2026-01-05T00:00:00+07:00', nested: { readAt: '2026-02-03T10:04:05+07:00' } }],
    });
  });

  it('renders epoch milliseconds under an instant key (at, until, …At, …Since), also in arrays', () => {
    const at = Date.parse('2027-04-12T09:00:00+07:00');
    expect(renderInstants({ nextStep: { at }, promise: { until: at }, overdueSince: at, timeline: [{ at }] })).toEqual({
      nextStep: { at: '2027-04-12T09:00:00+07:00' },
      promise: { until: '2027-04-12T09:00:00+07:00' },
      overdueSince: '2027-04-12T09:00:00+07:00',
      timeline: [{ at: '2027-04-12T09:00:00+07:00' }],
    });
  });

  it('leaves amounts, counts, calendar dates and other keys alone', () => {
    const value = { amountPaid: 166_500, expiresIn: 900, dueDate: '2026-01-05', total: 1_800_000_000_000, startedAt: 3, lateFee: null };
    expect(renderInstants(value)).toEqual(value);
  });
});
