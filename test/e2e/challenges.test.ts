import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../src/emulator/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let board: string;

beforeEach(async () => {
	h = await startHarness({ start: '2026-11-23T08:00:00Z' });
	board = h.emu.createChannel(h.guildId, { name: 'challenges' }).id;
});

afterEach(async () => {
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

const ACTIONS = ['Say hello to someone new', 'Ask a deeper question', 'Give a sincere compliment', 'Listen, then sum up', 'Follow up on something shared', 'Invite someone for a walk', 'Thank someone specifically'];

async function admin(subcommand: string, options?: Record<string, string | number | boolean>) {
	return h.command({ name: 'challenge-admin', subcommand, ...(options ? { options } : {}) });
}

async function member(userId: string, subcommand: string, options?: Record<string, string | number | boolean>): Promise<MessageView> {
	return (await h.command({ name: 'challenge', subcommand, userId, ...(options ? { options } : {}) })).reply();
}

/** A 7-day challenge starting tomorrow (24 Nov), posting at 09:00 UTC in #challenges. */
async function createWeek(extra: Record<string, string | number | boolean> = {}): Promise<MessageView> {
	const created = await (
		await admin('create', { name: 'Seven small steps', days: 7, actions: ACTIONS.join(' | '), channel: board, start: '2026-11-24', time: '09:00', timezone: 'UTC', ...extra })
	).reply();
	expect(created.ephemeral).toBe(true);
	return created;
}

const dailyPosts = () => h.emu.messages(board).filter((m) => /^Day \d+ of 7/.test(m.embeds[0]?.title ?? ''));
const postFor = (day: number) => dailyPosts().find((m) => m.embeds[0]!.title!.startsWith(`Day ${day} of 7`));

async function pressCheckIn(userId: string, day: number): Promise<MessageView> {
	const post = postFor(day)!;
	return (await h.emu.clickButton({ channelId: board, messageId: post.id, userId, customId: `chk:v1:1:${day}` })).reply();
}

describe('shared challenges through the emulator', () => {
	it('admin creates a challenge, members join, the day is posted once (also across a restart), a member checks in with the button and sees progress', async () => {
		const created = await createWeek();
		expect(created.content).toContain('Created **Seven small steps**');
		expect(created.content).toContain(`<#${board}>`);

		const [bea, cal] = h.memberIds as [string, string];
		const joined = await member(bea, 'join');
		expect(joined.ephemeral).toBe(true);
		expect(joined.content).toContain("You're in **Seven small steps**");
		await member(cal, 'join');

		// 08:00 on day 0 → 09:15 on day 1.
		await h.advance(25 * 60 + 15, { tickEvery: 15 });
		expect(dailyPosts()).toHaveLength(1);
		const post = postFor(1)!;
		expect(post.embeds[0]!.description).toContain(ACTIONS[0]);
		expect(post.mentions.everyone).toBe(false);
		expect((post.components[0] as { components: Array<{ custom_id: string; label: string }> }).components.map((c) => c.label)).toEqual([
			'Check in',
			'Join',
			'My progress',
		]);

		await h.restart();
		await h.advance(120, { tickEvery: 15 });
		expect(dailyPosts()).toHaveLength(1);

		const checked = await pressCheckIn(bea, 1);
		expect(checked.ephemeral).toBe(true);
		expect(checked.content).toContain('Checked in for day 1 of 7');
		const again = await pressCheckIn(bea, 1);
		expect(again.content).toContain("You're already checked in for day 1");

		const progress = await member(bea, 'progress');
		const fields = Object.fromEntries((progress.embeds[0]!.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({ 'Days done': '1', 'Current streak': '1 day', Today: 'Day 1: checked in ✅' });
		expect(progress.embeds[0]!.description).toContain('1/7');

		// A note by command, for the other member, stays private and never pings.
		const noted = await member(cal, 'checkin', { note: 'Said hi to @everyone in #general' });
		expect(noted.content).toContain('Your note is saved');
		expect(h.emu.messages(board).every((m) => !m.content.includes('@everyone'))).toBe(true);

		const leaderboard = await member(cal, 'leaderboard');
		expect(leaderboard.embeds[0]!.description).toMatch(/\*\*1\.\*\* .+: 100% · streak 1/);
	});

	it('a member completes the 7-day challenge, gets the completion role and a mention-free celebration; the summary closes it', async () => {
		const role = h.emu.createRole(h.guildId, { name: 'Finisher' });
		await createWeek({ completion_role: role.id });
		const bea = h.memberIds[0]!;
		await member(bea, 'join');
		await h.advance(25 * 60, { tickEvery: 60 }); // 09:00 on day 1
		for (let day = 1; day <= 7; day++) {
			expect(dailyPosts()).toHaveLength(day);
			const reply = await pressCheckIn(bea, day);
			if (day < 7) {
				expect(reply.content).toContain(`Checked in for day ${day} of 7`);
				await h.advance(24 * 60, { tickEvery: 60 });
			} else {
				expect(reply.content).toContain('You completed **Seven small steps**');
				expect(reply.content).toContain(`<@&${role.id}>`);
			}
		}
		expect(h.emu.member(h.guildId, bea)!.roles).toContain(role.id);
		const celebration = h.emu.messages(board).find((m) => m.content.includes('completed **Seven small steps**'))!;
		expect(celebration).toBeDefined();
		expect(celebration.mentions.users).toEqual([]);
		expect(celebration.content).not.toContain(`<@${bea}>`);

		await h.advance(24 * 60, { tickEvery: 60 }); // 09:00 on the day after the last
		const summary = h.emu.messages(board).at(-1)!;
		expect(summary.embeds[0]!.title).toBe('Seven small steps is complete');
		const fields = Object.fromEntries((summary.embeds[0]!.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({ Participants: '1', 'Completed every day': '1 of 1 (100%)', 'Longest streak': '7 days' });
		await h.advance(3 * 24 * 60, { tickEvery: 240 });
		expect(h.emu.messages(board).filter((m) => m.embeds[0]?.title === 'Seven small steps is complete')).toHaveLength(1);
	});

	it('a milestone role above the bot’s is skipped and reported to the admins; the member keeps their check-in', async () => {
		const high = h.emu.createRole(h.guildId, { name: 'Keeper', aboveBot: true });
		await createWeek();
		expect((await (await admin('milestone', { challenge: '1', days: 1, role: high.id })).reply()).content).toContain(`<@&${high.id}>`);
		const bea = h.memberIds[0]!;
		await member(bea, 'join');
		await h.advance(25 * 60, { tickEvery: 60 });
		const reply = await pressCheckIn(bea, 1);
		expect(reply.content).toContain('Checked in for day 1 of 7');
		expect(reply.content).not.toContain(`<@&${high.id}>`);
		expect(h.emu.member(h.guildId, bea)!.roles).not.toContain(high.id);

		// No admin log channel: the next admin command shows the notice, once.
		const ix = await admin('list');
		await ix.reply();
		const notice = (await ix.waitForFollowUp(1)) as MessageView;
		expect(notice.content).toContain(`<@&${high.id}>`);
		expect(notice.content).toMatch(/above Hearth's highest role/);
		const later = await admin('list');
		await later.reply();
		await h.bot.router.idle();
		expect(later.followUps).toHaveLength(0);
	});

	it('a deleted announcement channel is reported to admins while /challenge checkin keeps working; old posts answer kindly', async () => {
		await createWeek();
		const bea = h.memberIds[0]!;
		await member(bea, 'join');
		await h.advance(25 * 60, { tickEvery: 60 }); // day 1 posted
		const dayOne = postFor(1)!;
		await h.advance(2 * 24 * 60, { tickEvery: 60 }); // day 3
		const old = await (await h.emu.clickButton({ channelId: board, messageId: dayOne.id, userId: bea, customId: 'chk:v1:1:1' })).reply();
		expect(old.content).toContain("Day 1's check-in has closed");
		expect(old.content).toContain('today (day 3) is wide open');

		h.emu.deleteChannel(board);
		await h.advance(24 * 60, { tickEvery: 60 }); // day 4's post fails
		const checked = await member(bea, 'checkin');
		expect(checked.content).toContain('Checked in for day 4 of 7');

		const ix = await admin('status', { challenge: '1' });
		const status = await ix.reply();
		expect(JSON.stringify(status.embeds[0]!.fields)).toContain('gone');
		const notice = (await ix.waitForFollowUp(1)) as MessageView;
		expect(notice.content).toContain('/challenge checkin still work');
	});

	it('admins write custom daily actions in a form', async () => {
		const ix = await admin('create', { name: 'Ten days of listening', days: 10, write_actions: true, channel: board, start: '2026-11-24' });
		const modal = await ix.modal();
		expect(modal.customId).toBe('chadm-acts:v1:1');
		const lines = Array.from({ length: 10 }, (_, i) => `Listen closely in conversation number ${i + 1}`);
		const saved = await (await h.emu.submitModal({ userId: h.adminId, customId: modal.customId, fields: { 'part-0': lines.join('\n') } })).reply();
		expect(saved.content).toContain('Saved 10 daily actions for **Ten days of listening**');
		await h.advance(25 * 60, { tickEvery: 60 });
		const post = h.emu.messages(board).find((m) => m.embeds[0]?.title?.startsWith('Day 1 of 10'))!;
		expect(post.embeds[0]!.description).toContain(lines[0]);
	});

	it('offers challenges and time zones in autocomplete', async () => {
		await createWeek();
		const choices = await h.emu.runAutocomplete({ guildId: h.guildId, channelId: h.channelId, userId: h.memberIds[0]!, name: 'challenge', subcommand: 'join', focused: 'challenge', value: 'seven' });
		expect(choices).toEqual([{ name: 'Seven small steps (starting soon)', value: '1' }]);
		const zones = await h.emu.runAutocomplete({ guildId: h.guildId, channelId: h.channelId, userId: h.memberIds[0]!, name: 'challenge', subcommand: 'timezone', focused: 'zone', value: 'new york' });
		expect(zones[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' });
	});
});
