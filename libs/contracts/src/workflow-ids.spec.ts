import { subscriptionWorkflowId } from './workflow-ids';

describe(subscriptionWorkflowId.name, () => {
  it('builds the id from tenant and subscription', () => {
    expect(subscriptionWorkflowId('t1', 's9')).toBe('subscription-t1-s9');
  });
  it('refuses empty parts', () => {
    expect(() => subscriptionWorkflowId('', 's9')).toThrow(/required/);
  });
});
