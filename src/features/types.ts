import type { Clock } from '../core/clock.js';
import type { DiscordPort } from '../core/discord-port.js';
import type { Logger } from '../log.js';
import type { DueWorkProvider } from '../scheduler/scheduler.js';
import type { Store } from '../store/index.js';
import type { Strings } from '../strings/index.js';
import type { AdminNotices } from './guild/notices.js';
import type { AuditLog } from './guild/audit.js';
import type { GuildSettingsService } from './guild/settings.js';

/** What every feature is built from. Time, randomness (via `seed`) and Discord are parameters. */
export interface FeatureDeps {
	store: Store;
	clock: Clock;
	logger: Logger;
	discord: DiscordPort;
	strings: Strings;
	settings: GuildSettingsService;
	notices: AdminNotices;
	audit: AuditLog;
	/** Base seed for reproducible randomness (rounds, picks); combined with guild ids and occurrences. */
	seed: string;
	/**
	 * Call when Discord says a member is gone (Unknown Member): removes everything Hearth keeps about them in that
	 * guild, across features. Bound by services.ts; absent in unit tests of a single feature.
	 */
	memberLeft?: (guildId: string, userId: string) => Promise<void>;
}

/** What a member can see, export and delete, per feature (issue: members' data rights). */
export interface MemberData {
	/** Plain JSON of everything this feature keeps about the member in this guild (for /privacy show and export). */
	exportMember(guildId: string, userId: string): Promise<Record<string, unknown>>;
	/** Deletes it, including the member's traces in shared records, leaving other members' records intact. */
	deleteMember(guildId: string, userId: string): Promise<void>;
}

export interface Feature extends MemberData {
	readonly name: string;
	/** Scheduled work this feature owns; the scheduler asks them what is due every minute. */
	readonly providers: DueWorkProvider[];
	/** Lines for /config show. */
	describeConfig(guildId: string): Promise<{ title: string; lines: string[] }>;
	/** Lines for the admins' weekly summary. */
	weeklySummary(guildId: string, since: Date, until: Date): Promise<string[]>;
}
