/** Randomness is a seeded parameter, so a pairing round or a prompt pick can be reproduced. */
export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	/** A new array with the items in random order (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[];
	pick<T>(items: readonly T[]): T | undefined;
}

/** Turns a string or number into a 32-bit seed (FNV-1a for strings). */
export function seedFrom(seed: string | number): number {
	if (typeof seed === 'number') return seed >>> 0;
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		h ^= seed.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: small, fast, good enough for shuffles and tie-breaks (not for secrets). */
export function createRandom(seed: string | number): Random {
	let a = seedFrom(seed);
	const next = (): number => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number): number => Math.floor(next() * n);
	return {
		next,
		int,
		shuffle<T>(items: readonly T[]): T[] {
			const out = items.slice();
			for (let i = out.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[out[i], out[j]] = [out[j]!, out[i]!];
			}
			return out;
		},
		pick<T>(items: readonly T[]): T | undefined {
			return items.length === 0 ? undefined : items[int(items.length)];
		},
	};
}
