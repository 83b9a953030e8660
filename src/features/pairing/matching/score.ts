import { seedFrom } from '../../../core/random.js';

export type MatchingMode = 'interests' | 'random' | 'mixed';

/** A member who opted in to this round; interests are already normalized (lowercase). */
export interface MatchCandidate {
	id: string;
	interests: readonly string[];
}

/** Two members (unordered) who were grouped together in `round`. */
export interface PastMeeting {
	a: string;
	b: string;
	round: number;
}

export interface MatchWeights {
	/** Points per interest two members share (times 1 in 'interests' mode, 0.5 in 'mixed', 0 in 'random'). */
	sharedInterest: number;
	/** Bonus for two members who have never been grouped before. */
	neverMet: number;
	/** Base penalty for a pair that met within the repeat window; raised automatically so it always dominates. */
	recentPenalty: number;
	/** Size of the seeded random term, so equally good rounds still vary. */
	serendipity: number;
	/** Shared interests beyond this many add nothing (a pair sharing 3 is as good a fit as one sharing 7). */
	sharedCap: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = Object.freeze({
	sharedInterest: 1,
	neverMet: 0.5,
	recentPenalty: 1000,
	serendipity: 0.25,
	sharedCap: 3,
});

export interface MatchInput {
	candidates: readonly MatchCandidate[];
	/** 2..6 */
	groupSize: number;
	mode: MatchingMode;
	/** The round being matched; history rounds are < round. */
	round: number;
	history: readonly PastMeeting[];
	/** A pair that met within the last `repeatWindow` rounds is a repeat (strongly avoided). */
	repeatWindow: number;
	/** Never together, either direction. */
	blocks: readonly (readonly [string, string])[];
	/** Same input + seed ⇒ same result. */
	seed: string | number;
	weights?: Partial<MatchWeights>;
}

/** The numbers behind every pair score for one round. */
export interface ScoreParams {
	readonly weights: MatchWeights;
	/** sharedInterest scaled by the mode (1, 0.5 or 0). */
	readonly interestWeight: number;
	/** The penalty unit for one repeat: large enough that any repeat-free round scores above any round with a repeat. */
	readonly repeatUnit: number;
	/** No pair can score more than this. */
	readonly maxPositive: number;
	readonly round: number;
	readonly repeatWindow: number;
	readonly seedHash: number;
}

/** Everything pairScore needs besides the two members; build it once per round with createPairContext. */
export interface PairContext extends ScoreParams {
	/** pairKey(a, b) → latest round the pair met. */
	readonly lastMet: ReadonlyMap<string, number>;
	/** pairKey(a, b) of every blocked pair. */
	readonly blocked: ReadonlySet<string>;
}

const MODE_FACTOR: Record<MatchingMode, number> = { interests: 1, mixed: 0.5, random: 0 };

/** An order-free key for a member pair (ids never contain NUL in practice; it only has to be unambiguous here). */
export function pairKey(a: string, b: string): string {
	return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function resolveWeights(partial: Partial<MatchWeights> | undefined): MatchWeights {
	const w = { ...DEFAULT_WEIGHTS, ...(partial ?? {}) };
	for (const [name, value] of Object.entries(w)) {
		if (!Number.isFinite(value)) throw new RangeError(`matching weight ${name} must be a finite number`);
	}
	return w;
}

/** The round's scoring numbers, without the history and block look-ups. */
export function scoreParams(input: MatchInput): ScoreParams {
	const weights = resolveWeights(input.weights);
	const interestWeight = weights.sharedInterest * MODE_FACTOR[input.mode];
	// The best a pair can score, times the most pairs a round can hold (n members in groups of at most g+1).
	const maxPositive =
		Math.max(0, interestWeight) * Math.max(0, weights.sharedCap) +
		Math.max(0, weights.neverMet) +
		Math.max(0, weights.serendipity);
	const maxPairs = (input.candidates.length * Math.max(2, input.groupSize)) / 2;
	return {
		weights,
		interestWeight,
		repeatUnit: Math.max(weights.recentPenalty, maxPositive * maxPairs + 1),
		maxPositive,
		round: input.round,
		repeatWindow: Math.max(0, Math.floor(input.repeatWindow)),
		seedHash: mix32(seedFrom(input.seed) ^ 0x5bd1e995),
	};
}

/** Builds the scoring context for one round, for scoring pairs one at a time with pairScore. */
export function createPairContext(input: MatchInput): PairContext {
	const lastMet = new Map<string, number>();
	for (const m of input.history) {
		if (m.a === m.b) continue;
		const key = pairKey(m.a, m.b);
		const prev = lastMet.get(key);
		if (prev === undefined || m.round > prev) lastMet.set(key, m.round);
	}
	const blocked = new Set<string>();
	for (const [a, b] of input.blocks) if (a !== b) blocked.add(pairKey(a, b));
	return { ...scoreParams(input), lastMet, blocked };
}

/** Murmur3's finalizer: spreads every input bit over the output. */
export function mix32(x: number): number {
	x ^= x >>> 16;
	x = Math.imul(x, 0x7feb352d);
	x ^= x >>> 15;
	x = Math.imul(x, 0x846ca68b);
	x ^= x >>> 16;
	return x >>> 0;
}

/** A value in [0, 1) fixed by the seed and the two ids, the same whichever order they come in. */
export function pairNoise(hashA: number, hashB: number, seedHash: number): number {
	const sym = mix32(((hashA + hashB) >>> 0) ^ seedHash) ^ (hashA ^ hashB);
	return mix32(sym) / 4294967296;
}

/** Whether a pair that last met in `lastMet` is a repeat for the round in ctx. */
export function isRecent(lastMet: number | undefined, ctx: Pick<ScoreParams, 'round' | 'repeatWindow'>): boolean {
	return lastMet !== undefined && Math.max(1, ctx.round - lastMet) <= ctx.repeatWindow;
}

/**
 * The one formula behind every edge weight; both pairScore and the fast internal scorer call it.
 * shared: number of distinct shared interests; lastMet: latest round the pair met (undefined if never); noise in [0,1).
 */
export function combineScore(shared: number, lastMet: number | undefined, noise: number, ctx: ScoreParams): number {
	let s = ctx.interestWeight * Math.min(shared, ctx.weights.sharedCap);
	if (lastMet === undefined) {
		s += ctx.weights.neverMet;
	} else {
		const age = Math.max(1, ctx.round - lastMet);
		// Last round's partner costs 2 units, the oldest pair still inside the window a little over 1.
		if (age <= ctx.repeatWindow) s -= ctx.repeatUnit * (2 - (age - 1) / ctx.repeatWindow);
	}
	return s + ctx.weights.serendipity * noise;
}

/**
 * The edge weight the matcher maximizes for placing `a` and `b` in the same group:
 *   interestWeight × min(shared interests, sharedCap)
 *   + neverMet                                  if the two were never grouped before
 *   − repeatUnit × (2 − (age − 1) / repeatWindow) if they met `age` ≤ repeatWindow rounds ago
 *   + serendipity × noise(seed, a.id, b.id)      noise in [0, 1), symmetric and deterministic
 * Blocked pairs score −Infinity (they are never placed together).
 */
export function pairScore(a: MatchCandidate, b: MatchCandidate, ctx: PairContext): number {
	if (a.id === b.id) return Number.NEGATIVE_INFINITY;
	const key = pairKey(a.id, b.id);
	if (ctx.blocked.has(key)) return Number.NEGATIVE_INFINITY;
	const theirs = new Set(b.interests);
	let shared = 0;
	for (const t of new Set(a.interests)) if (theirs.has(t)) shared++;
	const noise = pairNoise(seedFrom(a.id), seedFrom(b.id), ctx.seedHash);
	return combineScore(shared, ctx.lastMet.get(key), noise, ctx);
}
