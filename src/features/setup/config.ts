import { UserError } from '../../core/errors.js';
import type { Services } from '../../services.js';
import { DEFAULT_GUILD_SETTINGS } from '../guild/settings.js';
import { CHANNEL_NEEDS, describeAccessProblem, findAccessProblems, type ChannelUse } from './permissions.js';
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
	return [...serverKeys(services)];
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

/** Keys matching what the admin typed so far, for autocomplete: names starting with it first. */
export function matchKeys(keys: readonly ConfigKey[], typed: string): ConfigKey[] {
	const q = typed.trim().toLowerCase();
	if (!q) return [...keys];
	const starts = keys.filter((k) => k.name.startsWith(q));
	const contains = keys.filter((k) => !k.name.startsWith(q) && (k.name.includes(q) || k.description.toLowerCase().includes(q)));
	return [...starts, ...contains];
}

/** Server settings back to their defaults; whether Hearth left the server is not a setting and is kept. */
export async function resetServerSettings(services: Services, guildId: string): Promise<void> {
	await services.settings.update(guildId, (s) => ({ ...DEFAULT_GUILD_SETTINGS, leftAt: s.leftAt }));
}
