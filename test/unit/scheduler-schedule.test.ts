import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import {
	ScheduleSpecSchema,
	TimezoneSchema,
	describeSchedule,
	isValidTimezone,
	latestOccurrence,
	listTimezones,
	localDate,
	localMinuteKey,
	nextOccurrence,
	parseScheduleInput,
	searchTimezones,
	type ScheduleSpec,
} from '../../src/scheduler/schedule.js';
import { instantOfWall, wallOf } from '../../src/scheduler/timezone.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

function firstError(input: unknown): string | undefined {
	const result = ScheduleSpecSchema.safeParse(input);
	return result.success ? undefined : result.error.issues[0]?.message;
}

function userErrorOf(fn: () => unknown): UserError {
	try {
		fn();
	} catch (error) {
		if (error instanceof UserError) return error;
		throw error;
	}
	throw new Error('expected a UserError');
}

describe('ScheduleSpecSchema', () => {
	it('accepts the three kinds of schedule', () => {
		expect(ScheduleSpecSchema.parse({ kind: 'daily', time: '09:00' })).toEqual({ kind: 'daily', time: '09:00' });
		expect(ScheduleSpecSchema.parse({ kind: 'weekly', days: [1, 3, 5], time: '18:30' })).toEqual({ kind: 'weekly', days: [1, 3, 5], time: '18:30' });
		expect(ScheduleSpecSchema.parse({ kind: 'weekly', days: [1], time: '12:00', everyWeeks: 2, anchorDate: '2026-01-05' }).kind).toBe('weekly');
		expect(ScheduleSpecSchema.parse({ kind: 'cron', expression: '0 9 * * 1' })).toEqual({ kind: 'cron', expression: '0 9 * * 1' });
	});

	it('explains a badly written time', () => {
		for (const time of ['9am', '9:00', '24:00', '12:60', '', 900]) {
			expect(firstError({ kind: 'daily', time })).toBe('Time must look like 09:00 (24-hour clock)');
		}
	});

	it('explains bad days, repeats and anchors', () => {
		expect(firstError({ kind: 'weekly', days: [], time: '09:00' })).toBe('Pick at least one day of the week');
		expect(firstError({ kind: 'weekly', days: [7], time: '09:00' })).toBe('Days are numbers from 0 (Sunday) to 6 (Saturday)');
		expect(firstError({ kind: 'weekly', days: [1], time: '09:00', everyWeeks: 3, anchorDate: '2026-01-05' })).toBe(
			'A schedule can repeat every week, every 2 weeks or every 4 weeks',
		);
		const noAnchor = ScheduleSpecSchema.safeParse({ kind: 'weekly', days: [1], time: '09:00', everyWeeks: 2 });
		expect(noAnchor.success).toBe(false);
		expect(noAnchor.error?.issues[0]?.path).toEqual(['anchorDate']);
		expect(noAnchor.error?.issues[0]?.message).toBe('Every 2 weeks needs a first date to count the weeks from');
		expect(firstError({ kind: 'weekly', days: [1], time: '09:00', everyWeeks: 2, anchorDate: '2026-02-30' })).toMatch(/2026-01-05/);
	});

	it('explains a broken cron expression in words', () => {
		expect(firstError({ kind: 'cron', expression: '0 9 * *' })).toMatch(/5 parts.*this one has 4/);
		expect(firstError({ kind: 'cron', expression: '61 9 * * *' })).toMatch(/minute part .*“61”.*0–59/);
		expect(firstError({ kind: 'cron', expression: '0 9 * * 9' })).toMatch(/day of week part .*“9”/);
		expect(firstError({ kind: 'cron', expression: '0 0 31 2 *' })).toMatch(/never happens/);
		expect(firstError({ kind: 'cron', expression: 'H 9 * * *' })).toMatch(/can't use H/);
		expect(firstError({ kind: 'cron', expression: '0 0 9 * * *' })).toMatch(/this one has 6/);
	});

	it('refuses an unknown kind', () => {
		expect(firstError({ kind: 'monthly', time: '09:00' })).toBe('A schedule is daily, weekly or a cron expression');
	});
});

describe('time zones', () => {
	it('knows IANA names and refuses made-up ones', () => {
		expect(isValidTimezone('Europe/Paris')).toBe(true);
		expect(isValidTimezone('UTC')).toBe(true);
		expect(isValidTimezone('Asia/Kathmandu')).toBe(true);
		expect(isValidTimezone('Mars/Base')).toBe(false);
		expect(isValidTimezone('+05:00')).toBe(false);
		expect(isValidTimezone('')).toBe(false);
	});

	it('TimezoneSchema passes the canonical spelling and explains a wrong name', () => {
		expect(TimezoneSchema.parse('Europe/Paris')).toBe('Europe/Paris');
		expect(TimezoneSchema.parse(' europe/paris ')).toBe('Europe/Paris');
		expect(TimezoneSchema.parse('UTC')).toBe('UTC');
		expect(TimezoneSchema.parse('US/Eastern')).toBe('America/New_York');
		// Node's ICU says Asia/Calcutta and Europe/Kiev; people say Kolkata and Kyiv.
		expect(TimezoneSchema.parse('Asia/Calcutta')).toBe('Asia/Kolkata');
		expect(TimezoneSchema.parse('europe/kyiv')).toBe('Europe/Kyiv');
		const wrong = TimezoneSchema.safeParse('Mars/Base');
		expect(wrong.success).toBe(false);
		expect(wrong.error?.issues[0]?.message).toBe("“Mars/Base” isn't a time zone I know. Try a name like Europe/Paris, America/New_York or UTC.");
		expect(TimezoneSchema.safeParse(42).error?.issues[0]?.message).toBe('Pick a time zone, like Europe/Paris or America/New_York.');
	});

	it('lists every zone once, sorted, with UTC', () => {
		const zones = listTimezones();
		expect(zones).toContain('UTC');
		expect(zones).toContain('Europe/Paris');
		expect(zones).toContain('America/Argentina/Buenos_Aires');
		expect(zones).toContain('Asia/Kolkata');
		expect(zones).not.toContain('Asia/Calcutta');
		expect(new Set(zones).size).toBe(zones.length);
		expect([...zones].sort()).toEqual(zones);
		expect(zones.every(isValidTimezone)).toBe(true);
	});

	it('searches case-insensitively, names that start with the query first', () => {
		expect(searchTimezones('paris')).toEqual(['Europe/Paris']);
		expect(searchTimezones('PARIS')).toEqual(['Europe/Paris']);
		expect(searchTimezones('new york')[0]).toBe('America/New_York');
		expect(searchTimezones('buenos')).toContain('America/Argentina/Buenos_Aires');
		expect(searchTimezones('kolkata')).toEqual(['Asia/Kolkata']);
		expect(searchTimezones('kyiv')).toEqual(['Europe/Kyiv']);
		const europe = searchTimezones('europe/', 100);
		expect(europe.length).toBeGreaterThan(30);
		expect(europe.every((z) => z.startsWith('Europe/'))).toBe(true);
		// "in": Indian/… start with it, so they come before zones that only contain it (America/Argentina/…).
		const inResults = searchTimezones('in', 500);
		const firstContains = inResults.findIndex((z) => !z.toLowerCase().startsWith('in'));
		expect(inResults.slice(0, firstContains).every((z) => z.toLowerCase().startsWith('in'))).toBe(true);
		expect(inResults.slice(firstContains).some((z) => z.toLowerCase().startsWith('in'))).toBe(false);
		expect(searchTimezones('a', 25)).toHaveLength(25);
		expect(searchTimezones('', 3)).toHaveLength(3);
		expect(searchTimezones('zzzz')).toEqual([]);
	});

	it('writes local minutes and dates in the guild zone', () => {
		const instant = at('2026-11-21T00:00:00Z');
		expect(localMinuteKey(instant, 'Asia/Tokyo')).toBe('2026-11-21T09:00');
		expect(localMinuteKey(instant, 'America/New_York')).toBe('2026-11-20T19:00');
		expect(localMinuteKey(instant, 'Asia/Kathmandu')).toBe('2026-11-21T05:45');
		expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-11-20');
		expect(localDate(instant, 'UTC')).toBe('2026-11-21');
		expect(localMinuteKey(at('2026-01-01T00:00:59.999Z'), 'UTC')).toBe('2026-01-01T00:00');
	});
});

describe('parseScheduleInput', () => {
	it('reads times and days the way admins type them', () => {
		expect(parseScheduleInput({ kind: 'daily', time: '9:00' })).toEqual({ kind: 'daily', time: '09:00' });
		expect(parseScheduleInput({ kind: 'daily', time: '6:30 pm' })).toEqual({ kind: 'daily', time: '18:30' });
		expect(parseScheduleInput({ kind: 'daily', time: '12am' })).toEqual({ kind: 'daily', time: '00:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'mon,wed,fri', time: '18:30' })).toEqual({ kind: 'weekly', days: [1, 3, 5], time: '18:30' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'Friday and Monday', time: '08:00' })).toEqual({ kind: 'weekly', days: [1, 5], time: '08:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'mon-fri', time: '08:00' })).toEqual({ kind: 'weekly', days: [1, 2, 3, 4, 5], time: '08:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'fri-mon', time: '08:00' })).toEqual({ kind: 'weekly', days: [0, 1, 5, 6], time: '08:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'weekends', time: '10:00' })).toEqual({ kind: 'weekly', days: [0, 6], time: '10:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'mon', time: '12:00', everyWeeks: 2, anchorDate: '2026-01-05' })).toEqual({
			kind: 'weekly',
			days: [1],
			time: '12:00',
			everyWeeks: 2,
			anchorDate: '2026-01-05',
		});
		expect(parseScheduleInput({ kind: 'cron', cron: '  0 9   * * 1 ' })).toEqual({ kind: 'cron', expression: '0 9 * * 1' });
	});

	it('says plainly what to fix', () => {
		expect(userErrorOf(() => parseScheduleInput({ kind: 'weekdays', days: 'funday', time: '09:00' })).message).toBe('Days must be names like mon,wed,fri');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'weekdays', days: 'mon-', time: '09:00' })).message).toBe('Days must be names like mon,wed,fri');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'weekdays', time: '09:00' })).message).toBe('Pick the days, like mon,wed,fri');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'daily', time: '25:00' })).message).toBe('Time must look like 09:00 (24-hour clock)');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'daily', time: '13pm' })).message).toBe('Time must look like 09:00 (24-hour clock)');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'daily' })).message).toBe('Pick a time, like 09:00');
		expect(userErrorOf(() => parseScheduleInput({ kind: 'weekdays', days: 'mon', time: '09:00', everyWeeks: 3 })).message).toMatch(/every 2 weeks/);
		expect(userErrorOf(() => parseScheduleInput({ kind: 'weekdays', days: 'mon', time: '09:00', everyWeeks: 2 })).message).toMatch(/first date/);
		expect(userErrorOf(() => parseScheduleInput({ kind: 'cron', cron: '0 25 * * *' })).message).toMatch(/hour part .*“25”/);
		expect(userErrorOf(() => parseScheduleInput({ kind: 'cron' })).message).toMatch(/cron schedule/);
	});

	it('only produces specs the schema accepts', () => {
		for (const input of [
			{ kind: 'daily', time: '7am' },
			{ kind: 'weekdays', days: 'tue thu', time: '19:45' },
			{ kind: 'cron', cron: '*/30 9-17 * * mon-fri' },
		] as const) {
			expect(ScheduleSpecSchema.safeParse(parseScheduleInput(input)).success).toBe(true);
		}
	});
});

describe('describeSchedule', () => {
	it('reads like a sentence', () => {
		expect(describeSchedule({ kind: 'daily', time: '09:00' })).toBe('every day at 09:00');
		expect(describeSchedule({ kind: 'weekly', days: [5, 1, 3], time: '18:30' })).toBe('Mon, Wed and Fri at 18:30');
		expect(describeSchedule({ kind: 'weekly', days: [1], time: '12:00', everyWeeks: 2, anchorDate: '2026-01-05' })).toBe('every 2 weeks on Monday at 12:00');
		expect(describeSchedule({ kind: 'weekly', days: [2, 4], time: '20:00', everyWeeks: 4, anchorDate: '2026-01-06' })).toBe('every 4 weeks on Tue and Thu at 20:00');
		expect(describeSchedule({ kind: 'weekly', days: [0], time: '10:00' })).toBe('every Sunday at 10:00');
		expect(describeSchedule({ kind: 'weekly', days: [1, 2, 3, 4, 5], time: '08:00' })).toBe('Monday to Friday at 08:00');
		expect(describeSchedule({ kind: 'weekly', days: [0, 6], time: '10:00' })).toBe('Saturday and Sunday at 10:00');
		expect(describeSchedule({ kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], time: '07:15' })).toBe('every day at 07:15');
		expect(describeSchedule({ kind: 'cron', expression: '0 9 * * 1' })).toBe('cron `0 9 * * 1`');
	});
});

describe('occurrences', () => {
	const daily9: ScheduleSpec = { kind: 'daily', time: '09:00' };

	it('finds the same schedule at different instants in different zones', () => {
		const now = at('2026-11-21T00:00:00Z');
		expect(iso(latestOccurrence(daily9, 'Asia/Tokyo', now))).toBe('2026-11-21T00:00:00.000Z');
		expect(iso(latestOccurrence(daily9, 'America/New_York', now))).toBe('2026-11-20T14:00:00.000Z');
		expect(iso(nextOccurrence(daily9, 'Asia/Tokyo', now))).toBe('2026-11-22T00:00:00.000Z');
		expect(iso(nextOccurrence(daily9, 'America/New_York', now))).toBe('2026-11-21T14:00:00.000Z');
		expect(iso(latestOccurrence(daily9, 'Asia/Kathmandu', now))).toBe('2026-11-20T03:15:00.000Z');
	});

	it('counts an occurrence at exactly now as the latest, and not as the next', () => {
		const nine = at('2026-06-01T09:00:00Z');
		expect(iso(latestOccurrence(daily9, 'UTC', nine))).toBe('2026-06-01T09:00:00.000Z');
		expect(iso(latestOccurrence(daily9, 'UTC', new Date(nine.getTime() - 1)))).toBe('2026-05-31T09:00:00.000Z');
		expect(iso(nextOccurrence(daily9, 'UTC', nine))).toBe('2026-06-02T09:00:00.000Z');
		expect(iso(nextOccurrence(daily9, 'UTC', new Date(nine.getTime() - 1)))).toBe('2026-06-01T09:00:00.000Z');
	});

	it('keeps to the chosen weekdays', () => {
		const spec: ScheduleSpec = { kind: 'weekly', days: [1, 3, 5], time: '18:30' };
		const seen: string[] = [];
		let t = at('2026-11-01T00:00:00Z'); // a Sunday
		for (let i = 0; i < 6; i++) {
			t = nextOccurrence(spec, 'Europe/Paris', t)!;
			seen.push(localMinuteKey(t, 'Europe/Paris'));
		}
		expect(seen).toEqual(['2026-11-02T18:30', '2026-11-04T18:30', '2026-11-06T18:30', '2026-11-09T18:30', '2026-11-11T18:30', '2026-11-13T18:30']);
	});

	it('counts every 2 and every 4 weeks from the anchor date', () => {
		const fortnightly: ScheduleSpec = { kind: 'weekly', days: [1, 4], time: '12:00', everyWeeks: 2, anchorDate: '2026-01-05' };
		const seen: string[] = [];
		let t = at('2025-12-20T00:00:00Z');
		for (let i = 0; i < 6; i++) {
			t = nextOccurrence(fortnightly, 'UTC', t)!;
			seen.push(localDate(t, 'UTC'));
		}
		// Weeks before the anchor keep the same rhythm (Dec 22 is two weeks before Jan 5).
		expect(seen).toEqual(['2025-12-22', '2025-12-25', '2026-01-05', '2026-01-08', '2026-01-19', '2026-01-22']);
		const monthly: ScheduleSpec = { kind: 'weekly', days: [3], time: '19:00', everyWeeks: 4, anchorDate: '2026-03-04' };
		expect(localDate(latestOccurrence(monthly, 'Europe/Berlin', at('2026-05-01T00:00:00Z'))!, 'Europe/Berlin')).toBe('2026-04-29');
		expect(localDate(nextOccurrence(monthly, 'Europe/Berlin', at('2026-05-01T00:00:00Z'))!, 'Europe/Berlin')).toBe('2026-05-27');
	});

	it('follows cron expressions in the guild zone, day of month OR day of week like classic cron', () => {
		const spec: ScheduleSpec = { kind: 'cron', expression: '0 9 1 * 1' };
		const seen: string[] = [];
		let t = at('2026-05-30T00:00:00Z');
		for (let i = 0; i < 4; i++) {
			t = nextOccurrence(spec, 'Australia/Sydney', t)!;
			seen.push(localMinuteKey(t, 'Australia/Sydney'));
		}
		expect(seen).toEqual(['2026-06-01T09:00', '2026-06-08T09:00', '2026-06-15T09:00', '2026-06-22T09:00']);
		const lastDay: ScheduleSpec = { kind: 'cron', expression: '30 20 L * *' };
		expect(localMinuteKey(nextOccurrence(lastDay, 'America/Chicago', at('2028-02-10T00:00:00Z'))!, 'America/Chicago')).toBe('2028-02-29T20:30');
	});

	it('finds a 29 February schedule years ahead, and none within 400 days back', () => {
		const leap: ScheduleSpec = { kind: 'cron', expression: '0 12 29 2 *' };
		expect(iso(nextOccurrence(leap, 'UTC', at('2025-03-01T00:00:00Z')))).toBe('2028-02-29T12:00:00.000Z');
		expect(latestOccurrence(leap, 'UTC', at('2026-06-01T00:00:00Z'))).toBeNull();
		expect(iso(latestOccurrence(leap, 'UTC', at('2028-06-01T00:00:00Z')))).toBe('2028-02-29T12:00:00.000Z');
	});

	describe('DST', () => {
		function series(spec: ScheduleSpec, tz: string, from: string, count: number): string[] {
			const out: string[] = [];
			let t = at(from);
			for (let i = 0; i < count; i++) {
				t = nextOccurrence(spec, tz, t)!;
				out.push(`${t.toISOString().slice(0, 16)}Z=${localMinuteKey(t, tz).slice(5)}`);
			}
			return out;
		}
		function backwards(spec: ScheduleSpec, tz: string, from: string, count: number): string[] {
			const out: string[] = [];
			let t = at(from);
			for (let i = 0; i < count; i++) {
				t = latestOccurrence(spec, tz, t)!;
				out.unshift(`${t.toISOString().slice(0, 16)}Z=${localMinuteKey(t, tz).slice(5)}`);
				t = new Date(t.getTime() - 1);
			}
			return out;
		}

		it('Paris spring forward: 02:30 does not exist on 29 March, so it happens once, at 03:00', () => {
			const spec: ScheduleSpec = { kind: 'daily', time: '02:30' };
			const expected = ['2026-03-28T01:30Z=03-28T02:30', '2026-03-29T01:00Z=03-29T03:00', '2026-03-30T00:30Z=03-30T02:30'];
			expect(series(spec, 'Europe/Paris', '2026-03-27T12:00:00Z', 3)).toEqual(expected);
			// Walking backwards gives the same three: no day is skipped (cron-parser's own prev() skips 29 March).
			expect(backwards(spec, 'Europe/Paris', '2026-03-30T12:00:00Z', 3)).toEqual(expected);
		});

		it('Paris fall back: 02:30 happens twice on 25 October, and runs the first time only', () => {
			const spec: ScheduleSpec = { kind: 'daily', time: '02:30' };
			const expected = ['2026-10-24T00:30Z=10-24T02:30', '2026-10-25T00:30Z=10-25T02:30', '2026-10-26T01:30Z=10-26T02:30'];
			expect(series(spec, 'Europe/Paris', '2026-10-23T12:00:00Z', 3)).toEqual(expected);
			expect(backwards(spec, 'Europe/Paris', '2026-10-26T12:00:00Z', 3)).toEqual(expected);
			// During the second 02:30 (01:30 UTC) the latest occurrence is still the first one.
			expect(iso(latestOccurrence(spec, 'Europe/Paris', at('2026-10-25T01:45:00Z')))).toBe('2026-10-25T00:30:00.000Z');
		});

		it('New York: 02:30 runs at 03:00 on 8 March; 01:30 runs once on 1 November', () => {
			expect(series({ kind: 'daily', time: '02:30' }, 'America/New_York', '2026-03-07T12:00:00Z', 2)).toEqual([
				'2026-03-08T07:00Z=03-08T03:00',
				'2026-03-09T06:30Z=03-09T02:30',
			]);
			const expected = ['2026-10-31T05:30Z=10-31T01:30', '2026-11-01T05:30Z=11-01T01:30', '2026-11-02T06:30Z=11-02T01:30'];
			expect(series({ kind: 'daily', time: '01:30' }, 'America/New_York', '2026-10-30T12:00:00Z', 3)).toEqual(expected);
			expect(backwards({ kind: 'daily', time: '01:30' }, 'America/New_York', '2026-11-02T12:00:00Z', 3)).toEqual(expected);
		});

		it('an hourly cron keeps one run per local hour through both changes', () => {
			const hourly: ScheduleSpec = { kind: 'cron', expression: '0 * * * *' };
			expect(series(hourly, 'America/New_York', '2026-11-01T03:30:00Z', 4)).toEqual([
				'2026-11-01T04:00Z=11-01T00:00',
				'2026-11-01T05:00Z=11-01T01:00',
				'2026-11-01T07:00Z=11-01T02:00',
				'2026-11-01T08:00Z=11-01T03:00',
			]);
			expect(series(hourly, 'America/New_York', '2026-03-08T05:30:00Z', 3)).toEqual([
				'2026-03-08T06:00Z=03-08T01:00',
				'2026-03-08T07:00Z=03-08T03:00',
				'2026-03-08T08:00Z=03-08T04:00',
			]);
		});

		it('handles a half-hour DST change (Lord Howe Island)', () => {
			// Lord Howe moves from +10:30 to +11:00 at 02:00 local on 4 October 2026.
			const spec: ScheduleSpec = { kind: 'daily', time: '02:15' };
			const t = nextOccurrence(spec, 'Australia/Lord_Howe', at('2026-10-03T12:00:00Z'))!;
			expect(localMinuteKey(t, 'Australia/Lord_Howe')).toBe('2026-10-04T02:30');
		});
	});

	const ZONES = [
		'UTC',
		'Europe/Paris',
		'America/New_York',
		'America/Sao_Paulo',
		'Asia/Tokyo',
		'Asia/Kathmandu',
		'Australia/Lord_Howe',
		'Pacific/Chatham',
		'America/Santiago',
		'Asia/Tehran',
		'Europe/London',
		'Australia/Sydney',
		// Cuba changes its clocks at midnight, so a whole local day starts in the gap.
		'America/Havana',
	];
	const specArb: fc.Arbitrary<ScheduleSpec> = fc.oneof(
		fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => ({
			kind: 'daily' as const,
			time: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
		})),
		fc
			.record({
				days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
				h: fc.integer({ min: 0, max: 23 }),
				m: fc.constantFrom(0, 15, 30, 45),
				every: fc.constantFrom(1 as const, 2 as const, 4 as const),
				anchor: fc.integer({ min: 0, max: 3000 }),
			})
			.map(({ days, h, m, every, anchor }) => ({
				kind: 'weekly' as const,
				days,
				time: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
				...(every > 1 ? { everyWeeks: every, anchorDate: new Date(Date.UTC(2020, 0, 1) + anchor * 86_400_000).toISOString().slice(0, 10) } : {}),
			})),
		fc.constantFrom<ScheduleSpec>(
			{ kind: 'cron', expression: '*/20 * * * *' },
			{ kind: 'cron', expression: '30 1,2,3 * * *' },
			{ kind: 'cron', expression: '0 0 * * 0' },
			{ kind: 'cron', expression: '15 9-17 * * mon-fri' },
			{ kind: 'cron', expression: '0 12 1,15 * *' },
		),
	);

	/** Does the spec name this local wall time (a wall value, see timezone.ts)? */
	function specNamesWall(spec: ScheduleSpec, wall: number): boolean {
		const date = new Date(wall);
		if (spec.kind === 'cron') return CronExpressionParser.parse(spec.expression, { tz: 'UTC', currentDate: date }).includesDate(date);
		const time = date.toISOString().slice(11, 16);
		return time === spec.time && (spec.kind === 'daily' || spec.days.includes(date.getUTCDay()));
	}
	/** The instant is a spring-forward jump, and a wall time the jump skipped belongs to the spec. */
	function isJumpForSkippedTime(spec: ScheduleSpec, tz: string, instant: Date): boolean {
		const wall = wallOf(instant.getTime(), tz);
		for (let back = 1; back <= 120; back++) {
			const skipped = wall - back * 60_000;
			const mapped = instantOfWall(skipped, tz);
			const existed = wallOf(mapped, tz) === skipped;
			if (!existed && mapped === instant.getTime() && specNamesWall(spec, skipped)) return true;
		}
		return false;
	}

	function checkAround(spec: ScheduleSpec, tz: string, now: Date): void {
		const latest = latestOccurrence(spec, tz, now);
		const next = nextOccurrence(spec, tz, now);
		expect(latest).not.toBeNull();
		expect(next).not.toBeNull();
		expect(latest!.getTime()).toBeLessThanOrEqual(now.getTime());
		expect(next!.getTime()).toBeGreaterThan(now.getTime());
		// Nothing between them, seen from either side.
		expect(nextOccurrence(spec, tz, latest!)!.getTime()).toBe(next!.getTime());
		expect(latestOccurrence(spec, tz, new Date(next!.getTime() - 1))!.getTime()).toBe(latest!.getTime());
		for (const occurrence of [latest!, next!]) {
			const onSchedule = specNamesWall(spec, wallOf(occurrence.getTime(), tz)) || isJumpForSkippedTime(spec, tz, occurrence);
			expect(onSchedule, `${occurrence.toISOString()} in ${tz}`).toBe(true);
		}
	}

	/** The instants at which a zone's offset changed between two dates, to the minute. */
	function offsetChanges(tz: string, from: string, to: string): Date[] {
		const changes: Date[] = [];
		const offset = (ms: number) => wallOf(ms, tz) - Math.floor(ms / 1000) * 1000;
		for (let t = at(from).getTime(); t < at(to).getTime(); t += 86_400_000) {
			if (offset(t) === offset(t + 86_400_000)) continue;
			let lo = t;
			let hi = t + 86_400_000;
			while (hi - lo > 60_000) {
				const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
				if (offset(mid) === offset(lo)) lo = mid;
				else hi = mid;
			}
			changes.push(new Date(hi));
		}
		return changes;
	}

	it('property: latest ≤ now < next, nothing in between, and both fall on the schedule in local time', () => {
		fc.assert(
			fc.property(
				specArb,
				fc.constantFrom(...ZONES),
				fc.date({ min: at('2021-01-01T00:00:00Z'), max: at('2034-12-31T00:00:00Z'), noInvalidDate: true }),
				checkAround,
			),
			{ numRuns: 300 },
		);
	});

	it('property: the same holds within hours of every DST change of 2026', () => {
		const changes = ZONES.flatMap((tz) => offsetChanges(tz, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map((when) => ({ tz, when })));
		expect(changes.length).toBeGreaterThanOrEqual(12);
		fc.assert(
			fc.property(specArb, fc.constantFrom(...changes), fc.integer({ min: -6 * 60, max: 6 * 60 }), (spec, change, minutes) => {
				checkAround(spec, change.tz, new Date(change.when.getTime() + minutes * 60_000 + (minutes % 7) * 1000));
			}),
			{ numRuns: 600 },
		);
	});
});
