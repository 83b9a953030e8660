import { DAY_MS } from './timezone.js';

/** Occurrences of a schedule in local wall time (see timezone.ts), before any time zone is applied. */
export interface WallSeries {
	/** The latest occurrence wall time ≤ `wall`, not before `floor`; null if none. */
	atOrBefore(wall: number, floor: number): number | null;
	/** The first occurrence wall time > `wall`, not after `ceiling`; null if none. */
	after(wall: number, ceiling: number): number | null;
}

/**
 * A series that happens at the same times of day (`times`: ms after midnight, sorted, not empty) on the days
 * `matches` accepts (`day`: days since 1970-01-01 in wall time). Plain integer arithmetic: no Intl, no parser.
 */
export function calendarSeries(matches: (day: number) => boolean, times: readonly number[]): WallSeries {
	const first = times[0]!;
	const last = times[times.length - 1]!;
	/** Index of the greatest time ≤ tod, or -1. */
	const upTo = (tod: number): number => {
		let lo = 0;
		let hi = times.length - 1;
		if (times[0]! > tod) return -1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (times[mid]! <= tod) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	};
	return {
		atOrBefore(wall, floor) {
			let day = Math.floor(wall / DAY_MS);
			if (matches(day)) {
				const i = upTo(wall - day * DAY_MS);
				if (i >= 0) {
					const found = day * DAY_MS + times[i]!;
					return found >= floor ? found : null;
				}
			}
			for (day--; day * DAY_MS + last >= floor; day--) if (matches(day)) return day * DAY_MS + last;
			return null;
		},
		after(wall, ceiling) {
			let day = Math.floor(wall / DAY_MS);
			if (matches(day)) {
				const i = upTo(wall - day * DAY_MS) + 1;
				if (i < times.length) {
					const found = day * DAY_MS + times[i]!;
					return found <= ceiling ? found : null;
				}
			}
			for (day++; day * DAY_MS + first <= ceiling; day++) if (matches(day)) return day * DAY_MS + first;
			return null;
		},
	};
}
