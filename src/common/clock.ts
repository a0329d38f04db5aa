/**
 * Where the service reads the time. Injected wherever "now" matters, so that
 * tests can move time (see test/support/fake-clock.ts).
 */
export abstract class Clock {
  abstract now(): Date;
}
