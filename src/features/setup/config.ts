import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { describeSchedule, parseScheduleInput, type ScheduleSpec } from '../../scheduler/schedule.js';
import type { Services } from '../../services.js';
import { DEFAULT_GUILD_SETTINGS } from '../guild/settings.js';
import { defaultPairingConfig } from '../pairing/config.js';
import { CHANNEL_NEEDS, describeAccessProblem, findAccessProblems, type ChannelUse } from './permissions.js';
import { featureTitle } from './summary.js';
import { parseValue, valueSchemas } from './values.js';

/** Who is changing a setting: some settings (the admin role) need Manage Server, not just the Hearth admin role. */
export interface ConfigActor {
	userId: string;
	canManageServer: boolean;
}

export interface ConfigContext {
	services: Services;
	guildId: string;
	actor: ConfigActor;
}

/** What kind of value a key takes: decides the value autocomplete. */
export type ValueKind = 'timezone' | 'channel' | 'role' | 'on-off' | 'choice' | 'text';

export interface ConfigKey {
	/** As typed in /config set, e.g. `admin-log-channel`, `prompts.channel`. */
	name: string;
	/** 'server' or a feature's name, for grouping. */
	scope: string;
	description: string;
	kind: ValueKind;
	/** For 'choice' keys: the accepted words. */
	choices?: readonly string[];
	/** The current value as an admin reads it. */
	current(ctx: ConfigContext): Promise<string>;
	/**
	 * Validates `raw` and saves it; returns how the new value reads. Throws UserError on a bad value. Keys that call
	 * a feature's own setter let the feature record the change in the audit log when it does so (`audited: true`).
	 */
	set(ctx: ConfigContext, raw: string): Promise<{ display: string; changed: boolean; audited?: boolean }>;
}

export const channelMention = (id: string | null, none: string): string => (id ? `<#${id}>` : none);
export const roleMention = (id: string | null, none: string): string => (id ? `<@&${id}>` : none);

/** Checks that a channel belongs to this server and that Hearth has what `use` needs there; UserError otherwise. */
export async function requireUsableChannel(ctx: ConfigContext, channelId: string, use: ChannelUse): Promise<void> {
	const { discord, strings } = ctx.services;
	const channel = await discord.fetchChannel(channelId);
	if (!channel || (channel.guildId !== null && channel.guildId !== ctx.guildId)) {
		throw new UserError(strings.setup.config.cannotUseChannel(strings.setup.config.problems.channelElsewhere));
	}
	const problems = await findAccessProblems(discord, ctx.guildId, { channels: [{ channelId, name: channel.name, needs: CHANNEL_NEEDS[use] }] });
	if (problems.length > 0) {
		throw new UserError(strings.setup.config.cannotUseChannel(problems.map((p) => describeAccessProblem(strings, p)).join(' ')));
	}
}

/** The server-wide keys (guild settings); features add their own in featureKeys. */
export function serverKeys(services: Services): ConfigKey[] {
	const { strings } = services;
	const words = strings.setup.config;
	const values = valueSchemas(strings);
	const none = strings.setup.none;
	return [
		{
			name: 'timezone',
			scope: 'server',
			description: words.keys.timezone!,
			kind: 'timezone',
			current: async (ctx) => (await ctx.services.settings.get(ctx.guildId)).timezone,
			async set(ctx, raw) {
				const timezone = parseValue(strings, 'timezone', values.timezone, raw);
				const before = await ctx.services.settings.get(ctx.guildId);
				if (before.timezone === timezone) return { display: timezone, changed: false };
				await ctx.services.settings.update(ctx.guildId, (s) => ({ ...s, timezone }));
				return { display: timezone, changed: true };
			},
		},
		{
			name: 'admin-log-channel',
			scope: 'server',
			description: words.keys['admin-log-channel']!,
			kind: 'channel',
			current: async (ctx) => channelMention((await ctx.services.settings.get(ctx.guildId)).adminLogChannelId, none),
			async set(ctx, raw) {
				const channelId = parseValue(strings, 'admin-log-channel', values.optionalChannel, raw);
				if (channelId) await requireUsableChannel(ctx, channelId, 'log');
				const before = await ctx.services.settings.get(ctx.guildId);
				const display = channelMention(channelId, none);
				if (before.adminLogChannelId === channelId) return { display, changed: false };
				await ctx.services.settings.update(ctx.guildId, (s) => ({ ...s, adminLogChannelId: channelId }));
				return { display, changed: true };
			},
		},
		{
			name: 'admin-role',
			scope: 'server',
			description: words.keys['admin-role']!,
			kind: 'role',
			current: async (ctx) => roleMention((await ctx.services.settings.get(ctx.guildId)).adminRoleId, none),
			async set(ctx, raw) {
				// A Hearth admin could otherwise hand admin rights to anyone, or take them from the real admins' helpers.
				if (!ctx.actor.canManageServer) throw new UserError(words.adminRoleNeedsManageServer);
				const roleId = parseValue(strings, 'admin-role', values.optionalRole, raw);
				if (roleId === ctx.guildId) throw new UserError(words.invalid('admin-role', words.problems.everyoneRole));
				const before = await ctx.services.settings.get(ctx.guildId);
				const display = roleMention(roleId, none);
				if (before.adminRoleId === roleId) return { display, changed: false };
				await ctx.services.settings.update(ctx.guildId, (s) => ({ ...s, adminRoleId: roleId }));
				return { display, changed: true };
			},
		},
		{
			name: 'weekly-summary',
			scope: 'server',
			description: words.keys['weekly-summary']!,
			kind: 'on-off',
			current: async (ctx) => ((await ctx.services.settings.get(ctx.guildId)).weeklySummary ? words.on : words.off),
			async set(ctx, raw) {
				const on = parseValue(strings, 'weekly-summary', values.onOff, raw);
				const before = await ctx.services.settings.get(ctx.guildId);
				const display = on ? words.on : words.off;
				if (before.weeklySummary === on) return { display, changed: false };
				await ctx.services.settings.update(ctx.guildId, (s) => ({ ...s, weeklySummary: on }));
				return { display, changed: true };
			},
		},
	];
}

/** Every key /config set knows, server keys first. */
export function configKeys(services: Services): ConfigKey[] {
	return [...serverKeys(services), ...featureKeys(services)];
}

/** Applies one /config set: validates, saves, and records who changed what in the audit log. */
export async function setConfigValue(ctx: ConfigContext, keyName: string, raw: string): Promise<{ key: ConfigKey; display: string; changed: boolean }> {
	const { strings, audit } = ctx.services;
	const name = keyName.trim().toLowerCase();
	const key = configKeys(ctx.services).find((k) => k.name === name);
	if (!key) throw new UserError(strings.setup.config.unknownKey(keyName.trim()));
	const result = await key.set(ctx, raw);
	if (result.changed && !result.audited) await audit.record(ctx.guildId, ctx.actor.userId, key.name, result.display);
	return { key, display: result.display, changed: result.changed };
}

/** Keys matching what the admin typed so far, for autocomplete: names starting with it, then containing it, then descriptions. */
export function matchKeys(keys: readonly ConfigKey[], typed: string): ConfigKey[] {
	const q = typed.trim().toLowerCase();
	if (!q) return [...keys];
	const starts = keys.filter((k) => k.name.startsWith(q));
	const named = keys.filter((k) => !k.name.startsWith(q) && k.name.includes(q));
	const described = keys.filter((k) => !k.name.includes(q) && k.description.toLowerCase().includes(q));
	return [...starts, ...named, ...described];
}

/** Server settings back to their defaults; whether Hearth left the server is not a setting and is kept. */
export async function resetServerSettings(services: Services, guildId: string): Promise<void> {
	await services.settings.update(guildId, (s) => ({ ...DEFAULT_GUILD_SETTINGS, leftAt: s.leftAt }));
}

/**
 * /config reset: every setting back to its default, through each feature's own reset so their schedules follow.
 * Members' data is never touched. Returns the names (as admins read them) of the parts that could not be reset.
 */
export async function resetConfiguration(services: Services, guildId: string, userId: string): Promise<string[]> {
	const { strings, logger, audit } = services;
	const failed: string[] = [];
	const parts: Array<[string, () => Promise<void>]> = [
		['server', () => resetServerSettings(services, guildId)],
		...featureResets(services, guildId, userId),
	];
	for (const [name, reset] of parts) {
		try {
			await reset();
		} catch (error) {
			logger.error({ err: error, guildId, part: name }, 'could not reset settings');
			failed.push(featureTitle(strings, name));
		}
	}
	await audit.record(guildId, userId, 'all settings', failed.length === 0 ? strings.setup.config.resetAudit : strings.setup.config.resetAuditPartial);
	return failed;
}

// ---------------------------------------------------------------------------------------------------------------
// Features' keys and resets, through their own services (their setters record the change in the audit log).

const DAY_WORDS: Record<string, number> = {
	sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3,
	thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};

/** Reads "daily 09:00", "mon,wed,fri 18:30", "weekdays 12:00" or "cron 0 9 * * 1" into a schedule. */
export function parseScheduleText(raw: string): ScheduleSpec {
	const text = raw.trim();
	const cron = /^cron\s+(.+)$/i.exec(text);
	if (cron) return parseScheduleInput({ kind: 'cron', cron: cron[1]! });
	const match = /^(.*?)\s*(?:at\s+)?(\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?)$/i.exec(text);
	const days = (match?.[1] ?? '').replace(/\s+at$/i, '').trim();
	const time = match?.[2] ?? '';
	if (!match || days === '' || /^(daily|every\s*day|everyday)$/i.test(days)) return parseScheduleInput({ kind: 'daily', time });
	return parseScheduleInput({ kind: 'weekdays', days, time });
}

function featureKeys(services: Services): ConfigKey[] {
	const { strings, prompts, pairing } = services;
	const words = strings.setup.config;
	const values = valueSchemas(strings);
	const none = strings.setup.none;
	const onOff = (on: boolean) => (on ? words.on : words.off);
	const key = (name: string, scope: string, kind: ValueKind, rest: Pick<ConfigKey, 'current' | 'set'> & { choices?: readonly string[] }): ConfigKey => ({
		name,
		scope,
		kind,
		description: words.keys[name] ?? name,
		...rest,
	});
	const audited = (display: string, changed = true) => ({ display, changed, audited: true });
	const scheduleText = z.string().max(100, words.problems.tooLong).transform((raw, ctx) => {
		try {
			return parseScheduleText(raw);
		} catch (error) {
			ctx.addIssue({ code: 'custom', message: error instanceof UserError ? error.message : words.problems.schedule });
			return z.NEVER;
		}
	});
	const dayText = z
		.string()
		.trim()
		.toLowerCase()
		.transform((raw, ctx) => {
			const day = DAY_WORDS[raw];
			if (day === undefined) {
				ctx.addIssue({ code: 'custom', message: words.problems.day });
				return z.NEVER;
			}
			return day;
		});
	const whole = (min: number, max: number) => z.coerce.number({ error: words.problems.number(min, max) }).int(words.problems.number(min, max)).min(min, words.problems.number(min, max)).max(max, words.problems.number(min, max));
	const followServer = new Set(['server', 'default', 'none']);

	return [
		key('prompts.channel', 'prompts', 'channel', {
			current: async (ctx) => channelMention((await prompts.getConfig(ctx.guildId)).channelId, none),
			async set(ctx, raw) {
				const channelId = parseValue(strings, 'prompts.channel', values.channel, raw);
				await requireUsableChannel(ctx, channelId, 'prompts');
				if ((await prompts.getConfig(ctx.guildId)).channelId === channelId) return audited(channelMention(channelId, none), false);
				await prompts.setChannel(ctx.guildId, ctx.actor.userId, channelId);
				return audited(channelMention(channelId, none));
			},
		}),
		key('prompts.schedule', 'prompts', 'choice', {
			choices: ['daily 09:00', 'weekdays 12:00', 'mon,wed,fri 18:00', 'mon 09:00', 'cron 0 9 * * 1'],
			current: async (ctx) => {
				const schedule = (await prompts.getConfig(ctx.guildId)).schedule;
				return schedule ? describeSchedule(schedule) : none;
			},
			async set(ctx, raw) {
				const spec = parseValue(strings, 'prompts.schedule', scheduleText, raw);
				const display = describeSchedule(spec);
				if (JSON.stringify((await prompts.getConfig(ctx.guildId)).schedule) === JSON.stringify(spec)) return audited(display, false);
				await prompts.setSchedule(ctx.guildId, ctx.actor.userId, spec);
				return audited(display);
			},
		}),
		key('prompts.timezone', 'prompts', 'timezone', {
			current: async (ctx) => (await prompts.getConfig(ctx.guildId)).timezone ?? words.followsServer,
			async set(ctx, raw) {
				const timezone = followServer.has(raw.trim().toLowerCase()) ? null : parseValue(strings, 'prompts.timezone', values.timezone, raw);
				const display = timezone ?? words.followsServer;
				if ((await prompts.getConfig(ctx.guildId)).timezone === timezone) return audited(display, false);
				await prompts.setTimezone(ctx.guildId, ctx.actor.userId, timezone);
				return audited(display);
			},
		}),
		key('prompts.mention-role', 'prompts', 'role', {
			current: async (ctx) => roleMention((await prompts.getConfig(ctx.guildId)).mentionRoleId, none),
			async set(ctx, raw) {
				const roleId = parseValue(strings, 'prompts.mention-role', values.optionalRole, raw);
				if ((await prompts.getConfig(ctx.guildId)).mentionRoleId === roleId) return audited(roleMention(roleId, none), false);
				await prompts.setMentionRole(ctx.guildId, ctx.actor.userId, roleId);
				return audited(roleMention(roleId, none));
			},
		}),
		key('prompts.threads', 'prompts', 'on-off', {
			current: async (ctx) => onOff((await prompts.getConfig(ctx.guildId)).threads),
			async set(ctx, raw) {
				const on = parseValue(strings, 'prompts.threads', values.onOff, raw);
				if ((await prompts.getConfig(ctx.guildId)).threads === on) return audited(onOff(on), false);
				await prompts.setThreads(ctx.guildId, ctx.actor.userId, on);
				return audited(onOff(on));
			},
		}),
		key('prompts.pin', 'prompts', 'on-off', {
			current: async (ctx) => onOff((await prompts.getConfig(ctx.guildId)).pin),
			async set(ctx, raw) {
				const on = parseValue(strings, 'prompts.pin', values.onOff, raw);
				if ((await prompts.getConfig(ctx.guildId)).pin === on) return audited(onOff(on), false);
				await prompts.setPin(ctx.guildId, ctx.actor.userId, on);
				return audited(onOff(on));
			},
		}),
		key('prompts.paused', 'prompts', 'on-off', {
			current: async (ctx) => onOff((await prompts.getConfig(ctx.guildId)).paused),
			async set(ctx, raw) {
				const paused = parseValue(strings, 'prompts.paused', values.onOff, raw);
				const changed = paused ? await prompts.pause(ctx.guildId, ctx.actor.userId) : await prompts.resume(ctx.guildId, ctx.actor.userId);
				return audited(onOff(paused), changed);
			},
		}),
		key('pairing.channel', 'pairing', 'channel', {
			current: async (ctx) => channelMention((await pairing.config(ctx.guildId)).channelId, none),
			async set(ctx, raw) {
				const channelId = parseValue(strings, 'pairing.channel', values.channel, raw);
				await requireUsableChannel(ctx, channelId, 'pairing');
				if ((await pairing.config(ctx.guildId)).channelId === channelId) return audited(channelMention(channelId, none), false);
				await pairing.setChannel(ctx.guildId, ctx.actor.userId, channelId);
				return audited(channelMention(channelId, none));
			},
		}),
		key('pairing.every-weeks', 'pairing', 'choice', {
			choices: ['1', '2', '4'],
			current: async (ctx) => String((await pairing.config(ctx.guildId)).everyWeeks),
			async set(ctx, raw) {
				const everyWeeks = parseValue(strings, 'pairing.every-weeks', z.enum(['1', '2', '4'], { error: words.problems.everyWeeks }).transform(Number), raw.trim());
				if ((await pairing.config(ctx.guildId)).everyWeeks === everyWeeks) return audited(String(everyWeeks), false);
				await pairing.setSchedule(ctx.guildId, ctx.actor.userId, { everyWeeks });
				return audited(String(everyWeeks));
			},
		}),
		key('pairing.day', 'pairing', 'choice', {
			choices: strings.setup.flow.dayNames,
			current: async (ctx) => strings.setup.flow.dayNames[(await pairing.config(ctx.guildId)).day] ?? '',
			async set(ctx, raw) {
				const day = parseValue(strings, 'pairing.day', dayText, raw);
				const display = strings.setup.flow.dayNames[day]!;
				if ((await pairing.config(ctx.guildId)).day === day) return audited(display, false);
				await pairing.setSchedule(ctx.guildId, ctx.actor.userId, { day });
				return audited(display);
			},
		}),
		key('pairing.time', 'pairing', 'choice', {
			choices: ['09:00', '10:00', '12:00', '18:00', '20:00'],
			current: async (ctx) => (await pairing.config(ctx.guildId)).time,
			async set(ctx, raw) {
				const time = parseValue(strings, 'pairing.time', values.time, raw);
				if ((await pairing.config(ctx.guildId)).time === time) return audited(time, false);
				await pairing.setSchedule(ctx.guildId, ctx.actor.userId, { time });
				return audited(time);
			},
		}),
		key('pairing.group-size', 'pairing', 'choice', {
			choices: ['2', '3', '4'],
			current: async (ctx) => String((await pairing.config(ctx.guildId)).groupSize),
			async set(ctx, raw) {
				const size = parseValue(strings, 'pairing.group-size', whole(2, 6), raw);
				if ((await pairing.config(ctx.guildId)).groupSize === size) return audited(String(size), false);
				await pairing.setGroupSize(ctx.guildId, ctx.actor.userId, size);
				return audited(String(size));
			},
		}),
		key('pairing.mode', 'pairing', 'choice', {
			choices: ['interests', 'random', 'mixed'],
			current: async (ctx) => (await pairing.config(ctx.guildId)).mode,
			async set(ctx, raw) {
				const mode = parseValue(strings, 'pairing.mode', z.enum(['interests', 'random', 'mixed'], { error: words.problems.mode }), raw.trim().toLowerCase());
				if ((await pairing.config(ctx.guildId)).mode === mode) return audited(mode, false);
				await pairing.setMode(ctx.guildId, ctx.actor.userId, mode);
				return audited(mode);
			},
		}),
		key('pairing.repeat-window', 'pairing', 'choice', {
			choices: ['0', '4', '12', '26'],
			current: async (ctx) => String((await pairing.config(ctx.guildId)).repeatWindow),
			async set(ctx, raw) {
				const rounds = parseValue(strings, 'pairing.repeat-window', whole(0, 52), raw);
				if ((await pairing.config(ctx.guildId)).repeatWindow === rounds) return audited(String(rounds), false);
				await pairing.setRepeatWindow(ctx.guildId, ctx.actor.userId, rounds);
				return audited(String(rounds));
			},
		}),
		key('pairing.required-role', 'pairing', 'role', {
			current: async (ctx) => roleMention((await pairing.config(ctx.guildId)).requiredRoleId, none),
			async set(ctx, raw) {
				const roleId = parseValue(strings, 'pairing.required-role', values.optionalRole, raw);
				if ((await pairing.config(ctx.guildId)).requiredRoleId === roleId) return audited(roleMention(roleId, none), false);
				await pairing.setRequiredRole(ctx.guildId, ctx.actor.userId, roleId);
				return audited(roleMention(roleId, none));
			},
		}),
		key('pairing.paused', 'pairing', 'on-off', {
			current: async (ctx) => onOff((await pairing.config(ctx.guildId)).paused),
			async set(ctx, raw) {
				const paused = parseValue(strings, 'pairing.paused', values.onOff, raw);
				if ((await pairing.config(ctx.guildId)).paused === paused) return audited(onOff(paused), false);
				await pairing.setPaused(ctx.guildId, ctx.actor.userId, paused);
				return audited(onOff(paused));
			},
		}),
	];
}

/** A feature may offer `resetConfig(guildId, userId)` (prompts does); /config reset prefers it over the fallbacks below. */
interface ResettableFeature {
	resetConfig(guildId: string, userId: string): Promise<void>;
}

function canReset(feature: unknown): feature is ResettableFeature {
	return typeof (feature as Partial<ResettableFeature>).resetConfig === 'function';
}

function featureResets(services: Services, guildId: string, userId: string): Array<[string, () => Promise<void>]> {
	const { prompts, pairing, challenges, clock } = services;
	return [
		['prompts', () => prompts.resetConfig(guildId, userId)],
		[
			'pairing',
			async () => {
				if (canReset(pairing)) return pairing.resetConfig(guildId, userId);
				// No reset in the pairing service yet: pause through its setter (which updates its schedule index), then put
				// every other setting back to its default while keeping the pause, so no round runs until an admin resumes.
				const current = await pairing.settings.stored(guildId);
				if (!current) return;
				if (current.channelId && !current.paused) await pairing.setPaused(guildId, userId, true);
				const timezone = (await services.settings.get(guildId)).timezone;
				const defaults = defaultPairingConfig(clock.now(), timezone, pairing.defaultInterests());
				await pairing.settings.update(guildId, () => ({ ...defaults, paused: true }));
				await services.audit.record(guildId, userId, 'pairing.all', services.strings.setup.config.resetAuditPaused);
			},
		],
		[
			'challenges',
			async () => {
				// Challenges are things admins made and members are doing, not settings: they go on (end them with
				// /challenge-admin). Only a feature-provided reset touches them.
				if (canReset(challenges)) await challenges.resetConfig(guildId, userId);
			},
		],
	];
}
