import { randomBytes } from 'node:crypto';
import { ChannelType, InteractionType } from 'discord-api-types/v10';
import type { APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';
import type { Core } from './core.js';
import { InteractionHandle, type InteractionState, type InteractionStore, type ShownModal } from './interactions.js';
import type { InteractionKind } from './journal.js';
import { basePermissions, channelPermissions, dmPermissions, has, P, permissionNames } from './permissions.js';
import { openDm } from './routes/application.js';
import type { ChannelRecord, CommandRecord, GuildRecord, MessageRecord, UserRecord } from './world.js';

/** What a member does in Discord's client, turned into the INTERACTION_CREATE Discord would send. */

export type OptionValue = string | number | boolean;

export interface SlashCommandInvocation {
	/** Defaults to the channel's guild; leave out both guildId and channelId for the member's DM with the bot. */
	guildId?: string;
	channelId?: string;
	userId: string;
	name: string;
	subcommandGroup?: string;
	subcommand?: string;
	/** Option values by name (typed from the registered command), or raw options passed through as they are. */
	options?: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];
	locale?: string;
	/** Run a command the bot never registered (Discord could not do this; for odd tests only). */
	allowUnregistered?: boolean;
}

export interface AutocompleteInvocation extends SlashCommandInvocation {
	/** The option being typed into. */
	focused: string;
	/** What the member has typed so far. */
	value: string;
}

export interface ComponentInvocation {
	guildId?: string;
	channelId: string;
	messageId: string;
	userId: string;
	customId: string;
	locale?: string;
}

export interface SelectInvocation extends ComponentInvocation {
	values: string[];
	/** 3 string, 5 user, 6 role, 7 mentionable, 8 channel; defaults to the select's own type. */
	componentType?: 3 | 5 | 6 | 7 | 8;
}

export interface ModalInvocation {
	guildId?: string;
	channelId?: string;
	userId: string;
	/** The modal's custom id (the latest such modal shown to this member is submitted). */
	customId: string;
	/** Text input values by custom id (string selects inside labels take string[]). */
	fields: Record<string, string | string[]>;
	locale?: string;
}

interface Context {
	guild: GuildRecord | null;
	channel: ChannelRecord;
	user: UserRecord;
	locale: string;
}

interface OptionDef {
	type: number;
	name: string;
	required?: boolean;
	choices?: { name: string; value: string | number }[];
	options?: OptionDef[];
	autocomplete?: boolean;
	channel_types?: number[];
	min_value?: number;
	max_value?: number;
	min_length?: number;
	max_length?: number;
}

type Resolved = {
	users?: Record<string, unknown>;
	members?: Record<string, unknown>;
	roles?: Record<string, unknown>;
	channels?: Record<string, unknown>;
};

export class Invoker {
	constructor(
		private readonly core: Core,
		private readonly store: InteractionStore,
	) {}

	// ── context ─────────────────────────────────────────────────────────────────────

	#context(opts: { guildId?: string; channelId?: string; userId: string; locale?: string }): Context {
		const { world } = this.core;
		const user = world.user(opts.userId);
		if (!user) throw new Error(`Unknown user ${opts.userId}: create them with emu.createMember() first.`);
		let channel: ChannelRecord | undefined;
		if (opts.channelId) {
			channel = world.channel(opts.channelId);
			if (!channel) throw new Error(`Unknown or deleted channel ${opts.channelId}.`);
		} else if (!opts.guildId) {
			channel = openDm(this.core, user.id, 'user');
		} else {
			throw new Error('channelId is required for an interaction in a guild.');
		}
		const locale = opts.locale ?? user.locale;
		if (channel.type === ChannelType.DM) {
			if (opts.guildId) throw new Error(`Channel ${channel.id} is a DM, but guildId ${opts.guildId} was given.`);
			if (channel.recipientId !== user.id) throw new Error(`DM channel ${channel.id} belongs to user ${channel.recipientId}, not ${user.id}.`);
			return { guild: null, channel, user, locale };
		}
		const guild = channel.guildId ? world.guild(channel.guildId) : undefined;
		if (!guild) throw new Error(`Channel ${channel.id} has no guild.`);
		if (opts.guildId && opts.guildId !== guild.id) throw new Error(`Channel ${channel.id} is in guild ${guild.id}, not ${opts.guildId}.`);
		if (!guild.botPresent) throw new Error(`The bot is not in guild ${guild.id}: no interaction can reach it.`);
		if (!guild.members.has(user.id)) throw new Error(`User ${user.id} is not a member of guild ${guild.id}.`);
		const perms = channelPermissions(world, channel, user.id);
		if (!has(perms, P.ViewChannel)) throw new Error(`User ${user.id} cannot see channel ${channel.id} (no View Channel).`);
		if (channel.type === ChannelType.PrivateThread && !channel.thread?.members.has(user.id) && !has(perms, P.ManageThreads)) {
			throw new Error(`User ${user.id} is not in private thread ${channel.id}.`);
		}
		return { guild, channel, user, locale };
	}

	#basePayload(ctx: Context, type: InteractionType, data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
		const { world } = this.core;
		const id = world.ids.next();
		// Real tokens are base64 of "interaction:<id>:<secret>".
		const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
		const channelApi = world.apiChannel(ctx.channel) as unknown as Record<string, unknown>;
		const payload: Record<string, unknown> = {
			id,
			application_id: world.applicationId,
			type,
			data,
			token,
			version: 1,
			locale: ctx.locale,
			entitlements: [],
			attachment_size_limit: 10 * 1024 * 1024,
			channel_id: ctx.channel.id,
		};
		if (ctx.guild) {
			const member = ctx.guild.members.get(ctx.user.id)!;
			const memberPerms = channelPermissions(world, ctx.channel, ctx.user.id);
			Object.assign(payload, {
				guild_id: ctx.guild.id,
				guild: { id: ctx.guild.id, locale: ctx.guild.locale, features: [] },
				guild_locale: ctx.guild.locale,
				channel: { ...channelApi, permissions: memberPerms.toString() },
				member: { ...world.apiMember(ctx.guild, member), permissions: memberPerms.toString() },
				app_permissions: this.core.botPermissions(ctx.channel).toString(),
				authorizing_integration_owners: { '0': ctx.guild.id },
				context: 0,
			});
		} else {
			Object.assign(payload, {
				channel: { ...channelApi, permissions: dmPermissions().toString() },
				user: world.apiUser(ctx.user.id),
				app_permissions: dmPermissions().toString(),
				authorizing_integration_owners: { '0': '0' },
				context: 1,
			});
		}
		return Object.assign(payload, extra);
	}

	#launch(
		ctx: Context,
		payload: Record<string, unknown>,
		info: { kind: InteractionKind; name: string; commandType: number | null; commandName: string | null; sourceMessageId: string | null },
	): InteractionHandle {
		const { core } = this;
		if (core.gateway.liveSessions.length === 0) {
			throw new Error('No bot is connected to the emulator gateway: log a discord.js Client in first (client.login(emu.token)).');
		}
		const state: InteractionState = {
			id: String(payload['id']),
			token: String(payload['token']),
			type: Number(payload['type']),
			kind: info.kind,
			name: info.name,
			guildId: ctx.guild?.id ?? null,
			channelId: ctx.channel.id,
			userId: ctx.user.id,
			commandType: info.commandType,
			commandName: info.commandName,
			payload,
			createdAt: Date.now(),
			ack: null,
			expired: false,
			originalMessageId: null,
			sourceMessageId: info.sourceMessageId,
			followUpIds: [],
			responses: [],
			choices: null,
			modal: null,
			timer: null,
			listeners: new Set(),
		};
		this.store.add(state);
		// Discord gives a bot interactionTimeoutMs (3 s) to acknowledge; after that the token is dead.
		state.timer = setTimeout(() => {
			if (state.ack) return;
			state.expired = true;
			core.journal.record({ type: 'interaction_timeout', interactionId: state.id, name: state.name });
			this.store.notify(state);
		}, core.options.interactionTimeoutMs);
		state.timer.unref();
		core.journal.record({
			type: 'interaction_create',
			interactionId: state.id,
			kind: info.kind,
			name: info.name,
			userId: ctx.user.id,
			guildId: ctx.guild?.id ?? null,
			channelId: ctx.channel.id,
		});
		core.gateway.dispatch('INTERACTION_CREATE', payload);
		return new InteractionHandle(core, state);
	}

	// ── application commands ──────────────────────────────────────────────────────────

	#findCommand(ctx: Context, name: string, type: number, allowUnregistered: boolean): CommandRecord | null {
		const { world } = this.core;
		const scopes = ctx.guild ? [ctx.guild.id, 'global'] : ['global'];
		for (const scope of scopes) {
			const found = (world.commands.get(scope) ?? []).find((c) => c.body['name'] === name && ((c.body['type'] as number | undefined) ?? 1) === type);
			if (found) return found;
		}
		if (allowUnregistered) return null;
		const known = scopes.flatMap((s) => (world.commands.get(s) ?? []).map((c) => `${s === 'global' ? '' : 'guild:'}${String(c.body['name'])}`));
		throw new Error(
			`No command "${name}" is registered ${ctx.guild ? `for guild ${ctx.guild.id} or globally` : 'globally'}; ` +
				`Discord would not show it. Registered: ${known.join(', ') || '(none)'}. Deploy commands first (PUT .../commands).`,
		);
	}

	/** Discord's client hides commands a member may not use; refuse them here as a member could not run them. */
	#checkCommandAccess(ctx: Context, cmd: CommandRecord): void {
		const contexts = cmd.body['contexts'] as number[] | null | undefined;
		const inDm = ctx.guild === null;
		if (contexts && contexts.length > 0 && !contexts.includes(inDm ? 1 : 0)) {
			throw new Error(`Command "${String(cmd.body['name'])}" is not available ${inDm ? 'in DMs' : 'in guilds'} (contexts ${JSON.stringify(contexts)}).`);
		}
		if (inDm && !contexts && cmd.body['dm_permission'] === false) {
			throw new Error(`Command "${String(cmd.body['name'])}" has dm_permission false: it cannot be used in DMs.`);
		}
		if (ctx.guild) {
			const perms = channelPermissions(this.core.world, ctx.channel, ctx.user.id);
			if (!has(perms, P.UseApplicationCommands)) throw new Error(`User ${ctx.user.id} lacks Use Application Commands in channel ${ctx.channel.id}.`);
			const required = cmd.body['default_member_permissions'];
			const grants = ctx.guild.commandGrants.get(String(cmd.body['name']));
			const member = ctx.guild.members.get(ctx.user.id);
			const granted = grants !== undefined && (grants.has(ctx.user.id) || (member?.roles ?? []).some((r) => grants.has(r)));
			if (typeof required === 'string' && !granted) {
				const need = BigInt(required);
				const basePerms = basePermissions(ctx.guild, ctx.user.id);
				if ((basePerms & need) !== need) {
					throw new Error(
						`User ${ctx.user.id} cannot see command "${String(cmd.body['name'])}": it needs ${permissionNames(need).join(', ') || 'a permission nobody has'} ` +
							`(default_member_permissions ${required}).`,
					);
				}
			}
		}
	}

	#resolveValue(ctx: Context, def: OptionDef, value: OptionValue, resolved: Resolved, where: string): OptionValue {
		const { world } = this.core;
		const fail = (why: string): never => {
			throw new Error(`Option "${def.name}" of ${where}: ${why}`);
		};
		const addUser = (id: string): void => {
			if (!world.user(id)) fail(`unknown user ${id}`);
			(resolved.users ??= {})[id] = world.apiUser(id);
			const member = ctx.guild?.members.get(id);
			if (ctx.guild && member) {
				(resolved.members ??= {})[id] = {
					...world.apiMember(ctx.guild, member, false),
					permissions: channelPermissions(world, ctx.channel, id).toString(),
				};
			}
		};
		const addRole = (id: string): boolean => {
			const role = ctx.guild?.roles.get(id);
			if (!role) return false;
			(resolved.roles ??= {})[id] = world.apiRole(role);
			return true;
		};
		switch (def.type) {
			case 3: {
				if (typeof value !== 'string') fail(`expected a string, got ${JSON.stringify(value)}`);
				const s = value as string;
				if (def.min_length !== undefined && s.length < def.min_length) fail(`shorter than ${def.min_length}`);
				if (def.max_length !== undefined && s.length > def.max_length) fail(`longer than ${def.max_length}`);
				break;
			}
			case 4:
			case 10: {
				if (typeof value !== 'number' || (def.type === 4 && !Number.isInteger(value))) fail(`expected ${def.type === 4 ? 'an integer' : 'a number'}, got ${JSON.stringify(value)}`);
				const n = value as number;
				if (def.min_value !== undefined && n < def.min_value) fail(`below ${def.min_value}`);
				if (def.max_value !== undefined && n > def.max_value) fail(`above ${def.max_value}`);
				break;
			}
			case 5:
				if (typeof value !== 'boolean') fail(`expected a boolean, got ${JSON.stringify(value)}`);
				break;
			case 6:
				addUser(String(value));
				break;
			case 7: {
				const channel = world.channel(String(value));
				if (!channel || channel.guildId !== ctx.guild?.id) fail(`unknown channel ${String(value)} in this guild`);
				if (def.channel_types && !def.channel_types.includes(channel!.type)) fail(`channel type ${channel!.type} not in ${JSON.stringify(def.channel_types)}`);
				(resolved.channels ??= {})[channel!.id] = this.#resolvedChannel(ctx, channel!);
				break;
			}
			case 8:
				if (!addRole(String(value))) fail(`unknown role ${String(value)}`);
				break;
			case 9:
				if (!addRole(String(value))) addUser(String(value));
				break;
			case 11:
				fail('attachment options are not supported by the Record form; pass raw options instead');
				break;
			default:
				fail(`option type ${def.type} cannot take a value`);
		}
		if (def.choices && def.choices.length > 0 && !def.choices.some((c) => c.value === value)) {
			fail(`${JSON.stringify(value)} is not one of the choices ${def.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
		}
		return value;
	}

	#resolvedChannel(ctx: Context, channel: ChannelRecord): Record<string, unknown> {
		const { world } = this.core;
		const base: Record<string, unknown> = {
			id: channel.id,
			name: channel.name,
			type: channel.type,
			permissions: channelPermissions(world, channel, ctx.user.id).toString(),
		};
		if (channel.thread) {
			const api = world.apiChannel(channel) as unknown as Record<string, unknown>;
			base['parent_id'] = channel.parentId;
			base['thread_metadata'] = api['thread_metadata'];
		}
		return base;
	}

	/** Builds data.options (with subcommand wrappers) and data.resolved from the registered definition. */
	#buildOptions(
		ctx: Context,
		cmd: CommandRecord | null,
		inv: SlashCommandInvocation,
		focus?: { name: string; value: string },
	): { options: unknown[]; resolved: Resolved; path: string } {
		let defs = ((cmd?.body['options'] as OptionDef[] | undefined) ?? []) as OptionDef[];
		const wrappers: { type: 1 | 2; name: string }[] = [];
		let path = inv.name;
		const pick = (type: 1 | 2, name: string): void => {
			const def = defs.find((d) => d.type === type && d.name === name);
			if (!def && cmd) {
				const kind = type === 2 ? 'subcommand group' : 'subcommand';
				throw new Error(`/${path} has no ${kind} "${name}"; it has: ${defs.filter((d) => d.type === type).map((d) => d.name).join(', ') || '(none)'}.`);
			}
			wrappers.push({ type, name });
			path += ` ${name}`;
			defs = def?.options ?? [];
		};
		if (inv.subcommandGroup) pick(2, inv.subcommandGroup);
		if (inv.subcommand) pick(1, inv.subcommand);
		if (cmd && defs.some((d) => d.type === 1 || d.type === 2)) {
			throw new Error(`/${path} needs a ${inv.subcommand ? 'subcommand' : 'subcommand or group'}: ${defs.map((d) => d.name).join(', ')}.`);
		}
		const resolved: Resolved = {};
		let leaf: unknown[];
		if (Array.isArray(inv.options)) {
			leaf = inv.options as unknown[];
			this.#scanResolved(ctx, leaf, resolved);
		} else {
			const given = inv.options ?? {};
			leaf = [];
			for (const name of Object.keys(given)) {
				if (cmd && !defs.some((d) => d.name === name)) {
					throw new Error(`/${path} has no option "${name}"; it has: ${defs.map((d) => d.name).join(', ') || '(none)'}.`);
				}
			}
			const ordered = cmd ? defs.filter((d) => d.name in given) : Object.keys(given).map((name) => ({ name, type: inferType(given[name]!) }) as OptionDef);
			for (const def of ordered) {
				const raw = given[def.name]!;
				if (focus && def.name === focus.name) continue;
				const value = this.#resolveValue(ctx, def, raw, resolved, `/${path}`);
				leaf.push({ name: def.name, type: def.type, value });
			}
			if (focus) {
				const def = defs.find((d) => d.name === focus.name);
				if (cmd && !def) throw new Error(`/${path} has no option "${focus.name}" to autocomplete.`);
				if (def && !def.autocomplete) throw new Error(`Option "${focus.name}" of /${path} does not have autocomplete turned on.`);
				leaf.push({ name: focus.name, type: def?.type ?? 3, value: focus.value, focused: true });
			} else if (cmd) {
				const missing = defs.filter((d) => d.required && !(d.name in given)).map((d) => d.name);
				if (missing.length) throw new Error(`/${path} is missing required option(s) ${missing.join(', ')}: Discord would not send it.`);
			}
		}
		let options = leaf;
		for (const w of [...wrappers].reverse()) options = [{ type: w.type, name: w.name, options }];
		return { options, resolved, path };
	}

	#scanResolved(ctx: Context, options: unknown[], resolved: Resolved): void {
		for (const o of options as { type: number; value?: unknown; options?: unknown[] }[]) {
			if (o.options) this.#scanResolved(ctx, o.options, resolved);
			if ([6, 7, 8, 9].includes(o.type) && typeof o.value === 'string') {
				this.#resolveValue(ctx, { type: o.type, name: String((o as { name?: string }).name) }, o.value, resolved, 'raw options');
			}
		}
	}

	runSlashCommand(inv: SlashCommandInvocation): InteractionHandle {
		const ctx = this.#context(inv);
		const cmd = this.#findCommand(ctx, inv.name, 1, Boolean(inv.allowUnregistered));
		if (cmd) this.#checkCommandAccess(ctx, cmd);
		const { options, resolved, path } = this.#buildOptions(ctx, cmd, inv);
		const data: Record<string, unknown> = { id: cmd?.id ?? this.core.world.ids.next(), name: inv.name, type: 1 };
		if (options.length) data['options'] = options;
		if (Object.keys(resolved).length) data['resolved'] = resolved;
		if (cmd?.guildId) data['guild_id'] = cmd.guildId;
		const payload = this.#basePayload(ctx, InteractionType.ApplicationCommand, data);
		return this.#launch(ctx, payload, { kind: 'command', name: path, commandType: 1, commandName: inv.name, sourceMessageId: null });
	}

	runAutocomplete(inv: AutocompleteInvocation): InteractionHandle {
		const ctx = this.#context(inv);
		const cmd = this.#findCommand(ctx, inv.name, 1, Boolean(inv.allowUnregistered));
		if (cmd) this.#checkCommandAccess(ctx, cmd);
		const { options, path } = this.#buildOptions(ctx, cmd, inv, { name: inv.focused, value: inv.value });
		const data: Record<string, unknown> = { id: cmd?.id ?? this.core.world.ids.next(), name: inv.name, type: 1, options };
		if (cmd?.guildId) data['guild_id'] = cmd.guildId;
		const payload = this.#basePayload(ctx, InteractionType.ApplicationCommandAutocomplete, data);
		return this.#launch(ctx, payload, { kind: 'autocomplete', name: `${path} (${inv.focused})`, commandType: 1, commandName: inv.name, sourceMessageId: null });
	}

	// ── message components ─────────────────────────────────────────────────────────────

	#componentMessage(ctx: Context, inv: ComponentInvocation): MessageRecord {
		const m = this.core.world.message(ctx.channel.id, inv.messageId);
		if (!m) throw new Error(`Message ${inv.messageId} does not exist (or was deleted) in channel ${ctx.channel.id}.`);
		if (m.visibleTo && m.visibleTo !== ctx.user.id) throw new Error(`Message ${m.id} is ephemeral for user ${m.visibleTo}; user ${ctx.user.id} cannot see it.`);
		if (m.authorId !== this.core.botUserId) throw new Error(`Message ${m.id} was not sent by the bot, so its components cannot reach it.`);
		return m;
	}

	runComponent(inv: ComponentInvocation | SelectInvocation, expect: 'button' | 'select'): InteractionHandle {
		const ctx = this.#context(inv);
		const m = this.#componentMessage(ctx, inv);
		const found = findComponents(m.components).find((c) => c['custom_id'] === inv.customId);
		if (!found) {
			const ids = findComponents(m.components).map((c) => c['custom_id']).filter(Boolean);
			throw new Error(`Message ${m.id} has no component with custom_id "${inv.customId}"; it has: ${ids.map((i) => JSON.stringify(i)).join(', ') || '(none)'}.`);
		}
		const type = found['type'] as number;
		if (found['disabled'] === true) throw new Error(`Component "${inv.customId}" is disabled: a member cannot use it.`);
		const data: Record<string, unknown> = { custom_id: inv.customId, component_type: type };
		if (typeof found['id'] === 'number') data['id'] = found['id'];
		if (expect === 'button') {
			if (type !== 2) throw new Error(`Component "${inv.customId}" is of type ${type}, not a button.`);
		} else {
			const sel = inv as SelectInvocation;
			if (![3, 5, 6, 7, 8].includes(type)) throw new Error(`Component "${inv.customId}" is of type ${type}, not a select menu.`);
			if (sel.componentType !== undefined && sel.componentType !== type) throw new Error(`Component "${inv.customId}" is a type ${type} select, not ${sel.componentType}.`);
			const min = (found['min_values'] as number | undefined) ?? 1;
			const max = (found['max_values'] as number | undefined) ?? 1;
			if (sel.values.length < min || sel.values.length > max) throw new Error(`Select "${inv.customId}" takes ${min}–${max} value(s), got ${sel.values.length}.`);
			if (type === 3) {
				const allowed = ((found['options'] as { value: string }[] | undefined) ?? []).map((o) => o.value);
				const bad = sel.values.filter((v) => !allowed.includes(v));
				if (bad.length) throw new Error(`Select "${inv.customId}" has no option(s) ${bad.join(', ')}; options: ${allowed.join(', ')}.`);
			} else {
				const resolved: Resolved = {};
				const optType = { 5: 6, 6: 8, 7: 9, 8: 7 }[type as 5 | 6 | 7 | 8];
				for (const v of sel.values) this.#resolveValue(ctx, { type: optType, name: inv.customId }, v, resolved, `select "${inv.customId}"`);
				data['resolved'] = resolved;
			}
			data['values'] = sel.values;
		}
		const payload = this.#basePayload(ctx, InteractionType.MessageComponent, data, { message: this.core.world.apiMessage(m) });
		return this.#launch(ctx, payload, { kind: expect, name: inv.customId, commandType: null, commandName: null, sourceMessageId: m.id });
	}

	// ── modals ─────────────────────────────────────────────────────────────────────────

	submitModal(inv: ModalInvocation): InteractionHandle {
		const modal = [...this.store.shownModals].reverse().find((m) => m.userId === inv.userId && m.customId === inv.customId && (!inv.channelId || m.channelId === inv.channelId));
		if (!modal) {
			const shown = this.store.shownModals.filter((m) => m.userId === inv.userId).map((m) => JSON.stringify(m.customId));
			throw new Error(`No modal "${inv.customId}" was shown to user ${inv.userId}; shown to them: ${shown.join(', ') || '(none)'}.`);
		}
		const ctx = this.#context({ userId: inv.userId, channelId: modal.channelId, ...(inv.guildId ? { guildId: inv.guildId } : {}), ...(inv.locale ? { locale: inv.locale } : {}) });
		const components = buildModalSubmission(modal, inv.fields);
		this.store.shownModals.splice(this.store.shownModals.indexOf(modal), 1);
		const extra: Record<string, unknown> = {};
		const source = modal.sourceMessageId ? this.core.world.messages.get(modal.sourceMessageId) : undefined;
		if (source && !source.deleted) extra['message'] = this.core.world.apiMessage(source);
		const payload = this.#basePayload(ctx, InteractionType.ModalSubmit, { custom_id: modal.customId, components }, extra);
		return this.#launch(ctx, payload, { kind: 'modal', name: modal.customId, commandType: null, commandName: null, sourceMessageId: source && !source.deleted ? source.id : null });
	}
}

function inferType(v: OptionValue): number {
	if (typeof v === 'boolean') return 5;
	if (typeof v === 'number') return Number.isInteger(v) ? 4 : 10;
	return 3;
}

/** Every component in a message, however nested (rows, sections, containers, accessories). */
export function findComponents(components: unknown[]): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	const visit = (c: unknown): void => {
		if (!c || typeof c !== 'object') return;
		const comp = c as Record<string, unknown>;
		out.push(comp);
		if (Array.isArray(comp['components'])) for (const child of comp['components']) visit(child);
		if (comp['accessory']) visit(comp['accessory']);
		if (comp['component']) visit(comp['component']);
	};
	for (const c of components) visit(c);
	return out;
}

/** Mirrors the modal the bot sent: action rows or labels around text inputs, values filled in from `fields`. */
function buildModalSubmission(modal: ShownModal, fields: Record<string, string | string[]>): unknown[] {
	let nextId = 1;
	const used = new Set<string>();
	const input = (c: Record<string, unknown>): Record<string, unknown> => {
		const customId = String(c['custom_id']);
		const type = c['type'] as number;
		const given = fields[customId];
		used.add(customId);
		const id = typeof c['id'] === 'number' ? c['id'] : nextId++;
		if (type === 4) {
			const required = c['required'] !== false;
			const value = given === undefined ? '' : Array.isArray(given) ? given.join(', ') : given;
			if (required && value === '') throw new Error(`Modal "${modal.customId}": field "${customId}" is required.`);
			const min = c['min_length'] as number | undefined;
			const max = (c['max_length'] as number | undefined) ?? 4000;
			if (value !== '' && min !== undefined && value.length < min) throw new Error(`Modal "${modal.customId}": field "${customId}" needs at least ${min} characters.`);
			if (value.length > max) throw new Error(`Modal "${modal.customId}": field "${customId}" allows at most ${max} characters.`);
			return { type: 4, id, custom_id: customId, value };
		}
		const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
		if (c['required'] !== false && values.length === 0 && type === 3) throw new Error(`Modal "${modal.customId}": select "${customId}" is required.`);
		return { type, id, custom_id: customId, values };
	};
	const out = (modal.components as Record<string, unknown>[]).map((row) => {
		const type = row['type'] as number;
		const id = typeof row['id'] === 'number' ? row['id'] : nextId++;
		if (type === 1) return { type: 1, id, components: (row['components'] as Record<string, unknown>[]).map(input) };
		if (type === 18) return { type: 18, id, component: input(row['component'] as Record<string, unknown>) };
		return { type, id };
	});
	const unknown = Object.keys(fields).filter((k) => !used.has(k));
	if (unknown.length) throw new Error(`Modal "${modal.customId}" has no field(s) ${unknown.join(', ')}; fields: ${[...used].join(', ')}.`);
	return out;
}
