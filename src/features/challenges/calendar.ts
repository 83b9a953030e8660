import { DAY_MS, HOUR_MS, instantOfWall, wallOf } from '../../scheduler/timezone.js';

/**
 * Challenge days and streaks, as pure arithmetic.
 *
 * A challenge starts on a local calendar date. Its day 1 is that date *in each member's own time zone*, so a member
 * in Auckland starts (and finishes) their days before a member in Lima and nobody's streak hangs on someone else's
 * midnight. Dates are handled as ordinals (whole days since 1970-01-01), instants as epoch milliseconds.
 */

/** One streak freeze is earned every time a streak reaches a multiple of this many days. */
export const FREEZE_EVERY_DAYS = 7;
/** A member never holds more freezes than this. */
export const MAX_FREEZES = 2;
/** By default a day can be checked in until the member's following day ends. */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 48;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const ordinals = new Map<string, number>();

/** 'YYYY-MM-DD' → whole days since 1970-01-01; throws on a date that is not on the calendar. */
export function dateOrdinal(date: string): number {
	const known = ordinals.get(date);
	if (known !== undefined) return known;
	const m = DATE.exec(date);
	if (!m) throw new Error(`Not a date: ${JSON.stringify(date)}`);
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (ordinalDate(ms / DAY_MS) !== date) throw new Error(`Not a calendar date: ${date}`);
	if (ordinals.size >= 10_000) ordinals.clear();
	ordinals.set(date, ms / DAY_MS);
	return ms / DAY_MS;
}

/** Whole days since 1970-01-01 → 'YYYY-MM-DD'. */
export function ordinalDate(ordinal: number): string {
	return new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(date: string): boolean {
	try {
		dateOrdinal(date);
		return true;
	} catch {
		return false;
	}
}

// Day boundaries never change for a zone, and every check-in needs a few of them: remember them (bounded).
const boundaries = new Map<string, number>();
const BOUNDARY_CACHE_LIMIT = 20_000;

/** instantOfWall, remembered: the instant a local wall time happens in `tz`. */
export function wallInstant(wallMs: number, tz: string): number {
	const key = `${tz}|${wallMs}`;
	let instant = boundaries.get(key);
	if (instant === undefined) {
		instant = instantOfWall(wallMs, tz);
		if (boundaries.size >= BOUNDARY_CACHE_LIMIT) boundaries.clear();
		boundaries.set(key, instant);
	}
	return instant;
}

/** The instant a local calendar day begins (local midnight; when midnight is skipped by DST, the moment clocks jump). */
export function localDayStart(ordinal: number, tz: string): number {
	return wallInstant(ordinal * DAY_MS, tz);
}

/**
 * The local calendar day (ordinal) an instant falls on in `tz`. Consistent with localDayStart: the day d is the one
 * with start(d) ≤ instant < start(d + 1), even where midnight is skipped or happens twice.
 */
export function localDayAt(instantMs: number, tz: string): number {
	let ordinal = Math.floor(wallOf(instantMs, tz) / DAY_MS);
	if (instantMs < localDayStart(ordinal, tz)) ordinal--;
	else if (instantMs >= localDayStart(ordinal + 1, tz)) ordinal++;
	return ordinal;
}

/** Where a challenge sits on the calendar: its first local date and how many days it lasts. */
export interface ChallengeCalendar {
	startDate: string;
	/** The last day that counts: the challenge length, or the day an admin ended it early. */
	lastDay: number;
	graceHours: number;
}

/** The challenge day (1 = the start date) at `instantMs` for someone living in `tz`; ≤ 0 before it starts. */
export function challengeDayAt(instantMs: number, startDate: string, tz: string): number {
	return localDayAt(instantMs, tz) - dateOrdinal(startDate) + 1;
}

/** The instant challenge day `day` begins for someone in `tz`. */
export function challengeDayStart(day: number, startDate: string, tz: string): number {
	return localDayStart(dateOrdinal(startDate) + day - 1, tz);
}

/**
 * The instant after which day `day` can no longer be checked in: `graceHours` of local time after the day ends.
 * With the default 24 hours that is the end of the member's following day, DST included.
 */
export function checkInClosesAt(day: number, startDate: string, tz: string, graceHours: number): number {
	return wallInstant((dateOrdinal(startDate) + day) * DAY_MS + graceHours * HOUR_MS, tz);
}

/** Where a member stands in time: their current challenge day, and the last day whose check-in window has closed. */
export interface MemberMoment {
	today: number;
	/** Every day ≤ closedThrough is settled: done, covered by a freeze, or missed. */
	closedThrough: number;
}

export function memberMoment(instantMs: number, calendar: Pick<ChallengeCalendar, 'startDate' | 'graceHours'>, tz: string): MemberMoment {
	const today = challengeDayAt(instantMs, calendar.startDate, tz);
	// A day closes at least at its end, so only the few days before today can have closed recently.
	let closed = today - 2 - Math.ceil(calendar.graceHours / 24);
	while (closed + 1 < today && checkInClosesAt(closed + 1, calendar.startDate, tz, calendar.graceHours) <= instantMs) closed++;
	return { today, closedThrough: closed };
}

export interface ProgressInput {
	/** The first day that counts for this member (late joiners count from their join day). */
	joinDay: number;
	lastDay: number;
	/** Days checked in (any order; duplicates and days outside the window are ignored). */
	checkIns: readonly number[];
	today: number;
	closedThrough: number;
}

export interface Progress {
	joinDay: number;
	lastDay: number;
	today: number;
	doneDays: number[];
	/** Missed days a freeze covered: the streak went on, though the day does not count as done. */
	frozenDays: number[];
	missedDays: number[];
	/** Days still open: not checked in yet, and their check-in window has not closed. */
	openDays: number[];
	daysDone: number;
	daysMissed: number;
	currentStreak: number;
	bestStreak: number;
	freezesHeld: number;
	/** How many freezes were earned in total (for "you earned a freeze" messages). */
	freezesEarned: number;
	/** Days settled so far (done, frozen or missed): the fair denominator for consistency. */
	daysElapsed: number;
	/** daysDone / daysElapsed, 0 when nothing is settled yet. */
	consistency: number;
	/** Every day from the join day to the last day is done or covered by a freeze. */
	completed: boolean;
}

/**
 * Replays a member's days in order. A check-in extends the streak (and every 7th day of a streak earns a freeze,
 * at most 2 held); a day whose window closed without a check-in uses a freeze when one is held, else ends the streak;
 * a day still open changes nothing yet. The result depends only on the inputs, so freezes are never spent twice.
 */
export function evaluateProgress(input: ProgressInput): Progress {
	const { joinDay, lastDay, today, closedThrough } = input;
	const checked = new Set(input.checkIns.filter((d) => Number.isInteger(d) && d >= joinDay && d <= lastDay));
	const doneDays: number[] = [];
	const frozenDays: number[] = [];
	const missedDays: number[] = [];
	const openDays: number[] = [];
	let streak = 0;
	let best = 0;
	let freezes = 0;
	let earned = 0;
	for (let day = Math.max(1, joinDay); day <= lastDay; day++) {
		if (checked.has(day)) {
			doneDays.push(day);
			streak++;
			best = Math.max(best, streak);
			if (streak % FREEZE_EVERY_DAYS === 0 && freezes < MAX_FREEZES) {
				freezes++;
				earned++;
			}
		} else if (day <= closedThrough) {
			if (freezes > 0 && streak > 0) {
				freezes--;
				frozenDays.push(day);
			} else {
				missedDays.push(day);
				streak = 0;
			}
		} else if (day <= today) {
			openDays.push(day);
		}
	}
	const daysElapsed = doneDays.length + frozenDays.length + missedDays.length;
	const window = lastDay - Math.max(1, joinDay) + 1;
	return {
		joinDay,
		lastDay,
		today,
		doneDays,
		frozenDays,
		missedDays,
		openDays,
		daysDone: doneDays.length,
		daysMissed: missedDays.length,
		currentStreak: streak,
		bestStreak: best,
		freezesHeld: freezes,
		freezesEarned: earned,
		daysElapsed,
		consistency: daysElapsed === 0 ? 0 : doneDays.length / daysElapsed,
		completed: window > 0 && doneDays.length + frozenDays.length === window,
	};
}

export type CheckInRequest = 'today' | 'yesterday' | { day: number };

export type CheckInRefusal =
	/** The member's day 1 has not begun yet. */
	| 'not-started'
	/** The challenge is over for this member (past the last day). */
	| 'over'
	/** The day is before the member joined. */
	| 'before-join'
	/** The day's check-in window has closed. */
	| 'closed'
	/** Already checked in for that day. */
	| 'already';

export type CheckInDecision = { ok: true; day: number; backdated: boolean } | { ok: false; reason: CheckInRefusal; day: number };

/**
 * Which day a check-in counts for, or why it cannot. A button from a post ahead of the member's own day (their
 * midnight has not come yet) counts for the member's today: a check-in always lands on a day they are living.
 */
export function decideCheckIn(
	request: CheckInRequest,
	state: { today: number; closedThrough: number; joinDay: number; lastDay: number; checkIns: readonly number[] },
): CheckInDecision {
	const { today, closedThrough, joinDay, lastDay } = state;
	const day = request === 'today' ? today : request === 'yesterday' ? today - 1 : Math.min(request.day, today);
	if (day < 1) return { ok: false, reason: 'not-started', day };
	if (day > lastDay) return { ok: false, reason: 'over', day };
	if (day < joinDay) return { ok: false, reason: 'before-join', day };
	if (day <= closedThrough) return { ok: false, reason: 'closed', day };
	if (state.checkIns.includes(day)) return { ok: false, reason: 'already', day };
	return { ok: true, day, backdated: day < today };
}

/** A text progress bar, e.g. ▰▰▰▱▱▱▱▱▱▱ for 3 of 10. */
export function progressBar(done: number, total: number, width = 15): string {
	const share = total <= 0 ? 0 : Math.min(1, Math.max(0, done / total));
	const full = Math.round(share * width);
	return '▰'.repeat(full) + '▱'.repeat(width - full);
}
