import type { Clock } from '../../core/clock.js';
import type { Store } from '../../store/index.js';
import type { GuildSettingsService } from '../guild/settings.js';
import { firstRoundDate } from './cadence.js';
import { PairingConfigRecord, PairingGuildsRecord, pairingKeys, type PairingConfig } from './records.js';

export const DEFAULT_DAY = 1;
export const DEFAULT_TIME = '10:00';
export const DEFAULT_REPEAT_WINDOW = 12;

/** A guild's pairing settings before any admin changed them. */
export function defaultPairingConfig(now: Date, timezone: string, interests: readonly string[]): PairingConfig {
	return {
		channelId: null,
		everyWeeks: 1,
		day: DEFAULT_DAY,
		time: DEFAULT_TIME,
		timezone: null,
		anchorDate: firstRoundDate(DEFAULT_DAY, DEFAULT_TIME, timezone, now),
		scheduleSince: now.toISOString(),
		groupSize: 2,
		mode: 'interests',
		repeatWindow: DEFAULT_REPEAT_WINDOW,
		interests: [...interests],
		requiredRoleId: null,
		paused: false,
	};
}

/** Pairing settings per guild, defaults included, and the index of guilds that have any. */
export class PairingSettings {
	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
		private readonly guildSettings: GuildSettingsService,
		private readonly defaultInterests: () => readonly string[],
	) {}

	stored(guildId: string): Promise<PairingConfig | undefined> {
		return this.store.get(PairingConfigRecord, pairingKeys.config(guildId));
	}

	async get(guildId: string): Promise<PairingConfig> {
		return (await this.stored(guildId)) ?? this.#defaults(guildId);
	}

	/** The time zone rounds follow: the pairing's own, else the guild's. */
	async timezone(guildId: string, config?: PairingConfig): Promise<string> {
		const own = (config ?? (await this.get(guildId))).timezone;
		return own ?? (await this.guildSettings.get(guildId)).timezone;
	}

	/** Changes the settings (starting from the defaults) and files the guild in the index. */
	async update(guildId: string, change: (current: PairingConfig) => PairingConfig): Promise<PairingConfig> {
		const defaults = await this.#defaults(guildId);
		const next = await this.store.update(PairingConfigRecord, pairingKeys.config(guildId), (current) => change(current ?? defaults));
		await this.register(guildId);
		return next!;
	}

	/** Files a guild in the index the scheduler's provider loads at start-up. */
	async register(guildId: string): Promise<void> {
		await this.store.update(PairingGuildsRecord, pairingKeys.guilds(), (current) => {
			const ids = current?.guildIds ?? [];
			return ids.includes(guildId) ? undefined : { guildIds: [...ids, guildId] };
		});
	}

	async guildIds(): Promise<string[]> {
		return (await this.store.get(PairingGuildsRecord, pairingKeys.guilds()))?.guildIds ?? [];
	}

	async #defaults(guildId: string): Promise<PairingConfig> {
		const tz = (await this.guildSettings.get(guildId)).timezone;
		return defaultPairingConfig(this.clock.now(), tz, this.defaultInterests());
	}
}
