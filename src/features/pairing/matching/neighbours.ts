import type { Random } from '../../../core/random.js';
import type { Roster } from './roster.js';

/** How many promising partners each member keeps in a large round. */
const TOP_K = 10;
/** Members sampled from each of a member's interests when looking for partners. */
const SAMPLE_PER_INTEREST = 6;
/** Partners drawn from the whole round, so people with rare interests still get good options. */
const RANDOM_PICKS = 4;
/** In a small round everyone is a neighbour, but the chain search only walks each member's best this many. */
const DENSE_SHORTLIST = 64;

/**
 * Who each member could plausibly be grouped with. Small rounds consider everyone (and shortlist each
 * member's best partners); large rounds keep the best few found through shared interests plus a few
 * random people, made symmetric. Shortlists are sorted best partner first, with their scores alongside,
 * stored flat: u's entries are partner[start[u] .. start[u + 1]).
 */
export class Neighbourhood {
	private constructor(
		private readonly n: number,
		readonly start: Int32Array,
		readonly partner: Int32Array,
		/** score[x] = score(u, partner[x]) for u's entries x. */
		readonly score: Float64Array,
		/** Everyone is everyone's neighbour (the shortlists are then only the most promising part). */
		readonly complete: boolean,
	) {}

	static build(roster: Roster, random: Random): Neighbourhood {
		const n = roster.n;
		if (roster.dense) {
			const keep = Math.min(DENSE_SHORTLIST, Math.max(1, n - 1));
			const [count, partner, score] = bestOffers(n, keep, (u, offer) => {
				for (let v = 0; v < n; v++) if (v !== u) offer(v, roster.score(u, v));
			});
			const [start, p, s] = compact(n, keep, count, partner, score);
			return new Neighbourhood(n, start, p, s, true);
		}
		const [count, partner, score] = topPartners(roster, random);
		const [start, p, s] = symmetric(n, TOP_K, count, partner, score);
		for (let u = 0; u < n; u++) sortBest(p, s, start[u]!, start[u + 1]!);
		return new Neighbourhood(n, start, p, s, false);
	}

	/** Calls fn for each neighbour of u (every other member in a small round). */
	forEach(u: number, fn: (v: number) => void): void {
		if (this.complete) {
			for (let v = 0; v < this.n; v++) if (v !== u) fn(v);
			return;
		}
		for (let x = this.start[u]!, end = this.start[u + 1]!; x < end; x++) fn(this.partner[x]!);
	}
}

type Offer = (v: number, s: number) => void;

/**
 * For each u, keeps the best `keep` partners offered by visit(u, offer), sorted best-first, in slots
 * u * keep … of flat arrays. Blocked pairs (−Infinity) are never kept.
 */
function bestOffers(
	n: number,
	keep: number,
	visit: (u: number, offer: Offer, floor: () => number) => void,
): [Int32Array, Int32Array, Float64Array] {
	const count = new Int32Array(n);
	const partner = new Int32Array(n * keep);
	const score = new Float64Array(n * keep);
	let base = 0;
	let kept = 0;
	const offer: Offer = (v, s) => {
		if (s === Number.NEGATIVE_INFINITY) return;
		if (kept === keep && s <= score[base + keep - 1]!) return;
		let pos = kept < keep ? kept++ : keep - 1;
		while (pos > 0 && score[base + pos - 1]! < s) {
			score[base + pos] = score[base + pos - 1]!;
			partner[base + pos] = partner[base + pos - 1]!;
			pos--;
		}
		score[base + pos] = s;
		partner[base + pos] = v;
	};
	const floor = (): number => (kept === keep ? score[base + keep - 1]! : Number.NEGATIVE_INFINITY);
	for (let u = 0; u < n; u++) {
		base = u * keep;
		kept = 0;
		visit(u, offer, floor);
		count[u] = kept;
	}
	return [count, partner, score];
}

/** Best partners found by sampling members who share an interest, plus a few random members. */
function topPartners(roster: Roster, random: Random): [Int32Array, Int32Array, Float64Array] {
	const n = roster.n;
	const seen = new Int32Array(n).fill(-1);
	const sampleInterests = roster.ctx.interestWeight > 0;
	const randomPicks = sampleInterests ? RANDOM_PICKS : RANDOM_PICKS + TOP_K;
	const { interestStart, interestIds, holderStart, holderIds } = roster;
	let u = -1;
	let offer: Offer = () => {};
	let floor = (): number => Number.NEGATIVE_INFINITY;
	const consider = (v: number): void => {
		if (v === u || seen[v] === u) return;
		seen[v] = u;
		// Once the list is full, most candidates lose on shared interests alone.
		offer(v, roster.scoreAbove(u, v, floor()));
	};
	return bestOffers(n, TOP_K, (member, offerTo, floorOf) => {
		u = member;
		offer = offerTo;
		floor = floorOf;
		if (sampleInterests) {
			for (let x = interestStart[u]!; x < interestStart[u + 1]!; x++) {
				const t = interestIds[x]!;
				const from = holderStart[t]!;
				const size = holderStart[t + 1]! - from;
				if (size <= SAMPLE_PER_INTEREST + 1) {
					for (let y = 0; y < size; y++) consider(holderIds[from + y]!);
				} else {
					for (let k = 0; k < SAMPLE_PER_INTEREST; k++) consider(holderIds[from + random.int(size)]!);
				}
			}
		}
		for (let k = 0; k < randomPicks; k++) consider(random.int(n));
	});
}

/** Slot layout (u * keep, count[u] used) to flat start/partner/score arrays. */
function compact(
	n: number,
	keep: number,
	count: Int32Array,
	partner: Int32Array,
	score: Float64Array,
): [Int32Array, Int32Array, Float64Array] {
	const start = new Int32Array(n + 1);
	for (let u = 0; u < n; u++) start[u + 1] = start[u]! + count[u]!;
	const p = new Int32Array(start[n]!);
	const s = new Float64Array(start[n]!);
	for (let u = 0; u < n; u++) {
		p.set(partner.subarray(u * keep, u * keep + count[u]!), start[u]!);
		s.set(score.subarray(u * keep, u * keep + count[u]!), start[u]!);
	}
	return [start, p, s];
}

/** Makes the relation two-way (v is u's neighbour whenever u listed v or v listed u), without duplicates. */
function symmetric(
	n: number,
	keep: number,
	count: Int32Array,
	partner: Int32Array,
	score: Float64Array,
): [Int32Array, Int32Array, Float64Array] {
	const degree = new Int32Array(n + 1);
	for (let u = 0; u < n; u++)
		for (let x = u * keep; x < u * keep + count[u]!; x++) {
			degree[u]!++;
			degree[partner[x]!]!++;
		}
	const slot = new Int32Array(n + 1);
	for (let u = 0; u < n; u++) slot[u + 1] = slot[u]! + degree[u]!;
	const p = new Int32Array(slot[n]!);
	const s = new Float64Array(slot[n]!);
	const fill = slot.slice(0, n);
	for (let u = 0; u < n; u++)
		for (let x = u * keep; x < u * keep + count[u]!; x++) {
			const v = partner[x]!;
			p[fill[u]!] = v;
			s[fill[u]!++] = score[x]!;
			p[fill[v]!] = u;
			s[fill[v]!++] = score[x]!;
		}
	// Drop duplicates (u and v listing each other), sliding each list left in place.
	const start = new Int32Array(n + 1);
	const last = new Int32Array(n).fill(-1);
	let w = 0;
	for (let u = 0; u < n; u++) {
		start[u] = w;
		for (let x = slot[u]!; x < slot[u + 1]!; x++) {
			const v = p[x]!;
			if (last[v] === u) continue;
			last[v] = u;
			p[w] = v;
			s[w++] = s[x]!;
		}
	}
	start[n] = w;
	return [start, p.slice(0, w), s.slice(0, w)];
}

/** Sorts entries from..to best-first (ties by member index). */
function sortBest(partner: Int32Array, score: Float64Array, from: number, to: number): void {
	for (let x = from + 1; x < to; x++) {
		const v = partner[x]!;
		const s = score[x]!;
		let y = x;
		while (y > from && (score[y - 1]! < s || (score[y - 1] === s && partner[y - 1]! > v))) {
			partner[y] = partner[y - 1]!;
			score[y] = score[y - 1]!;
			y--;
		}
		partner[y] = v;
		score[y] = s;
	}
}
