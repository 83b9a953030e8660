import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetMember, type MemberDataExport } from '../../src/features/setup/privacy.js';
import { DELETED_MEMBER } from '../../src/features/pairing/records.js';
import { keys } from '../../src/store/index.js';
import { startHarness, type Harness } from './harness.js';
import type { MessageView } from '../../src/emulator/index.js';

/**
 * Placeholders other members' records may keep where a deleted member was (documented by each feature):
 * pairing rounds name them `deleted` ("met someone who deleted their data").
 */
const DOCUMENTED_PLACEHOLDERS = [DELETED_MEMBER];

/** The custom_id of the component with `part` among its `:`-separated parts, in a message. */
function idOf(message: MessageView, part: string): string {
	for (const row of message.components as Array<{ components: Array<{ custom_id?: string }> }>) {
		for (const component of row.components) if (component.custom_id?.split(':').slice(2).includes(part)) return component.custom_id;
	}
	throw new Error(`No component ${part} in ${JSON.stringify(message.components)}`);
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

describe('members\' data rights, end to end', () => {
	let h: Harness;
	let ada: string;
	let bea: string;
	let pairs: string;
	beforeEach(async () => {
		h = await startHarness();
		[ada, bea] = h.memberIds as [string, string];
		pairs = h.emu.createChannel(h.guildId, { name: 'pairs' }).id;
		const challengeChannel = h.emu.createChannel(h.guildId, { name: 'challenge' }).id;
		await until(() => h.bot.client.channels.cache.has(challengeChannel), 'the bot to see the channels');
		const { services } = h.bot;
		await services.pairing.setChannel(h.guildId, h.adminId, pairs);
		const template = services.challenges.templates()[0]!;
		await services.challenges.create(h.guildId, h.adminId, { templateId: template.id, channelId: challengeChannel, start: 'today' });

		// Ada and Bea take part: pairing profiles, a block, a round together, a challenge with check-ins, a suggestion.
		for (const [member, interests] of [[ada, 'chess, baking'], [bea, 'chess, hiking']] as const) {
			await (await h.command({ name: 'pair', subcommand: 'join', userId: member, options: { interests } })).reply();
			await (await h.command({ name: 'challenge', subcommand: 'join', userId: member })).reply();
			await (await h.command({ name: 'challenge', subcommand: 'checkin', userId: member })).reply();
		}
		await (await h.command({ name: 'pair', subcommand: 'block', userId: ada, options: { user: h.memberIds[2]! } })).reply();
		await (await h.command({ name: 'prompt', subcommand: 'suggest', userId: ada, options: { text: 'What is a small thing a friend once did that you still think about?' } })).reply();
		await services.pairing.runNow(h.guildId, h.adminId);
	});
	afterEach(async () => {
		h.emu.assertNoUnknownRoutes();
		await h.stop();
	});

	it('/privacy show lists what is kept, privately', async () => {
		const reply = await (await h.command({ name: 'privacy', subcommand: 'show', userId: ada })).reply();
		expect(reply.ephemeral).toBe(true);
		const text = JSON.stringify(reply.embeds);
		expect(reply.embeds[0]?.title).toBe('What Hearth keeps about you here');
		expect(text).toContain('chess, baking');
		expect(text).toContain('What is a small thing a friend once did');
		expect(text).not.toContain('hiking');
	});

	it('/privacy export returns exactly the member\'s data as a private JSON file', async () => {
		const reply = await (await h.command({ name: 'privacy', subcommand: 'export', userId: ada })).reply();
		expect(reply.ephemeral).toBe(true);
		expect(reply.attachments).toHaveLength(1);
		const file = reply.attachments[0]!;
		expect(file.name).toBe(`hearth-data-${h.guildId}-${ada}.json`);
		const data = JSON.parse(file.data.toString('utf8')) as MemberDataExport;
		expect(data).toMatchObject({ format: 'hearth-member-data', guildId: h.guildId, userId: ada });

		// Every feature's own account, exactly as the feature gives it.
		const { services } = h.bot;
		for (const feature of services.features) {
			expect(data.features[feature.name]).toEqual(JSON.parse(JSON.stringify(await feature.exportMember(h.guildId, ada))));
		}
		expect(data.features.pairing).toMatchObject({ profile: { interests: ['chess', 'baking'] } });
		expect(data.features.challenges).toMatchObject({ participations: [{ checkIns: [{ day: 1, via: 'command' }] }] });

		// Every record under Ada's prefix, exactly as stored, and no record of anyone else.
		const stored = await h.store.rawEntries(keys.memberPrefix(h.guildId, ada));
		expect(data.records.map((r) => r.key)).toEqual(stored.map(([key]) => key));
		for (const [key, raw] of stored) {
			const envelope = raw as { k: string; v: number; d: unknown };
			expect(data.records.find((r) => r.key === key)).toEqual({ key, kind: envelope.k, version: envelope.v, data: envelope.d });
		}
		expect(data.records.length).toBeGreaterThan(0);
		expect(data.records.every((r) => r.key.startsWith(keys.memberPrefix(h.guildId, ada)))).toBe(true);
		// Bea's own profile (her interests) is not part of Ada's export.
		expect(file.data.toString('utf8')).not.toContain('hiking');
	});

	it('/privacy delete asks first, then leaves nothing of the member in the store and keeps the others\' records', async () => {
		const { services } = h.bot;
		const beaBefore = await h.store.rawEntries(keys.memberPrefix(h.guildId, bea));
		const beaHistoryBefore = await services.pairing.history(h.guildId, bea);
		expect((await services.challenges.progress(h.guildId, bea)).progress.daysDone).toBe(1);
		expect(beaHistoryBefore.some((entry) => entry.with.includes(ada))).toBe(true);

		const ask = await (await h.command({ name: 'privacy', subcommand: 'delete', userId: ada })).reply();
		expect(ask.ephemeral).toBe(true);
		expect(ask.content).toContain('This cannot be undone.');
		// Keeping changes nothing.
		const kept = await (await h.emu.clickButton({ channelId: ask.channelId, messageId: ask.id, userId: ada, customId: idOf(ask, 'keep') })).reply();
		expect(kept.content).toBe('Nothing was deleted.');
		expect((await h.store.keys(keys.memberPrefix(h.guildId, ada))).length).toBeGreaterThan(0);

		const ask2 = await (await h.command({ name: 'privacy', subcommand: 'delete', userId: ada })).reply();
		const done = await (await h.emu.clickButton({ channelId: ask2.channelId, messageId: ask2.id, userId: ada, customId: idOf(ask2, 'delete') })).reply();
		expect(done.content).toBe('Done. Hearth no longer keeps anything about you in this server. If you join in again later, you start fresh.');

		// Every key of the whole store, and every stored value: Ada's id appears nowhere.
		const everything = await h.store.rawEntries('');
		expect(everything.length).toBeGreaterThan(10);
		for (const [key, value] of everything) {
			expect(key).not.toContain(ada);
			expect(JSON.stringify(value)).not.toContain(ada);
		}
		expect(await h.store.keys('')).toEqual(everything.map(([key]) => key));

		// Bea keeps everything of hers; where Ada was, her history says "someone who deleted their data".
		expect(await h.store.rawEntries(keys.memberPrefix(h.guildId, bea))).toEqual(beaBefore);
		const beaHistory = await services.pairing.history(h.guildId, bea);
		expect(beaHistory).toHaveLength(beaHistoryBefore.length);
		expect(beaHistory.flatMap((entry) => entry.with)).toEqual(expect.arrayContaining(DOCUMENTED_PLACEHOLDERS));
		expect((await services.pairing.profileView(h.guildId, bea)).profile?.interests).toEqual(['chess', 'hiking']);
		expect((await services.challenges.progress(h.guildId, bea)).progress.daysDone).toBe(1);
		const exported = await (await h.command({ name: 'privacy', subcommand: 'export', userId: bea })).reply();
		expect(exported.attachments).toHaveLength(1);

		// Ada's /privacy show is empty now.
		const shown = await (await h.command({ name: 'privacy', subcommand: 'show', userId: ada })).reply();
		expect(shown.embeds[0]?.description).toBe('Hearth keeps nothing about you in this server.');
	});

	it('removes the data of a member Discord says has left, and only theirs', async () => {
		const beaKeys = await h.store.keys(keys.memberPrefix(h.guildId, bea));
		// Ada is still here: a stray signal deletes nothing.
		expect(await forgetMember(h.bot.services, h.guildId, ada)).toBe(false);
		h.emu.removeMember(h.guildId, ada);
		expect(await forgetMember(h.bot.services, h.guildId, ada)).toBe(true);
		for (const key of await h.store.keys('')) expect(key).not.toContain(ada);
		expect(await h.store.keys(keys.memberPrefix(h.guildId, bea))).toEqual(beaKeys);
	});

	it('keeps a server\'s data for 30 days after Hearth is removed, restores it if re-added, and deletes it after', async () => {
		const { services } = h.bot;
		const before = await h.store.keys(keys.guildPrefix(h.guildId));
		h.emu.removeBotFromGuild(h.guildId);
		await until(async () => (await services.settings.get(h.guildId)).leftAt !== null, 'GUILD_DELETE to be handled');
		expect((await services.settings.get(h.guildId)).leftAt).toBe(h.clock.now().toISOString());

		await h.advance(10 * 1440, { tickEvery: 1440 });
		h.emu.addBotToGuild(h.guildId);
		await until(async () => (await services.settings.get(h.guildId)).leftAt === null, 'GUILD_CREATE to be handled');
		await h.advance(40 * 1440, { tickEvery: 1440 });
		expect((await services.pairing.profileView(h.guildId, ada)).profile?.interests).toEqual(['chess', 'baking']);
		expect((await h.store.keys(keys.guildPrefix(h.guildId))).length).toBeGreaterThanOrEqual(before.length);

		h.emu.removeBotFromGuild(h.guildId);
		await until(async () => (await services.settings.get(h.guildId)).leftAt !== null, 'GUILD_DELETE to be handled');
		await h.advance(29 * 1440, { tickEvery: 1440 });
		expect((await h.store.keys(keys.guildPrefix(h.guildId))).length).toBeGreaterThan(0);
		await h.advance(2 * 1440, { tickEvery: 1440 });
		expect(await h.store.keys(keys.guildPrefix(h.guildId))).toEqual([]);
	});
});
