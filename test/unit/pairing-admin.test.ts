import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { loadDefaultInterests } from '../../src/features/challenges/templates.js';
import { renderPreview, renderStatus } from '../../src/features/pairing/views.js';
import { en } from '../../src/strings/index.js';
import { ADMIN, CHANNEL, GUILD, joinMembers, member, pairingWorld } from './pairing-fixtures.js';

describe('pairing settings', () => {
	it('starts from sensible defaults: one-on-one, by interests, no repeat within 12 rounds, the default interest list', async () => {
		const world = await pairingWorld();
		const config = await world.services.pairing.config(GUILD);
		expect(config).toMatchObject({ channelId: null, everyWeeks: 1, groupSize: 2, mode: 'interests', repeatWindow: 12, requiredRoleId: null, paused: false });
		expect(config.interests).toEqual(loadDefaultInterests());
		expect(await world.services.pairing.nextRoundAt(GUILD)).toBeNull();
	});

	it('refuses values outside their range with a clear message, and changes nothing', async () => {
		const { pairing } = (await pairingWorld()).services;
		await expect(pairing.setGroupSize(GUILD, ADMIN, 7)).rejects.toThrow(/from 2 to 6 people/);
		await expect(pairing.setGroupSize(GUILD, ADMIN, 1)).rejects.toThrow(UserError);
		await expect(pairing.setRepeatWindow(GUILD, ADMIN, 53)).rejects.toThrow(/0 to 52/);
		await expect(pairing.setMode(GUILD, ADMIN, 'alphabetical')).rejects.toThrow(/interests, random or mixed/);
		await expect(pairing.setSchedule(GUILD, ADMIN, { time: '25:00' })).rejects.toThrow(/18:00/);
		await expect(pairing.setSchedule(GUILD, ADMIN, { timezone: 'Mars/Olympus' })).rejects.toThrow(/isn't a time zone I know/);
		await expect(pairing.setSchedule(GUILD, ADMIN, { everyWeeks: 3 })).rejects.toThrow(/1, 2 or 4 weeks/);
		expect(await pairing.config(GUILD)).toMatchObject({ groupSize: 2, repeatWindow: 12, mode: 'interests', time: '10:00', timezone: null, everyWeeks: 1 });
	});

	it('keeps both of two schedule changes made at the same moment (day by one admin, time by another)', async () => {
		const { pairing } = (await pairingWorld()).services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await Promise.all([
			pairing.setSchedule(GUILD, ADMIN, { day: 3 }),
			pairing.setSchedule(GUILD, member(1), { time: '18:00' }),
			pairing.setSchedule(GUILD, member(2), { everyWeeks: 2 }),
		]);
		expect(await pairing.config(GUILD)).toMatchObject({ day: 3, time: '18:00', everyWeeks: 2 });
	});

	it('records every change in the audit log with who made it', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await pairing.setSchedule(GUILD, ADMIN, { day: 5, time: '6:30 pm' });
		await pairing.setGroupSize(GUILD, ADMIN, 3);
		await pairing.setMode(GUILD, ADMIN, 'mixed');
		await pairing.setRepeatWindow(GUILD, ADMIN, 4);
		await pairing.addInterest(GUILD, ADMIN, 'Birdwatching');
		await pairing.setRequiredRole(GUILD, ADMIN, '900000000000000077');
		const audit = await world.services.audit.recent(GUILD);
		expect(audit.map((e) => e.setting).reverse()).toEqual([
			'pairing.channel',
			'pairing.schedule',
			'pairing.groupSize',
			'pairing.mode',
			'pairing.repeatWindow',
			'pairing.interests.add',
			'pairing.requiredRole',
		]);
		expect(audit.every((e) => e.userId === ADMIN)).toBe(true);
		expect(await pairing.config(GUILD)).toMatchObject({ day: 5, time: '18:30', groupSize: 3, mode: 'mixed', repeatWindow: 4 });
		// What admins read in /config audit comes from the string table, in words.
		await pairing.setRequiredRole(GUILD, ADMIN, null);
		await pairing.resetInterests(GUILD, ADMIN);
		await pairing.runNow(GUILD, ADMIN);
		const values = (await world.services.audit.recent(GUILD)).map((e) => e.value).reverse();
		expect(values[1]).toBe(en.pairing.admin.statusSchedule(1, 5, '18:30', 'UTC'));
		expect(values.slice(-3)).toEqual([
			en.pairing.admin.auditValues.none,
			en.pairing.admin.auditValues.defaultInterests(loadDefaultInterests().length),
			en.pairing.admin.auditValues.ranRound,
		]);
	});

	it('keeps the guild interest list free of duplicates; removing one leaves members their own tag', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.addInterest(GUILD, ADMIN, 'Birdwatching');
		await expect(pairing.addInterest(GUILD, ADMIN, '  birdWATCHING ')).rejects.toThrow(/already on the list/);
		await pairing.join(GUILD, member(1), { interests: 'Birdwatching, hiking', roles: [] });
		const { removed } = await pairing.removeInterest(GUILD, ADMIN, 'birdwatching');
		expect(removed).toBe('Birdwatching');
		await expect(pairing.removeInterest(GUILD, ADMIN, 'birdwatching')).rejects.toThrow(/not on the list/);
		expect((await pairing.members.profile(GUILD, member(1)))?.interests).toEqual(['birdwatching', 'hiking']);
		const reset = await pairing.resetInterests(GUILD, ADMIN);
		expect(reset.interests).toEqual(loadDefaultInterests());
	});

	it('a select menu only sets interests it offered and that are on the list, keeping the member’s other interests', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.join(GUILD, member(1), { interests: 'knot tying, Books', roles: [] });
		const profile = await pairing.chooseInterests(GUILD, member(1), ['Books', 'Hiking', 'Music'], ['Hiking', 'Music', 'Not offered']);
		expect(profile.interests).toEqual(['knot tying', 'hiking', 'music']);
	});

	it('shows the status and a private preview that names groups without pinging and writes nothing', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 3, () => 'Books');
		await pairing.pause(GUILD, member(3), { rounds: 1 });
		const preview = renderPreview(en.pairing, await pairing.preview(GUILD), (await pairing.config(GUILD)).interests);
		expect(preview.allowed_mentions).toEqual({ parse: [] });
		expect(preview.embeds![0]!.title).toBe('Preview of round 1');
		expect(preview.embeds![0]!.description).toContain(`1. <@${member(1)}> and <@${member(2)}> · Books`);
		expect(preview.embeds![0]!.description).toContain('Sitting out: 1 paused');
		expect(await pairing.records.rounds(GUILD)).toEqual([]);
		expect(world.discord.sent).toEqual([]);

		const status = renderStatus(en.pairing, await pairing.status(GUILD));
		const fields = Object.fromEntries(status.embeds![0]!.fields!.map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({
			Channel: `<#${CHANNEL}>`,
			Schedule: 'every week on Monday at 10:00 (UTC)',
			Members: '3 opted in, 1 of them paused',
			'Last round': 'No rounds yet',
		});
	});

	it('describes itself for /config show and sums up rounds for the weekly summary', async () => {
		const world = await pairingWorld({ start: '2026-11-23T08:00:00Z' });
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 4);
		const since = world.clock.now();
		await pairing.runNow(GUILD, ADMIN);
		await pairing.rounds.followUp(GUILD);
		await pairing.answer(GUILD, 1, 0, (await pairing.records.group(GUILD, 1, 0))!.members[0]!, 'met');
		world.clock.advanceMinutes(60);
		await pairing.rounds.close(GUILD);
		const until = world.clock.advance(1000);
		expect(await pairing.weeklySummary(GUILD, since, until)).toEqual([
			'Pairing round 1: 2 groups, met in 1 (50%), 0 repeats.',
			'4 members joined pairings.',
		]);
		const described = await pairing.describeConfig(GUILD);
		expect(described.title).toBe('Pairings');
		expect(described.lines).toContain(`Channel: <#${CHANNEL}>`);
		expect(described.lines).toContain('Members opted in: 4');
	});
});
