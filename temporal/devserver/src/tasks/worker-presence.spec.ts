import { WorkerPresence } from './worker-presence';

describe(WorkerPresence.name, () => {
  describe('abandoned', () => {
    it('is false for a queue never polled, so that a task waiting for the first worker holds the clock', () => {
      expect(new WorkerPresence().abandoned('default', 'billing')).toBe(false);
    });

    it('is true once every worker that polled the queue shut down, and false again at the next poll', () => {
      const workers = new WorkerPresence();
      workers.polled('default', 'billing', 'worker-a');
      workers.polled('default', 'billing', 'worker-b');
      workers.shutDown('default', 'worker-a');
      expect(workers.abandoned('default', 'billing')).toBe(false);
      workers.shutDown('default', 'worker-b');
      expect(workers.abandoned('default', 'billing')).toBe(true);
      workers.polled('default', 'billing', 'worker-a');
      expect(workers.abandoned('default', 'billing')).toBe(false);
    });

    it('keeps namespaces apart', () => {
      const workers = new WorkerPresence();
      workers.polled('default', 'billing', 'worker-a');
      workers.polled('lunas', 'billing', 'worker-a');
      workers.shutDown('lunas', 'worker-a');
      expect(workers.abandoned('default', 'billing')).toBe(false);
      expect(workers.abandoned('lunas', 'billing')).toBe(true);
    });
  });
});
