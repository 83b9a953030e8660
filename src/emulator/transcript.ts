import { ChannelType } from 'discord-api-types/v10';
import type { JournalEvent } from './journal.js';
import { LOADING, type World } from './world.js';

/** Which events a transcript shows: what the bot and members did, or also how the test arranged the world. */
export interface TranscriptOptions {
	/** Include guild/channel/role/member set-up events. */
	arrange?: boolean;
	/** Include gateway connects, resumes and closes, and rate limits. */
	plumbing?: boolean;
}

const ARRANGE = new Set(['guild_create', 'guild_delete', 'channel_create', 'channel_update', 'channel_delete', 'role_create', 'role_update', 'role_delete', 'member_add', 'member_remove', 'member_update']);
const PLUMBING = new Set(['gateway_identify', 'gateway_resume', 'gateway_close', 'rate_limited', 'dm_channel_create']);

/** A one-line, human-readable account of an event with names instead of ids (for the demo and failing tests). */
export function describeForPeople(world: World, ev: JournalEvent, opts: TranscriptOptions = {}): string | null {
	if (ARRANGE.has(ev.type) && !opts.arrange) return null;
	if (PLUMBING.has(ev.type) && !opts.plumbing) return null;
	const user = (id: string | null | undefined): string => (id ? (world.user(id)?.username ?? id) : '?');
	const place = (channelId: string): string => {
		const c = world.channels.get(channelId);
		if (!c) return channelId;
		if (c.type === ChannelType.DM) return `DM with ${user(c.recipientId)}`;
		if (c.thread) return `thread "${c.name ?? c.id}"`;
		return `#${c.name ?? c.id}`;
	};
	const text = (s: string): string => JSON.stringify(s.length > 140 ? `${s.slice(0, 139)}…` : s);
	switch (ev.type) {
		case 'message_create':
		case 'message_update': {
			if (ev.type === 'message_create' && (ev.flags & LOADING) !== 0) return `${place(ev.channelId)}  ${user(ev.authorId)} is thinking…`;
			const verb = ev.type === 'message_create' || ev.wasLoading ? '' : '(edited) ';
			const extras = [
				ev.embeds.length ? `[${ev.embeds.map((e) => e.title ?? 'embed').join(', ')}]` : '',
				ev.components.length ? `[${ev.components.length} row(s) of buttons/menus]` : '',
				ev.attachments.length ? `[files: ${ev.attachments.join(', ')}]` : '',
				ev.ephemeral ? '(only they can see this)' : '',
			]
				.filter(Boolean)
				.join(' ');
			if (ev.type === 'message_create' && ev.source === 'system') return `${place(ev.channelId)}  (system message: ${text(ev.content)})`;
			return `${place(ev.channelId)}  ${user(ev.authorId)}: ${verb}${ev.content ? text(ev.content) : ''}${extras ? ` ${extras}` : ''}`;
		}
		case 'message_delete':
			return `${place(ev.channelId)}  a message was deleted`;
		case 'thread_create':
			return `${place(ev.parentId)}  new ${ev.threadType} thread "${ev.name}"${ev.fromMessageId ? ' from a message' : ''}`;
		case 'thread_update':
			return `thread "${world.channels.get(ev.threadId)?.name ?? ev.threadId}" changed: ${JSON.stringify(ev.changes)}`;
		case 'thread_member_add':
			return ev.userId === world.botUserId ? null : `${user(ev.userId)} was added to thread "${world.channels.get(ev.threadId)?.name ?? ev.threadId}"`;
		case 'thread_member_remove':
			return `${user(ev.userId)} left thread "${world.channels.get(ev.threadId)?.name ?? ev.threadId}"`;
		case 'role_add':
		case 'role_remove': {
			const role = world.guild(ev.guildId)?.roles.get(ev.roleId)?.name ?? ev.roleId;
			return `${user(ev.userId)} ${ev.type === 'role_add' ? 'got' : 'lost'} the role "${role}"`;
		}
		case 'pin':
		case 'unpin':
			return `${place(ev.channelId)}  a message was ${ev.type === 'pin' ? 'pinned' : 'unpinned'}`;
		case 'reaction_add':
		case 'reaction_remove':
			return `${place(ev.channelId)}  ${user(ev.userId)} ${ev.type === 'reaction_add' ? 'reacted' : 'removed a reaction'} ${ev.emoji}`;
		case 'command_overwrite':
			return `commands registered (${ev.scope}): /${ev.names.join(', /')}`;
		case 'command_create':
		case 'command_update':
		case 'command_delete':
			return `command /${ev.name} ${ev.type.slice('command_'.length)}d`;
		case 'interaction_create': {
			const what = ev.kind === 'command' ? `ran /${ev.name}` : ev.kind === 'autocomplete' ? `typed in /${ev.name}` : ev.kind === 'modal' ? `submitted the form "${ev.name}"` : `clicked "${ev.name}"`;
			return `${place(ev.channelId)}  ${user(ev.userId)} ${what}`;
		}
		case 'interaction_response':
			if (ev.callbackType === 9) return '  → the bot opened a form';
			if (ev.callbackType === 8) return '  → the bot offered suggestions';
			return null;
		case 'interaction_timeout':
			return `  → the bot did not answer in time ("The application did not respond")`;
		case 'dm_channel_create':
			return `DM opened with ${user(ev.userId)}`;
		case 'rate_limited':
			return `rate limited: ${ev.method} ${ev.path}${ev.global ? ' (global)' : ''}, retry after ${ev.retryAfter}s`;
		case 'gateway_identify':
			return `the bot connected (intents: ${ev.intentNames.join(', ') || 'none'})`;
		case 'gateway_resume':
			return `the bot resumed its session (${ev.replayed} event(s) replayed)`;
		case 'gateway_close':
			return `gateway closed ${ev.code} by the ${ev.by}`;
		case 'guild_create':
			return `the bot is in guild "${world.guild(ev.guildId)?.name ?? ev.guildId}"`;
		case 'guild_delete':
			return `the bot left guild "${world.guild(ev.guildId)?.name ?? ev.guildId}"`;
		case 'channel_create':
		case 'channel_update':
		case 'channel_delete':
			return `channel ${ev.name ?? ev.channelId} ${ev.type.slice('channel_'.length)}d`;
		case 'member_add':
		case 'member_remove':
		case 'member_update':
			return `${user(ev.userId)} ${ev.type === 'member_add' ? 'joined' : ev.type === 'member_remove' ? 'left' : 'was updated'}`;
		case 'role_create':
		case 'role_update':
		case 'role_delete':
			return `role "${world.guild(ev.guildId)?.roles.get(ev.roleId)?.name ?? ev.roleId}" ${ev.type.slice('role_'.length)}d`;
		default:
			return null;
	}
}
