import { ChannelType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { Core } from '../core.js';
import { ApiErrors, DiscordHttpError, formError } from '../errors.js';
import type { ApiRequest, ApiResponse, Router } from '../http.js';
import { has, P } from '../permissions.js';
import { channelPatchSchema, parseBody, threadBodySchema } from '../validation.js';
import { newChannelRecord, type ChannelRecord, type MessageRecord } from '../world.js';

const CHANNEL_MESSAGE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
const ok = (body?: unknown, status = 200): ApiResponse => ({ status, body });
const noContent = (): ApiResponse => ({ status: 204 });

export function registerChannelRoutes(router: Router, core: Core): void {
	const { world } = core;
	const add = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', template: string, handler: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>): void =>
		router.add({ method, template, auth: 'bot', handler });

	/** Threads need Send Messages in Threads, other channels Send Messages; a locked archived thread refuses. */
	const checkCanSend = (channel: ChannelRecord, perms: bigint): void => {
		if (channel.type === ChannelType.DM) return;
		if (channel.thread) {
			if (!has(perms, P.SendMessagesInThreads)) throw ApiErrors.missingPermissions();
			if (channel.thread.archived && channel.thread.locked && !has(perms, P.ManageThreads)) throw ApiErrors.archivedThread();
			return;
		}
		if (!has(perms, P.SendMessages)) throw ApiErrors.missingPermissions();
	};

	const reopenThread = (thread: ChannelRecord): void => {
		thread.thread!.archived = false;
		thread.thread!.archiveTimestamp = new Date().toISOString();
		core.journal.record({ type: 'thread_update', threadId: thread.id, changes: { archived: false } });
		core.dispatchThread('THREAD_UPDATE', thread);
	};

	/** DMs: the person must share a guild with the bot and accept DMs from server members. */
	const checkDmRecipient = (channel: ChannelRecord): void => {
		if (channel.type !== ChannelType.DM) return;
		const user = channel.recipientId ? world.user(channel.recipientId) : undefined;
		if (!user || user.bot || user.dmsClosed) throw ApiErrors.cannotMessageUser();
		const sharesGuild = [...world.guilds.values()].some((g) => g.botPresent && g.members.has(user.id));
		if (!sharesGuild) throw ApiErrors.cannotMessageUser();
	};

	// ── channels ───────────────────────────────────────────────────────────────────

	add('GET', '/channels/:channel_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		return ok(world.apiChannel(channel, { forBot: true }));
	});

	add('PATCH', '/channels/:channel_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const body = parseBody(channelPatchSchema, req.body ?? {});
		const perms = core.botPermissions(channel);
		if (channel.type === ChannelType.DM) throw ApiErrors.wrongChannelType();
		const changes: Record<string, unknown> = {};
		if (channel.thread) {
			const t = channel.thread;
			const isOwner = t.ownerId === core.botUserId;
			const manage = has(perms, P.ManageThreads);
			const otherKeys = Object.keys(body).filter((k) => k !== 'archived' && k !== 'locked');
			if (t.archived && body.archived !== false && otherKeys.length > 0) throw ApiErrors.archivedThread();
			if (body.locked !== undefined && body.locked !== t.locked && !manage) throw ApiErrors.missingPermissions();
			if (body.archived === true && !t.archived && !isOwner && !manage) throw ApiErrors.missingPermissions();
			if (body.archived === false && t.archived) {
				if (t.locked && !manage) throw ApiErrors.missingPermissions();
				if (!has(perms, P.SendMessagesInThreads)) throw ApiErrors.missingPermissions();
			}
			if ((body.name !== undefined || body.auto_archive_duration !== undefined || body.invitable !== undefined) && !isOwner && !manage) {
				throw ApiErrors.missingPermissions();
			}
			if (body.rate_limit_per_user !== undefined && !manage) throw ApiErrors.missingPermissions();
			if (body.name !== undefined && body.name !== channel.name) changes['name'] = channel.name = body.name;
			if (body.auto_archive_duration !== undefined) changes['auto_archive_duration'] = t.autoArchiveDuration = body.auto_archive_duration;
			if (body.invitable !== undefined && channel.type === ChannelType.PrivateThread) changes['invitable'] = t.invitable = body.invitable;
			if (body.rate_limit_per_user !== undefined) changes['rate_limit_per_user'] = channel.rateLimitPerUser = body.rate_limit_per_user ?? 0;
			if (body.locked !== undefined && body.locked !== t.locked) changes['locked'] = t.locked = body.locked;
			if (body.archived !== undefined && body.archived !== t.archived) {
				changes['archived'] = t.archived = body.archived;
				t.archiveTimestamp = new Date().toISOString();
			}
			if (Object.keys(changes).length) {
				core.journal.record({ type: 'thread_update', threadId: channel.id, changes });
				core.dispatchThread('THREAD_UPDATE', channel);
			}
			return ok(world.apiChannel(channel));
		}
		if (!has(perms, P.ManageChannels)) throw ApiErrors.missingPermissions();
		if (body.name !== undefined) changes['name'] = channel.name = body.name;
		if (body.topic !== undefined) changes['topic'] = channel.topic = body.topic;
		if (body.nsfw !== undefined) changes['nsfw'] = channel.nsfw = body.nsfw;
		if (body.position !== undefined && body.position !== null) changes['position'] = channel.position = body.position;
		if (body.rate_limit_per_user !== undefined) changes['rate_limit_per_user'] = channel.rateLimitPerUser = body.rate_limit_per_user ?? 0;
		if (body.parent_id !== undefined) {
			if (body.parent_id !== null && world.channel(body.parent_id)?.type !== ChannelType.GuildCategory) {
				throw formError(['parent_id'], 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
			}
			changes['parent_id'] = channel.parentId = body.parent_id;
		}
		core.journal.record({ type: 'channel_update', channelId: channel.id, guildId: channel.guildId, name: channel.name, channelType: channel.type });
		core.dispatchChannel('CHANNEL_UPDATE', channel);
		return ok(world.apiChannel(channel));
	});

	add('DELETE', '/channels/:channel_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const api = world.apiChannel(channel);
		if (channel.type === ChannelType.DM) return ok(api);
		const perms = core.botPermissions(channel);
		if (channel.thread) {
			if (!has(perms, P.ManageThreads)) throw ApiErrors.missingPermissions();
			channel.deleted = true;
			core.journal.record({ type: 'channel_delete', channelId: channel.id, guildId: channel.guildId, name: channel.name, channelType: channel.type });
			core.dispatchThread('THREAD_DELETE', channel);
			return ok(api);
		}
		if (!has(perms, P.ManageChannels)) throw ApiErrors.missingPermissions();
		channel.deleted = true;
		core.journal.record({ type: 'channel_delete', channelId: channel.id, guildId: channel.guildId, name: channel.name, channelType: channel.type });
		core.dispatchChannel('CHANNEL_DELETE', channel);
		return ok(api);
	});

	add('POST', '/channels/:channel_id/typing', (req) => {
		core.requireVisibleChannel(req.params['channel_id']!);
		return noContent();
	});

	// ── messages ───────────────────────────────────────────────────────────────────

	add('GET', '/channels/:channel_id/messages', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		if (channel.type !== ChannelType.DM && !has(core.botPermissions(channel), P.ReadMessageHistory)) return ok([]);
		const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? 50)));
		let list = channel.messageIds.map((id) => world.messages.get(id)!).filter((m) => !m.deleted && !m.visibleTo);
		const before = req.query.get('before');
		const after = req.query.get('after');
		const around = req.query.get('around');
		if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
		if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
		if (around) {
			const idx = list.findIndex((m) => m.id === around);
			if (idx >= 0) list = list.slice(Math.max(0, idx - Math.floor(limit / 2)), idx + Math.ceil(limit / 2));
		}
		return ok(list.slice(-limit).reverse().map((m) => world.apiMessage(m)));
	});

	add('GET', '/channels/:channel_id/messages/:message_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		if (channel.type !== ChannelType.DM && !has(core.botPermissions(channel), P.ReadMessageHistory)) throw ApiErrors.missingPermissions();
		return ok(world.apiMessage(core.requireMessage(channel, req.params['message_id']!)));
	});

	add('POST', '/channels/:channel_id/messages', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		if (!world.isTextBased(channel)) throw ApiErrors.nonTextChannel();
		const body = core.parseMessageBody(req.body);
		checkDmRecipient(channel);
		const perms = core.botPermissions(channel);
		checkCanSend(channel, perms);
		if (req.files.length > 0 && !has(perms, P.AttachFiles)) throw ApiErrors.missingPermissions();
		if (body.message_reference && channel.type !== ChannelType.DM && !has(perms, P.ReadMessageHistory)) throw ApiErrors.missingPermissions();
		// Without Embed Links Discord drops embeds silently; a message left empty is refused.
		const embedsDropped = (body.embeds?.length ?? 0) > 0 && !has(perms, P.EmbedLinks);
		if (embedsDropped) body.embeds = [];
		const hasSomething =
			Boolean(body.content) || (body.embeds?.length ?? 0) > 0 || (body.components?.length ?? 0) > 0 || req.files.length > 0 || Boolean(body.sticker_ids?.length) || Boolean(body.poll);
		if (!hasSomething) throw embedsDropped ? ApiErrors.missingPermissions() : ApiErrors.emptyMessage();
		if (body.enforce_nonce && body.nonce !== undefined) {
			const recent = channel.messageIds
				.slice(-50)
				.map((id) => world.messages.get(id)!)
				.find((m) => m.nonce === body.nonce && m.authorId === core.botUserId && Date.now() - m.createdAt < 5 * 60_000);
			if (recent) return ok(world.apiMessage(recent));
		}
		// Sending in an archived (unlocked) thread reopens it, as on Discord.
		if (channel.thread?.archived) reopenThread(channel);
		const files = core.storeFiles(channel.id, body, req.files);
		const m = core.createMessage(channel, body, files, { authorId: core.botUserId, source: 'rest', allowedFlags: CHANNEL_MESSAGE_FLAGS });
		if (embedsDropped) {
			const last = core.journal.events.at(-1);
			if (last && last.type === 'message_create' && last.messageId === m.id) last.embedsDropped = true;
		}
		return ok(world.apiMessage(m));
	});

	add('PATCH', '/channels/:channel_id/messages/:message_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		const body = core.parseMessageBody(req.body);
		const perms = core.botPermissions(channel);
		if (m.authorId !== core.botUserId) {
			const onlyFlags = Object.keys(body).every((k) => k === 'flags');
			if (!onlyFlags || (channel.type !== ChannelType.DM && !has(perms, P.ManageMessages))) throw ApiErrors.cannotEditOthers();
		}
		if (channel.thread?.archived) throw ApiErrors.archivedThread();
		const dropEmbeds = body.embeds !== undefined && (body.embeds?.length ?? 0) > 0 && channel.type !== ChannelType.DM && !has(perms, P.EmbedLinks);
		if (req.files.length > 0 && channel.type !== ChannelType.DM && !has(perms, P.AttachFiles)) throw ApiErrors.missingPermissions();
		const files = core.storeFiles(channel.id, body, req.files);
		const before = { ...m, attachments: [...m.attachments], embeds: [...m.embeds] };
		core.applyEdit(m, body, files, { allowedFlags: MessageFlags.SuppressEmbeds, dropEmbeds });
		if (core.isEmpty(m)) {
			Object.assign(m, before);
			throw ApiErrors.emptyMessage();
		}
		core.recordMessage('message_update', m, 'rest', { embedsDropped: dropEmbeds });
		core.dispatchMessage('MESSAGE_UPDATE', m);
		return ok(world.apiMessage(m));
	});

	add('DELETE', '/channels/:channel_id/messages/:message_id', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		if (m.authorId !== core.botUserId && channel.type !== ChannelType.DM && !has(core.botPermissions(channel), P.ManageMessages)) {
			throw ApiErrors.missingPermissions();
		}
		if (m.authorId !== core.botUserId && channel.type === ChannelType.DM) throw ApiErrors.cannotEditOthers();
		if (channel.thread?.archived) throw ApiErrors.archivedThread();
		core.deleteMessage(m, 'rest');
		return noContent();
	});

	add('POST', '/channels/:channel_id/messages/bulk-delete', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		if (!has(core.botPermissions(channel), P.ManageMessages)) throw ApiErrors.missingPermissions();
		const ids = (req.body as { messages?: unknown })?.messages;
		if (!Array.isArray(ids) || ids.length < 2 || ids.length > 100) {
			throw formError(['messages'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
		}
		for (const id of ids) {
			const m = world.message(channel.id, String(id));
			if (m && !m.visibleTo) core.deleteMessage(m, 'rest');
		}
		return noContent();
	});

	// ── pins ───────────────────────────────────────────────────────────────────────

	const pin = (req: ApiRequest): ApiResponse => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		if (channel.type !== ChannelType.DM) {
			const perms = core.botPermissions(channel);
			if (!has(perms, P.PinMessages) && !has(perms, P.ManageMessages)) throw ApiErrors.missingPermissions();
		}
		if (channel.thread?.archived) throw ApiErrors.archivedThread();
		if (m.pinned) return noContent();
		if (channel.pins.length >= 50) throw ApiErrors.maxPins();
		const pinnedAt = new Date().toISOString();
		m.pinned = true;
		channel.pins.unshift({ messageId: m.id, pinnedAt });
		channel.lastPinTimestamp = pinnedAt;
		core.journal.record({ type: 'pin', channelId: channel.id, messageId: m.id });
		// Discord announces a pin with a system message in the channel.
		core.createMessage(
			channel,
			{ content: '', message_reference: { message_id: m.id, channel_id: channel.id }, allowed_mentions: { parse: [] } },
			[],
			{ authorId: core.botUserId, source: 'system', type: MessageType.ChannelPinnedMessage, allowedFlags: 0 },
		);
		const data = { channel_id: channel.id, last_pin_timestamp: pinnedAt, ...(channel.guildId ? { guild_id: channel.guildId } : {}) };
		if (channel.guildId) core.dispatchGuild('CHANNEL_PINS_UPDATE', channel.guildId, data);
		else core.gateway.dispatch('CHANNEL_PINS_UPDATE', data, { intent: 1 << 12 });
		return noContent();
	};
	const unpin = (req: ApiRequest): ApiResponse => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		if (channel.type !== ChannelType.DM) {
			const perms = core.botPermissions(channel);
			if (!has(perms, P.PinMessages) && !has(perms, P.ManageMessages)) throw ApiErrors.missingPermissions();
		}
		if (!m.pinned) return noContent();
		m.pinned = false;
		channel.pins = channel.pins.filter((p) => p.messageId !== m.id);
		core.journal.record({ type: 'unpin', channelId: channel.id, messageId: m.id });
		const data = { channel_id: channel.id, last_pin_timestamp: channel.pins[0]?.pinnedAt ?? null, ...(channel.guildId ? { guild_id: channel.guildId } : {}) };
		if (channel.guildId) core.dispatchGuild('CHANNEL_PINS_UPDATE', channel.guildId, data);
		return noContent();
	};
	add('PUT', '/channels/:channel_id/messages/pins/:message_id', pin);
	add('PUT', '/channels/:channel_id/pins/:message_id', pin);
	add('DELETE', '/channels/:channel_id/messages/pins/:message_id', unpin);
	add('DELETE', '/channels/:channel_id/pins/:message_id', unpin);
	add('GET', '/channels/:channel_id/pins', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		return ok(channel.pins.map((p) => world.apiMessage(world.messages.get(p.messageId)!)));
	});
	add('GET', '/channels/:channel_id/messages/pins', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const limit = Math.min(50, Math.max(1, Number(req.query.get('limit') ?? 50)));
		const items = channel.pins.slice(0, limit).map((p) => ({ pinned_at: p.pinnedAt, message: world.apiMessage(world.messages.get(p.messageId)!) }));
		return ok({ items, has_more: channel.pins.length > limit });
	});

	// ── reactions ──────────────────────────────────────────────────────────────────

	add('PUT', '/channels/:channel_id/messages/:message_id/reactions/:emoji/@me', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		const emoji = req.params['emoji']!;
		if (!emoji || /^\d+$/.test(emoji)) throw ApiErrors.unknownEmoji();
		const perms = core.botPermissions(channel);
		if (channel.type !== ChannelType.DM && !has(perms, P.ReadMessageHistory)) throw ApiErrors.missingPermissions();
		const users = m.reactions.get(emoji);
		if (!users && channel.type !== ChannelType.DM && !has(perms, P.AddReactions)) throw ApiErrors.missingPermissions();
		if (!users && m.reactions.size >= 20) throw new DiscordHttpError(400, 30010, 'Maximum number of reactions reached (20)');
		if (users?.has(core.botUserId)) return noContent();
		if (users) users.add(core.botUserId);
		else m.reactions.set(emoji, new Set([core.botUserId]));
		core.journal.record({ type: 'reaction_add', channelId: channel.id, messageId: m.id, emoji, userId: core.botUserId });
		return noContent();
	});

	add('DELETE', '/channels/:channel_id/messages/:message_id/reactions/:emoji/@me', (req) => {
		const channel = core.requireVisibleChannel(req.params['channel_id']!);
		const m = core.requireMessage(channel, req.params['message_id']!);
		const emoji = req.params['emoji']!;
		const users = m.reactions.get(emoji);
		if (users?.delete(core.botUserId)) {
			if (users.size === 0) m.reactions.delete(emoji);
			core.journal.record({ type: 'reaction_remove', channelId: channel.id, messageId: m.id, emoji, userId: core.botUserId });
		}
		return noContent();
	});

	// ── threads ───────────────────────────────────────────────────────────────────

	const newThread = (
		parent: ChannelRecord,
		opts: { id: string; name: string; type: ChannelType; autoArchive: 60 | 1440 | 4320 | 10080; invitable: boolean; fromMessageId: string | null; rateLimit: number },
	): ChannelRecord => {
		const now = new Date().toISOString();
		const thread = newChannelRecord({
			id: opts.id,
			type: opts.type,
			guildId: parent.guildId,
			name: opts.name,
			parentId: parent.id,
			nsfw: parent.nsfw,
			rateLimitPerUser: opts.rateLimit,
			thread: {
				ownerId: core.botUserId,
				archived: false,
				locked: false,
				invitable: opts.invitable,
				autoArchiveDuration: opts.autoArchive,
				archiveTimestamp: now,
				createTimestamp: now,
				members: new Map([[core.botUserId, now]]),
				messageCount: 0,
				totalMessageSent: 0,
				fromMessageId: opts.fromMessageId,
			},
		});
		world.channels.set(thread.id, thread);
		core.journal.record({
			type: 'thread_create',
			threadId: thread.id,
			parentId: parent.id,
			guildId: parent.guildId!,
			threadType: opts.type === ChannelType.PrivateThread ? 'private' : 'public',
			channelType: opts.type,
			name: opts.name,
			fromMessageId: opts.fromMessageId,
			invitable: opts.type === ChannelType.PrivateThread ? opts.invitable : null,
			autoArchiveDuration: opts.autoArchive,
			ownerId: core.botUserId,
		});
		core.journal.record({ type: 'thread_member_add', threadId: thread.id, userId: core.botUserId });
		core.dispatchThread('THREAD_CREATE', thread, { newly_created: true });
		return thread;
	};

	add('POST', '/channels/:channel_id/messages/:message_id/threads', (req) => {
		const parent = core.requireVisibleChannel(req.params['channel_id']!);
		if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) throw ApiErrors.wrongChannelType();
		const m = core.requireMessage(parent, req.params['message_id']!);
		const body = parseBody(threadBodySchema, req.body ?? {});
		const perms = core.botPermissions(parent);
		if (!has(perms, P.CreatePublicThreads)) throw ApiErrors.missingPermissions();
		if (m.threadId) throw ApiErrors.threadAlreadyCreated();
		// A thread started from a message shares that message's id.
		const thread = newThread(parent, {
			id: m.id,
			name: body.name,
			type: parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
			autoArchive: body.auto_archive_duration ?? 4320,
			invitable: false,
			fromMessageId: m.id,
			rateLimit: body.rate_limit_per_user ?? 0,
		});
		m.threadId = thread.id;
		m.flags |= MessageFlags.HasThread;
		return { status: 201, body: world.apiChannel(thread) };
	});

	add('POST', '/channels/:channel_id/threads', (req) => {
		const parent = core.requireVisibleChannel(req.params['channel_id']!);
		if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) throw ApiErrors.wrongChannelType();
		const body = parseBody(threadBodySchema, req.body ?? {});
		if (body.type === undefined) throw formError(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
		const type = body.type as ChannelType;
		if (type === ChannelType.PrivateThread && parent.type !== ChannelType.GuildText) throw ApiErrors.wrongChannelType();
		if (type === ChannelType.AnnouncementThread && parent.type !== ChannelType.GuildAnnouncement) throw ApiErrors.wrongChannelType();
		const perms = core.botPermissions(parent);
		const needed = type === ChannelType.PrivateThread ? P.CreatePrivateThreads : P.CreatePublicThreads;
		if (!has(perms, needed)) throw ApiErrors.missingPermissions();
		const thread = newThread(parent, {
			id: world.ids.next(),
			name: body.name,
			type,
			autoArchive: body.auto_archive_duration ?? 4320,
			invitable: type === ChannelType.PrivateThread ? (body.invitable ?? true) : false,
			fromMessageId: null,
			rateLimit: body.rate_limit_per_user ?? 0,
		});
		if (type !== ChannelType.PrivateThread) {
			// Discord notes a new public thread in its parent with a "started a thread" system message.
			const notice = core.createMessage(parent, { content: body.name, allowed_mentions: { parse: [] } }, [], {
				authorId: core.botUserId,
				source: 'system',
				type: MessageType.ThreadCreated,
				allowedFlags: 0,
			});
			notice.messageReference = { message_id: thread.id, channel_id: thread.id, guild_id: parent.guildId! };
		}
		return { status: 201, body: world.apiChannel(thread) };
	});

	const requireThread = (channelId: string): ChannelRecord => {
		const thread = core.requireVisibleChannel(channelId);
		if (!thread.thread) throw ApiErrors.wrongChannelType();
		return thread;
	};

	add('PUT', '/channels/:channel_id/thread-members/:user_id', (req) => {
		const thread = requireThread(req.params['channel_id']!);
		const t = thread.thread!;
		const guild = core.requireGuild(thread.guildId!);
		const perms = core.botPermissions(thread);
		const userId = req.params['user_id'] === '@me' ? core.botUserId : req.params['user_id']!;
		if (t.archived) throw ApiErrors.archivedThread();
		if (userId === core.botUserId) {
			if (thread.type === ChannelType.PrivateThread && !t.members.has(userId) && !has(perms, P.ManageThreads)) throw ApiErrors.missingAccess();
		} else {
			if (!has(perms, P.SendMessagesInThreads)) throw ApiErrors.missingPermissions();
			if (!guild.members.has(userId)) throw ApiErrors.unknownMember();
			if (thread.type === ChannelType.PrivateThread && !t.invitable && t.ownerId !== core.botUserId && !has(perms, P.ManageThreads)) {
				throw ApiErrors.missingPermissions();
			}
		}
		core.addThreadMembers(thread, [userId]);
		return noContent();
	});

	add('DELETE', '/channels/:channel_id/thread-members/:user_id', (req) => {
		const thread = requireThread(req.params['channel_id']!);
		const t = thread.thread!;
		const guild = core.requireGuild(thread.guildId!);
		const userId = req.params['user_id'] === '@me' ? core.botUserId : req.params['user_id']!;
		if (t.archived) throw ApiErrors.archivedThread();
		if (userId !== core.botUserId) {
			const perms = core.botPermissions(thread);
			const ownsPrivate = thread.type === ChannelType.PrivateThread && t.ownerId === core.botUserId;
			if (!has(perms, P.ManageThreads) && !ownsPrivate) throw ApiErrors.missingPermissions();
			if (!guild.members.has(userId)) throw ApiErrors.unknownMember();
		}
		core.removeThreadMember(thread, userId);
		return noContent();
	});

	add('GET', '/channels/:channel_id/thread-members/:user_id', (req) => {
		const thread = requireThread(req.params['channel_id']!);
		const userId = req.params['user_id'] === '@me' ? core.botUserId : req.params['user_id']!;
		const member = world.apiThreadMember(thread, userId);
		if (!member) throw ApiErrors.unknownMember();
		return ok(withGuildMember(thread, member, req.query.get('with_member') === 'true'));
	});

	add('GET', '/channels/:channel_id/thread-members', (req) => {
		const thread = requireThread(req.params['channel_id']!);
		const withMember = req.query.get('with_member') === 'true';
		return ok([...thread.thread!.members.keys()].map((u) => withGuildMember(thread, world.apiThreadMember(thread, u)!, withMember)));
	});

	const withGuildMember = (thread: ChannelRecord, member: object, include: boolean): object => {
		if (!include) return member;
		const guild = world.guild(thread.guildId!);
		const userId = (member as { user_id: string }).user_id;
		const gm = guild?.members.get(userId);
		return gm && guild ? { ...member, member: world.apiMember(guild, gm) } : member;
	};

	const listArchived = (req: ApiRequest, type: ChannelType, joinedOnly: boolean): ApiResponse => {
		const parent = core.requireVisibleChannel(req.params['channel_id']!);
		const threads = [...world.channels.values()].filter(
			(c): c is ChannelRecord & { thread: NonNullable<ChannelRecord['thread']> } =>
				!c.deleted && c.parentId === parent.id && Boolean(c.thread?.archived) && c.type === type && (!joinedOnly || Boolean(c.thread?.members.has(core.botUserId))),
		);
		return ok({
			threads: threads.map((t) => world.apiChannel(t)),
			members: threads.filter((t) => t.thread.members.has(core.botUserId)).map((t) => world.apiThreadMember(t, core.botUserId)),
			has_more: false,
		});
	};
	add('GET', '/channels/:channel_id/threads/archived/public', (req) => listArchived(req, ChannelType.PublicThread, false));
	add('GET', '/channels/:channel_id/threads/archived/private', (req) => {
		if (!has(core.botPermissions(core.requireVisibleChannel(req.params['channel_id']!)), P.ManageThreads)) throw ApiErrors.missingPermissions();
		return listArchived(req, ChannelType.PrivateThread, false);
	});
	add('GET', '/channels/:channel_id/users/@me/threads/archived/private', (req) => listArchived(req, ChannelType.PrivateThread, true));
}

export type { MessageRecord };
