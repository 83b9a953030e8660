import KeyvSqlite, { type KeyvSqliteOptions } from '@keyv/sqlite';

/**
 * @keyv/sqlite with what Hearth's load needs: WAL journaling (a commit is not an fsync), batched upserts in one
 * statement for Keyv's setMany, a getMany that does not scan its result per key, and prefix scans over the
 * primary-key index (range, not LIKE + OFFSET paging).
 */
export class HearthSqliteAdapter extends KeyvSqlite {
	readonly ready: Promise<void>;
	readonly #table: string;

	constructor(options: KeyvSqliteOptions & { uri: string }) {
		super({ busyTimeout: 10_000, ...options });
		this.#table = this.opts.table ?? 'keyv';
		const onDisk = !/^sqlite:\/\/(:memory:)?$/.test(options.uri);
		this.ready = (async () => {
			if (onDisk) {
				await this.query('PRAGMA journal_mode = WAL');
				await this.query('PRAGMA synchronous = NORMAL');
			}
		})();
	}

	override async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
		if (keys.length === 0) return [];
		const found = new Map<string, Value>();
		for (const chunk of chunks(keys, 20_000)) {
			const rows: Array<{ key: string; value: Value }> = await this.query(
				`SELECT key, value FROM ${this.#table} WHERE key IN (SELECT value FROM json_each(?))`,
				JSON.stringify(chunk),
			);
			for (const row of rows) found.set(row.key, row.value);
		}
		return keys.map((key) => found.get(key));
	}

	async setMany(entries: Array<{ key: string; value: unknown }>): Promise<boolean[]> {
		for (const chunk of chunks(entries, 5_000)) {
			await this.query(
				`INSERT INTO ${this.#table} (key, value) SELECT json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]') FROM json_each(?) AS e WHERE 1
				 ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
				JSON.stringify(chunk.map((entry) => [entry.key, entry.value])),
			);
		}
		return entries.map(() => true);
	}

	/** Keys (with their namespace) and raw serialized values whose key starts with `prefix`. */
	async scanPrefix(prefix: string): Promise<Array<{ key: string; value: string }>> {
		return this.query(`SELECT key, value FROM ${this.#table} WHERE key >= ? AND key < ? ORDER BY key`, prefix, prefixEnd(prefix));
	}
}

/** The smallest string greater than every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
	return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
