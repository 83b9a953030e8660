import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { UserError } from '../../src/core/errors.js';
import { configKeys, matchKeys, parseScheduleText, resetConfiguration, setConfigValue, type ConfigContext } from '../../src/features/setup/config.js';
import { silentLogger } from '../../src/log.js';
import { createServices } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

const GUILD = '100000000000000001';
const ADMIN = '100000000000000002';
const HELPER = '100000000000000003';
const LOG = '100000000000000010';
const ROLE = '100000000000000020';

async function setup() {
	const store = await Store.open('memory://');
	const discord = new FakeDiscord();
	const clock = new ManualClock('2026-11-23T08:00:00Z');
	const services = createServices({ store, clock, logger: silentLogger(), discord, version: 'test' });
	const admin: ConfigContext = { services, guildId: GUILD, actor: { userId: ADMIN, canManageServer: true } };
	const helper: ConfigContext = { services, guildId: GUILD, actor: { userId: HELPER, canManageServer: false } };
	return { services, discord, clock, admin, helper };
}

async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work;
	} catch (error) {
		if (error instanceof UserError) return error.message;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('/config set validation', () => {
	it.each([
		['timezone', 'Mars/Olympus', 'That is not a valid value for **timezone**: “Mars/Olympus” is not a time zone Hearth knows. Start typing a city or region (like Europe/Paris or America/New_York), or type UTC.'],
		['timezone', '+05:00', 'That is not a valid value for **timezone**: “+05:00” is not a time zone Hearth knows. Start typing a city or region (like Europe/Paris or America/New_York), or type UTC.'],
		['admin-log-channel', 'general', 'That is not a valid value for **admin-log-channel**: pick a channel from the list, or paste its mention (like #general). Type none to clear it.'],
		['admin-log-channel', '<#12>', 'That is not a valid value for **admin-log-channel**: pick a channel from the list, or paste its mention (like #general). Type none to clear it.'],
		['admin-role', '@mods', 'That is not a valid value for **admin-role**: pick a role from the list, or paste its mention. Type none to clear it.'],
		['admin-role', GUILD, 'That is not a valid value for **admin-role**: the @everyone role cannot be the Hearth admin role: every member would become an admin.'],
		['weekly-summary', 'maybe', 'That is not a valid value for **weekly-summary**: type on or off.'],
		['prompts.channel', 'none', 'That is not a valid value for **prompts.channel**: pick a channel from the list, or paste its mention (like #general).'],
		['prompts.schedule', 'mon,wed,fri 25:00', 'That is not a valid value for **prompts.schedule**: Time must look like 09:00 (24-hour clock)'],
		['prompts.schedule', 'someday 09:00', 'That is not a valid value for **prompts.schedule**: Days must be names like mon,wed,fri'],
		['prompts.threads', 'sometimes', 'That is not a valid value for **prompts.threads**: type on or off.'],
		['pairing.every-weeks', '3', 'That is not a valid value for **pairing.every-weeks**: type 1, 2 or 4 (weeks between rounds).'],
		['pairing.day', 'funday', 'That is not a valid value for **pairing.day**: type a day of the week, like monday.'],
		['pairing.time', 'noonish', 'That is not a valid value for **pairing.time**: type a time like 09:00 or 6:30 pm.'],
		['pairing.group-size', '9', 'That is not a valid value for **pairing.group-size**: type a whole number from 2 to 6.'],
		['pairing.group-size', 'two', 'That is not a valid value for **pairing.group-size**: type a whole number from 2 to 6.'],
		['pairing.mode', 'chaos', 'That is not a valid value for **pairing.mode**: type interests, random or mixed.'],
		['pairing.repeat-window', '-1', 'That is not a valid value for **pairing.repeat-window**: type a whole number from 0 to 52.'],
	])('%s = %j is refused with its own message', async (key, value, message) => {
		const { admin, services } = await setup();
		expect(await refusal(setConfigValue(admin, key, value))).toBe(message);
		expect(await services.audit.recent(GUILD)).toEqual([]);
	});

	it('refuses an unknown key and says where to find them', async () => {
		const { admin } = await setup();
		expect(await refusal(setConfigValue(admin, 'colour', 'blue'))).toBe('There is no setting called “colour”. Start typing in the key option to see them all.');
	});

	it('refuses a log channel Hearth cannot post in, naming what is missing', async () => {
		const { admin, discord, services } = await setup();
		discord.missing.set(LOG, ['EmbedLinks']);
		expect(await refusal(setConfigValue(admin, 'admin-log-channel', `<#${LOG}>`))).toBe(`Hearth cannot use that channel yet. Hearth needs Embed Links in <#${LOG}>.`);
		expect((await services.settings.get(GUILD)).adminLogChannelId).toBeNull();
	});

	it('lets only Manage Server members change the Hearth admin role', async () => {
		const { helper, services } = await setup();
		expect(await refusal(setConfigValue(helper, 'admin-role', `<@&${ROLE}>`))).toBe('Only members with the Manage Server permission can change the Hearth admin role.');
		expect((await services.settings.get(GUILD)).adminRoleId).toBeNull();
	});

	it('saves good values in their stored form, records who changed what, and notices when nothing changes', async () => {
		const { admin, services, clock } = await setup();
		expect(await setConfigValue(admin, 'timezone', 'europe/paris')).toMatchObject({ display: 'Europe/Paris', changed: true });
		clock.advanceMinutes(1);
		expect(await setConfigValue(admin, 'admin-log-channel', `<#${LOG}>`)).toMatchObject({ display: `<#${LOG}>`, changed: true });
		expect(await setConfigValue(admin, 'admin-role', ROLE)).toMatchObject({ display: `<@&${ROLE}>`, changed: true });
		expect(await setConfigValue(admin, 'weekly-summary', 'OFF')).toMatchObject({ display: 'off', changed: true });
		expect(await setConfigValue(admin, 'timezone', 'Europe/Paris')).toMatchObject({ changed: false });
		expect(await services.settings.get(GUILD)).toMatchObject({ timezone: 'Europe/Paris', adminLogChannelId: LOG, adminRoleId: ROLE, weeklySummary: false });
		const audit = await services.audit.recent(GUILD);
		expect(audit.map((e) => [e.userId, e.setting, e.value])).toEqual([
			[ADMIN, 'weekly-summary', 'off'],
			[ADMIN, 'admin-role', `<@&${ROLE}>`],
			[ADMIN, 'admin-log-channel', `<#${LOG}>`],
			[ADMIN, 'timezone', 'Europe/Paris'],
		]);
		expect(audit.at(-1)!.at).toBe('2026-11-23T08:00:00.000Z');
		await setConfigValue(admin, 'admin-log-channel', 'none');
		expect((await services.settings.get(GUILD)).adminLogChannelId).toBeNull();
	});

	it('changes a feature through its own service, which records the change once', async () => {
		const { admin, services } = await setup();
		await setConfigValue(admin, 'prompts.channel', LOG);
		await setConfigValue(admin, 'prompts.schedule', 'mon,wed,fri at 6:30 pm');
		await setConfigValue(admin, 'pairing.day', 'Thursday');
		await setConfigValue(admin, 'pairing.group-size', '3');
		const prompts = await services.prompts.getConfig(GUILD);
		expect(prompts.channelId).toBe(LOG);
		expect(prompts.schedule).toEqual({ kind: 'weekly', days: [1, 3, 5], time: '18:30' });
		expect(await services.pairing.config(GUILD)).toMatchObject({ day: 4, groupSize: 3 });
		const settings = (await services.audit.recent(GUILD)).map((e) => e.setting);
		expect(settings).toEqual(['pairing.groupSize', 'pairing.schedule', 'prompts.schedule', 'prompts.channel']);
	});

	it('reads schedules the way admins type them', () => {
		expect(parseScheduleText('daily 09:00')).toEqual({ kind: 'daily', time: '09:00' });
		expect(parseScheduleText('9am')).toEqual({ kind: 'daily', time: '09:00' });
		expect(parseScheduleText('weekdays at 12:00')).toEqual({ kind: 'weekly', days: [1, 2, 3, 4, 5], time: '12:00' });
		expect(parseScheduleText('cron 0 9 * * 1')).toEqual({ kind: 'cron', expression: '0 9 * * 1' });
	});

	it('offers the keys matching what the admin typed, names first', async () => {
		const { services } = await setup();
		const names = matchKeys(configKeys(services), 'pairing.t').map((k) => k.name);
		expect(names).toEqual(['pairing.time']);
		expect(matchKeys(configKeys(services), 'channel').map((k) => k.name)).toEqual(['admin-log-channel', 'prompts.channel', 'pairing.channel', 'weekly-summary']);
		expect(configKeys(services).every((k) => k.description !== k.name)).toBe(true);
	});
});

describe('/config reset', () => {
	it('puts settings back to defaults and keeps members\' data', async () => {
		const { admin, services } = await setup();
		await setConfigValue(admin, 'timezone', 'Asia/Tokyo');
		await setConfigValue(admin, 'admin-log-channel', LOG);
		await setConfigValue(admin, 'prompts.channel', LOG);
		await setConfigValue(admin, 'prompts.schedule', 'daily 09:00');
		await setConfigValue(admin, 'pairing.channel', LOG);
		const member = '100000000000000040';
		await services.pairing.join(GUILD, member, { interests: 'chess, baking', roles: [] });
		const failed = await resetConfiguration(services, GUILD, ADMIN);
		expect(failed).toEqual([]);
		expect(await services.settings.get(GUILD)).toMatchObject({ timezone: 'UTC', adminLogChannelId: null, adminRoleId: null });
		expect(await services.prompts.getConfig(GUILD)).toMatchObject({ channelId: null, schedule: null });
		expect((await services.pairing.config(GUILD)).channelId).toBeNull();
		expect(services.prompts.schedules.entryOf(GUILD)).toBeUndefined();
		expect((await services.pairing.profileView(GUILD, member)).profile?.interests).toEqual(['chess', 'baking']);
		expect((await services.audit.recent(GUILD, 1))[0]).toMatchObject({ userId: ADMIN, setting: 'all settings', value: 'defaults' });
	});
});
