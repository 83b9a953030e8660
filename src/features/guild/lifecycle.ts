import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../log.js';
import type { DueWorkProvider, ScheduledEntry } from '../../scheduler/scheduler.js';
import { HOUR_MS } from '../../scheduler/timezone.js';
import { defineRecord, keys, type Store } from '../../store/index.js';
import { WeeklySummary, type WeeklySummaryDeps } from '../setup/summary.js';
import { GuildSettingsRecord, type GuildSettingsService } from './settings.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

/**
 * How long a server's data is kept after Hearth is removed from it: 30 days. Re-adding Hearth within that time
 * brings everything back as it was; after it, every key under `g:<guild>:` is deleted by the daily cleanup.
 */
export const GUILD_DATA_GRACE_DAYS = 30;
const DAY_MS = 24 * HOUR_MS;

/**
 * The daily cleanup is bot-wide work, but scheduler run records are filed under a guild. It uses this placeholder
 * guild id, so its run record (`g:0:run:guild-cleanup:daily`) is never deleted with a real server's data.
 */
export const BOT_WIDE_GUILD_ID = '0';


/** Servers Hearth was removed from, with when: the daily cleanup reads this one record instead of scanning the store. */
export const LeftGuildsRecord = defineRecord({
	kind: 'left-guilds',
	version: 1,
	schema: z.object({ guilds: z.record(snowflake, z.string().datetime()) }),
	label: 'servers awaiting deletion',
});

/** Servers Hearth is in, as of the last event it saw: at start-up, the ones missing were left while it was offline. */
export const KnownGuildsRecord = defineRecord({
	kind: 'known-guilds',
	version: 1,
	schema: z.object({ ids: z.array(snowflake) }),
	label: 'servers Hearth is in',
});

const LEFT_KEY = keys.meta('left-guilds');
const KNOWN_KEY = keys.meta('known-guilds');

export interface GuildLifecycleDeps extends WeeklySummaryDeps {
	store: Store;
	clock: Clock;
	logger: Logger;
	settings: GuildSettingsService;
}

/**
 * A server's life with Hearth: added (GUILD_CREATE), removed (GUILD_DELETE without `unavailable`: an outage is not a
 * removal), and, after the grace period, forgotten. Also owns the bot-wide scheduled work of setup: the weekly
 * summary to the admin log channel and the daily cleanup.
 */
export class GuildLifecycle {
	readonly graceMs: number;
	readonly summary: WeeklySummary;
	readonly providers: DueWorkProvider[];
	readonly #deps: GuildLifecycleDeps;
	/** In-memory copy of LeftGuildsRecord, so the minute tick costs nothing. */
	#left: Map<string, string> | undefined;

	constructor(deps: GuildLifecycleDeps, options: { graceDays?: number } = {}) {
		this.#deps = deps;
		this.graceMs = (options.graceDays ?? GUILD_DATA_GRACE_DAYS) * DAY_MS;
		this.summary = new WeeklySummary(deps);
		const cleanup: DueWorkProvider = {
			name: 'guild-cleanup',
			schedules: () => this.#cleanupSchedules(),
			run: async () => {
				await this.purgeExpired();
			},
		};
		this.providers = [this.summary, cleanup];
	}

	/** Hearth was added to a server, or re-added within the grace period: nothing will be deleted. */
	async joined(guildId: string): Promise<void> {
		const { store, settings, logger } = this.#deps;
		await store.update(KnownGuildsRecord, KNOWN_KEY, (current) =>
			current?.ids.includes(guildId) ? undefined : { ids: [...(current?.ids ?? []), guildId] },
		);
		await this.#unmarkLeft(guildId);
		const current = await settings.get(guildId);
		if (current.leftAt) {
			await settings.update(guildId, (s) => ({ ...s, leftAt: null }));
			logger.info({ guildId }, 'Hearth was added back to a server within the grace period; its data is kept');
		} else {
			this.summary.track(guildId, current);
		}
	}

	/** Hearth was removed from a server: its data is kept for the grace period, then deleted. */
	async left(guildId: string): Promise<void> {
		const { store, settings, clock, logger } = this.#deps;
		const at = clock.now().toISOString();
		await store.update(KnownGuildsRecord, KNOWN_KEY, (current) =>
			current?.ids.includes(guildId) ? { ids: current.ids.filter((id) => id !== guildId) } : undefined,
		);
		// Keep the first removal time if Discord repeats the event.
		const marked = await settings.update(guildId, (s) => (s.leftAt ? s : { ...s, leftAt: at }));
		await this.#markLeft(guildId, marked.leftAt ?? at);
		this.summary.forget(guildId);
		logger.info({ guildId, graceDays: this.graceMs / DAY_MS }, 'Hearth was removed from a server; its data will be deleted after the grace period');
	}

	/**
	 * At start-up, with the servers Discord says Hearth is in: servers re-added while Hearth was offline keep their
	 * data, servers removed while it was offline start their grace period, and the weekly summary learns its servers.
	 */
	async reconcile(presentGuildIds: readonly string[]): Promise<void> {
		const { store, logger } = this.#deps;
		const present = [...new Set(presentGuildIds)].filter((id) => snowflake.safeParse(id).success);
		const known = (await store.get(KnownGuildsRecord, KNOWN_KEY).catch(() => undefined))?.ids ?? [];
		const presentSet = new Set(present);
		const removedOffline = known.filter((id) => !presentSet.has(id));
		const settingsList = await store.getMany(GuildSettingsRecord, present.map((id) => keys.guild(id, 'settings')));
		const left = await this.#leftGuilds();
		for (const [i, guildId] of present.entries()) {
			const settings = settingsList[i];
			if (settings?.leftAt || left.has(guildId)) await this.joined(guildId);
			else if (settings) this.summary.track(guildId, settings);
		}
		for (const guildId of removedOffline) await this.left(guildId);
		if (removedOffline.length > 0) logger.warn({ count: removedOffline.length }, 'Hearth was removed from servers while it was offline');
		await store.set(KnownGuildsRecord, KNOWN_KEY, { ids: present });
	}

	/** Deletes every key of each server whose grace period is over; returns their ids. */
	async purgeExpired(): Promise<string[]> {
		const { store, settings, clock, logger } = this.#deps;
		const now = clock.now().getTime();
		const purged: string[] = [];
		for (const [guildId] of await this.#leftGuilds()) {
			try {
				const current = await settings.get(guildId);
				if (!current.leftAt) {
					// Added back: the index entry was stale.
					await this.#unmarkLeft(guildId);
					continue;
				}
				if (Date.parse(current.leftAt) + this.graceMs > now) continue;
				const guildKeys = await store.keys(keys.guildPrefix(guildId));
				await store.deleteMany(guildKeys);
				await this.#unmarkLeft(guildId);
				purged.push(guildId);
				logger.info({ guildId, keys: guildKeys.length }, 'deleted the data of a server Hearth left more than the grace period ago');
			} catch (error) {
				logger.error({ err: error, guildId }, 'could not delete the data of a server Hearth left; will try again tomorrow');
			}
		}
		return purged;
	}

	/** Whether Hearth was removed from this server (as far as loaded; false before the first load). */
	hasLeft(guildId: string): boolean {
		return this.#left?.has(guildId) ?? false;
	}

	/** Servers awaiting deletion and when Hearth left them. */
	async leftGuilds(): Promise<ReadonlyMap<string, string>> {
		return new Map(await this.#leftGuilds());
	}

	async #cleanupSchedules(): Promise<ScheduledEntry[]> {
		const left = await this.#leftGuilds();
		if (left.size === 0) return [];
		// A missed night is caught up the next day at the latest: the run only deletes what is overdue.
		return [{ id: 'daily', guildId: BOT_WIDE_GUILD_ID, spec: { kind: 'daily', time: '03:00' }, timezone: 'UTC', catchUpWindowMs: 20 * HOUR_MS }];
	}

	async #leftGuilds(): Promise<Map<string, string>> {
		if (!this.#left) {
			let record;
			try {
				record = await this.#deps.store.get(LeftGuildsRecord, LEFT_KEY);
			} catch (error) {
				this.#deps.logger.error({ err: error }, 'the list of servers awaiting deletion is damaged; starting it afresh');
			}
			this.#left = new Map(Object.entries(record?.guilds ?? {}));
		}
		return this.#left;
	}

	async #markLeft(guildId: string, at: string): Promise<void> {
		const left = await this.#leftGuilds();
		const next = await this.#deps.store.update(LeftGuildsRecord, LEFT_KEY, (current) =>
			current?.guilds[guildId] ? undefined : { guilds: { ...(current?.guilds ?? {}), [guildId]: at } },
		);
		left.set(guildId, next?.guilds[guildId] ?? at);
	}

	async #unmarkLeft(guildId: string): Promise<void> {
		const left = await this.#leftGuilds();
		if (!left.has(guildId)) return;
		await this.#deps.store.update(LeftGuildsRecord, LEFT_KEY, (current) => {
			if (!current?.guilds[guildId]) return undefined;
			const { [guildId]: _gone, ...rest } = current.guilds;
			return { guilds: rest };
		});
		left.delete(guildId);
	}
}
