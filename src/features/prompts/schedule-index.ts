import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../log.js';
import type { ScheduledEntry } from '../../scheduler/scheduler.js';
import { keys, type Store } from '../../store/index.js';
import { DEFAULT_GUILD_SETTINGS, GuildSettingsRecord, type GuildSettingsService } from '../guild/settings.js';
import { CustomQuestionsRecord, PromptConfigRecord, PromptScheduleMirrorRecord, promptKeys, type PromptConfig, type PromptScheduleMirror } from './records.js';

/** How often the time zones of guilds that follow their server's default are read again (the server may change it). */
export const GUILD_ZONE_REFRESH_MS = 60 * 60_000;

interface IndexedSchedule {
	mirror: PromptScheduleMirror;
	entry: ScheduledEntry;
}

/**
 * Every guild's prompt schedule (and config), in memory: the scheduler asks for it every minute. It is loaded once at
 * start-up from the config mirrors (one range scan of `meta:prompt-schedule:`, not of every guild's data), and kept
 * current by the feature: each config change rewrites the guild's mirror from the stored config, and a post that
 * finds the stored config different from its copy (or gone) puts it right.
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
	) {
		// Entries that follow the server's zone move as soon as it changes (the hourly re-read is only a safety net).
		settings.onChange((guildId, changed) => this.#followServerZone(guildId, changed.timezone));
	}

	/** Loads every guild's schedule once; later calls wait for the same load. */
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

	/**
	 * Brings a guild's mirror and entry in line with its stored config (the argument is ignored: the stored config is
	 * read again in the config key's queue, after any change in flight, so a quick succession of changes can never
	 * leave an older one behind).
	 */
	async apply(guildId: string, _config?: PromptConfig): Promise<void> {
		const mirrorKey = promptKeys.mirror(guildId);
		await this.store.locked(promptKeys.config(guildId), async () => {
			const [config, current] = await Promise.all([
				this.store.get(PromptConfigRecord, promptKeys.config(guildId)),
				this.store.get(PromptScheduleMirrorRecord, mirrorKey).catch(() => undefined),
			]);
			const hasQuestions = current ? current.hasQuestions : await this.#hasQuestions(guildId);
			const next = mirrorOf(config, hasQuestions);
			if (!next) {
				if (current) await this.store.delete(mirrorKey);
			} else if (!current || !sameMirror(current, next)) await this.store.set(PromptScheduleMirrorRecord, mirrorKey, next);
			if (this.#loading) {
				await this.#loading;
				await this.#put(guildId, next);
			}
		});
	}

	/** The guild's config as last written by the feature, while it has a complete schedule. */
	configOf(guildId: string): PromptConfig | undefined {
		return this.#byGuild.get(guildId)?.mirror.config;
	}

	/** True when the config read by a post no longer matches the guild's entry (a change made behind the index's back). */
	isStale(guildId: string, config: PromptConfig | undefined): boolean {
		const indexed = this.#byGuild.get(guildId)?.mirror;
		const fresh = mirrorOf(config, indexed?.hasQuestions ?? true);
		if (!indexed || !fresh) return indexed !== fresh;
		return !sameMirror(indexed, fresh);
	}

	/** False only when the guild is known to have no questions of its own (nothing but the feature writes them). */
	mayHaveQuestions(guildId: string): boolean {
		return this.#byGuild.get(guildId)?.mirror.hasQuestions ?? true;
	}

	/** The feature changed a guild's own questions. */
	async noteQuestions(guildId: string, count: number): Promise<void> {
		const hasQuestions = count > 0;
		const mirrorKey = promptKeys.mirror(guildId);
		await this.store.locked(promptKeys.config(guildId), async () => {
			const current = await this.store.get(PromptScheduleMirrorRecord, mirrorKey).catch(() => undefined);
			if (!current || current.hasQuestions === hasQuestions) return;
			const next = { ...current, hasQuestions };
			await this.store.set(PromptScheduleMirrorRecord, mirrorKey, next);
			if (this.#loading) {
				await this.#loading;
				await this.#put(guildId, next);
			}
		});
	}

	async #hasQuestions(guildId: string): Promise<boolean> {
		try {
			return ((await this.store.get(CustomQuestionsRecord, promptKeys.custom(guildId)))?.questions.length ?? 0) > 0;
		} catch {
			return true;
		}
	}

	/** The zone a guild's prompts run in: its own, else the server default (read now, and passed on to the entry). */
	async timezoneOf(guildId: string, config: PromptConfig): Promise<string> {
		if (config.timezone) return config.timezone;
		const zone = (await this.settings.get(guildId)).timezone;
		this.#followServerZone(guildId, zone);
		return zone;
	}

	#followServerZone(guildId: string, zone: string): void {
		if (this.#guildZones.get(guildId) === zone) return;
		this.#guildZones.set(guildId, zone);
		const indexed = this.#byGuild.get(guildId);
		if (indexed && indexed.mirror.config.timezone === null) this.#set(guildId, indexed.mirror);
	}

	async #put(guildId: string, mirror: PromptScheduleMirror | undefined): Promise<void> {
		if (mirror && mirror.config.timezone === null && !this.#guildZones.has(guildId)) {
			this.#guildZones.set(guildId, (await this.settings.get(guildId)).timezone);
		}
		this.#set(guildId, mirror);
	}

	#set(guildId: string, mirror: PromptScheduleMirror | undefined): void {
		this.#list = null;
		if (!mirror) {
			this.#byGuild.delete(guildId);
			return;
		}
		const { config } = mirror;
		if (!config.schedule) return;
		const entry: ScheduledEntry = {
			// The scheduler keys its cache by provider and entry id, so the id is the guild's own.
			id: guildId,
			guildId,
			spec: config.schedule,
			timezone: config.timezone ?? this.#guildZones.get(guildId) ?? DEFAULT_GUILD_SETTINGS.timezone,
			notBefore: new Date(config.configuredAt),
			paused: config.paused,
		};
		this.#byGuild.set(guildId, { mirror, entry });
	}

	async #load(): Promise<void> {
		const started = performance.now();
		const prefix = promptKeys.mirrorPrefix();
		const mirrors: Array<[string, PromptScheduleMirror]> = [];
		for (const [key, mirror] of await this.store.entries(PromptScheduleMirrorRecord, prefix)) {
			const guildId = key.slice(prefix.length);
			if (/^\d{1,25}$/.test(guildId)) mirrors.push([guildId, mirror]);
		}
		await this.#readGuildZones(mirrors.filter(([, m]) => m.config.timezone === null).map(([guildId]) => guildId));
		this.#zonesReadAt = this.clock.now().getTime();
		for (const [guildId, mirror] of mirrors) this.#set(guildId, mirror);
		this.logger.info({ guilds: this.#byGuild.size, ms: Math.round(performance.now() - started) }, 'prompt schedules loaded');
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
		const following = [...this.#byGuild.values()].filter((s) => s.mirror.config.timezone === null).map((s) => s.entry.guildId);
		if (following.length === 0) return;
		try {
			await this.#readGuildZones(following);
		} catch (error) {
			this.logger.warn({ err: error }, 'could not read server time zones; keeping the last known ones');
			return;
		}
		for (const guildId of following) {
			const indexed = this.#byGuild.get(guildId);
			if (indexed && indexed.entry.timezone !== this.#guildZones.get(guildId)) this.#set(guildId, indexed.mirror);
		}
	}
}

/** The mirror of a config that can post; nothing when it cannot (no channel or no schedule) or is gone. */
function mirrorOf(config: PromptConfig | undefined, hasQuestions: boolean): PromptScheduleMirror | undefined {
	if (!config?.channelId || !config.schedule) return undefined;
	return { config, hasQuestions };
}

function sameMirror(a: PromptScheduleMirror, b: PromptScheduleMirror): boolean {
	return a.hasQuestions === b.hasQuestions && JSON.stringify(a.config) === JSON.stringify(b.config);
}
