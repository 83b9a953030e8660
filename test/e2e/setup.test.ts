import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../src/emulator/index.js';
import { keys } from '../../src/store/index.js';
import { startHarness, type Harness } from './harness.js';

/** The custom_id of the component with `part` among its `:`-separated parts, in a message. */
function idOf(message: MessageView, part: string): string {
	for (const row of message.components as Array<{ components: Array<{ custom_id?: string }> }>) {
		for (const component of row.components) if (component.custom_id?.split(':').slice(2).includes(part)) return component.custom_id;
	}
	throw new Error(`No component ${part} in ${JSON.stringify(message.components)}`);
}

function component(message: MessageView, part: string): { disabled?: boolean; custom_id: string } {
	const id = idOf(message, part);
	for (const row of message.components as Array<{ components: Array<{ custom_id?: string; disabled?: boolean }> }>) {
		for (const c of row.components) if (c.custom_id === id) return c as { disabled?: boolean; custom_id: string };
	}
	throw new Error('unreachable');
}

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 200; i++) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

/** Drives one admin's /setup message through the emulator, keeping the latest state of the message. */
class SetupSession {
	message!: MessageView;
	constructor(
		private readonly h: Harness,
		private readonly userId: string,
	) {}

	async start(options: Record<string, string> = {}): Promise<MessageView> {
		const ix = await this.h.command({ name: 'setup', userId: this.userId, options });
		this.message = await ix.reply();
		return this.message;
	}

	async pick(part: string, values: string[]): Promise<MessageView> {
		const ix = await this.h.emu.selectMenu({ channelId: this.message.channelId, messageId: this.message.id, userId: this.userId, customId: idOf(this.message, part), values });
		this.message = await ix.reply();
		return this.message;
	}

	async click(part: string): Promise<MessageView> {
		const ix = await this.h.emu.clickButton({ channelId: this.message.channelId, messageId: this.message.id, userId: this.userId, customId: idOf(this.message, part) });
		this.message = await ix.reply();
		return this.message;
	}

	get text(): string {
		return JSON.stringify(this.message.embeds) + this.message.content;
	}
}

describe('/setup', () => {
	let h: Harness;
	let channels: { questions: string; pairs: string; challenge: string; log: string };
	beforeEach(async () => {
		h = await startHarness();
		channels = {
			questions: h.emu.createChannel(h.guildId, { name: 'questions' }).id,
			pairs: h.emu.createChannel(h.guildId, { name: 'pairs' }).id,
			challenge: h.emu.createChannel(h.guildId, { name: 'challenge' }).id,
			log: h.emu.createChannel(h.guildId, { name: 'admin-log' }).id,
		};
		await until(() => h.bot.client.channels.cache.has(channels.log), 'the bot to see the new channels');
	});
	afterEach(async () => {
		h.emu.assertNoUnknownRoutes();
		await h.stop();
	});

	it('configures questions, pairings, a first challenge and admin access in one private pass', async () => {
		const helpers = h.emu.createRole(h.guildId, { name: 'Hearth helpers' });
		const template = h.bot.services.challenges.templates()[0]!;
		const setup = new SetupSession(h, h.adminId);
		const first = await setup.start({ timezone: 'europe/paris' });
		expect(first.ephemeral).toBe(true);
		expect(setup.text).toContain('Step 1 of 5');

		await setup.pick('ch-prompts', [channels.questions]);
		await setup.pick('ch-pairing', [channels.pairs]);
		await setup.pick('ch-challenge', [channels.challenge]);
		await setup.click('next');
		expect(setup.text).toContain('Step 2 of 5');
		await setup.pick('p-cadence', ['daily']);
		await setup.pick('p-time', ['12:00']);
		await setup.pick('x-cadence', ['2']);
		await setup.pick('x-slot', ['3-18:00']);
		await setup.click('next');
		expect(setup.text).toContain('Step 3 of 5');
		await setup.pick('c-template', [template.id]);
		await setup.pick('c-start', ['tomorrow']);
		await setup.pick('c-time', ['08:00']);
		await setup.click('next');
		await setup.pick('ch-log', [channels.log]);
		await setup.pick('a-role', [helpers.id]);
		const review = await setup.click('next');
		expect(setup.text).toContain('Step 5 of 5');
		expect(setup.text).toContain('every day at 12:00, in #questions');
		expect(setup.text).toContain('every 2 weeks on Wednesday at 18:00, in #pairs');
		expect(setup.text).toContain('Hearth has every permission it needs in these channels.');
		expect(component(review, 'save').disabled).toBeFalsy();

		const saved = await setup.click('save');
		expect(saved.embeds[0]?.title).toBe('Hearth is set up');
		expect(saved.components).toEqual([]);

		const { services } = h.bot;
		expect(await services.settings.get(h.guildId)).toMatchObject({ timezone: 'Europe/Paris', adminLogChannelId: channels.log, adminRoleId: helpers.id });
		expect(await services.prompts.getConfig(h.guildId)).toMatchObject({ channelId: channels.questions, schedule: { kind: 'daily', time: '12:00' }, paused: false });
		expect(await services.pairing.config(h.guildId)).toMatchObject({ channelId: channels.pairs, everyWeeks: 2, day: 3, time: '18:00' });
		const [challenge] = await services.challenges.list(h.guildId);
		expect(challenge?.challenge).toMatchObject({ templateId: template.id, channelId: channels.challenge, startDate: '2026-11-24', postTime: '08:00', timezone: 'Europe/Paris' });
		const audit = (await services.audit.recent(h.guildId, 50)).map((e) => e.setting);
		expect(audit).toEqual(expect.arrayContaining(['timezone', 'admin-log-channel', 'admin-role', 'prompts.channel', 'prompts.schedule', 'pairing.channel', 'pairing.schedule']));
		expect((await services.audit.recent(h.guildId, 50)).every((e) => e.userId === h.adminId)).toBe(true);
		// The draft is gone once saved.
		expect(await h.store.keys(keys.member(h.guildId, h.adminId, 'setup'))).toEqual([]);

		// It works: the first question goes out at 12:00 Paris time (11:00 UTC).
		await h.advance(180, { tickEvery: 30 });
		const posted = h.emu.messages(channels.questions).filter((m) => m.authorId === h.emu.botUserId);
		expect(posted).toHaveLength(1);

		// Next Monday at 09:00 Paris time, the admin log channel gets the week's summary from every feature.
		await h.advance(7 * 1440, { tickEvery: 360 });
		const summaries = h.emu.messages(channels.log).filter((m) => m.embeds[0]?.title === 'Hearth this week');
		expect(summaries).toHaveLength(1);
		expect(summaries[0]!.embeds[0]!.description).toBe('From 2026-11-23 to 2026-11-30.');
		expect(summaries[0]!.embeds[0]!.fields?.map((f) => f.name)).toContain('Questions');

		// /config show has it all in one embed.
		const shown = await (await h.command({ name: 'config', subcommand: 'show' })).reply();
		const show = JSON.stringify(shown.embeds);
		expect(shown.embeds).toHaveLength(1);
		expect(show).toContain('Europe/Paris');
		expect(show).toContain(`<#${channels.log}>`);
		expect(show).toContain(`<@&${helpers.id}>`);
		expect(show).toContain(template.name);

		// Discord itself hides Manage Server commands from other members (the emulator refuses them the same way),
		// unless the server grants the command in Server Settings → Integrations; the Hearth admin role is checked
		// again by the bot when they do run it (router: isGuildAdmin).
		await expect(h.command({ name: 'config', subcommand: 'audit', userId: h.memberIds[0]! })).rejects.toThrow(/cannot see command "config"/);
	});

	it('saves once when Save is clicked twice in a hurry: one challenge, one audit entry per change', async () => {
		const template = h.bot.services.challenges.templates()[0]!;
		const setup = new SetupSession(h, h.adminId);
		await setup.start();
		await setup.pick('ch-prompts', [channels.questions]);
		await setup.pick('ch-pairing', [channels.pairs]);
		await setup.pick('ch-challenge', [channels.challenge]);
		await setup.click('next');
		await setup.pick('p-cadence', ['daily']);
		await setup.click('next');
		await setup.pick('c-template', [template.id]);
		await setup.click('next');
		await setup.click('next');
		const review = setup.message;
		const click = () => h.emu.clickButton({ channelId: review.channelId, messageId: review.id, userId: h.adminId, customId: idOf(review, 'save') });
		const [a, b] = await Promise.all([click(), click()]);
		// One click saves and shows the result; the other is acknowledged without a second save or a second message.
		const saved = await Promise.any([a.reply(), b.reply()]);
		expect(saved.embeds[0]?.title).toBe('Hearth is set up');

		const { services } = h.bot;
		expect(await services.challenges.list(h.guildId)).toHaveLength(1);
		const audit = (await services.audit.recent(h.guildId, 50)).map((e) => e.setting);
		expect(audit.filter((s) => s === 'pairing.channel')).toHaveLength(1);
		expect(audit.filter((s) => s === 'prompts.channel')).toHaveLength(1);
		expect(await h.store.keys(keys.member(h.guildId, h.adminId, 'setup'))).toEqual([]);
	});

	it('names exactly which permission is missing and where, and saves once it is granted', async () => {
		const botId = h.emu.botUserId;
		h.emu.denyInChannel(channels.pairs, botId, PermissionFlagsBits.CreatePrivateThreads);
		await until(() => h.bot.client.channels.cache.get(channels.pairs)?.isTextBased() === true && !(h.bot.client.guilds.cache.get(h.guildId)!.channels.cache.get(channels.pairs)!.permissionsFor(botId)?.has(PermissionFlagsBits.CreatePrivateThreads) ?? false), 'the overwrite to reach the bot');
		const setup = new SetupSession(h, h.adminId);
		await setup.start();
		await setup.pick('ch-prompts', [channels.questions]);
		await setup.pick('ch-pairing', [channels.pairs]);
		await setup.click('next');
		await setup.click('next');
		await setup.click('next');
		const review = await setup.click('next');
		expect(setup.text).toContain('Hearth needs Create Private Threads in #pairs.');
		expect(setup.text).not.toContain('#questions.');
		expect(component(review, 'save').disabled).toBe(true);
		expect((await h.bot.services.pairing.config(h.guildId)).channelId).toBeNull();

		h.emu.clearOverwrite(channels.pairs, botId);
		await until(() => h.bot.client.guilds.cache.get(h.guildId)!.channels.cache.get(channels.pairs)!.permissionsFor(botId)?.has(PermissionFlagsBits.CreatePrivateThreads) ?? false, 'the overwrite to be lifted');
		const rechecked = await setup.click('recheck');
		expect(setup.text).not.toContain('Hearth needs');
		expect(component(rechecked, 'save').disabled).toBeFalsy();
		await setup.click('save');
		expect((await h.bot.services.pairing.config(h.guildId)).channelId).toBe(channels.pairs);
	});

	it('survives a restart mid-flow, and an expired setup says so politely', async () => {
		const setup = new SetupSession(h, h.adminId);
		await setup.start();
		await setup.pick('ch-prompts', [channels.questions]);
		await h.restart();
		await setup.click('next');
		expect(setup.text).toContain('Step 2 of 5');
		h.clock.advanceMinutes(31);
		const expired = await setup.click('next');
		expect(expired.content).toBe('This setup has expired (a setup lasts 30 minutes after your last click) and nothing was saved. Run /setup to start again.');
		expect(expired.components).toEqual([]);
		expect(await h.store.keys(keys.member(h.guildId, h.adminId, 'setup'))).toEqual([]);
	});

	it('keeps /setup and /config to Manage Server (Discord hides them from other members) and /privacy to everyone', async () => {
		const member = h.memberIds[1]!;
		await expect(h.command({ name: 'setup', userId: member })).rejects.toThrow(/cannot see command "setup": it needs ManageGuild/);
		await expect(h.command({ name: 'config', subcommand: 'show', userId: member })).rejects.toThrow(/cannot see command "config"/);
		const commands = h.emu.commands(h.guildId);
		expect(commands.find((c) => c.name === 'setup')?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
		expect(commands.find((c) => c.name === 'privacy')?.default_member_permissions ?? null).toBeNull();
		const own = await (await h.command({ name: 'privacy', subcommand: 'show', userId: member })).reply();
		expect(own.embeds[0]?.description).toBe('Hearth keeps nothing about you in this server.');
	});

	it('/config set validates, saves and records who changed what; reset asks first and keeps members\' data', async () => {
		const bad = await (await h.command({ name: 'config', subcommand: 'set', options: { key: 'timezone', value: 'Mars/Olympus' } })).reply();
		expect(bad.content).toContain('is not a time zone Hearth knows');
		const choices = await h.emu.runAutocomplete({ guildId: h.guildId, channelId: h.channelId, userId: h.adminId, name: 'config', subcommand: 'set', options: { key: 'admin-log-channel' }, focused: 'value', value: 'adm' });
		expect(choices).toEqual(expect.arrayContaining([{ name: '#admin-log', value: channels.log }]));
		const ok = await (await h.command({ name: 'config', subcommand: 'set', options: { key: 'admin-log-channel', value: channels.log } })).reply();
		expect(ok.content).toBe(`Saved: **admin-log-channel** is now <#${channels.log}>.`);
		await (await h.command({ name: 'pair', subcommand: 'join', userId: h.memberIds[0]!, options: { interests: 'chess, baking' } })).reply();

		const ask = await (await h.command({ name: 'config', subcommand: 'reset' })).reply();
		const ix = await h.emu.clickButton({ channelId: ask.channelId, messageId: ask.id, userId: h.adminId, customId: idOf(ask, 'reset') });
		const done = await ix.reply();
		expect(done.content).toBe('Every setting is back to its default. Run /setup whenever you want to configure Hearth again.');
		expect((await h.bot.services.settings.get(h.guildId)).adminLogChannelId).toBeNull();
		expect((await h.bot.services.pairing.profileView(h.guildId, h.memberIds[0]!)).profile?.interests).toEqual(['chess', 'baking']);

		const audit = await (await h.command({ name: 'config', subcommand: 'audit' })).reply();
		const text = audit.embeds[0]?.description ?? '';
		expect(text.split('\n')[0]).toContain('**all settings** to defaults');
		expect(text).toContain(`<@${h.adminId}> set **admin-log-channel** to <#${channels.log}>`);
	});
});
