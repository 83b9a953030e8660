import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DamagedRecordError, Store, defineRecord, keys } from '../../src/store/index.js';

const Counter = defineRecord({ kind: 'counter', version: 1, schema: z.object({ n: z.number().int() }), label: 'counter' });

// Version 1 stored `name`; version 2 splits it into `first` and `last`.
const PersonV2 = defineRecord({
	kind: 'person',
	version: 2,
	schema: z.object({ first: z.string(), last: z.string() }),
	migrations: {
		1: (old: { name: string }) => {
			const [first = '', ...rest] = old.name.split(' ');
			return { first, last: rest.join(' ') };
		},
	},
});
const PersonV1 = defineRecord({ kind: 'person', version: 1, schema: z.object({ name: z.string() }) });

const G1 = '111111111111111111';
const G2 = '222222222222222222';
const U1 = '333333333333333333';

let open: Store[] = [];
async function sqliteStore(file?: string): Promise<{ store: Store; file: string }> {
	const path = file ?? join(mkdtempSync(join(tmpdir(), 'hearth-store-')), 'hearth.sqlite');
	const store = await Store.open(`sqlite://${path}`);
	open.push(store);
	return { store, file: path };
}

afterEach(async () => {
	await Promise.all(open.map((s) => s.close()));
	open = [];
});

function rawSql(file: string, sql: string, ...params: unknown[]): Promise<any[]> {
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(file);
		db.all(sql, params, (error, rows) => {
			db.close();
			if (error) reject(error);
			else resolve(rows);
		});
	});
}

describe('store on sqlite', () => {
	it('loses no update among hundreds of concurrent read-modify-writes of one key', async () => {
		const { store } = await sqliteStore();
		const key = keys.guild(G1, 'counter');
		await Promise.all(Array.from({ length: 500 }, () => store.update(Counter, key, (c) => ({ n: (c?.n ?? 0) + 1 }))));
		expect(await store.get(Counter, key)).toEqual({ n: 500 });
	});

	it('writes to the sqlite file and reads back after reopening', async () => {
		const { store, file } = await sqliteStore();
		await store.set(Counter, keys.guild(G1, 'counter'), { n: 41 });
		await store.setMany(Counter, [
			[keys.member(G1, U1, 'a'), { n: 1 }],
			[keys.member(G1, U1, 'b'), { n: 2 }],
		]);
		await store.close();
		const rows = await rawSql(file, 'SELECT key FROM hearth ORDER BY key');
		expect(rows.map((r) => r.key)).toEqual([`hearth:g:${G1}:counter`, `hearth:g:${G1}:u:${U1}:a`, `hearth:g:${G1}:u:${U1}:b`]);
		const { store: reopened } = await sqliteStore(file);
		expect(await reopened.get(Counter, keys.guild(G1, 'counter'))).toEqual({ n: 41 });
		expect(await reopened.entries(Counter, keys.memberPrefix(G1, U1))).toEqual([
			[keys.member(G1, U1, 'a'), { n: 1 }],
			[keys.member(G1, U1, 'b'), { n: 2 }],
		]);
	});

	it('isolates a damaged record: a clear error for its key, other guilds untouched, nothing overwritten', async () => {
		const { store, file } = await sqliteStore();
		await store.set(Counter, keys.guild(G1, 'counter'), { n: 1 });
		await store.set(Counter, keys.guild(G2, 'counter'), { n: 2 });
		await rawSql(file, `UPDATE hearth SET value = ? WHERE key = ?`, JSON.stringify({ value: { k: 'counter', v: 1, d: { n: 'lots' } } }), `hearth:g:${G1}:counter`);

		await expect(store.get(Counter, keys.guild(G1, 'counter'))).rejects.toBeInstanceOf(DamagedRecordError);
		await expect(store.get(Counter, keys.guild(G1, 'counter'))).rejects.toThrow(/could not read its saved counter/);
		expect(await store.get(Counter, keys.guild(G2, 'counter'))).toEqual({ n: 2 });
		expect(await store.getMany(Counter, [keys.guild(G1, 'counter'), keys.guild(G2, 'counter')])).toEqual([undefined, { n: 2 }]);
		expect(await store.entries(Counter, 'g:')).toEqual([[keys.guild(G2, 'counter'), { n: 2 }]]);
		// An update of the damaged record fails instead of replacing it.
		await expect(store.update(Counter, keys.guild(G1, 'counter'), () => ({ n: 0 }))).rejects.toBeInstanceOf(DamagedRecordError);
		const [row] = await rawSql(file, 'SELECT value FROM hearth WHERE key = ?', `hearth:g:${G1}:counter`);
		expect(JSON.parse(row.value).value.d.n).toBe('lots');
	});

	it('refuses to write a record that does not match its schema', async () => {
		const { store } = await sqliteStore();
		await expect(store.set(Counter, keys.guild(G1, 'counter'), { n: 1.5 })).rejects.toThrow(/Refusing to store an invalid counter/);
		expect(await store.get(Counter, keys.guild(G1, 'counter'))).toBeUndefined();
	});

	it('writes records of different kinds in one batch, validating each', async () => {
		const { store } = await sqliteStore();
		await store.setEach([
			{ type: Counter, key: keys.guild(G1, 'counter'), value: { n: 3 } },
			{ type: PersonV2, key: keys.member(G1, U1, 'person'), value: { first: 'Ada', last: 'Lovelace' } },
		]);
		expect(await store.get(Counter, keys.guild(G1, 'counter'))).toEqual({ n: 3 });
		expect(await store.get(PersonV2, keys.member(G1, U1, 'person'))).toEqual({ first: 'Ada', last: 'Lovelace' });
		await expect(
			store.setEach([
				{ type: Counter, key: keys.guild(G2, 'counter'), value: { n: 1 } },
				{ type: Counter, key: keys.guild(G1, 'counter'), value: { n: 'x' } },
			]),
		).rejects.toThrow(/Refusing to store an invalid counter/);
		// Nothing of a refused batch is written.
		expect(await store.get(Counter, keys.guild(G2, 'counter'))).toBeUndefined();
	});

	it('migrates a record of an older version when it is read, and writes the new version back', async () => {
		const { store } = await sqliteStore();
		const key = keys.member(G1, U1, 'person');
		await store.set(PersonV1, key, { name: 'Ada King Lovelace' });
		expect(await store.get(PersonV2, key)).toEqual({ first: 'Ada', last: 'King Lovelace' });
		await store.update(PersonV2, key, (p) => p && { ...p, first: 'Augusta' });
		expect(await store.get(PersonV2, key)).toEqual({ first: 'Augusta', last: 'King Lovelace' });
		// A record newer than this code knows is refused, not misread.
		await expect(store.get(PersonV1, key)).rejects.toBeInstanceOf(DamagedRecordError);
	});

	it('lists, and deletes, everything about one member of one guild by prefix', async () => {
		const { store } = await sqliteStore();
		const U2 = '444444444444444444';
		await store.setMany(Counter, [
			[keys.member(G1, U1, 'x'), { n: 1 }],
			[keys.member(G1, U2, 'x'), { n: 2 }],
			[keys.member(G2, U1, 'x'), { n: 3 }],
			[keys.guild(G1, 'counter'), { n: 4 }],
		]);
		const mine = await store.keys(keys.memberPrefix(G1, U1));
		expect(mine).toEqual([keys.member(G1, U1, 'x')]);
		await store.deleteMany(mine);
		expect((await store.keys('')).sort()).toEqual([keys.guild(G1, 'counter'), keys.member(G1, U2, 'x'), keys.member(G2, U1, 'x')].sort());
	});

	it('rejects keys that would escape their guild', () => {
		expect(() => keys.guild('not-a-guild', 'x')).toThrow();
		expect(() => keys.member(G1, U1, 'a:b')).toThrow();
	});
});

describe('store in memory', () => {
	it('behaves like sqlite for updates and prefix scans', async () => {
		const store = await Store.open('memory://');
		await Promise.all(Array.from({ length: 200 }, () => store.update(Counter, keys.guild(G1, 'c'), (c) => ({ n: (c?.n ?? 0) + 1 }))));
		expect(await store.entries(Counter, keys.guildPrefix(G1))).toEqual([[keys.guild(G1, 'c'), { n: 200 }]]);
		await store.close();
	});
});
