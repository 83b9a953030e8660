import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { loadQuestionBankSync, type Tier } from '../../src/features/prompts/bank.js';
import { defaultPromptConfig, emptyState, type CustomQuestion, type PromptConfig, type PromptState } from '../../src/features/prompts/records.js';
import { buildPool, markAsked, pickNext, progressiveTier, unusedCount, type PoolQuestion } from '../../src/features/prompts/rotation.js';

const bank = loadQuestionBankSync();
const NOW = new Date('2026-11-23T08:00:00Z');

function config(change: Partial<PromptConfig> = {}): PromptConfig {
	return { ...defaultPromptConfig(NOW), ...change };
}

function custom(n: number, tier: Tier = 'medium', theme: string | null = null): CustomQuestion {
	return {
		id: `custom-${n}`,
		text: `Our own question number ${n}: what made you smile this week?`,
		tier,
		theme,
		createdAt: NOW.toISOString(),
		updatedAt: NOW.toISOString(),
		addedBy: null,
		credit: null,
		suggestionId: null,
	};
}

/** Posts `count` prompts in a row, as the feature does: pick with a per-occurrence seed, then mark it asked. */
function run(pool: PoolQuestion[], mode: PromptConfig['depthMode'], count: number, start: PromptState = emptyState(), seed = 'rot') {
	let state = start;
	const picks: Array<{ question: PoolQuestion; newCycle: boolean; cycle: number }> = [];
	for (let i = 0; i < count; i++) {
		const pick = pickNext(pool, state, mode, createRandom(`${seed}:${i}`));
		if (!pick) throw new Error('empty pool');
		state = markAsked(state, pool, pick.question);
		picks.push({ question: pick.question, newCycle: pick.newCycle, cycle: state.cycle });
	}
	return { state, picks };
}

describe('the enabled pool', () => {
	it('holds every bank question by default, and only the chosen themes when themes are set', () => {
		expect(buildPool(bank, config(), [])).toHaveLength(bank.questions.length);
		const two = buildPool(bank, config({ themes: ['gratitude', 'play'] }), []);
		expect(two.length).toBe(bank.questions.filter((q) => q.theme === 'gratitude' || q.theme === 'play').length);
		expect(new Set(two.map((q) => q.theme))).toEqual(new Set(['gratitude', 'play']));
	});

	it('keeps only one tier for a fixed depth, but always includes the community’s own questions', () => {
		const pool = buildPool(bank, config({ depthMode: 'fixed', fixedTier: 'deep', themes: ['roots'] }), [custom(1, 'light')]);
		expect(pool.filter((q) => !q.custom).every((q) => q.tier === 'deep' && q.theme === 'roots')).toBe(true);
		expect(pool.some((q) => q.id === 'custom-1')).toBe(true);
	});
});

describe('no repeats', () => {
	it('asks every question of the pool once before any question comes back, then starts a new cycle', () => {
		const pool = buildPool(bank, config({ themes: ['values', 'growth'] }), [custom(1), custom(2, 'deep')]);
		const { picks } = run(pool, 'progressive', pool.length * 2 + 3);
		const firstCycle = picks.slice(0, pool.length).map((p) => p.question.id);
		expect(new Set(firstCycle).size).toBe(pool.length);
		expect(picks.slice(0, pool.length).every((p) => p.cycle === 1)).toBe(true);
		expect(picks[pool.length]!.newCycle).toBe(true);
		expect(picks[pool.length]!.cycle).toBe(2);
		const secondCycle = picks.slice(pool.length, pool.length * 2).map((p) => p.question.id);
		expect(new Set(secondCycle).size).toBe(pool.length);
	});

	it('holds for every depth mode and many seeds', () => {
		const pool = buildPool(bank, config({ themes: ['play'] }), []);
		for (const mode of ['progressive', 'fixed', 'mixed'] as const) {
			for (const seed of ['a', 'b', 'c', 'd']) {
				const { picks } = run(pool, mode, pool.length, emptyState(), seed);
				expect(new Set(picks.map((p) => p.question.id)).size, `${mode}/${seed}`).toBe(pool.length);
			}
		}
	});

	it('does not repeat questions of a theme switched off and on again within the cycle', () => {
		const all = buildPool(bank, config({ themes: ['values', 'gratitude'] }), []);
		const { state, picks } = run(all, 'mixed', 20);
		const narrower = buildPool(bank, config({ themes: ['gratitude'] }), []);
		const { state: later } = run(narrower, 'mixed', 3, state, 'narrow');
		const again = run(all, 'mixed', all.length - 23, later, 'wide');
		const asked = [...picks, ...again.picks].map((p) => p.question.id);
		expect(new Set(asked).size).toBe(asked.length);
	});

	it('counts what is left, and reports the last question of a cycle', () => {
		const pool = buildPool(bank, config({ themes: ['future'], depthMode: 'fixed', fixedTier: 'deep' }), []);
		const { state } = run(pool, 'fixed', pool.length - 1);
		expect(unusedCount(pool, state)).toBe(1);
		const last = pickNext(pool, state, 'fixed', createRandom('x'))!;
		expect(last.remainingAfter).toBe(0);
		expect(last.newCycle).toBe(false);
	});
});

describe('depth', () => {
	it('progressive goes light, then medium, then deep across a cycle, in the pool’s proportions', () => {
		const pool = buildPool(bank, config(), []);
		const { picks } = run(pool, 'progressive', pool.length);
		const tiers = picks.map((p) => p.question.tier);
		const light = pool.filter((q) => q.tier === 'light').length;
		const medium = pool.filter((q) => q.tier === 'medium').length;
		expect(tiers.slice(0, light).every((t) => t === 'light')).toBe(true);
		expect(tiers.slice(light, light + medium).every((t) => t === 'medium')).toBe(true);
		expect(tiers.slice(light + medium).every((t) => t === 'deep')).toBe(true);
		// Roughly the first 40% are light, as the bank is built.
		expect(light / pool.length).toBeGreaterThan(0.3);
		expect(light / pool.length).toBeLessThan(0.5);
	});

	it('progressive never goes back to a lighter tier while a deeper one has questions left', () => {
		const pool = buildPool(bank, config({ themes: ['listening'] }), [custom(1, 'light'), custom(2, 'deep')]);
		const { picks } = run(pool, 'progressive', pool.length);
		const order: Record<Tier, number> = { light: 0, medium: 1, deep: 2 };
		for (let i = 1; i < picks.length; i++) expect(order[picks[i]!.question.tier]).toBeGreaterThanOrEqual(order[picks[i - 1]!.question.tier]);
	});

	it('progressive tier follows the position in the cycle', () => {
		const pool = buildPool(bank, config(), []);
		expect(progressiveTier(pool, 0)).toBe('light');
		expect(progressiveTier(pool, 139)).toBe('light');
		expect(progressiveTier(pool, 140)).toBe('medium');
		expect(progressiveTier(pool, 259)).toBe('medium');
		expect(progressiveTier(pool, 260)).toBe('deep');
	});

	it('fixed asks only its tier (besides the community’s own)', () => {
		const pool = buildPool(bank, config({ depthMode: 'fixed', fixedTier: 'light' }), []);
		const { picks } = run(pool, 'fixed', 50);
		expect(picks.every((p) => p.question.tier === 'light')).toBe(true);
	});

	it('mixed draws all three tiers, mostly light and medium', () => {
		const pool = buildPool(bank, config(), []);
		const { picks } = run(pool, 'mixed', 120);
		const count = (tier: Tier) => picks.filter((p) => p.question.tier === tier).length;
		expect(count('light')).toBeGreaterThan(20);
		expect(count('medium')).toBeGreaterThan(20);
		expect(count('deep')).toBeGreaterThan(10);
		expect(count('deep')).toBeLessThan(count('light') + count('medium'));
	});
});

describe('picking', () => {
	it('is deterministic for the same seed and state, and differs across seeds', () => {
		const pool = buildPool(bank, config(), []);
		const a = pickNext(pool, emptyState(), 'mixed', createRandom('guild-1:2026-11-23T09:00'))!.question.id;
		const b = pickNext(pool, emptyState(), 'mixed', createRandom('guild-1:2026-11-23T09:00'))!.question.id;
		expect(a).toBe(b);
		const others = new Set(Array.from({ length: 10 }, (_, i) => pickNext(pool, emptyState(), 'mixed', createRandom(`guild-${i}:x`))!.question.id));
		expect(others.size).toBeGreaterThan(3);
	});

	it('asks queued questions (approved suggestions) first, in order, then carries on', () => {
		const pool = buildPool(bank, config(), [custom(1, 'deep'), custom(2, 'deep')]);
		const state: PromptState = { ...emptyState(), upNext: ['custom-2', 'custom-1'] };
		const { picks, state: after } = run(pool, 'progressive', 3, state);
		expect(picks.map((p) => p.question.id).slice(0, 2)).toEqual(['custom-2', 'custom-1']);
		expect(picks[2]!.question.tier).toBe('light');
		expect(after.upNext).toEqual([]);
	});

	it('changes theme from one prompt to the next when it can', () => {
		const pool = buildPool(bank, config({ themes: ['values', 'play', 'roots'] }), []);
		const { picks } = run(pool, 'mixed', 40);
		for (let i = 1; i < picks.length; i++) expect(picks[i]!.question.theme).not.toBe(picks[i - 1]!.question.theme);
	});

	it('returns nothing for an empty pool', () => {
		expect(pickNext([], emptyState(), 'progressive', createRandom('x'))).toBeNull();
	});
});
