import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/core/discord-port.js';
import type { MessageView } from '../../src/emulator/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let pairs: string;

beforeEach(async () => {
	h = await startHarness({ start: '2026-11-23T08:00:00Z' });
	pairs = h.emu.createChannel(h.guildId, { name: 'pairs' }).id;
});

afterEach(async () => {
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

const sorted = (ids: readonly string[]) => [...ids].sort();
const withoutBot = (ids: readonly string[]) => ids.filter((id) => id !== h.emu.botUserId);
const buttonsOf = (message: MessageView) =>
	(message.components as Array<{ components: Array<{ custom_id: string; label: string }> }>).flatMap((row) => row.components);

async function join(userId: string, interests?: string): Promise<MessageView> {
	return (await h.command({ name: 'pair', subcommand: 'join', userId, ...(interests ? { options: { interests } } : {}) })).reply();
}

async function admin(subcommand: string, options?: Record<string, string | number | boolean>): Promise<MessageView> {
	return (await h.command({ name: 'pair-admin', subcommand, ...(options ? { options } : {}) })).reply();
}

/** Every member of the harness joins; the admin points pairing at #pairs and moves rounds to Sundays. */
async function setUp(): Promise<void> {
	const interests = ['Hiking, Books', 'hiking', 'Board games, Coffee and tea', 'board games', 'Music'];
	for (const [i, id] of h.memberIds.entries()) await join(id, interests[i]);
	expect((await admin('channel', { channel: pairs })).content).toContain(`<#${pairs}>`);
	expect((await admin('schedule', { day: 0, time: '10:00' })).content).toMatch(/Rounds happen every week on Sunday at 10:00/);
}

describe('pairings through the emulator', () => {
	it('asks before running a second round soon after one, and runs it when the admin insists', async () => {
		await setUp();
		await admin('run-now');
		expect(h.emu.threads(pairs)).toHaveLength(2);
		h.clock.advanceMinutes(120);
		const asked = await admin('run-now');
		expect(asked.ephemeral).toBe(true);
		expect(asked.content).toMatch(/Round 1 went out 2 hours ago/);
		expect(h.emu.threads(pairs)).toHaveLength(2);
		const [button] = buttonsOf(asked);
		expect(button!.label).toBe('Run a new round anyway');
		const click = await h.emu.clickButton({ channelId: h.channelId, messageId: asked.id, userId: h.adminId, customId: button!.custom_id });
		expect((await click.reply()).content).toBe('Starting a new round…');
		const done = await click.waitForFollowUp();
		expect(done.ephemeral).toBe(true);
		expect(done.content).toMatch(/^Done\. .*Pairing round 2/s);
		expect(h.emu.threads(pairs)).toHaveLength(4);
	});

	it('members join, a round runs, private threads hold exactly each group, intros mention only them, follow-up buttons record answers', async () => {
		const joined = await join(h.memberIds[0]!, 'Hiking, Books');
		expect(joined.ephemeral).toBe(true);
		expect(joined.content).toContain("You're in!");
		expect(joined.content).toContain('**Your interests:** Hiking, Books');

		// Interests can also be picked from the guild's list in the select menu under the reply.
		const picked = await (
			await h.emu.selectMenu({ channelId: h.channelId, messageId: joined.id, userId: h.memberIds[0]!, customId: 'pairpick:v1:0', values: ['Books', 'Board games'] })
		).reply();
		expect(picked.content).toContain('**Your interests:** Books, Board games');
		await setUp();

		const ran = await admin('run-now');
		expect(ran.ephemeral).toBe(true);
		expect(ran.content).toMatch(/Pairing round 1\*\* is under way: 2 groups \(2 in private threads, 0 by DM\), 5 members/);

		const threads = h.emu.threads(pairs);
		expect(threads).toHaveLength(2);
		const groups = threads.map((t) => sorted(withoutBot(t.memberIds)));
		expect(sorted(groups.flat())).toEqual(sorted(h.memberIds));
		expect(groups.map((g) => g.length).sort()).toEqual([2, 3]);
		for (const [i, thread] of threads.entries()) {
			expect(thread.type).toBe('private');
			expect(thread.invitable).toBe(true);
			const posts = h.emu.messages(thread.id);
			expect(posts).toHaveLength(1);
			expect(sorted(posts[0]!.mentions.users)).toEqual(groups[i]);
			expect(posts[0]!.mentions.everyone).toBe(false);
			expect(posts[0]!.embeds[0]!.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['A question to start with', 'A tip']));
		}
		// Nobody outside the groups was messaged: no DMs at all.
		for (const id of h.memberIds) expect(h.emu.dms(id)).toEqual([]);

		// Halfway through the week, each thread gets a check-in with three buttons.
		await h.advance(3.5 * 24 * 60 + 60, { tickEvery: 60 });
		const thread = threads[0]!;
		const followUp = h.emu.messages(thread.id).find((m) => m.components.length > 0)!;
		expect(buttonsOf(followUp).map((b) => b.label)).toEqual(['We met', 'Not yet', 'Skip']);
		expect(sorted(followUp.mentions.users)).toEqual(groups[0]);
		const [first, second] = groups[0]!;
		const groupIndex = (await h.bot.services.pairing.records.groups(h.guildId, (await h.bot.services.pairing.records.round(h.guildId, 1))!)).findIndex(
			(g) => sorted(g.members).join() === groups[0]!.join(),
		);
		const clickIn = async (userId: string, answer: string) =>
			(await h.emu.clickButton({ channelId: thread.id, messageId: followUp.id, userId, customId: `pairfu:v1:1:${groupIndex}:${answer}` })).reply();
		const thanks = await clickIn(first!, 'met');
		expect(thanks.ephemeral).toBe(true);
		expect(thanks.content).toMatch(/Lovely/);
		expect((await clickIn(first!, 'met')).content).toMatch(/already answered/);
		expect((await clickIn(second!, 'not_yet')).content).toMatch(/No rush/);
		// Members of other groups cannot even see this private thread (the emulator refuses their click, as Discord would).
		await expect(clickIn(groups[1]![0]!, 'met')).rejects.toThrow(/is not in private thread/);
		const stored = await h.bot.services.pairing.records.group(h.guildId, 1, groupIndex);
		expect(stored?.answers.map((a) => [a.userId, a.answer])).toEqual([
			[first, 'met'],
			[second, 'not_yet'],
		]);

		// History shows whom each member met, without pinging them.
		const history = await (await h.command({ name: 'pair', subcommand: 'history', userId: first! })).reply();
		const partners = groups[0]!.filter((id) => id !== first);
		for (const id of partners) expect(history.embeds[0]!.description).toContain(`<@${id}>`);
		expect(history.mentions.users).toEqual([]);
	});

	it('introduces by DM when private threads are not allowed, and lists a member with closed DMs for the admins', async () => {
		await setUp();
		h.emu.denyInChannel(pairs, h.emu.botUserId, PermissionFlagsBits.CreatePrivateThreads);
		const closed = h.memberIds[4]!;
		h.emu.setDmsClosed(closed, true);
		const ran = await admin('run-now');
		expect(h.emu.threads(pairs)).toHaveLength(0);
		for (const id of h.memberIds.filter((m) => m !== closed)) {
			const dms = h.emu.dms(id);
			expect(dms).toHaveLength(1);
			expect(dms[0]!.content).toMatch(/This round you're paired with/);
		}
		expect(ran.content).toContain(`<@${closed}>: their DMs are closed`);

		// The halfway check-in comes by DM too; its buttons work there, where Discord sends no guild.
		await h.advance(3.5 * 24 * 60 + 60, { tickEvery: 60 });
		const member = h.memberIds[0]!;
		const checkIn = h.emu.dms(member).find((m) => m.components.length > 0)!;
		const met = buttonsOf(checkIn).find((b) => b.label === 'We met')!;
		expect(met.custom_id).toMatch(new RegExp(`^pairfu:v1:1:\\d+:met:${h.guildId}$`));
		const answer = await (await h.emu.clickButton({ channelId: h.emu.dmChannelId(member)!, messageId: checkIn.id, userId: member, customId: met.custom_id })).reply();
		expect(answer.content).toMatch(/Lovely/);
		const index = Number(met.custom_id.split(':')[3]);
		expect((await h.bot.services.pairing.records.group(h.guildId, 1, index))?.answers.map((a) => a.userId)).toEqual([member]);
	});

	it('a restart in the middle of a round finishes it without introducing anyone twice', async () => {
		await setUp();
		const port = h.bot.services.discord;
		const send = port.send.bind(port);
		let intros = 0;
		// The process "dies" right after the first group's intro.
		port.send = async (channelId: string, message: OutgoingMessage) => {
			if ((message.embeds?.length ?? 0) > 0 && intros++ >= 1) throw new Error('the process stopped');
			return send(channelId, message);
		};
		const crashed = await admin('run-now');
		expect(crashed.content).toMatch(/incident id/);
		expect(h.emu.threads(pairs).filter((t) => h.emu.messages(t.id).length > 0)).toHaveLength(1);

		await h.restart();
		await h.advance(2);
		const threads = h.emu.threads(pairs);
		expect(threads).toHaveLength(2);
		for (const thread of threads) expect(h.emu.messages(thread.id).filter((m) => m.embeds.length > 0)).toHaveLength(1);
		expect(sorted(threads.flatMap((t) => withoutBot(t.memberIds)))).toEqual(sorted(h.memberIds));
		const round = await h.bot.services.pairing.records.round(h.guildId, 1);
		expect(round?.state).toBe('introduced');

		// Later ticks find nothing left to introduce.
		await h.advance(5);
		expect(h.emu.threads(pairs)).toHaveLength(2);
		for (const thread of threads) expect(h.emu.messages(thread.id)).toHaveLength(1);
	});

	it('a member leaves and deletes their pairing data with the confirm button', async () => {
		await setUp();
		const member = h.memberIds[1]!;
		const asked = await (await h.command({ name: 'pair', subcommand: 'leave', userId: member })).reply();
		expect(buttonsOf(asked).map((b) => b.label)).toEqual(['Leave, keep my history', 'Leave and delete my data', 'Stay']);
		const deleteId = buttonsOf(asked).find((b) => b.label === 'Leave and delete my data')!.custom_id;
		const done = await (await h.emu.clickButton({ channelId: h.channelId, messageId: asked.id, userId: member, customId: deleteId })).reply();
		expect(done.content).toMatch(/data is deleted/);
		expect(await h.bot.services.pairing.members.profile(h.guildId, member)).toBeUndefined();
		const preview = await admin('preview');
		expect(preview.embeds[0]!.description).not.toContain(member);
		expect(h.emu.threads(pairs)).toHaveLength(0);
	});

	it('a block made with /pair block is private and keeps the two apart', async () => {
		await setUp();
		const [a, b] = h.memberIds as [string, string];
		const blocked = await (await h.command({ name: 'pair', subcommand: 'block', userId: a, options: { user: b } })).reply();
		expect(blocked.ephemeral).toBe(true);
		expect(blocked.content).toMatch(/Nobody is told/);
		const list = await (await h.command({ name: 'pair', subcommand: 'blocks', userId: a })).reply();
		expect(list.embeds[0]!.description).toContain(`<@${b}>`);
		expect(list.mentions.users).toEqual([]);
		await admin('run-now');
		for (const thread of h.emu.threads(pairs)) expect(thread.memberIds.includes(a) && thread.memberIds.includes(b)).toBe(false);
		for (const id of h.memberIds) for (const dm of h.emu.dms(id)) expect(dm.content).not.toMatch(/block/i);
		expect(h.emu.messages(h.channelId).filter((m) => !m.ephemeral && /block/i.test(m.content))).toEqual([]);
	});
});
