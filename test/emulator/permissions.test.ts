import { describe, expect, it } from 'vitest';
import { ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { basePermissions, channelPermissions, DEFAULT_EVERYONE_PERMISSIONS } from '../../src/emulator/permissions.js';
import { ALL_PERMISSIONS, World, type ChannelRecord, type GuildRecord } from '../../src/emulator/world.js';

/** A tiny world built by hand: guild G with @everyone, roles A and B, members owner/robin, one text channel and a thread. */
function world(): { w: World; guild: GuildRecord; text: ChannelRecord; thread: ChannelRecord } {
	const w = new World('1000', '1001', 'Hearth');
	for (const [id, username] of [['2000', 'owner'], ['2001', 'robin']] as const) {
		w.users.set(id, { id, username, globalName: null, bot: false, dmsClosed: false, locale: 'en-US' });
	}
	const guild: GuildRecord = {
		id: '3000',
		name: 'G',
		ownerId: '2000',
		everyoneRoleId: '3000',
		botRoleId: '3001',
		roles: new Map([
			['3000', { id: '3000', guildId: '3000', name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0, managed: false, color: 0, hoist: false, mentionable: false }],
			['3001', { id: '3001', guildId: '3000', name: 'Hearth', permissions: 0n, position: 3, managed: true, botId: '1000', color: 0, hoist: false, mentionable: false }],
			['3002', { id: '3002', guildId: '3000', name: 'A', permissions: P.ManageRoles, position: 2, managed: false, color: 0, hoist: false, mentionable: false }],
			['3003', { id: '3003', guildId: '3000', name: 'B', permissions: P.Administrator, position: 1, managed: false, color: 0, hoist: false, mentionable: false }],
		]),
		members: new Map([
			['2000', { userId: '2000', roles: [], nick: null, joinedAt: '' }],
			['2001', { userId: '2001', roles: ['3002'], nick: null, joinedAt: '' }],
		]),
		botPresent: true,
		commandGrants: new Map(),
		locale: 'en-US',
		systemChannelId: null,
		botJoinedAt: '',
	};
	w.guilds.set(guild.id, guild);
	const base = { guildId: guild.id, position: 0, topic: null, nsfw: false, rateLimitPerUser: 0, messageIds: [], lastMessageId: null, lastPinTimestamp: null, pins: [], deleted: false, flags: 0 };
	const text: ChannelRecord = { ...base, id: '4000', type: ChannelType.GuildText, name: 'text', parentId: null, overwrites: [] };
	const thread: ChannelRecord = {
		...base,
		id: '4001',
		type: ChannelType.PublicThread,
		name: 'thread',
		parentId: '4000',
		overwrites: [],
		thread: { ownerId: '1000', archived: false, locked: false, invitable: false, autoArchiveDuration: 1440, archiveTimestamp: '', createTimestamp: '', members: new Map(), messageCount: 0, totalMessageSent: 0, fromMessageId: null },
	};
	w.channels.set(text.id, text);
	w.channels.set(thread.id, thread);
	return { w, guild, text, thread };
}

describe('permissions, computed as Discord does', () => {
	it('the owner and administrators have everything; others the union of @everyone and their roles', () => {
		const { guild } = world();
		expect(basePermissions(guild, '2000')).toBe(ALL_PERMISSIONS);
		const robin = basePermissions(guild, '2001');
		expect(robin & P.ManageRoles).toBe(P.ManageRoles);
		expect(robin & P.SendMessages).toBe(P.SendMessages);
		guild.members.get('2001')!.roles.push('3003');
		expect(basePermissions(guild, '2001')).toBe(ALL_PERMISSIONS);
	});

	it('overwrites apply @everyone, then all roles together (allow wins over deny), then the member', () => {
		const { w, text } = world();
		text.overwrites.push({ id: '3000', type: 0, allow: 0n, deny: P.SendMessages });
		expect(channelPermissions(w, text, '2001') & P.SendMessages).toBe(0n);
		text.overwrites.push({ id: '3002', type: 0, allow: P.SendMessages, deny: 0n });
		expect(channelPermissions(w, text, '2001') & P.SendMessages).toBe(P.SendMessages);
		text.overwrites.push({ id: '2001', type: 1, allow: 0n, deny: P.SendMessages });
		expect(channelPermissions(w, text, '2001') & P.SendMessages).toBe(0n);
	});

	it('no View Channel means nothing at all; no Send Messages drops embeds and files too', () => {
		const { w, text } = world();
		text.overwrites.push({ id: '2001', type: 1, allow: 0n, deny: P.SendMessages });
		const perms = channelPermissions(w, text, '2001');
		expect(perms & (P.EmbedLinks | P.AttachFiles)).toBe(0n);
		expect(perms & P.ReadMessageHistory).toBe(P.ReadMessageHistory);
		text.overwrites.push({ id: '3000', type: 0, allow: 0n, deny: P.ViewChannel });
		expect(channelPermissions(w, text, '2001')).toBe(0n);
	});

	it('threads take their parent\'s overwrites; their sending right is Send Messages in Threads', () => {
		const { w, text, thread } = world();
		text.overwrites.push({ id: '3000', type: 0, allow: 0n, deny: P.SendMessages });
		const perms = channelPermissions(w, thread, '2001');
		expect(perms & P.SendMessagesInThreads).toBe(P.SendMessagesInThreads);
		expect(perms & P.EmbedLinks).toBe(P.EmbedLinks);
		text.overwrites.push({ id: '2001', type: 1, allow: 0n, deny: P.SendMessagesInThreads });
		expect(channelPermissions(w, thread, '2001') & (P.SendMessagesInThreads | P.EmbedLinks)).toBe(0n);
		expect(channelPermissions(w, thread, '2000')).toBe(ALL_PERMISSIONS);
	});
});
