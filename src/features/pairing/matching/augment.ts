import type { Neighbourhood } from './neighbours.js';

/**
 * Grows `mate` along augmenting paths (Edmonds' blossom search, unweighted) from each still-unpaired
 * member in `order`, using only pairs `allowed` accepts. With a complete neighbourhood this reaches a
 * maximum matching of the allowed graph, so nobody is left out who could have been paired.
 * In a sparse neighbourhood every still-unpaired member also counts as a neighbour, so paths can end anywhere.
 * Returns how many new pairs were made.
 */
export function augmentMatching(
	mate: Int32Array,
	neighbourhood: Neighbourhood,
	allowed: (v: number, u: number) => boolean,
	order: readonly number[],
): number {
	const n = mate.length;
	const parent = new Int32Array(n).fill(-1);
	const base = Int32Array.from({ length: n }, (_, i) => i);
	const used = new Uint8Array(n);
	const inBlossom = new Uint8Array(n);
	const mark = new Int32Array(n);
	const queue = new Int32Array(n);
	// Only the vertices a search reached are reset afterwards, so a short search stays cheap in a big round.
	const touched = new Int32Array(n);
	const isTouched = new Uint8Array(n);
	let touchedCount = 0;
	const touch = (i: number): void => {
		if (isTouched[i]) return;
		isTouched[i] = 1;
		touched[touchedCount++] = i;
	};
	let stamp = 0;
	let made = 0;

	const lca = (a: number, b: number): number => {
		stamp++;
		for (;;) {
			a = base[a]!;
			mark[a] = stamp;
			if (mate[a] === -1) break;
			a = parent[mate[a]!]!;
		}
		for (;;) {
			b = base[b]!;
			if (mark[b] === stamp) return b;
			b = parent[mate[b]!]!;
		}
	};

	const markPath = (v: number, b: number, child: number): void => {
		while (base[v] !== b) {
			const m = mate[v]!;
			inBlossom[base[v]!] = 1;
			inBlossom[base[m]!] = 1;
			parent[v] = child;
			child = m;
			v = parent[m]!;
		}
	};

	let root = -1;
	let v = -1;
	let head = 0;
	let tail = 0;
	let found = -1;
	const visit = (to: number): void => {
		if (found !== -1 || base[v] === base[to] || mate[v] === to || !allowed(v, to)) return;
		if (to === root || (mate[to] !== -1 && parent[mate[to]!] !== -1)) {
			const cur = lca(v, to);
			for (let x = 0; x < touchedCount; x++) inBlossom[touched[x]!] = 0;
			markPath(v, cur, to);
			markPath(to, cur, v);
			// Every vertex of the blossom is already in the search tree, hence touched.
			for (let x = 0; x < touchedCount; x++) {
				const i = touched[x]!;
				if (inBlossom[base[i]!]) {
					base[i] = cur;
					if (!used[i]) {
						used[i] = 1;
						queue[tail++] = i;
					}
				}
			}
		} else if (parent[to] === -1) {
			touch(to);
			parent[to] = v;
			if (mate[to] === -1) {
				found = to;
				return;
			}
			const m = mate[to]!;
			touch(m);
			used[m] = 1;
			queue[tail++] = m;
		}
	};

	const findPath = (unpaired: readonly number[]): number => {
		touch(root);
		used[root] = 1;
		head = 0;
		tail = 0;
		found = -1;
		queue[tail++] = root;
		while (head < tail && found === -1) {
			v = queue[head++]!;
			neighbourhood.forEach(v, visit);
			if (!neighbourhood.complete) for (const u of unpaired) if (u !== v && mate[u] === -1) visit(u);
		}
		return found;
	};

	let unpaired = order.filter((u) => mate[u] === -1);
	for (root of order) {
		if (mate[root] !== -1) continue;
		unpaired = unpaired.filter((u) => mate[u] === -1);
		// A path needs an unpaired member at each end.
		if (unpaired.length < 2) break;
		let end = findPath(neighbourhood.complete ? [] : unpaired);
		if (end !== -1) {
			made++;
			while (end !== -1) {
				const pv = parent[end]!;
				const next = mate[pv]!;
				mate[end] = pv;
				mate[pv] = end;
				end = next;
			}
		}
		for (let x = 0; x < touchedCount; x++) {
			const i = touched[x]!;
			parent[i] = -1;
			base[i] = i;
			used[i] = 0;
			inBlossom[i] = 0;
			isTouched[i] = 0;
		}
		touchedCount = 0;
	}
	return made;
}
