import type { Clock } from '../../electron/services/workspace/clock';

/** The clock of every workspace the test helpers open: the system's, unless a test sets it. */
class TestClock implements Clock {
  private fixed: number | null = null;

  now(): Date {
    return this.fixed === null ? new Date() : new Date(this.fixed);
  }

  set(iso: string): void {
    this.fixed = Date.parse(iso);
  }

  /** Back to the system clock (an ISO time moves it relative to now: "in an hour"). */
  reset(): void {
    this.fixed = null;
  }
}

export const testClock = new TestClock();
