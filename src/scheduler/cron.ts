import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { calendarSeries, type WallSeries } from './series.js';
import { DAY_MS, MINUTE_MS } from './timezone.js';
import { schedule as words } from '../strings/en/schedule.js';

/**
 * Cron expressions, read by cron-parser in *wall-clock* time.
 *
 * We ask cron-parser for occurrences in UTC on local wall values (see timezone.ts), never in the guild's zone, and map
 * each wall time to an instant ourselves. In a real zone cron-parser 5 is inconsistent around DST changes: on the
 * spring-forward day next() moves 02:30 to 03:30 while prev() skips that day altogether, and on the fall-back day
 * prev() yields 01:30 twice (both passes) while next() yields it once. Walking wall time and applying one rule
 * (instantOfWall) gives the same answer in both directions.
 *
 * cron-parser also reads and checks the expression. Walking with it costs ~0.1 ms a step, so for the usual
 * expressions (no L, no #) we walk its parsed fields ourselves with plain day arithmetic, and a test holds the two
 * walks to the same answers.
 */

const FIELDS = [
	{ ...words.cron.fields[0], chars: /^[\d*?,/-]+$/ },
	{ ...words.cron.fields[1], chars: /^[\d*?,/-]+$/ },
	{ ...words.cron.fields[2], chars: /^[\dLl*?,/-]+$/ },
	{ ...words.cron.fields[3], chars: /^[\dA-Za-z*?,/-]+$/ },
	{ ...words.cron.fields[4], chars: /^[\dA-Za-z*?,/#-]+$/ },
] as const;

const EXAMPLE = words.cron.example;

/** Spaces tidied, so that equal schedules compare equal. */
export function normalizeCron(expression: string): string {
	return expression.trim().split(/\s+/).join(' ');
}

function parseWall(expression: string): CronExpression {
	// tz UTC on wall values: no DST inside cron-parser, by design (see above).
	return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(Date.UTC(2026, 0, 1)) });
}

const problems = new Map<string, string | null>();
const CACHE_LIMIT = 2000;

/**
 * What is wrong with a cron expression, in words an admin can act on; null when it is fine.
 * Only the classic 5 fields at minute resolution: no seconds, no @aliases, no H (random) times.
 */
export function cronProblem(expression: string): string | null {
	const text = normalizeCron(expression);
	const known = problems.get(text);
	if (known !== undefined) return known;
	const problem = findProblem(text);
	if (problems.size >= CACHE_LIMIT) problems.clear();
	problems.set(text, problem);
	return problem;
}

function findProblem(text: string): string | null {
	if (text === '') return words.cron.empty(EXAMPLE);
	const parts = text.split(' ');
	if (parts.length !== 5) {
		return words.cron.parts(EXAMPLE, parts.length);
	}
	let whole = true;
	try {
		parseWall(text).next();
	} catch {
		whole = false;
	}
	for (const [i, field] of FIELDS.entries()) {
		const part = parts[i]!;
		const randomTime = part.split(/[,/#-]/).some((token) => token.toUpperCase() === 'H');
		if (randomTime) return words.cron.random(field.name);
		let ok = field.chars.test(part);
		// Only a failing expression is parsed field by field, to say which part is wrong.
		if (ok && !whole) {
			try {
				parseWall(parts.map((p, j) => (j === i ? p : '*')).join(' '));
			} catch {
				ok = false;
			}
		}
		if (!ok) return words.cron.badPart(field.name, part, field.allowed);
	}
	return whole ? null : words.cron.never;
}

const series = new Map<string, WallSeries>();

/** Occurrences of a (valid) cron expression in wall time. Cached per expression: parsing costs ~0.1 ms. */
export function cronSeries(expression: string): WallSeries {
	const text = normalizeCron(expression);
	let found = series.get(text);
	if (found) return found;
	const problem = cronProblem(text);
	if (problem) throw new Error(`Invalid cron expression ${JSON.stringify(expression)}: ${problem}`);
	const parsed = parseWall(text);
	found = fieldSeries(parsed) ?? parserSeries(parsed);
	if (series.size >= CACHE_LIMIT) series.clear();
	series.set(text, found);
	return found;
}

/** The expression walked by cron-parser itself, step by step. Works for everything it understands (L, #, …). */
export function parserSeries(it: CronExpression): WallSeries {
	return {
		atOrBefore(wall, floor) {
			// prev() is strict, and occurrences fall on whole minutes: start just past the minute of `wall`.
			it.reset(new Date(Math.floor(wall / MINUTE_MS) * MINUTE_MS + MINUTE_MS));
			try {
				const w = it.prev().toDate().getTime();
				return w >= floor ? w : null;
			} catch {
				return null;
			}
		},
		after(wall, ceiling) {
			it.reset(new Date(wall));
			try {
				const w = it.next().toDate().getTime();
				return w <= ceiling ? w : null;
			} catch {
				return null;
			}
		},
	};
}

/**
 * The expression walked by day arithmetic over cron-parser's parsed fields, following its day rules: when both day of
 * month and day of week are restricted either may match; otherwise the restricted one must. Null for L and #.
 */
export function fieldSeries(it: CronExpression): WallSeries | null {
	const { minute, hour, dayOfMonth, month, dayOfWeek } = it.fields;
	if (dayOfMonth.hasLastChar || dayOfWeek.hasLastChar || dayOfWeek.nthDay > 0) return null;
	const numbers = (values: readonly (number | string)[]) => values.filter((v): v is number => typeof v === 'number');
	const times = numbers(hour.values)
		.flatMap((h) => numbers(minute.values).map((m) => (h * 60 + m) * MINUTE_MS))
		.sort((a, b) => a - b);
	if (times.length === 0) return null;
	const doms = new Set(numbers(dayOfMonth.values));
	const months = new Set(numbers(month.values));
	const dows = new Set(numbers(dayOfWeek.values).map((d) => d % 7));
	const domRestricted = !dayOfMonth.isWildcard;
	const dowRestricted = !dayOfWeek.isWildcard;
	return calendarSeries((day) => {
		const date = new Date(day * DAY_MS);
		if (!months.has(date.getUTCMonth() + 1)) return false;
		const domMatch = doms.has(date.getUTCDate());
		const dowMatch = dows.has(date.getUTCDay());
		if (domRestricted && dowRestricted) return domMatch || dowMatch;
		return dowRestricted ? dowMatch : domMatch;
	}, times);
}
