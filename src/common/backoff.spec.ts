import { backoff } from './backoff';

describe('backoff', () => {
  const pause = backoff({ firstMs: 250, maxMs: 5000 });

  it('doubles from the first pause, each between half and all of it', () => {
    for (const [attempt, full] of [
      [0, 250],
      [1, 500],
      [2, 1000],
    ]) {
      for (let i = 0; i < 100; i++) {
        const wait = pause(attempt);
        expect(wait).toBeGreaterThanOrEqual(full / 2);
        expect(wait).toBeLessThanOrEqual(full);
      }
    }
  });

  it('never waits longer than its ceiling', () => {
    for (let i = 0; i < 100; i++) {
      expect(pause(30)).toBeLessThanOrEqual(5000);
      expect(pause(30)).toBeGreaterThanOrEqual(2500);
    }
  });
});
