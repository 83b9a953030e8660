import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { loadDefaultInterests } from '../../src/features/challenges/templates.js';
import {
	displayInterest,
	mergeInterests,
	normalizeInterest,
	parseGuildInterest,
	parseInterests,
	parseIntro,
	suggestInterests,
	usableDefaultInterests,
} from '../../src/features/pairing/interests.js';
import { MAX_INTEREST_LENGTH, MAX_INTERESTS } from '../../src/features/pairing/records.js';
import { en } from '../../src/strings/index.js';

const words = en.pairing;

describe('interest normalization', () => {
	it('treats case, spacing and a leading # as the same interest', () => {
		expect(normalizeInterest('  Board   Games ')).toBe('board games');
		expect(normalizeInterest('#Hiking')).toBe('hiking');
		expect(normalizeInterest('BOARD\tgames')).toBe(normalizeInterest('board games'));
	});

	it('splits on commas, semicolons and new lines, drops empties and duplicates, keeps the order given', () => {
		expect(parseInterests('Hiking, board games;  #COFFEE and tea,\nhiking,, Board Games', words)).toEqual([
			'hiking',
			'board games',
			'coffee and tea',
		]);
		expect(parseInterests(' , ;', words)).toEqual([]);
	});

	it(`refuses more than ${MAX_INTERESTS} distinct interests, counting duplicates once`, () => {
		const eleven = Array.from({ length: MAX_INTERESTS + 1 }, (_, i) => `topic ${i}`).join(',');
		expect(() => parseInterests(eleven, words)).toThrow(UserError);
		expect(() => parseInterests(eleven, words)).toThrow(/up to 10/);
		const tenWithRepeats = Array.from({ length: MAX_INTERESTS }, (_, i) => `topic ${i}, Topic ${i}`).join(',');
		expect(parseInterests(tenWithRepeats, words)).toHaveLength(MAX_INTERESTS);
	});

	it(`refuses an interest longer than ${MAX_INTEREST_LENGTH} characters, naming it`, () => {
		const long = 'x'.repeat(MAX_INTEREST_LENGTH + 1);
		expect(() => parseInterests(`hiking, ${long}`, words)).toThrow(/keep each one to 30 characters/);
		expect(parseInterests('y'.repeat(MAX_INTEREST_LENGTH), words)).toHaveLength(1);
	});

	it('accepts the punctuation real interests use and refuses mention syntax', () => {
		expect(parseInterests("D&D, sci-fi, C++, rock 'n' roll, café", words)).toEqual(['d&d', 'sci-fi', 'c++', "rock 'n' roll", 'café']);
		expect(() => parseInterests('<@123456789012345678>', words)).toThrow(UserError);
		expect(() => parseInterests('fun:stuff', words)).toThrow(/characters an interest can't use/);
	});

	it('merging adds only new interests and keeps the limit', () => {
		expect(mergeInterests(['hiking'], ['hiking', 'books'], words)).toEqual(['hiking', 'books']);
		const nine = Array.from({ length: 9 }, (_, i) => `t${i}`);
		expect(() => mergeInterests(nine, ['a', 'b'], words)).toThrow(UserError);
	});

	it('shows a stored interest in the guild list spelling when it is on the list', () => {
		expect(displayInterest('board games', ['Board games', 'Hiking'])).toBe('Board games');
		expect(displayInterest('knot tying', ['Board games'])).toBe('knot tying');
	});

	it('keeps the admin spelling of a guild interest but tidies its spacing', () => {
		expect(parseGuildInterest('  Tabletop    RPGs ', words)).toBe('Tabletop RPGs');
		expect(() => parseGuildInterest('   ', words)).toThrow(UserError);
		expect(() => parseGuildInterest('z'.repeat(31), words)).toThrow(UserError);
	});

	it('can use every default interest from data/interests.json', () => {
		const defaults = loadDefaultInterests();
		expect(usableDefaultInterests(defaults)).toEqual(defaults.map((d) => d.trim()));
	});
});

describe('member intro', () => {
	it('is one line of at most 120 characters', () => {
		expect(parseIntro('  Loves   long\nwalks  ', words)).toBe('Loves long walks');
		expect(() => parseIntro('a'.repeat(121), words)).toThrow(/keep it to 120/);
		expect(parseIntro('a'.repeat(120), words)).toHaveLength(120);
	});

	it('never pings: mentions of people, roles, channels, @everyone and @here are refused', () => {
		for (const text of ['hi <@123456789012345678>', 'ask <@!123456789012345678>', 'see <#123456789012345678>', 'role <@&123456789012345678>', 'hey @everyone', '@here!']) {
			expect(() => parseIntro(text, words), text).toThrow(/can't mention/);
		}
		expect(parseIntro('email me at someone@example.org', words)).toBe('email me at someone@example.org');
	});
});

describe('interest autocomplete', () => {
	const list = ['Board games', 'Books', 'Baking', 'Hiking', 'Video games'];

	it('completes the part after the last comma from the guild list, leaving out what is already chosen', () => {
		const got = suggestInterests('Hiking, bo', list);
		expect(got.map((s) => s.value)).toEqual(['Hiking, bo', 'Hiking, Board games', 'Hiking, Books']);
		expect(got.every((s) => s.name === s.value)).toBe(true);
		expect(suggestInterests('Hiking, ', list).map((s) => s.value)).not.toContain('Hiking, Hiking');
	});

	it('finds a word inside an interest ("games" finds both kinds of games)', () => {
		const values = suggestInterests('games', list).map((s) => s.value);
		expect(values).toContain('Board games');
		expect(values).toContain('Video games');
	});

	it('offers what was typed as a free tag when it is not on the list', () => {
		expect(suggestInterests('knot tying', list)[0]).toEqual({ name: 'knot tying', value: 'knot tying' });
		expect(suggestInterests('books', list).map((s) => s.value)).toEqual(['Books']);
	});

	it('never offers more than 25 suggestions or a value over 100 characters', () => {
		const many = Array.from({ length: 60 }, (_, i) => `Interest ${i}`);
		expect(suggestInterests('', many)).toHaveLength(25);
		const longPrefix = `${'x'.repeat(30)}, ${'y'.repeat(30)}, ${'z'.repeat(30)}, `;
		expect(suggestInterests(longPrefix, many).every((s) => s.value.length <= 100)).toBe(true);
	});
});
