import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { DiscordFailure } from '../../src/core/discord-port.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
	h = await startHarness();
});

afterEach(async () => {
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

describe('the bot on the emulator', () => {
	it('logs in with the Guilds intent only and sees the guild', async () => {
		expect(h.emu.identifiedIntents).toBe(GatewayIntentBits.Guilds);
		expect(h.bot.client.guilds.cache.has(h.guildId)).toBe(true);
		expect(h.bot.client.isReady()).toBe(true);
	});

	it('deploys every command to the dev guild with a bulk overwrite', async () => {
		const deployed = h.emu.commands(h.guildId).map((c) => c.name).sort();
		expect(deployed).toEqual(commands.map((c) => c.data.name).sort());
		const puts = h.emu.journal.requests.filter((r) => r.method === 'PUT' && r.route?.includes('/guilds/:guild_id/commands'));
		expect(puts).toHaveLength(1);
		// Starting the bot does not deploy anything.
		await h.restart();
		expect(h.emu.journal.requests.filter((r) => r.method === 'PUT' && r.route?.includes('commands'))).toHaveLength(1);
	});

	it('answers /help privately with the member commands', async () => {
		const reply = await (await h.command({ name: 'help', userId: h.memberIds[0] })).reply();
		expect(reply.ephemeral).toBe(true);
		const embed = reply.embeds[0]!;
		expect(embed.title).toMatch(/Hearth/);
		expect(JSON.stringify(embed.fields)).toContain('/about');
	});

	it('answers /about with version, uptime, storage and guild count', async () => {
		h.clock.advanceMinutes(90);
		const reply = await (await h.command({ name: 'about', userId: h.memberIds[1] })).reply();
		const fields = Object.fromEntries((reply.embeds[0]!.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({ Version: '0.1.0', 'Up for': '1h 30m', Storage: 'sqlite', Servers: '1' });
	});

	it('refuses an admin command to a member without Manage Server, and honours the Hearth admin role', async () => {
		// The server lets its moderators use /pair-admin (Server Settings → Integrations); Hearth still checks at run time.
		const moderators = h.emu.createRole(h.guildId, { name: 'Moderators' });
		const mod = h.emu.createMember(h.guildId, { username: 'mo', roles: [moderators.id] });
		h.emu.grantCommand(h.guildId, 'pair-admin', moderators.id);
		const refused = await (await h.command({ name: 'pair-admin', subcommand: 'status', userId: mod.id })).reply();
		expect(refused.ephemeral).toBe(true);
		expect(refused.content).toMatch(/Only admins can use this/);

		const set = await (await h.command({ name: 'config', subcommand: 'set', options: { key: 'admin-role', value: moderators.id } })).reply();
		expect(set.ephemeral).toBe(true);
		const allowed = await (await h.command({ name: 'pair-admin', subcommand: 'status', userId: mod.id })).reply();
		expect(allowed.content ?? '').not.toMatch(/Only admins/);
		expect(allowed.embeds.length + allowed.content.length).toBeGreaterThan(0);

		// Without the grant, Discord itself hides admin commands from members.
		await expect(h.command({ name: 'pair-admin', subcommand: 'status', userId: h.memberIds[2]! })).rejects.toThrow(/cannot see command/);
	});

	it('waits out a 429 and posts exactly once', async () => {
		h.emu.injectRateLimit({ method: 'POST', route: '/channels/:id/messages', times: 1, retryAfterSec: 0.5 });
		const started = Date.now();
		const sent = await h.bot.services.discord.send(h.channelId, { content: 'Welcome, everyone 👋' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		const posted = h.emu.messages(h.channelId).filter((m) => m.content === 'Welcome, everyone 👋');
		expect(posted.map((m) => m.id)).toEqual([sent.id]);
		const statuses = h.emu.journal.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel_id/messages').map((r) => r.status);
		expect(statuses).toEqual([429, 200]);
	});

	it('reports a missing permission on a post as a DiscordFailure and keeps serving', async () => {
		h.emu.denyInChannel(h.channelId, h.emu.botUserId, PermissionFlagsBits.SendMessages);
		await expect(h.bot.services.discord.send(h.channelId, { content: 'hello' })).rejects.toMatchObject({
			constructor: DiscordFailure,
			kind: 'missing_permissions',
			code: 50013,
		});
		expect(await h.bot.services.discord.missingPermissions(h.guildId, h.channelId, ['ViewChannel', 'SendMessages'])).toEqual(['SendMessages']);
		const reply = await (await h.command({ name: 'help' })).reply();
		expect(reply.embeds).toHaveLength(1);
	});

	it('never lets posted text ping anyone unless asked', async () => {
		await h.bot.services.discord.send(h.channelId, { content: `@everyone <@${h.memberIds[0]}> <@&${h.guildId}>` });
		const [message] = h.emu.messages(h.channelId);
		expect(message!.mentions).toEqual({ users: [], roles: [], everyone: false });
	});

	it('survives a gateway reconnect and keeps answering', async () => {
		await h.emu.forceReconnect();
		const reply = await (await h.command({ name: 'help' })).reply();
		expect(reply.embeds).toHaveLength(1);
	});
});
