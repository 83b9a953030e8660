import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { MemberDataRights, memberDataRights } from '../../src/features/setup/privacy.js';
import { renderMemberData } from '../../src/features/setup/render.js';
import type { Feature } from '../../src/features/types.js';
import { silentLogger } from '../../src/log.js';
import { createServices } from '../../src/services.js';
import { Store, keys } from '../../src/store/index.js';
import { en } from '../../src/strings/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

const GUILD = '100000000000000001';
const ADA = '100000000000000002';
const BEA = '100000000000000003';

async function setup() {
	const store = await Store.open('memory://');
	const discord = new FakeDiscord();
	const services = createServices({ store, clock: new ManualClock('2026-11-23T08:00:00Z'), logger: silentLogger(), discord, version: 'test' });
	await services.pairing.join(GUILD, ADA, { interests: 'chess, baking', intro: 'Ada here', roles: [] });
	await services.pairing.join(GUILD, BEA, { interests: 'chess, hiking', roles: [] });
	await services.pairing.block(GUILD, ADA, BEA);
	await services.prompts.suggest(GUILD, ADA, 'What small kindness from a stranger do you still remember?', false);
	await services.audit.record(GUILD, ADA, 'timezone', 'Europe/Paris');
	return { store, discord, services };
}

describe('members\' data rights', () => {
	it('exports every feature\'s account and every record under the member\'s prefix, and nobody else\'s', async () => {
		const { store, services } = await setup();
		const data = await memberDataRights(services).collect(GUILD, ADA);
		expect(data).toMatchObject({ format: 'hearth-member-data', guildId: GUILD, userId: ADA, exportedAt: '2026-11-23T08:00:00.000Z' });
		expect(Object.keys(data.features)).toEqual(['prompts', 'pairing', 'challenges']);
		expect(data.features.pairing).toMatchObject({ profile: { interests: ['chess', 'baking'], intro: 'Ada here' }, blocks: [BEA] });
		expect(data.features.prompts).toMatchObject({ suggestions: [{ text: 'What small kindness from a stranger do you still remember?' }] });
		const own = await store.keys(keys.memberPrefix(GUILD, ADA));
		expect(data.records.map((r) => r.key)).toEqual(own);
		expect(own.length).toBeGreaterThan(0);
		expect(data.records.every((r) => r.key.startsWith(keys.memberPrefix(GUILD, ADA)))).toBe(true);
		// Bea's own records are not in Ada's export (Bea appears only as the person Ada blocked).
		expect(JSON.stringify(data)).not.toContain('hiking');
	});

	it('shows the member what is stored in plain words', async () => {
		const { services } = await setup();
		const embed = renderMemberData(en, await memberDataRights(services).collect(GUILD, ADA));
		const text = JSON.stringify(embed);
		expect(embed.title).toBe('What Hearth keeps about you here');
		expect(embed.fields?.map((f) => f.name)).toEqual(['Questions', 'Pairings', 'Stored records', 'Settings you changed']);
		expect(text).toContain('Interests: chess, baking');
		expect(text).toContain('What small kindness from a stranger');
		const empty = renderMemberData(en, await memberDataRights(services).collect(GUILD, '100000000000000009'));
		expect(empty.description).toBe('Hearth keeps nothing about you in this server.');
	});

	it('deletes everything of the member and keeps the other member\'s records', async () => {
		const { store, services } = await setup();
		const before = await store.keys(keys.memberPrefix(GUILD, BEA));
		const report = await memberDataRights(services).deleteAll(GUILD, ADA);
		expect(report).toEqual({ failedFeatures: [], remainingKeys: [] });
		for (const [key, value] of await store.rawEntries('')) {
			expect(key).not.toContain(ADA);
			expect(JSON.stringify(value)).not.toContain(ADA);
		}
		expect(await store.keys(keys.memberPrefix(GUILD, BEA))).toEqual(before);
		expect((await services.pairing.profileView(GUILD, BEA)).profile?.interests).toEqual(['chess', 'hiking']);
	});

	it('still deletes the rest when one feature fails, and says so', async () => {
		const { store, services } = await setup();
		const broken: Feature = {
			name: 'broken',
			providers: [],
			exportMember: async () => ({}),
			deleteMember: async () => {
				throw new Error('disk on fire');
			},
			describeConfig: async () => ({ title: 'broken', lines: [] }),
			weeklySummary: async () => [],
		};
		const rights = new MemberDataRights({ ...services, features: [broken, ...services.features] });
		const report = await rights.deleteAll(GUILD, ADA);
		expect(report.failedFeatures).toEqual(['broken']);
		expect(await store.keys(keys.memberPrefix(GUILD, ADA))).toEqual([]);
	});

	it('forgets a member who left, but not one Discord still knows', async () => {
		const { store, discord, services } = await setup();
		const rights = memberDataRights(services);
		expect(await rights.forgetMember(GUILD, ADA)).toBe(false);
		expect((await store.keys(keys.memberPrefix(GUILD, ADA))).length).toBeGreaterThan(0);
		discord.gone.add(ADA);
		expect(await rights.forgetMember(GUILD, ADA)).toBe(true);
		expect(await store.keys(keys.memberPrefix(GUILD, ADA))).toEqual([]);
		expect((await services.pairing.profileView(GUILD, BEA)).profile).not.toBeNull();
	});

	it('runs one deletion at a time per member: a click and a "member left" share it', async () => {
		const { services } = await setup();
		const rights = memberDataRights(services);
		const [a, b] = [rights.deleteAll(GUILD, ADA), rights.deleteAll(GUILD, ADA)];
		expect(a).toBe(b);
		await a;
	});
});

describe('members\' data rights and admin notices', () => {
	it('takes the member out of admin notices still waiting to be read', async () => {
		const { store, discord, services } = await setup();
		const channel = '100000000000000050';
		await services.pairing.setChannel(GUILD, BEA, channel);
		// No private threads and Ada's DMs closed: the round report for admins names her as not reached.
		discord.missing.set(channel, ['CreatePrivateThreads']);
		discord.dmsClosed.add(ADA);
		await services.pairing.unblock(GUILD, ADA, BEA);
		await services.pairing.runNow(GUILD, BEA);
		const pending = await store.rawEntries(keys.guild(GUILD, 'notices'));
		expect(JSON.stringify(pending)).toContain(ADA);

		const report = await memberDataRights(services).deleteAll(GUILD, ADA);
		expect(report).toEqual({ failedFeatures: [], remainingKeys: [] });
		for (const [key, value] of await store.rawEntries('')) {
			expect(key).not.toContain(ADA);
			expect(JSON.stringify(value)).not.toContain(ADA);
		}
		// The admins still hear about the problem, without the person.
		const told = (await services.notices.takePending(GUILD)).map((n) => n.text).join('\n');
		expect(told).toContain(en.setup.privacy.removedMember);
		expect(told).toContain('Pairing round 1');
	});
});

describe('members\' data rights and the configuration history', () => {
	it('exports and shows the settings changes the member made, which delete removes', async () => {
		const { services } = await setup();
		await services.audit.record(GUILD, BEA, 'pairing.mode', 'random');
		const data = await memberDataRights(services).collect(GUILD, ADA);
		expect(data.configurationChanges).toEqual([{ at: '2026-11-23T08:00:00.000Z', userId: ADA, setting: 'timezone', value: 'Europe/Paris' }]);
		const shown = JSON.stringify(renderMemberData(en, data));
		expect(shown).toContain(en.setup.privacy.configurationChangesTitle);
		expect(shown).toContain('Europe/Paris');
		expect(shown).not.toContain('pairing.mode');

		await memberDataRights(services).deleteAll(GUILD, ADA);
		expect((await memberDataRights(services).collect(GUILD, ADA)).configurationChanges).toEqual([]);
		expect((await services.audit.recent(GUILD)).map((e) => e.userId)).toContain(BEA);
	});
});
