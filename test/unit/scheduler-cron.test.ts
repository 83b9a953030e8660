import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronProblem, fieldSeries, parserSeries } from '../../src/scheduler/cron.js';

const DAY = 86_400_000;

function parse(expression: string) {
	return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(Date.UTC(2026, 0, 1)) });
}

/** Random but valid-looking cron fields: values, ranges, steps, lists and names. */
function field(min: number, max: number, names: string[] = []): fc.Arbitrary<string> {
	const value = fc.integer({ min, max });
	const range = fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
	const step = fc.tuple(fc.constantFrom('*', ''), fc.integer({ min: 2, max: Math.max(2, Math.floor((max - min) / 2)) })).map(([base, s]) => `${base || `${min}-${max}`}/${s}`);
	const list = fc.uniqueArray(value, { minLength: 2, maxLength: 4 }).map((vs) => vs.join(','));
	const options: fc.Arbitrary<string>[] = [fc.constant('*'), value.map(String), range, step, list];
	if (names.length > 0) options.push(fc.constantFrom(...names));
	return fc.oneof(...options);
}

const expressionArb = fc
	.tuple(
		field(0, 59),
		field(0, 23),
		fc.oneof(field(1, 31), fc.constant('?')),
		field(1, 12, ['jan,jul', 'mar-may', 'dec']),
		fc.oneof(field(0, 7, ['mon-fri', 'sat,sun', 'wed']), fc.constant('?')),
	)
	.map((parts) => parts.join(' '))
	.filter((expression) => cronProblem(expression) === null);

describe('cron walking', () => {
	it('our walk over the parsed fields agrees with cron-parser’s own, both ways', () => {
		fc.assert(
			fc.property(expressionArb, fc.integer({ min: Date.UTC(2021, 0, 1), max: Date.UTC(2034, 11, 31) }), (expression, rawWall) => {
				const wall = Math.floor(rawWall / 1000) * 1000;
				const ours = fieldSeries(parse(expression));
				const theirs = parserSeries(parse(expression));
				expect(ours, expression).not.toBeNull();
				expect(ours!.atOrBefore(wall, wall - 400 * DAY), `${expression} ≤ ${new Date(wall).toISOString()}`).toBe(theirs.atOrBefore(wall, wall - 400 * DAY));
				expect(ours!.after(wall, wall + 400 * DAY), `${expression} > ${new Date(wall).toISOString()}`).toBe(theirs.after(wall, wall + 400 * DAY));
			}),
			{ numRuns: 400 },
		);
	});

	it('leaves L and # to cron-parser', () => {
		expect(fieldSeries(parse('0 9 L * *'))).toBeNull();
		expect(fieldSeries(parse('0 9 * * 5L'))).toBeNull();
		expect(fieldSeries(parse('0 9 * * 5#2'))).toBeNull();
		// The second Friday of May 2026 is the 8th.
		expect(new Date(parserSeries(parse('0 9 * * 5#2')).after(Date.UTC(2026, 4, 1), Date.UTC(2027, 0, 1))!).toISOString()).toBe('2026-05-08T09:00:00.000Z');
	});
});
