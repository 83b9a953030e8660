import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { cronProblem, cronSeries, normalizeCron } from './cron.js';
import { calendarSeries, type WallSeries } from './series.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, instantOfWall, offsetAt, steadyAround, wallOf } from './timezone.js';
import { schedule as words } from '../strings/en/schedule.js';

export {
	TimezoneSchema,
	canonicalTimezone,
	isValidTimezone,
	listTimezones,
	localDate,
	localMinuteKey,
	searchTimezones,
} from './timezone.js';

/** When something recurs, in the guild's local time. */
export type ScheduleSpec =
	| { kind: 'daily'; time: string }
	| { kind: 'weekly'; days: number[]; time: string; everyWeeks?: 1 | 2 | 4; anchorDate?: string }
	| { kind: 'cron'; expression: string };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TIME_MESSAGE = words.time;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
	const m = DATE.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const TimeSchema = z.string({ error: TIME_MESSAGE }).regex(TIME, { error: TIME_MESSAGE });

const DailySchema = z.object({ kind: z.literal('daily'), time: TimeSchema });

const WeeklySchema = z
	.object({
		kind: z.literal('weekly'),
		days: z
			.array(
				z
					.number({ error: 'Days are numbers from 0 (Sunday) to 6 (Saturday)' })
					.int({ error: 'Days are numbers from 0 (Sunday) to 6 (Saturday)' })
					.min(0, { error: 'Days are numbers from 0 (Sunday) to 6 (Saturday)' })
					.max(6, { error: 'Days are numbers from 0 (Sunday) to 6 (Saturday)' }),
				{ error: 'Pick at least one day of the week' },
			)
			.min(1, { error: 'Pick at least one day of the week' }),
		time: TimeSchema,
		everyWeeks: z
			.union([z.literal(1), z.literal(2), z.literal(4)], { error: 'A schedule can repeat every week, every 2 weeks or every 4 weeks' })
			.optional(),
		anchorDate: z
			.string({ error: 'Dates must look like 2026-01-05' })
			.refine(isRealDate, { error: 'Dates must look like 2026-01-05 (a real day of the calendar)' })
			.optional(),
	})
	.superRefine((spec, ctx) => {
		if ((spec.everyWeeks ?? 1) > 1 && spec.anchorDate === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['anchorDate'],
				message: `Every ${spec.everyWeeks} weeks needs a first date to count the weeks from`,
			});
		}
	});

const CronSchema = z.object({
	kind: z.literal('cron'),
	expression: z.string({ error: 'A cron schedule is text like `0 9 * * 1`' }).superRefine((expression, ctx) => {
		const problem = cronProblem(expression);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	}),
});

/** A stored or submitted schedule; messages are written for the admin who typed it. */
export const ScheduleSpecSchema: z.ZodType<ScheduleSpec> = z.discriminatedUnion('kind', [DailySchema, WeeklySchema, CronSchema], {
	error: 'A schedule is daily, weekly or a cron expression',
});

// ---------------------------------------------------------------------------------------------------------------
// Input from a slash command

const DAY_NAMES: Record<string, number> = {
	su: 0, sun: 0, sunday: 0,
	mo: 1, mon: 1, monday: 1,
	tu: 2, tue: 2, tues: 2, tuesday: 2,
	we: 3, wed: 3, wednesday: 3,
	th: 4, thu: 4, thur: 4, thurs: 4, thursday: 4,
	fr: 5, fri: 5, friday: 5,
	sa: 6, sat: 6, saturday: 6,
};
const DAYS_MESSAGE = words.days;

/** 'mon,wed,fri', 'Mon Wed Fri', 'monday and friday', 'mon-fri', 'weekdays', 'weekends', 'every day' → sorted day numbers. */
export function parseDays(text: string): number[] {
	const words = text
		.toLowerCase()
		.replace(/\band\b/g, ',')
		.split(/[\s,;]+/)
		.filter((w) => w !== '');
	if (words.length === 0) throw new UserError(DAYS_MESSAGE);
	const days = new Set<number>();
	const joined = words.join(' ');
	if (joined === 'every day' || joined === 'everyday' || joined === 'daily' || joined === 'all') return [0, 1, 2, 3, 4, 5, 6];
	for (const word of words) {
		if (word === 'weekdays') [1, 2, 3, 4, 5].forEach((d) => days.add(d));
		else if (word === 'weekends' || word === 'weekend') [0, 6].forEach((d) => days.add(d));
		else if (word.includes('-')) {
			const [from, to, ...rest] = word.split('-');
			const a = DAY_NAMES[from ?? ''];
			const b = DAY_NAMES[to ?? ''];
			if (a === undefined || b === undefined || rest.length > 0) throw new UserError(DAYS_MESSAGE);
			// A range may wrap around the week: fri-mon is Friday, Saturday, Sunday and Monday.
			for (let d = a; ; d = (d + 1) % 7) {
				days.add(d);
				if (d === b) break;
			}
		} else {
			const day = DAY_NAMES[word];
			if (day === undefined) throw new UserError(DAYS_MESSAGE);
			days.add(day);
		}
	}
	return [...days].sort((x, y) => x - y);
}

/** '9:00', '09:00', '9', '9am', '6:30 pm', '18h30' → 'HH:MM'. */
export function parseTime(text: string): string {
	const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
	if (!m) throw new UserError(TIME_MESSAGE);
	let hour = Number(m[1]);
	const minute = m[2] === undefined ? 0 : Number(m[2]);
	const meridiem = m[3]?.toLowerCase().replace(/\./g, '');
	if (meridiem) {
		if (hour < 1 || hour > 12) throw new UserError(TIME_MESSAGE);
		hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
	}
	if (hour > 23 || minute > 59) throw new UserError(TIME_MESSAGE);
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export interface ScheduleInput {
	kind: 'daily' | 'weekdays' | 'cron';
	time?: string;
	days?: string;
	cron?: string;
	/** For 'weekdays': repeat every 1, 2 or 4 weeks, counted from anchorDate ('YYYY-MM-DD', local). */
	everyWeeks?: number;
	anchorDate?: string;
}

/** Turns what an admin typed into a ScheduleSpec; a UserError says plainly what to fix. */
export function parseScheduleInput(input: ScheduleInput): ScheduleSpec {
	let spec: ScheduleSpec;
	switch (input.kind) {
		case 'daily':
			if (!input.time?.trim()) throw new UserError(words.pickTime('09:00'));
			spec = { kind: 'daily', time: parseTime(input.time) };
			break;
		case 'weekdays': {
			if (!input.days?.trim()) throw new UserError(words.pickDays);
			if (!input.time?.trim()) throw new UserError(words.pickTime('18:30'));
			const days = parseDays(input.days);
			const time = parseTime(input.time);
			const everyWeeks = input.everyWeeks ?? 1;
			if (everyWeeks !== 1 && everyWeeks !== 2 && everyWeeks !== 4) {
				throw new UserError(words.everyWeeks);
			}
			spec = { kind: 'weekly', days, time };
			if (everyWeeks > 1) {
				if (!input.anchorDate) throw new UserError(words.needsAnchor(everyWeeks));
				if (!isRealDate(input.anchorDate)) throw new UserError(words.date);
				spec.everyWeeks = everyWeeks;
				spec.anchorDate = input.anchorDate;
			}
			break;
		}
		case 'cron': {
			if (!input.cron?.trim()) throw new UserError(words.typeCron);
			const problem = cronProblem(input.cron);
			if (problem) throw new UserError(problem);
			spec = { kind: 'cron', expression: normalizeCron(input.cron) };
			break;
		}
		default:
			throw new UserError(words.kind);
	}
	return spec;
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const LONG_DAY = words.describe.longDays;
const SHORT_DAY = words.describe.shortDays;

function list(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${words.describe.and} ${items[items.length - 1]}`;
}

/** "every day at 09:00", "Mon, Wed and Fri at 18:30", "every 2 weeks on Monday at 12:00", "cron `0 9 * * 1`". */
export function describeSchedule(spec: ScheduleSpec): string {
	switch (spec.kind) {
		case 'daily':
			return words.describe.daily(spec.time);
		case 'cron':
			return words.describe.cron(spec.expression);
		case 'weekly': {
			// Monday first, Sunday last: how most people read a week.
			const days = [...new Set(spec.days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
			const every = spec.everyWeeks ?? 1;
			const key = days.join(',');
			if (every === 1) {
				if (days.length === 7) return words.describe.daily(spec.time);
				if (key === '1,2,3,4,5') return words.describe.weekdays(spec.time);
				if (key === '6,0') return words.describe.weekend(spec.time);
				if (days.length === 1) return words.describe.oneDay(LONG_DAY[days[0]!]!, spec.time);
				return words.describe.days(list(days.map((d) => SHORT_DAY[d]!)), spec.time);
			}
			const which = days.length === 1 ? LONG_DAY[days[0]!]! : list(days.map((d) => SHORT_DAY[d]!));
			return words.describe.everyWeeks(every, which, spec.time);
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Occurrences

/** How far back latestOccurrence looks. */
export const LATEST_HORIZON_MS = 400 * DAY_MS;
/** How far ahead nextOccurrence looks: long enough for a 29 February cron. */
export const NEXT_HORIZON_MS = 5 * 366 * DAY_MS;
/** The largest DST shift of any zone is 2 hours; near a change we look this far around to be sure. */
const DST_MARGIN_MS = 4 * HOUR_MS;
/**
 * When the offset is steady for DST_MARGIN around an instant, a wall time within this much of it maps to an instant by
 * plain subtraction: no repeated or skipped copy of it can exist (margin − largest shift).
 */
const STEADY_REACH_MS = DST_MARGIN_MS - 2 * HOUR_MS;

function minuteOfDay(time: string): number {
	const m = TIME.exec(time);
	if (!m) throw new Error(`Invalid schedule time ${JSON.stringify(time)}`);
	return Number(m[1]) * 60 + Number(m[2]);
}

/** Daily and weekly schedules in wall time, by plain day arithmetic (much cheaper than a cron parser). */
function daySeries(spec: Extract<ScheduleSpec, { kind: 'daily' | 'weekly' }>): WallSeries {
	const at = minuteOfDay(spec.time) * MINUTE_MS;
	let matches: (day: number) => boolean = () => true;
	if (spec.kind === 'weekly') {
		const days = new Set(spec.days);
		const every = spec.everyWeeks ?? 1;
		// 1970-01-01 (day 0) was a Thursday.
		const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
		if (every === 1) matches = (day) => days.has(weekday(day));
		else {
			if (!spec.anchorDate || !isRealDate(spec.anchorDate)) throw new Error(`Every ${every} weeks needs a valid anchorDate`);
			const anchor = Date.parse(`${spec.anchorDate}T00:00:00Z`) / DAY_MS;
			// Weeks are counted in 7-day blocks starting on the anchor date itself.
			matches = (day) => days.has(weekday(day)) && (((Math.floor((day - anchor) / 7) % every) + every) % every === 0);
		}
	}
	return calendarSeries(matches, [at]);
}

function seriesOf(spec: ScheduleSpec): WallSeries {
	return spec.kind === 'cron' ? cronSeries(spec.expression) : daySeries(spec);
}

/**
 * The latest occurrence at or before `now`, as an instant; null if none within ~400 days.
 * DST: see instantOfWall (a time skipped by spring-forward happens when clocks jump; a repeated time, the first time).
 */
export function latestOccurrence(spec: ScheduleSpec, tz: string, now: Date): Date | null {
	const nowMs = now.getTime();
	const nowWall = wallOf(nowMs, tz);
	const floor = nowWall - LATEST_HORIZON_MS;
	const series = seriesOf(spec);
	const steady = steadyAround(nowMs, tz, DST_MARGIN_MS);
	const offset = steady ? offsetAt(nowMs, tz) : 0;
	// Near a DST change a wall time a little later than now's can already be past (the repeated hour).
	let from = steady ? nowWall : nowWall + DST_MARGIN_MS;
	for (;;) {
		const wall = series.atOrBefore(from, floor);
		if (wall === null) return null;
		const instant = steady && wall >= nowWall - STEADY_REACH_MS ? wall - offset : instantOfWall(wall, tz);
		if (instant <= nowMs) return new Date(instant);
		from = wall - MINUTE_MS;
	}
}

/** The first occurrence strictly after `after`, as an instant; null if none within ~5 years. */
export function nextOccurrence(spec: ScheduleSpec, tz: string, after: Date): Date | null {
	const afterMs = after.getTime();
	const afterWall = wallOf(afterMs, tz);
	const ceiling = afterWall + NEXT_HORIZON_MS;
	const series = seriesOf(spec);
	const steady = steadyAround(afterMs, tz, DST_MARGIN_MS);
	const offset = steady ? offsetAt(afterMs, tz) : 0;
	const minute = Math.floor(afterWall / MINUTE_MS) * MINUTE_MS;
	let from = (steady ? minute : minute - DST_MARGIN_MS) - 1;
	for (;;) {
		const wall = series.after(from, ceiling);
		if (wall === null) return null;
		const instant = steady && wall <= afterWall + STEADY_REACH_MS ? wall - offset : instantOfWall(wall, tz);
		if (instant > afterMs) return new Date(instant);
		from = wall;
	}
}
