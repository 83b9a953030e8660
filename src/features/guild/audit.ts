import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { SnowflakeSchema } from '../../core/ids.js';
import { defineRecord, keys, type Store } from '../../store/index.js';

const AuditEntrySchema = z.object({
	at: z.string().datetime(),
	userId: SnowflakeSchema,
	/** What changed, e.g. `prompts.channel`. */
	setting: z.string().max(100),
	/** The new value as an admin would read it. */
	value: z.string().max(300),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const MAX_ENTRIES = 500;

export const AuditLogRecord = defineRecord({
	kind: 'config-audit',
	version: 1,
	schema: z.object({ entries: z.array(AuditEntrySchema).max(MAX_ENTRIES) }),
	label: 'configuration history',
});

/** Every configuration change: who, what, when. Kept per guild, newest last, capped. */
export class AuditLog {
	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
	) {}

	async record(guildId: string, userId: string, setting: string, value: string): Promise<void> {
		const entry = { at: this.clock.now().toISOString(), userId, setting: setting.slice(0, 100), value: value.slice(0, 300) };
		await this.store.update(AuditLogRecord, keys.guild(guildId, 'audit'), (current) => ({
			entries: [...(current?.entries ?? []), entry].slice(-MAX_ENTRIES),
		}));
	}

	async recent(guildId: string, limit = 20): Promise<AuditEntry[]> {
		const log = await this.store.get(AuditLogRecord, keys.guild(guildId, 'audit'));
		return (log?.entries ?? []).slice(-limit).reverse();
	}

	/** The changes one member made, oldest first: part of what /privacy export hands them. */
	async byMember(guildId: string, userId: string): Promise<AuditEntry[]> {
		const log = await this.store.get(AuditLogRecord, keys.guild(guildId, 'audit'));
		return (log?.entries ?? []).filter((e) => e.userId === userId);
	}

	/** Replaces a member's id in the log when they delete their data (the change stays, the person does not). */
	async forgetMember(guildId: string, userId: string): Promise<void> {
		await this.store.update(AuditLogRecord, keys.guild(guildId, 'audit'), (current) => {
			if (!current?.entries.some((e) => e.userId === userId)) return undefined;
			return { entries: current.entries.filter((e) => e.userId !== userId) };
		});
	}
}
