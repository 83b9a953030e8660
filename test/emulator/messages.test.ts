import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentBuilder, ChannelType, DiscordAPIError, EmbedBuilder, OverwriteType, PermissionFlagsBits, ThreadAutoArchiveDuration, type TextChannel } from 'discord.js';
import { startHarness, until, type Harness } from './harness.js';

let h: Harness;
let guildId: string;
let channelId: string;
let robin: { id: string };
let sam: { id: string };

beforeEach(async () => {
	h = await startHarness({}, (emu) => {
		const guild = emu.createGuild({ name: 'Hearth Circle' });
		guildId = guild.id;
		channelId = emu.createChannel(guild.id, { name: 'prompts' }).id;
		robin = emu.createMember(guild.id, { username: 'robin' });
		sam = emu.createMember(guild.id, { username: 'sam' });
	});
});

afterEach(async () => {
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

const textChannel = (id = channelId): TextChannel => {
	const c = h.client.channels.cache.get(id);
	if (!c || c.type !== ChannelType.GuildText) throw new Error(`no text channel ${id}`);
	return c;
};

async function apiError(p: Promise<unknown>): Promise<DiscordAPIError> {
	try {
		await p;
	} catch (error) {
		if (error instanceof DiscordAPIError) return error;
		throw error;
	}
	throw new Error('expected a DiscordAPIError, but the call succeeded');
}

describe('messages', () => {
	it('a message is posted and edited, and the journal records both with the mentions allowed', async () => {
		const sent = await textChannel().send({ content: `This week's question is up, <@${robin.id}>!`, allowedMentions: { users: [] } });
		const created = await h.emu.waitForEvent('message_create', (e) => e.messageId === sent.id);
		expect(created.mentions.users).toEqual([]);
		expect(created.source).toBe('rest');
		await sent.edit({ content: 'This week: what made you laugh lately?', embeds: [new EmbedBuilder().setTitle('Deep question')] });
		const updated = await h.emu.waitForEvent('message_update', (e) => e.messageId === sent.id);
		expect(updated.content).toBe('This week: what made you laugh lately?');
		expect(updated.embeds[0]?.title).toBe('Deep question');
		// Guilds-only bots get no message events, not even for their own messages.
		expect(h.emu.journal.dispatches.filter((d) => d.t.startsWith('MESSAGE_'))).toEqual([]);
		const [view] = h.emu.messages(channelId);
		expect(view?.content).toBe('This week: what made you laugh lately?');
		expect(view?.editedAt).toBeInstanceOf(Date);
		// discord.js reads the message back from the REST answer.
		const fetched = await textChannel().messages.fetch({ message: sent.id, force: true });
		expect(fetched.content).toBe('This week: what made you laugh lately?');
	});

	it('an empty message answers 50006 and an over-long one 50035 with the field named', async () => {
		const empty = await apiError(h.client.rest.post(`/channels/${channelId}/messages`, { body: { content: '' } }));
		expect(empty.code).toBe(50006);
		const long = await apiError(textChannel().send('x'.repeat(2001)));
		expect(long.code).toBe(50035);
		expect(long.message).toContain('content[BASE_TYPE_MAX_LENGTH]');
	});

	it('an unknown channel answers 10003 and an unknown message 10008', async () => {
		expect((await apiError(h.client.rest.post('/channels/123456789012345678/messages', { body: { content: 'hi' } }))).code).toBe(10003);
		expect((await apiError(textChannel().messages.fetch({ message: '123456789012345678', force: true }))).code).toBe(10008);
		const channel = textChannel();
		h.emu.deleteChannel(channelId);
		await until(() => !h.client.channels.cache.has(channelId));
		expect((await apiError(channel.send('still there?'))).code).toBe(10003);
	});

	it('files are uploaded, served back, and attachment:// embed images point at them', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const sent = await textChannel().send({
			files: [new AttachmentBuilder(png, { name: 'streaks.png' })],
			embeds: [new EmbedBuilder().setTitle('Streaks').setImage('attachment://streaks.png')],
		});
		const view = h.emu.message(sent.id)!;
		expect(view.attachments.map((a) => [a.name, a.contentType])).toEqual([['streaks.png', 'image/png']]);
		expect(view.embeds[0]?.image?.url).toBe(view.attachments[0]!.url);
		const served = await fetch(view.attachments[0]!.url);
		expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
		expect(sent.attachments.first()?.name).toBe('streaks.png');
	});

	it('pins need Pin Messages, use the current route and leave a system message', async () => {
		const sent = await textChannel().send('Pinned: how check-ins work');
		expect((await apiError(sent.pin())).code).toBe(50013);
		h.emu.allowInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.PinMessages);
		await sent.pin();
		await h.emu.waitForEvent('pin', (e) => e.messageId === sent.id);
		expect(h.emu.message(sent.id)?.pinned).toBe(true);
		expect(h.emu.journal.requests.some((r) => r.method === 'PUT' && r.route === '/channels/:channel_id/messages/pins/:message_id')).toBe(true);
		expect(h.emu.messages(channelId).at(-1)?.type).toBe(6);
		await sent.unpin();
		expect(h.emu.message(sent.id)?.pinned).toBe(false);
	});
});

describe('permissions', () => {
	it('without Send Messages the bot gets 50013; without View Channel 50001', async () => {
		h.emu.denyInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.SendMessages);
		await until(() => textChannel().permissionOverwrites.cache.has(h.emu.botUserId));
		expect((await apiError(textChannel().send('hello'))).code).toBe(50013);
		h.emu.denyInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.ViewChannel);
		expect((await apiError(h.client.rest.post(`/channels/${channelId}/messages`, { body: { content: 'hello' } }))).code).toBe(50001);
		expect(h.emu.messages(channelId)).toEqual([]);
	});

	it('an @everyone overwrite applies to the bot too, and a role overwrite can give it back', async () => {
		const helpers = h.emu.createRole(guildId, { name: 'Hearth helpers' });
		h.emu.setBotRoles(guildId, [helpers.id]);
		h.emu.denyInChannel(channelId, guildId, PermissionFlagsBits.SendMessages);
		expect((await apiError(h.client.rest.post(`/channels/${channelId}/messages`, { body: { content: 'a' } }))).code).toBe(50013);
		h.emu.allowInChannel(channelId, helpers.id, PermissionFlagsBits.SendMessages);
		await h.client.rest.post(`/channels/${channelId}/messages`, { body: { content: 'b' } });
		expect(h.emu.messages(channelId).map((m) => m.content)).toEqual(['b']);
	});

	it('without Embed Links embeds are dropped, and an embed-only message is refused with 50013', async () => {
		h.emu.denyInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.EmbedLinks);
		const embed = new EmbedBuilder().setTitle('Week 2');
		await textChannel().send({ content: 'Check-ins are open', embeds: [embed] });
		const ev = await h.emu.waitForEvent('message_create');
		expect(ev.embeds).toEqual([]);
		expect(ev.embedsDropped).toBe(true);
		expect((await apiError(textChannel().send({ embeds: [embed] }))).code).toBe(50013);
	});
});

describe('channels', () => {
	it('the bot creates a private channel with overwrites when it may manage channels', async () => {
		const guild = h.client.guilds.cache.get(guildId)!;
		const overwrites = [
			{ id: guildId, type: OverwriteType.Role, deny: [PermissionFlagsBits.ViewChannel] },
			// Members discord.js has not cached need their overwrite type spelled out.
			{ id: robin.id, type: OverwriteType.Member, allow: [PermissionFlagsBits.ViewChannel] },
			{ id: h.emu.botUserId, type: OverwriteType.Member, allow: [PermissionFlagsBits.ViewChannel] },
		];
		expect((await apiError(guild.channels.create({ name: 'pair-robin', permissionOverwrites: overwrites }))).code).toBe(50013);
		h.emu.setBotPermissions(guildId, h.emu.member(guildId, h.emu.botUserId)!.permissions | PermissionFlagsBits.ManageChannels);
		await until(() => guild.members.me!.permissions.has(PermissionFlagsBits.ManageChannels));
		const created = await guild.channels.create({ name: 'pair-robin', permissionOverwrites: overwrites });
		expect(h.emu.permissionsOf(robin.id, created.id) & PermissionFlagsBits.ViewChannel).toBe(PermissionFlagsBits.ViewChannel);
		expect(h.emu.permissionsOf(sam.id, created.id)).toBe(0n);
		await created.send('A quiet room for the two of you.');
		expect(h.emu.messages(created.id)).toHaveLength(1);
	});
});

describe('threads', () => {
	it('a thread started from a message shares its id and reaches the discord.js cache', async () => {
		const starter = await textChannel().send('Pairing round 4 is out!');
		const thread = await starter.startThread({ name: 'Round 4 chat', autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
		expect(thread.id).toBe(starter.id);
		const ev = await h.emu.waitForEvent('thread_create');
		expect(ev).toMatchObject({ parentId: channelId, threadType: 'public', fromMessageId: starter.id, name: 'Round 4 chat', autoArchiveDuration: 1440 });
		await thread.send('Say hello to your pair here.');
		h.emu.sendUserMessage(thread.id, robin.id, 'Hello!');
		const fetched = await h.client.channels.fetch(thread.id, { force: true });
		expect(fetched?.isThread() && fetched.messageCount).toBe(2);
		expect(h.emu.thread(thread.id)?.memberIds.sort()).toEqual([h.emu.botUserId, robin.id].sort());
		expect(h.emu.message(starter.id)?.threadId).toBe(thread.id);
	});

	it('a private thread with members added: THREAD_CREATE, members journaled, 50013 without the permission', async () => {
		const thread = await textChannel().threads.create({ name: 'Robin & Sam', type: ChannelType.PrivateThread, invitable: false });
		expect(h.client.channels.cache.get(thread.id)?.type).toBe(ChannelType.PrivateThread);
		await thread.members.add(robin.id);
		await thread.members.add(sam.id);
		const added = h.emu.journal.events.filter((e) => e.type === 'thread_member_add' && e.threadId === thread.id).map((e) => (e as { userId: string }).userId);
		expect(added).toEqual([h.emu.botUserId, robin.id, sam.id]);
		expect(h.emu.thread(thread.id)).toMatchObject({ type: 'private', invitable: false, memberIds: [h.emu.botUserId, robin.id, sam.id] });
		// A private thread posts no "started a thread" notice in its parent; a public one does.
		expect(h.emu.messages(channelId)).toEqual([]);
		// With the Guilds intent alone, members joining a thread are not announced to the bot (only its own joins are).
		expect(h.emu.journal.dispatches.filter((d) => d.t === 'THREAD_MEMBERS_UPDATE')).toEqual([]);
		expect(h.emu.journal.dispatches.some((d) => d.t === 'THREAD_CREATE')).toBe(true);
		h.emu.denyInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.CreatePrivateThreads);
		expect((await apiError(textChannel().threads.create({ name: 'nope', type: ChannelType.PrivateThread }))).code).toBe(50013);
	});

	it('a thread Discord auto-archived reaches discord.js as archived and reopens when the bot posts', async () => {
		const thread = await textChannel().threads.create({ name: 'Week 2 check-ins', type: ChannelType.PublicThread });
		h.emu.archiveThread(thread.id);
		await until(() => thread.archived === true);
		await thread.send('Day 8: how did it go?');
		await until(() => thread.archived === false);
		expect(h.emu.thread(thread.id)?.archived).toBe(false);
	});

	it('archiving a thread updates discord.js; sending in an archived thread reopens it', async () => {
		const thread = await textChannel().threads.create({ name: 'Week 1 check-ins', type: ChannelType.PublicThread });
		await thread.setArchived(true);
		await h.emu.waitForEvent('thread_update', (e) => e.changes['archived'] === true);
		expect(h.emu.thread(thread.id)?.archived).toBe(true);
		await thread.send('A new week begins');
		expect(h.emu.thread(thread.id)?.archived).toBe(false);
		await thread.setLocked(true);
		await thread.setArchived(true);
		h.emu.denyInChannel(channelId, h.emu.botUserId, PermissionFlagsBits.ManageThreads);
		expect((await apiError(h.client.rest.post(`/channels/${thread.id}/messages`, { body: { content: 'x' } }))).code).toBe(50083);
	});
});

describe('DMs', () => {
	it('a DM reaches the member; the same DM channel is reused', async () => {
		const user = await h.client.users.fetch(robin.id);
		await user.send('Your pair this week is Sam. Maybe a walk?');
		await user.send('Reminder: one day left to say hi.');
		expect(h.emu.dms(robin.id).map((m) => m.content)).toEqual(['Your pair this week is Sam. Maybe a walk?', 'Reminder: one day left to say hi.']);
		const opened = h.emu.journal.events.filter((e) => e.type === 'dm_channel_create');
		expect(opened).toHaveLength(1);
		expect(h.emu.journal.requests.filter((r) => r.route === '/users/@me/channels')).toHaveLength(1);
	});

	it('a member with DMs closed: discord.js throws DiscordAPIError 50007', async () => {
		const shy = h.emu.createMember(guildId, { username: 'shy', dmsClosed: true });
		const user = await h.client.users.fetch(shy.id);
		const error = await apiError(user.send('hello'));
		expect(error.code).toBe(50007);
		expect(error.status).toBe(403);
		expect(h.emu.dms(shy.id)).toEqual([]);
	});

	it('after the member leaves every shared guild, DMs answer 50007 too', async () => {
		const user = await h.client.users.fetch(sam.id);
		await user.send('first');
		h.emu.removeMember(guildId, sam.id);
		expect((await apiError(user.send('second'))).code).toBe(50007);
	});
});

describe('roles and members', () => {
	it('roles are added and removed; a role above the bot answers 50013; unknowns 10011 and 10007', async () => {
		const streak = h.emu.createRole(guildId, { name: '30-day streak' });
		const mods = h.emu.createRole(guildId, { name: 'Moderators', aboveBot: true });
		await until(() => h.client.guilds.cache.get(guildId)!.roles.cache.has(mods.id));
		const guild = h.client.guilds.cache.get(guildId)!;
		const member = await guild.members.fetch(robin.id);
		await member.roles.add(streak.id);
		expect(h.emu.member(guildId, robin.id)?.roles).toEqual([streak.id]);
		await h.emu.waitForEvent('role_add', (e) => e.roleId === streak.id && e.userId === robin.id);
		await member.roles.remove(streak.id);
		expect(h.emu.member(guildId, robin.id)?.roles).toEqual([]);
		expect((await apiError(member.roles.add(mods.id))).code).toBe(50013);
		expect((await apiError(guild.members.addRole({ user: robin.id, role: '123456789012345678' }))).code).toBe(10011);
		h.emu.removeMember(guildId, sam.id);
		expect((await apiError(guild.members.addRole({ user: sam.id, role: streak.id }))).code).toBe(10007);
		expect((await apiError(guild.members.fetch({ user: sam.id, force: true }))).code).toBe(10007);
	});

	it('a role an admin deleted answers 10011 and leaves the discord.js cache', async () => {
		const streak = h.emu.createRole(guildId, { name: 'streak' });
		const guild = h.client.guilds.cache.get(guildId)!;
		await until(() => guild.roles.cache.has(streak.id));
		h.emu.deleteRole(guildId, streak.id);
		await until(() => !guild.roles.cache.has(streak.id));
		expect((await apiError(guild.members.addRole({ user: robin.id, role: streak.id }))).code).toBe(10011);
	});

	it('without Manage Roles the bot gets 50013 even for a low role', async () => {
		const streak = h.emu.createRole(guildId, { name: 'streak' });
		h.emu.setBotPermissions(guildId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
		const error = await apiError(h.client.guilds.cache.get(guildId)!.members.addRole({ user: robin.id, role: streak.id }));
		expect(error.code).toBe(50013);
	});
});

describe('transcript', () => {
	it('tells what happened in people\'s words, with names instead of ids', async () => {
		const mark = h.emu.mark();
		await textChannel().send('What is a small kindness you received this week?');
		const user = await h.client.users.fetch(robin.id);
		await user.send('You and sam are paired this week.');
		const starter = await textChannel().send('Round 5');
		await starter.startThread({ name: 'Round 5 chat' });
		expect(h.emu.transcript({ after: mark })).toEqual([
			'#prompts  Hearth: "What is a small kindness you received this week?"',
			'DM with robin  Hearth: "You and sam are paired this week."',
			'#prompts  Hearth: "Round 5"',
			'#prompts  new public thread "Round 5 chat" from a message',
		]);
	});
});
