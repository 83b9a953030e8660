import { afterEach, describe, expect, it } from 'vitest';
import { ChannelType, DiscordAPIError, RESTEvents, SlashCommandBuilder, type RateLimitData, type TextChannel } from 'discord.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
	await h.stop();
});

const textChannel = (id: string): TextChannel => {
	const c = h.client.channels.cache.get(id);
	if (!c || c.type !== ChannelType.GuildText) throw new Error(`no text channel ${id}`);
	return c;
};

describe('rate limits', () => {
	it('an injected 429 is waited out by discord.js and the message lands exactly once', async () => {
		let channelId = '';
		h = await startHarness({}, (emu) => {
			const g = emu.createGuild();
			channelId = emu.createChannel(g.id, { name: 'prompts' }).id;
		});
		h.emu.injectRateLimit({ method: 'POST', route: '/channels/:id/messages', times: 1, retryAfterSec: 0.3 });
		const started = Date.now();
		await textChannel(channelId).send('This week: who taught you something without knowing it?');
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(300);
		expect(h.emu.messages(channelId).map((m) => m.content)).toEqual(['This week: who taught you something without knowing it?']);
		const posts = h.emu.journal.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel_id/messages');
		expect(posts.map((r) => r.status)).toEqual([429, 200]);
		const limited = h.emu.journal.events.filter((e) => e.type === 'rate_limited');
		expect(limited).toHaveLength(1);
		h.emu.assertNoUnknownRoutes();
	});

	it('a real per-route bucket: discord.js reads the headers and queues instead of hitting 429', async () => {
		let channelId = '';
		h = await startHarness({}, (emu) => {
			const g = emu.createGuild();
			channelId = emu.createChannel(g.id, { name: 'prompts' }).id;
		});
		h.emu.setRouteLimit({ route: '/channels/:id/messages', method: 'POST', limit: 2, windowMs: 400 });
		const started = Date.now();
		await Promise.all([1, 2, 3, 4].map((n) => textChannel(channelId).send(`message ${n}`)));
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
		expect(h.emu.messages(channelId).map((m) => m.content).sort()).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
		const statuses = h.emu.journal.requests.filter((r) => r.method === 'POST').map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(4);
	});

	it('the global limit (per token, per second) answers 429 with X-RateLimit-Global; discord.js waits and retries', async () => {
		const channelIds: string[] = [];
		h = await startHarness({ globalRateLimit: 5 }, (emu) => {
			const g = emu.createGuild();
			for (let i = 0; i < 8; i++) channelIds.push(emu.createChannel(g.id, { name: `c${i}` }).id);
		});
		await new Promise((r) => setTimeout(r, 1100));
		const limited: RateLimitData[] = [];
		h.client.rest.on(RESTEvents.RateLimited, (d) => limited.push(d));
		await Promise.all(channelIds.map((id) => textChannel(id).send('hello')));
		for (const id of channelIds) expect(h.emu.messages(id)).toHaveLength(1);
		const globals = h.emu.journal.events.filter((e) => e.type === 'rate_limited' && e.global);
		expect(globals.length).toBeGreaterThan(0);
		expect(limited.some((d) => d.global)).toBe(true);
	});

	it('interaction callbacks do not count toward the global limit', async () => {
		h = await startHarness({ globalRateLimit: 1 });
		const res = await fetch(`${h.emu.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${h.emu.token}` } });
		expect([200, 429]).toContain(res.status);
		const unknown = await fetch(`${h.emu.apiUrl}/v10/interactions/1/abc/callback`, { method: 'POST', body: '{"type":4}', headers: { 'Content-Type': 'application/json' } });
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as { code: number }).code).toBe(10062);
	});

	it('normal answers carry Discord rate-limit headers', async () => {
		h = await startHarness();
		const res = await fetch(`${h.emu.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${h.emu.token}` } });
		for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) {
			expect(res.headers.get(name), name).not.toBeNull();
		}
		expect(res.headers.get('x-ratelimit-global')).toBeNull();
	});
});

describe('application commands', () => {
	it('a bulk overwrite registers commands, keeps ids on redeploy and is journaled', async () => {
		let guildId = '';
		h = await startHarness({}, (emu) => {
			guildId = emu.createGuild().id;
		});
		const defs = [
			new SlashCommandBuilder().setName('challenge').setDescription('Shared 30-day challenges').addSubcommand((s) => s.setName('join').setDescription('Join the current challenge')),
			new SlashCommandBuilder().setName('my-data').setDescription('See or delete what Hearth keeps about you'),
		].map((c) => c.toJSON());
		const first = await h.client.application!.commands.set(defs);
		expect([...first.values()].map((c) => c.name).sort()).toEqual(['challenge', 'my-data']);
		const again = await h.client.application!.commands.set(defs);
		expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
		await h.client.application!.commands.set(defs.slice(0, 1), guildId);
		expect(h.emu.commands().map((c) => c.name).sort()).toEqual(['challenge', 'my-data']);
		expect(h.emu.commands(guildId).map((c) => c.name)).toEqual(['challenge']);
		const overwrites = h.emu.journal.events.filter((e) => e.type === 'command_overwrite');
		expect(overwrites.map((e) => (e.type === 'command_overwrite' ? `${e.scope}:${e.names.join(',')}` : ''))).toEqual([
			'global:challenge,my-data',
			'global:challenge,my-data',
			'guild:challenge',
		]);
		h.emu.assertNoUnknownRoutes();
	});

	it('bad command bodies answer 50035 with Discord-style field paths', async () => {
		h = await startHarness();
		const bad = [
			{ name: 'Bad Name', description: 'x' },
			{ name: 'ok', description: '', options: [] },
			{
				name: 'order',
				description: 'required after optional',
				options: [
					{ type: 3, name: 'a', description: 'a' },
					{ type: 3, name: 'b', description: 'b', required: true },
				],
			},
		];
		let error: unknown;
		try {
			await h.client.rest.put(`/applications/${h.emu.applicationId}/commands`, { body: bad });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DiscordAPIError);
		const e = error as DiscordAPIError;
		expect(e.code).toBe(50035);
		expect(e.message).toContain('0.name[APPLICATION_COMMAND_INVALID_NAME]');
		expect(e.message).toContain('1.description[BASE_TYPE_BAD_LENGTH]');
		expect(e.message).toContain('2.options[1].required[APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]');
		expect(h.emu.commands()).toEqual([]);
	});
});

describe('unknown routes', () => {
	it('answer 404 {code: 0} and are recorded, so assertNoUnknownRoutes fails the test', async () => {
		h = await startHarness();
		let error: unknown;
		try {
			await h.client.rest.get('/guilds/1/audit-logs/nothing-here');
		} catch (e) {
			error = e;
		}
		expect((error as DiscordAPIError).status).toBe(404);
		expect((error as DiscordAPIError).code).toBe(0);
		expect(h.emu.unknownRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v10/guilds/1/audit-logs/nothing-here']);
		expect(() => h.emu.assertNoUnknownRoutes()).toThrow(/GET \/api\/v10\/guilds\/1\/audit-logs\/nothing-here/);
		h.emu.unknownRoutes.length = 0;
	});
});
