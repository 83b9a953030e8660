import type { APIEmbed, APIActionRowComponent, APIComponentInMessageActionRow, APIAllowedMentions } from 'discord-api-types/v10';

/**
 * What Hearth's features ask of Discord. Features depend on this interface, never on discord.js, so their logic is
 * tested with plain fakes and end to end through the emulator. src/discord/actions.ts implements it.
 */
export interface OutgoingMessage {
	content?: string;
	embeds?: APIEmbed[];
	components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
	/** Defaults to no mentions at all: member or admin text never pings anyone unless a feature means to. */
	allowed_mentions?: APIAllowedMentions;
}

export type DiscordFailureKind =
	| 'missing_permissions'
	| 'missing_access'
	| 'unknown_channel'
	| 'unknown_member'
	| 'unknown_message'
	| 'unknown_role'
	| 'cannot_dm'
	| 'other';

/** A Discord refusal, translated so features can decide (fall back, tell admins, drop a member) without discord.js. */
export class DiscordFailure extends Error {
	override readonly name = 'DiscordFailure';
	constructor(
		readonly kind: DiscordFailureKind,
		message: string,
		readonly code?: number,
		readonly status?: number,
	) {
		super(message);
	}
}

export type ThreadKind = 'public' | 'private';
export type AutoArchiveMinutes = 60 | 1440 | 4320 | 10080;

export interface MemberInfo {
	id: string;
	displayName: string;
	roles: string[];
}

export interface ChannelInfo {
	id: string;
	name: string | null;
	guildId: string | null;
	/** Messages sent in a thread (Discord's count; Hearth never reads their content). */
	messageCount: number | null;
	archived: boolean | null;
}

/** Permission names as discord.js spells them (PermissionFlagsBits keys). */
export type PermissionName =
	| 'ViewChannel'
	| 'SendMessages'
	| 'SendMessagesInThreads'
	| 'CreatePublicThreads'
	| 'CreatePrivateThreads'
	| 'EmbedLinks'
	| 'ManageRoles'
	| 'ManageMessages'
	| 'PinMessages'
	| 'MentionEveryone';

export interface DiscordPort {
	send(channelId: string, message: OutgoingMessage): Promise<{ id: string; channelId: string }>;
	edit(channelId: string, messageId: string, message: OutgoingMessage): Promise<void>;
	startThread(
		channelId: string,
		options: { name: string; kind: ThreadKind; messageId?: string; autoArchiveMinutes?: AutoArchiveMinutes; invitable?: boolean },
	): Promise<{ id: string }>;
	addThreadMember(threadId: string, userId: string): Promise<void>;
	/** Opens (or reuses) the DM channel and sends; a member with closed DMs gives DiscordFailure 'cannot_dm'. */
	sendDirect(userId: string, message: OutgoingMessage): Promise<{ id: string; channelId: string }>;
	pin(channelId: string, messageId: string): Promise<void>;
	unpin(channelId: string, messageId: string): Promise<void>;
	addRole(guildId: string, userId: string, roleId: string, reason?: string): Promise<void>;
	removeRole(guildId: string, userId: string, roleId: string, reason?: string): Promise<void>;
	/** null when the member is not in the guild (Unknown Member). */
	fetchMember(guildId: string, userId: string): Promise<MemberInfo | null>;
	/** null when the channel does not exist (Unknown Channel) or the bot cannot see it. */
	fetchChannel(channelId: string): Promise<ChannelInfo | null>;
	/** Which of `needed` the bot lacks in a channel (from the gateway cache); [] when it has them all. */
	missingPermissions(guildId: string, channelId: string, needed: readonly PermissionName[]): Promise<PermissionName[]>;
	/** Whether the bot can give `roleId` (Manage Roles and the role below the bot's highest). */
	canAssignRole(guildId: string, roleId: string): Promise<{ ok: true } | { ok: false; reason: 'missing_permission' | 'role_too_high' | 'unknown_role' | 'managed_role' }>;
}
