import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { GUILD_DATA_GRACE_DAYS, GuildLifecycle } from '../../src/features/guild/lifecycle.js';
import { silentLogger } from '../../src/log.js';
import { createStoreRunLedger } from '../../src/scheduler/ledger.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { createServices } from '../../src/services.js';
import { Store, keys } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

const GONE = '100000000000000001';
const STAYS = '100000000000000002';
const MEMBER = '100000000000000003';
const LOG = '100000000000000010';
const DAY = 24 * 60 * 60_000;

async function setup() {
	const store = await Store.open('memory://');
	const discord = new FakeDiscord();
	const clock = new ManualClock('2026-11-23T08:00:00Z');
	const services = createServices({ store, clock, logger: silentLogger(), discord, version: 'test' });
	const lifecycle = new GuildLifecycle(services);
	const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock });
	for (const provider of lifecycle.providers) scheduler.register(provider);
	for (const guildId of [GONE, STAYS]) {
		await services.settings.update(guildId, (s) => ({ ...s, timezone: 'Europe/Paris' }));
		await services.pairing.join(guildId, MEMBER, { interests: 'chess', roles: [] });
		await services.audit.record(guildId, MEMBER, 'timezone', 'Europe/Paris');
	}
	return { store, discord, clock, services, lifecycle, scheduler };
}

describe('a server\'s life with Hearth', () => {
	it('keeps a left server\'s data for the grace period, then deletes every key of it and nothing else', async () => {
		const { store, clock, services, lifecycle, scheduler } = await setup();
		await lifecycle.reconcile([GONE, STAYS]);
		const staysBefore = await store.keys(keys.guildPrefix(STAYS));
		await lifecycle.left(GONE);
		expect((await services.settings.get(GONE)).leftAt).toBe('2026-11-23T08:00:00.000Z');
		expect([...(await lifecycle.leftGuilds()).keys()]).toEqual([GONE]);

		// Daily cleanups during the grace period delete nothing.
		for (let day = 1; day < GUILD_DATA_GRACE_DAYS; day++) {
			clock.set(Date.parse('2026-11-23T03:00:00Z') + day * DAY);
			await scheduler.tick();
		}
		expect((await store.keys(keys.guildPrefix(GONE))).length).toBeGreaterThan(3);

		clock.set(Date.parse('2026-11-23T03:00:00Z') + (GUILD_DATA_GRACE_DAYS + 1) * DAY);
		const report = await scheduler.tick();
		expect(report.ran).toEqual(['guild-cleanup:daily:2026-12-24T03:00']);
		expect(await store.keys(keys.guildPrefix(GONE))).toEqual([]);
		expect(await store.keys(keys.guildPrefix(STAYS))).toEqual(staysBefore);
		expect(await lifecycle.leftGuilds()).toEqual(new Map());
		// The cleanup's own run record is filed under the bot-wide placeholder, never under a real server.
		expect(await store.keys('g:0:')).toEqual(['g:0:run:guild-cleanup:daily']);
	});

	it('keeps everything when Hearth is added back within the grace period', async () => {
		const { store, clock, services, lifecycle } = await setup();
		await lifecycle.left(GONE);
		clock.advance(10 * DAY);
		await lifecycle.joined(GONE);
		expect((await services.settings.get(GONE)).leftAt).toBeNull();
		clock.advance(40 * DAY);
		expect(await lifecycle.purgeExpired()).toEqual([]);
		expect((await services.pairing.profileView(GONE, MEMBER)).profile?.interests).toEqual(['chess']);
		expect(await store.keys(keys.meta('left-guilds'))).toHaveLength(1);
		expect(await lifecycle.leftGuilds()).toEqual(new Map());
	});

	it('at start-up, counts servers missing from Discord\'s list as left and servers back in it as returned', async () => {
		const { clock, services, lifecycle } = await setup();
		await lifecycle.reconcile([GONE, STAYS]);
		// Restart: Discord no longer lists GONE (removed while offline).
		const afterRestart = new GuildLifecycle(services);
		await afterRestart.reconcile([STAYS]);
		expect((await services.settings.get(GONE)).leftAt).toBe(clock.now().toISOString());
		expect((await services.settings.get(STAYS)).leftAt).toBeNull();
		// Another restart: it is back.
		clock.advance(DAY);
		const again = new GuildLifecycle(services);
		await again.reconcile([GONE, STAYS]);
		expect((await services.settings.get(GONE)).leftAt).toBeNull();
		expect(await again.leftGuilds()).toEqual(new Map());
	});

	it('a repeated removal keeps the first removal time', async () => {
		const { clock, services, lifecycle } = await setup();
		await lifecycle.left(GONE);
		clock.advance(DAY);
		await lifecycle.left(GONE);
		expect((await services.settings.get(GONE)).leftAt).toBe('2026-11-23T08:00:00.000Z');
	});
});

describe('weekly summary to the admin log channel', () => {
	it('is scheduled on Mondays at 09:00 in the server\'s time zone, only where a log channel is set', async () => {
		const { services, lifecycle } = await setup();
		expect(lifecycle.summary.schedules()).toEqual([]);
		await services.settings.update(STAYS, (s) => ({ ...s, adminLogChannelId: LOG }));
		expect(lifecycle.summary.schedules()).toEqual([
			{
				id: 'weekly',
				guildId: STAYS,
				spec: { kind: 'weekly', days: [1], time: '09:00' },
				timezone: 'Europe/Paris',
				catchUpWindowMs: 12 * 60 * 60_000,
				// Set just now: the first summary is the coming Monday's, not a catch-up of the last one.
				notBefore: new Date('2026-11-23T08:00:00.001Z'),
			},
		]);
		await services.settings.update(STAYS, (s) => ({ ...s, weeklySummary: false }));
		expect(lifecycle.summary.schedules()).toEqual([]);
	});

	it('posts each feature\'s week in one embed, and tells admins once when it cannot', async () => {
		const { services, discord, clock, lifecycle, scheduler } = await setup();
		await services.settings.update(STAYS, (s) => ({ ...s, adminLogChannelId: LOG }));
		clock.set('2026-11-30T08:00:30Z');
		await scheduler.tick();
		const sent = discord.sent.filter((m) => m.channelId === LOG);
		expect(sent).toHaveLength(1);
		const embed = sent[0]!.message.embeds![0]!;
		expect(embed.title).toBe('Hearth this week');
		expect(embed.description).toBe('From 2026-11-23 to 2026-11-30.');
		expect(JSON.stringify(embed.fields)).toContain('Pairings');

		discord.missing.set(LOG, ['SendMessages']);
		clock.set('2026-12-07T08:00:30Z');
		await scheduler.tick();
		const pending = await services.notices.takePending(STAYS);
		expect(pending.map((n) => n.text)).toEqual([
			`Hearth could not post the weekly summary in <#${LOG}>. Check that it can see that channel and send messages and embeds there, or pick another one with /config set admin-log-channel.`,
		]);
	});
});
