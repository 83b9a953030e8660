/**
 * Forming a round's conversation groups: pure, deterministic for a given seed, no Discord in sight.
 *
 * Pairs (groupSize 2): greedy maximum-weight matching on candidate edges, Edmonds augmenting paths so
 * nobody who could be paired (without a repeat) is left out, then 2-opt swaps. Larger groups: greedy
 * seeding plus the same member-swap local search. Small rounds (≤ DENSE_LIMIT members) consider every
 * pair; large ones a shortlist per member found through shared interests plus random picks.
 */
import { createRandom } from '../../core/random.js';
import { Grouping, improveBySwaps, placeLeftovers, seedGroups } from './matching/groups.js';
import { Neighbourhood } from './matching/neighbours.js';
import { findCleanTrio, improvePairs, pairUp } from './matching/pairs.js';
import { Roster } from './matching/roster.js';
import type { MatchInput } from './matching/score.js';
import { scoreParams } from './matching/score.js';

export type {
	MatchCandidate,
	MatchInput,
	MatchingMode,
	MatchWeights,
	PairContext,
	PastMeeting,
	ScoreParams,
} from './matching/score.js';
export { DEFAULT_WEIGHTS, createPairContext, pairKey, pairScore } from './matching/score.js';
export { DENSE_LIMIT } from './matching/roster.js';

export interface MatchGroup {
	/** Member ids, in the order the candidates were given. */
	members: string[];
	/** Interests at least two members hold (for a pair: the interests they share), most widely held first. */
	shared: string[];
	/** Sum of pairScore over every pair of members in the group. */
	score: number;
	/** Whether any two members met within the repeat window. */
	repeat: boolean;
}

export interface MatchResult {
	groups: MatchGroup[];
	/** Candidates who could not be placed (alone in the round, or blocked from every possible group). */
	unmatched: string[];
	totalScore: number;
	/** Number of member pairs, across all groups, who met within the repeat window. */
	repeats: number;
}

export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 6;

/**
 * Target sizes for n members in groups of g: floor(n / g) groups (at least one once n ≥ 2), with the
 * leftovers spread one per group, so pairs with an odd count give exactly one group of three. When there
 * are more leftovers than groups (few members, big groups), one more group is formed instead and the
 * sizes evened out, so no group ever exceeds g + 1 (e.g. 8 members in groups of 6 → 4 + 4).
 */
export function groupSizes(n: number, g: number): number[] {
	if (n < 2) return [];
	let k = Math.max(1, Math.floor(n / g));
	if (n - k * g > k) k++;
	const base = Math.floor(n / k);
	const extra = n % k;
	return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
}

export function matchMembers(input: MatchInput): MatchResult {
	const g = input.groupSize;
	if (!Number.isInteger(g) || g < MIN_GROUP_SIZE || g > MAX_GROUP_SIZE) {
		throw new RangeError(`groupSize must be a whole number from ${MIN_GROUP_SIZE} to ${MAX_GROUP_SIZE}`);
	}
	const ctx = scoreParams(input);
	const roster = new Roster(input, ctx);
	const n = roster.n;
	if (n < 2) return { groups: [], unmatched: roster.ids.slice(), totalScore: 0, repeats: 0 };

	const random = createRandom(ctx.seedHash ^ 0x2f6b1c3d);
	const neighbourhood = Neighbourhood.build(roster, random);
	let grouping: Grouping;
	if (g === 2) {
		const mate = pairUp(roster, neighbourhood);
		improvePairs(roster, neighbourhood, mate, 50 * n + 1000);
		grouping = new Grouping(n);
		const trio = findCleanTrio(roster, neighbourhood, mate);
		if (trio !== null) {
			// The pairs around the trio were re-formed for feasibility only: polish them, trio untouched.
			const pinned = new Uint8Array(n);
			for (const t of trio) pinned[t] = 1;
			improvePairs(roster, neighbourhood, mate, 50 * n + 1000, pinned);
			const group = grouping.open(3);
			for (const t of trio) grouping.add(group, t);
		}
		for (let u = 0; u < n; u++) {
			const v = mate[u]!;
			if (v > u) {
				const pair = grouping.open(2);
				grouping.add(pair, u);
				grouping.add(pair, v);
			}
		}
	} else {
		grouping = seedGroups(roster, neighbourhood, random, groupSizes(n, g));
	}
	placeLeftovers(roster, neighbourhood, grouping, g);
	// Pairs are already locally optimal after the chain search; only a group of three still needs swaps.
	const start = g === 2 ? grouping.groups.filter((m) => m.length !== 2).flat() : undefined;
	improveBySwaps(roster, neighbourhood, grouping, random, 50 * n + 1000, start);
	return summarize(roster, grouping);
}

function summarize(roster: Roster, grouping: Grouping): MatchResult {
	const groups: MatchGroup[] = [];
	const unmatched: number[] = [];
	let totalScore = 0;
	let repeats = 0;
	const ordered = grouping.groups
		.filter((members) => members.length > 0)
		.map((members) => members.slice().sort((a, b) => a - b))
		.sort((a, b) => a[0]! - b[0]!);
	for (const members of ordered) {
		// A group of one is nobody's conversation: report that member as unmatched instead.
		if (members.length < 2) {
			unmatched.push(...members);
			continue;
		}
		let score = 0;
		let repeat = false;
		for (let x = 0; x < members.length; x++)
			for (let y = x + 1; y < members.length; y++) {
				score += roster.score(members[x]!, members[y]!);
				if (roster.isRepeat(members[x]!, members[y]!)) {
					repeat = true;
					repeats++;
				}
			}
		totalScore += score;
		groups.push({ members: members.map((i) => roster.ids[i]!), shared: sharedInterests(roster, members), score, repeat });
	}
	for (let u = 0; u < roster.n; u++) if (grouping.groupOf[u] === -1) unmatched.push(u);
	unmatched.sort((a, b) => a - b);
	return { groups, unmatched: unmatched.map((i) => roster.ids[i]!), totalScore, repeats };
}

function sharedInterests(roster: Roster, members: readonly number[]): string[] {
	const count = new Map<number, number>();
	for (const m of members) {
		for (let x = roster.interestStart[m]!; x < roster.interestStart[m + 1]!; x++) {
			const t = roster.interestIds[x]!;
			count.set(t, (count.get(t) ?? 0) + 1);
		}
	}
	return [...count]
		.filter(([, c]) => c >= 2)
		.map(([t, c]) => [roster.vocabulary[t]!, c] as const)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.map(([t]) => t);
}
