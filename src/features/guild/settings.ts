import { z } from 'zod';
import { defineRecord, keys, type Store } from '../../store/index.js';
import { isValidTimezone } from '../../scheduler/schedule.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';


export const GuildSettingsSchema = z.object({
	/** The guild's default timezone (IANA); features and members may override it. */
	timezone: z.string().refine(isValidTimezone, 'Unknown timezone'),
	/** Where failures and the weekly summary go; when unset, admins are told the next time they use a Hearth command. */
	adminLogChannelId: snowflake.nullable(),
	/** Members with this role may use admin commands too (besides Manage Server). */
	adminRoleId: snowflake.nullable(),
	/** Set when the bot was removed from the guild: its data is deleted after the grace period. */
	leftAt: z.string().datetime().nullable().default(null),
	/** Whether the admin log channel receives the weekly summary (when a log channel is set). */
	weeklySummary: z.boolean().default(true),
});
export type GuildSettings = z.infer<typeof GuildSettingsSchema>;

export const GuildSettingsRecord = defineRecord({ kind: 'guild-settings', version: 1, schema: GuildSettingsSchema, label: 'server settings' });

export const DEFAULT_GUILD_SETTINGS: GuildSettings = { timezone: 'UTC', adminLogChannelId: null, adminRoleId: null, leftAt: null, weeklySummary: true };

export type GuildSettingsListener = (guildId: string, settings: GuildSettings) => void;

/** Guild-wide settings shared by every feature. */
export class GuildSettingsService {
	readonly #listeners = new Set<GuildSettingsListener>();

	constructor(private readonly store: Store) {}

	/** Called after every update, so in-memory schedules (the weekly summary) follow changes without re-reading. */
	onChange(listener: GuildSettingsListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async get(guildId: string): Promise<GuildSettings> {
		return (await this.store.get(GuildSettingsRecord, keys.guild(guildId, 'settings'))) ?? DEFAULT_GUILD_SETTINGS;
	}

	async update(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings> {
		const next = (await this.store.update(GuildSettingsRecord, keys.guild(guildId, 'settings'), (current) => change(current ?? DEFAULT_GUILD_SETTINGS))) ?? DEFAULT_GUILD_SETTINGS;
		for (const listener of this.#listeners) {
			try {
				listener(guildId, next);
			} catch {
				// The change is saved; a listener's failure must not make it look as if it were not.
			}
		}
		return next;
	}
}
