import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { DiscordPort } from '../../core/discord-port.js';
import type { Logger } from '../../log.js';
import { defineRecord, keys, type Store } from '../../store/index.js';
import type { GuildSettingsService } from './settings.js';

const NoticeSchema = z.object({
	/** Same key, same problem: an admin is told once, not once per occurrence. */
	key: z.string().max(200),
	text: z.string().max(1800),
	at: z.string().datetime(),
});
export type AdminNotice = z.infer<typeof NoticeSchema>;

export const PendingNoticesRecord = defineRecord({
	kind: 'admin-notices',
	version: 1,
	schema: z.object({ notices: z.array(NoticeSchema).max(50), told: z.array(z.string().max(200)).max(200) }),
	label: 'admin notices',
});

/**
 * Tells a guild's admins about failures exactly once: in the admin log channel when one is set, otherwise to the
 * next admin who uses a Hearth admin command.
 */
export class AdminNotices {
	constructor(
		private readonly store: Store,
		private readonly settings: GuildSettingsService,
		private readonly discord: DiscordPort,
		private readonly clock: Clock,
		private readonly logger: Logger,
	) {}

	/** `key` names the problem (e.g. `prompt:channel-missing:<channel>`); repeats of a told key are dropped until `resolve(key)`. */
	async notify(guildId: string, key: string, text: string): Promise<void> {
		const stored = await this.store.update(PendingNoticesRecord, keys.guild(guildId, 'notices'), (current) => {
			const state = current ?? { notices: [], told: [] };
			if (state.told.includes(key) || state.notices.some((n) => n.key === key)) return undefined;
			return { ...state, notices: [...state.notices, { key, text, at: this.clock.now().toISOString() }].slice(-50) };
		});
		if (!stored?.notices.some((n) => n.key === key)) return;
		const { adminLogChannelId } = await this.settings.get(guildId);
		if (!adminLogChannelId) return;
		try {
			await this.discord.send(adminLogChannelId, { content: text });
			await this.#markTold(guildId, [key]);
		} catch (error) {
			// The log channel itself is broken: the notice stays pending for the next admin.
			this.logger.warn({ guildId, err: error }, 'admin log channel unusable; notice kept for the next admin');
		}
	}

	/** The pending notices, marked as told. The router shows them to the admin who just ran a command. */
	async takePending(guildId: string): Promise<AdminNotice[]> {
		const key = keys.guild(guildId, 'notices');
		let taken: AdminNotice[] = [];
		await this.store.update(PendingNoticesRecord, key, (current) => {
			if (!current || current.notices.length === 0) return undefined;
			taken = current.notices;
			return { notices: [], told: [...current.told, ...taken.map((n) => n.key)].slice(-200) };
		});
		return taken;
	}

	/** The problem is gone (e.g. a post succeeded again): the next time it happens, admins hear about it again. */
	async resolve(guildId: string, keyPrefix: string): Promise<void> {
		await this.store.update(PendingNoticesRecord, keys.guild(guildId, 'notices'), (current) => {
			if (!current) return undefined;
			const told = current.told.filter((k) => !k.startsWith(keyPrefix));
			const notices = current.notices.filter((n) => !n.key.startsWith(keyPrefix));
			if (told.length === current.told.length && notices.length === current.notices.length) return undefined;
			return { notices, told };
		});
	}

	/**
	 * A member deleted their data: notices still waiting for an admin name them as `replacement` instead (the problem
	 * is still reported, the person is not).
	 */
	async forgetMember(guildId: string, userId: string, replacement: string): Promise<void> {
		if (!/^\d+$/.test(userId)) return;
		const id = new RegExp(`<@!?${userId}>|(?<!\\d)${userId}(?!\\d)`, 'g');
		await this.store.update(PendingNoticesRecord, keys.guild(guildId, 'notices'), (current) => {
			if (!current) return undefined;
			const mentions = (text: string) => text.includes(userId);
			if (!current.notices.some((n) => mentions(n.text) || mentions(n.key)) && !current.told.some(mentions)) return undefined;
			return {
				notices: current.notices.map((n) => ({ ...n, key: n.key.replace(id, 'deleted'), text: n.text.replace(id, replacement).slice(0, 1800) })),
				told: current.told.map((k) => k.replace(id, 'deleted')),
			};
		});
	}

	async #markTold(guildId: string, told: string[]): Promise<void> {
		await this.store.update(PendingNoticesRecord, keys.guild(guildId, 'notices'), (current) => {
			if (!current) return undefined;
			return {
				notices: current.notices.filter((n) => !told.includes(n.key)),
				told: [...current.told, ...told].slice(-200),
			};
		});
	}
}
