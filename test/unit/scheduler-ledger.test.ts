import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { Store } from '../../src/store/index.js';
import { RunRecordType, createStoreRunLedger, storeKeyOfRun } from '../../src/scheduler/ledger.js';
import { Scheduler, runLedgerKey, type RunRecord, type ScheduledEntry } from '../../src/scheduler/scheduler.js';

const GUILD = '210987654321098765';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	while (cleanups.length > 0) await cleanups.pop()!();
});

async function sqliteStore(dir?: string): Promise<{ store: Store; dir: string }> {
	const where = dir ?? (await mkdtemp(join(tmpdir(), 'hearth-ledger-')));
	if (!dir) cleanups.push(() => rm(where, { recursive: true, force: true }));
	const store = await Store.open(`sqlite://${join(where, 'hearth.sqlite')}`);
	return { store, dir: where };
}

describe('store-backed run ledger', () => {
	it('files each entry’s record with its guild, under g:<guild>:run:<provider>:<entry>', async () => {
		const store = await Store.open('memory://');
		cleanups.push(() => store.close());
		const ledger = createStoreRunLedger(store);
		const key = runLedgerKey(GUILD, 'prompt', 'daily');
		expect(storeKeyOfRun(key)).toBe(`g:${GUILD}:run:prompt:daily`);
		const rec: RunRecord = { occurrence: '2026-05-01T09:00:00.000Z', runKey: 'prompt:daily:2026-05-01T11:00', state: 'started', startedAt: '2026-05-01T09:00:01.000Z' };
		await ledger.record(key, rec);
		expect(await store.get(RunRecordType, `g:${GUILD}:run:prompt:daily`)).toEqual(rec);
		expect(await store.keys(`g:${GUILD}:`)).toEqual([`g:${GUILD}:run:prompt:daily`]);
		const found = await ledger.latest([key, runLedgerKey(GUILD, 'prompt', 'other'), 'not-a-ledger-key']);
		expect([...found]).toEqual([[key, rec]]);
	});

	it('refuses to record under a key the store cannot hold', async () => {
		const store = await Store.open('memory://');
		cleanups.push(() => store.close());
		await expect(createStoreRunLedger(store).record(runLedgerKey('not-a-snowflake', 'prompt', 'x'), {
			occurrence: '2026-05-01T09:00:00.000Z',
			runKey: 'prompt:x:2026-05-01T09:00',
			state: 'started',
			startedAt: '2026-05-01T09:00:00.000Z',
		})).rejects.toThrow(/guild id/);
	});

	it('keeps an occurrence to one run across a restart on sqlite, and catches up once after downtime', async () => {
		const entries: ScheduledEntry[] = [
			{ id: 'morning', guildId: GUILD, spec: { kind: 'daily', time: '09:00' }, timezone: 'Europe/Paris', notBefore: new Date('2026-05-01T00:00:00Z') },
		];
		const runs: string[] = [];
		const provider = { name: 'prompt', schedules: () => entries, run: async (_: ScheduledEntry, o: { runKey: string }) => void runs.push(o.runKey) };

		const first = await sqliteStore();
		const before = new Scheduler({ ledger: createStoreRunLedger(first.store), clock: new ManualClock('2026-05-01T07:00:00Z') });
		before.register(provider);
		await before.tick(new Date('2026-05-01T07:00:03Z'));
		expect(runs).toEqual(['prompt:morning:2026-05-01T09:00']);
		await before.stop();
		await first.store.close();

		// Restart in the same minute, on the same file: nothing runs again.
		const second = await sqliteStore(first.dir);
		cleanups.push(() => second.store.close());
		const after = new Scheduler({ ledger: createStoreRunLedger(second.store), clock: new ManualClock('2026-05-01T07:00:30Z') });
		after.register(provider);
		await after.tick(new Date('2026-05-01T07:00:30Z'));
		expect(runs).toEqual(['prompt:morning:2026-05-01T09:00']);
		// Down until 10:00 local two days later: the latest missed one runs, once.
		const report = await after.tick(new Date('2026-05-03T08:00:00Z'));
		expect(report.ran).toEqual(['prompt:morning:2026-05-03T09:00']);
		expect(await second.store.get(RunRecordType, `g:${GUILD}:run:prompt:morning`)).toMatchObject({ state: 'done', runKey: 'prompt:morning:2026-05-03T09:00' });
	});
});
