import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
	DEFAULT_WEIGHTS,
	DENSE_LIMIT,
	createPairContext,
	groupSizes,
	matchMembers,
	pairScore,
	type MatchCandidate,
	type MatchInput,
	type MatchingMode,
	type MatchResult,
	type PastMeeting,
} from '../../src/features/pairing/matching.js';

type Blossom = (edges: number[][], maxCardinality?: boolean) => number[];
const blossom = createRequire(import.meta.url)('edmonds-blossom') as Blossom;

const FC = { seed: 20240611, numRuns: 100 } as const;

interface RoundShape {
	n: number;
	groupSize: number;
	mode: MatchingMode;
	vocabulary: number;
	historyRounds: number;
	/** Chance that any given pair met in a given past round. */
	historyDensity: number;
	repeatWindow: number;
	/** Chance that any given pair is blocked. */
	blockRate: number;
	seed: number;
}

/** A reproducible round built from a shape (fast-check picks the shape). */
function buildRound(shape: RoundShape): MatchInput {
	const random = createRandom(shape.seed);
	const candidates: MatchCandidate[] = [];
	for (let i = 0; i < shape.n; i++) {
		const interests = new Set<string>();
		const want = 1 + random.int(4);
		for (let k = 0; k < want; k++) interests.add(`topic-${random.int(shape.vocabulary)}`);
		candidates.push({ id: `member-${i}`, interests: [...interests] });
	}
	const history: PastMeeting[] = [];
	const blocks: [string, string][] = [];
	for (let i = 0; i < shape.n; i++)
		for (let j = i + 1; j < shape.n; j++) {
			for (let r = 1; r <= shape.historyRounds; r++) {
				if (random.next() < shape.historyDensity) history.push({ a: `member-${i}`, b: `member-${j}`, round: r });
			}
			if (random.next() < shape.blockRate) blocks.push(random.next() < 0.5 ? [`member-${i}`, `member-${j}`] : [`member-${j}`, `member-${i}`]);
		}
	return {
		candidates,
		groupSize: shape.groupSize,
		mode: shape.mode,
		round: shape.historyRounds + 1,
		history,
		repeatWindow: shape.repeatWindow,
		blocks,
		seed: shape.seed,
	};
}

const shapeArb = (over: Partial<Record<keyof RoundShape, fc.Arbitrary<number | MatchingMode>>> = {}): fc.Arbitrary<RoundShape> =>
	fc.record({
		n: fc.integer({ min: 0, max: 30 }),
		groupSize: fc.integer({ min: 2, max: 6 }),
		mode: fc.constantFrom<MatchingMode>('interests', 'random', 'mixed'),
		vocabulary: fc.integer({ min: 1, max: 12 }),
		historyRounds: fc.integer({ min: 0, max: 8 }),
		historyDensity: fc.double({ min: 0, max: 0.4, noNaN: true }),
		repeatWindow: fc.integer({ min: 0, max: 6 }),
		blockRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
		seed: fc.integer(),
		...over,
	}) as fc.Arbitrary<RoundShape>;

const key = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

function pairsOf(members: readonly string[]): [string, string][] {
	const out: [string, string][] = [];
	for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) out.push([members[x]!, members[y]!]);
	return out;
}

function repeatKeys(input: MatchInput): Set<string> {
	const out = new Set<string>();
	for (const m of input.history) if (input.round - m.round <= input.repeatWindow) out.add(key(m.a, m.b));
	return out;
}

/** Whether the members can be split into groups of the given sizes with no blocked or recent pair together (brute force). */
function cleanSplitExists(ids: readonly string[], sizes: readonly number[], bad: ReadonlySet<string>): boolean {
	const free = new Set(ids);
	const left = sizes.slice();
	const place = (): boolean => {
		const first = [...free][0];
		if (first === undefined) return left.length === 0;
		free.delete(first);
		const others = [...free];
		for (const size of new Set(left)) {
			left.splice(left.indexOf(size), 1);
			const pick = (from: number, group: string[]): boolean => {
				if (group.length === size) {
					const rest = group.slice(1);
					for (const m of rest) free.delete(m);
					const ok = place();
					for (const m of rest) free.add(m);
					return ok;
				}
				for (let i = from; i < others.length; i++) {
					const m = others[i]!;
					if (!free.has(m) || group.some((g) => bad.has(key(g, m)))) continue;
					group.push(m);
					const ok = pick(i + 1, group);
					group.pop();
					if (ok) return true;
				}
				return false;
			};
			const ok = pick(0, [first]);
			left.push(size);
			if (ok) {
				free.add(first);
				return true;
			}
		}
		free.add(first);
		return false;
	};
	return place();
}

/** The exact best repeat-free perfect pairing score (Edmonds' blossom), or null if none exists. */
function blossomOptimum(input: MatchInput): number | null {
	const ctx = createPairContext(input);
	const cs = input.candidates;
	const edges: number[][] = [];
	const recent = repeatKeys(input);
	for (let i = 0; i < cs.length; i++)
		for (let j = i + 1; j < cs.length; j++) {
			const s = pairScore(cs[i]!, cs[j]!, ctx);
			if (Number.isFinite(s) && !recent.has(key(cs[i]!.id, cs[j]!.id))) edges.push([i, j, Math.round(s * 1e6)]);
		}
	if (edges.length === 0) return null;
	const mate = blossom(edges, true);
	let total = 0;
	for (let i = 0; i < cs.length; i++) {
		const j = mate[i] ?? -1;
		if (j < 0) return null;
		if (j > i) total += pairScore(cs[i]!, cs[j]!, ctx);
	}
	return total;
}

function expectPartition(input: MatchInput, result: MatchResult): void {
	const seen = [...result.groups.flatMap((g) => g.members), ...result.unmatched];
	expect(seen.slice().sort()).toEqual(input.candidates.map((c) => c.id).sort());
	for (const group of result.groups) expect(group.members.length).toBeGreaterThanOrEqual(2);
}

function sizesOf(result: MatchResult): number[] {
	return result.groups.map((g) => g.members.length).sort((a, b) => a - b);
}

describe('matchMembers: who ends up where', () => {
	it('places every candidate exactly once, in a group or as unmatched', () => {
		fc.assert(
			fc.property(shapeArb(), (shape) => {
				const input = buildRound(shape);
				expectPartition(input, matchMembers(input));
			}),
			FC,
		);
	});

	it('never puts two members who blocked each other in the same group', () => {
		fc.assert(
			fc.property(shapeArb({ blockRate: fc.double({ min: 0.05, max: 0.6, noNaN: true }) }), (shape) => {
				const input = buildRound(shape);
				const blocked = new Set(input.blocks.map(([a, b]) => key(a, b)));
				for (const group of matchMembers(input).groups) {
					for (const [a, b] of pairsOf(group.members)) expect(blocked.has(key(a, b))).toBe(false);
				}
			}),
			FC,
		);
	});

	it('plans floor(n / size) groups and spreads the leftovers, never above size + 1', () => {
		expect(groupSizes(1, 2)).toEqual([]);
		expect(groupSizes(2, 2)).toEqual([2]);
		expect(groupSizes(7, 2)).toEqual([3, 2, 2]);
		expect(groupSizes(10, 3)).toEqual([4, 3, 3]);
		expect(groupSizes(11, 3)).toEqual([4, 4, 3]);
		expect(groupSizes(5, 6)).toEqual([5]);
		expect(groupSizes(7, 6)).toEqual([7]);
		expect(groupSizes(8, 6)).toEqual([4, 4]);
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 500 }), fc.integer({ min: 2, max: 6 }), (n, g) => {
				const sizes = groupSizes(n, g);
				expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
				for (const s of sizes) expect(s).toBeLessThanOrEqual(g + 1);
				for (const s of sizes) expect(s).toBeGreaterThanOrEqual(Math.min(n, 2));
				if (n >= g * (g + 1)) expect(sizes).toHaveLength(Math.floor(n / g));
			}),
			FC,
		);
	});

	it('forms exactly the planned group sizes when nobody is blocked', () => {
		fc.assert(
			fc.property(shapeArb({ blockRate: fc.constant(0), n: fc.integer({ min: 2, max: 40 }) }), (shape) => {
				const input = buildRound(shape);
				const result = matchMembers(input);
				expect(result.unmatched).toEqual([]);
				expect(sizesOf(result)).toEqual(groupSizes(shape.n, shape.groupSize).sort((a, b) => a - b));
			}),
			FC,
		);
	});

	it('keeps groups between 2 and groupSize + 1 members even when blocks get in the way', () => {
		fc.assert(
			fc.property(shapeArb({ n: fc.integer({ min: 2, max: 40 }), blockRate: fc.double({ min: 0, max: 0.4, noNaN: true }) }), (shape) => {
				const result = matchMembers(buildRound(shape));
				for (const group of result.groups) {
					expect(group.members.length).toBeGreaterThanOrEqual(2);
					expect(group.members.length).toBeLessThanOrEqual(shape.groupSize + 1);
				}
			}),
			FC,
		);
	});

	it('pairs an odd count with exactly one group of three', () => {
		fc.assert(
			fc.property(
				shapeArb({ groupSize: fc.constant(2), blockRate: fc.constant(0), n: fc.integer({ min: 1, max: 30 }).map((k) => 2 * k + 1) }),
				(shape) => {
					const result = matchMembers(buildRound(shape));
					const sizes = sizesOf(result);
					expect(sizes.filter((s) => s === 3)).toHaveLength(1);
					expect(sizes.filter((s) => s === 2)).toHaveLength((shape.n - 3) / 2);
					expect(result.unmatched).toEqual([]);
				},
			),
			FC,
		);
	});

	it('leaves someone unmatched only when there is nobody they may meet', () => {
		const input = buildRound({ n: 7, groupSize: 2, mode: 'interests', vocabulary: 4, historyRounds: 0, historyDensity: 0, repeatWindow: 3, blockRate: 0, seed: 5 });
		const loner = input.candidates[3]!.id;
		const blocks = input.candidates.filter((c) => c.id !== loner).map((c) => [loner, c.id] as const);
		const result = matchMembers({ ...input, blocks });
		expect(result.unmatched).toEqual([loner]);
		expect(sizesOf(result)).toEqual([2, 2, 2]);

		expect(matchMembers({ ...input, candidates: input.candidates.slice(0, 1) }).unmatched).toEqual([input.candidates[0]!.id]);
		expect(matchMembers({ ...input, candidates: [] })).toEqual({ groups: [], unmatched: [], totalScore: 0, repeats: 0 });
	});

	it('finds a partner for everyone when blocks leave some members a single option', () => {
		// a may only sit with b, and c only with d; greedy choices elsewhere must not take those seats.
		const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
		const candidates = ids.map((id) => ({ id, interests: [] }));
		const blocks: [string, string][] = [];
		for (const other of ['c', 'd', 'e', 'f']) blocks.push(['a', other]);
		for (const other of ['a', 'b', 'e', 'f']) blocks.push(['c', other]);
		const result = matchMembers({ candidates, groupSize: 2, mode: 'random', round: 1, history: [], repeatWindow: 2, blocks, seed: 1 });
		expect(result.unmatched).toEqual([]);
		expect(result.groups.map((g) => g.members)).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f'],
		]);
	});
});

describe('matchMembers: large rounds (shortlist search above DENSE_LIMIT members)', () => {
	/** A big round: 1,201 members, 6 past rounds of random pairs, a few dozen blocks. */
	function bigRound(groupSize: number, seed: string): MatchInput {
		const n = DENSE_LIMIT + 401;
		const random = createRandom(seed);
		const candidates = Array.from({ length: n }, (_, i) => ({
			id: `member-${i}`,
			interests: Array.from({ length: 3 + random.int(5) }, () => `topic-${Math.floor(40 * random.next() ** 2)}`),
		}));
		const history: PastMeeting[] = [];
		for (let r = 1; r <= 6; r++) {
			const order = random.shuffle(candidates);
			for (let x = 0; x + 1 < n; x += 2) history.push({ a: order[x]!.id, b: order[x + 1]!.id, round: r });
		}
		const blocks = Array.from({ length: 40 }, () => [candidates[random.int(n)]!.id, candidates[random.int(n)]!.id] as const);
		return { candidates, groupSize, mode: 'interests', round: 7, history, repeatWindow: 4, blocks, seed };
	}

	it.each([2, 3, 5])('places everyone once, apart from blocks and repeats, in groups of %i', (groupSize) => {
		const input = bigRound(groupSize, `big-${groupSize}`);
		const result = matchMembers(input);
		expectPartition(input, result);
		expect(result.unmatched).toEqual([]);
		expect(result.repeats).toBe(0);
		expect(sizesOf(result)).toEqual(groupSizes(input.candidates.length, groupSize).sort((a, b) => a - b));
		const blocked = new Set(input.blocks.map(([a, b]) => key(a, b)));
		for (const group of result.groups) for (const [a, b] of pairsOf(group.members)) expect(blocked.has(key(a, b))).toBe(false);
		expect(matchMembers(structuredClone(input))).toEqual(result);
	});

	it('prefers shared interests over a random pairing of the same round', () => {
		const input = bigRound(2, 'big-pref');
		const byInterest = matchMembers(input);
		const atRandom = matchMembers({ ...input, mode: 'random' });
		const sharedCount = (r: MatchResult): number => r.groups.reduce((sum, g) => sum + g.shared.length, 0);
		expect(sharedCount(byInterest)).toBeGreaterThan(1.5 * sharedCount(atRandom));
	});
});

describe('matchMembers: avoiding repeats', () => {
	it('has no repeat in a pairing whenever a repeat-free one exists (brute force, even and odd counts)', () => {
		let checked = 0;
		fc.assert(
			fc.property(
				shapeArb({
					n: fc.integer({ min: 2, max: 11 }),
					groupSize: fc.constant(2),
					historyRounds: fc.integer({ min: 1, max: 6 }),
					historyDensity: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
					repeatWindow: fc.integer({ min: 1, max: 6 }),
					blockRate: fc.double({ min: 0, max: 0.15, noNaN: true }),
				}),
				(shape) => {
					const input = buildRound(shape);
					const bad = repeatKeys(input);
					const blocked = input.blocks.map(([a, b]) => key(a, b));
					const ids = input.candidates.map((c) => c.id);
					if (!cleanSplitExists(ids, groupSizes(shape.n, 2), new Set([...bad, ...blocked]))) return;
					checked++;
					const result = matchMembers(input);
					expect(result.repeats).toBe(0);
					expect(result.unmatched).toEqual([]);
					for (const group of result.groups) {
						expect(group.repeat).toBe(false);
						for (const [a, b] of pairsOf(group.members)) expect(bad.has(key(a, b))).toBe(false);
					}
				},
			),
			{ ...FC, numRuns: 300 },
		);
		// The property must actually have been exercised, not skipped.
		expect(checked).toBeGreaterThan(50);
	});

	it('has no repeat in a 60-member round where only narrow cycles of new partners are left', () => {
		// Everyone met everyone last round except the neighbours on a few even cycles: a repeat-free
		// pairing exists (every other edge of each cycle) but greedy choices easily miss it.
		const n = 60;
		const random = createRandom('cycles');
		const order = random.shuffle(Array.from({ length: n }, (_, i) => `member-${i}`));
		const freshPairs = new Set<string>();
		let at = 0;
		for (const length of [4, 6, 8, 10, 12, 20]) {
			const cycle = order.slice(at, at + length);
			at += length;
			cycle.forEach((m, i) => freshPairs.add(key(m, cycle[(i + 1) % length]!)));
		}
		const candidates = order.map((id) => ({ id, interests: [`topic-${random.int(3)}`, `topic-${3 + random.int(3)}`] }));
		const history: PastMeeting[] = [];
		for (let i = 0; i < n; i++)
			for (let j = i + 1; j < n; j++) {
				const a = order[i]!;
				const b = order[j]!;
				if (!freshPairs.has(key(a, b))) history.push({ a, b, round: 9 - random.int(4) });
			}
		for (const seed of [1, 2, 3, 'four']) {
			const result = matchMembers({ candidates, groupSize: 2, mode: 'interests', round: 10, history, repeatWindow: 4, blocks: [], seed });
			expect(result.repeats).toBe(0);
			expect(result.unmatched).toEqual([]);
			for (const g of result.groups) expect(freshPairs.has(key(g.members[0]!, g.members[1]!))).toBe(true);
		}
	});

	it('pairs someone with a recent partner only when there is no other way, and says so', () => {
		const candidates = ['a', 'b', 'c', 'd'].map((id) => ({ id, interests: ['games'] }));
		const history: PastMeeting[] = pairsOf(['a', 'b', 'c', 'd']).map(([a, b]) => ({ a, b, round: 4 }));
		const result = matchMembers({ candidates, groupSize: 2, mode: 'interests', round: 5, history, repeatWindow: 2, blocks: [], seed: 9 });
		expect(result.unmatched).toEqual([]);
		expect(result.repeats).toBe(2);
		expect(result.groups.every((g) => g.repeat)).toBe(true);
	});

	it('prefers the partner met longest ago when every option is a repeat', () => {
		const candidates = ['a', 'b', 'c', 'd'].map((id) => ({ id, interests: [] }));
		const history: PastMeeting[] = [
			{ a: 'a', b: 'b', round: 9 },
			{ a: 'c', b: 'd', round: 9 },
			{ a: 'a', b: 'c', round: 9 },
			{ a: 'b', b: 'd', round: 9 },
			{ a: 'a', b: 'd', round: 6 },
			{ a: 'b', b: 'c', round: 6 },
		];
		const result = matchMembers({ candidates, groupSize: 2, mode: 'random', round: 10, history, repeatWindow: 5, blocks: [], seed: 3 });
		expect(result.groups.map((g) => g.members)).toEqual([
			['a', 'd'],
			['b', 'c'],
		]);
	});

	it('keeps groups of three and more free of repeats when that is easy', () => {
		fc.assert(
			fc.property(
				shapeArb({
					n: fc.integer({ min: 12, max: 40 }),
					groupSize: fc.integer({ min: 3, max: 6 }),
					historyRounds: fc.integer({ min: 0, max: 3 }),
					historyDensity: fc.double({ min: 0, max: 0.03, noNaN: true }),
					blockRate: fc.constant(0),
				}),
				(shape) => {
					const result = matchMembers(buildRound(shape));
					expect(result.repeats).toBe(0);
				},
			),
			FC,
		);
	});
});

describe('matchMembers: preferences and determinism', () => {
	it('pairs people who share interests', () => {
		const candidates = [
			{ id: 'ana', interests: ['chess', 'tea'] },
			{ id: 'ben', interests: ['knitting'] },
			{ id: 'cai', interests: ['chess', 'tea'] },
			{ id: 'dee', interests: ['knitting', 'birds'] },
		];
		for (const seed of [1, 2, 3, 4, 5]) {
			const result = matchMembers({ candidates, groupSize: 2, mode: 'interests', round: 1, history: [], repeatWindow: 4, blocks: [], seed });
			expect(result.groups.map((g) => g.members)).toEqual([
				['ana', 'cai'],
				['ben', 'dee'],
			]);
			expect(result.groups[0]!.shared).toEqual(['chess', 'tea']);
			expect(result.groups[1]!.shared).toEqual(['knitting']);
		}
	});

	it('finds every pair of interest twins among many members, for any seed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 40 }), fc.integer(), (twins, seed) => {
				const candidates: MatchCandidate[] = [];
				for (let t = 0; t < twins; t++) {
					const interests = [`hobby-${t}-a`, `hobby-${t}-b`];
					candidates.push({ id: `twin-${t}-1`, interests }, { id: `twin-${t}-2`, interests });
				}
				const shuffled = createRandom(seed).shuffle(candidates);
				const result = matchMembers({ candidates: shuffled, groupSize: 2, mode: 'interests', round: 1, history: [], repeatWindow: 2, blocks: [], seed });
				for (const g of result.groups) expect(g.members[0]!.slice(0, -2)).toBe(g.members[1]!.slice(0, -2));
			}),
			{ ...FC, numRuns: 50 },
		);
	});

	it('forms groups of three from the members who share a hobby', () => {
		const hobbies = ['pottery', 'running', 'poetry', 'cooking'];
		// Two interests shared inside a hobby, at most one (an "extra") across hobbies.
		const candidates = hobbies.flatMap((h, i) =>
			[0, 1, 2].map((k) => ({ id: `${h}-${k}`, interests: [h, `${h} club`, `extra ${(i + k) % 3}`] })),
		);
		const shuffled = createRandom('groups').shuffle(candidates);
		const result = matchMembers({ candidates: shuffled, groupSize: 3, mode: 'interests', round: 1, history: [], repeatWindow: 2, blocks: [], seed: 'g' });
		const byHobby = result.groups.map((g) => new Set(g.members.map((m) => m.split('-')[0])).size);
		expect(byHobby).toEqual([1, 1, 1, 1]);
	});

	it('gives the same groups for the same input and seed', () => {
		fc.assert(
			fc.property(shapeArb(), (shape) => {
				const input = buildRound(shape);
				expect(matchMembers(input)).toEqual(matchMembers(structuredClone(input)));
			}),
			FC,
		);
	});

	it('can give different groups for a different seed', () => {
		const input = buildRound({ n: 30, groupSize: 2, mode: 'random', vocabulary: 5, historyRounds: 2, historyDensity: 0.05, repeatWindow: 2, blockRate: 0, seed: 77 });
		const signature = (seed: number): string => JSON.stringify(matchMembers({ ...input, seed }).groups.map((g) => g.members));
		const distinct = new Set([1, 2, 3, 4, 5].map(signature));
		expect(distinct.size).toBeGreaterThan(1);
	});

	it('rejects a group size outside 2..6 and a duplicated candidate', () => {
		const input = buildRound({ n: 6, groupSize: 2, mode: 'random', vocabulary: 3, historyRounds: 0, historyDensity: 0, repeatWindow: 1, blockRate: 0, seed: 1 });
		expect(() => matchMembers({ ...input, groupSize: 7 })).toThrow(RangeError);
		expect(() => matchMembers({ ...input, groupSize: 1 })).toThrow(RangeError);
		expect(() => matchMembers({ ...input, groupSize: 2.5 })).toThrow(RangeError);
		expect(() => matchMembers({ ...input, candidates: [...input.candidates, input.candidates[0]!] })).toThrow(RangeError);
	});
});

describe('matchMembers: score quality', () => {
	it('reports group scores that add up to the pair scores and the total', () => {
		fc.assert(
			fc.property(shapeArb({ n: fc.integer({ min: 2, max: 30 }) }), (shape) => {
				const input = buildRound(shape);
				const ctx = createPairContext(input);
				const byId = new Map(input.candidates.map((c) => [c.id, c]));
				const result = matchMembers(input);
				let total = 0;
				for (const g of result.groups) {
					const expected = pairsOf(g.members).reduce((sum, [a, b]) => sum + pairScore(byId.get(a)!, byId.get(b)!, ctx), 0);
					expect(g.score).toBeCloseTo(expected, 9);
					total += g.score;
				}
				expect(result.totalScore).toBeCloseTo(total, 9);
			}),
			FC,
		);
	});

	it('scores within 3% of the exact optimum (Edmonds blossom) on random pairings', () => {
		let compared = 0;
		let worst = 1;
		fc.assert(
			fc.property(
				shapeArb({
					n: fc.integer({ min: 2, max: 40 }).map((k) => 2 * k),
					groupSize: fc.constant(2),
					mode: fc.constantFrom<MatchingMode>('interests', 'mixed', 'random'),
					blockRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
				}),
				(shape) => {
					const input = buildRound(shape);
					const optimum = blossomOptimum(input);
					if (optimum === null || optimum <= 0) return;
					compared++;
					const result = matchMembers(input);
					expect(result.unmatched).toEqual([]);
					expect(result.repeats).toBe(0);
					const ratio = result.totalScore / optimum;
					worst = Math.min(worst, ratio);
					expect(ratio).toBeGreaterThanOrEqual(0.97);
					expect(ratio).toBeLessThanOrEqual(1 + 1e-6);
				},
			),
			FC,
		);
		expect(compared).toBeGreaterThan(60);
		expect(worst).toBeGreaterThanOrEqual(0.97);
	});
});

describe('pairScore', () => {
	const base: MatchInput = {
		candidates: [
			{ id: 'a', interests: ['chess', 'tea', 'birds', 'jazz', 'maps'] },
			{ id: 'b', interests: ['tea', 'chess', 'birds', 'jazz', 'maps'] },
			{ id: 'c', interests: ['knitting'] },
		],
		groupSize: 2,
		mode: 'interests',
		round: 10,
		history: [{ a: 'a', b: 'c', round: 9 }],
		repeatWindow: 3,
		blocks: [['b', 'c']],
		seed: 'score',
	};
	const [a, b, c] = base.candidates as [MatchCandidate, MatchCandidate, MatchCandidate];

	it('is the same in both directions, never allows a block, and punishes a recent meeting', () => {
		const ctx = createPairContext(base);
		expect(pairScore(a, b, ctx)).toBe(pairScore(b, a, ctx));
		expect(pairScore(b, c, ctx)).toBe(Number.NEGATIVE_INFINITY);
		expect(pairScore(c, b, ctx)).toBe(Number.NEGATIVE_INFINITY);
		expect(pairScore(a, c, ctx)).toBeLessThan(-ctx.repeatUnit);
	});

	it('counts shared interests up to the cap, halves them in mixed mode and ignores them in random mode', () => {
		const interests = pairScore(a, b, createPairContext(base));
		const mixed = pairScore(a, b, createPairContext({ ...base, mode: 'mixed' }));
		const random = pairScore(a, b, createPairContext({ ...base, mode: 'random' }));
		const cap = DEFAULT_WEIGHTS.sharedCap * DEFAULT_WEIGHTS.sharedInterest;
		expect(interests - random).toBeCloseTo(cap, 9);
		expect(mixed - random).toBeCloseTo(cap / 2, 9);
		// Never met: the bonus plus a noise term below the serendipity weight.
		expect(random - DEFAULT_WEIGHTS.neverMet).toBeGreaterThanOrEqual(0);
		expect(random - DEFAULT_WEIGHTS.neverMet).toBeLessThan(DEFAULT_WEIGHTS.serendipity);
	});

	it('weighs a meeting last round more heavily than one at the edge of the window, and none outside it', () => {
		const ctxAt = (round: number) => createPairContext({ ...base, blocks: [], history: [{ a: 'b', b: 'c', round }] });
		const lastRound = pairScore(b, c, ctxAt(9));
		const edge = pairScore(b, c, ctxAt(7));
		const outside = pairScore(b, c, ctxAt(6));
		expect(lastRound).toBeLessThan(edge);
		expect(edge).toBeLessThan(0);
		expect(outside).toBeGreaterThanOrEqual(0);
		// Met before, outside the window: no penalty, but no never-met bonus either.
		expect(outside).toBeLessThan(DEFAULT_WEIGHTS.neverMet);
	});

	it('makes one repeat cost more than the best possible round gains', () => {
		const ctx = createPairContext(base);
		const best = DEFAULT_WEIGHTS.sharedCap + DEFAULT_WEIGHTS.neverMet + DEFAULT_WEIGHTS.serendipity;
		expect(ctx.repeatUnit).toBeGreaterThan(best * (base.candidates.length * base.groupSize) / 2);
	});

	it('changes its noise with the seed but keeps it under the serendipity weight', () => {
		const values = [1, 2, 3, 4, 5, 6].map((seed) => pairScore(a, c, createPairContext({ ...base, history: [], seed, mode: 'random' })));
		expect(new Set(values).size).toBeGreaterThan(1);
		for (const v of values) expect(v - DEFAULT_WEIGHTS.neverMet).toBeLessThan(DEFAULT_WEIGHTS.serendipity);
	});
});
