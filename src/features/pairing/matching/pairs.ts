import { augmentMatching } from './augment.js';
import type { Neighbourhood } from './neighbours.js';
import type { Roster } from './roster.js';

/**
 * A pairing for groupSize 2, as mate[u] (−1 when unpaired):
 * 1. greedy maximum-weight matching over the shortlists, best pair first (computed as "suitors");
 * 2. pairs that met recently are split again, and Edmonds' augmenting paths pair as many members as
 *    possible using only fresh pairs, so a repeat is kept only when no repeat-free pairing exists
 *    (exactly so in rounds of up to DENSE_LIMIT members; larger rounds search their shortlists);
 * 3. anyone still unpaired is paired with any allowed partner (repeats allowed, blocks never).
 * improvePairs then raises the total score.
 */
export function pairUp(roster: Roster, neighbourhood: Neighbourhood): Int32Array {
	const n = roster.n;
	const mate = greedyBySuitors(n, neighbourhood);

	for (let u = 0; u < n; u++) {
		const v = mate[u]!;
		if (v > u && roster.isRepeat(u, v)) {
			mate[u] = -1;
			mate[v] = -1;
		}
	}
	const unpaired = (): number[] => {
		const out: number[] = [];
		for (let u = 0; u < n; u++) if (mate[u] === -1) out.push(u);
		return out;
	};
	augmentMatching(mate, neighbourhood, (a, b) => roster.isFresh(a, b), unpaired());
	augmentMatching(mate, neighbourhood, (a, b) => !roster.isBlocked(a, b), unpaired());
	return mate;
}

/** Trios tried (each costs a matching search) before settling for a group of three with a repeat. */
const TRIO_ATTEMPTS = 400;

/**
 * With an odd count one member is left over to make a group of three. If they cannot join any pair
 * without a repeat or a block, look for a clean trio elsewhere: a, b, c who may all meet, such that
 * everyone else can still be paired without repeats. On success mate holds that pairing with a, b and c
 * unpaired, and the trio is returned.
 */
export function findCleanTrio(roster: Roster, neighbourhood: Neighbourhood, mate: Int32Array): [number, number, number] | null {
	const n = roster.n;
	const unpaired: number[] = [];
	for (let u = 0; u < n; u++) if (mate[u] === -1) unpaired.push(u);
	if (unpaired.length !== 1) return null;
	const x = unpaired[0]!;
	for (let y = 0; y < n; y++) {
		const z = mate[y]!;
		if (z > y && roster.isFresh(x, y) && roster.isFresh(x, z)) return null;
	}
	const trial = new Int32Array(n);
	let attempts = 0;
	for (let a = 0; a < n; a++) {
		const partners: number[] = [];
		neighbourhood.forEach(a, (v) => {
			if (v > a && roster.isFresh(a, v)) partners.push(v);
		});
		partners.sort((p, q) => p - q);
		for (let i = 0; i < partners.length; i++)
			for (let j = i + 1; j < partners.length; j++) {
				const b = partners[i]!;
				const c = partners[j]!;
				if (!roster.isFresh(b, c)) continue;
				if (++attempts > TRIO_ATTEMPTS) return null;
				trial.set(mate);
				for (const t of [a, b, c]) {
					const m = trial[t]!;
					if (m !== -1) trial[m] = -1;
					trial[t] = -1;
				}
				const outside = (v: number): boolean => v !== a && v !== b && v !== c;
				const roots: number[] = [];
				for (let u = 0; u < n; u++) if (trial[u] === -1 && outside(u)) roots.push(u);
				augmentMatching(trial, neighbourhood, (u, v) => outside(u) && outside(v) && roster.isFresh(u, v), roots);
				let left = 0;
				for (let u = 0; u < n; u++) if (trial[u] === -1) left++;
				if (left === 3) {
					mate.set(trial);
					return [a, b, c];
				}
			}
	}
	return null;
}

/**
 * The greedy matching (repeatedly take the best remaining pair) without sorting every edge: each member
 * courts its best partner whose current suitor it beats, and a displaced suitor moves down its own
 * list (Manne & Halappanavar's suitor algorithm). Lists are sorted best-first, so each is walked once.
 */
function greedyBySuitors(n: number, neighbourhood: Neighbourhood): Int32Array {
	const suitor = new Int32Array(n).fill(-1);
	const offered = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
	const next = new Int32Array(n);
	// Ties go to the pair with the smaller member indices, the same order the lists use.
	const beats = (s: number, a: number, v: number): boolean => {
		const held = offered[v]!;
		if (s !== held) return s > held;
		const y = suitor[v]!;
		return y === -1 || Math.min(a, v) < Math.min(y, v) || (Math.min(a, v) === Math.min(y, v) && Math.max(a, v) < Math.max(y, v));
	};
	const { start: from, partner, score } = neighbourhood;
	next.set(from.subarray(0, n));
	for (let first = 0; first < n; first++) {
		let u = first;
		while (u !== -1) {
			let target = -1;
			while (next[u]! < from[u + 1]!) {
				const k = next[u]!++;
				const v = partner[k]!;
				if (beats(score[k]!, u, v)) {
					target = v;
					offered[v] = score[k]!;
					break;
				}
			}
			if (target === -1) break;
			const displaced = suitor[target]!;
			suitor[target] = u;
			u = displaced;
		}
	}
	const mate = new Int32Array(n).fill(-1);
	for (let u = 0; u < n; u++) {
		const v = suitor[u]!;
		if (v !== -1 && suitor[v] === u) mate[u] = v;
	}
	return mate;
}

/** How many pairs one exchange may rotate (2 is the classic swap, 3 a three-way rotation). */
const CHAIN_DEPTH = 3;
/**
 * Partners tried at each step of a chain (the first step tries every promising one); small rounds can
 * afford a wider search than large ones.
 */
const CHAIN_BREADTH_SMALL = [Number.POSITIVE_INFINITY, 10, 5];
const CHAIN_BREADTH_LARGE = [Number.POSITIVE_INFINITY, 5, 3];
const MIN_GAIN = 1e-9;

/**
 * Lin–Kernighan-style improvement of a pairing: u leaves partner b for c, c's partner d takes e, …,
 * until the last one left pairs with b. Each step must keep the running gain positive, which prunes
 * the search hard yet still finds every improving rotation of up to CHAIN_DEPTH pairs (some starting
 * member sees only positive running gains). Applies the best rotation found from each member.
 * Returns the number of rotations applied.
 */
export function improvePairs(
	roster: Roster,
	neighbourhood: Neighbourhood,
	mate: Int32Array,
	maxMoves: number,
	/** Members whose current pairing must not change. */
	pinned?: Uint8Array,
): number {
	const n = roster.n;
	const breadthAt = neighbourhood.complete ? CHAIN_BREADTH_SMALL : CHAIN_BREADTH_LARGE;
	const cap = roster.ctx.maxPositive;
	const partnerScore = new Float64Array(n);
	for (let u = 0; u < n; u++) if (mate[u]! !== -1) partnerScore[u] = roster.score(u, mate[u]!);
	// Pinned members simply count as already in every chain.
	const inChain = pinned ? pinned.slice() : new Uint8Array(n);
	const chain = new Int32Array(CHAIN_DEPTH);
	const bestChain = new Int32Array(CHAIN_DEPTH);
	let bestLength = 0;
	let bestGain = MIN_GAIN;
	let b = -1;

	const { start: from, partner, score } = neighbourhood;
	const extend = (x: number, running: number, level: number): void => {
		const breadth = breadthAt[level]!;
		let tried = 0;
		for (let k = from[x]!, end = from[x + 1]!; k < end && tried < breadth; k++) {
			const withC = running + score[k]!;
			// Shortlists are sorted best-first: once joining c stops paying, nobody further down will.
			if (withC <= MIN_GAIN) break;
			const c = partner[k]!;
			const d = mate[c]!;
			if (d === -1 || inChain[c] || inChain[d]) continue;
			tried++;
			const afterD = withC - partnerScore[c]!;
			chain[level] = c;
			// Most closings cannot beat the best so far, and scoreAbove sees that cheaply.
			const closed = afterD + cap > bestGain ? afterD + roster.scoreAbove(d, b, bestGain - afterD) : Number.NEGATIVE_INFINITY;
			if (closed > bestGain) {
				bestGain = closed;
				bestLength = level + 1;
				for (let l = 0; l <= level; l++) bestChain[l] = chain[l]!;
			}
			if (level + 1 < CHAIN_DEPTH) {
				inChain[c] = 1;
				inChain[d] = 1;
				extend(d, afterD, level + 1);
				inChain[c] = 0;
				inChain[d] = 0;
			}
		}
	};

	const queue: number[] = [];
	const queued = new Uint8Array(n);
	for (let u = 0; u < n; u++)
		if (mate[u] !== -1) {
			queue.push(u);
			queued[u] = 1;
		}
	let moves = 0;
	for (let head = 0; head < queue.length && moves < maxMoves; head++) {
		const u = queue[head]!;
		queued[u] = 0;
		b = mate[u]!;
		if (b === -1 || inChain[u] || inChain[b]) continue;
		bestGain = MIN_GAIN;
		bestLength = 0;
		inChain[u] = 1;
		inChain[b] = 1;
		extend(u, -partnerScore[u]!, 0);
		inChain[u] = 0;
		inChain[b] = 0;
		if (bestLength === 0) continue;
		// Rotate: u–c1, d1–c2, …, dk–b.
		const touched = [u, b];
		let x = u;
		for (let level = 0; level < bestLength; level++) {
			const c = bestChain[level]!;
			const d = mate[c]!;
			touched.push(c, d);
			mate[x] = c;
			mate[c] = x;
			x = d;
		}
		mate[x] = b;
		mate[b] = x;
		for (const t of touched) {
			partnerScore[t] = roster.score(t, mate[t]!);
			if (!queued[t]) {
				queued[t] = 1;
				queue.push(t);
			}
		}
		moves++;
	}
	return moves;
}
