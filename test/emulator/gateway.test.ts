import { afterEach, describe, expect, it } from 'vitest';
import { ChannelType, Client, Events, GatewayIntentBits } from 'discord.js';
import { WebSocket } from 'ws';
import { connectClient, startEmulator, until } from './harness.js';
import type { DiscordEmulator } from '../../src/emulator/index.js';

let emu: DiscordEmulator;
let client: Client | undefined;
afterEach(async () => {
	await client?.destroy();
	client = undefined;
	await emu.stop();
});

describe('the gateway', () => {
	it('guilds and channels created after login reach the cache; removing the bot dispatches GUILD_DELETE', async () => {
		emu = await startEmulator();
		client = await connectClient(emu);
		const joined = new Promise<string>((resolve) => client!.once(Events.GuildCreate, (g) => resolve(g.id)));
		const guild = emu.createGuild({ name: 'Late Arrivals' });
		expect(await joined).toBe(guild.id);
		const channel = emu.createChannel(guild.id, { name: 'pairings' });
		await until(() => client!.channels.cache.has(channel.id));
		const left = new Promise<string>((resolve) => client!.once(Events.GuildDelete, (g) => resolve(g.id)));
		emu.removeBotFromGuild(guild.id);
		expect(await left).toBe(guild.id);
		expect(client.guilds.cache.has(guild.id)).toBe(false);
		emu.assertNoUnknownRoutes();
	});

	it('a forced reconnect is resumed, and events sent meanwhile are replayed in order', async () => {
		emu = await startEmulator();
		const guild = emu.createGuild();
		client = await connectClient(emu);
		const identifies = () => emu.journal.events.filter((e) => e.type === 'gateway_identify').length;
		expect(identifies()).toBe(1);
		const reconnecting = emu.forceReconnect();
		// Created while the bot is away: it must still learn about it through the replay.
		const channel = emu.createChannel(guild.id, { name: 'made-while-away' });
		await reconnecting;
		await until(() => client!.channels.cache.has(channel.id));
		const resume = emu.journal.events.find((e) => e.type === 'gateway_resume');
		expect(resume && resume.type === 'gateway_resume' && resume.replayed).toBeGreaterThanOrEqual(1);
		expect(identifies()).toBe(1);
		const seqs = emu.journal.dispatches.map((d) => d.s);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(new Set(seqs).size).toBe(seqs.length);
	});

	it('an invalid session makes discord.js identify again and become ready', async () => {
		emu = await startEmulator();
		const guild = emu.createGuild();
		// discord.js spaces identifies 5 s apart; a throttler that does not wait keeps this test quick.
		client = await connectClient(emu, { ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => undefined }) } });
		// Wait for discord.js to be fully ready again: destroying a client mid-identify can hang inside discord.js.
		const readyAgain = new Promise<void>((resolve) => client!.once(Events.ShardReady, () => resolve()));
		emu.invalidateSession();
		await readyAgain;
		expect(emu.journal.events.filter((e) => e.type === 'gateway_identify')).toHaveLength(2);
		expect(client.guilds.cache.has(guild.id)).toBe(true);
	});

	it('a privileged intent the app has not switched on closes with 4014 and login rejects', async () => {
		emu = await startEmulator({ log: () => undefined });
		client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: emu.apiUrl } });
		await expect(client.login(emu.token)).rejects.toThrow(/disallowed intents/i);
		const closed = emu.journal.events.find((e) => e.type === 'gateway_close');
		expect(closed && closed.type === 'gateway_close' && closed.code).toBe(4014);
	});

	it('a wrong token is refused on REST (401) before any gateway connection', async () => {
		emu = await startEmulator();
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
		await expect(client.login('not.a.token')).rejects.toThrow();
		expect(emu.journal.requests[0]).toMatchObject({ route: '/gateway/bot', status: 401, auth: 'invalid' });
	});

	it('compression or etf is refused with a clear close reason', async () => {
		emu = await startEmulator({ log: () => undefined });
		const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
		const [code, reason] = await new Promise<[number, string]>((resolve) => ws.on('close', (c, r) => resolve([c, r.toString()])));
		expect(code).toBe(4012);
		expect(reason).toMatch(/encoding=json without transport compression/);
	});

	it('with GuildMessages, member messages arrive as MESSAGE_CREATE, without content unless MessageContent', async () => {
		emu = await startEmulator({ privilegedIntents: ['MessageContent'] });
		const guild = emu.createGuild();
		const channel = emu.createChannel(guild.id, { name: 'chat' });
		const robin = emu.createMember(guild.id, { username: 'robin' });
		client = await connectClient(emu, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
		const got = new Promise<string>((resolve) => client!.once(Events.MessageCreate, (m) => resolve(m.content)));
		emu.sendUserMessage(channel.id, robin.id, 'hello bot');
		expect(await got).toBe('');
		expect(client.channels.cache.get(channel.id)?.type).toBe(ChannelType.GuildText);
	});

	it('members can be requested over the gateway by id; the whole list needs GuildMembers', async () => {
		emu = await startEmulator({ log: () => undefined });
		const guild = emu.createGuild();
		const robin = emu.createMember(guild.id, { username: 'robin' });
		client = await connectClient(emu);
		const g = client.guilds.cache.get(guild.id)!;
		const fetched = await g.members.fetch({ user: [robin.id] });
		expect(fetched.get(robin.id)?.user.username).toBe('robin');
		const byName = await g.members.fetch({ query: 'rob', limit: 5 });
		expect([...byName.keys()]).toEqual([robin.id]);
		await expect(g.members.fetch({ time: 300 })).rejects.toThrow(/members didn't arrive in time/i);
	});
});
