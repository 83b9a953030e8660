import { afterEach, describe, expect, it } from 'vitest';
import { ChallengePostsRecord, challengeKeys } from '../../src/features/challenges/index.js';
import { PendingNoticesRecord } from '../../src/features/guild/notices.js';
import { defineRecord, keys } from '../../src/store/index.js';
import { DiscordFailure } from '../../src/core/discord-port.js';
import { z } from 'zod';
import { ADMIN, CHANNEL, GUILD, ROLE, member, openWorld, type World } from './challenges-fixture.js';

let world: World;
afterEach(async () => world?.close());

const DAY = 86_400_000;

async function setup(options: { days?: number } = {}) {
	world = await openWorld('2026-11-22T12:00:00Z');
	await world.services.settings.update(GUILD, (current) => ({ ...current, timezone: 'Europe/Paris' }));
	return world.services.challenges.create(GUILD, ADMIN, {
		name: 'Seven small steps',
		days: options.days ?? 7,
		actions: Array.from({ length: options.days ?? 7 }, (_, i) => `Step ${i + 1}: say something kind`),
		channelId: CHANNEL,
		start: '2026-11-23',
		postTime: '09:00',
		timezone: 'Europe/Paris',
		completionRoleId: ROLE,
	});
}

const dailyPosts = () => world.discord.sent.filter((m) => m.message.embeds?.[0]?.title?.startsWith('Day '));
const titles = () => dailyPosts().map((m) => m.message.embeds![0]!.title);
const pendingNotices = async () => (await world.store.get(PendingNoticesRecord, keys.guild(GUILD, 'notices')))?.notices ?? [];

describe('daily posts', () => {
	it('posts each day once at the post time with a Check in button, then a closing summary', async () => {
		const challenge = await setup();
		await world.runUntil('2026-11-23T07:45:00Z');
		expect(dailyPosts()).toHaveLength(0);
		await world.runUntil('2026-11-23T08:00:00Z'); // 09:00 in Paris
		expect(titles()).toEqual(['Day 1 of 7 · Seven small steps']);
		const first = dailyPosts()[0]!;
		expect(first.channelId).toBe(CHANNEL);
		expect(first.message.embeds![0]!.description).toContain('Step 1: say something kind');
		const button = first.message.components![0]!.components[0] as { custom_id: string; label: string };
		expect(button).toMatchObject({ custom_id: `chk:v1:${challenge.id}:1`, label: 'Check in' });

		await world.runUntil('2026-11-30T09:00:00Z');
		expect(titles()).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `Day ${d} of 7 · Seven small steps`));
		const summary = world.discord.sent.at(-1)!;
		expect(summary.message.embeds![0]!.title).toBe('Seven small steps is complete');
		await expect(world.services.challenges.list(GUILD)).resolves.toMatchObject([{ state: 'finished' }]);
		// Nothing more after the close.
		await world.runUntil('2026-12-02T09:00:00Z');
		expect(world.discord.sent.length).toBe(8);
	});

	it('never repeats a post across restarts, and catches up a post missed while the bot was down', async () => {
		await setup();
		await world.runUntil('2026-11-23T08:00:00Z');
		expect(dailyPosts()).toHaveLength(1);
		await world.restart();
		await world.runUntil('2026-11-23T12:00:00Z');
		expect(dailyPosts()).toHaveLength(1);

		// Down from before day 2's post time until the afternoon: the post goes out late, once.
		await world.runUntil('2026-11-24T07:30:00Z');
		await world.close();
		world.clock.set('2026-11-24T13:00:00Z');
		await world.restart();
		await world.scheduler.tick();
		expect(titles()).toEqual(['Day 1 of 7 · Seven small steps', 'Day 2 of 7 · Seven small steps']);
		await world.restart();
		await world.runUntil('2026-11-24T18:00:00Z');
		expect(dailyPosts()).toHaveLength(2);
		const posts = await world.store.get(ChallengePostsRecord, challengeKeys.posts(GUILD, '1'));
		expect(posts?.days.map((p) => [p.day, p.state])).toEqual([
			[1, 'posted'],
			[2, 'posted'],
		]);
	});

	it('a post that fails on a Discord hiccup is tried again within its day, and goes out once', async () => {
		await setup();
		const send = world.discord.send.bind(world.discord);
		let failures = 1;
		world.discord.send = async (channelId, message) => {
			if (failures > 0 && message.embeds?.[0]?.title?.startsWith('Day 1')) {
				failures--;
				throw new DiscordFailure('other', '500: Internal Server Error', 0, 500);
			}
			return send(channelId, message);
		};
		await world.runUntil('2026-11-23T08:00:00Z'); // 09:00 in Paris: the post fails
		expect(dailyPosts()).toHaveLength(0);
		await world.runUntil('2026-11-23T09:15:00Z'); // the next hourly pass posts it
		expect(titles()).toEqual(['Day 1 of 7 · Seven small steps']);
		await world.runUntil('2026-11-23T22:00:00Z');
		expect(titles()).toEqual(['Day 1 of 7 · Seven small steps']);
	});

	it('a deleted announcement channel is reported to admins once, and check-ins by command keep working', async () => {
		const challenge = await setup();
		await world.services.challenges.join(GUILD, member(1), challenge.id);
		await world.runUntil('2026-11-23T08:00:00Z');
		world.discord.deletedChannels.add(CHANNEL);
		await world.runUntil('2026-11-25T08:00:00Z');
		expect(dailyPosts()).toHaveLength(1);
		const notices = await pendingNotices();
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toContain(`<#${CHANNEL}>`);
		expect(notices[0]!.text).toContain('/challenge checkin');
		expect(await world.services.challenges.checkIn(GUILD, member(1), { via: 'command' })).toMatchObject({ ok: true, day: 3 });
		const status = await world.services.challenges.status(GUILD, challenge.id);
		expect(status.problems.join(' ')).toContain('gone');
	});
});

describe('bad data', () => {
	it('a damaged challenge record pauses only that challenge and tells its admins once; other servers keep posting', async () => {
		const challenge = await setup();
		const OTHER = '100000000000000009';
		const other = await world.services.challenges.create(OTHER, ADMIN, { name: 'Elsewhere', days: 7, channelId: CHANNEL, start: '2026-11-23', timezone: 'Europe/Paris' });
		// Something wrote garbage over the first challenge after it was loaded.
		const Junk = defineRecord({ kind: 'challenge', version: 1, schema: z.object({ junk: z.boolean() }) });
		await world.store.set(Junk, challengeKeys.challenge(GUILD, challenge.id), { junk: true });
		await world.runUntil('2026-11-24T08:00:00Z');
		expect(titles()).toEqual(['Day 1 of 7 · Elsewhere', 'Day 2 of 7 · Elsewhere']);
		expect(other.guildId).toBe(OTHER);
		const notices = await pendingNotices();
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toContain('damaged');
	});
});

describe('completion', () => {
	it('celebrates a member who completes the challenge, gives the role, and posts a mention-free message', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const m = member(1);
		await feature.join(GUILD, m, challenge.id);
		let last;
		for (let day = 1; day <= 7; day++) {
			world.clock.set(Date.parse('2026-11-23T18:00:00Z') + (day - 1) * DAY);
			last = await feature.checkIn(GUILD, m, { via: 'button', request: { day } });
		}
		expect(last).toMatchObject({ ok: true, day: 7, completedNow: true, awards: [{ kind: 'completion', roleId: ROLE, given: true }] });
		expect(world.discord.roles).toEqual([{ op: 'add', guildId: GUILD, userId: m, roleId: ROLE }]);
		const celebration = world.discord.sent.at(-1)!;
		expect(celebration.message.content).toContain('completed **Seven small steps**');
		expect(celebration.message.content).not.toContain('<@');
		expect(celebration.message.allowed_mentions).toEqual({ parse: [] });
		// The summary counts the completion.
		await world.runUntil('2026-11-30T09:00:00Z');
		const summary = world.discord.sent.at(-1)!.message.embeds![0]!;
		expect(summary.fields).toEqual(
			expect.arrayContaining([
				{ name: 'Participants', value: '1', inline: true },
				{ name: 'Completed every day', value: '1 of 1 (100%)', inline: true },
				{ name: 'Longest streak', value: '7 days', inline: true },
			]),
		);
	});

	it('skips a role placed above the bot’s and tells the admins once, however many members complete', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		world.discord.roleProblems.set(ROLE, 'role_too_high');
		const members = [member(1), member(2)];
		for (const m of members) await feature.join(GUILD, m, challenge.id);
		const results = [];
		for (let day = 1; day <= 7; day++) {
			world.clock.set(Date.parse('2026-11-23T18:00:00Z') + (day - 1) * DAY);
			for (const m of members) results.push(await feature.checkIn(GUILD, m, { via: 'command' }));
		}
		expect(results.slice(-2)).toMatchObject([
			{ ok: true, completedNow: true, awards: [{ kind: 'completion', given: false }] },
			{ ok: true, completedNow: true, awards: [{ kind: 'completion', given: false }] },
		]);
		expect(world.discord.roles).toEqual([]);
		const notices = await pendingNotices();
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toContain(`<@&${ROLE}>`);
		expect(notices[0]!.text).toContain('above');
	});

	it('a missing Manage Roles permission reported by Discord is handled the same way', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		world.discord.addRole = async () => {
			const { DiscordFailure } = await import('../../src/core/discord-port.js');
			throw new DiscordFailure('missing_permissions', 'Missing Permissions', 50013, 403);
		};
		await feature.join(GUILD, member(1), challenge.id);
		for (let day = 1; day <= 7; day++) {
			world.clock.set(Date.parse('2026-11-23T18:00:00Z') + (day - 1) * DAY);
			await feature.checkIn(GUILD, member(1), { via: 'command' });
		}
		const notices = await pendingNotices();
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toContain('Manage Roles');
	});

	it('ending early posts a summary at once and stops the daily posts', async () => {
		const challenge = await setup({ days: 14 });
		await world.runUntil('2026-11-25T09:00:00Z');
		const { summaryPosted } = await world.services.challenges.end(GUILD, ADMIN, challenge.id);
		expect(summaryPosted).toBe(true);
		expect(world.discord.sent.at(-1)!.message.embeds![0]!.title).toBe('Seven small steps has come to a close');
		await world.runUntil('2026-11-28T09:00:00Z');
		expect(dailyPosts()).toHaveLength(3);
	});
});

describe('reminders', () => {
	it('sends one private nudge at 7 pm in the member’s own zone, only to opted-in members who have not checked in', async () => {
		const challenge = await setup();
		const feature = world.services.challenges;
		const [nudged, done, quiet, closed] = [member(1), member(2), member(3), member(4)];
		for (const m of [nudged, done, quiet, closed]) {
			await feature.setTimezone(GUILD, m, 'America/New_York');
			await feature.join(GUILD, m, challenge.id);
		}
		for (const m of [nudged, done, closed]) await feature.setReminders(GUILD, m, true, challenge.id);
		world.discord.dmsClosed.add(closed);
		await world.runUntil('2026-11-23T18:00:00Z');
		await feature.checkIn(GUILD, done, { via: 'command' });
		await world.runUntil('2026-11-23T23:45:00Z'); // 18:45 in New York
		expect(world.discord.direct).toHaveLength(0);
		await world.runUntil('2026-11-24T03:00:00Z'); // past 19:00 and 22:00 in New York
		expect(world.discord.direct.map((d) => d.userId)).toEqual([nudged]);
		expect(world.discord.direct[0]!.message.content).toContain('Step 1: say something kind');
		expect(world.discord.direct[0]!.message.content).toMatch(/https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+/);
		// Nothing is ever posted publicly about who did not check in.
		expect(world.discord.sent.every((m) => !JSON.stringify(m.message).includes(nudged))).toBe(true);
	});
});
