import { afterEach, describe, expect, it } from 'vitest';
import { PendingNoticesRecord } from '../../src/features/guild/notices.js';
import { PromptPostRecord, PromptStateRecord, promptKeys } from '../../src/features/prompts/records.js';
import { keys } from '../../src/store/index.js';
import { ADMIN, CHANNEL, GUILD, LOG_CHANNEL, ROLE, openPromptWorld, type PromptWorld } from './prompts-fixture.js';

let world: PromptWorld | undefined;

afterEach(async () => {
	await world?.close();
	world = undefined;
});

/** Monday 23 November 2026, 08:00 UTC. */
const MONDAY_8 = '2026-11-23T08:00:00Z';

async function configured(start = MONDAY_8, time = '09:00'): Promise<PromptWorld> {
	world = await openPromptWorld(start);
	const { prompts } = world.services;
	await prompts.setChannel(GUILD, ADMIN, CHANNEL);
	await prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time });
	return world;
}

async function state(w: PromptWorld) {
	return w.store.get(PromptStateRecord, promptKeys.state(GUILD));
}

async function recorded(w: PromptWorld) {
	return (await w.store.entries(PromptPostRecord, promptKeys.postPrefix(GUILD))).map(([, p]) => p);
}

async function pendingNotices(w: PromptWorld) {
	return (await w.store.get(PendingNoticesRecord, keys.guild(GUILD, 'notices')))?.notices ?? [];
}

describe('a scheduled prompt', () => {
	it('is posted once at its time, with its thread named after the question', async () => {
		const w = await configured();
		await w.runUntil('2026-11-23T08:59:00Z');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		await w.runUntil('2026-11-23T09:30:00Z');
		const posts = w.discord.promptsIn(CHANNEL);
		expect(posts).toHaveLength(1);
		const question = (await recorded(w))[0]!.questionText!;
		expect(posts[0]!.message.embeds![0]!.description).toContain(question);
		expect(w.discord.threads).toHaveLength(1);
		expect(w.discord.threads[0]).toMatchObject({ channelId: CHANNEL, kind: 'public', name: question.slice(0, 100) });
		expect((await recorded(w))).toMatchObject([{ status: 'posted', kind: 'scheduled', messageId: posts[0]!.id, threadId: w.discord.threads[0]!.id }]);
	});

	it('is not posted again after a restart', async () => {
		const w = await configured();
		await w.runUntil('2026-11-23T09:05:00Z');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		await w.restart();
		await w.runUntil('2026-11-23T12:00:00Z', 5);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		await w.runUntil('2026-11-24T09:01:00Z', 15);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(2);
	});

	it('is never posted twice for the same occurrence, even when asked twice', async () => {
		const w = await configured();
		const at = new Date('2026-11-23T09:00:00Z');
		const first = await w.services.prompts.post(GUILD, { kind: 'scheduled', at, runKey: 'prompt:x:2026-11-23T09:00' });
		const again = await w.services.prompts.post(GUILD, { kind: 'scheduled', at, runKey: 'prompt:x:2026-11-23T09:00' });
		expect(first.status).toBe('posted');
		expect(again.status).toBe('duplicate');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
	});

	it('missed while the bot was down is posted once when it comes back', async () => {
		const w = await configured();
		await w.runUntil('2026-11-23T08:50:00Z', 10);
		await w.restart();
		w.clock.set('2026-11-23T10:40:00Z');
		await w.scheduler.tick();
		await w.runUntil('2026-11-23T11:00:00Z');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		expect((await recorded(w))[0]!.at).toBe('2026-11-23T09:00:00.000Z');
	});

	it('configured after today’s time waits for tomorrow', async () => {
		const w = await configured('2026-11-23T09:30:00Z');
		await w.runUntil('2026-11-23T23:00:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		expect(await w.services.prompts.nextPostAt(GUILD)).toEqual(new Date('2026-11-24T09:00:00Z'));
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
	});

	it('follows the server’s time zone unless prompts have their own', async () => {
		world = await openPromptWorld(MONDAY_8);
		const w = world;
		await w.services.settings.update(GUILD, (s) => ({ ...s, timezone: 'America/New_York' }));
		await w.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await w.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		// 09:00 in New York is 14:00 UTC in November.
		expect(await w.services.prompts.nextPostAt(GUILD)).toEqual(new Date('2026-11-23T14:00:00Z'));
		await w.runUntil('2026-11-23T13:59:00Z', 15);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		await w.runUntil('2026-11-23T14:01:00Z');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		// The server moves to Paris time: prompts that follow the server move with it, at once.
		expect(w.services.prompts.schedules.entryOf(GUILD)!.timezone).toBe('America/New_York');
		await w.services.settings.update(GUILD, (s) => ({ ...s, timezone: 'Europe/Paris' }));
		expect(w.services.prompts.schedules.entryOf(GUILD)!.timezone).toBe('Europe/Paris');
		expect(await w.services.prompts.nextPostAt(GUILD)).toEqual(new Date('2026-11-24T08:00:00Z'));
		await w.runUntil('2026-11-24T08:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(2);
		await w.services.prompts.setTimezone(GUILD, ADMIN, 'Asia/Tokyo');
		expect(await w.services.prompts.nextPostAt(GUILD)).toEqual(new Date('2026-11-25T00:00:00Z'));
	});

	it('mentions only the chosen role, and only when one is chosen', async () => {
		const w = await configured();
		await w.runUntil('2026-11-23T09:01:00Z');
		expect(w.discord.promptsIn(CHANNEL)[0]!.message.allowed_mentions).toEqual({ parse: [] });
		await w.services.prompts.setMentionRole(GUILD, ADMIN, ROLE);
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		const second = w.discord.promptsIn(CHANNEL)[1]!.message;
		expect(second.content).toContain(`<@&${ROLE}>`);
		expect(second.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
	});

	it('pins the current prompt and unpins the previous one', async () => {
		const w = await configured();
		await w.services.prompts.setPin(GUILD, ADMIN, true);
		await w.runUntil('2026-11-23T09:01:00Z');
		const first = w.discord.promptsIn(CHANNEL)[0]!;
		expect(w.discord.pins).toEqual([`${CHANNEL}/${first.id}`]);
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		const second = w.discord.promptsIn(CHANNEL)[1]!;
		expect(w.discord.pins).toEqual([`${CHANNEL}/${second.id}`]);
		await w.services.prompts.setPin(GUILD, ADMIN, false);
		expect(w.discord.pins).toEqual([]);
	});

	it('without threads, members answer in the channel', async () => {
		const w = await configured();
		await w.services.prompts.setThreads(GUILD, ADMIN, false);
		await w.runUntil('2026-11-23T09:01:00Z');
		expect(w.discord.threads).toHaveLength(0);
		expect(w.discord.promptsIn(CHANNEL)[0]!.message.embeds![0]!.description).toContain('Answer here');
	});

	it('rotates the tips', async () => {
		const w = await configured();
		await w.runUntil('2026-11-25T09:01:00Z', 30);
		const tips = w.discord.promptsIn(CHANNEL).map((p) => p.message.embeds![0]!.footer?.text);
		expect(tips).toHaveLength(3);
		expect(new Set(tips).size).toBe(3);
	});
});

describe('admins steering the schedule', () => {
	it('skip next skips exactly the next occurrences', async () => {
		const w = await configured();
		await w.services.prompts.skipNext(GUILD, ADMIN, 2);
		expect(await w.services.prompts.nextPostAt(GUILD)).toEqual(new Date('2026-11-25T09:00:00Z'));
		await w.runUntil('2026-11-24T23:00:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		expect((await recorded(w)).map((p) => p.status)).toEqual(['skipped', 'skipped']);
		await w.runUntil('2026-11-25T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		expect((await w.services.prompts.getConfig(GUILD)).skipNext).toBe(0);
	});

	it('pause stops posts, and resume does not post what was missed', async () => {
		const w = await configured();
		expect(await w.services.prompts.resume(GUILD, ADMIN)).toBe(false);
		expect(await w.services.prompts.pause(GUILD, ADMIN)).toBe(true);
		expect(await w.services.prompts.pause(GUILD, ADMIN)).toBe(false);
		await w.runUntil('2026-11-24T10:00:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		expect(await w.services.prompts.resume(GUILD, ADMIN)).toBe(true);
		await w.runUntil('2026-11-24T12:00:00Z');
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		await w.runUntil('2026-11-25T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
	});

	it('post now posts right away and leaves the schedule as it was', async () => {
		const w = await configured();
		const outcome = await w.services.prompts.postNow(GUILD, ADMIN);
		expect(outcome.status).toBe('posted');
		expect(outcome.status === 'posted' && outcome.link).toMatch(new RegExp(`/channels/${GUILD}/${CHANNEL}/\\d+$`));
		await w.runUntil('2026-11-23T09:01:00Z');
		const posts = w.discord.promptsIn(CHANNEL);
		expect(posts).toHaveLength(2);
		const [first, second] = (await recorded(w));
		expect(first!.kind).toBe('manual');
		expect(second!.kind).toBe('scheduled');
		expect(first!.questionId).not.toBe(second!.questionId);
	});

	it('the preview shows the question the next prompt will ask', async () => {
		const w = await configured();
		await w.services.prompts.setDepth(GUILD, ADMIN, 'mixed');
		const preview = await w.services.prompts.preview(GUILD);
		expect(preview.at).toEqual(new Date('2026-11-23T09:00:00Z'));
		expect(preview.message.allowed_mentions).toEqual({ parse: [] });
		await w.runUntil('2026-11-23T09:01:00Z');
		expect((await recorded(w))[0]!.questionId).toBe(preview.question!.id);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
	});

	it('every change is in the configuration history', async () => {
		const w = await configured();
		await w.services.prompts.setThemes(GUILD, ADMIN, ['play', 'roots']);
		// Setting what is already set changes nothing, and is not recorded as a change.
		await w.services.prompts.setPin(GUILD, ADMIN, false);
		const settings = (await w.services.audit.recent(GUILD, 10)).map((e) => e.setting);
		expect(settings.sort()).toEqual(['prompts.channel', 'prompts.schedule', 'prompts.themes']);
	});
});

describe('when posting fails', () => {
	it('records the failure, tells the admins once, and tries again next time', async () => {
		const w = await configured();
		w.discord.missing.set(CHANNEL, ['SendMessages']);
		await w.runUntil('2026-11-23T09:01:00Z');
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(0);
		expect((await recorded(w)).map((p) => [p.status, p.reason])).toEqual([
			['failed', 'missing_permissions'],
			['failed', 'missing_permissions'],
		]);
		const notices = await pendingNotices(w);
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toContain('Send Messages');
		expect(notices[0]!.text).toContain(`<#${CHANNEL}>`);
		// The next admin to run a command is told (the router shows them); told means told, not repeated.
		expect(await w.services.notices.takePending(GUILD)).toHaveLength(1);
		await w.runUntil('2026-11-24T10:01:00Z', 30);
		w.discord.missing.delete(CHANNEL);
		await w.runUntil('2026-11-25T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(1);
		expect(await pendingNotices(w)).toHaveLength(0);
		// The post worked, so the problem counts as solved: if it comes back, the admins hear about it again.
		w.discord.missing.set(CHANNEL, ['SendMessages']);
		await w.runUntil('2026-11-26T09:01:00Z', 30);
		expect(await pendingNotices(w)).toHaveLength(1);
	});

	it('a failed post does not use up its question', async () => {
		const w = await configured();
		w.discord.missing.set(CHANNEL, ['SendMessages']);
		await w.runUntil('2026-11-23T09:01:00Z');
		expect((await state(w))!.used).toEqual([]);
		expect((await state(w))!.posted).toBe(0);
	});

	it('tells the admins in the log channel when one is set', async () => {
		const w = await configured();
		await w.services.settings.update(GUILD, (s) => ({ ...s, adminLogChannelId: LOG_CHANNEL }));
		w.discord.deletedChannels.add(CHANNEL);
		await w.runUntil('2026-11-23T09:01:00Z');
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		const told = w.discord.sent.filter((m) => m.channelId === LOG_CHANNEL);
		expect(told).toHaveLength(1);
		expect(told[0]!.message.content).toMatch(/no longer exists/);
		expect(told[0]!.message.content).toContain('/prompt-admin channel');
	});

	it('posts without a thread when threads cannot be opened, and says so once', async () => {
		const w = await configured();
		w.discord.missing.set(CHANNEL, ['CreatePublicThreads']);
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		expect(w.discord.promptsIn(CHANNEL)).toHaveLength(2);
		expect((await recorded(w)).map((p) => p.threadId)).toEqual([null, null]);
		const notices = await pendingNotices(w);
		expect(notices.map((n) => n.key)).toEqual([`prompts:thread-failed:${CHANNEL}`]);
	});

	it('one guild’s broken channel does not stop another guild’s prompt', async () => {
		const w = await configured();
		const other = '100000000000000077';
		const otherChannel = '300000000000000077';
		await w.services.prompts.setChannel(other, ADMIN, otherChannel);
		await w.services.prompts.setSchedule(other, ADMIN, { kind: 'daily', time: '09:00' });
		w.discord.deletedChannels.add(CHANNEL);
		await w.runUntil('2026-11-23T09:01:00Z');
		expect(w.discord.promptsIn(otherChannel)).toHaveLength(1);
	});
});

describe('running low on questions', () => {
	it('warns the admins once per cycle when fewer than 7 unused questions remain, then starts a new cycle', async () => {
		const w = await configured();
		await w.services.prompts.setThemes(GUILD, ADMIN, ['play']);
		await w.services.prompts.setDepth(GUILD, ADMIN, 'fixed', 'deep');
		const { total } = await w.services.prompts.poolState(GUILD);
		expect(total).toBe(8);
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		let notices = await pendingNotices(w);
		expect(notices).toHaveLength(1);
		expect(notices[0]!.text).toMatch(/Only 6 unused questions remain/);
		await w.runUntil('2026-11-30T09:01:00Z', 60);
		notices = await pendingNotices(w);
		expect(notices).toHaveLength(1);
		const s = (await state(w))!;
		expect(s.cycle).toBe(1);
		expect(new Set(s.used).size).toBe(8);
		await w.runUntil('2026-12-01T09:01:00Z', 60);
		expect((await state(w))!.cycle).toBe(2);
	});
});

describe('history', () => {
	it('lists recent prompts with the number of answers in each thread', async () => {
		const w = await configured();
		await w.runUntil('2026-11-24T09:01:00Z', 30);
		const [first, second] = w.discord.threads;
		w.discord.answers.set(first!.id, 5);
		w.discord.answers.set(second!.id, 2);
		const items = await w.services.prompts.history(GUILD);
		expect(items.map((i) => i.answers)).toEqual([2, 5]);
		expect(items[0]!.post.at > items[1]!.post.at).toBe(true);
	});
});
