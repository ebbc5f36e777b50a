import type { Db } from '../../../db/client';

/**
 * The time every service reads, carried by the workspace: the app runs on the system clock, while
 * the tests and the demonstration (which replays a past year) run on a clock they set.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put until it is moved. */
export class SetClock implements Clock {
  private at: number;

  constructor(iso: string) {
    this.at = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(iso: string): void {
    this.at = Date.parse(iso);
  }
}

/** The clock's time as stored: an ISO timestamp in UTC. */
export const nowIso = (clock: Clock): string => clock.now().toISOString();

/** What a service that writes needs: the database, and the clock to date what it writes. A Workspace is one. */
export interface Store {
  db: Db;
  clock: Clock;
}
