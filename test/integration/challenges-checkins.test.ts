import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { ParticipantRecord, challengeKeys, type CheckInResult } from '../../src/features/challenges/index.js';
import { ADMIN, CHANNEL, GUILD, MILESTONE_ROLE, ROLE, member, openWorld, type World } from './challenges-fixture.js';

let world: World;
afterEach(async () => world?.close());

async function setup(start = '2026-11-22T12:00:00Z', options: { days?: number; grace?: number; tz?: string } = {}) {
	world = await openWorld(start);
	// Members' days follow the server's zone unless they pick their own.
	await world.services.settings.update(GUILD, (current) => ({ ...current, timezone: 'Europe/Paris' }));
	const challenge = await world.services.challenges.create(GUILD, ADMIN, {
		name: 'Kindness week',
		days: options.days ?? 14,
		channelId: CHANNEL,
		start: '2026-11-23',
		postTime: '09:00',
		timezone: options.tz ?? 'Europe/Paris',
		graceHours: options.grace ?? null,
		completionRoleId: ROLE,
	});
	return challenge;
}

const okDays = (results: CheckInResult[]) => results.filter((r) => r.ok).map((r) => (r.ok ? r.day : 0));

describe('concurrent check-ins on sqlite', () => {
	it('counts each of 400 members exactly once, even when a third of them double-click', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const members = Array.from({ length: 400 }, (_, i) => member(i + 1));
		await Promise.all(members.map((m) => feature.join(GUILD, m, challenge.id)));
		world.clock.set('2026-11-23T10:00:00Z');
		const clicks = members.flatMap((m, i) => (i % 3 === 0 ? [m, m] : [m]));
		const results = await Promise.all(clicks.map((m) => feature.checkIn(GUILD, m, { challengeId: challenge.id, via: 'button' })));
		expect(results.filter((r) => r.ok)).toHaveLength(400);
		const refused = results.filter((r) => !r.ok);
		expect(refused).toHaveLength(Math.ceil(400 / 3));
		expect(refused.every((r) => !r.ok && r.reason === 'already')).toBe(true);
		const records = await world.store.getMany(
			ParticipantRecord,
			members.map((m) => challengeKeys.participant(GUILD, m, challenge.id)),
		);
		expect(records.map((r) => r?.checkIns.length)).toEqual(members.map(() => 1));
		expect(new Set(records.map((r) => r?.checkIns[0]?.day))).toEqual(new Set([1]));
	});

	it('keeps both when one member checks in for yesterday and today at the same moment', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const m = member(1);
		await feature.join(GUILD, m, challenge.id);
		world.clock.set('2026-11-24T10:00:00Z'); // day 2 in Paris
		const results = await Promise.all([
			feature.checkIn(GUILD, m, { request: 'yesterday', via: 'command' }),
			feature.checkIn(GUILD, m, { request: 'today', via: 'command' }),
			feature.checkIn(GUILD, m, { request: 'today', via: 'button' }),
		]);
		expect(okDays(results).sort()).toEqual([1, 2]);
		const progress = await feature.progress(GUILD, m);
		expect(progress.progress).toMatchObject({ daysDone: 2, currentStreak: 2 });
	});
});

describe('checking in', () => {
	it('follows the member’s own time zone: a member in Auckland is on day 1 while Paris is still on day 0', async () => {
		const challenge = await setup('2026-11-22T12:00:00Z');
		const feature = world.services.challenges;
		const kiwi = member(1);
		const parisian = member(2);
		await feature.setTimezone(GUILD, kiwi, 'pacific/auckland');
		await feature.join(GUILD, kiwi, challenge.id);
		await feature.join(GUILD, parisian, challenge.id);
		world.clock.set('2026-11-22T13:00:00Z'); // 02:00 on 23 Nov in Auckland, 14:00 on 22 Nov in Paris
		const early = await feature.checkIn(GUILD, kiwi, { via: 'command' });
		expect(early).toMatchObject({ ok: true, day: 1 });
		const tooEarly = await feature.checkIn(GUILD, parisian, { via: 'command' });
		expect(tooEarly).toMatchObject({ ok: false, reason: 'not-started' });
	});

	it('allows yesterday within the grace window and refuses it kindly after', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const m = member(1);
		await feature.join(GUILD, m, challenge.id);
		world.clock.set('2026-11-24T22:30:00Z'); // 23:30 on day 2 in Paris: day 1 still open
		expect(await feature.checkIn(GUILD, m, { request: 'yesterday', via: 'command', note: 'Called my sister' })).toMatchObject({
			ok: true,
			day: 1,
			backdated: true,
			noteSaved: true,
		});
		world.clock.set('2026-11-25T23:30:00Z'); // 00:30 on day 4: day 2 has closed
		expect(await feature.checkIn(GUILD, m, { request: { day: 2 }, via: 'button' })).toMatchObject({ ok: false, reason: 'closed', day: 2, today: 4 });
	});

	it('refuses notes over 200 characters and keeps notes as plain text', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		await feature.join(GUILD, member(1), challenge.id);
		world.clock.set('2026-11-23T10:00:00Z');
		await expect(feature.checkIn(GUILD, member(1), { via: 'command', note: 'x'.repeat(201) })).rejects.toBeInstanceOf(UserError);
		const result = await feature.checkIn(GUILD, member(1), { via: 'command', note: '  @everyone   hi \n there ' });
		expect(result.ok && result.participant.checkIns[0]?.note).toBe('@everyone hi there');
	});

	it('lets a late joiner count from their join day', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		world.clock.set('2026-11-27T10:00:00Z'); // day 5
		const joined = await feature.join(GUILD, member(1), challenge.id);
		expect(joined.participant.joinDay).toBe(5);
		expect(await feature.checkIn(GUILD, member(1), { request: 'yesterday', via: 'command' })).toMatchObject({ ok: false, reason: 'before-join' });
		expect(await feature.checkIn(GUILD, member(1), { via: 'command' })).toMatchObject({ ok: true, day: 5 });
		const view = await feature.progress(GUILD, member(1));
		expect(view.progress).toMatchObject({ daysDone: 1, daysMissed: 0, consistency: 1 });
	});

	it('earns a freeze after 7 days that covers a missed day, and gives the milestone role at 7 days', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		await feature.setMilestone(GUILD, ADMIN, challenge.id, 7, MILESTONE_ROLE);
		const m = member(1);
		await feature.join(GUILD, m, challenge.id);
		let seventh: CheckInResult | undefined;
		for (let day = 1; day <= 7; day++) {
			world.clock.set(Date.parse('2026-11-23T10:00:00Z') + (day - 1) * 86_400_000);
			seventh = await feature.checkIn(GUILD, m, { via: 'command' });
		}
		expect(seventh).toMatchObject({ ok: true, day: 7, freezeEarned: true, awards: [{ kind: 'milestone', days: 7, roleId: MILESTONE_ROLE, given: true }] });
		expect(world.discord.roles).toEqual([{ op: 'add', guildId: GUILD, userId: m, roleId: MILESTONE_ROLE }]);
		// Day 8 goes by without a check-in; on day 10 the freeze has covered it.
		world.clock.set('2026-12-02T10:00:00Z');
		const view = await feature.progress(GUILD, m);
		expect(view.progress).toMatchObject({ frozenDays: [8], daysMissed: 0, currentStreak: 7, freezesHeld: 0 });
	});

	it('tells a member who has not joined, and refuses once the challenge ended early', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		world.clock.set('2026-11-23T10:00:00Z');
		expect(await feature.checkIn(GUILD, member(9), { via: 'button', challengeId: challenge.id })).toMatchObject({ ok: false, reason: 'not-joined' });
		await feature.join(GUILD, member(1), challenge.id);
		await feature.end(GUILD, ADMIN, challenge.id);
		expect(await feature.checkIn(GUILD, member(1), { via: 'command', challengeId: challenge.id })).toMatchObject({ ok: false, reason: 'challenge-closed' });
	});
});

describe('ending early', () => {
	it('never counts a day as missed that was still open when the admin ended the challenge', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const early = member(1);
		const later = member(2);
		await feature.join(GUILD, early, challenge.id);
		await feature.join(GUILD, later, challenge.id);
		await feature.join(GUILD, member(3), challenge.id);
		// Both check in on days 1 to 4; on day 5 only one has checked in when the admin ends it mid-morning.
		for (let day = 1; day <= 5; day++) {
			world.clock.set(Date.parse('2026-11-23T08:00:00Z') + (day - 1) * 86_400_000);
			await feature.checkIn(GUILD, early, { via: 'command' });
			if (day < 5) await feature.checkIn(GUILD, later, { via: 'command' });
			if (day === 1 || day === 4) await feature.checkIn(GUILD, member(3), { via: 'command' });
		}
		await feature.end(GUILD, ADMIN, challenge.id);
		const mine = await feature.progress(GUILD, later, challenge.id);
		expect(mine.progress).toMatchObject({ daysDone: 4, daysMissed: 0, currentStreak: 4, consistency: 1 });
		const theirs = await feature.progress(GUILD, early, challenge.id);
		expect(theirs.progress).toMatchObject({ daysDone: 5, daysMissed: 0, currentStreak: 5 });
		// Days whose window had closed before the end still count as missed, and stay so later on.
		world.clock.set('2026-12-01T08:00:00Z');
		expect((await feature.progress(GUILD, later, challenge.id)).progress.daysMissed).toBe(0);
		expect((await feature.progress(GUILD, member(3), challenge.id)).progress).toMatchObject({ daysDone: 2, daysMissed: 2, currentStreak: 1 });
	});
});

describe('several challenges at once', () => {
	it('defaults to the only one a member is in, and asks to pick when there are several', async () => {
		const first = await setup();
		const feature = world.services.challenges;
		const second = await feature.create(GUILD, ADMIN, { templateId: 'gratitude-30', channelId: CHANNEL, start: '2026-11-23' });
		expect(second.length).toBe(30);
		await expect(feature.join(GUILD, member(1))).rejects.toThrow(/Several challenges/);
		await feature.join(GUILD, member(1), second.id);
		world.clock.set('2026-11-23T10:00:00Z');
		expect(await feature.checkIn(GUILD, member(1), { via: 'command' })).toMatchObject({ ok: true, challenge: { id: second.id } });
		await feature.join(GUILD, member(1), first.id);
		await expect(feature.checkIn(GUILD, member(1), { via: 'command' })).rejects.toThrow(/pick one/);
		expect(await feature.checkIn(GUILD, member(1), { via: 'command', challengeId: 'Kindness week' })).toMatchObject({ ok: true, challenge: { id: first.id } });
	});
});

describe('leaderboard', () => {
	it('ranks by consistency then streak, and leaves off (and erases) members who left', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const [steady, patchy, gone, lateButPerfect] = [member(1), member(2), member(3), member(4)];
		for (const m of [steady, patchy, gone]) await feature.join(GUILD, m, challenge.id);
		for (let day = 1; day <= 4; day++) {
			world.clock.set(Date.parse('2026-11-23T10:00:00Z') + (day - 1) * 86_400_000);
			await feature.checkIn(GUILD, steady, { via: 'command' });
			await feature.checkIn(GUILD, gone, { via: 'command' });
			if (day % 2 === 0) await feature.checkIn(GUILD, patchy, { via: 'command' });
			if (day === 3) await feature.join(GUILD, lateButPerfect, challenge.id);
			if (day >= 3) await feature.checkIn(GUILD, lateButPerfect, { via: 'command' });
		}
		world.discord.gone.add(gone);
		const board = await feature.leaderboard(GUILD, patchy, challenge.id);
		// steady: 4/4 with a 4-day streak; late joiner 2/2 with a 2-day streak; patchy 2/4.
		expect(board.lines.map((l) => l.userId)).toEqual([steady, lateButPerfect, patchy]);
		expect(board.viewerRank).toBe(3);
		expect(board.total).toBe(3);
		expect(await world.store.get(ParticipantRecord, challengeKeys.participant(GUILD, gone, challenge.id))).toBeUndefined();
	});
});

describe('members’ data', () => {
	it('exports the member’s check-ins and notes, and deletes them without touching others', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		await feature.setTimezone(GUILD, member(1), 'Asia/Kolkata');
		await feature.join(GUILD, member(1), challenge.id);
		await feature.join(GUILD, member(2), challenge.id);
		world.clock.set('2026-11-23T10:00:00Z');
		await feature.checkIn(GUILD, member(1), { via: 'command', note: 'Wrote to an old friend' });
		const exported = await feature.exportMember(GUILD, member(1));
		expect(exported).toMatchObject({
			timezone: 'Asia/Kolkata',
			participations: [{ challenge: { id: challenge.id, name: 'Kindness week' }, checkIns: [{ day: 1, note: 'Wrote to an old friend' }] }],
		});
		await feature.deleteMember(GUILD, member(1));
		expect(await feature.exportMember(GUILD, member(1))).toEqual({ timezone: null, participations: [] });
		expect(await world.store.get(ParticipantRecord, challengeKeys.participant(GUILD, member(2), challenge.id))).toBeDefined();
	});

	it('leave erases the member’s progress; joining again starts fresh', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		await feature.join(GUILD, member(1), challenge.id);
		world.clock.set('2026-11-23T10:00:00Z');
		await feature.checkIn(GUILD, member(1), { via: 'command' });
		expect(await feature.leave(GUILD, member(1), challenge.id)).toMatchObject({ left: true });
		const again = await feature.join(GUILD, member(1), challenge.id);
		expect(again.participant.checkIns).toEqual([]);
	});
});
