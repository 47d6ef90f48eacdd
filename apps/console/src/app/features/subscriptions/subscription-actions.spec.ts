import { availableActions } from './subscription-actions';
import type { LiveWorkflowState } from './subscriptions.service';

const INVOICE = { invoiceId: 'inv-1', number: 'INV/1', period: '2027-04', dueDate: '2027-04-05', total: 166_500, lateFee: 0, balance: 166_500, status: 'unpaid' as const };
const OWING: LiveWorkflowState = {
  stage: 'reminded',
  suspended: false,
  cancelled: false,
  dunningPaused: false,
  packageId: 'pkg-1',
  nextPeriod: '2027-05',
  nextInvoiceAt: '2027-05-04T06:00:00.000+07:00',
  balance: 166_500,
  credit: 0,
  currentInvoice: INVOICE,
  policyVersion: 1,
  timeline: [],
};

const everything = () => true;
const names = (state: LiveWorkflowState | null, can: (permission: string) => boolean = everything) => availableActions(state, can).map((a) => a.action);

describe(availableActions.name, () => {
  it('offers what would change something for an owing, running subscription', () => {
    expect(names(OWING)).toEqual(['promise-to-pay', 'pause-dunning', 'suspend', 'change-package', 'cancel']);
  });

  it('offers unsuspend instead of suspend, resume instead of pause, and waiving a charged late fee', () => {
    const state = { ...OWING, suspended: true, dunningPaused: true, currentInvoice: { ...INVOICE, lateFee: 10_000 } };

    expect(names(state)).toEqual(['promise-to-pay', 'waive-fee', 'resume-dunning', 'unsuspend', 'change-package', 'cancel']);
  });

  it('offers no promise when nothing is owed or one is running, and nothing at all once cancelled', () => {
    expect(names({ ...OWING, balance: 0 })).not.toContain('promise-to-pay');
    expect(names({ ...OWING, promise: { until: '2027-04-10', invoiceId: 'inv-1' } })).not.toContain('promise-to-pay');
    expect(names({ ...OWING, cancelled: true })).toEqual([]);
    expect(names(null)).toEqual([]);
  });

  it('hides what the operator may not do (a kasir: promise to pay only)', () => {
    const kasir = (permission: string) => ['payment.record', 'subscription.read'].includes(permission);

    expect(names(OWING, kasir)).toEqual(['promise-to-pay']);
  });
});
