import { ChannelType, GatewayIntentBits, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { APIEmbed } from 'discord-api-types/v10';
import { ApiErrors, DiscordHttpError, formError } from './errors.js';
import type { Gateway, GatewaySession } from './gateway.js';
import type { UploadedFile } from './http.js';
import { Journal, type MessageSource } from './journal.js';
import { channelPermissions, has, P } from './permissions.js';
import { checkMessageRules, messageBodySchema, parseBody, type MessageBody } from './validation.js';
import {
	EPHEMERAL,
	LOADING,
	World,
	type ChannelRecord,
	type GuildRecord,
	type MessageInteractionInfo,
	type MessageRecord,
	type StoredFile,
} from './world.js';

const I = GatewayIntentBits;

/** Flags a bot may set when sending a channel message. */
const CHANNEL_MESSAGE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
/** Flags an interaction response or follow-up may set. */
export const INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | MessageFlags.Ephemeral;

export interface CoreOptions {
	token: string;
	interactionTimeoutMs: number;
	interactionTokenTtlMs: number;
	privilegedIntents: number;
	log: (line: string) => void;
	warn: (line: string) => void;
}

/** What a message view exposes to tests: the message as a person sees it, plus the files' bytes. */
export interface SentFile {
	id: string;
	name: string;
	contentType: string;
	size: number;
	description?: string;
	url: string;
	data: Buffer;
}

export interface MessageView {
	id: string;
	channelId: string;
	guildId: string | null;
	authorId: string;
	type: number;
	content: string;
	embeds: APIEmbed[];
	components: unknown[];
	flags: number;
	ephemeral: boolean;
	/** A deferred reply still "thinking". */
	loading: boolean;
	pinned: boolean;
	attachments: SentFile[];
	mentions: { users: string[]; roles: string[]; everyone: boolean };
	allowedMentions: unknown;
	reference: { messageId: string; channelId: string } | null;
	/** The thread started from this message, if any. */
	threadId: string | null;
	interactionId: string | null;
	createdAt: Date;
	editedAt: Date | null;
	deleted: boolean;
	/** The full Discord payload. */
	raw: unknown;
}

export interface PostMessageOptions {
	authorId: string;
	source: MessageSource;
	type?: MessageType;
	interaction?: MessageInteractionInfo;
	visibleTo?: string;
	webhookId?: string;
	applicationId?: string;
	allowedFlags: number;
	extraFlags?: number;
}

/** The emulator's shared machinery: the world, the journal, the gateway, and the operations routes and tests share. */
export class Core {
	readonly journal = new Journal();
	gateway!: Gateway;

	constructor(
		readonly world: World,
		readonly options: CoreOptions,
	) {}

	get botUserId(): string {
		return this.world.botUserId;
	}

	// ── access checks ─────────────────────────────────────────────────────────────

	botPermissions(channel: ChannelRecord): bigint {
		return channelPermissions(this.world, channel, this.botUserId);
	}

	/** A guild the bot is in, or 10004 (Discord answers the same whether it exists or the bot left). */
	requireGuild(guildId: string): GuildRecord {
		const guild = this.world.guild(guildId);
		if (!guild || !guild.botPresent) throw ApiErrors.unknownGuild();
		return guild;
	}

	/**
	 * A channel the bot can see: 10003 if it does not exist, 50001 if it is in a guild the bot is not in, lacks
	 * View Channel there, or is a private thread the bot has not joined (without Manage Threads).
	 */
	requireVisibleChannel(channelId: string): ChannelRecord {
		const channel = this.world.channel(channelId);
		if (!channel) throw ApiErrors.unknownChannel();
		if (channel.type === ChannelType.DM) return channel;
		const guild = channel.guildId ? this.world.guild(channel.guildId) : undefined;
		if (!guild || !guild.botPresent) throw ApiErrors.missingAccess();
		const perms = this.botPermissions(channel);
		if (!has(perms, P.ViewChannel)) throw ApiErrors.missingAccess();
		if (channel.type === ChannelType.PrivateThread && !channel.thread?.members.has(this.botUserId) && !has(perms, P.ManageThreads)) {
			throw ApiErrors.missingAccess();
		}
		return channel;
	}

	requireMessage(channel: ChannelRecord, messageId: string): MessageRecord {
		const m = this.world.message(channel.id, messageId);
		// Ephemeral messages are invisible to the channel routes, as on Discord.
		if (!m || m.visibleTo) throw ApiErrors.unknownMessage();
		return m;
	}

	// ── dispatch helpers ────────────────────────────────────────────────────────────

	/** Dispatches a guild-scoped event (Guilds intent) if the bot is in that guild. */
	dispatchGuild(t: string, guildId: string | null, data: unknown | ((s: GatewaySession) => unknown), intent: number = I.Guilds): void {
		if (guildId) {
			const guild = this.world.guild(guildId);
			if (!guild?.botPresent) return;
		}
		this.gateway.dispatch(t, data, { intent });
	}

	/** MESSAGE_CREATE/UPDATE: only for GuildMessages (guild) or DirectMessages (DM), content hidden without MessageContent. */
	dispatchMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', m: MessageRecord): void {
		if (m.visibleTo) return;
		const intent = m.guildId ? I.GuildMessages : I.DirectMessages;
		const full = this.world.apiMessage(m) as unknown as Record<string, unknown>;
		if (m.guildId) {
			// Gateway messages carry guild_id and the author's member; REST answers do not.
			full['guild_id'] = m.guildId;
			const guild = this.world.guild(m.guildId);
			const member = guild?.members.get(m.authorId);
			if (guild && member && !m.webhookId) full['member'] = this.world.apiMember(guild, member, false);
		}
		this.gateway.dispatch(
			t,
			(session: GatewaySession) => {
				const seesContent =
					(session.intents & I.MessageContent) !== 0 ||
					!m.guildId ||
					m.authorId === this.botUserId ||
					m.mentionUserIds.includes(this.botUserId);
				if (seesContent) return full;
				return { ...full, content: '', embeds: [], attachments: [], components: [] };
			},
			{ intent },
		);
	}

	dispatchChannel(t: 'CHANNEL_CREATE' | 'CHANNEL_UPDATE' | 'CHANNEL_DELETE', channel: ChannelRecord): void {
		if (channel.type === ChannelType.DM) return;
		this.dispatchGuild(t, channel.guildId, this.world.apiChannel(channel));
	}

	/** THREAD_* events reach the bot only for threads it can see (private ones it has joined). */
	dispatchThread(t: 'THREAD_CREATE' | 'THREAD_UPDATE' | 'THREAD_DELETE', thread: ChannelRecord, extra: Record<string, unknown> = {}): void {
		if (t !== 'THREAD_DELETE' && !this.world.botCanSeeThread(thread)) return;
		const data =
			t === 'THREAD_DELETE'
				? { id: thread.id, guild_id: thread.guildId, parent_id: thread.parentId, type: thread.type }
				: { ...(this.world.apiChannel(thread, { forBot: true }) as unknown as Record<string, unknown>), ...extra };
		this.dispatchGuild(t, thread.guildId, data);
	}

	/** THREAD_MEMBERS_UPDATE: without GuildMembers, only when the bot itself was added or removed. */
	dispatchThreadMembers(thread: ChannelRecord, added: string[], removed: string[]): void {
		const guild = thread.guildId ? this.world.guild(thread.guildId) : undefined;
		if (!guild?.botPresent || !thread.thread) return;
		const t = thread.thread;
		const addedMembers = added.map((userId) => {
			const member = guild.members.get(userId);
			return {
				id: thread.id,
				user_id: userId,
				join_timestamp: t.members.get(userId) ?? new Date().toISOString(),
				flags: 0,
				...(member ? { member: this.world.apiMember(guild, member) } : {}),
			};
		});
		const involvesBot = added.includes(this.botUserId) || removed.includes(this.botUserId);
		this.gateway.dispatch(
			'THREAD_MEMBERS_UPDATE',
			{
				id: thread.id,
				guild_id: guild.id,
				member_count: Math.min(t.members.size, 50),
				...(addedMembers.length ? { added_members: addedMembers } : {}),
				...(removed.length ? { removed_member_ids: removed } : {}),
			},
			{
				intent: I.Guilds,
				filter: (s) => involvesBot || (s.intents & I.GuildMembers) !== 0,
			},
		);
	}

	dispatchMemberUpdate(guild: GuildRecord, userId: string): void {
		const member = guild.members.get(userId);
		if (!member || !guild.botPresent) return;
		const data = { guild_id: guild.id, ...this.world.apiMember(guild, member) };
		// The bot always hears about its own member; other members need the GuildMembers intent.
		this.gateway.dispatch('GUILD_MEMBER_UPDATE', data, {
			filter: (s) => userId === this.botUserId || (s.intents & I.GuildMembers) !== 0,
		});
	}

	// ── messages ─────────────────────────────────────────────────────────────────────

	parseMessageBody(input: unknown): MessageBody {
		const body = parseBody(messageBodySchema, input ?? {});
		checkMessageRules(body);
		return body;
	}

	/** Files referenced by `attachments[].id` (or all uploaded files), stored and served under /attachments. */
	storeFiles(channelId: string, body: MessageBody, files: UploadedFile[]): StoredFile[] {
		const refs = body.attachments ?? [];
		const stored: StoredFile[] = [];
		for (const file of files) {
			const ref = refs.find((r) => String(r.id) === String(file.index));
			const id = this.world.ids.next();
			const name = ref?.filename || file.name;
			const f: StoredFile = {
				id,
				name,
				contentType: file.contentType,
				size: file.data.length,
				data: file.data,
				url: `${this.world.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(name)}`,
			};
			if (typeof ref?.description === 'string') f.description = ref.description;
			this.world.files.set(id, f);
			stored.push(f);
		}
		return stored;
	}

	computeMentions(
		content: string,
		allowed: MessageBody['allowed_mentions'],
		channel: ChannelRecord,
		repliedAuthorId: string | null,
		canMentionEveryone: boolean,
	): { users: string[]; roles: string[]; everyone: boolean } {
		const parsedUsers = [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!))].filter((id) => this.world.users.has(id));
		const guild = channel.guildId ? this.world.guild(channel.guildId) : undefined;
		const parsedRoles = [...new Set([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!))].filter((id) => guild?.roles.has(id));
		const parsedEveryone = /@(everyone|here)\b/.test(content);
		let users = parsedUsers;
		let roles = parsedRoles;
		let everyone = parsedEveryone;
		let repliedUser = true;
		if (allowed) {
			const parse = allowed.parse ?? [];
			users = parse.includes('users') ? parsedUsers : parsedUsers.filter((id) => allowed.users?.includes(id));
			roles = parse.includes('roles') ? parsedRoles : parsedRoles.filter((id) => allowed.roles?.includes(id));
			everyone = parsedEveryone && parse.includes('everyone');
			repliedUser = allowed.replied_user ?? false;
		}
		if (!canMentionEveryone) {
			everyone = false;
			roles = roles.filter((id) => guild?.roles.get(id)?.mentionable);
		}
		if (repliedAuthorId && repliedUser && !users.includes(repliedAuthorId)) users = [...users, repliedAuthorId];
		return { users, roles, everyone };
	}

	/** Embeds may point at uploaded files with `attachment://name`; Discord rewrites those to the file's URL. */
	resolveAttachmentUrls(embeds: APIEmbed[], files: StoredFile[]): APIEmbed[] {
		const urlFor = (url: string | undefined): string | undefined => {
			if (!url?.startsWith('attachment://')) return url;
			const file = files.find((f) => f.name === url.slice('attachment://'.length));
			return file ? file.url : url;
		};
		return embeds.map((e) => {
			const out: APIEmbed = { ...e };
			if (e.image) out.image = { ...e.image, url: urlFor(e.image.url)! };
			if (e.thumbnail) out.thumbnail = { ...e.thumbnail, url: urlFor(e.thumbnail.url)! };
			if (e.footer?.icon_url) out.footer = { ...e.footer, icon_url: urlFor(e.footer.icon_url)! };
			if (e.author?.icon_url) out.author = { ...e.author, icon_url: urlFor(e.author.icon_url)! };
			return out;
		});
	}

	/** Creates and stores a message (no permission checks: callers check what applies to them). */
	createMessage(channel: ChannelRecord, body: MessageBody, files: StoredFile[], opts: PostMessageOptions): MessageRecord {
		const now = Date.now();
		const id = this.world.ids.next(now);
		const perms = channel.guildId ? this.botPermissions(channel) : P.MentionEveryone;
		const reference = body.message_reference;
		let messageReference: MessageRecord['messageReference'];
		let repliedAuthorId: string | null = null;
		if (reference) {
			const refChannelId = reference.channel_id ?? channel.id;
			const referenced = this.world.message(refChannelId, reference.message_id);
			if (!referenced || referenced.visibleTo) {
				if (reference.fail_if_not_exists !== false) {
					throw formError(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
				}
			} else {
				messageReference = {
					message_id: referenced.id,
					channel_id: referenced.channelId,
					...(referenced.guildId ? { guild_id: referenced.guildId } : {}),
				};
				repliedAuthorId = referenced.authorId;
			}
		}
		const content = body.content ?? '';
		const mentions = this.computeMentions(
			content,
			body.allowed_mentions,
			channel,
			repliedAuthorId,
			opts.source !== 'rest' || has(perms, P.MentionEveryone),
		);
		const m: MessageRecord = {
			id,
			channelId: channel.id,
			guildId: channel.guildId,
			authorId: opts.authorId,
			content,
			embeds: this.resolveAttachmentUrls((body.embeds ?? []).map((e) => ({ type: 'rich', ...e }) as APIEmbed), files),
			components: (body.components ?? []) as unknown[],
			attachments: files,
			flags: ((body.flags ?? 0) & opts.allowedFlags) | (opts.extraFlags ?? 0),
			type: opts.type ?? (messageReference ? MessageType.Reply : MessageType.Default),
			tts: Boolean(body.tts) && has(perms, P.SendTTSMessages),
			pinned: false,
			mentionEveryone: mentions.everyone,
			mentionUserIds: mentions.users,
			mentionRoleIds: mentions.roles,
			allowedMentions: body.allowed_mentions ?? null,
			createdAt: now,
			editedAt: null,
			deleted: false,
			reactions: new Map(),
		};
		if (messageReference) m.messageReference = messageReference;
		if (opts.webhookId) m.webhookId = opts.webhookId;
		if (opts.applicationId) m.applicationId = opts.applicationId;
		if (opts.interaction) m.interaction = opts.interaction;
		if (opts.visibleTo) m.visibleTo = opts.visibleTo;
		if (body.nonce !== undefined) m.nonce = body.nonce;
		this.world.messages.set(id, m);
		channel.messageIds.push(id);
		if (!m.visibleTo) channel.lastMessageId = id;
		if (channel.thread && !m.visibleTo) {
			channel.thread.messageCount++;
			channel.thread.totalMessageSent++;
			// Posting in a thread or being mentioned there makes you a member of it.
			const joiners = [m.authorId, ...mentions.users].filter((u) => channel.guildId && this.world.guild(channel.guildId)?.members.has(u));
			this.addThreadMembers(channel, joiners);
		}
		this.recordMessage('message_create', m, opts.source, { embedsDropped: false });
		this.dispatchMessage('MESSAGE_CREATE', m);
		return m;
	}

	recordMessage(type: 'message_create' | 'message_update', m: MessageRecord, source: MessageSource, extra: { embedsDropped: boolean; wasLoading?: boolean }): void {
		const channel = this.world.channels.get(m.channelId);
		const fields = {
			channelId: m.channelId,
			guildId: m.guildId,
			messageId: m.id,
			authorId: m.authorId,
			content: m.content,
			embeds: m.embeds,
			components: m.components,
			flags: m.flags,
			ephemeral: (m.flags & EPHEMERAL) !== 0,
			allowedMentions: m.allowedMentions,
			mentions: { users: m.mentionUserIds, roles: m.mentionRoleIds, everyone: m.mentionEveryone },
			attachments: m.attachments.map((f) => f.name),
			source,
			interactionId: m.interaction?.id ?? null,
			parentId: channel?.thread ? channel.parentId : null,
			isThread: Boolean(channel?.thread),
			dmUserId: channel?.type === ChannelType.DM ? (channel.recipientId ?? null) : null,
			embedsDropped: extra.embedsDropped,
		};
		if (type === 'message_create') this.journal.record({ type, messageType: m.type, ...fields });
		else this.journal.record({ type, wasLoading: extra.wasLoading ?? false, ...fields });
	}

	/** Applies an edit body to a message (content, embeds, components, attachments, flags, allowed mentions). */
	applyEdit(m: MessageRecord, body: MessageBody, newFiles: StoredFile[], opts: { allowedFlags: number; dropEmbeds: boolean }): void {
		if (body.content !== undefined) m.content = body.content ?? '';
		if (body.embeds !== undefined && !opts.dropEmbeds) m.embeds = (body.embeds ?? []).map((e) => ({ type: 'rich', ...e }) as APIEmbed);
		if (body.components !== undefined) m.components = (body.components ?? []) as unknown[];
		if (body.attachments !== undefined) {
			const keep = new Set((body.attachments ?? []).map((a) => String(a.id)));
			m.attachments = m.attachments.filter((f) => keep.has(f.id));
		}
		m.attachments = [...m.attachments, ...newFiles];
		m.embeds = this.resolveAttachmentUrls(m.embeds, m.attachments);
		if (body.flags !== undefined && body.flags !== null) {
			// Only some flags can change on edit; ephemeral-ness and loading are fixed by the response.
			const fixed = m.flags & ~opts.allowedFlags;
			m.flags = fixed | (body.flags & opts.allowedFlags & ~EPHEMERAL);
		}
		if (body.allowed_mentions !== undefined) m.allowedMentions = body.allowed_mentions;
		const channel = this.world.channels.get(m.channelId);
		if (channel) {
			const mentions = this.computeMentions(m.content, (m.allowedMentions ?? undefined) as MessageBody['allowed_mentions'], channel, null, true);
			m.mentionUserIds = mentions.users;
			m.mentionRoleIds = mentions.roles;
			m.mentionEveryone = mentions.everyone;
		}
		m.flags &= ~LOADING;
		m.editedAt = Date.now();
	}

	isEmpty(m: { content: string; embeds: unknown[]; components: unknown[]; attachments: unknown[] }): boolean {
		return !m.content && m.embeds.length === 0 && m.components.length === 0 && m.attachments.length === 0;
	}

	deleteMessage(m: MessageRecord, source: MessageSource): void {
		m.deleted = true;
		const channel = this.world.channels.get(m.channelId);
		if (channel?.thread && !m.visibleTo && channel.thread.messageCount > 0) channel.thread.messageCount--;
		if (channel) channel.pins = channel.pins.filter((p) => p.messageId !== m.id);
		this.journal.record({ type: 'message_delete', channelId: m.channelId, messageId: m.id, source });
		if (!m.visibleTo) {
			const intent = m.guildId ? I.GuildMessages : I.DirectMessages;
			this.gateway.dispatch(
				'MESSAGE_DELETE',
				{ id: m.id, channel_id: m.channelId, ...(m.guildId ? { guild_id: m.guildId } : {}) },
				{ intent },
			);
		}
	}

	// ── threads ───────────────────────────────────────────────────────────────────────

	addThreadMembers(thread: ChannelRecord, userIds: string[]): string[] {
		const t = thread.thread;
		if (!t) return [];
		const added: string[] = [];
		for (const userId of new Set(userIds)) {
			if (t.members.has(userId)) continue;
			t.members.set(userId, new Date().toISOString());
			added.push(userId);
			this.journal.record({ type: 'thread_member_add', threadId: thread.id, userId });
		}
		if (added.length) {
			if (added.includes(this.botUserId) && thread.type === ChannelType.PrivateThread) {
				// Joining a private thread is when the bot first learns about it.
				this.dispatchThread('THREAD_CREATE', thread);
			}
			this.dispatchThreadMembers(thread, added, []);
		}
		return added;
	}

	removeThreadMember(thread: ChannelRecord, userId: string): boolean {
		const t = thread.thread;
		if (!t || !t.members.delete(userId)) return false;
		this.journal.record({ type: 'thread_member_remove', threadId: thread.id, userId });
		this.dispatchThreadMembers(thread, [], [userId]);
		return true;
	}

	// ── guild membership ──────────────────────────────────────────────────────────────

	/** The bot leaves or is removed: GUILD_DELETE without `unavailable`, and its member is gone. */
	removeBotFromGuild(guildId: string): void {
		const guild = this.world.guild(guildId);
		if (!guild || !guild.botPresent) return;
		this.gateway.dispatch('GUILD_DELETE', { id: guild.id }, { intent: I.Guilds });
		guild.botPresent = false;
		guild.members.delete(this.botUserId);
		this.journal.record({ type: 'guild_delete', guildId: guild.id });
	}

	// ── views ─────────────────────────────────────────────────────────────────────────

	messageView(m: MessageRecord): MessageView {
		const view: MessageView = {
			id: m.id,
			channelId: m.channelId,
			guildId: m.guildId,
			authorId: m.authorId,
			type: m.type,
			content: m.content,
			embeds: m.embeds,
			components: m.components,
			flags: m.flags,
			ephemeral: (m.flags & EPHEMERAL) !== 0,
			loading: (m.flags & LOADING) !== 0,
			pinned: m.pinned,
			attachments: m.attachments.map((f) => ({ ...f })),
			mentions: { users: [...m.mentionUserIds], roles: [...m.mentionRoleIds], everyone: m.mentionEveryone },
			allowedMentions: m.allowedMentions,
			reference: m.messageReference ? { messageId: m.messageReference.message_id, channelId: m.messageReference.channel_id } : null,
			threadId: m.threadId ?? null,
			interactionId: m.interaction?.id ?? null,
			createdAt: new Date(m.createdAt),
			editedAt: m.editedAt === null ? null : new Date(m.editedAt),
			deleted: m.deleted,
			raw: this.world.apiMessage(m),
		};
		return view;
	}
}

export function httpError(status: number, code: number, message: string): DiscordHttpError {
	return new DiscordHttpError(status, code, message);
}
