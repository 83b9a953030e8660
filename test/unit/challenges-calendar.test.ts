import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_FREEZES,
	challengeDayAt,
	challengeDayStart,
	checkInClosesAt,
	dateOrdinal,
	decideCheckIn,
	evaluateProgress,
	localDayAt,
	localDayStart,
	memberMoment,
	ordinalDate,
	progressBar,
} from '../../src/features/challenges/calendar.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, instantOfWall, localDate } from '../../src/scheduler/timezone.js';

/** Zones with DST at odd hours, half-hour and 45-minute offsets, and DST changes at midnight. */
const ZONES = [
	'UTC',
	'Europe/Paris',
	'America/New_York',
	'Australia/Lord_Howe',
	'Pacific/Chatham',
	'Asia/Kolkata',
	'America/Santiago',
	'Asia/Beirut',
	'America/St_Johns',
] as const;

const zone = fc.constantFrom(...ZONES);
/** Instants in 2025–2027: several DST changes of every zone above. */
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
/** Start dates around the year, so a challenge crosses DST changes both ways. */
const startDate = fc.integer({ min: dateOrdinal('2025-01-01'), max: dateOrdinal('2027-06-30') }).map(ordinalDate);

describe('calendar dates', () => {
	it('turns dates into ordinals and back', () => {
		expect(dateOrdinal('1970-01-02')).toBe(1);
		expect(ordinalDate(dateOrdinal('2026-03-29'))).toBe('2026-03-29');
		expect(() => dateOrdinal('2026-02-30')).toThrow();
		expect(() => dateOrdinal('tomorrow')).toThrow();
	});

	it('puts day 1 on the start date in every member’s own zone', () => {
		const start = '2026-11-23';
		// 23 Nov 10:00 UTC: already 23 Nov in Tokyo and New York, so both are on day 1.
		const t = Date.parse('2026-11-23T10:00:00Z');
		expect(challengeDayAt(t, start, 'Asia/Tokyo')).toBe(1);
		expect(challengeDayAt(t, start, 'America/New_York')).toBe(1);
		// 23 Nov 02:00 UTC: 23 Nov in Tokyo (day 1), still 22 Nov in New York (day 0: not started).
		const early = Date.parse('2026-11-23T02:00:00Z');
		expect(challengeDayAt(early, start, 'Asia/Tokyo')).toBe(1);
		expect(challengeDayAt(early, start, 'America/New_York')).toBe(0);
	});
});

describe('day boundaries across time zones and DST (property)', () => {
	it('a check-in at any instant lands on exactly one day, the one between its boundaries', () => {
		fc.assert(
			fc.property(instant, zone, startDate, (t, tz, start) => {
				const day = challengeDayAt(t, start, tz);
				const from = challengeDayStart(day, start, tz);
				const to = challengeDayStart(day + 1, start, tz);
				expect(from).toBeLessThanOrEqual(t);
				expect(t).toBeLessThan(to);
				// Days are between 22 and 26 hours long (DST shifts are at most 2 hours even where midnight moves).
				expect(to - from).toBeGreaterThanOrEqual(22 * HOUR_MS);
				expect(to - from).toBeLessThanOrEqual(26 * HOUR_MS);
			}),
			{ numRuns: 2000 },
		);
	});

	it('the day number agrees with the local date printed by Intl, except inside a repeated midnight hour', () => {
		fc.assert(
			fc.property(instant, zone, (t, tz) => {
				const ordinal = localDayAt(t, tz);
				const printed = dateOrdinal(localDate(new Date(t), tz));
				// Only where clocks fall back across midnight can the printed date step back for an hour.
				if (printed !== ordinal) expect(ordinal - printed).toBe(1);
			}),
			{ numRuns: 2000 },
		);
	});

	it('day numbers never go backwards as time moves forward', () => {
		fc.assert(
			fc.property(instant, fc.integer({ min: 1, max: 3 * DAY_MS }), zone, (t, step, tz) => {
				expect(localDayAt(t + step, tz)).toBeGreaterThanOrEqual(localDayAt(t, tz));
			}),
			{ numRuns: 1000 },
		);
	});

	it('a member who checks in every local day, at any hour, never loses their streak across DST', () => {
		fc.assert(
			fc.property(
				zone,
				startDate,
				fc.integer({ min: 7, max: 60 }),
				fc.array(fc.integer({ min: 0, max: 24 * 60 - 1 }), { minLength: 60, maxLength: 60 }),
				fc.constantFrom(0, 6, 24, 48),
				(tz, start, length, minutes, graceHours) => {
					const checkIns: number[] = [];
					for (let day = 1; day <= length; day++) {
						// A local wall time on that day (a time skipped by DST happens when the clocks jump).
						const wall = (dateOrdinal(start) + day - 1) * DAY_MS + minutes[day - 1]! * MINUTE_MS;
						const at = instantOfWall(wall, tz);
						const moment = memberMoment(at, { startDate: start, graceHours }, tz);
						expect(moment.today).toBe(day);
						const decision = decideCheckIn('today', { ...moment, joinDay: 1, lastDay: length, checkIns });
						expect(decision).toEqual({ ok: true, day, backdated: false });
						checkIns.push(day);
						const progress = evaluateProgress({ joinDay: 1, lastDay: length, checkIns, ...moment });
						expect(progress.currentStreak).toBe(day);
						expect(progress.daysMissed).toBe(0);
					}
					// Long after the end, everything is settled and nothing was lost.
					const after = challengeDayStart(length + 5, start, tz);
					const final = evaluateProgress({ joinDay: 1, lastDay: length, checkIns, ...memberMoment(after, { startDate: start, graceHours }, tz) });
					expect(final).toMatchObject({ currentStreak: length, bestStreak: length, daysDone: length, daysMissed: 0, completed: true });
				},
			),
			{ numRuns: 150 },
		);
	});

	it('the default grace window closes a day exactly when the member’s following day ends', () => {
		fc.assert(
			fc.property(zone, startDate, fc.integer({ min: 1, max: 100 }), (tz, start, day) => {
				expect(checkInClosesAt(day, start, tz, 24)).toBe(challengeDayStart(day + 2, start, tz));
				expect(checkInClosesAt(day, start, tz, 0)).toBe(challengeDayStart(day + 1, start, tz));
			}),
			{ numRuns: 500 },
		);
	});

	it('memberMoment: today is never closed, and the first open day closes after now', () => {
		fc.assert(
			fc.property(instant, zone, startDate, fc.integer({ min: 0, max: 48 }), (t, tz, start, graceHours) => {
				const m = memberMoment(t, { startDate: start, graceHours }, tz);
				expect(m.closedThrough).toBeLessThan(m.today);
				expect(checkInClosesAt(m.closedThrough, start, tz, graceHours)).toBeLessThanOrEqual(t);
				expect(checkInClosesAt(m.closedThrough + 1, start, tz, graceHours)).toBeGreaterThan(t);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('streaks and freezes (property)', () => {
	const history = fc.record({
		length: fc.integer({ min: 7, max: 100 }),
		joinDay: fc.integer({ min: 1, max: 40 }),
		pattern: fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
		today: fc.integer({ min: -3, max: 110 }),
		grace: fc.integer({ min: 0, max: 2 }),
	});

	it('keeps freezes ≤ 2, streak ≤ best ≤ days done, and every day in exactly one bucket', () => {
		fc.assert(
			fc.property(history, ({ length, joinDay, pattern, today, grace }) => {
				const checkIns = pattern.flatMap((on, i) => (on && i + 1 <= Math.min(today, length) && i + 1 >= joinDay ? [i + 1] : []));
				const p = evaluateProgress({ joinDay, lastDay: length, checkIns, today, closedThrough: today - 1 - grace });
				expect(p.freezesHeld).toBeLessThanOrEqual(MAX_FREEZES);
				expect(p.freezesHeld).toBeGreaterThanOrEqual(0);
				expect(p.currentStreak).toBeLessThanOrEqual(p.bestStreak);
				expect(p.bestStreak).toBeLessThanOrEqual(p.daysDone);
				expect(p.frozenDays.length).toBeLessThanOrEqual(p.freezesEarned);
				expect(p.daysDone).toBe(checkIns.filter((d) => d <= length).length);
				const buckets = [...p.doneDays, ...p.frozenDays, ...p.missedDays, ...p.openDays];
				expect(new Set(buckets).size).toBe(buckets.length);
				for (const d of buckets) expect(d).toBeGreaterThanOrEqual(joinDay);
				expect(p.consistency).toBeGreaterThanOrEqual(0);
				expect(p.consistency).toBeLessThanOrEqual(1);
				if (p.completed) expect(p.daysMissed).toBe(0);
			}),
			{ numRuns: 3000 },
		);
	});

	it('one more check-in never lowers days done or the best streak', () => {
		fc.assert(
			fc.property(history, fc.integer({ min: 1, max: 100 }), ({ length, pattern, today }, extra) => {
				const checkIns = pattern.flatMap((on, i) => (on ? [i + 1] : []));
				const state = { joinDay: 1, lastDay: length, today, closedThrough: today - 2 };
				const before = evaluateProgress({ ...state, checkIns });
				const after = evaluateProgress({ ...state, checkIns: [...checkIns, extra] });
				expect(after.daysDone).toBeGreaterThanOrEqual(before.daysDone);
				expect(after.bestStreak).toBeGreaterThanOrEqual(before.bestStreak);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('freezes', () => {
	const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

	it('a 7-day streak earns a freeze that covers the next missed day', () => {
		const p = evaluateProgress({ joinDay: 1, lastDay: 30, checkIns: [...days(1, 7), 9], today: 10, closedThrough: 8 });
		expect(p.frozenDays).toEqual([8]);
		expect(p.missedDays).toEqual([]);
		expect(p.currentStreak).toBe(8);
		expect(p.freezesHeld).toBe(0);
	});

	it('without a freeze a missed day ends the streak, but the best streak stays', () => {
		const p = evaluateProgress({ joinDay: 1, lastDay: 30, checkIns: [...days(1, 6), 8, 9], today: 10, closedThrough: 9 });
		expect(p.missedDays).toEqual([7]);
		expect(p.currentStreak).toBe(2);
		expect(p.bestStreak).toBe(6);
	});

	it('holds at most two freezes, however long the streak', () => {
		const p = evaluateProgress({ joinDay: 1, lastDay: 30, checkIns: days(1, 28), today: 28, closedThrough: 27 });
		expect(p.freezesEarned).toBe(2);
		expect(p.freezesHeld).toBe(2);
		// Three missed days in a row: two are covered, the third ends the streak.
		const q = evaluateProgress({ joinDay: 1, lastDay: 40, checkIns: [...days(1, 28), 32], today: 32, closedThrough: 31 });
		expect(q.frozenDays).toEqual([29, 30]);
		expect(q.missedDays).toEqual([31]);
		expect(q.currentStreak).toBe(1);
		expect(q.bestStreak).toBe(28);
	});

	it('a freeze used on the way still lets a member complete the challenge', () => {
		const p = evaluateProgress({ joinDay: 1, lastDay: 10, checkIns: [...days(1, 7), 9, 10], today: 12, closedThrough: 10 });
		expect(p.frozenDays).toEqual([8]);
		expect(p.completed).toBe(true);
		expect(p.daysDone).toBe(9);
	});

	it('an open day (still within grace) neither breaks the streak nor spends a freeze', () => {
		const p = evaluateProgress({ joinDay: 1, lastDay: 30, checkIns: days(1, 7), today: 9, closedThrough: 7 });
		expect(p.openDays).toEqual([8, 9]);
		expect(p.freezesHeld).toBe(1);
		expect(p.currentStreak).toBe(7);
	});
});

describe('late joiners', () => {
	it('count from their join day: earlier days are not missed', () => {
		const p = evaluateProgress({ joinDay: 10, lastDay: 30, checkIns: [10, 11, 12], today: 13, closedThrough: 11 });
		expect(p.missedDays).toEqual([]);
		expect(p.daysElapsed).toBe(3);
		expect(p.consistency).toBe(1);
	});

	it('cannot check in for a day before they joined', () => {
		expect(decideCheckIn('yesterday', { today: 10, closedThrough: 8, joinDay: 10, lastDay: 30, checkIns: [] })).toEqual({
			ok: false,
			reason: 'before-join',
			day: 9,
		});
	});

	it('complete when they did every day since joining', () => {
		const p = evaluateProgress({ joinDay: 25, lastDay: 30, checkIns: [25, 26, 27, 28, 29, 30], today: 31, closedThrough: 30 });
		expect(p.completed).toBe(true);
	});
});

describe('backdating and one check-in per day', () => {
	const tz = 'Europe/Paris';
	const start = '2026-03-23'; // day 7 is 29 March, the day clocks spring forward in Paris
	const calendar = { startDate: start, graceHours: 24 };
	const at = (iso: string) => Date.parse(iso);

	it('allows yesterday until the end of the member’s following day, then refuses kindly', () => {
		// Day 8 (30 March) at 23:30 Paris time: day 7 is still open.
		const late = memberMoment(at('2026-03-30T21:30:00Z'), calendar, tz);
		expect(late.today).toBe(8);
		expect(decideCheckIn('yesterday', { ...late, joinDay: 1, lastDay: 30, checkIns: [] })).toEqual({ ok: true, day: 7, backdated: true });
		// Day 9 at 00:30: day 7 has closed.
		const next = memberMoment(at('2026-03-30T22:30:00Z'), calendar, tz);
		expect(next.today).toBe(9);
		expect(decideCheckIn({ day: 7 }, { ...next, joinDay: 1, lastDay: 30, checkIns: [] })).toEqual({ ok: false, reason: 'closed', day: 7 });
	});

	it('a shorter grace window closes yesterday sooner', () => {
		const m = memberMoment(at('2026-03-24T07:00:00Z'), { startDate: start, graceHours: 6 }, tz); // day 2, 08:00
		expect(decideCheckIn('yesterday', { ...m, joinDay: 1, lastDay: 30, checkIns: [] }).ok).toBe(false);
		const early = memberMoment(at('2026-03-24T04:00:00Z'), { startDate: start, graceHours: 6 }, tz); // day 2, 05:00
		expect(decideCheckIn('yesterday', { ...early, joinDay: 1, lastDay: 30, checkIns: [] }).ok).toBe(true);
	});

	it('refuses a second check-in for the same day, and a button from a later post counts for the member’s today', () => {
		const m = { today: 5, closedThrough: 3, joinDay: 1, lastDay: 30 };
		expect(decideCheckIn('today', { ...m, checkIns: [5] })).toEqual({ ok: false, reason: 'already', day: 5 });
		expect(decideCheckIn({ day: 6 }, { ...m, checkIns: [] })).toEqual({ ok: true, day: 5, backdated: false });
		expect(decideCheckIn('today', { ...m, today: 0, checkIns: [] })).toMatchObject({ ok: false, reason: 'not-started' });
		expect(decideCheckIn('today', { ...m, today: 31, closedThrough: 29, checkIns: [] })).toMatchObject({ ok: false, reason: 'over' });
		expect(decideCheckIn('yesterday', { ...m, today: 31, closedThrough: 29, checkIns: [] })).toEqual({ ok: true, day: 30, backdated: true });
	});

	it('day boundaries follow local midnight across the spring-forward night', () => {
		expect(challengeDayStart(7, start, tz)).toBe(at('2026-03-28T23:00:00Z'));
		expect(challengeDayStart(8, start, tz)).toBe(at('2026-03-29T22:00:00Z')); // a 23-hour day
		expect(localDayStart(dateOrdinal('2026-03-29'), 'UTC')).toBe(at('2026-03-29T00:00:00Z'));
	});
});

describe('progress bar', () => {
	it('fills in proportion and never overflows', () => {
		expect(progressBar(0, 10, 10)).toBe('▱'.repeat(10));
		expect(progressBar(5, 10, 10)).toBe('▰'.repeat(5) + '▱'.repeat(5));
		expect(progressBar(12, 10, 10)).toBe('▰'.repeat(10));
	});
});
