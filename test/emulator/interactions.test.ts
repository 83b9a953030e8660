import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ActionRowBuilder,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	ChannelSelectMenuBuilder,
	DiscordAPIError,
	Events,
	InteractionContextType,
	LabelBuilder,
	MessageFlags,
	ModalBuilder,
	SlashCommandBuilder,
	RoleSelectMenuBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
	UserSelectMenuBuilder,
	type Interaction,
} from 'discord.js';
import { startHarness, until, type Harness } from './harness.js';

const commands = [
	new SlashCommandBuilder()
		.setName('prompt-admin')
		.setDescription('Set up deep-question prompts')
		.setDefaultMemberPermissions(0x20n)
		.addSubcommand((s) =>
			s
				.setName('schedule')
				.setDescription('When prompts go out')
				.addStringOption((o) => o.setName('timezone').setDescription('Your timezone').setRequired(true).setAutocomplete(true))
				.addIntegerOption((o) => o.setName('hour').setDescription('Hour of day').setMinValue(0).setMaxValue(23)),
		)
		.addSubcommand((s) => s.setName('show').setDescription('Show the schedule')),
	new SlashCommandBuilder()
		.setName('checkin')
		.setDescription('Check in on your challenge')
		.addStringOption((o) => o.setName('note').setDescription('How it went'))
		.addUserOption((o) => o.setName('buddy').setDescription('Who you did it with')),
	new SlashCommandBuilder().setName('my-data').setDescription('What Hearth keeps about you').setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
	new SlashCommandBuilder().setName('server-only').setDescription('Only in a server').setContexts(InteractionContextType.Guild),
].map((c) => c.toJSON());

let h: Harness;
let guildId: string;
let channelId: string;
let member: { id: string };
let admin: { id: string };

/** Routes every interaction to the handler the current test installs. */
let onInteraction: (i: Interaction) => Promise<void> | void = () => undefined;

beforeEach(async () => {
	h = await startHarness({ interactionTimeoutMs: 400 }, (emu) => {
		const guild = emu.createGuild({ name: 'Hearth Circle' });
		guildId = guild.id;
		channelId = emu.createChannel(guild.id, { name: 'general' }).id;
		member = emu.createMember(guild.id, { username: 'robin' });
		admin = emu.createMember(guild.id, { username: 'sam', admin: true });
	});
	await h.client.application!.commands.set(commands.slice(0, 2), guildId);
	await h.client.application!.commands.set(commands.slice(2));
	h.client.on(Events.InteractionCreate, (i) => {
		void Promise.resolve(onInteraction(i)).catch((error: unknown) => {
			console.error('interaction handler failed', error);
		});
	});
});

afterEach(async () => {
	onInteraction = () => undefined;
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

describe('slash commands', () => {
	it('a reply reaches the member with its options parsed by discord.js', async () => {
		let seen: { sub: string | null; tz: string; hour: number | null; perms: boolean } | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			seen = {
				sub: i.options.getSubcommand(),
				tz: i.options.getString('timezone', true),
				hour: i.options.getInteger('hour'),
				perms: i.memberPermissions?.has('ManageGuild') ?? false,
			};
			await i.reply({ content: `Prompts will go out at ${i.options.getInteger('hour')}:00 ${i.options.getString('timezone')}.` });
		};
		const ix = await h.emu.runSlashCommand({
			guildId,
			channelId,
			userId: admin.id,
			name: 'prompt-admin',
			subcommand: 'schedule',
			options: { timezone: 'Europe/Paris', hour: 19 },
		});
		const reply = await ix.reply();
		expect(seen).toEqual({ sub: 'schedule', tz: 'Europe/Paris', hour: 19, perms: true });
		expect(reply.content).toBe('Prompts will go out at 19:00 Europe/Paris.');
		expect(reply.ephemeral).toBe(false);
		expect(reply.type).toBe(20);
		expect(ix.responses.map((r) => r.callbackType)).toEqual([4]);
		expect(h.emu.messages(channelId).map((m) => m.content)).toContain('Prompts will go out at 19:00 Europe/Paris.');
	});

	it('defer then editReply: reply() waits for the edited @original, ephemeral stays private', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.deferReply({ flags: MessageFlags.Ephemeral });
			await new Promise((r) => setTimeout(r, 50));
			await i.editReply({ content: 'Your schedule: Sundays at 7pm.' });
		};
		const mark = h.emu.mark();
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: admin.id, name: 'prompt-admin', subcommand: 'show' });
		const reply = await ix.reply();
		expect(reply.content).toBe('Your schedule: Sundays at 7pm.');
		// waitForMessage skips the "thinking" placeholder and returns the filled-in reply.
		expect((await h.emu.waitForMessage({ channelId }, { after: mark })).content).toBe('Your schedule: Sundays at 7pm.');
		expect(reply.ephemeral).toBe(true);
		expect(reply.loading).toBe(false);
		expect(ix.responses.map((r) => r.kind)).toEqual(['callback', 'edit_original']);
		expect(ix.responses[0]!.callbackType).toBe(5);
		expect(ix.responses[0]!.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
		// Ephemeral messages are not part of what the channel shows everyone.
		expect(h.emu.messages(channelId).some((m) => m.content.includes('Sundays'))).toBe(false);
	});

	it('follow-ups are recorded in order, each with its own flags', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply('Checked in. Nice work!');
			await i.followUp({ content: 'Streak: 3 days', flags: MessageFlags.Ephemeral });
			await i.followUp({ content: 'Your buddy was told too.' });
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin', options: { note: 'a walk' } });
		await ix.reply();
		const [first, second] = await ix.waitForFollowUps(2);
		expect(first!.content).toBe('Streak: 3 days');
		expect(first!.ephemeral).toBe(true);
		expect(second!.content).toBe('Your buddy was told too.');
		expect(second!.ephemeral).toBe(false);
		expect(ix.responses.map((r) => r.kind)).toEqual(['callback', 'followup', 'followup']);
	});

	it('a follow-up after a bare defer fills in the thinking message, as Discord does', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.deferReply({ flags: MessageFlags.Ephemeral });
			await i.followUp({ content: 'Done thinking.' });
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		const reply = await ix.reply();
		expect(reply.content).toBe('Done thinking.');
		expect(reply.ephemeral).toBe(true);
		expect(reply.id).toBe(ix.responses[0]!.messageId);
	});

	it('resolved users arrive as discord.js User and GuildMember objects', async () => {
		let buddyName: string | undefined;
		let buddyIsMember = false;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			buddyName = i.options.getUser('buddy')?.username;
			buddyIsMember = i.options.getMember('buddy') !== null;
			await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin', options: { buddy: admin.id } });
		await ix.reply();
		expect(buddyName).toBe('sam');
		expect(buddyIsMember).toBe(true);
	});

	it('files in a reply are uploaded as multipart and kept with their bytes', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply({ content: 'Your data', files: [new AttachmentBuilder(Buffer.from('{"checkIns":3}'), { name: 'my-data.json' })], flags: MessageFlags.Ephemeral });
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		const reply = await ix.reply();
		expect(reply.attachments.map((a) => a.name)).toEqual(['my-data.json']);
		expect(reply.attachments[0]!.data.toString()).toBe('{"checkIns":3}');
		expect(ix.responses[0]!.attachments[0]!.data.toString()).toBe('{"checkIns":3}');
	});

	it('editReply can add a file to a deferred reply', async () => {
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.deferReply();
			await i.editReply({ content: 'Here is your export.', files: [new AttachmentBuilder(Buffer.from('a,b\n1,2\n'), { name: 'export.csv' })] });
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		const reply = await ix.reply();
		expect(reply.attachments.map((a) => [a.name, a.data.toString()])).toEqual([['export.csv', 'a,b\n1,2\n']]);
		expect(ix.responses[1]).toMatchObject({ kind: 'edit_original', type: null });
		expect(ix.responses[1]!.attachments.map((a) => a.name)).toEqual(['export.csv']);
	});

	it('refuses what Discord would not let a member do: missing required option, unknown command, hidden admin command', async () => {
		await expect(h.emu.runSlashCommand({ guildId, channelId, userId: admin.id, name: 'prompt-admin', subcommand: 'schedule' })).rejects.toThrow(/missing required option\(s\) timezone/);
		await expect(h.emu.runSlashCommand({ guildId, channelId, userId: admin.id, name: 'nope' })).rejects.toThrow(/No command "nope" is registered/);
		await expect(h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'prompt-admin', subcommand: 'show' })).rejects.toThrow(/ManageGuild/);
	});

	it('autocomplete returns the choices the bot offered for what was typed', async () => {
		onInteraction = async (i) => {
			if (!i.isAutocomplete()) return;
			const typed = i.options.getFocused();
			const zones = ['Europe/Paris', 'Europe/Berlin', 'America/Chicago'].filter((z) => z.startsWith(typed));
			await i.respond(zones.map((z) => ({ name: z, value: z })));
		};
		const choices = await h.emu.runAutocomplete({
			guildId,
			channelId,
			userId: admin.id,
			name: 'prompt-admin',
			subcommand: 'schedule',
			focused: 'timezone',
			value: 'Eur',
		});
		expect(choices.map((c) => c.value)).toEqual(['Europe/Paris', 'Europe/Berlin']);
	});
});

describe('timing and double answers', () => {
	it('an interaction not acknowledged in time answers 10062 Unknown interaction', async () => {
		let error: unknown;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await new Promise((r) => setTimeout(r, 600));
			try {
				await i.reply('too late');
			} catch (e) {
				error = e;
			}
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		await ix.waitForExpiry();
		await expect(ix.reply({ timeoutMs: 2000 })).rejects.toThrow(/did not acknowledge/);
		await h.emu.waitForEvent('interaction_timeout', (e) => e.interactionId === ix.id);
		await until(() => error !== undefined);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).code).toBe(10062);
	});

	it('a second callback answers 40060 Interaction has already been acknowledged', async () => {
		let error: unknown;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply('first');
			// discord.js itself refuses a second reply, so go around it as a buggy bot might.
			try {
				await h.client.rest.post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'second' } }, auth: false });
			} catch (e) {
				error = e;
			}
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		await ix.reply();
		await until(() => error !== undefined);
		expect((error as DiscordAPIError).code).toBe(40060);
		expect(ix.responses).toHaveLength(1);
	});
});

describe('components and modals', () => {
	const joinRow = (): ActionRowBuilder<ButtonBuilder> =>
		new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder().setCustomId('challenge:join').setLabel('Join').setStyle(ButtonStyle.Primary),
			new ButtonBuilder().setCustomId('challenge:skip').setLabel('Not now').setStyle(ButtonStyle.Secondary),
		);

	it('a button click on a bot message, answered with update, edits that message', async () => {
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		const sent = await channel.send({ content: 'A 30-day gratitude challenge starts Monday.', components: [joinRow()] });
		let clicker: string | undefined;
		onInteraction = async (i) => {
			if (!i.isButton()) return;
			clicker = i.user.id;
			await i.update({ content: `${i.message.content}\n1 person joined.`, components: [] });
		};
		const ix = await h.emu.clickButton({ channelId, messageId: sent.id, userId: member.id, customId: 'challenge:join' });
		const updated = await ix.reply();
		expect(clicker).toBe(member.id);
		expect(updated.id).toBe(sent.id);
		expect(updated.content).toBe('A 30-day gratitude challenge starts Monday.\n1 person joined.');
		expect(updated.components).toEqual([]);
		expect(h.emu.message(sent.id)?.editedAt).not.toBeNull();
	});

	it('deferUpdate then a follow-up: reply() is the follow-up, the clicked message is untouched', async () => {
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		const sent = await channel.send({ content: 'Day 3 check-in', components: [joinRow()] });
		onInteraction = async (i) => {
			if (!i.isButton()) return;
			await i.deferUpdate();
			await i.followUp({ content: 'Counted! 3 days in a row.', flags: MessageFlags.Ephemeral });
		};
		const ix = await h.emu.clickButton({ channelId, messageId: sent.id, userId: member.id, customId: 'challenge:join' });
		const reply = await ix.reply();
		expect(reply.content).toBe('Counted! 3 days in a row.');
		expect(reply.ephemeral).toBe(true);
		expect(h.emu.message(sent.id)?.editedAt).toBeNull();
	});

	it('clicking a button that is not there fails loudly in the test, naming what is', async () => {
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		const sent = await channel.send({ content: 'Join?', components: [joinRow()] });
		await expect(h.emu.clickButton({ channelId, messageId: sent.id, userId: member.id, customId: 'challenge:leave' })).rejects.toThrow(/"challenge:join", "challenge:skip"/);
	});

	it('a button opens a modal; submitting it reaches the bot with the typed values', async () => {
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		const sent = await channel.send({ content: 'Tell us about you', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('profile:edit').setLabel('Edit profile').setStyle(ButtonStyle.Primary))] });
		let submitted: { interests: string; about: string } | undefined;
		onInteraction = async (i) => {
			if (i.isButton()) {
				await i.showModal(
					new ModalBuilder()
						.setCustomId('profile:modal')
						.setTitle('Your interests')
						.addComponents(
							new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('interests').setLabel('Interests').setStyle(TextInputStyle.Short)),
							new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('about').setLabel('About').setStyle(TextInputStyle.Paragraph).setRequired(false)),
						),
				);
			} else if (i.isModalSubmit()) {
				submitted = { interests: i.fields.getTextInputValue('interests'), about: i.fields.getTextInputValue('about') };
				await i.reply({ content: 'Saved your interests.', flags: MessageFlags.Ephemeral });
			}
		};
		const click = await h.emu.clickButton({ channelId, messageId: sent.id, userId: member.id, customId: 'profile:edit' });
		const modal = await click.modal();
		expect(modal.title).toBe('Your interests');
		await expect(click.reply({ timeoutMs: 500 })).rejects.toThrow(/modal/);
		const submit = await h.emu.submitModal({ userId: member.id, customId: 'profile:modal', fields: { interests: 'hiking, chess' } });
		const reply = await submit.reply();
		expect(submitted).toEqual({ interests: 'hiking, chess', about: '' });
		expect(reply.content).toBe('Saved your interests.');
		expect(reply.ephemeral).toBe(true);
		await expect(h.emu.submitModal({ userId: member.id, customId: 'profile:modal', fields: { interests: 'again' } })).rejects.toThrow(/No modal/);
	});

	it('string and user selects carry their values and resolved users', async () => {
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		const sent = await channel.send({
			content: 'Pick',
			components: [
				new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
					new StringSelectMenuBuilder()
						.setCustomId('topics')
						.setMaxValues(2)
						.addOptions({ label: 'Books', value: 'books' }, { label: 'Music', value: 'music' }, { label: 'Games', value: 'games' }),
				),
				new ActionRowBuilder<UserSelectMenuBuilder>().addComponents(new UserSelectMenuBuilder().setCustomId('avoid')),
			],
		});
		const got: unknown[] = [];
		onInteraction = async (i) => {
			if (i.isStringSelectMenu()) got.push(i.values);
			if (i.isUserSelectMenu()) got.push(i.users.map((u) => u.username));
			if (i.isAnySelectMenu()) await i.deferUpdate();
		};
		const a = await h.emu.selectMenu({ channelId, messageId: sent.id, userId: member.id, customId: 'topics', values: ['books', 'games'] });
		await a.acknowledgement();
		const b = await h.emu.selectMenu({ channelId, messageId: sent.id, userId: member.id, customId: 'avoid', values: [admin.id], componentType: 5 });
		await b.acknowledgement();
		expect(got).toEqual([['books', 'games'], ['sam']]);
		await expect(h.emu.selectMenu({ channelId, messageId: sent.id, userId: member.id, customId: 'topics', values: ['cooking'] })).rejects.toThrow(/no option/);
	});

	it('a button in a DM reaches the bot without a guild', async () => {
		const user = await h.client.users.fetch(member.id);
		const dm = await user.send({ content: 'Your pairing this week is Sam. Say hi?', components: [joinRow()] });
		let inGuild: boolean | undefined;
		onInteraction = async (i) => {
			if (!i.isButton()) return;
			inGuild = i.inGuild();
			await i.reply({ content: 'Lovely, I will let them know.' });
		};
		const dmChannelId = h.emu.dmChannelId(member.id)!;
		const ix = await h.emu.clickButton({ channelId: dmChannelId, messageId: dm.id, userId: member.id, customId: 'challenge:join' });
		const reply = await ix.reply();
		expect(inGuild).toBe(false);
		expect(reply.channelId).toBe(dmChannelId);
		expect(h.emu.dms(member.id).map((m) => m.content)).toEqual(['Your pairing this week is Sam. Say hi?', 'Lovely, I will let them know.']);
	});
});

describe('more of what discord.js does', () => {
	it('withResponse gives discord.js the callback resource with the message', async () => {
		let responseMessageId: string | null | undefined;
		let resourceContent: string | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			const res = await i.reply({ content: 'Noted.', withResponse: true });
			responseMessageId = res.interaction.responseMessageId;
			resourceContent = res.resource?.message?.content;
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		const reply = await ix.reply();
		await until(() => resourceContent !== undefined);
		expect(responseMessageId).toBe(reply.id);
		expect(resourceContent).toBe('Noted.');
	});

	it('a modal built from labels comes back in the same shape discord.js reads', async () => {
		let value: string | undefined;
		onInteraction = async (i) => {
			if (i.isChatInputCommand()) {
				await i.showModal(
					new ModalBuilder()
						.setCustomId('note')
						.setTitle('A note')
						.addLabelComponents(new LabelBuilder().setLabel('What happened?').setTextInputComponent(new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Paragraph).setMinLength(3))),
				);
			} else if (i.isModalSubmit()) {
				value = i.fields.getTextInputValue('text');
				await i.deferReply({ flags: MessageFlags.Ephemeral });
				await i.editReply('Thanks for sharing.');
			}
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		const shown = await ix.modal();
		expect(shown.components).toHaveLength(1);
		await expect(h.emu.submitModal({ userId: member.id, customId: 'note', fields: { text: 'hi' } })).rejects.toThrow(/at least 3/);
		const submit = await h.emu.submitModal({ userId: member.id, customId: 'note', fields: { text: 'We cooked together.' } });
		expect((await submit.reply()).content).toBe('Thanks for sharing.');
		expect(value).toBe('We cooked together.');
	});

	it('role and channel selects resolve to discord.js Role and channel objects', async () => {
		const role = h.emu.createRole(guildId, { name: 'Readers' });
		const channel = h.client.channels.cache.get(channelId);
		if (!channel?.isSendable()) throw new Error('channel not sendable');
		await until(() => h.client.guilds.cache.get(guildId)!.roles.cache.has(role.id));
		const sent = await channel.send({
			content: 'Settings',
			components: [
				new ActionRowBuilder<RoleSelectMenuBuilder>().addComponents(new RoleSelectMenuBuilder().setCustomId('role')),
				new ActionRowBuilder<ChannelSelectMenuBuilder>().addComponents(new ChannelSelectMenuBuilder().setCustomId('channel')),
			],
		});
		const got: string[] = [];
		onInteraction = async (i) => {
			if (i.isRoleSelectMenu()) got.push(`role:${i.roles.first()?.name}`);
			if (i.isChannelSelectMenu()) got.push(`channel:${i.channels.first()?.id}`);
			if (i.isAnySelectMenu()) await i.update({ content: 'Saved.' });
		};
		await (await h.emu.selectMenu({ channelId, messageId: sent.id, userId: admin.id, customId: 'role', values: [role.id] })).reply();
		await (await h.emu.selectMenu({ channelId, messageId: sent.id, userId: admin.id, customId: 'channel', values: [channelId] })).reply();
		expect(got).toEqual(['role:Readers', `channel:${channelId}`]);
	});

	it('a global command can run in the member\'s DM with the bot; a guild-only one cannot', async () => {
		let where: string | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			where = i.inGuild() ? 'guild' : `dm:${i.channelId}`;
			await i.reply({ content: 'Here is what I keep about you.', flags: MessageFlags.Ephemeral });
		};
		const ix = await h.emu.runSlashCommand({ userId: member.id, name: 'my-data' });
		const reply = await ix.reply();
		expect(where).toBe(`dm:${h.emu.dmChannelId(member.id)}`);
		expect(reply.channelId).toBe(h.emu.dmChannelId(member.id));
		await expect(h.emu.runSlashCommand({ userId: member.id, name: 'server-only' })).rejects.toThrow(/not available in DMs/);
		expect(h.emu.journal.events.find((e) => e.type === 'dm_channel_create')).toMatchObject({ by: 'user' });
	});

	it('deleteReply and fetchReply use @original', async () => {
		let fetched: string | undefined;
		onInteraction = async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply('temporary');
			fetched = (await i.fetchReply()).content;
			await i.deleteReply();
		};
		const ix = await h.emu.runSlashCommand({ guildId, channelId, userId: member.id, name: 'checkin' });
		await ix.waitForResponse((r) => r.kind === 'delete_original');
		expect(fetched).toBe('temporary');
		expect(ix.original).toBeNull();
		expect(h.emu.messages(channelId)).toEqual([]);
	});
});
