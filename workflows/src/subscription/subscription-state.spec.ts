import type { InvoiceSnapshot, SubscriptionCarriedState } from '@lunas/contracts';
import { isOpen, readCarriedState, totalBalance } from './subscription-state';

const invoice = (status: string, balance: number): InvoiceSnapshot =>
  ({
    invoiceId: 'inv-2027-05', number: 'INV/1', period: '2027-05', dueDate: '2027-04-05', total: 111_000, lateFee: 5_000, balance,
    status, completedStepIds: [], lateFeeSettled: false, notices: [], promises: [],
  }) as unknown as InvoiceSnapshot;

describe('subscription state', () => {
  describe(readCarriedState.name, () => {
    it('reads a current invoice carried as `open` by an older run as unpaid or partial, still open for dunning', () => {
      const carried = { current: invoice('open', 116_000), arrears: [] } as unknown as SubscriptionCarriedState;
      const state = readCarriedState(carried);
      expect(state.current?.status).toBe('unpaid');
      expect(isOpen(state.current)).toBe(true);
      expect(totalBalance(state)).toBe(116_000);
      expect(readCarriedState({ ...carried, current: invoice('open', 16_000) }).current?.status).toBe('partial');
    });

    it('leaves a state in the current vocabulary as it is', () => {
      const carried = { current: invoice('paid', 0), arrears: [] } as unknown as SubscriptionCarriedState;
      expect(readCarriedState(carried)).toEqual(carried);
      const empty = { arrears: [] } as unknown as SubscriptionCarriedState;
      expect(readCarriedState(empty)).toBe(empty);
    });
  });
});
