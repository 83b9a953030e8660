import { describe, expect, it } from 'vitest';
import { DiscordFailure } from '../../src/core/discord-port.js';
import { DELETED_MEMBER } from '../../src/features/pairing/index.js';
import { PairingRoundRecord, pairingKeys } from '../../src/features/pairing/records.js';
import { loadQuestionBankSync, loadTipsSync } from '../../src/features/prompts/bank.js';
import { ADMIN, CHANNEL, GUILD, introsSent, joinMembers, member, pairingWorld } from './pairing-fixtures.js';

const sorted = (ids: readonly string[]) => [...ids].sort();
const mentionsIn = (text: string) => [...text.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);

describe('a pairing round', () => {
	it('introduces each pair in its own private thread with exactly its members, naming what they share', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		const interests = ['', 'Hiking, Books', 'hiking', 'Board games', 'board games, coffee and tea'];
		await joinMembers(world, 4, (i) => interests[i]!);
		const threadOptions: unknown[] = [];
		const start = world.discord.startThread.bind(world.discord);
		world.discord.startThread = async (channelId, options) => {
			threadOptions.push({ channelId, ...options });
			return start(channelId, options);
		};

		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups.map((g) => sorted(g.members))).toEqual([
			[member(1), member(2)],
			[member(3), member(4)],
		]);
		expect(threadOptions).toHaveLength(2);
		for (const options of threadOptions) expect(options).toMatchObject({ channelId: CHANNEL, kind: 'private', invitable: true });
		expect(world.discord.threads.map((t) => sorted(t.members))).toEqual([
			[member(1), member(2)],
			[member(3), member(4)],
		]);

		const starters = new Set(loadQuestionBankSync().questions.filter((q) => q.tier !== 'deep').map((q) => q.text));
		const tips = new Set(loadTipsSync().tips.map((t) => t.text));
		for (const [i, thread] of world.discord.threads.entries()) {
			const posts = world.discord.sent.filter((m) => m.channelId === thread.id);
			expect(posts).toHaveLength(1);
			const intro = posts[0]!.message;
			const group = sorted(thread.members);
			expect(sorted(mentionsIn(intro.content ?? ''))).toEqual(group);
			expect(intro.allowed_mentions).toEqual({ parse: [], users: expect.any(Array) });
			expect(sorted(intro.allowed_mentions!.users!)).toEqual(group);
			const embed = intro.embeds![0]!;
			expect(embed.description).toContain(i === 0 ? '**Hiking**' : '**Board games**');
			const field = (name: string) => embed.fields?.find((f) => f.name === name)?.value;
			expect(starters.has(field('A question to start with')!)).toBe(true);
			expect(tips.has(field('A tip')!)).toBe(true);
		}
		expect(world.discord.direct).toHaveLength(0);
		const notices = await world.notices();
		expect(notices.join('\n')).toMatch(/Pairing round 1\*\* is under way: 2 groups \(2 in private threads, 0 by DM\)/);
	});

	it('saves the planned round before anything reaches Discord', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 2);
		let storedAtFirstCall: unknown = 'not called';
		const start = world.discord.startThread.bind(world.discord);
		world.discord.startThread = async (channelId, options) => {
			if (storedAtFirstCall === 'not called') storedAtFirstCall = await world.store.get(PairingRoundRecord, pairingKeys.round(GUILD, 1));
			return start(channelId, options);
		};
		await pairing.runNow(GUILD, ADMIN);
		expect(storedAtFirstCall).toMatchObject({ number: 1, groupCount: 1 });
	});

	it('falls back to a DM for each member when private threads are not allowed, and tells the admins', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 4);
		world.discord.missing.set(CHANNEL, ['CreatePrivateThreads']);

		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(world.discord.threads).toHaveLength(0);
		expect(outcome.groups.every((g) => g.intro.via === 'dm')).toBe(true);
		expect(sorted(world.discord.direct.map((d) => d.userId))).toEqual(sorted([1, 2, 3, 4].map(member)));
		for (const dm of world.discord.direct) {
			const group = outcome.groups.find((g) => g.members.includes(dm.userId))!;
			const partner = group.members.find((m) => m !== dm.userId)!;
			expect(dm.message.content).toContain(`<@${partner}>`);
			expect(sorted(dm.message.allowed_mentions!.users!)).toEqual(sorted(group.members));
		}
		const notices = (await world.notices()).join('\n');
		expect(notices).toContain('could not use private threads');
		expect(notices).toContain('0 in private threads, 2 by DM');
	});

	it('puts a member with closed DMs in the thread all the same', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 2);
		world.discord.dmsClosed.add(member(1));
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(world.discord.threads[0]!.members).toContain(member(1));
		expect(outcome.groups[0]!.intro.failures).toEqual([]);
	});

	it('never fails silently: an intro that cannot be delivered is recorded and listed for the admins', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 2);
		world.discord.missing.set(CHANNEL, ['CreatePrivateThreads']);
		world.discord.dmsClosed.add(member(2));
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups[0]!.intro.failures).toEqual([{ userId: member(2), reason: 'cannot_dm' }]);
		expect(outcome.round.failures).toBe(1);
		const notices = (await world.notices()).join('\n');
		expect(notices).toContain(`<@${member(2)}>: their DMs are closed`);
	});

	it('retries a thread that fails for an unexpected reason, then falls back to DMs for that group only', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 4);
		let calls = 0;
		const start = world.discord.startThread.bind(world.discord);
		world.discord.startThread = async (channelId, options) => {
			calls++;
			if (calls <= 2) throw new DiscordFailure('other', 'Internal Server Error', 0, 500);
			return start(channelId, options);
		};
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(calls).toBe(3);
		expect(outcome.groups.map((g) => g.intro.via)).toEqual(['dm', 'thread']);
		expect(world.discord.direct).toHaveLength(2);
	});

	it('resumes after a crash mid-round: no group introduced twice, nobody left without an intro', async () => {
		const world = await pairingWorld();
		await world.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 10);
		world.discord.crashAfter = 2;
		await expect(world.services.pairing.runNow(GUILD, ADMIN)).rejects.toThrow('the process stopped');
		expect(world.discord.intros).toBe(2);
		const interrupted = await world.store.get(PairingRoundRecord, pairingKeys.round(GUILD, 1));
		expect(interrupted?.state).toBe('introducing');

		world.discord.crashAfter = null;
		world.restart();
		const resumed = await world.services.pairing.rounds.resume(GUILD);
		expect(resumed?.state).toBe('introduced');
		const groups = await world.services.pairing.records.groups(GUILD, resumed!);
		expect(groups).toHaveLength(5);
		// One thread and one intro per group, and every member is in exactly one thread.
		expect(world.discord.threads).toHaveLength(5);
		expect(introsSent(world.discord)).toHaveLength(5);
		for (const thread of world.discord.threads) expect(world.discord.sent.filter((m) => m.channelId === thread.id && m.message.embeds)).toHaveLength(1);
		expect(sorted(world.discord.threads.flatMap((t) => t.members))).toEqual(sorted(Array.from({ length: 10 }, (_, i) => member(i + 1))));
		// A second resume, or a run, finds nothing left to introduce.
		expect(await world.services.pairing.rounds.resume(GUILD)).toBeNull();
		expect(introsSent(world.discord)).toHaveLength(5);
	});

	it('a scheduled run after a crash finishes the interrupted round instead of starting another', async () => {
		const world = await pairingWorld();
		await world.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 6);
		world.discord.crashAfter = 1;
		await expect(world.services.pairing.runNow(GUILD, ADMIN)).rejects.toThrow();
		world.discord.crashAfter = null;
		world.restart();
		const outcome = await world.services.pairing.rounds.run(GUILD, 'schedule');
		expect(outcome.kind).toBe('resumed');
		expect(introsSent(world.discord)).toHaveLength(3);
		expect(await world.services.pairing.records.rounds(GUILD)).toHaveLength(1);
	});

	it('drops members who left the server before matching, and deletes their pairing data', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 5);
		await pairing.block(GUILD, member(3), member(1));
		world.discord.gone.add(member(3));
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups.flatMap((g) => g.members)).not.toContain(member(3));
		expect(outcome.round.skipped.left).toBe(1);
		expect(await pairing.members.profile(GUILD, member(3))).toBeUndefined();
		expect(await pairing.blocks(GUILD, member(3))).toEqual([]);
		expect((await world.notices()).join('\n')).toContain('1 left the server');
	});

	it('makes one group of three when the count is odd', async () => {
		const world = await pairingWorld();
		await world.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 5);
		const outcome = await world.services.pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups.map((g) => g.members.length).sort()).toEqual([2, 3]);
		expect(outcome.round.unmatched).toEqual([]);
		const trio = world.discord.threads.find((t) => t.members.length === 3)!;
		const intro = world.discord.sent.find((m) => m.channelId === trio.id)!;
		expect(sorted(intro.message.allowed_mentions!.users!)).toEqual(sorted(trio.members));
	});

	it('tells an unmatched member kindly, without revealing a block; with closed DMs, at their next /pair', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 3);
		await pairing.block(GUILD, member(2), member(1));
		await pairing.block(GUILD, member(3), member(1));
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups.map((g) => sorted(g.members))).toEqual([[member(2), member(3)]]);
		expect(outcome.round.unmatched).toEqual([{ userId: member(1), told: 'dm' }]);
		const dm = world.discord.direct.find((d) => d.userId === member(1))!;
		expect(dm.message.content).toMatch(/no one left to pair you with/);
		expect(dm.message.content).not.toMatch(/block/i);

		world.discord.dmsClosed.add(member(1));
		const second = await pairing.runNow(GUILD, ADMIN);
		if (second.kind !== 'started') throw new Error(second.kind);
		expect(second.round.unmatched).toEqual([{ userId: member(1), told: 'note' }]);
		const view = await pairing.profileView(GUILD, member(1));
		expect(view.note).toMatch(/Round 2 had no one left to pair you with/);
		expect((await pairing.profileView(GUILD, member(1))).note).toBeNull();
	});

	it('is reproducible: the preview shows exactly the groups the round then makes, and the same seed gives the same groups', async () => {
		const groupsWith = async (seed: string) => {
			const world = await pairingWorld({ seed });
			await world.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
			await joinMembers(world, 12, (i) => ['hiking', 'books', 'music'][i % 3]!);
			const preview = await world.services.pairing.preview(GUILD);
			expect(world.discord.threads).toHaveLength(0);
			expect(world.discord.direct).toHaveLength(0);
			expect(await world.services.pairing.records.rounds(GUILD)).toHaveLength(0);
			const outcome = await world.services.pairing.runNow(GUILD, ADMIN);
			if (outcome.kind !== 'started') throw new Error(outcome.kind);
			expect(outcome.groups.map((g) => g.members)).toEqual(preview.result.groups.map((g) => g.members));
			return outcome.groups.map((g) => g.members);
		};
		expect(await groupsWith('alpha')).toEqual(await groupsWith('alpha'));
	});

	it('prefers people who have not met: a second round of four makes new pairs', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 4);
		const first = await pairing.runNow(GUILD, ADMIN);
		const second = await pairing.runNow(GUILD, ADMIN);
		if (first.kind !== 'started' || second.kind !== 'started') throw new Error('no round');
		const key = (g: { members: string[] }) => sorted(g.members).join('+');
		const before = new Set(first.groups.map(key));
		expect(second.groups.some((g) => before.has(key(g)))).toBe(false);
		expect(second.round.repeats).toBe(0);
	});

	it('does not start a round with nobody to introduce', async () => {
		const world = await pairingWorld();
		await world.services.pairing.setChannel(GUILD, ADMIN, CHANNEL);
		expect(await world.services.pairing.runNow(GUILD, ADMIN)).toEqual({ kind: 'empty', available: 0 });
		expect(await world.services.pairing.records.rounds(GUILD)).toEqual([]);
	});

	it('members who need a role sit out until they have it', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		const role = '900000000000000099';
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 3);
		await pairing.setRequiredRole(GUILD, ADMIN, role);
		await expect(pairing.join(GUILD, member(9), { roles: [] })).rejects.toThrow(/particular role/);
		const fetch = world.discord.fetchMember.bind(world.discord);
		world.discord.fetchMember = async (g, id) => {
			const info = await fetch(g, id);
			return info && id !== member(3) ? { ...info, roles: [role] } : info;
		};
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		expect(outcome.groups.flatMap((g) => g.members).sort()).toEqual([member(1), member(2)]);
		expect(outcome.round.skipped.missingRole).toBe(1);
	});
});

describe('follow-ups and the end of a round', () => {
	async function roundOfTwoPairs() {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 4, (i) => (i <= 2 ? 'hiking' : 'books'));
		const outcome = await pairing.runNow(GUILD, ADMIN);
		if (outcome.kind !== 'started') throw new Error(outcome.kind);
		return { world, pairing, outcome };
	}

	it('asks each thread whether they met, with three buttons that record answers per member', async () => {
		const { world, pairing, outcome } = await roundOfTwoPairs();
		const sentBefore = world.discord.sent.length;
		await pairing.rounds.followUp(GUILD);
		const followUps = world.discord.sent.slice(sentBefore);
		expect(followUps).toHaveLength(2);
		for (const [i, post] of followUps.entries()) {
			expect(post.channelId).toBe(outcome.groups[i]!.intro.threadId);
			const ids = (post.message.components![0] as { components: Array<{ custom_id: string; label: string }> }).components.map((c) => [c.label, c.custom_id]);
			expect(ids).toEqual([
				['We met', `pairfu:v1:1:${i}:met`],
				['Not yet', `pairfu:v1:1:${i}:not_yet`],
				['Skip', `pairfu:v1:1:${i}:skip`],
			]);
			expect(sorted(post.message.allowed_mentions!.users!)).toEqual(sorted(outcome.groups[i]!.members));
		}
		// Sent once only.
		await pairing.rounds.followUp(GUILD);
		expect(world.discord.sent.length).toBe(sentBefore + 2);

		const [a, b] = outcome.groups[0]!.members;
		expect(await pairing.answer(GUILD, 1, 0, a!, 'not_yet')).toBe('recorded');
		expect(await pairing.answer(GUILD, 1, 0, a!, 'not_yet')).toBe('same');
		expect(await pairing.answer(GUILD, 1, 0, a!, 'met')).toBe('changed');
		expect(await pairing.answer(GUILD, 1, 0, b!, 'met')).toBe('recorded');
		await expect(pairing.answer(GUILD, 1, 0, outcome.groups[1]!.members[0]!, 'met')).rejects.toThrow(/belongs to the people in this group/);
		await expect(pairing.answer(GUILD, 7, 0, a!, 'met')).rejects.toThrow(/no longer in Hearth/);
		const group = await pairing.records.group(GUILD, 1, 0);
		expect(group?.answers.map((x) => [x.userId, x.answer])).toEqual([
			[a, 'met'],
			[b, 'met'],
		]);
	});

	it('follows up by DM where the intro went by DM, with the guild in the button id', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 2);
		world.discord.missing.set(CHANNEL, ['CreatePrivateThreads']);
		await pairing.runNow(GUILD, ADMIN);
		const before = world.discord.direct.length;
		await pairing.rounds.followUp(GUILD);
		const dms = world.discord.direct.slice(before);
		expect(dms.map((d) => d.userId).sort()).toEqual([member(1), member(2)]);
		const button = (dms[0]!.message.components![0] as { components: Array<{ custom_id: string }> }).components[0]!;
		expect(button.custom_id).toBe(`pairfu:v1:1:0:met:${GUILD}`);
	});

	it('ends a round with stats for admins when the next one starts', async () => {
		const { world, pairing, outcome } = await roundOfTwoPairs();
		await world.notices();
		await pairing.rounds.followUp(GUILD);
		await pairing.answer(GUILD, 1, 0, outcome.groups[0]!.members[0]!, 'met');
		await pairing.answer(GUILD, 1, 1, outcome.groups[1]!.members[0]!, 'not_yet');
		await pairing.runNow(GUILD, ADMIN);
		const round1 = await pairing.records.round(GUILD, 1);
		expect(round1?.state).toBe('done');
		expect(round1?.stats).toMatchObject({ groups: 2, members: 4, metGroups: 1, answeredGroups: 2, repeats: 0, failures: 0 });
		expect((await world.notices()).join('\n')).toContain('**Pairing round 1 ended:** 2 groups, met in 1 of 2 (50%), 2 answered the check-in');
	});

	it('pauses a member who leaves 3 intros in a row unanswered, tells them how to come back, and leaves them out', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		const ids = await joinMembers(world, 4);
		const quiet = ids[0]!;
		for (let round = 1; round <= 3; round++) {
			const outcome = await pairing.runNow(GUILD, ADMIN);
			if (outcome.kind !== 'started') throw new Error(outcome.kind);
			expect(outcome.groups.flatMap((g) => g.members)).toContain(quiet);
			await pairing.rounds.followUp(GUILD);
			for (const group of outcome.groups) for (const m of group.members) if (m !== quiet) await pairing.answer(GUILD, round, group.index, m, 'met');
		}
		expect((await pairing.members.profile(GUILD, quiet))?.ignoredInRow).toBe(2);
		const fourth = await pairing.runNow(GUILD, ADMIN);
		if (fourth.kind !== 'started') throw new Error(fourth.kind);
		expect(fourth.groups.flatMap((g) => g.members)).not.toContain(quiet);
		const profile = await pairing.members.profile(GUILD, quiet);
		expect(profile).toMatchObject({ autoPaused: true, active: true, ignoredInRow: 3 });
		const told = world.discord.direct.filter((d) => d.userId === quiet);
		expect(told.at(-1)?.message.content).toMatch(/paused your pairings.*\/pair resume/s);
		expect((await pairing.records.round(GUILD, 3))?.stats?.autoPaused).toBe(1);

		// Closing a round twice counts it once; and /pair resume brings them back.
		await pairing.rounds.followUp(GUILD);
		expect(await pairing.resume(GUILD, quiet)).toBe(true);
		const fifth = await pairing.runNow(GUILD, ADMIN);
		if (fifth.kind !== 'started') throw new Error(fifth.kind);
		expect(fifth.groups.flatMap((g) => g.members)).toContain(quiet);
	});

	it('one answer resets the count: ignoring is counted in a row only', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		const [x] = await joinMembers(world, 2);
		for (let round = 1; round <= 5; round++) {
			const outcome = await pairing.runNow(GUILD, ADMIN);
			if (outcome.kind !== 'started') throw new Error(outcome.kind);
			await pairing.rounds.followUp(GUILD);
			if (round === 3) await pairing.answer(GUILD, round, 0, x!, 'skip');
		}
		expect((await pairing.members.profile(GUILD, x!))?.autoPaused).toBe(false);
	});
});

describe("a member's pairing data", () => {
	it('export lists profile, blocks and rounds; deletion leaves partners "someone who deleted their data"', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 2, () => 'hiking');
		await pairing.editProfile(GUILD, member(1), { intro: 'Walks every morning' });
		await pairing.block(GUILD, member(1), member(9));
		await pairing.runNow(GUILD, ADMIN);
		await pairing.rounds.followUp(GUILD);
		await pairing.answer(GUILD, 1, 0, member(1), 'met');

		const exported = await pairing.exportMember(GUILD, member(1));
		expect(exported).toMatchObject({
			profile: { interests: ['hiking'], intro: 'Walks every morning' },
			blocks: [member(9)],
			rounds: [{ round: 1, with: [member(2)], sharedInterests: ['hiking'], answer: 'met', introducedBy: 'thread' }],
		});

		await pairing.deleteMember(GUILD, member(1));
		expect(await pairing.exportMember(GUILD, member(1))).toEqual({ profile: null, blocks: [], rounds: [], unmatchedInRounds: [] });
		const partner = await pairing.history(GUILD, member(2));
		expect(partner).toHaveLength(1);
		expect(partner[0]!.with).toEqual([DELETED_MEMBER]);
		expect((await pairing.exportMember(GUILD, member(2))).rounds).toEqual([
			expect.objectContaining({ with: ['someone who deleted their data'] }),
		]);
		const group = await pairing.records.group(GUILD, 1, 0);
		expect(JSON.stringify(group)).not.toContain(member(1));
	});

	it('leaving keeps the history unless the member asks to delete it', async () => {
		const world = await pairingWorld();
		const { pairing } = world.services;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		await joinMembers(world, 3);
		await pairing.runNow(GUILD, ADMIN);
		await pairing.leave(GUILD, member(1), false);
		expect((await pairing.members.profile(GUILD, member(1)))?.active).toBe(false);
		expect(await pairing.history(GUILD, member(1))).toHaveLength(1);
		const next = await pairing.runNow(GUILD, ADMIN);
		if (next.kind !== 'started') throw new Error(next.kind);
		expect(next.groups.flatMap((g) => g.members)).not.toContain(member(1));

		await pairing.leave(GUILD, member(2), true);
		expect(await pairing.members.profile(GUILD, member(2))).toBeUndefined();
		expect(await pairing.history(GUILD, member(2))).toEqual([]);
	});
});
