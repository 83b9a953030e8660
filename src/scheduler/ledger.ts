import { z } from 'zod';
import { defineRecord, keys, type Store } from '../store/index.js';
import { parseRunLedgerKey, type RunLedger, type RunRecord } from './scheduler.js';

export const RunRecordSchema: z.ZodType<RunRecord> = z.object({
	occurrence: z.string().min(1),
	runKey: z.string().min(1),
	state: z.enum(['started', 'done', 'failed', 'skipped']),
	startedAt: z.string(),
	finishedAt: z.string().optional(),
	error: z.string().optional(),
});

/** The scheduler's record of the latest occurrence it acted on for one entry. */
export const RunRecordType = defineRecord<RunRecord>({
	kind: 'scheduler-run',
	version: 1,
	schema: RunRecordSchema,
	label: 'schedule run record',
});

/** `<guildId>:<provider>:<entryId>` → `g:<guildId>:run:<provider>:<entryId>`, filed with the guild's data. */
export function storeKeyOfRun(ledgerKey: string): string {
	const parts = parseRunLedgerKey(ledgerKey);
	if (!parts) throw new Error(`Invalid run ledger key ${JSON.stringify(ledgerKey)}`);
	return keys.guild(parts.guildId, 'run', parts.provider, parts.entryId);
}

/** A run ledger kept in Hearth's store: one small record per scheduled entry, read in one batch at start-up. */
export function createStoreRunLedger(store: Store): RunLedger {
	return {
		async latest(ledgerKeys: string[]): Promise<Map<string, RunRecord>> {
			const wanted: Array<[ledgerKey: string, storeKey: string]> = [];
			for (const key of ledgerKeys) {
				try {
					wanted.push([key, storeKeyOfRun(key)]);
				} catch {
					// A key the store cannot hold has never been written either; record() reports the problem.
				}
			}
			const values = await store.getMany(RunRecordType, wanted.map(([, storeKey]) => storeKey));
			const found = new Map<string, RunRecord>();
			for (const [i, [key]] of wanted.entries()) {
				const value = values[i];
				if (value) found.set(key, value);
			}
			return found;
		},
		async record(key: string, rec: RunRecord): Promise<void> {
			await store.set(RunRecordType, storeKeyOfRun(key), rec);
		},
		async recordMany(entries: ReadonlyArray<readonly [string, RunRecord]>): Promise<void> {
			await store.setMany(RunRecordType, entries.map(([key, rec]) => [storeKeyOfRun(key), rec] as const));
		},
	};
}
