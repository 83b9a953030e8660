import { seedFrom } from '../../../core/random.js';
import type { MatchInput, ScoreParams } from './score.js';
import { combineScore as importedCombine, isRecent as importedIsRecent, pairNoise as importedNoise } from './score.js';

// Plain local bindings: under tsx every call through an imported binding costs a getter call, which shows in hot loops.
const combineScore = importedCombine;
const isRecent = importedIsRecent;
const pairNoise = importedNoise;

/** Rounds of at most this many members get a full score table and consider every possible partner. */
export const DENSE_LIMIT = 800;

/** Interest sets are kept as bitsets when the vocabulary needs at most this many 32-bit words. */
const BITSET_WORDS = 16;

/**
 * The round's candidates by index, with interned interests, history and blocks in flat arrays, so a pair
 * score is a few word ANDs and a short scan instead of string sets. Gives exactly pairScore's values.
 */
export class Roster {
	readonly n: number;
	readonly ids: readonly string[];
	readonly vocabulary: readonly string[];
	/** Member i's interned interests, ascending: interestIds[interestStart[i] .. interestStart[i + 1]). */
	readonly interestStart: Int32Array;
	readonly interestIds: Int32Array;
	/** Members holding interest t: holderIds[holderStart[t] .. holderStart[t + 1]). */
	readonly holderStart: Int32Array;
	readonly holderIds: Int32Array;
	/** Number of members each member may never be grouped with. */
	readonly blockCount: Int32Array;
	private readonly idHash: Uint32Array;
	private readonly words: number;
	private readonly bits: Uint32Array;
	/** Past partners of member i are metWith[metStart[i] .. metStart[i + 1]), latest round in metRound. */
	private readonly metStart: Int32Array;
	private readonly metWith: Int32Array;
	private readonly metRound: Float64Array;
	private readonly blocked = new Set<number>();
	private readonly table: Float64Array | null;
	/** The most the never-met bonus and the noise can add to a pair. */
	private readonly bonusCeiling: number;
	private readonly interestWeight: number;
	private readonly sharedCap: number;
	/** Whether every pair score is precomputed (small rounds). */
	readonly dense: boolean;

	constructor(
		input: MatchInput,
		readonly ctx: ScoreParams,
	) {
		const candidates = input.candidates;
		const n = candidates.length;
		this.n = n;
		this.ids = candidates.map((c) => c.id);
		const index = new Map<string, number>();
		this.ids.forEach((id, i) => {
			if (index.has(id)) throw new RangeError(`candidate ${id} appears more than once`);
			index.set(id, i);
		});

		const vocabIndex = new Map<string, number>();
		const vocabulary: string[] = [];
		const holderCount: number[] = [];
		const lastHolder: number[] = [];
		const flat: number[] = [];
		this.interestStart = new Int32Array(n + 1);
		for (let i = 0; i < n; i++) {
			const from = flat.length;
			for (const t of candidates[i]!.interests) {
				let v = vocabIndex.get(t);
				if (v === undefined) {
					v = vocabulary.length;
					vocabIndex.set(t, v);
					vocabulary.push(t);
					holderCount.push(0);
					lastHolder.push(-1);
				}
				// Duplicate interests in one member's list count once.
				if (lastHolder[v] !== i) {
					lastHolder[v] = i;
					flat.push(v);
					holderCount[v]!++;
				}
			}
			this.interestStart[i + 1] = flat.length;
			if (flat.length - from > 1) {
				const mine = flat.slice(from).sort((a, b) => a - b);
				for (let x = 0; x < mine.length; x++) flat[from + x] = mine[x]!;
			}
		}
		this.interestIds = Int32Array.from(flat);
		this.vocabulary = vocabulary;
		const vocab = vocabulary.length;
		this.holderStart = new Int32Array(vocab + 1);
		for (let t = 0; t < vocab; t++) this.holderStart[t + 1] = this.holderStart[t]! + holderCount[t]!;
		this.holderIds = new Int32Array(this.holderStart[vocab]!);
		const fillHolder = this.holderStart.slice(0, vocab);
		for (let i = 0; i < n; i++)
			for (let x = this.interestStart[i]!; x < this.interestStart[i + 1]!; x++) {
				const t = this.interestIds[x]!;
				this.holderIds[fillHolder[t]!++] = i;
			}
		this.idHash = Uint32Array.from(this.ids, (id) => seedFrom(id));
		const words = Math.ceil(vocab / 32);
		this.words = words <= BITSET_WORDS ? words : 0;
		this.bits = new Uint32Array(n * this.words);
		if (this.words > 0) {
			for (let i = 0; i < n; i++)
				for (let x = this.interestStart[i]!; x < this.interestStart[i + 1]!; x++) {
					const t = this.interestIds[x]!;
					this.bits[i * this.words + (t >>> 5)]! |= 1 << (t & 31);
				}
		}

		// Latest meeting per pair, then grouped per member (both directions) for a short linear scan.
		const latest = new Map<number, number>();
		for (const m of input.history) {
			const i = index.get(m.a);
			const j = index.get(m.b);
			if (i === undefined || j === undefined || i === j) continue;
			const key = this.key(i, j);
			const prev = latest.get(key);
			if (prev === undefined || m.round > prev) latest.set(key, m.round);
		}
		const degree = new Int32Array(n + 1);
		for (const key of latest.keys()) {
			degree[Math.floor(key / n)]!++;
			degree[key % n]!++;
		}
		this.metStart = new Int32Array(n + 1);
		for (let i = 0; i < n; i++) this.metStart[i + 1] = this.metStart[i]! + degree[i]!;
		this.metWith = new Int32Array(this.metStart[n]!);
		this.metRound = new Float64Array(this.metStart[n]!);
		const fill = this.metStart.slice(0, n);
		for (const [key, round] of latest) {
			const i = Math.floor(key / n);
			const j = key % n;
			this.metWith[fill[i]!] = j;
			this.metRound[fill[i]!++] = round;
			this.metWith[fill[j]!] = i;
			this.metRound[fill[j]!++] = round;
		}

		this.blockCount = new Int32Array(n);
		for (const [a, b] of input.blocks) {
			const i = index.get(a);
			const j = index.get(b);
			if (i === undefined || j === undefined || i === j) continue;
			const key = this.key(i, j);
			if (this.blocked.has(key)) continue;
			this.blocked.add(key);
			this.blockCount[i]!++;
			this.blockCount[j]!++;
		}

		this.bonusCeiling = Math.max(0, ctx.weights.neverMet) + Math.max(0, ctx.weights.serendipity);
		this.interestWeight = ctx.interestWeight;
		this.sharedCap = ctx.weights.sharedCap;
		this.dense = n <= DENSE_LIMIT;
		this.table = this.dense ? this.fillTable() : null;
	}


	key(i: number, j: number): number {
		return i < j ? i * this.n + j : j * this.n + i;
	}

	isBlocked(i: number, j: number): boolean {
		if (i === j) return true;
		return this.blockCount[i] !== 0 && this.blockCount[j] !== 0 && this.blocked.has(this.key(i, j));
	}

	/** The latest round i and j met, or undefined if never. */
	lastMet(i: number, j: number): number | undefined {
		// Scan whichever member has the shorter history.
		let a = i;
		let b = j;
		if (this.metStart[i + 1]! - this.metStart[i]! > this.metStart[j + 1]! - this.metStart[j]!) {
			a = j;
			b = i;
		}
		const end = this.metStart[a + 1]!;
		for (let x = this.metStart[a]!; x < end; x++) if (this.metWith[x] === b) return this.metRound[x];
		return undefined;
	}

	isRepeat(i: number, j: number): boolean {
		return isRecent(this.lastMet(i, j), this.ctx);
	}

	/** Allowed together and not a repeat. */
	isFresh(i: number, j: number): boolean {
		return !this.isBlocked(i, j) && !this.isRepeat(i, j);
	}

	sharedCount(i: number, j: number): number {
		const w = this.words;
		if (w > 0) {
			let shared = 0;
			const bits = this.bits;
			for (let x = 0, p = i * w, q = j * w; x < w; x++) {
				const both = bits[p + x]! & bits[q + x]!;
				if (both !== 0) shared += popcount(both);
			}
			return shared;
		}
		const ids = this.interestIds;
		let x = this.interestStart[i]!;
		let y = this.interestStart[j]!;
		const xEnd = this.interestStart[i + 1]!;
		const yEnd = this.interestStart[j + 1]!;
		let shared = 0;
		while (x < xEnd && y < yEnd) {
			const p = ids[x]!;
			const q = ids[y]!;
			if (p === q) {
				shared++;
				x++;
				y++;
			} else if (p < q) x++;
			else y++;
		}
		return shared;
	}

	/**
	 * score(i, j) when it is above `floor`, else −Infinity. Shared interests alone often show a pair
	 * cannot clear the bar, which skips the history scan and the noise.
	 */
	scoreAbove(i: number, j: number, floor: number): number {
		if (this.table !== null) {
			const s = this.table[i * this.n + j]!;
			return s > floor ? s : Number.NEGATIVE_INFINITY;
		}
		const shared = this.sharedCount(i, j);
		if (this.interestWeight * (shared < this.sharedCap ? shared : this.sharedCap) + this.bonusCeiling <= floor) {
			return Number.NEGATIVE_INFINITY;
		}
		if (this.isBlocked(i, j)) return Number.NEGATIVE_INFINITY;
		const noise = pairNoise(this.idHash[i]!, this.idHash[j]!, this.ctx.seedHash);
		const s = combineScore(shared, this.lastMet(i, j), noise, this.ctx);
		return s > floor ? s : Number.NEGATIVE_INFINITY;
	}

	score(i: number, j: number): number {
		if (this.table !== null) return this.table[i * this.n + j]!;
		return this.compute(i, j);
	}

	private compute(i: number, j: number): number {
		if (this.isBlocked(i, j)) return Number.NEGATIVE_INFINITY;
		const noise = pairNoise(this.idHash[i]!, this.idHash[j]!, this.ctx.seedHash);
		return combineScore(this.sharedCount(i, j), this.lastMet(i, j), noise, this.ctx);
	}

	private fillTable(): Float64Array {
		const n = this.n;
		const t = new Float64Array(n * n);
		for (let i = 0; i < n; i++) {
			t[i * n + i] = Number.NEGATIVE_INFINITY;
			for (let j = i + 1; j < n; j++) {
				const s = this.compute(i, j);
				t[i * n + j] = s;
				t[j * n + i] = s;
			}
		}
		return t;
	}
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
