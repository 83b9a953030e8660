import { ChannelType, GatewayIntentBits } from 'discord-api-types/v10';
import type { Core } from '../core.js';
import { ApiErrors, formError } from '../errors.js';
import type { ApiRequest, ApiResponse, Router } from '../http.js';
import { basePermissions, has, P } from '../permissions.js';
import { createChannelSchema, parseBody } from '../validation.js';
import { compareRoles, newChannelRecord } from '../world.js';

const ok = (body?: unknown, status = 200): ApiResponse => ({ status, body });
const noContent = (): ApiResponse => ({ status: 204 });

export function registerGuildRoutes(router: Router, core: Core): void {
	const { world } = core;
	const add = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', template: string, handler: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>): void =>
		router.add({ method, template, auth: 'bot', handler });

	add('GET', '/guilds/:guild_id', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		return ok(world.apiGuild(guild, req.query.get('with_counts') === 'true'));
	});

	add('GET', '/guilds/:guild_id/channels', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		return ok(world.guildChannels(guild.id).map((c) => world.apiChannel(c)));
	});

	add('POST', '/guilds/:guild_id/channels', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const body = parseBody(createChannelSchema, req.body ?? {});
		if (!has(basePermissions(guild, core.botUserId), P.ManageChannels)) throw ApiErrors.missingPermissions();
		if (body.parent_id && world.channel(body.parent_id)?.type !== ChannelType.GuildCategory) {
			throw formError(['parent_id'], 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
		}
		const overwrites = (body.permission_overwrites ?? []).map((o) => ({
			id: o.id,
			type: o.type,
			allow: BigInt(o.allow ?? '0'),
			deny: BigInt(o.deny ?? '0'),
		}));
		const channel = newChannelRecord({
			id: world.ids.next(),
			type: (body.type ?? ChannelType.GuildText) as ChannelType,
			guildId: guild.id,
			name: body.name,
			parentId: body.parent_id ?? null,
			position: body.position ?? world.guildChannels(guild.id).length,
			topic: body.topic ?? null,
			nsfw: body.nsfw ?? false,
			overwrites,
		});
		world.channels.set(channel.id, channel);
		core.journal.record({ type: 'channel_create', channelId: channel.id, guildId: guild.id, name: channel.name, channelType: channel.type });
		core.dispatchChannel('CHANNEL_CREATE', channel);
		return { status: 201, body: world.apiChannel(channel) };
	});

	add('GET', '/guilds/:guild_id/threads/active', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const threads = world.guildThreads(guild.id).filter((t) => !t.thread!.archived && world.botCanSeeThread(t));
		return ok({
			threads: threads.map((t) => world.apiChannel(t)),
			members: threads.filter((t) => t.thread!.members.has(core.botUserId)).map((t) => world.apiThreadMember(t, core.botUserId)),
		});
	});

	// ── roles ─────────────────────────────────────────────────────────────────────

	add('GET', '/guilds/:guild_id/roles', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		return ok([...guild.roles.values()].sort(compareRoles).map((r) => world.apiRole(r)));
	});

	add('GET', '/guilds/:guild_id/roles/:role_id', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const role = guild.roles.get(req.params['role_id']!);
		if (!role) throw ApiErrors.unknownRole();
		return ok(world.apiRole(role));
	});

	// ── members ───────────────────────────────────────────────────────────────────

	add('GET', '/guilds/:guild_id/members/:user_id', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const userId = req.params['user_id'] === '@me' ? core.botUserId : req.params['user_id']!;
		const member = guild.members.get(userId);
		if (!member) throw ApiErrors.unknownMember();
		return ok(world.apiMember(guild, member));
	});

	add('GET', '/guilds/:guild_id/members', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		// Listing members needs the privileged Server Members intent switched on for the app.
		if ((core.options.privilegedIntents & GatewayIntentBits.GuildMembers) === 0) throw ApiErrors.missingAccess();
		const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? 1)));
		const after = req.query.get('after') ?? '0';
		const members = [...guild.members.values()]
			.filter((m) => BigInt(m.userId) > BigInt(after))
			.sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
			.slice(0, limit);
		return ok(members.map((m) => world.apiMember(guild, m)));
	});

	add('GET', '/guilds/:guild_id/members/search', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const query = (req.query.get('query') ?? '').toLowerCase();
		const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? 1)));
		const members = [...guild.members.values()]
			.filter((m) => {
				const u = world.user(m.userId);
				return [u?.username, u?.globalName, m.nick].some((n) => n?.toLowerCase().startsWith(query));
			})
			.slice(0, limit);
		return ok(members.map((m) => world.apiMember(guild, m)));
	});

	add('PATCH', '/guilds/:guild_id/members/@me', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const member = guild.members.get(core.botUserId)!;
		const nick = (req.body as { nick?: unknown } | undefined)?.nick;
		if (nick !== undefined) {
			if (!has(basePermissions(guild, core.botUserId), P.ChangeNickname)) throw ApiErrors.missingPermissions();
			member.nick = typeof nick === 'string' && nick ? nick.slice(0, 32) : null;
			core.dispatchMemberUpdate(guild, core.botUserId);
		}
		return ok(world.apiMember(guild, member));
	});

	/** Manage Roles, a role below the bot's highest, not managed by an integration; unknown role 10011, member 10007. */
	const roleChange = (req: ApiRequest, adding: boolean): ApiResponse => {
		const guild = core.requireGuild(req.params['guild_id']!);
		const perms = basePermissions(guild, core.botUserId);
		if (!has(perms, P.ManageRoles)) throw ApiErrors.missingPermissions();
		const role = guild.roles.get(req.params['role_id']!);
		if (!role || role.id === guild.everyoneRoleId) throw ApiErrors.unknownRole();
		const member = guild.members.get(req.params['user_id']!);
		if (!member) throw ApiErrors.unknownMember();
		const top = world.highestRole(guild, core.botUserId);
		const isOwner = guild.ownerId === core.botUserId;
		if (!isOwner && (!top || compareRoles(role, top) >= 0)) throw ApiErrors.missingPermissions();
		if (role.managed) throw ApiErrors.missingPermissions();
		const hasRole = member.roles.includes(role.id);
		if (adding && !hasRole) {
			member.roles.push(role.id);
			core.journal.record({ type: 'role_add', guildId: guild.id, userId: member.userId, roleId: role.id });
			core.dispatchMemberUpdate(guild, member.userId);
		} else if (!adding && hasRole) {
			member.roles = member.roles.filter((r) => r !== role.id);
			core.journal.record({ type: 'role_remove', guildId: guild.id, userId: member.userId, roleId: role.id });
			core.dispatchMemberUpdate(guild, member.userId);
		}
		return noContent();
	};
	add('PUT', '/guilds/:guild_id/members/:user_id/roles/:role_id', (req) => roleChange(req, true));
	add('DELETE', '/guilds/:guild_id/members/:user_id/roles/:role_id', (req) => roleChange(req, false));

	// ── the bot's own guild list ──────────────────────────────────────────────────

	add('GET', '/users/@me/guilds', () => {
		const guilds = [...world.guilds.values()].filter((g) => g.botPresent);
		return ok(
			guilds.map((g) => ({
				id: g.id,
				name: g.name,
				icon: null,
				banner: null,
				owner: g.ownerId === core.botUserId,
				permissions: basePermissions(g, core.botUserId).toString(),
				features: [],
			})),
		);
	});

	add('DELETE', '/users/@me/guilds/:guild_id', (req) => {
		const guild = core.requireGuild(req.params['guild_id']!);
		if (guild.ownerId === core.botUserId) throw formError(['guild_id'], 'GUILD_OWNER_CANNOT_LEAVE', 'Invalid Guild');
		core.removeBotFromGuild(guild.id);
		return noContent();
	});
}
