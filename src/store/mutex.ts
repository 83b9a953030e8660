/**
 * Serializes async work per key: Keyv has no transactions, so every read-modify-write of one record runs
 * inside its key's queue and concurrent interactions never lose an update. In-process only: a multi-process
 * deployment must route one guild to one process (which Discord sharding does).
 */
export class KeyedQueue {
	readonly #tails = new Map<string, Promise<unknown>>();

	run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const previous = this.#tails.get(key) ?? Promise.resolve();
		const result = previous.then(work, work);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.#tails.set(key, tail);
		void tail.then(() => {
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		});
		return result;
	}

	/** Resolves when every queued piece of work has settled (for graceful shutdown). */
	async drain(): Promise<void> {
		while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
	}

	get pending(): number {
		return this.#tails.size;
	}
}
