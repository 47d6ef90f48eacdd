import { SkippingClock } from '../clock/skipping-clock';
import { TimerQueue } from './timer-queue';

describe(TimerQueue.name, () => {
  describe('fireDue', () => {
    it('fires due entries in time order once the clock reaches them', () => {
      const clock = new SkippingClock();
      const queue = new TimerQueue(clock, (e) => { throw e; });
      const fired: string[] = [];
      const now = clock.now();
      queue.add(now + 3_600_000, () => fired.push('hour'));
      queue.add(now + 60_000, () => fired.push('minute'));
      queue.add(now + 86_400_000, () => fired.push('day'));
      queue.fireDue();
      expect(fired).toEqual([]);
      clock.advanceTo(now + 3_600_000);
      queue.fireDue();
      expect(fired).toEqual(['minute', 'hour']);
      expect(queue.nextAt()).toBe(now + 86_400_000);
      queue.close();
    });

    it('reports a failing callback and keeps firing the others', () => {
      const clock = new SkippingClock();
      const errors: unknown[] = [];
      const queue = new TimerQueue(clock, (e) => errors.push(e));
      const fired: number[] = [];
      queue.add(clock.now() - 1, () => { throw new Error('boom'); });
      queue.add(clock.now() - 1, () => fired.push(1));
      queue.fireDue();
      expect(errors).toHaveLength(1);
      expect(fired).toEqual([1]);
      queue.close();
    });
  });
});

describe(SkippingClock.name, () => {
  describe('unlock', () => {
    it('starts locked and refuses an unbalanced unlock', () => {
      const clock = new SkippingClock();
      expect(clock.unlocked).toBe(false);
      expect(clock.unlock()).toBe(true);
      expect(clock.unlocked).toBe(true);
      expect(clock.unlock()).toBe(false);
      clock.lock();
      expect(clock.unlocked).toBe(false);
    });
  });
});
