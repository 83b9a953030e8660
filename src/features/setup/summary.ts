import { EmbedBuilder } from '@discordjs/builders';
import type { Clock } from '../../core/clock.js';
import type { DiscordPort } from '../../core/discord-port.js';
import type { Logger } from '../../log.js';
import { localDate, type ScheduleSpec } from '../../scheduler/schedule.js';
import type { DueWorkProvider, Occurrence, ScheduledEntry } from '../../scheduler/scheduler.js';
import { HOUR_MS } from '../../scheduler/timezone.js';
import type { Strings } from '../../strings/index.js';
import type { AdminNotices } from '../guild/notices.js';
import type { GuildSettings, GuildSettingsService } from '../guild/settings.js';
import type { Feature } from '../types.js';

/** Mondays at 09:00 in the server's time zone: the start of the admins' week. */
export const WEEKLY_SUMMARY_SCHEDULE: ScheduleSpec = { kind: 'weekly', days: [1], time: '09:00' };
const WEEK_MS = 7 * 24 * HOUR_MS;
const HEARTH_COLOR = 0xe8744f;

export interface WeeklySummaryDeps {
	clock: Clock;
	settings: GuildSettingsService;
	features: readonly Feature[];
	discord: DiscordPort;
	notices: AdminNotices;
	strings: Strings;
	logger: Logger;
}

/**
 * Sends each server's admin log channel a weekly summary (prompts posted and answered, pairs made and met, challenge
 * check-ins), built from every feature's weeklySummary. Its schedules come from an in-memory index of servers with a
 * log channel, filled at start-up and kept current by every settings change.
 */
export class WeeklySummary implements DueWorkProvider {
	readonly name = 'weekly-summary';
	readonly #deps: WeeklySummaryDeps;
	readonly #guilds = new Map<string, { timezone: string; channelId: string; notBefore?: Date }>();

	constructor(deps: WeeklySummaryDeps) {
		this.#deps = deps;
		// A log channel set (or switched on) just now starts with the coming Monday, not a catch-up of the last one.
		deps.settings.onChange((guildId, settings) => this.track(guildId, settings, { startsNow: true }));
	}

	/** Puts a server in or out of the summary schedule according to its settings. */
	track(guildId: string, settings: GuildSettings, options: { startsNow?: boolean } = {}): void {
		const channelId = settings.adminLogChannelId;
		if (!channelId || !settings.weeklySummary || settings.leftAt) {
			this.#guilds.delete(guildId);
			return;
		}
		const current = this.#guilds.get(guildId);
		// Strictly after now: a channel set at 09:00 sharp on a Monday does not get last week's summary either.
		const notBefore = current ? current.notBefore : options.startsNow ? new Date(this.#deps.clock.now().getTime() + 1) : undefined;
		this.#guilds.set(guildId, { timezone: settings.timezone, channelId, ...(notBefore ? { notBefore } : {}) });
	}

	forget(guildId: string): void {
		this.#guilds.delete(guildId);
	}

	schedules(): ScheduledEntry[] {
		const entries: ScheduledEntry[] = [];
		for (const [guildId, { timezone, notBefore }] of this.#guilds) {
			entries.push({ id: 'weekly', guildId, spec: WEEKLY_SUMMARY_SCHEDULE, timezone, catchUpWindowMs: 12 * HOUR_MS, ...(notBefore ? { notBefore } : {}) });
		}
		return entries;
	}

	async run(entry: ScheduledEntry, occurrence: Occurrence): Promise<void> {
		const { settings, discord, notices, strings, logger } = this.#deps;
		const guildId = entry.guildId;
		const current = await settings.get(guildId);
		if (!current.adminLogChannelId || !current.weeklySummary || current.leftAt) return;
		const until = occurrence.at;
		const since = new Date(until.getTime() - WEEK_MS);
		const message = await this.render(guildId, since, until, current.timezone);
		try {
			await discord.send(current.adminLogChannelId, { embeds: [message] });
			await notices.resolve(guildId, 'setup:summary-failed');
		} catch (error) {
			logger.warn({ err: error, guildId }, 'could not send the weekly summary');
			await notices.notify(guildId, 'setup:summary-failed', strings.setup.summary.couldNotSend(`<#${current.adminLogChannelId}>`));
		}
	}

	/** The summary embed for one week; a feature that fails is named instead of stopping the rest. */
	async render(guildId: string, since: Date, until: Date, timezone: string) {
		const { features, strings, logger } = this.#deps;
		const words = strings.setup.summary;
		const embed = new EmbedBuilder()
			.setColor(HEARTH_COLOR)
			.setTitle(words.title)
			.setDescription(words.period(localDate(since, timezone), localDate(new Date(until.getTime() - 1), timezone)));
		let any = false;
		for (const feature of features) {
			let lines: string[];
			try {
				lines = await feature.weeklySummary(guildId, since, until);
			} catch (error) {
				logger.error({ err: error, guildId, feature: feature.name }, 'a feature could not summarize its week');
				lines = [words.featureFailed];
			}
			if (lines.length === 0) continue;
			any = true;
			embed.addFields({ name: featureTitle(strings, feature.name), value: clip(lines.map((l) => `• ${l}`).join('\n'), 1024) });
		}
		if (!any) embed.addFields({ name: words.quietTitle, value: words.quiet });
		return embed.toJSON();
	}
}

export function featureTitle(strings: Strings, name: string): string {
	return (strings.setup.featureNames as Record<string, string>)[name] ?? name;
}

export function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
