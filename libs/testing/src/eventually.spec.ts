import { eventually } from './eventually';

describe('eventually', () => {
  it('retries until the check neither throws nor returns false', async () => {
    let calls = 0;
    await eventually(() => {
      calls += 1;
      if (calls < 3) throw new Error('not yet');
      return calls >= 4;
    }, 1_000, 1);
    expect(calls).toBe(4);
  });

  it('throws the last failure after the timeout', async () => {
    await expect(eventually(() => { throw new Error('still down'); }, 30, 5)).rejects.toThrow('still down');
    await expect(eventually(() => false, 30, 5)).rejects.toThrow('condition not met within 30 ms');
  });
});
