/** Time is a parameter: domain code asks a Clock, never `Date.now()`, so tests can move time. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests, the demo and benchmarks. */
export class ManualClock implements Clock {
	#ms: number;
	constructor(start: Date | string | number) {
		this.#ms = new Date(start).getTime();
	}
	now(): Date {
		return new Date(this.#ms);
	}
	set(to: Date | string | number): void {
		this.#ms = new Date(to).getTime();
	}
	advance(ms: number): Date {
		this.#ms += ms;
		return this.now();
	}
	advanceMinutes(minutes: number): Date {
		return this.advance(minutes * 60_000);
	}
}
