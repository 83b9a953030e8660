import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/log.js';
import { createStoreRunLedger } from '../../src/scheduler/ledger.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { createServices, type Services } from '../../src/services.js';
import { z } from 'zod';
import { GuildSettingsRecord } from '../../src/features/guild/settings.js';
import { Store, defineRecord, keys } from '../../src/store/index.js';
import { ADMIN, CHANNEL, CrashingDiscord, GUILD, introsSent, member } from '../unit/pairing-fixtures.js';

let dir: string;
let url: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'hearth-pairing-'));
	url = `sqlite://${join(dir, 'hearth.sqlite')}`;
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** The bot's pairing side as a process: sqlite store, services and a scheduler ticking on a manual clock. */
async function boot(clock: ManualClock, discord: CrashingDiscord) {
	const store = await Store.open(url);
	const services = createServices({ store, clock, logger: silentLogger(), discord, seed: 'integration', version: 'test' });
	const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock });
	for (const provider of services.pairing.providers) scheduler.register(provider);
	const tickAt = async (iso: string) => {
		clock.set(iso);
		return scheduler.tick(clock.now());
	};
	return { store, services, scheduler, tickAt, stop: () => store.close() };
}

async function joinAll(services: Services, n: number) {
	for (let i = 1; i <= n; i++) await services.pairing.join(GUILD, member(i), { interests: i % 2 ? 'hiking' : 'books', roles: [] });
}

describe('pairing rounds on sqlite with the scheduler', () => {
	it('runs weekly: round at the set time, follow-up halfway, and the next round closes the first with stats', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z'); // a Monday
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 4);
		expect(await pairing.nextRoundAt(GUILD)).toEqual(new Date('2026-11-23T10:00:00Z'));

		expect((await bot.tickAt('2026-11-23T09:59:00Z')).ran).toEqual([]);
		expect((await bot.tickAt('2026-11-23T10:00:00Z')).ran).toEqual(['pairing:round:2026-11-23T10:00']);
		expect(discord.threads).toHaveLength(2);
		expect((await bot.tickAt('2026-11-23T10:01:00Z')).ran).toEqual([]);

		// Halfway through the week: Thursday 22:00.
		expect((await bot.tickAt('2026-11-26T21:59:00Z')).ran).toEqual([]);
		const sentBefore = discord.sent.length;
		expect((await bot.tickAt('2026-11-26T22:00:00Z')).ran).toEqual(['pairing:followup:2026-11-26T22:00']);
		expect(discord.sent.length - sentBefore).toBe(2);
		expect((await bot.tickAt('2026-11-26T22:01:00Z')).ran).toEqual([]);

		const [group] = await pairing.records.groups(GUILD, (await pairing.records.round(GUILD, 1))!);
		await Promise.all(group!.members.map((m) => pairing.answer(GUILD, 1, 0, m, 'met')));
		expect((await pairing.records.group(GUILD, 1, 0))?.answers).toHaveLength(2);

		expect((await bot.tickAt('2026-11-30T10:00:00Z')).ran).toEqual(['pairing:round:2026-11-30T10:00']);
		const first = await pairing.records.round(GUILD, 1);
		expect(first).toMatchObject({ state: 'done', stats: { groups: 2, metGroups: 1, answeredGroups: 1 } });
		expect((await pairing.records.round(GUILD, 2))?.state).toBe('introduced');
		const notices = (await bot.services.notices.takePending(GUILD)).map((n) => n.text).join('\n');
		expect(notices).toContain('**Pairing round 1 ended:** 2 groups, met in 1 of 2 (50%)');
		expect(notices).toContain('Pairing round 2** is under way');
		await bot.stop();
	});

	it('a round run by hand stands in for a scheduled one due soon after it, not for the next week', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z'); // a Monday; rounds are Mondays 10:00
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 4);
		await pairing.runNow(GUILD, ADMIN);
		expect(discord.threads).toHaveLength(2);
		expect((await bot.tickAt('2026-11-23T10:00:00Z')).ran).toEqual(['pairing:round:2026-11-23T10:00']);
		expect(discord.threads).toHaveLength(2);
		expect((await pairing.records.latest(GUILD))?.number).toBe(1);
		expect((await bot.tickAt('2026-11-30T10:00:00Z')).ran).toContain('pairing:round:2026-11-30T10:00');
		expect(discord.threads).toHaveLength(4);
		expect((await pairing.records.latest(GUILD))?.number).toBe(2);
		await bot.stop();
	});

	it('follows a change of the server timezone at once when pairing uses the server timezone', async () => {
		const clock = new ManualClock('2026-11-23T00:00:00Z');
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing, settings } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 4);
		expect((await bot.tickAt('2026-11-23T00:55:00Z')).ran).toEqual([]);
		await settings.update(GUILD, (s) => ({ ...s, timezone: 'Asia/Tokyo' }));
		// Monday 10:00 in Tokyo is 01:00 UTC.
		expect((await bot.tickAt('2026-11-23T01:00:00Z')).ran).toEqual(['pairing:round:2026-11-23T10:00']);
		expect(discord.threads).toHaveLength(2);
		await bot.stop();
	});

	it('closes a round with its stats a day after its cycle when no next round comes (pairing paused)', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z');
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 4);
		expect((await bot.tickAt('2026-11-23T10:00:00Z')).ran).toEqual(['pairing:round:2026-11-23T10:00']);
		await bot.tickAt('2026-11-26T22:00:00Z'); // the halfway check-in
		await pairing.setPaused(GUILD, ADMIN, true);
		await bot.services.notices.takePending(GUILD);
		expect((await bot.tickAt('2026-11-30T10:00:00Z')).ran).toEqual([]);
		expect((await pairing.records.round(GUILD, 1))?.state).toBe('introduced');
		expect((await bot.tickAt('2026-12-01T10:00:00Z')).ran).toEqual(['pairing:close:2026-12-01T10:00']);
		expect((await pairing.records.round(GUILD, 1))?.state).toBe('done');
		const notices = (await bot.services.notices.takePending(GUILD)).map((n) => n.text).join('\n');
		expect(notices).toContain('**Pairing round 1 ended:**');
		expect((await bot.tickAt('2026-12-01T10:01:00Z')).ran).toEqual([]);
		await bot.stop();
	});

	it('every 2 weeks on Wednesday 18:00 Paris time: rounds fall on the right instants, none in between', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z');
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await pairing.setSchedule(GUILD, ADMIN, { everyWeeks: 2, day: 3, time: '18:00', timezone: 'europe/paris' });
		expect((await pairing.config(GUILD)).timezone).toBe('Europe/Paris');
		await joinAll(bot.services, 2);
		const ran: string[] = [];
		// Hour by hour over five weeks.
		for (let t = Date.parse('2026-11-23T09:00:00Z'); t <= Date.parse('2026-12-28T00:00:00Z'); t += 3_600_000) {
			ran.push(...(await bot.tickAt(new Date(t).toISOString())).ran.filter((k) => k.startsWith('pairing:round')));
		}
		expect(ran).toEqual(['pairing:round:2026-11-25T18:00', 'pairing:round:2026-12-09T18:00', 'pairing:round:2026-12-23T18:00']);
		expect((await pairing.records.rounds(GUILD)).map((r) => r.plannedAt)).toEqual([
			'2026-11-25T17:00:00.000Z',
			'2026-12-09T17:00:00.000Z',
			'2026-12-23T17:00:00.000Z',
		]);
		await bot.stop();
	});

	it('resumes an interrupted scheduled round after a restart, without a second intro or a second round', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z');
		const discord = new CrashingDiscord();
		let bot = await boot(clock, discord);
		await bot.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 8);
		discord.crashAfter = 2;
		const report = await bot.tickAt('2026-11-23T10:00:00Z');
		expect(report.failed.map((f) => f.runKey)).toEqual(['pairing:round:2026-11-23T10:00']);
		expect(introsSent(discord)).toHaveLength(2);
		await bot.stop();

		// A new process on the same file.
		discord.crashAfter = null;
		bot = await boot(clock, discord);
		const resumed = await bot.tickAt('2026-11-23T10:03:00Z');
		expect(resumed.ran).toEqual(['pairing:resume:2026-11-23T10:03']);
		expect(introsSent(discord)).toHaveLength(4);
		expect(discord.threads).toHaveLength(4);
		expect(discord.threads.flatMap((t) => t.members).sort()).toEqual(Array.from({ length: 8 }, (_, i) => member(i + 1)).sort());
		const rounds = await bot.services.pairing.records.rounds(GUILD);
		expect(rounds.map((r) => [r.number, r.state])).toEqual([[1, 'introduced']]);
		expect((await bot.tickAt('2026-11-23T10:04:00Z')).ran).toEqual([]);
		expect(introsSent(discord)).toHaveLength(4);
		await bot.stop();
	});

	it('admins pausing pairings skips rounds; resuming does not fire the missed one late', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z');
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinAll(bot.services, 2);
		await pairing.setPaused(GUILD, ADMIN, true);
		expect(await pairing.nextRoundAt(GUILD)).toBeNull();
		expect((await bot.tickAt('2026-11-23T10:00:00Z')).ran).toEqual([]);
		clock.set('2026-11-23T11:00:00Z');
		await pairing.setPaused(GUILD, ADMIN, false);
		expect((await bot.tickAt('2026-11-23T11:01:00Z')).ran).toEqual([]);
		expect(await pairing.records.rounds(GUILD)).toEqual([]);
		expect((await bot.tickAt('2026-11-30T10:00:00Z')).ran).toEqual(['pairing:round:2026-11-30T10:00']);
		const audit = await bot.services.audit.recent(GUILD);
		expect(audit.map((e) => e.setting)).toEqual(['pairing.paused', 'pairing.paused', 'pairing.channel']);
		await bot.stop();
	});

	it('keeps every member who joins at the same moment, and every answer given at once', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z');
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await pairing.setGroupSize(GUILD, ADMIN, 6);
		const ids = Array.from({ length: 60 }, (_, i) => member(i + 1));
		await Promise.all(ids.map((id) => pairing.join(GUILD, id, { interests: 'music', roles: [] })));
		expect((await pairing.status(GUILD)).members.active).toBe(60);
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups).toHaveLength(10);
		await pairing.rounds.followUp(GUILD);
		const group = outcome.groups[0]!;
		await Promise.all(group.members.map((m, i) => pairing.answer(GUILD, 1, 0, m, i % 2 ? 'met' : 'not_yet')));
		expect((await pairing.records.group(GUILD, 1, 0))?.answers).toHaveLength(6);
		await bot.stop();
	});
});

describe('one guild\'s damaged settings', () => {
	it('do not stop the other guilds\' rounds', async () => {
		const clock = new ManualClock('2026-11-23T08:00:00Z'); // a Monday
		const discord = new CrashingDiscord();
		const bot = await boot(clock, discord);
		const { pairing } = bot.services;
		const otherGuild = '900000000000000071';
		const otherChannel = '900000000000000073';
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await pairing.setChannel(otherGuild, ADMIN, otherChannel);
		await joinAll(bot.services, 2);
		await pairing.join(otherGuild, member(11), { roles: [] });
		await pairing.join(otherGuild, member(12), { roles: [] });
		await bot.tickAt('2026-11-23T08:00:00Z');
		// Written behind Hearth's back, as a bad migration or a hand edit would.
		const Loose = defineRecord({ kind: GuildSettingsRecord.kind, version: 1, schema: z.any() });
		await bot.store.set(Loose, keys.guild(GUILD, 'settings'), { timezone: 42 });

		await bot.tickAt('2026-11-23T10:00:00Z');
		expect(discord.threads.filter((t) => t.channelId === otherChannel)).toHaveLength(1);
		await bot.stop();
	});
});
