import { Clock } from '../../src/common/clock';

/** A clock that stands still until a test moves it. */
export class FakeClock extends Clock {
  private current = new Date('2026-11-25T12:00:00.000Z');

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }
}
