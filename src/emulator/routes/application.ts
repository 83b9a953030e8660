import { ChannelType } from 'discord-api-types/v10';
import type { Core } from '../core.js';
import { ApiErrors, DiscordHttpError } from '../errors.js';
import type { ApiRequest, ApiResponse, Router } from '../http.js';
import { parseCommand, parseCommandList, type CommandBody } from '../validation.js';
import { newChannelRecord, type ChannelRecord, type CommandRecord } from '../world.js';

const ok = (body?: unknown, status = 200): ApiResponse => ({ status, body });
const noContent = (): ApiResponse => ({ status: 204 });

export interface ApplicationInfo {
	name: string;
	description: string;
	ownerId: string;
	gatewayUrl: () => string;
	applicationFlags: () => number;
	sessionStarts: { total: number; remaining: number };
}

export function registerApplicationRoutes(router: Router, core: Core, app: ApplicationInfo): void {
	const { world } = core;
	const add = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', template: string, handler: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>): void =>
		router.add({ method, template, auth: 'bot', handler });

	// ── gateway and identity ───────────────────────────────────────────────────────

	router.add({ method: 'GET', template: '/gateway', auth: 'none', handler: () => ok({ url: app.gatewayUrl() }) });
	add('GET', '/gateway/bot', () =>
		ok({
			url: app.gatewayUrl(),
			shards: 1,
			session_start_limit: {
				total: app.sessionStarts.total,
				remaining: app.sessionStarts.remaining,
				reset_after: 86_400_000 - (Date.now() % 86_400_000),
				max_concurrency: 1,
			},
		}),
	);

	const botUser = (): Record<string, unknown> => ({
		...world.apiUser(core.botUserId),
		verified: true,
		mfa_enabled: false,
		locale: 'en-US',
		email: null,
		flags: 0,
		bio: '',
	});
	add('GET', '/users/@me', () => ok(botUser()));
	add('GET', '/users/:user_id', (req) => {
		const user = world.user(req.params['user_id']!);
		if (!user) throw ApiErrors.unknownUser();
		return ok(world.apiUser(user.id));
	});

	const application = (): Record<string, unknown> => ({
		id: world.applicationId,
		name: app.name,
		icon: null,
		description: app.description,
		summary: '',
		type: null,
		hook: true,
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: 'b'.repeat(64),
		flags: app.applicationFlags(),
		team: null,
		owner: world.apiUser(app.ownerId),
		bot: world.apiUser(core.botUserId),
		approximate_guild_count: [...world.guilds.values()].filter((g) => g.botPresent).length,
		approximate_user_install_count: 0,
		redirect_uris: [],
		interactions_endpoint_url: null,
		role_connections_verification_url: null,
		install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
		integration_types_config: { '0': { oauth2_install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' } } },
		tags: [],
	});
	add('GET', '/applications/@me', () => ok(application()));
	add('GET', '/oauth2/applications/@me', () => ok(application()));

	// ── DMs ──────────────────────────────────────────────────────────────────────────

	add('POST', '/users/@me/channels', (req) => {
		const recipient = (req.body as { recipient_id?: unknown } | undefined)?.recipient_id;
		const user = typeof recipient === 'string' ? world.user(recipient) : undefined;
		if (!user || user.id === core.botUserId) throw new DiscordHttpError(400, 50033, 'Invalid Recipient(s)');
		return ok(world.apiChannel(openDm(core, user.id)));
	});

	// ── application commands ─────────────────────────────────────────────────────────

	const checkApp = (req: ApiRequest): void => {
		if (req.params['application_id'] !== world.applicationId) {
			throw new DiscordHttpError(403, 20012, 'You are not authorized to perform this action on this application');
		}
	};
	const scopeOf = (req: ApiRequest): { key: string; guildId: string | null } => {
		checkApp(req);
		const guildId = req.params['guild_id'] ?? null;
		if (guildId) {
			const guild = world.guild(guildId);
			if (!guild || !guild.botPresent) throw ApiErrors.missingAccess();
		}
		return { key: guildId ?? 'global', guildId };
	};
	const list = (key: string): CommandRecord[] => world.commands.get(key) ?? [];
	const describeScope = (guildId: string | null): 'global' | 'guild' => (guildId ? 'guild' : 'global');

	for (const base of ['/applications/:application_id/commands', '/applications/:application_id/guilds/:guild_id/commands']) {
		add('GET', base, (req) => {
			const { key } = scopeOf(req);
			return ok(list(key).map((c) => world.apiCommand(c)));
		});

		add('PUT', base, (req) => {
			const { key, guildId } = scopeOf(req);
			const bodies = parseCommandList(req.body ?? []);
			const previous = list(key);
			const next = bodies.map((body) => {
				const same = previous.find((c) => c.body['name'] === body.name && ((c.body['type'] as number | undefined) ?? 1) === (body.type ?? 1));
				const changed = !same || JSON.stringify(same.body) !== JSON.stringify(body);
				return {
					id: same?.id ?? world.ids.next(),
					applicationId: world.applicationId,
					guildId,
					version: changed ? world.ids.next() : same.version,
					body: body as Record<string, unknown>,
				};
			});
			world.commands.set(key, next);
			const commands = next.map((c) => world.apiCommand(c));
			core.journal.record({ type: 'command_overwrite', scope: describeScope(guildId), guildId, names: next.map((c) => String(c.body['name'])), commands });
			return ok(commands);
		});

		add('POST', base, (req) => {
			const { key, guildId } = scopeOf(req);
			const body = parseCommand(req.body ?? {});
			const current = list(key);
			const existing = current.find((c) => c.body['name'] === body.name && ((c.body['type'] as number | undefined) ?? 1) === (body.type ?? 1));
			if (existing) {
				existing.body = body as Record<string, unknown>;
				existing.version = world.ids.next();
				core.journal.record({ type: 'command_update', guildId, commandId: existing.id, name: body.name });
				return ok(world.apiCommand(existing));
			}
			const record: CommandRecord = { id: world.ids.next(), applicationId: world.applicationId, guildId, version: world.ids.next(), body: body as Record<string, unknown> };
			world.commands.set(key, [...current, record]);
			core.journal.record({ type: 'command_create', guildId, commandId: record.id, name: body.name });
			return { status: 201, body: world.apiCommand(record) };
		});

		add('GET', `${base}/:command_id`, (req) => {
			const { key } = scopeOf(req);
			const cmd = list(key).find((c) => c.id === req.params['command_id']);
			if (!cmd) throw ApiErrors.unknownCommand();
			return ok(world.apiCommand(cmd));
		});

		add('PATCH', `${base}/:command_id`, (req) => {
			const { key, guildId } = scopeOf(req);
			const cmd = list(key).find((c) => c.id === req.params['command_id']);
			if (!cmd) throw ApiErrors.unknownCommand();
			const merged = parseCommand({ ...cmd.body, ...(req.body as object) }) as CommandBody;
			cmd.body = merged as Record<string, unknown>;
			cmd.version = world.ids.next();
			core.journal.record({ type: 'command_update', guildId, commandId: cmd.id, name: merged.name });
			return ok(world.apiCommand(cmd));
		});

		add('DELETE', `${base}/:command_id`, (req) => {
			const { key, guildId } = scopeOf(req);
			const current = list(key);
			const cmd = current.find((c) => c.id === req.params['command_id']);
			if (!cmd) throw ApiErrors.unknownCommand();
			world.commands.set(key, current.filter((c) => c !== cmd));
			core.journal.record({ type: 'command_delete', guildId, commandId: cmd.id, name: String(cmd.body['name']) });
			return noContent();
		});
	}

	add('GET', '/applications/:application_id/guilds/:guild_id/commands/permissions', (req) => {
		scopeOf(req);
		return ok([]);
	});
	add('GET', '/applications/:application_id/guilds/:guild_id/commands/:command_id/permissions', (req) => {
		scopeOf(req);
		throw new DiscordHttpError(404, 10066, 'Unknown application command permissions');
	});
}

/** The DM channel between the bot and a user, created on first use (the same id every time after); `by` says who opened it. */
export function openDm(core: Core, userId: string, by: 'bot' | 'user' = 'bot'): ChannelRecord {
	const { world } = core;
	const existing = world.dmChannels.get(userId);
	const channel = existing ? world.channels.get(existing) : undefined;
	if (channel) return channel;
	const dm = newChannelRecord({ id: world.ids.next(), type: ChannelType.DM, guildId: null, name: null, recipientId: userId });
	world.channels.set(dm.id, dm);
	world.dmChannels.set(userId, dm.id);
	core.journal.record({ type: 'dm_channel_create', channelId: dm.id, userId, by });
	return dm;
}
