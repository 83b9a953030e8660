import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { UserError } from '../core/errors.js';
import type { Logger } from '../log.js';
import { guildOfKey } from './keys.js';
import { KeyedQueue } from './mutex.js';
import { decodeRecord, encodeRecord, type RecordType } from './records.js';
import { HearthSqliteAdapter, prefixEnd } from './sqlite.js';

export type StoreBackend = 'sqlite' | 'redis' | 'postgres' | 'memory';

/** A stored record that fails validation: the member who needed it is told in plain words; nothing is overwritten. */
export class DamagedRecordError extends UserError {
	constructor(
		readonly key: string,
		readonly label: string,
		readonly reason: string,
	) {
		super(
			`Hearth could not read its saved ${label} here: the stored copy is damaged, so nothing was changed. ` +
				'The admins can see the details in the logs and reset it with /config reset.',
		);
	}
}

const NAMESPACE = 'hearth';

/**
 * Hearth's one storage layer: typed, versioned records over Keyv. Every write is validated, every read is validated
 * (and migrated from older versions), and read-modify-write of a key is serialized.
 */
export class Store {
	readonly #keyv: Keyv;
	readonly #adapter: KeyvStoreAdapter | Map<string, unknown>;
	readonly #queue = new KeyedQueue();
	readonly #logger: Logger | undefined;
	#closed = false;

	private constructor(
		readonly backend: StoreBackend,
		adapter: KeyvStoreAdapter | Map<string, unknown>,
		logger: Logger | undefined,
	) {
		this.#adapter = adapter;
		this.#logger = logger;
		this.#keyv = new Keyv({ store: adapter, namespace: NAMESPACE, throwOnErrors: true, useKeyPrefix: true });
		this.#keyv.on('error', (error: unknown) => this.#logger?.error({ err: error }, 'store error'));
	}

	/**
	 * Opens the store named by a DATABASE_URL: `sqlite://path/to/file.sqlite` (default), `sqlite://:memory:`,
	 * `memory://` (tests), `redis://…` or `postgres://…` (through the optional @keyv/redis and @keyv/postgres).
	 */
	static async open(url: string, logger?: Logger): Promise<Store> {
		if (url.startsWith('sqlite://')) {
			const path = url.slice('sqlite://'.length);
			if (path !== ':memory:' && path !== '') {
				const { mkdir } = await import('node:fs/promises');
				const { dirname } = await import('node:path');
				await mkdir(dirname(path), { recursive: true });
			}
			const adapter = new HearthSqliteAdapter({ uri: url, table: 'hearth' });
			await adapter.ready;
			return new Store('sqlite', adapter as unknown as KeyvStoreAdapter, logger);
		}
		if (url === 'memory://' || url === 'memory:') return new Store('memory', new Map(), logger);
		if (url.startsWith('redis://') || url.startsWith('rediss://')) {
			const { default: KeyvRedis } = await importOptional('@keyv/redis', url);
			return new Store('redis', new KeyvRedis(url) as KeyvStoreAdapter, logger);
		}
		if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
			const { default: KeyvPostgres } = await importOptional('@keyv/postgres', url);
			return new Store('postgres', new KeyvPostgres({ uri: url, table: 'hearth' }) as KeyvStoreAdapter, logger);
		}
		throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(':')[0]}`);
	}

	/** Reads one record; undefined when absent. Throws DamagedRecordError when it is stored but invalid. */
	async get<T>(type: RecordType<T>, key: string): Promise<T | undefined> {
		const raw = await this.#keyv.get(key);
		return raw === undefined ? undefined : this.#decode(type, key, raw);
	}

	/** Reads many records of one type in one round trip; a damaged one is logged and comes back as undefined. */
	async getMany<T>(type: RecordType<T>, keyList: readonly string[]): Promise<Array<T | undefined>> {
		if (keyList.length === 0) return [];
		const raws = (await this.#keyv.getMany([...keyList])) as unknown[];
		return raws.map((raw, i) => {
			if (raw === undefined || raw === null) return undefined;
			try {
				return this.#decode(type, keyList[i]!, raw);
			} catch {
				return undefined;
			}
		});
	}

	async set<T>(type: RecordType<T>, key: string, value: T): Promise<void> {
		await this.#keyv.set(key, encodeRecord(type, value));
	}

	/** Writes many records in one batch (one statement on sqlite). */
	async setMany<T>(type: RecordType<T>, entries: ReadonlyArray<readonly [string, T]>): Promise<void> {
		if (entries.length === 0) return;
		await this.#keyv.setMany(entries.map(([key, value]) => ({ key, value: encodeRecord(type, value) })));
	}

	/** Writes records of different kinds in one batch (one statement on sqlite), e.g. a state and its history entry. */
	async setEach(entries: ReadonlyArray<{ type: RecordType<any>; key: string; value: unknown }>): Promise<void> {
		if (entries.length === 0) return;
		await this.#keyv.setMany(entries.map(({ type, key, value }) => ({ key, value: encodeRecord(type, value) })));
	}

	/**
	 * Read-modify-write of one record, serialized per key. `change` gets the current value (undefined when absent)
	 * and returns the new one, or undefined to leave the record as it is. Returns the record as it stands afterwards.
	 */
	update<T>(type: RecordType<T>, key: string, change: (current: T | undefined) => T | undefined | Promise<T | undefined>): Promise<T | undefined> {
		return this.#queue.run(key, async () => {
			const current = await this.get(type, key);
			const next = await change(current);
			if (next === undefined) return current;
			await this.set(type, key, next);
			return next;
		});
	}

	/** Runs `work` while holding `key`'s queue, for compound changes that must not interleave with updates of it. */
	locked<T>(key: string, work: () => Promise<T>): Promise<T> {
		return this.#queue.run(key, work);
	}

	delete(key: string): Promise<boolean> {
		return this.#queue.run(key, () => this.#keyv.delete(key));
	}

	async deleteMany(keyList: readonly string[]): Promise<void> {
		if (keyList.length === 0) return;
		await Promise.all(keyList.map((key) => this.delete(key)));
	}

	/** Every key starting with `prefix` (without the store's namespace), sorted. */
	async keys(prefix: string): Promise<string[]> {
		return (await this.#scanRaw(prefix)).map(([key]) => key);
	}

	/** Every record of `type` under `prefix`; records of other kinds are passed over, damaged ones are logged and skipped. */
	async entries<T>(type: RecordType<T>, prefix: string): Promise<Array<[string, T]>> {
		const out: Array<[string, T]> = [];
		for (const [key, raw] of await this.#scanRaw(prefix)) {
			if ((raw as { k?: unknown } | null)?.k !== type.kind) continue;
			try {
				out.push([key, this.#decode(type, key, raw)]);
			} catch {
				// logged by #decode
			}
		}
		return out;
	}

	/** Every stored value under `prefix` as raw envelopes, for data export. */
	async rawEntries(prefix: string): Promise<Array<[string, unknown]>> {
		return this.#scanRaw(prefix);
	}

	/** Waits for queued writes to finish, then closes the connection. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#queue.drain();
		await this.#keyv.disconnect();
	}

	#decode<T>(type: RecordType<T>, key: string, raw: unknown): T {
		const result = decodeRecord(type, raw);
		if (!result.ok) {
			this.#logger?.error({ guildId: guildOfKey(key), key, kind: type.kind, reason: result.reason }, 'damaged record');
			throw new DamagedRecordError(key, type.label, result.reason);
		}
		return result.value;
	}

	async #scanRaw(prefix: string): Promise<Array<[string, unknown]>> {
		const full = `${NAMESPACE}:${prefix}`;
		if ((this.#adapter as unknown) instanceof HearthSqliteAdapter) {
			const adapter = this.#adapter as unknown as HearthSqliteAdapter;
			const rows = await adapter.scanPrefix(full);
			const out: Array<[string, unknown]> = [];
			for (const row of rows) {
				const data = (await this.#keyv.deserializeData(row.value)) as { value?: unknown } | undefined;
				out.push([row.key.slice(NAMESPACE.length + 1), data?.value]);
			}
			return out;
		}
		if (this.#adapter instanceof Map) {
			const end = prefixEnd(full);
			const out: Array<[string, unknown]> = [];
			for (const [key, value] of this.#adapter) {
				if (key >= full && key < end) {
					const data = (await this.#keyv.deserializeData(value as string)) as { value?: unknown } | undefined;
					out.push([key.slice(NAMESPACE.length + 1), data?.value]);
				}
			}
			return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		}
		const out: Array<[string, unknown]> = [];
		if (!this.#keyv.iterator) throw new Error(`The ${this.backend} store cannot list keys`);
		for await (const [key, value] of this.#keyv.iterator(NAMESPACE)) {
			if (typeof key === 'string' && key.startsWith(prefix)) out.push([key, value]);
		}
		return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	}
}

async function importOptional(name: string, url: string): Promise<{ default: new (...args: any[]) => unknown }> {
	try {
		return (await import(name)) as { default: new (...args: any[]) => unknown };
	} catch {
		throw new Error(`DATABASE_URL ${url.split(':')[0]}:// needs the optional package ${name}: run npm install ${name}`);
	}
}
