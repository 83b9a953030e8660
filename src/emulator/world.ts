import { ChannelType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type {
	APIApplicationCommand,
	APIChannel,
	APIEmbed,
	APIGuildMember,
	APIMessage,
	APIRole,
	APIThreadMember,
	APIUser,
	GatewayGuildCreateDispatchData,
	GuildMemberFlags,
	RoleFlags,
	ThreadMemberFlags,
	UserFlags,
} from 'discord-api-types/v10';
import { SnowflakeFactory, snowflakeTime } from './snowflake.js';

/** Everything the emulator knows about the world, as plain records; `api*` functions turn them into Discord payloads. */

export interface UserRecord {
	id: string;
	username: string;
	globalName: string | null;
	bot: boolean;
	/** The member turned off "Direct Messages from server members": DMs answer 50007. */
	dmsClosed: boolean;
	locale: string;
}

export interface RoleRecord {
	id: string;
	guildId: string;
	name: string;
	permissions: bigint;
	position: number;
	managed: boolean;
	botId?: string;
	color: number;
	hoist: boolean;
	mentionable: boolean;
}

export interface MemberRecord {
	userId: string;
	/** Role ids, never including @everyone (as Discord sends them). */
	roles: string[];
	nick: string | null;
	joinedAt: string;
}

export interface GuildRecord {
	id: string;
	name: string;
	ownerId: string;
	everyoneRoleId: string;
	botRoleId: string;
	adminRoleId?: string;
	/** Server Settings → Integrations: command name → role or user ids allowed to use it whatever its default_member_permissions. */
	commandGrants: Map<string, Set<string>>;
	roles: Map<string, RoleRecord>;
	members: Map<string, MemberRecord>;
	botPresent: boolean;
	locale: string;
	systemChannelId: string | null;
	botJoinedAt: string;
}

export interface Overwrite {
	id: string;
	/** 0 = role, 1 = member. */
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface ThreadState {
	ownerId: string;
	archived: boolean;
	locked: boolean;
	invitable: boolean;
	autoArchiveDuration: 60 | 1440 | 4320 | 10080;
	archiveTimestamp: string;
	createTimestamp: string;
	/** userId → join timestamp (ISO). */
	members: Map<string, string>;
	messageCount: number;
	totalMessageSent: number;
	fromMessageId: string | null;
}

export interface ChannelRecord {
	id: string;
	type: ChannelType;
	guildId: string | null;
	name: string | null;
	parentId: string | null;
	position: number;
	topic: string | null;
	nsfw: boolean;
	rateLimitPerUser: number;
	overwrites: Overwrite[];
	/** For DM channels: the other person. */
	recipientId?: string;
	thread?: ThreadState;
	messageIds: string[];
	lastMessageId: string | null;
	lastPinTimestamp: string | null;
	pins: { messageId: string; pinnedAt: string }[];
	deleted: boolean;
	flags: number;
}

/** A fresh channel: no messages, pins or overwrites yet; `fields` say what kind and where. */
export function newChannelRecord(
	fields: Pick<ChannelRecord, 'id' | 'type' | 'guildId' | 'name'> & Partial<Omit<ChannelRecord, 'id' | 'type' | 'guildId' | 'name'>>,
): ChannelRecord {
	return {
		parentId: null,
		position: 0,
		topic: null,
		nsfw: false,
		rateLimitPerUser: 0,
		overwrites: [],
		messageIds: [],
		lastMessageId: null,
		lastPinTimestamp: null,
		pins: [],
		deleted: false,
		flags: 0,
		...fields,
	};
}

export interface StoredFile {
	id: string;
	name: string;
	contentType: string;
	size: number;
	data: Buffer;
	description?: string;
	url: string;
}

export interface MessageInteractionInfo {
	id: string;
	/** InteractionType: 2 command, 3 component, 5 modal. */
	type: number;
	userId: string;
	commandName?: string;
	commandType?: number;
	originalResponseMessageId?: string;
	interactedMessageId?: string;
	triggeringInteraction?: { id: string; type: number; userId: string };
	guildId: string | null;
}

export interface MessageRecord {
	id: string;
	channelId: string;
	guildId: string | null;
	authorId: string;
	content: string;
	embeds: APIEmbed[];
	components: unknown[];
	attachments: StoredFile[];
	flags: number;
	type: MessageType;
	tts: boolean;
	pinned: boolean;
	mentionEveryone: boolean;
	mentionUserIds: string[];
	mentionRoleIds: string[];
	allowedMentions: unknown;
	messageReference?: { message_id: string; channel_id: string; guild_id?: string };
	createdAt: number;
	editedAt: number | null;
	deleted: boolean;
	webhookId?: string;
	applicationId?: string;
	interaction?: MessageInteractionInfo;
	/** Ephemeral messages are seen by one person only. */
	visibleTo?: string;
	/** The thread started from this message, if any. */
	threadId?: string;
	nonce?: string | number;
	reactions: Map<string, Set<string>>;
}

export interface CommandRecord {
	id: string;
	applicationId: string;
	guildId: string | null;
	version: string;
	body: Record<string, unknown>;
}

export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export class World {
	readonly ids = new SnowflakeFactory();
	readonly users = new Map<string, UserRecord>();
	readonly guilds = new Map<string, GuildRecord>();
	readonly channels = new Map<string, ChannelRecord>();
	readonly messages = new Map<string, MessageRecord>();
	readonly files = new Map<string, StoredFile>();
	/** userId → DM channel id between the bot and that user. */
	readonly dmChannels = new Map<string, string>();
	/** 'global' or a guild id → commands. */
	readonly commands = new Map<string, CommandRecord[]>();
	baseUrl = 'http://127.0.0.1';

	constructor(
		readonly botUserId: string,
		readonly applicationId: string,
		readonly botUsername: string,
	) {
		this.users.set(botUserId, {
			id: botUserId,
			username: botUsername,
			globalName: null,
			bot: true,
			dmsClosed: true,
			locale: 'en-US',
		});
	}

	// ── look-ups ────────────────────────────────────────────────────────────────

	user(id: string): UserRecord | undefined {
		return this.users.get(id);
	}

	guild(id: string): GuildRecord | undefined {
		return this.guilds.get(id);
	}

	channel(id: string): ChannelRecord | undefined {
		const c = this.channels.get(id);
		return c && !c.deleted ? c : undefined;
	}

	message(channelId: string, id: string): MessageRecord | undefined {
		const m = this.messages.get(id);
		return m && !m.deleted && m.channelId === channelId ? m : undefined;
	}

	/** The channel whose permission overwrites apply: a thread's parent, else the channel itself. */
	permissionChannel(channel: ChannelRecord): ChannelRecord {
		if (channel.thread && channel.parentId) return this.channels.get(channel.parentId) ?? channel;
		return channel;
	}

	isThread(channel: ChannelRecord): boolean {
		return (
			channel.type === ChannelType.PublicThread ||
			channel.type === ChannelType.PrivateThread ||
			channel.type === ChannelType.AnnouncementThread
		);
	}

	isTextBased(channel: ChannelRecord): boolean {
		return (
			channel.type === ChannelType.GuildText ||
			channel.type === ChannelType.DM ||
			channel.type === ChannelType.GuildAnnouncement ||
			channel.type === ChannelType.GuildVoice ||
			this.isThread(channel)
		);
	}

	/** Guild channels (not threads) in position order. */
	guildChannels(guildId: string): ChannelRecord[] {
		return [...this.channels.values()]
			.filter((c) => !c.deleted && c.guildId === guildId && !c.thread)
			.sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
	}

	guildThreads(guildId: string): ChannelRecord[] {
		return [...this.channels.values()].filter((c) => !c.deleted && c.guildId === guildId && c.thread);
	}

	highestRole(guild: GuildRecord, userId: string): RoleRecord | undefined {
		const member = guild.members.get(userId);
		if (!member) return undefined;
		let best: RoleRecord | undefined;
		for (const id of member.roles) {
			const role = guild.roles.get(id);
			if (role && (!best || compareRoles(role, best) > 0)) best = role;
		}
		return best ?? guild.roles.get(guild.everyoneRoleId);
	}

	// ── payloads ────────────────────────────────────────────────────────────────

	apiUser(id: string): APIUser {
		const u = this.users.get(id);
		if (!u) {
			return { id, username: 'deleted_user', discriminator: '0', global_name: null, avatar: null };
		}
		const user: APIUser = {
			id: u.id,
			username: u.username,
			discriminator: u.bot ? '0000' : '0',
			global_name: u.globalName,
			avatar: null,
			avatar_decoration_data: null,
			public_flags: 0 as UserFlags,
			flags: 0 as UserFlags,
			banner: null,
			accent_color: null,
		};
		if (u.bot) user.bot = true;
		return user;
	}

	apiRole(role: RoleRecord): APIRole {
		const api: APIRole = {
			id: role.id,
			name: role.name,
			color: role.color,
			colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
			hoist: role.hoist,
			icon: null,
			unicode_emoji: null,
			position: role.position,
			permissions: role.permissions.toString(),
			managed: role.managed,
			mentionable: role.mentionable,
			flags: 0 as RoleFlags,
		};
		if (role.botId) api.tags = { bot_id: role.botId };
		return api;
	}

	apiMember(guild: GuildRecord, member: MemberRecord, withUser = true): APIGuildMember {
		const api = {
			user: this.apiUser(member.userId),
			nick: member.nick,
			avatar: null,
			banner: null,
			roles: [...member.roles],
			joined_at: member.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0 as GuildMemberFlags,
			pending: false,
			communication_disabled_until: null,
		} satisfies APIGuildMember;
		if (!withUser) {
			const { user: _user, ...rest } = api;
			return rest as unknown as APIGuildMember;
		}
		return api;
	}

	apiOverwrites(channel: ChannelRecord): { id: string; type: 0 | 1; allow: string; deny: string }[] {
		return channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() }));
	}

	apiThreadMember(thread: ChannelRecord, userId: string): APIThreadMember | undefined {
		const joined = thread.thread?.members.get(userId);
		if (!joined) return undefined;
		return { id: thread.id, user_id: userId, join_timestamp: joined, flags: 0 as ThreadMemberFlags };
	}

	/** A channel as REST and the gateway send it. `forBot` adds the bot's thread membership. */
	apiChannel(channel: ChannelRecord, opts: { forBot?: boolean } = {}): APIChannel {
		if (channel.type === ChannelType.DM) {
			return {
				id: channel.id,
				type: ChannelType.DM,
				last_message_id: channel.lastMessageId,
				flags: 0,
				recipients: channel.recipientId ? [this.apiUser(channel.recipientId)] : [],
			} as unknown as APIChannel;
		}
		const base: Record<string, unknown> = {
			id: channel.id,
			type: channel.type,
			guild_id: channel.guildId,
			name: channel.name,
			flags: channel.flags,
		};
		if (channel.thread) {
			const t = channel.thread;
			Object.assign(base, {
				parent_id: channel.parentId,
				owner_id: t.ownerId,
				last_message_id: channel.lastMessageId,
				last_pin_timestamp: channel.lastPinTimestamp,
				rate_limit_per_user: channel.rateLimitPerUser,
				message_count: t.messageCount,
				member_count: Math.min(t.members.size, 50),
				total_message_sent: t.totalMessageSent,
				thread_metadata: {
					archived: t.archived,
					auto_archive_duration: t.autoArchiveDuration,
					archive_timestamp: t.archiveTimestamp,
					locked: t.locked,
					create_timestamp: t.createTimestamp,
					...(channel.type === ChannelType.PrivateThread ? { invitable: t.invitable } : {}),
				},
			});
			if (opts.forBot) {
				const member = this.apiThreadMember(channel, this.botUserId);
				if (member) base['member'] = member;
			}
			return base as unknown as APIChannel;
		}
		Object.assign(base, {
			position: channel.position,
			permission_overwrites: this.apiOverwrites(channel),
			parent_id: channel.parentId,
			nsfw: channel.nsfw,
		});
		if (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement) {
			Object.assign(base, {
				topic: channel.topic,
				last_message_id: channel.lastMessageId,
				last_pin_timestamp: channel.lastPinTimestamp,
				rate_limit_per_user: channel.rateLimitPerUser,
				default_auto_archive_duration: 4320,
				default_thread_rate_limit_per_user: 0,
			});
		} else if (channel.type === ChannelType.GuildVoice) {
			Object.assign(base, {
				bitrate: 64000,
				user_limit: 0,
				rtc_region: null,
				last_message_id: channel.lastMessageId,
				rate_limit_per_user: channel.rateLimitPerUser,
			});
		}
		return base as unknown as APIChannel;
	}

	apiMessage(m: MessageRecord): APIMessage {
		const api: Record<string, unknown> = {
			id: m.id,
			type: m.type,
			channel_id: m.channelId,
			author: this.apiUser(m.authorId),
			content: m.content,
			timestamp: new Date(m.createdAt).toISOString(),
			edited_timestamp: m.editedAt === null ? null : new Date(m.editedAt).toISOString(),
			tts: m.tts,
			mention_everyone: m.mentionEveryone,
			mentions: m.mentionUserIds.map((id) => this.apiUser(id)),
			mention_roles: [...m.mentionRoleIds],
			attachments: m.attachments.map((f) => this.apiAttachment(f, m)),
			embeds: m.embeds,
			pinned: m.pinned,
			flags: m.flags,
			components: m.components,
		};
		if (m.webhookId) api['webhook_id'] = m.webhookId;
		if (m.applicationId) api['application_id'] = m.applicationId;
		if (m.messageReference) {
			api['message_reference'] = { type: 0, ...m.messageReference };
			if (m.type === MessageType.Reply) {
				const ref = this.messages.get(m.messageReference.message_id);
				api['referenced_message'] = ref && !ref.deleted ? this.apiMessage({ ...ref, messageReference: undefined }) : null;
			}
		}
		if (m.nonce !== undefined) api['nonce'] = m.nonce;
		if (m.reactions.size > 0) {
			api['reactions'] = [...m.reactions].map(([emoji, users]) => ({
				emoji: parseEmoji(emoji),
				count: users.size,
				count_details: { burst: 0, normal: users.size },
				me: users.has(this.botUserId),
				me_burst: false,
				burst_colors: [],
			}));
		}
		if (m.interaction) {
			const i = m.interaction;
			const owners: Record<string, string> = { '0': i.guildId ?? '0' };
			const meta: Record<string, unknown> = {
				id: i.id,
				type: i.type,
				user: this.apiUser(i.userId),
				authorizing_integration_owners: owners,
			};
			if (i.commandName !== undefined) meta['name'] = i.commandName;
			if (i.commandType !== undefined) meta['command_type'] = i.commandType;
			if (i.originalResponseMessageId) meta['original_response_message_id'] = i.originalResponseMessageId;
			if (i.interactedMessageId) meta['interacted_message_id'] = i.interactedMessageId;
			if (i.triggeringInteraction) {
				meta['triggering_interaction_metadata'] = {
					id: i.triggeringInteraction.id,
					type: i.triggeringInteraction.type,
					user: this.apiUser(i.triggeringInteraction.userId),
					authorizing_integration_owners: owners,
				};
			}
			api['interaction_metadata'] = meta;
			if (i.commandName !== undefined) {
				api['interaction'] = { id: i.id, type: i.type, name: i.commandName, user: this.apiUser(i.userId) };
			}
		}
		if (m.threadId) {
			const thread = this.channels.get(m.threadId);
			if (thread && !thread.deleted) api['thread'] = this.apiChannel(thread);
		}
		return api as unknown as APIMessage;
	}

	apiAttachment(f: StoredFile, m: MessageRecord): Record<string, unknown> {
		const a: Record<string, unknown> = {
			id: f.id,
			filename: f.name,
			size: f.size,
			url: f.url,
			proxy_url: f.url,
			content_type: f.contentType,
		};
		if (f.description !== undefined) a['description'] = f.description;
		if (m.visibleTo) a['ephemeral'] = true;
		return a;
	}

	/** The GUILD_CREATE payload: everything a bot learns about a guild when it connects or joins. */
	apiGuildCreate(guild: GuildRecord, opts: { allMembers: boolean }): GatewayGuildCreateDispatchData {
		const channels = this.guildChannels(guild.id).map((c) => this.apiChannel(c));
		const threads = this.guildThreads(guild.id)
			.filter((t) => !t.thread!.archived && this.botCanSeeThread(t))
			.map((t) => this.apiChannel(t, { forBot: true }));
		const members = [...guild.members.values()]
			.filter((m) => opts.allMembers || m.userId === this.botUserId)
			.map((m) => this.apiMember(guild, m));
		return {
			...this.apiGuild(guild),
			joined_at: guild.botJoinedAt,
			large: guild.members.size > 250,
			unavailable: false,
			member_count: guild.members.size,
			voice_states: [],
			members,
			channels,
			threads,
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
			lazy: true,
			application_command_counts: {},
			embedded_activities: [],
			version: Date.now(),
		} as unknown as GatewayGuildCreateDispatchData;
	}

	apiGuild(guild: GuildRecord, withCounts = false): Record<string, unknown> {
		const roles = [...guild.roles.values()].sort(compareRoles).map((r) => this.apiRole(r));
		const api: Record<string, unknown> = {
			id: guild.id,
			name: guild.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			owner_id: guild.ownerId,
			region: 'deprecated',
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			widget_channel_id: null,
			verification_level: 1,
			default_message_notifications: 1,
			explicit_content_filter: 2,
			roles,
			emojis: [],
			stickers: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: guild.systemChannelId,
			system_channel_flags: 0,
			rules_channel_id: null,
			max_presences: null,
			max_members: 500000,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			premium_subscription_count: 0,
			preferred_locale: guild.locale,
			public_updates_channel_id: null,
			max_video_channel_users: 25,
			max_stage_video_channel_users: 50,
			nsfw_level: 0,
			premium_progress_bar_enabled: false,
			hub_type: null,
			safety_alerts_channel_id: null,
			incidents_data: null,
		};
		if (withCounts) {
			api['approximate_member_count'] = guild.members.size;
			api['approximate_presence_count'] = 0;
		}
		return api;
	}

	botCanSeeThread(thread: ChannelRecord): boolean {
		if (thread.type !== ChannelType.PrivateThread) return true;
		return thread.thread?.members.has(this.botUserId) ?? false;
	}

	apiCommand(c: CommandRecord): APIApplicationCommand {
		const b = c.body;
		const type = (b['type'] as number | undefined) ?? 1;
		const api: Record<string, unknown> = {
			id: c.id,
			application_id: c.applicationId,
			version: c.version,
			default_member_permissions: b['default_member_permissions'] ?? null,
			type,
			name: b['name'],
			name_localizations: b['name_localizations'] ?? null,
			description: b['description'] ?? '',
			description_localizations: b['description_localizations'] ?? null,
			dm_permission: b['dm_permission'] ?? true,
			contexts: b['contexts'] ?? null,
			integration_types: b['integration_types'] ?? [0],
			nsfw: b['nsfw'] ?? false,
		};
		if (c.guildId) api['guild_id'] = c.guildId;
		if (Array.isArray(b['options']) && b['options'].length > 0) api['options'] = b['options'];
		return api as unknown as APIApplicationCommand;
	}
}

/** Sorts roles as Discord shows them: by position, ties by older id first (lower id ranks higher). */
export function compareRoles(a: RoleRecord, b: RoleRecord): number {
	if (a.position !== b.position) return a.position - b.position;
	return BigInt(a.id) < BigInt(b.id) ? 1 : BigInt(a.id) > BigInt(b.id) ? -1 : 0;
}

export function parseEmoji(raw: string): { id: string | null; name: string; animated?: boolean } {
	const custom = /^(a:)?([\w-]+):(\d+)$/.exec(raw);
	if (custom) return { id: custom[3]!, name: custom[2]!, animated: Boolean(custom[1]) };
	return { id: null, name: raw };
}

export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}

export function createdAtOf(id: string): number {
	return snowflakeTime(id);
}

export const EPHEMERAL = MessageFlags.Ephemeral as number;
export const LOADING = MessageFlags.Loading as number;
