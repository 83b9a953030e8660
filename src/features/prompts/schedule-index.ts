import type { Clock } from '../../core/clock.js';
import type { GuildSettingsService } from '../guild/settings.js';
import { GuildSettingsRecord, DEFAULT_GUILD_SETTINGS } from '../guild/settings.js';
import type { Logger } from '../../log.js';
import type { ScheduledEntry } from '../../scheduler/scheduler.js';
import { decodeRecord, guildOfKey, keys, type Store } from '../../store/index.js';
import { PromptConfigRecord, type PromptConfig } from './records.js';

const CONFIG_SUFFIX = ':prompt:config';

/** How often the time zones of guilds that follow their server's default are read again (the server may change it). */
export const GUILD_ZONE_REFRESH_MS = 60 * 60_000;

interface IndexedSchedule {
	config: PromptConfig;
	entry: ScheduledEntry;
}

/**
 * Every guild's prompt schedule, in memory: the scheduler asks for it every minute, so it is read from the store once
 * (one prefix scan) and then kept current by the feature's own config writes.
 */
export class PromptScheduleIndex {
	readonly #byGuild = new Map<string, IndexedSchedule>();
	/** Server default zones of guilds whose prompt config follows the server. */
	readonly #guildZones = new Map<string, string>();
	#list: ScheduledEntry[] | null = null;
	#loading: Promise<void> | undefined;
	#zonesReadAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly store: Store,
		private readonly settings: GuildSettingsService,
		private readonly clock: Clock,
		private readonly logger: Logger,
		/** Told about each guild whose stored config cannot be read, so its admins can hear of it. */
		private readonly onDamaged: (guildId: string, reason: string) => Promise<void> = async () => {},
	) {}

	get loaded(): boolean {
		return this.#loading !== undefined;
	}

	/** Loads every guild's config once; later calls wait for the same load. */
	ready(): Promise<void> {
		this.#loading ??= this.#load().catch((error: unknown) => {
			this.#loading = undefined;
			throw error;
		});
		return this.#loading;
	}

	/** The entries to hand to the scheduler; refreshes followed server zones now and then. */
	async entries(now: Date): Promise<ScheduledEntry[]> {
		await this.ready();
		if (now.getTime() - this.#zonesReadAt >= GUILD_ZONE_REFRESH_MS) await this.#refreshGuildZones(now);
		this.#list ??= [...this.#byGuild.values()].map((s) => s.entry);
		return this.#list;
	}

	/** The scheduler entry of one guild, if it has a complete schedule. */
	entryOf(guildId: string): ScheduledEntry | undefined {
		return this.#byGuild.get(guildId)?.entry;
	}

	/** Records a config the feature just wrote (or its deletion). Before the first load nothing is needed: the load reads it. */
	async apply(guildId: string, config: PromptConfig | undefined): Promise<void> {
		if (!this.#loading) return;
		await this.#loading;
		if (config && config.timezone === null && !this.#guildZones.has(guildId)) {
			this.#guildZones.set(guildId, (await this.settings.get(guildId)).timezone);
		}
		this.#set(guildId, config);
	}

	/** The zone a guild's prompts run in: its own, else the server default. */
	async timezoneOf(guildId: string, config: PromptConfig): Promise<string> {
		if (config.timezone) return config.timezone;
		return this.#guildZones.get(guildId) ?? (await this.settings.get(guildId)).timezone;
	}

	#set(guildId: string, config: PromptConfig | undefined): void {
		this.#list = null;
		if (!config || !config.channelId || !config.schedule) {
			this.#byGuild.delete(guildId);
			return;
		}
		const timezone = config.timezone ?? this.#guildZones.get(guildId) ?? DEFAULT_GUILD_SETTINGS.timezone;
		const entry: ScheduledEntry = {
			// The scheduler keys its cache by provider and entry id, so the id is the guild's own.
			id: guildId,
			guildId,
			spec: config.schedule,
			timezone,
			notBefore: new Date(config.configuredAt),
			paused: config.paused,
		};
		this.#byGuild.set(guildId, { config, entry });
	}

	async #load(): Promise<void> {
		const started = performance.now();
		// Configs live at g:<guild>:prompt:config; one scan of the guilds' range, every other record passed over.
		const configs: Array<[string, PromptConfig]> = [];
		const damaged: Array<[string, string]> = [];
		for (const [key, raw] of await this.store.rawEntries('g:')) {
			if (!key.endsWith(CONFIG_SUFFIX) || (raw as { k?: unknown } | null)?.k !== PromptConfigRecord.kind) continue;
			const guildId = guildOfKey(key);
			if (!guildId || key !== keys.guild(guildId, 'prompt', 'config')) continue;
			const decoded = decodeRecord(PromptConfigRecord, raw);
			if (decoded.ok) configs.push([guildId, decoded.value]);
			else damaged.push([guildId, decoded.reason]);
		}
		await this.#readGuildZones(configs.filter(([, c]) => c.timezone === null).map(([guildId]) => guildId));
		this.#zonesReadAt = this.clock.now().getTime();
		for (const [guildId, config] of configs) this.#set(guildId, config);
		this.logger.info({ guilds: this.#byGuild.size, damaged: damaged.length, ms: Math.round(performance.now() - started) }, 'prompt schedules loaded');
		for (const [guildId, reason] of damaged) {
			this.logger.error({ guildId, reason }, 'damaged prompt settings; this guild has no prompts until they are reset');
			await this.onDamaged(guildId, reason).catch(() => undefined);
		}
	}

	async #readGuildZones(guildIds: readonly string[]): Promise<void> {
		const found = await this.store.getMany(
			GuildSettingsRecord,
			guildIds.map((g) => keys.guild(g, 'settings')),
		);
		guildIds.forEach((guildId, i) => this.#guildZones.set(guildId, found[i]?.timezone ?? DEFAULT_GUILD_SETTINGS.timezone));
	}

	async #refreshGuildZones(now: Date): Promise<void> {
		this.#zonesReadAt = now.getTime();
		const following = [...this.#byGuild.values()].filter((s) => s.config.timezone === null).map((s) => s.entry.guildId);
		if (following.length === 0) return;
		try {
			await this.#readGuildZones(following);
		} catch (error) {
			this.logger.warn({ err: error }, 'could not read server time zones; keeping the last known ones');
			return;
		}
		for (const guildId of following) {
			const indexed = this.#byGuild.get(guildId);
			if (indexed && indexed.entry.timezone !== this.#guildZones.get(guildId)) this.#set(guildId, indexed.config);
		}
	}
}
