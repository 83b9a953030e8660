import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ChallengeTemplatesFileSchema,
	InterestsFileSchema,
	loadChallengeTemplates,
	loadChallengeTemplatesSync,
	loadDefaultInterests,
	type ChallengeTemplate,
	type ChallengeTemplatesFile,
} from '../../src/features/challenges/templates.js';
import { DataFileError, findNearDuplicates } from '../../src/features/prompts/bank.js';

let dir: string;
let file: ChallengeTemplatesFile;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'hearth-challenges-'));
	file = await loadChallengeTemplates();
});

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

function writeTemp(name: string, content: unknown): string {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
	return path;
}

function template(days: number, overrides: Partial<ChallengeTemplate> = {}): ChallengeTemplate {
	return {
		id: 'small-steps',
		name: 'Small steps',
		description: 'A short test challenge.',
		days,
		actions: Array.from({ length: days }, (_, i) => `Do kind thing number ${i + 1}.`),
		...overrides,
	};
}

function templatesError(path: string): DataFileError {
	try {
		loadChallengeTemplatesSync(path);
	} catch (err) {
		expect(err).toBeInstanceOf(DataFileError);
		return err as DataFileError;
	}
	throw new Error(`expected ${path} to be rejected`);
}

describe('the real challenge templates', () => {
	it('offers at least four templates, at least three of them 30 days of distinct actions', () => {
		expect(file.templates.length).toBeGreaterThanOrEqual(4);
		const month = file.templates.filter(
			(t) => t.days === 30 && t.actions.length === 30 && new Set(t.actions.map((a) => a.toLowerCase())).size === 30,
		);
		expect(month.length).toBeGreaterThanOrEqual(3);
		expect(new Set(file.templates.map((t) => t.id)).size).toBe(file.templates.length);
	});

	it('keeps every action short enough to read at a glance', () => {
		for (const t of file.templates) {
			expect(t.actions.length, t.id).toBe(t.days);
			for (const action of t.actions) {
				expect(action.length, action).toBeGreaterThan(10);
				expect(action.length, action).toBeLessThanOrEqual(200);
			}
		}
	});

	it('never asks for nearly the same thing twice within one challenge', () => {
		for (const t of file.templates) {
			const days = t.actions.map((text, i) => ({ id: `${t.id} day ${i + 1}`, text }));
			expect(findNearDuplicates(days), t.id).toEqual([]);
		}
	});

	it('reads the same through the async and sync loaders', () => {
		expect(loadChallengeTemplatesSync()).toEqual(file);
	});
});

describe('broken challenge templates', () => {
	it('accepts a small valid file', async () => {
		const content = { version: 1, templates: [template(3)] };
		const path = writeTemp('ok.json', content);
		await expect(loadChallengeTemplates(path)).resolves.toEqual(content);
		expect(ChallengeTemplatesFileSchema.safeParse(content).success).toBe(true);
	});

	it('rejects a template with fewer actions than days', () => {
		const short = template(30);
		short.actions = short.actions.slice(0, 29);
		const path = writeTemp('short.json', { version: 1, templates: [short] });
		const err = templatesError(path);
		expect(err.message).toContain(path);
		expect(err.message).toContain('templates[0].actions: there are 29 actions but the challenge lasts 30 days');
	});

	it('rejects an action repeated on another day, even in different case', () => {
		const repeated = template(4);
		repeated.actions[3] = '  DO KIND THING NUMBER 2. ';
		const err = templatesError(writeTemp('repeat.json', { version: 1, templates: [repeated] }));
		expect(err.message).toContain('templates[0].actions[3]: day 4 repeats the action of day 2');
	});

	it('rejects two templates with the same id', () => {
		const err = templatesError(writeTemp('ids.json', { version: 1, templates: [template(2), template(3)] }));
		expect(err.message).toContain('templates[1].id: template id "small-steps" is used twice');
	});

	it('rejects fractional days and over-long actions', () => {
		const err = templatesError(
			writeTemp('odd.json', {
				version: 1,
				templates: [template(2, { days: 2.5 }), template(1, { id: 'long', actions: ['z'.repeat(201)] })],
			}),
		);
		expect(err.message).toContain('templates[0].days: the number of days must be a whole number');
		expect(err.message).toContain('templates[1].actions[0]: an action can be at most 200 characters');
	});

	it('says plainly when the file is missing', async () => {
		const path = join(dir, 'missing.json');
		await expect(loadChallengeTemplates(path)).rejects.toThrow(`Could not read the challenge templates file at ${path}`);
	});
});

describe('default interests', () => {
	it('gives a new guild about forty short, distinct interests', () => {
		const interests = loadDefaultInterests();
		expect(interests.length).toBeGreaterThanOrEqual(35);
		expect(interests.length).toBeLessThanOrEqual(50);
		expect(new Set(interests.map((i) => i.toLowerCase())).size).toBe(interests.length);
		for (const interest of interests) {
			expect(interest.length, interest).toBeGreaterThan(0);
			expect(interest.length, interest).toBeLessThanOrEqual(40);
		}
	});

	it('rejects the same interest listed twice in different case, naming the file', () => {
		const path = writeTemp('interests.json', { version: 1, interests: ['Books', 'Hiking', 'books'] });
		expect(() => loadDefaultInterests(path)).toThrow(path);
		expect(() => loadDefaultInterests(path)).toThrow('interests[2]: "books" is already listed at interests[0]');
	});

	it('rejects an empty or over-long interest name', () => {
		const result = InterestsFileSchema.safeParse({ version: 1, interests: ['', 'x'.repeat(41)] });
		expect(result.success).toBe(false);
		const path = writeTemp('bad-interests.json', { version: 1, interests: ['', 'x'.repeat(41)] });
		expect(() => loadDefaultInterests(path)).toThrow(/interests\[0\]: an interest needs a name/);
		expect(() => loadDefaultInterests(path)).toThrow(/interests\[1\]: an interest can be at most 40 characters/);
	});
});
