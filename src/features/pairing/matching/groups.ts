import type { Random } from '../../../core/random.js';
import type { Neighbourhood } from './neighbours.js';
import type { Roster } from './roster.js';

const NEG = Number.NEGATIVE_INFINITY;
/** A move must raise the total by more than float noise, so the search always ends. */
const MIN_GAIN = 1e-9;
/** Free members drawn at random when a large round looks for someone to complete a group. */
const RANDOM_FILL_PICKS = 8;
/** In a large round, how many of each member's best partners are considered when growing or swapping groups. */
const GROUP_SHORTLIST = 8;

/** Groups under construction: member lists plus each member's group (-1 while unplaced). */
export class Grouping {
	readonly groups: number[][] = [];
	/** The size each group is meant to reach. */
	readonly targets: number[] = [];
	readonly groupOf: Int32Array;

	constructor(readonly n: number) {
		this.groupOf = new Int32Array(n).fill(-1);
	}

	open(target: number): number {
		this.groups.push([]);
		this.targets.push(target);
		return this.groups.length - 1;
	}

	add(g: number, u: number): void {
		this.groups[g]!.push(u);
		this.groupOf[u] = g;
	}

	remove(u: number): void {
		const g = this.groupOf[u]!;
		const members = this.groups[g]!;
		members.splice(members.indexOf(u), 1);
		this.groupOf[u] = -1;
	}

	unplaced(): number[] {
		const out: number[] = [];
		for (let u = 0; u < this.n; u++) if (this.groupOf[u] === -1) out.push(u);
		return out;
	}
}

/** Sum of u's scores with every member of group g except `skip`; −Infinity if u may not join them. */
export function scoreWith(roster: Roster, u: number, members: readonly number[], skip = -1): number {
	let s = 0;
	for (const x of members) {
		if (x === skip || x === u) continue;
		s += roster.score(u, x);
	}
	return s;
}

/**
 * Greedy seeding for groups of three or more: the hardest-to-place members (most blocks) start groups
 * first, then each group grows by whoever adds the most score to it.
 */
export function seedGroups(roster: Roster, neighbourhood: Neighbourhood, random: Random, sizes: readonly number[]): Grouping {
	const n = roster.n;
	const grouping = new Grouping(n);
	const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
	order.sort((a, b) => roster.blockCount[b]! - roster.blockCount[a]!);
	// Free list with O(1) removal, for random picks in large rounds.
	const freeList = order.slice();
	const freePos = new Int32Array(n);
	freeList.forEach((u, i) => (freePos[u] = i));
	const take = (u: number): void => {
		const i = freePos[u]!;
		const last = freeList.pop()!;
		if (last !== u) {
			freeList[i] = last;
			freePos[last] = i;
		}
		freePos[u] = -1;
	};
	const seen = new Int32Array(n).fill(-1);
	let stamp = 0;
	let cursor = 0;
	for (const size of sizes) {
		while (cursor < n && freePos[order[cursor]!] === -1) cursor++;
		if (cursor >= n) break;
		const seed = order[cursor]!;
		const g = grouping.open(size);
		grouping.add(g, seed);
		take(seed);
		while (grouping.groups[g]!.length < size && freeList.length > 0) {
			const members = grouping.groups[g]!;
			let best = -1;
			let bestScore = NEG;
			stamp++;
			const consider = (c: number): void => {
				if (freePos[c] === -1 || seen[c] === stamp) return;
				seen[c] = stamp;
				const s = scoreWith(roster, c, members);
				if (s > bestScore || (s === bestScore && s !== NEG && c < best)) {
					bestScore = s;
					best = c;
				}
			};
			if (neighbourhood.complete) {
				for (const c of freeList) consider(c);
			} else {
				for (const m of members) {
					const from = neighbourhood.start[m]!;
					const to = Math.min(neighbourhood.start[m + 1]!, from + GROUP_SHORTLIST);
					for (let x = from; x < to; x++) consider(neighbourhood.partner[x]!);
				}
				for (let k = 0; k < RANDOM_FILL_PICKS; k++) consider(freeList[random.int(freeList.length)]!);
				if (best === -1) for (const c of freeList) consider(c);
			}
			if (best === -1) break;
			grouping.add(g, best);
			take(best);
		}
	}
	return grouping;
}

/**
 * Places members left without a group: into a group still short of its size, else into one that may
 * grow by one (at most groupSize + 1), else by taking someone's seat who can move elsewhere, else into
 * new groups among themselves. Whoever still cannot be placed stays unplaced. Groups of one are dissolved first.
 */
export function placeLeftovers(roster: Roster, neighbourhood: Neighbourhood, grouping: Grouping, groupSize: number): void {
	for (let g = 0; g < grouping.groups.length; g++) {
		const members = grouping.groups[g]!;
		if (members.length === 1) grouping.remove(members[0]!);
	}
	const capOf = (g: number): number => Math.max(groupSize + 1, grouping.targets[g]!);

	const bestSeat = (u: number, exclude: number, tier: 'short' | 'grow'): [number, number] => {
		let best = -1;
		let bestScore = NEG;
		const consider = (g: number): void => {
			if (g < 0 || g === exclude) return;
			const members = grouping.groups[g]!;
			if (members.length === 0) return;
			const room = tier === 'short' ? members.length < grouping.targets[g]! : members.length < capOf(g);
			if (!room) return;
			const s = scoreWith(roster, u, members);
			if (s > bestScore) {
				bestScore = s;
				best = g;
			}
		};
		// Any group may take a leftover, so look at all of them (there are few leftovers).
		for (let g = 0; g < grouping.groups.length; g++) consider(g);
		return [best, bestScore];
	};

	for (const u of grouping.unplaced()) {
		let [g] = bestSeat(u, -1, 'short');
		if (g === -1) [g] = bestSeat(u, -1, 'grow');
		if (g !== -1) {
			grouping.add(g, u);
			continue;
		}
		// Take the seat of someone who can sit elsewhere.
		let move = null as [number, number, number] | null;
		let moveGain = NEG;
		const tryGroup = (h: number): void => {
			for (const y of grouping.groups[h]!) {
				const sx = scoreWith(roster, u, grouping.groups[h]!, y);
				if (sx === NEG) continue;
				let [h2, sy] = bestSeat(y, h, 'short');
				if (h2 === -1) [h2, sy] = bestSeat(y, h, 'grow');
				if (h2 === -1) continue;
				const gain = sx + sy - scoreWith(roster, y, grouping.groups[h]!);
				if (gain > moveGain) {
					moveGain = gain;
					move = [h, y, h2];
				}
			}
		};
		if (neighbourhood.complete) {
			for (let h = 0; h < grouping.groups.length; h++) tryGroup(h);
		} else {
			const tried = new Set<number>();
			neighbourhood.forEach(u, (v) => {
				const h = grouping.groupOf[v]!;
				if (h >= 0 && !tried.has(h)) {
					tried.add(h);
					tryGroup(h);
				}
			});
		}
		if (move !== null) {
			const [h, y, h2] = move;
			grouping.remove(y);
			grouping.add(h, u);
			grouping.add(h2, y);
		}
	}

	// Whoever is left cannot join any group: let them form groups with each other if they can.
	const rest = grouping.unplaced();
	const used = new Set<number>();
	for (const u of rest) {
		if (used.has(u)) continue;
		const members = [u];
		for (const v of rest) {
			if (members.length >= groupSize) break;
			if (v === u || used.has(v)) continue;
			if (scoreWith(roster, v, members) !== NEG) members.push(v);
		}
		if (members.length < 2) continue;
		const g = grouping.open(members.length);
		for (const m of members) {
			used.add(m);
			grouping.add(g, m);
		}
	}
}

/**
 * Local search: swap two members of different groups whenever that raises the round's total score.
 * For pairs this is the classic 2-opt exchange. Runs until no swap helps or `maxMoves` is reached.
 */
export function improveBySwaps(
	roster: Roster,
	neighbourhood: Neighbourhood,
	grouping: Grouping,
	random: Random,
	maxMoves: number,
	/** Members to start from (default: everyone placed); others join the search once their group changes. */
	start?: readonly number[],
): number {
	const n = roster.n;
	const { groups, groupOf } = grouping;
	const contrib = new Float64Array(n);
	const refresh = (g: number): void => {
		const members = groups[g]!;
		for (const u of members) contrib[u] = scoreWith(roster, u, members);
	};
	for (let g = 0; g < groups.length; g++) refresh(g);

	// Circular work queue of members whose group changed.
	const queue = new Int32Array(n + 1);
	const queued = new Uint8Array(n);
	let head = 0;
	let tail = 0;
	let size = 0;
	const push = (u: number): void => {
		if (queued[u]) return;
		queued[u] = 1;
		queue[tail] = u;
		tail = (tail + 1) % queue.length;
		size++;
	};
	for (const u of random.shuffle(start ?? Array.from({ length: n }, (_, i) => i))) if (groupOf[u] !== -1) push(u);

	const cap = roster.ctx.maxPositive;
	let u = -1;
	let g = -1;
	let home: number[] = [];
	let bestGain = MIN_GAIN;
	let bestV = -1;
	/** Gain of swapping u with v; suKnown is u's score with v's group minus v, when already known (else NaN). */
	const evaluate = (v: number, suKnown: number): void => {
		const h = groupOf[v]!;
		if (h === -1 || h === g) return;
		const away = groups[h]!;
		const base = contrib[u]! + contrib[v]!;
		// No pair beats `cap`, so many swaps can be ruled out before scoring anyone.
		if ((away.length + home.length - 2) * cap - base <= bestGain) return;
		const su = Number.isNaN(suKnown) ? scoreWith(roster, u, away, v) : suKnown;
		if (su === NEG || su + (home.length - 1) * cap - base <= bestGain) return;
		const sv = scoreWith(roster, v, home, u);
		if (sv === NEG) return;
		const gain = su + sv - base;
		if (gain > bestGain) {
			bestGain = gain;
			bestV = v;
		}
	};
	const visited = new Int32Array(groups.length + 1).fill(-1);
	let visit = 0;

	let moves = 0;
	while (size > 0 && moves < maxMoves) {
		u = queue[head]!;
		head = (head + 1) % queue.length;
		size--;
		queued[u] = 0;
		g = groupOf[u]!;
		if (g === -1) continue;
		home = groups[g]!;
		bestGain = MIN_GAIN;
		bestV = -1;
		if (neighbourhood.complete) {
			for (let v = 0; v < n; v++) evaluate(v, Number.NaN);
		} else {
			// u would like to sit with neighbour w: try swapping u with each of w's groupmates.
			const { start: from, partner, score } = neighbourhood;
			visit++;
			const to = Math.min(from[u + 1]!, from[u]! + (home.length === 2 ? Number.MAX_SAFE_INTEGER : GROUP_SHORTLIST));
			for (let x = from[u]!; x < to; x++) {
				const w = partner[x]!;
				const h = groupOf[w]!;
				if (h === -1 || h === g || visited[h] === visit) continue;
				visited[h] = visit;
				const away = groups[h]!;
				if (away.length === 2) {
					// Swapping with w's partner puts u with w, whose score the shortlist already holds.
					evaluate(away[0] === w ? away[1]! : away[0]!, score[x]!);
				} else {
					const withAway = scoreWith(roster, u, away);
					for (const v of away) {
						// When u is blocked from someone there, only swapping out that very person can work.
						evaluate(v, withAway === NEG ? Number.NaN : withAway - roster.score(u, v));
					}
				}
			}
		}
		if (bestV === -1) continue;
		const h = groupOf[bestV]!;
		grouping.remove(u);
		grouping.remove(bestV);
		grouping.add(h, u);
		grouping.add(g, bestV);
		refresh(g);
		refresh(h);
		for (const x of groups[g]!) push(x);
		for (const x of groups[h]!) push(x);
		moves++;
	}
	return moves;
}
