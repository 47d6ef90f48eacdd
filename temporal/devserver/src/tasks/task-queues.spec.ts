import { TaskQueues } from './task-queues';

describe(TaskQueues.name, () => {
  describe('poll', () => {
    it('hands a pushed item to a waiting poller, else queues it for the next poll', () => {
      const queues = new TaskQueues<number>();
      const got: number[] = [];
      queues.poll('ns', 'q', (n) => (got.push(n), true));
      queues.push('ns', 'q', 1);
      queues.push('ns', 'q', 2);
      expect(got).toEqual([1]);
      expect(queues.poll('ns', 'q', (n) => (got.push(n), true))).toBeUndefined();
      expect(got).toEqual([1, 2]);
    });

    it('drops stale items a poller refuses and never calls a cancelled poller', () => {
      const queues = new TaskQueues<number>();
      const cancelled = jest.fn(() => true);
      queues.poll('ns', 'q', cancelled)?.cancel();
      queues.push('ns', 'q', 1);
      expect(cancelled).not.toHaveBeenCalled();
      const got: number[] = [];
      queues.push('ns', 'q', 2);
      queues.poll('ns', 'q', (n) => n !== 1 && (got.push(n), true));
      expect(got).toEqual([2]);
      expect(queues.backlog('ns', 'q')).toBe(0);
    });
  });
});
