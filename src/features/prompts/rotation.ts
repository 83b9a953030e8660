import type { Random } from '../../core/random.js';
import { TIERS, type QuestionBank, type Tier } from './bank.js';
import type { CustomQuestion, DepthMode, PromptConfig, PromptRotation } from './records.js';

/**
 * Which question comes next: pure decisions over the enabled pool and the guild's rotation state.
 * No question repeats until every question of the pool has been asked; then a new cycle starts.
 */

export interface PoolQuestion {
	id: string;
	text: string;
	/** A bank theme id; null for a community question with no theme. */
	theme: string | null;
	tier: Tier;
	custom: CustomQuestion | null;
}

/** The enabled pool in a stable order: bank questions of the enabled themes (and tier, when fixed), then the community's own. */
export function buildPool(
	bank: QuestionBank,
	config: Pick<PromptConfig, 'themes' | 'depthMode' | 'fixedTier'>,
	custom: readonly CustomQuestion[],
): PoolQuestion[] {
	const themes = config.themes ? new Set(config.themes) : null;
	const pool: PoolQuestion[] = [];
	for (const q of bank.questions) {
		if (themes && !themes.has(q.theme)) continue;
		if (config.depthMode === 'fixed' && q.tier !== config.fixedTier) continue;
		pool.push({ id: q.id, text: q.text, theme: q.theme, tier: q.tier, custom: null });
	}
	// The community's own questions are always in the mix, whatever the themes and depth settings.
	for (const c of [...custom].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		pool.push({ id: c.id, text: c.text, theme: c.theme, tier: c.tier, custom: c });
	}
	return pool;
}

export interface PickResult {
	question: PoolQuestion;
	/** This pick starts a new cycle (every question of the pool had been asked). */
	newCycle: boolean;
	/** The tier the depth mode aimed for (the question may differ when that tier had nothing left). */
	targetTier: Tier | null;
	/** Questions of the pool still unasked in the cycle after this one. */
	remainingAfter: number;
}

/** Weights for 'mixed': mostly light and medium, deep now and then. */
export const MIXED_WEIGHTS: Readonly<Record<Tier, number>> = { light: 0.35, medium: 0.4, deep: 0.25 };

/** Shallowest-first tiers by distance from `target`, going deeper before shallower (progressive moves forward). */
function tiersNear(target: Tier): Tier[] {
	switch (target) {
		case 'light':
			return ['light', 'medium', 'deep'];
		case 'medium':
			return ['medium', 'deep', 'light'];
		case 'deep':
			return ['deep', 'medium', 'light'];
	}
}

/**
 * Progressive depth: the cycle's posts go light, then medium, then deep, with each stretch as long as that tier's share
 * of the pool (the bank is about 40% light, 35% medium, 25% deep), so the light stretch ends as its questions run out.
 */
export function progressiveTier(pool: readonly PoolQuestion[], position: number): Tier {
	let light = 0;
	let medium = 0;
	for (const q of pool) {
		if (q.tier === 'light') light++;
		else if (q.tier === 'medium') medium++;
	}
	if (position < light) return 'light';
	if (position < light + medium) return 'medium';
	return 'deep';
}

function unusedState(pool: readonly PoolQuestion[], rotation: PromptRotation): { usedCount: number; unused: PoolQuestion[]; newCycle: boolean } {
	const used = new Set(rotation.used);
	const unused = pool.filter((q) => !used.has(q.id));
	if (unused.length === 0) return { usedCount: 0, unused: [...pool], newCycle: true };
	return { usedCount: pool.length - unused.length, unused, newCycle: false };
}

/** The next question, or null when the pool is empty. Deterministic for a given pool, state and random source. */
export function pickNext(pool: readonly PoolQuestion[], rotation: PromptRotation, mode: DepthMode, random: Random): PickResult | null {
	if (pool.length === 0) return null;
	const { usedCount, unused, newCycle } = unusedState(pool, rotation);
	const done = (question: PoolQuestion, targetTier: Tier | null): PickResult => ({
		question,
		newCycle,
		targetTier,
		remainingAfter: unused.length - 1,
	});

	// Approved suggestions and "ask next" questions go first, in the order they were queued.
	if (rotation.upNext.length > 0) {
		const unusedById = new Map(unused.map((q) => [q.id, q]));
		for (const id of rotation.upNext) {
			const queued = unusedById.get(id);
			if (queued) return done(queued, null);
		}
	}

	let targetTier: Tier | null = null;
	let candidates: PoolQuestion[] = unused;
	if (mode === 'progressive') {
		targetTier = progressiveTier(pool, usedCount);
		for (const tier of tiersNear(targetTier)) {
			const ofTier = unused.filter((q) => q.tier === tier);
			if (ofTier.length > 0) {
				candidates = ofTier;
				break;
			}
		}
	} else if (mode === 'mixed') {
		const available = TIERS.filter((tier) => unused.some((q) => q.tier === tier));
		const total = available.reduce((sum, tier) => sum + MIXED_WEIGHTS[tier], 0);
		let roll = random.next() * total;
		targetTier = available[available.length - 1]!;
		for (const tier of available) {
			roll -= MIXED_WEIGHTS[tier];
			if (roll < 0) {
				targetTier = tier;
				break;
			}
		}
		const chosen = targetTier;
		candidates = unused.filter((q) => q.tier === chosen);
	}

	// A change of theme from one prompt to the next keeps the conversation varied.
	if (rotation.lastTheme !== null) {
		const otherTheme = candidates.filter((q) => q.theme !== rotation.lastTheme);
		if (otherTheme.length > 0) candidates = otherTheme;
	}
	return done(random.pick(candidates)!, targetTier);
}

/**
 * The rotation after `question` was asked. `newCycle` is what pickNext said for this same state; without it, it is
 * worked out again (for a state read afresh).
 */
export function markAsked<R extends PromptRotation>(rotation: R, pool: readonly PoolQuestion[], question: PoolQuestion, newCycle = unusedState(pool, rotation).newCycle): R {
	// Ids outside today's pool stay: a theme switched off and on again mid-cycle must not repeat its questions.
	const used = newCycle ? [question.id] : [...rotation.used, question.id];
	return {
		...rotation,
		cycle: newCycle ? rotation.cycle + 1 : rotation.cycle,
		used: used.slice(-5000),
		upNext: rotation.upNext.filter((id) => id !== question.id),
		lastTheme: question.theme,
		posted: rotation.posted + 1,
	};
}

/** How many questions of the pool are still unasked in the current cycle. */
export function unusedCount(pool: readonly PoolQuestion[], rotation: PromptRotation): number {
	return unusedState(pool, rotation).unused.length;
}

/** The threshold below which admins are warned that the cycle is about to start over. */
export const LOW_POOL_WARNING = 7;
