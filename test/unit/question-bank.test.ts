import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DataFileError,
	NEAR_DUPLICATE_THRESHOLD,
	QuestionBankSchema,
	TIERS,
	closestQuestion,
	findNearDuplicates,
	loadQuestionBank,
	loadQuestionBankSync,
	loadTips,
	loadTipsSync,
	normalizeForSimilarity,
	similarity,
	type Question,
	type QuestionBank,
} from '../../src/features/prompts/bank.js';

let dir: string;
let bank: QuestionBank;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'hearth-bank-'));
	bank = await loadQuestionBank();
});

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** Writes raw text (or JSON) to a fresh temp file and returns its path. */
function writeTemp(name: string, content: unknown): string {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
	return path;
}

function validBank(): QuestionBank {
	return {
		version: 1,
		themes: [{ id: 'values', name: 'Values', description: 'What matters to you.' }],
		questions: [
			{ id: 'values-l-001', text: 'What is a small habit you love?', theme: 'values', tier: 'light' },
			{ id: 'values-d-001', text: 'What do you hope people remember about you?', theme: 'values', tier: 'deep' },
		],
	};
}

async function loadError(path: string): Promise<DataFileError> {
	const err = await loadQuestionBank(path).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(DataFileError);
	return err as DataFileError;
}

describe('the real question bank', () => {
	it('has at least 330 questions across at least 9 themes', () => {
		expect(bank.questions.length).toBeGreaterThanOrEqual(330);
		expect(bank.themes.length).toBeGreaterThanOrEqual(9);
	});

	it('offers every theme in all three tiers, with a healthy number of questions in each', () => {
		for (const theme of bank.themes) {
			const mine = bank.questions.filter((q) => q.theme === theme.id);
			expect(mine.length, theme.id).toBeGreaterThanOrEqual(20);
			for (const tier of TIERS) {
				expect(mine.filter((q) => q.tier === tier).length, `${theme.id}/${tier}`).toBeGreaterThanOrEqual(5);
			}
		}
	});

	it('leans light, then medium, then deep (about 40/35/25 percent)', () => {
		const share = (tier: string) => bank.questions.filter((q) => q.tier === tier).length / bank.questions.length;
		expect(share('light')).toBeGreaterThanOrEqual(0.35);
		expect(share('light')).toBeLessThanOrEqual(0.45);
		expect(share('medium')).toBeGreaterThanOrEqual(0.3);
		expect(share('medium')).toBeLessThanOrEqual(0.4);
		expect(share('deep')).toBeGreaterThanOrEqual(0.2);
		expect(share('deep')).toBeLessThanOrEqual(0.3);
	});

	it('gives every question a stable id made of its theme, tier letter and number', () => {
		const ids = new Set<string>();
		for (const q of bank.questions) {
			expect(q.id).toMatch(new RegExp(`^${q.theme}-${q.tier[0]}-\\d{3}$`));
			ids.add(q.id);
		}
		expect(ids.size).toBe(bank.questions.length);
		expect(new Set(bank.themes.map((t) => t.id)).size).toBe(bank.themes.length);
	});

	it('asks real questions of a sensible length', () => {
		for (const q of bank.questions) {
			expect(q.text.length, q.id).toBeGreaterThanOrEqual(8);
			expect(q.text.length, q.id).toBeLessThanOrEqual(300);
			expect(q.text, q.id).toContain('?');
			expect(q.text, q.id).toBe(q.text.trim());
		}
	});

	it('reads the same through the async and sync loaders', () => {
		expect(loadQuestionBankSync()).toEqual(bank);
	});
});

describe('near-duplicate questions', () => {
	it('gives every bank question at least two content words, so rewordings of it can be caught', () => {
		for (const q of bank.questions) {
			expect(normalizeForSimilarity(q.text).length, q.text).toBeGreaterThanOrEqual(2);
		}
	});

	it('finds no pair of bank questions at or above the threshold', () => {
		const pairs = findNearDuplicates(bank.questions);
		const byId = new Map(bank.questions.map((q) => [q.id, q.text]));
		expect(pairs.map((p) => `${p.score.toFixed(2)}: ${byId.get(p.a)} | ${byId.get(p.b)}`)).toEqual([]);
	});

	/**
	 * Each rewording keeps the question's meaning: same words shouted with other punctuation,
	 * contractions spelled out, one filler word added, and (for questions with four or more
	 * content words) one content word swapped. A copy of the bank holding the rewording must be flagged.
	 */
	function rewordings(q: Question): string[] {
		const out = [
			q.text.toUpperCase().replace(/\?/g, ' ??'),
			q.text.replace(/\bWhat's\b/g, 'What is').replace(/\byou're\b/g, 'you are').replace(/\byou'd\b/g, 'you would'),
			`Honestly, ${q.text.charAt(0).toLowerCase()}${q.text.slice(1)}`,
		];
		const words = q.text.split(' ');
		if (normalizeForSimilarity(q.text).length >= 4) {
			const at = words.findIndex((w) => normalizeForSimilarity(w).length > 0);
			out.push(words.map((w, i) => (i === at ? 'zeppelin' : w)).join(' '));
		}
		return out;
	}

	it('flags a slightly reworded copy of any bank question', () => {
		// One pass over the bank plus every rewording, exactly as a bank edited this way would be checked.
		const copies: Question[] = bank.questions.flatMap((q) =>
			rewordings(q).map((text, k) => ({ ...q, id: `copy-${k}-${q.id}`, text })),
		);
		expect(copies.length).toBeGreaterThan(bank.questions.length * 3);
		const pairs = findNearDuplicates([...bank.questions, ...copies]);
		const flagged = new Set(pairs.map((p) => `${p.a} ${p.b}`));
		for (const copy of copies) {
			const originalId = copy.id.replace(/^copy-\d+-/, '');
			const original = bank.questions.find((q) => q.id === originalId)!;
			expect(flagged.has(`${originalId} ${copy.id}`), `"${copy.text}" was not flagged as a copy of "${original.text}"`).toBe(
				true,
			);
		}
	});

	it('names the bank question an admin would be duplicating', () => {
		const original = bank.questions[0]!;
		const found = closestQuestion(`${original.text.toUpperCase()}!!`, bank.questions);
		expect(found?.question.id).toBe(original.id);
		expect(found?.score).toBe(1);
	});

	it('scores similarity on content words, ignoring case, punctuation, contractions and plurals', () => {
		expect(similarity("What's a song you love?", 'WHAT IS A SONG YOU LOVE')).toBe(1);
		expect(similarity('Which songs do you love?', "What's a song you love?")).toBe(1);
		expect(similarity('What is your favorite board game?', 'Where did you grow up?')).toBe(0);
		expect(similarity('What makes you laugh?', 'What makes you cry?')).toBe(0);
		expect(similarity('a b c d', 'a b c e')).toBe(similarity('a b c e', 'a b c d'));
		// One content word swapped out of four: 3 shared of 5 in all.
		expect(similarity('Which place near you do you appreciate unexpectedly?', 'Which spot near you do you appreciate unexpectedly?')).toBeCloseTo(
			3 / 5,
			5,
		);
		expect(NEAR_DUPLICATE_THRESHOLD).toBeGreaterThan(0.5);
	});
});

describe('broken question banks', () => {
	it('accepts a small valid bank', async () => {
		const path = writeTemp('ok.json', validBank());
		await expect(loadQuestionBank(path)).resolves.toEqual(validBank());
	});

	it('rejects a file that does not exist, naming it', async () => {
		const path = join(dir, 'nowhere.json');
		const err = await loadError(path);
		expect(err.message).toContain(path);
		expect(err.message).toContain('does not exist');
	});

	it('rejects broken JSON, naming the file', async () => {
		const path = writeTemp('broken.json', '{ "version": 1, "themes": [');
		const err = await loadError(path);
		expect(err.message).toContain(path);
		expect(err.message).toContain('not valid JSON');
	});

	it('rejects an unknown tier and says where it is', async () => {
		const bad = validBank() as { questions: { tier: string }[] };
		bad.questions[1]!.tier = 'extreme';
		const path = writeTemp('tier.json', bad);
		const err = await loadError(path);
		expect(err.message).toContain(path);
		expect(err.message).toContain('questions[1].tier');
		expect(err.message).toContain('light, medium, deep');
	});

	it('rejects a question whose theme is not listed', async () => {
		const bad = validBank();
		bad.questions[0]!.theme = 'weather';
		const err = await loadError(writeTemp('theme.json', bad));
		expect(err.message).toContain('questions[0].theme');
		expect(err.message).toContain('unknown theme "weather"');
	});

	it('rejects duplicate question ids and duplicate theme ids', async () => {
		const bad = validBank();
		bad.questions[1]!.id = 'values-l-001';
		bad.themes.push({ id: 'values', name: 'Again', description: 'A second values theme.' });
		const err = await loadError(writeTemp('dupes.json', bad));
		expect(err.message).toContain('questions[1].id');
		expect(err.message).toContain('question id "values-l-001" is used twice');
		expect(err.message).toContain('themes[1].id');
	});

	it('rejects a question that is too short, too long or has a misspelled field', async () => {
		const bad = validBank() as unknown as { questions: Record<string, unknown>[] };
		bad.questions[0]!.text = 'Why?';
		bad.questions[1]!.text = 'x'.repeat(301);
		bad.questions.push({ id: 'values-m-001', text: 'What would you change?', theme: 'values', teir: 'medium' });
		const err = await loadError(writeTemp('fields.json', bad));
		expect(err.message).toContain('questions[0].text: a question needs at least 8 characters');
		expect(err.message).toContain('questions[1].text: a question can be at most 300 characters');
		expect(err.message).toMatch(/questions\[2\]\S*: .*teir/);
	});

	it('lists the first few problems and counts the rest', async () => {
		const bad = validBank() as { questions: { tier: string; id: string; text: string; theme: string }[] };
		for (let i = 0; i < 8; i++) bad.questions.push({ id: `values-x-00${i}`, text: 'Which is it?', theme: 'values', tier: 'huge' });
		const err = await loadError(writeTemp('many.json', bad));
		expect(err.problems.length).toBe(8);
		expect(err.message).toContain('and 3 more problems');
	});

	it('rejects a wrong version through the sync loader too', () => {
		const path = writeTemp('version.json', { ...validBank(), version: 2 });
		expect(() => loadQuestionBankSync(path)).toThrow(/version: the version must be 1/);
		expect(QuestionBankSchema.safeParse(validBank()).success).toBe(true);
	});
});

describe('tips', () => {
	it('offers at least 40 short tips on both answering and listening', async () => {
		const { tips } = await loadTips();
		expect(tips.length).toBeGreaterThanOrEqual(40);
		expect(new Set(tips.map((t) => t.id)).size).toBe(tips.length);
		expect(tips.filter((t) => t.kind === 'answering').length).toBeGreaterThanOrEqual(15);
		expect(tips.filter((t) => t.kind === 'listening').length).toBeGreaterThanOrEqual(15);
		for (const tip of tips) expect(tip.text.length, tip.id).toBeLessThanOrEqual(200);
		expect(findNearDuplicates(tips)).toEqual([]);
		expect(loadTipsSync()).toEqual({ version: 1, tips });
	});

	it('rejects a tip of an unknown kind, naming the file and the tip', async () => {
		const path = writeTemp('tips.json', { version: 1, tips: [{ id: 'tip-001', text: 'Breathe.', kind: 'talking' }] });
		await expect(loadTips(path)).rejects.toThrow(path);
		await expect(loadTips(path)).rejects.toThrow('tips[0].kind: the kind must be one of: answering, listening');
	});

	it('rejects a tip longer than 200 characters', () => {
		const path = writeTemp('long-tips.json', { version: 1, tips: [{ id: 'tip-001', text: 'y'.repeat(201), kind: 'listening' }] });
		expect(() => loadTipsSync(path)).toThrow(/tips\[0\]\.text: a tip can be at most 200 characters/);
	});

	it('rejects two tips with the same id', () => {
		const path = writeTemp('dupe-tips.json', {
			version: 1,
			tips: [
				{ id: 'tip-001', text: 'Say thank you.', kind: 'answering' },
				{ id: 'tip-001', text: 'Ask a follow-up question.', kind: 'listening' },
			],
		});
		expect(() => loadTipsSync(path)).toThrow(/tips\[1\]\.id: tip id "tip-001" is used twice/);
	});
});
