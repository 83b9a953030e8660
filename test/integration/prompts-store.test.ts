import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/core/errors.js';
import { PendingNoticesRecord } from '../../src/features/guild/notices.js';
import { PromptConfigRecord, PromptScheduleMirrorRecord, PromptStateRecord, promptKeys } from '../../src/features/prompts/records.js';
import { defineRecord, keys } from '../../src/store/index.js';
import { ADMIN, CHANNEL, GUILD, OTHER_CHANNEL, OTHER_GUILD, ROLE, member, openPromptWorld, type PromptWorld } from './prompts-fixture.js';

let world: PromptWorld | undefined;

/** The prompt config kind with no checks, to store what a bad migration or a hand edit could leave behind. */
const Loose = defineRecord({ kind: PromptConfigRecord.kind, version: 1, schema: z.any() });
const LooseState = defineRecord({ kind: PromptStateRecord.kind, version: 1, schema: z.any() });

async function noticeKeys(w: PromptWorld): Promise<string[]> {
	return ((await w.store.get(PendingNoticesRecord, keys.guild(GUILD, 'notices')))?.notices ?? []).map((n) => n.key);
}

afterEach(async () => {
	await world?.close();
	world = undefined;
});

describe('prompt settings on sqlite', () => {
	it('survive a restart, every field of them', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		const { prompts } = world.services;
		await prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await prompts.setSchedule(GUILD, ADMIN, { kind: 'weekly', days: [1, 3, 5], time: '18:30' });
		await prompts.setTimezone(GUILD, ADMIN, 'Europe/Paris');
		await prompts.setThemes(GUILD, ADMIN, ['gratitude', 'roots']);
		await prompts.setDepth(GUILD, ADMIN, 'fixed', 'deep');
		await prompts.setMentionRole(GUILD, ADMIN, ROLE);
		await prompts.setThreads(GUILD, ADMIN, true, 4320);
		await prompts.setPin(GUILD, ADMIN, true);
		await prompts.skipNext(GUILD, ADMIN, 2);
		const before = await prompts.getConfig(GUILD);

		await world.restart();
		const after = await world.services.prompts.getConfig(GUILD);
		expect(after).toEqual(before);
		expect(after).toMatchObject({
			channelId: CHANNEL,
			schedule: { kind: 'weekly', days: [1, 3, 5], time: '18:30' },
			timezone: 'Europe/Paris',
			themes: ['gratitude', 'roots'],
			depthMode: 'fixed',
			fixedTier: 'deep',
			mentionRoleId: ROLE,
			threads: true,
			autoArchiveMinutes: 4320,
			pin: true,
			skipNext: 2,
			paused: false,
		});
	});

	it('are read once into the schedule index, which follows later changes', async () => {
		world = await openPromptWorld('2026-11-23T09:30:00Z');
		await world.services.settings.update(OTHER_GUILD, (s) => ({ ...s, timezone: 'Asia/Tokyo' }));
		for (const [guild, channel] of [[GUILD, CHANNEL], [OTHER_GUILD, OTHER_CHANNEL]] as const) {
			await world.services.prompts.setChannel(guild, ADMIN, channel);
			await world.services.prompts.setSchedule(guild, ADMIN, { kind: 'daily', time: '09:00' });
		}
		await world.services.prompts.setTimezone(GUILD, ADMIN, 'Europe/Paris');
		await world.restart();

		const now = world.clock.now();
		const entries = await world.services.prompts.providers[0]!.schedules(now);
		const byGuild = new Map([...entries].map((e) => [e.guildId, e]));
		expect(byGuild.get(GUILD)).toMatchObject({ id: GUILD, timezone: 'Europe/Paris', spec: { kind: 'daily', time: '09:00' }, paused: false });
		// A config without its own zone follows the server's.
		expect(byGuild.get(OTHER_GUILD)).toMatchObject({ timezone: 'Asia/Tokyo' });
		// Configured at 09:30: the 09:00 of that day must not fire.
		expect(byGuild.get(GUILD)!.notBefore).toEqual(new Date('2026-11-23T09:30:00Z'));

		await world.services.prompts.pause(OTHER_GUILD, ADMIN);
		await world.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'cron', expression: '0 9 * * 1' });
		const again = new Map([...(await world.services.prompts.providers[0]!.schedules(now))].map((e) => [e.guildId, e]));
		expect(again.get(OTHER_GUILD)!.paused).toBe(true);
		expect(again.get(GUILD)!.spec).toEqual({ kind: 'cron', expression: '0 9 * * 1' });
	});

	it('a guild without a channel or a schedule has no scheduled entry', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		await world.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await world.services.prompts.setSchedule(OTHER_GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		expect([...(await world.services.prompts.providers[0]!.schedules(world.clock.now()))]).toEqual([]);
	});

	it('a damaged rotation record is reported to the admins once, never blocks other guilds, and a reset mends it', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		for (const [guild, channel] of [[GUILD, CHANNEL], [OTHER_GUILD, OTHER_CHANNEL]] as const) {
			await world.services.prompts.setChannel(guild, ADMIN, channel);
			await world.services.prompts.setSchedule(guild, ADMIN, { kind: 'daily', time: '09:00' });
		}
		// Written behind Hearth's back, as a bad migration or a hand edit would.
		await world.store.set(LooseState, promptKeys.state(GUILD), { cycle: 'first' });
		await world.runUntil('2026-11-24T09:01:00Z', 30);
		expect(world.discord.promptsIn(OTHER_CHANNEL)).toHaveLength(2);
		expect(world.discord.promptsIn(CHANNEL)).toHaveLength(0);
		expect(await noticeKeys(world)).toEqual(['prompts:damaged']);
		expect((await world.store.get(PendingNoticesRecord, keys.guild(GUILD, 'notices')))!.notices[0]!.text).toMatch(/damaged/);

		// /config reset puts the defaults back, whatever was stored, and the admins can start again.
		await world.services.prompts.resetConfig(GUILD, ADMIN);
		expect(await noticeKeys(world)).toEqual([]);
		await world.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await world.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		await world.runUntil('2026-11-25T09:01:00Z', 30);
		expect(world.discord.promptsIn(CHANNEL)).toHaveLength(1);
	});

	it('a damaged config keeps prompts going from the last good copy; admins are told when they touch the settings', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		await world.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await world.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		await world.store.set(Loose, promptKeys.config(GUILD), { schedule: 'sometimes' });
		await world.restart();
		await world.runUntil('2026-11-23T09:01:00Z');
		expect(world.discord.promptsIn(CHANNEL)).toHaveLength(1);
		await expect(world.services.prompts.getConfig(GUILD)).rejects.toThrow(/damaged/);
		await world.services.prompts.resetConfig(GUILD, ADMIN);
		expect((await world.services.prompts.getConfig(GUILD)).channelId).toBeNull();
		expect(world.services.prompts.schedules.entryOf(GUILD)).toBeUndefined();
	});

	it('a guild whose data was deleted after Hearth left drops out of the schedule, with nothing written back', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		await world.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await world.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		await world.runUntil('2026-11-23T08:05:00Z');
		// Hearth was removed from the server: its channels are out of reach, and the server's data is deleted.
		world.discord.deletedChannels.add(CHANNEL);
		await world.store.deleteMany(await world.store.keys(keys.guildPrefix(GUILD)));
		await world.runUntil('2026-11-23T09:01:00Z');
		expect(world.services.prompts.schedules.entryOf(GUILD)).toBeUndefined();
		expect(await world.store.get(PromptScheduleMirrorRecord, promptKeys.mirror(GUILD))).toBeUndefined();
		// Nothing of the prompts feature (and no notice) was written back; the scheduler's own run record aside.
		expect(await world.store.keys(keys.guild(GUILD, 'prompt'))).toEqual([]);
		expect(await world.store.keys(keys.guild(GUILD, 'notices'))).toEqual([]);
		await world.runUntil('2026-11-24T09:01:00Z', 30);
		expect(world.discord.sent).toHaveLength(0);
	});
});

describe('the community’s own questions', () => {
	it('are validated, kept across restarts, edited and removed', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		const { prompts } = world.services;
		const added = await prompts.addCustomQuestion(GUILD, ADMIN, { text: 'Which smell takes you straight back to a summer holiday?', tier: 'light', theme: 'roots' });
		expect(added).toMatchObject({ id: 'custom-1', tier: 'light', theme: 'roots' });
		await expect(prompts.addCustomQuestion(GUILD, ADMIN, { text: 'Hi?' })).rejects.toThrow(UserError);
		await expect(prompts.addCustomQuestion(GUILD, ADMIN, { text: `Ask <@${member(1)}> what they think?` })).rejects.toThrow(/can't mention/);
		await expect(prompts.addCustomQuestion(GUILD, ADMIN, { text: 'Which smell takes you straight back to a summer holiday??' })).rejects.toThrow(/very close/);
		const second = await prompts.addCustomQuestion(GUILD, ADMIN, { text: 'Tell @everyone about a kindness a stranger once showed you.' });
		expect(second.text).not.toContain('@everyone');

		await world.restart();
		const again = world.services.prompts;
		expect((await again.listCustomQuestions(GUILD)).map((q) => q.id)).toEqual(['custom-1', 'custom-2']);
		const edited = await again.editCustomQuestion(GUILD, ADMIN, 'custom-1', { tier: 'medium' });
		expect(edited).toMatchObject({ tier: 'medium', text: added.text });
		await expect(again.editCustomQuestion(GUILD, ADMIN, 'custom-9', { tier: 'deep' })).rejects.toThrow(/no question of yours/);
		await again.removeCustomQuestion(GUILD, ADMIN, 'custom-1');
		const third = await again.addCustomQuestion(GUILD, ADMIN, { text: 'What is a small ritual that makes your mornings better?' });
		// Ids are never reused, so history and queues never point at the wrong question.
		expect(third.id).toBe('custom-3');
		expect((await again.listCustomQuestions(GUILD)).map((q) => q.id)).toEqual(['custom-2', 'custom-3']);
	});

	it('an admin’s question marked “ask next” is the next one posted, and is in the rotation after that', async () => {
		world = await openPromptWorld('2026-11-23T08:00:00Z');
		const { prompts } = world.services;
		await prompts.setChannel(GUILD, ADMIN, CHANNEL);
		await prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
		const q = await prompts.addCustomQuestion(GUILD, ADMIN, { text: 'What would you love this community to try together next year?', tier: 'deep', askNext: true });
		await world.runUntil('2026-11-23T09:01:00Z');
		expect(world.discord.promptsIn(CHANNEL)[0]!.message.embeds![0]!.description).toContain(q.text);
		expect(world.discord.promptsIn(CHANNEL)[0]!.message.embeds![0]!.fields![0]!.value).toBe('From this community');
	});
});
