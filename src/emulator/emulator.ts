import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFlags, ChannelType, GatewayIntentBits } from 'discord-api-types/v10';
import type { APIApplicationCommand, APIApplicationCommandOptionChoice, APIChannel, APIRole } from 'discord-api-types/v10';
import { Core, type MessageView } from './core.js';
import { ApiErrors, DiscordHttpError } from './errors.js';
import { Gateway, PRIVILEGED_INTENTS, type GatewaySession } from './gateway.js';
import { parseBody as parseHttpBody, readBody, Router, shortPath, type ApiRequest } from './http.js';
import { InteractionStore, registerInteractionRoutes, type InteractionHandle } from './interactions.js';
import { Invoker, type AutocompleteInvocation, type ComponentInvocation, type ModalInvocation, type SelectInvocation, type SlashCommandInvocation } from './invoke.js';
import type { DispatchRecord, JournalEvent, JournalEventOf, JournalEventType, MessageSource, RequestRecord } from './journal.js';
import { basePermissions, channelPermissions, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, has, P } from './permissions.js';
import { RateLimits, type InjectedRateLimit, type RouteLimit } from './ratelimits.js';
import { SnowflakeFactory } from './snowflake.js';
import { describeForPeople, type TranscriptOptions } from './transcript.js';
import { openDm, registerApplicationRoutes } from './routes/application.js';
import { registerChannelRoutes } from './routes/channels.js';
import { registerGuildRoutes } from './routes/guilds.js';
import { LOADING, World, compareRoles, newChannelRecord, type ChannelRecord, type GuildRecord, type RoleRecord } from './world.js';

export interface EmulatorOptions {
	/** How long the bot has to acknowledge an interaction (Discord: 3000 ms). Lower it to keep timeout tests fast. */
	interactionTimeoutMs?: number;
	/** How long an interaction token works for follow-ups and edits (Discord: 15 minutes). */
	interactionTokenTtlMs?: number;
	/** Requests per second per bot token before a global 429 (Discord: 50). */
	globalRateLimit?: number;
	/** Use Discord-like per-route buckets (5 messages per 5 s per channel, …) instead of generous ones. */
	realisticRateLimits?: boolean;
	/** `true` logs every request and dispatch to stderr; a function receives the lines instead. */
	log?: boolean | ((line: string) => void);
	/** The gateway's heartbeat interval (Discord: 41250 ms). */
	heartbeatIntervalMs?: number;
	/** Privileged intents switched on "in the developer portal"; asking for others closes the gateway with 4014. */
	privilegedIntents?: number | ('GuildMembers' | 'GuildPresences' | 'MessageContent')[];
	/** The bot's username (and its managed role's name). */
	botUsername?: string;
	/** 0 (default) picks a free port. */
	port?: number;
}

export interface JournalView {
	readonly requests: readonly RequestRecord[];
	readonly events: readonly JournalEvent[];
	readonly dispatches: readonly DispatchRecord[];
}

export interface UnknownRouteRecord {
	method: string;
	path: string;
	query: string;
	body: unknown;
	status: number;
	at: number;
}

export interface GuildInfo {
	id: string;
	name: string;
	/** The @everyone role (its id is the guild id, as on Discord). */
	everyoneRoleId: string;
	/** The bot's managed role, created when it joined. */
	botRoleId: string;
	ownerId: string;
}

export interface ChannelInfo {
	id: string;
	guildId: string | null;
	name: string | null;
	type: ChannelType;
	parentId: string | null;
}

export interface RoleInfo {
	id: string;
	name: string;
	position: number;
	permissions: bigint;
}

export interface MemberInfo {
	id: string;
	username: string;
	/** Role ids (without @everyone). */
	roles: string[];
	nick: string | null;
	joinedAt: string;
	/** Guild-wide permissions. */
	permissions: bigint;
}

export interface ThreadView {
	id: string;
	parentId: string;
	guildId: string;
	name: string;
	type: 'public' | 'private' | 'announcement';
	channelType: number;
	ownerId: string;
	archived: boolean;
	locked: boolean;
	invitable: boolean | null;
	autoArchiveDuration: number;
	memberIds: string[];
	messageCount: number;
	/** The message the thread was started from, if any (same id as the thread). */
	fromMessageId: string | null;
	deleted: boolean;
}

type ChannelKind = 'text' | 'category' | 'voice' | 'announcement' | 'forum';
const CHANNEL_KINDS: Record<ChannelKind, ChannelType> = {
	text: ChannelType.GuildText,
	category: ChannelType.GuildCategory,
	voice: ChannelType.GuildVoice,
	announcement: ChannelType.GuildAnnouncement,
	forum: ChannelType.GuildForum,
};

/**
 * A loopback Discord: REST API v10 and gateway for an unmodified discord.js client, with an in-memory world
 * that tests arrange (guilds, channels, members), drive (slash commands, clicks, modals) and inspect (journal).
 */
export class DiscordEmulator {
	readonly token: string;
	readonly applicationId: string;
	readonly botUserId: string;
	readonly unknownRoutes: UnknownRouteRecord[] = [];

	readonly #core: Core;
	readonly #world: World;
	readonly #router = new Router();
	readonly #store = new InteractionStore();
	readonly #invoker: Invoker;
	readonly #rateLimits: RateLimits;
	readonly #server: Server;
	readonly #sessionStarts = { total: 1000, remaining: 1000 };
	#port = 0;
	#memberCounter = 0;
	#stopped = false;

	private constructor(opts: EmulatorOptions) {
		// The app was made "a while ago"; its id and the bot user's id differ, so code that mixes them up fails here.
		const ids = new SnowflakeFactory(2);
		this.botUserId = ids.next(Date.now() - 400 * 86_400_000);
		this.applicationId = ids.next(Date.now() - 400 * 86_400_000 + 1);
		this.token = `${Buffer.from(this.botUserId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
		const botUsername = opts.botUsername ?? 'Hearth';
		this.#world = new World(this.botUserId, this.applicationId, botUsername);
		const logFn = typeof opts.log === 'function' ? opts.log : opts.log ? (line: string) => console.error(line) : () => undefined;
		const warn = typeof opts.log === 'function' ? opts.log : (line: string) => console.warn(`[hearth discord emulator] ${line}`);
		const privileged = Array.isArray(opts.privilegedIntents)
			? opts.privilegedIntents.reduce((acc, name) => acc | GatewayIntentBits[name], 0)
			: (opts.privilegedIntents ?? 0) & PRIVILEGED_INTENTS;
		this.#core = new Core(this.#world, {
			token: this.token,
			interactionTimeoutMs: opts.interactionTimeoutMs ?? 3000,
			interactionTokenTtlMs: opts.interactionTokenTtlMs ?? 15 * 60_000,
			privilegedIntents: privileged,
			log: logFn,
			warn,
		});
		const core = this.#core;
		core.gateway = new Gateway({
			token: this.token,
			journal: core.journal,
			log: logFn,
			warn,
			heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
			privilegedIntents: privileged,
			gatewayUrl: () => this.gatewayUrl,
			readyPayload: (session) => {
				this.#sessionStarts.remaining = Math.max(0, this.#sessionStarts.remaining - 1);
				return {
					v: 10,
					user_settings: {},
					user: { ...this.#world.apiUser(this.botUserId), verified: true, mfa_enabled: false, email: null, flags: 0 },
					guilds: [...this.#world.guilds.values()].filter((g) => g.botPresent).map((g) => ({ id: g.id, unavailable: true })),
					session_id: session.id,
					session_type: 'normal',
					resume_gateway_url: this.gatewayUrl,
					shard: [0, 1],
					application: { id: this.applicationId, flags: this.#applicationFlags() },
					presences: [],
					private_channels: [],
					relationships: [],
					guild_join_requests: [],
					geo_ordered_rtc_regions: [],
					auth: {},
					_trace: ['["hearth-emulator",{"micros":0}]'],
				};
			},
			memberChunk: (session, request) => this.#memberChunk(session, request),
			guildCreates: (session) =>
				[...this.#world.guilds.values()]
					.filter((g) => g.botPresent)
					.map((g) => this.#world.apiGuildCreate(g, { allMembers: (session.intents & GatewayIntentBits.GuildPresences) !== 0 }) as unknown as Record<string, unknown>),
		});
		if (opts.log) {
			// With logging on, every change is told in people's words next to the raw requests.
			core.journal.subscribe((ev) => {
				const line = describeForPeople(this.#world, ev, { arrange: true });
				if (line) logFn(`[world] ${line}`);
			});
		}
		this.#invoker = new Invoker(core, this.#store);
		this.#rateLimits = new RateLimits(opts.globalRateLimit ?? 50, Boolean(opts.realisticRateLimits));
		registerApplicationRoutes(this.#router, core, {
			name: botUsername,
			description: 'A Discord bot for community connection (emulated).',
			ownerId: this.botUserId,
			gatewayUrl: () => this.gatewayUrl,
			applicationFlags: () => this.#applicationFlags(),
			sessionStarts: this.#sessionStarts,
		});
		registerChannelRoutes(this.#router, core);
		registerGuildRoutes(this.#router, core);
		registerInteractionRoutes(this.#router, core, this.#store);
		this.#server = createServer((req, res) => {
			this.#handle(req, res).catch((error: unknown) => {
				warn(`[rest] emulator bug while answering ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
			});
		});
		core.gateway.attach(this.#server);
	}

	/** Starts the emulator on 127.0.0.1 (a random port unless `port` is given). */
	static async start(opts: EmulatorOptions = {}): Promise<DiscordEmulator> {
		const emu = new DiscordEmulator(opts);
		await new Promise<void>((resolve, reject) => {
			emu.#server.once('error', reject);
			emu.#server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
		});
		emu.#port = (emu.#server.address() as AddressInfo).port;
		emu.#world.baseUrl = emu.baseUrl;
		return emu;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.#port}`;
	}
	/** Pass as discord.js `rest: { api: emu.apiUrl }`; discord.js appends `/v10`. */
	get apiUrl(): string {
		return `${this.baseUrl}/api`;
	}
	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.#port}/gateway`;
	}
	/** Every REST request, every state change, every gateway dispatch, in order. */
	get journal(): JournalView {
		return this.#core.journal;
	}

	/** REQUEST_GUILD_MEMBERS: by ids or name prefix; the whole list only with the GuildMembers intent (else no answer, as on Discord). */
	#memberChunk(session: GatewaySession, request: Record<string, unknown>): Record<string, unknown> | null {
		const guild = this.#world.guild(String(request['guild_id'] ?? ''));
		if (!guild || !guild.botPresent) return null;
		const nonce = typeof request['nonce'] === 'string' ? { nonce: request['nonce'] } : {};
		const base = { guild_id: guild.id, chunk_index: 0, chunk_count: 1, ...nonce };
		const userIds = request['user_ids'];
		if (userIds !== undefined) {
			const ids = (Array.isArray(userIds) ? userIds : [userIds]).map(String);
			const found = ids.filter((id) => guild.members.has(id));
			return {
				...base,
				members: found.map((id) => this.#world.apiMember(guild, guild.members.get(id)!)),
				...(found.length < ids.length ? { not_found: ids.filter((id) => !guild.members.has(id)) } : {}),
			};
		}
		const query = String(request['query'] ?? '').toLowerCase();
		const limit = Number(request['limit'] ?? 0);
		if (query === '' && (session.intents & GatewayIntentBits.GuildMembers) === 0) {
			this.#core.options.warn(
				'[gateway] REQUEST_GUILD_MEMBERS for the whole member list without the GuildMembers intent: Discord sends nothing, so discord.js will time out.',
			);
			return null;
		}
		const members = [...guild.members.values()].filter((m) => {
			const u = this.#world.user(m.userId);
			return query === '' || [u?.username, u?.globalName, m.nick].some((n) => n?.toLowerCase().startsWith(query));
		});
		return { ...base, members: members.slice(0, limit > 0 ? limit : undefined).map((m) => this.#world.apiMember(guild, m)) };
	}

	#applicationFlags(): number {
		const p = this.#core.options.privilegedIntents;
		let flags = ApplicationFlags.ApplicationCommandBadge;
		if (p & GatewayIntentBits.GuildMembers) flags |= ApplicationFlags.GatewayGuildMembersLimited;
		if (p & GatewayIntentBits.GuildPresences) flags |= ApplicationFlags.GatewayPresenceLimited;
		if (p & GatewayIntentBits.MessageContent) flags |= ApplicationFlags.GatewayMessageContentLimited;
		return flags;
	}

	// ── HTTP ───────────────────────────────────────────────────────────────────────

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/attachments/')) {
			this.#serveFile(url.pathname, res);
			return;
		}
		const raw = await readBody(req);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
			const h: Record<string, string> = { 'X-Emulator': 'hearth', ...headers };
			if (status === 204 || body === undefined) {
				res.writeHead(status === 200 && body === undefined ? 204 : status, h);
				res.end();
				return;
			}
			h['Content-Type'] = 'application/json';
			res.writeHead(status, h);
			res.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
		};
		const query: Record<string, string> = Object.fromEntries(url.searchParams);
		const versioned = /^\/api\/v(\d+)(\/.*)?$/.exec(url.pathname);
		const path = versioned?.[1] === '10' ? (versioned[2] ?? '/') : url.pathname;
		const match = versioned?.[1] === '10' ? this.#router.match(method, path) : null;
		const authHeader = req.headers.authorization;
		const auth: 'bot' | 'none' | 'invalid' = !authHeader ? 'none' : authHeader === `Bot ${this.token}` ? 'bot' : 'invalid';
		let parsed: { body: unknown; files: { field: string; index: number; name: string; contentType: string; data: Buffer }[] } = { body: undefined, files: [] };
		let status = 500;
		let errorCode: number | undefined;
		let route: string | null = null;
		let rateLimitHeaders: Record<string, string> = {};
		// A body that cannot be read is reported only after routing, auth and rate limits, as Discord does.
		let bodyError: DiscordHttpError | null = null;
		try {
			parsed = await parseHttpBody(raw, req.headers['content-type']);
		} catch (error) {
			if (!(error instanceof DiscordHttpError)) throw error;
			bodyError = error;
			parsed = { body: raw.toString('utf8') || undefined, files: [] };
		}
		try {
			if (!match || match === 'method') {
				const error = match === 'method' ? ApiErrors.methodNotAllowed() : ApiErrors.notFound();
				this.unknownRoutes.push({ method, path: url.pathname, query: url.search, body: parsed.body, status: error.status, at: started });
				this.#core.options.warn(`[rest] unknown route ${method} ${url.pathname} → ${error.status} (the emulator does not implement it)`);
				throw error;
			}
			route = match.route.template;
			if (match.route.auth === 'bot' && auth !== 'bot') throw ApiErrors.unauthorized();
			const verdict = this.#rateLimits.check({
				method,
				template: match.route.template,
				path,
				params: match.params,
				countsTowardGlobal: match.route.auth === 'bot',
			});
			rateLimitHeaders = verdict.headers;
			if (verdict.limited) {
				status = 429;
				this.#core.journal.record({
					type: 'rate_limited',
					method,
					route: match.route.template,
					path,
					global: verdict.limited.global,
					retryAfter: verdict.limited.retryAfter,
					injected: verdict.limited.injected,
				});
				this.#core.options.log(`[rest] 429 ${method} ${shortPath(path)}${verdict.limited.global ? ' (global)' : ''} retry after ${verdict.limited.retryAfter}s`);
				send(429, verdict.limited.body, verdict.headers);
				return;
			}
			if (bodyError) throw bodyError;
			const apiReq: ApiRequest = {
				method,
				path,
				query: url.searchParams,
				headers: req.headers,
				params: match.params,
				body: parsed.body,
				files: parsed.files,
				auth,
				reason: typeof req.headers['x-audit-log-reason'] === 'string' ? decodeURIComponent(req.headers['x-audit-log-reason']) : null,
			};
			const result = await match.route.handler(apiReq);
			status = result.body === undefined && result.status === 200 ? 204 : result.status;
			send(status, result.body, { ...verdict.headers, ...result.headers });
		} catch (error) {
			if (!(error instanceof DiscordHttpError)) throw error;
			status = error.status;
			errorCode = error.code;
			send(error.status, error.toJSON(), { ...rateLimitHeaders, ...error.headers });
		} finally {
			this.#core.journal.recordRequest({
				method,
				route,
				path,
				query,
				status,
				body: parsed.body,
				files: parsed.files.map((f) => ({ field: f.field, name: f.name, contentType: f.contentType, size: f.data.length })),
				...(errorCode !== undefined ? { errorCode } : {}),
				auth,
				at: started,
				durationMs: Date.now() - started,
			});
			this.#core.options.log(`[rest] ${method} ${shortPath(path)} → ${status}${errorCode !== undefined ? ` (${errorCode})` : ''}`);
		}
	}

	#serveFile(pathname: string, res: ServerResponse): void {
		const id = pathname.split('/')[3] ?? '';
		const file = this.#world.files.get(id);
		if (!file) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('Not Found');
			return;
		}
		res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
		res.end(file.data);
	}

	// ── arranging the world ─────────────────────────────────────────────────────────────

	#requireGuild(guildId: string): GuildRecord {
		const guild = this.#world.guild(guildId);
		if (!guild) throw new Error(`Unknown guild ${guildId}.`);
		return guild;
	}

	#requireChannel(channelId: string): ChannelRecord {
		const channel = this.#world.channel(channelId);
		if (!channel) throw new Error(`Unknown or deleted channel ${channelId}.`);
		return channel;
	}

	#newUser(opts: { username?: string; globalName?: string; dmsClosed?: boolean; locale?: string }): { id: string; username: string } {
		const id = this.#world.ids.next();
		this.#memberCounter++;
		const username = opts.username ?? `member${this.#memberCounter}`;
		this.#world.users.set(id, {
			id,
			username,
			globalName: opts.globalName ?? null,
			bot: false,
			dmsClosed: Boolean(opts.dmsClosed),
			locale: opts.locale ?? 'en-US',
		});
		return { id, username };
	}

	/** A person with no guild yet (DMs to them answer 50007 until they share a guild with the bot). */
	createUser(opts: { username?: string; globalName?: string; dmsClosed?: boolean; locale?: string } = {}): { id: string; username: string } {
		return this.#newUser(opts);
	}

	/** A guild the bot has joined: @everyone (id = guild id), the bot's managed role on top, the owner and the bot as members. */
	createGuild(opts: { name?: string; ownerId?: string; everyonePermissions?: bigint; botPermissions?: bigint; locale?: string } = {}): GuildInfo {
		const world = this.#world;
		const id = world.ids.next();
		const ownerId = opts.ownerId ?? this.#newUser({ username: 'guild_owner' }).id;
		if (!world.user(ownerId)) throw new Error(`Unknown owner ${ownerId}: create them with createUser() first.`);
		const now = new Date().toISOString();
		const everyone: RoleRecord = {
			id,
			guildId: id,
			name: '@everyone',
			permissions: opts.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
			position: 0,
			managed: false,
			color: 0,
			hoist: false,
			mentionable: false,
		};
		const botRole: RoleRecord = {
			id: world.ids.next(),
			guildId: id,
			name: world.botUsername,
			permissions: opts.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
			position: 1,
			managed: true,
			botId: this.botUserId,
			color: 0,
			hoist: false,
			mentionable: false,
		};
		const guild: GuildRecord = {
			id,
			name: opts.name ?? 'Hearth Test Guild',
			ownerId,
			everyoneRoleId: id,
			botRoleId: botRole.id,
			roles: new Map([
				[everyone.id, everyone],
				[botRole.id, botRole],
			]),
			members: new Map([
				[ownerId, { userId: ownerId, roles: [], nick: null, joinedAt: now }],
				[this.botUserId, { userId: this.botUserId, roles: [botRole.id], nick: null, joinedAt: now }],
			]),
			botPresent: true,
			commandGrants: new Map(),
			locale: opts.locale ?? 'en-US',
			systemChannelId: null,
			botJoinedAt: now,
		};
		world.guilds.set(id, guild);
		this.#core.journal.record({ type: 'guild_create', guildId: id });
		this.#dispatchGuildCreate(guild);
		return { id, name: guild.name, everyoneRoleId: id, botRoleId: botRole.id, ownerId };
	}

	#dispatchGuildCreate(guild: GuildRecord): void {
		this.#core.gateway.dispatch(
			'GUILD_CREATE',
			(s: GatewaySession) => this.#world.apiGuildCreate(guild, { allMembers: (s.intents & GatewayIntentBits.GuildPresences) !== 0 }),
			{ intent: GatewayIntentBits.Guilds },
		);
	}

	createChannel(guildId: string, opts: { name: string; type?: ChannelKind; parentId?: string; topic?: string; position?: number; nsfw?: boolean }): ChannelInfo {
		const guild = this.#requireGuild(guildId);
		if (opts.parentId && this.#world.channel(opts.parentId)?.type !== ChannelType.GuildCategory) {
			throw new Error(`Parent ${opts.parentId} is not a category in guild ${guildId}.`);
		}
		const channel = newChannelRecord({
			id: this.#world.ids.next(),
			type: CHANNEL_KINDS[opts.type ?? 'text'],
			guildId: guild.id,
			name: opts.name,
			parentId: opts.parentId ?? null,
			position: opts.position ?? this.#world.guildChannels(guild.id).length,
			topic: opts.topic ?? null,
			nsfw: Boolean(opts.nsfw),
		});
		this.#world.channels.set(channel.id, channel);
		if (!guild.systemChannelId && channel.type === ChannelType.GuildText) guild.systemChannelId = channel.id;
		this.#core.journal.record({ type: 'channel_create', channelId: channel.id, guildId: guild.id, name: channel.name, channelType: channel.type });
		this.#core.dispatchChannel('CHANNEL_CREATE', channel);
		return { id: channel.id, guildId: guild.id, name: channel.name, type: channel.type, parentId: channel.parentId };
	}

	/**
	 * A role. By default it sits just below the bot's highest role (so the bot can manage it); `aboveBot` puts it
	 * above; `position` inserts it at that position, moving roles at or above it up by one.
	 */
	createRole(guildId: string, opts: { name: string; permissions?: bigint; position?: number; aboveBot?: boolean; color?: number; mentionable?: boolean; hoist?: boolean }): RoleInfo {
		const guild = this.#requireGuild(guildId);
		const botTop = this.#world.highestRole(guild, this.botUserId) ?? guild.roles.get(guild.botRoleId)!;
		const position = Math.max(1, opts.position ?? (opts.aboveBot ? botTop.position + 1 : botTop.position));
		const moved: RoleRecord[] = [];
		for (const r of guild.roles.values()) {
			if (r.id !== guild.everyoneRoleId && r.position >= position) {
				r.position++;
				moved.push(r);
			}
		}
		const role: RoleRecord = {
			id: this.#world.ids.next(),
			guildId: guild.id,
			name: opts.name,
			permissions: opts.permissions ?? 0n,
			position,
			managed: false,
			color: opts.color ?? 0,
			hoist: Boolean(opts.hoist),
			mentionable: Boolean(opts.mentionable),
		};
		guild.roles.set(role.id, role);
		this.#core.journal.record({ type: 'role_create', guildId: guild.id, roleId: role.id });
		this.#core.dispatchGuild('GUILD_ROLE_CREATE', guild.id, { guild_id: guild.id, role: this.#world.apiRole(role) });
		// discord.js compares cached positions; keep them in step with the shift.
		for (const r of moved) this.#core.dispatchGuild('GUILD_ROLE_UPDATE', guild.id, { guild_id: guild.id, role: this.#world.apiRole(r) });
		return { id: role.id, name: role.name, position: role.position, permissions: role.permissions };
	}

	/** A member of the guild: a new user (or `userId`), with roles; `admin` adds an "Admin" role with Manage Server. */
	createMember(
		guildId: string,
		opts: { username?: string; userId?: string; globalName?: string; roles?: string[]; admin?: boolean; dmsClosed?: boolean; nick?: string; locale?: string } = {},
	): { id: string; username: string } {
		const guild = this.#requireGuild(guildId);
		let user: { id: string; username: string };
		if (opts.userId) {
			const existing = this.#world.user(opts.userId);
			if (!existing) throw new Error(`Unknown user ${opts.userId}.`);
			if (opts.dmsClosed !== undefined) existing.dmsClosed = opts.dmsClosed;
			user = { id: existing.id, username: existing.username };
		} else {
			user = this.#newUser(opts);
		}
		const roles = [...(opts.roles ?? [])];
		for (const r of roles) if (!guild.roles.has(r) || r === guild.everyoneRoleId) throw new Error(`Unknown role ${r} in guild ${guildId}.`);
		if (opts.admin) {
			if (!guild.adminRoleId) guild.adminRoleId = this.createRole(guildId, { name: 'Admin', permissions: P.ManageGuild }).id;
			roles.push(guild.adminRoleId);
		}
		guild.members.set(user.id, { userId: user.id, roles, nick: opts.nick ?? null, joinedAt: new Date().toISOString() });
		this.#core.journal.record({ type: 'member_add', guildId: guild.id, userId: user.id });
		const member = guild.members.get(user.id)!;
		this.#core.dispatchGuild('GUILD_MEMBER_ADD', guild.id, { guild_id: guild.id, ...this.#world.apiMember(guild, member) }, GatewayIntentBits.GuildMembers);
		return user;
	}

	/** The member's roles, as if an admin changed them in Discord. */
	setMemberRoles(guildId: string, userId: string, roleIds: string[]): void {
		const guild = this.#requireGuild(guildId);
		const member = guild.members.get(userId);
		if (!member) throw new Error(`User ${userId} is not in guild ${guildId}.`);
		const keepManaged = userId === this.botUserId ? [guild.botRoleId] : [];
		member.roles = [...new Set([...keepManaged, ...roleIds])];
		this.#core.journal.record({ type: 'member_update', guildId, userId });
		this.#core.dispatchMemberUpdate(guild, userId);
	}

	/** The bot's roles besides its managed role. */
	setBotRoles(guildId: string, roleIds: string[]): void {
		this.setMemberRoles(guildId, this.botUserId, roleIds);
	}

	/** The permissions of the bot's managed role. @everyone's permissions still apply, as on Discord. */
	setBotPermissions(guildId: string, permissions: bigint): void {
		const guild = this.#requireGuild(guildId);
		this.setRolePermissions(guildId, guild.botRoleId, permissions);
	}

	setEveryonePermissions(guildId: string, permissions: bigint): void {
		this.setRolePermissions(guildId, guildId, permissions);
	}

	setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
		const guild = this.#requireGuild(guildId);
		const role = guild.roles.get(roleId);
		if (!role) throw new Error(`Unknown role ${roleId} in guild ${guildId}.`);
		role.permissions = permissions;
		this.#core.journal.record({ type: 'role_update', guildId, roleId });
		this.#core.dispatchGuild('GUILD_ROLE_UPDATE', guildId, { guild_id: guildId, role: this.#world.apiRole(role) });
	}

	/** An admin deletes a role: it leaves every member, and later uses answer 10011. */
	deleteRole(guildId: string, roleId: string): void {
		const guild = this.#requireGuild(guildId);
		const role = guild.roles.get(roleId);
		if (!role || roleId === guild.everyoneRoleId || role.managed) throw new Error(`Role ${roleId} cannot be deleted in guild ${guildId}.`);
		guild.roles.delete(roleId);
		for (const m of guild.members.values()) m.roles = m.roles.filter((r) => r !== roleId);
		for (const c of this.#world.guildChannels(guildId)) c.overwrites = c.overwrites.filter((o) => o.id !== roleId);
		if (guild.adminRoleId === roleId) delete guild.adminRoleId;
		this.#core.journal.record({ type: 'role_delete', guildId, roleId });
		this.#core.dispatchGuild('GUILD_ROLE_DELETE', guildId, { guild_id: guildId, role_id: roleId });
	}

	/**
	 * Server Settings → Integrations: lets a role (or one member) use a command whatever its default_member_permissions,
	 * as a server does to let its own "bot admins" role use admin commands. The bot still checks at run time.
	 */
	grantCommand(guildId: string, commandName: string, roleOrUserId: string): void {
		const guild = this.#world.guilds.get(guildId);
		if (!guild) throw new Error(`Unknown guild ${guildId}.`);
		const grants = guild.commandGrants.get(commandName) ?? new Set<string>();
		grants.add(roleOrUserId);
		guild.commandGrants.set(commandName, grants);
	}

	/** A member closes (or opens) their DMs from server members: DMs then answer 50007. */
	setDmsClosed(userId: string, closed: boolean): void {
		const user = this.#world.user(userId);
		if (!user) throw new Error(`Unknown user ${userId}.`);
		user.dmsClosed = closed;
	}

	#overwrite(channelId: string, targetId: string, change: (o: { allow: bigint; deny: bigint }) => void): void {
		const channel = this.#requireChannel(channelId);
		if (channel.thread) throw new Error(`Channel ${channelId} is a thread: threads use their parent's permission overwrites.`);
		if (!channel.guildId) throw new Error(`Channel ${channelId} is a DM: no permission overwrites.`);
		const guild = this.#requireGuild(channel.guildId);
		const type: 0 | 1 = guild.roles.has(targetId) ? 0 : 1;
		if (type === 1 && !this.#world.user(targetId)) throw new Error(`${targetId} is neither a role of guild ${guild.id} nor a user.`);
		let o = channel.overwrites.find((x) => x.id === targetId);
		if (!o) {
			o = { id: targetId, type, allow: 0n, deny: 0n };
			channel.overwrites.push(o);
		}
		change(o);
		if (o.allow === 0n && o.deny === 0n) channel.overwrites = channel.overwrites.filter((x) => x !== o);
		this.#core.journal.record({ type: 'channel_update', channelId, guildId: channel.guildId, name: channel.name, channelType: channel.type });
		this.#core.dispatchChannel('CHANNEL_UPDATE', channel);
	}

	/** Denies `permissions` to a role or member in a channel (a permission overwrite), e.g. to take Send Messages from the bot. */
	denyInChannel(channelId: string, roleOrUserId: string, permissions: bigint): void {
		this.#overwrite(channelId, roleOrUserId, (o) => {
			o.deny |= permissions;
			o.allow &= ~permissions;
		});
	}

	allowInChannel(channelId: string, roleOrUserId: string, permissions: bigint): void {
		this.#overwrite(channelId, roleOrUserId, (o) => {
			o.allow |= permissions;
			o.deny &= ~permissions;
		});
	}

	/** Removes a role's or member's overwrite in a channel. */
	clearOverwrite(channelId: string, roleOrUserId: string): void {
		this.#overwrite(channelId, roleOrUserId, (o) => {
			o.allow = 0n;
			o.deny = 0n;
		});
	}

	/** Effective permissions of a user in a channel (threads: the parent's, as Discord computes them). */
	permissionsOf(userId: string, channelId: string): bigint {
		return channelPermissions(this.#world, this.#requireChannel(channelId), userId);
	}

	/** The member leaves: later member look-ups answer 10007, they leave the guild's threads. */
	removeMember(guildId: string, userId: string): void {
		if (userId === this.botUserId) {
			this.removeBotFromGuild(guildId);
			return;
		}
		const guild = this.#requireGuild(guildId);
		if (!guild.members.delete(userId)) throw new Error(`User ${userId} is not in guild ${guildId}.`);
		for (const thread of this.#world.guildThreads(guild.id)) thread.thread?.members.delete(userId);
		this.#core.journal.record({ type: 'member_remove', guildId, userId });
		this.#core.dispatchGuild('GUILD_MEMBER_REMOVE', guild.id, { guild_id: guild.id, user: this.#world.apiUser(userId) }, GatewayIntentBits.GuildMembers);
	}

	/** Deletes a channel or thread (CHANNEL_DELETE / THREAD_DELETE); later requests answer 10003. */
	deleteChannel(channelId: string): void {
		const channel = this.#requireChannel(channelId);
		channel.deleted = true;
		this.#core.journal.record({ type: 'channel_delete', channelId, guildId: channel.guildId, name: channel.name, channelType: channel.type });
		if (channel.thread) {
			this.#core.dispatchThread('THREAD_DELETE', channel);
			return;
		}
		this.#core.dispatchChannel('CHANNEL_DELETE', channel);
		for (const c of this.#world.channels.values()) {
			if (c.parentId === channel.id && c.thread && !c.deleted) c.deleted = true;
			else if (c.parentId === channel.id && !c.thread) c.parentId = null;
		}
	}

	/** Discord archives an inactive thread (or a moderator locks it): THREAD_UPDATE; the bot's next post reopens it unless locked. */
	archiveThread(threadId: string, opts: { locked?: boolean } = {}): void {
		const thread = this.#requireChannel(threadId);
		if (!thread.thread) throw new Error(`Channel ${threadId} is not a thread.`);
		thread.thread.archived = true;
		thread.thread.archiveTimestamp = new Date().toISOString();
		const changes: Record<string, unknown> = { archived: true };
		if (opts.locked !== undefined) changes['locked'] = thread.thread.locked = opts.locked;
		this.#core.journal.record({ type: 'thread_update', threadId, changes });
		this.#core.dispatchThread('THREAD_UPDATE', thread);
	}

	/** The bot is kicked: GUILD_DELETE (without `unavailable`). */
	removeBotFromGuild(guildId: string): void {
		this.#requireGuild(guildId);
		this.#core.removeBotFromGuild(guildId);
	}

	/** The bot is invited back: its managed role member returns and GUILD_CREATE is dispatched. */
	addBotToGuild(guildId: string): void {
		const guild = this.#requireGuild(guildId);
		if (guild.botPresent) return;
		guild.botPresent = true;
		guild.botJoinedAt = new Date().toISOString();
		guild.members.set(this.botUserId, { userId: this.botUserId, roles: [guild.botRoleId], nick: null, joinedAt: guild.botJoinedAt });
		this.#core.journal.record({ type: 'guild_create', guildId });
		this.#dispatchGuildCreate(guild);
	}

	/** The DM channel between the bot and a member (opened as if by the member), for DM interactions. */
	openDm(userId: string): string {
		if (!this.#world.user(userId)) throw new Error(`Unknown user ${userId}.`);
		return openDm(this.#core, userId, 'user').id;
	}

	/**
	 * A member writes a message (as in Discord's client). Dispatched as MESSAGE_CREATE only to bots with the
	 * matching message intents; in a thread it counts toward message_count and makes the author a thread member.
	 */
	sendUserMessage(channelId: string, userId: string, content: string): MessageView {
		const channel = this.#requireChannel(channelId);
		const user = this.#world.user(userId);
		if (!user) throw new Error(`Unknown user ${userId}.`);
		if (channel.type === ChannelType.DM) {
			if (channel.recipientId !== userId) throw new Error(`DM ${channelId} is not with user ${userId}.`);
		} else {
			const perms = channelPermissions(this.#world, channel, userId);
			const send = channel.thread ? P.SendMessagesInThreads : P.SendMessages;
			if (!has(perms, P.ViewChannel) || !has(perms, send)) throw new Error(`User ${userId} cannot send messages in ${channelId}.`);
			if (channel.type === ChannelType.PrivateThread && !channel.thread?.members.has(userId) && !has(perms, P.ManageThreads)) {
				throw new Error(`User ${userId} is not in private thread ${channelId}.`);
			}
			if (channel.thread?.archived) {
				channel.thread.archived = false;
				this.#core.journal.record({ type: 'thread_update', threadId: channel.id, changes: { archived: false } });
				this.#core.dispatchThread('THREAD_UPDATE', channel);
			}
		}
		const m = this.#core.createMessage(channel, { content }, [], { authorId: userId, source: 'member' as MessageSource, allowedFlags: 0 });
		return this.#core.messageView(m);
	}

	// ── members acting: interactions ──────────────────────────────────────────────────────

	/** A member runs a slash command; the returned handle waits for and records what the bot answers. */
	async runSlashCommand(inv: SlashCommandInvocation): Promise<InteractionHandle> {
		return this.#invoker.runSlashCommand(inv);
	}

	/** A member types into an autocomplete option; resolves with the bot's choices. */
	async runAutocomplete(inv: AutocompleteInvocation, opts: { timeoutMs?: number } = {}): Promise<APIApplicationCommandOptionChoice[]> {
		return this.#invoker.runAutocomplete(inv).choices(opts);
	}

	/** Like runAutocomplete, but returns the handle. */
	async startAutocomplete(inv: AutocompleteInvocation): Promise<InteractionHandle> {
		return this.#invoker.runAutocomplete(inv);
	}

	/** A member clicks a button on a message the bot sent (a DM too: pass the DM channel id). */
	async clickButton(inv: ComponentInvocation): Promise<InteractionHandle> {
		return this.#invoker.runComponent(inv, 'button');
	}

	/** A member picks values in a select menu (string, user, role, mentionable or channel select). */
	async selectMenu(inv: SelectInvocation): Promise<InteractionHandle> {
		return this.#invoker.runComponent(inv, 'select');
	}

	/** A member submits the modal the bot showed them. */
	async submitModal(inv: ModalInvocation): Promise<InteractionHandle> {
		return this.#invoker.submitModal(inv);
	}

	// ── gateway control ────────────────────────────────────────────────────────────────

	/** Closes the bot's socket with a resumable code (4000); resolves once discord.js has RESUMEd. */
	forceReconnect(opts: { code?: number; viaOpcode?: boolean; timeoutMs?: number } = {}): Promise<void> {
		return this.#core.gateway.forceReconnect(opts);
	}

	/** Sends INVALID_SESSION (not resumable): discord.js identifies again and gets READY + GUILD_CREATEs. */
	invalidateSession(): void {
		this.#core.gateway.invalidateSessions();
	}

	/** The intents of the most recent IDENTIFY, or null if the bot never identified. */
	get identifiedIntents(): number | null {
		const ev = [...this.#core.journal.events].reverse().find((e) => e.type === 'gateway_identify');
		return ev && ev.type === 'gateway_identify' ? ev.intents : null;
	}

	// ── failure injection ──────────────────────────────────────────────────────────────

	/** The next `times` requests matching method and route answer 429 (per-route, or global with `global: true`). */
	injectRateLimit(opts: InjectedRateLimit): void {
		this.#rateLimits.inject(opts);
	}

	/** A real per-route bucket: `limit` requests per `windowMs` per major parameter (channel, guild, webhook). */
	setRouteLimit(opts: RouteLimit): void {
		this.#rateLimits.setRouteLimit(opts);
	}

	// ── looking at the world ─────────────────────────────────────────────────────────────

	/** Messages in a channel, oldest first (ephemeral and deleted ones only when asked). */
	messages(channelId: string, opts: { includeEphemeral?: boolean; includeDeleted?: boolean } = {}): MessageView[] {
		const channel = this.#world.channels.get(channelId);
		if (!channel) return [];
		return channel.messageIds
			.map((id) => this.#world.messages.get(id)!)
			.filter((m) => (opts.includeDeleted || !m.deleted) && (opts.includeEphemeral || !m.visibleTo))
			.map((m) => this.#core.messageView(m));
	}

	/** One message by id, whatever its state. */
	message(messageId: string): MessageView | undefined {
		const m = this.#world.messages.get(messageId);
		return m ? this.#core.messageView(m) : undefined;
	}

	/** The bot's DM messages with a user, oldest first. */
	dms(userId: string): MessageView[] {
		const id = this.#world.dmChannels.get(userId);
		return id ? this.messages(id, { includeEphemeral: true }) : [];
	}

	dmChannelId(userId: string): string | null {
		return this.#world.dmChannels.get(userId) ?? null;
	}

	threads(parentId?: string): ThreadView[] {
		return [...this.#world.channels.values()]
			.filter((c) => c.thread && (!parentId || c.parentId === parentId))
			.map((c) => this.#threadView(c));
	}

	thread(threadId: string): ThreadView | undefined {
		const c = this.#world.channels.get(threadId);
		return c?.thread ? this.#threadView(c) : undefined;
	}

	#threadView(c: ChannelRecord): ThreadView {
		const t = c.thread!;
		return {
			id: c.id,
			parentId: c.parentId!,
			guildId: c.guildId!,
			name: c.name ?? '',
			type: c.type === ChannelType.PrivateThread ? 'private' : c.type === ChannelType.AnnouncementThread ? 'announcement' : 'public',
			channelType: c.type,
			ownerId: t.ownerId,
			archived: t.archived,
			locked: t.locked,
			invitable: c.type === ChannelType.PrivateThread ? t.invitable : null,
			autoArchiveDuration: t.autoArchiveDuration,
			memberIds: [...t.members.keys()],
			messageCount: t.messageCount,
			fromMessageId: t.fromMessageId,
			deleted: c.deleted,
		};
	}

	/** The channel as the bot would GET it, or undefined if it does not exist. */
	channel(channelId: string): APIChannel | undefined {
		const c = this.#world.channel(channelId);
		return c ? this.#world.apiChannel(c) : undefined;
	}

	member(guildId: string, userId: string): MemberInfo | undefined {
		const guild = this.#world.guild(guildId);
		const m = guild?.members.get(userId);
		if (!guild || !m) return undefined;
		return {
			id: userId,
			username: this.#world.user(userId)?.username ?? '',
			roles: [...m.roles],
			nick: m.nick,
			joinedAt: m.joinedAt,
			permissions: basePermissions(guild, userId),
		};
	}

	roles(guildId: string): APIRole[] {
		const guild = this.#requireGuild(guildId);
		return [...guild.roles.values()].sort(compareRoles).map((r) => this.#world.apiRole(r));
	}

	/** Registered commands: the guild's, or the global ones without a guild id. */
	commands(guildId?: string): APIApplicationCommand[] {
		return (this.#world.commands.get(guildId ?? 'global') ?? []).map((c) => this.#world.apiCommand(c));
	}

	// ── waiting ─────────────────────────────────────────────────────────────────────────

	/** The index of the next journal event, to wait only for what happens after this point. */
	mark(): number {
		return this.#core.journal.events.length;
	}

	/** The first journal event matching `predicate` (already recorded from `after`, or still to come). */
	waitFor<E extends JournalEvent = JournalEvent>(predicate: (ev: JournalEvent) => boolean, opts: { timeoutMs?: number; after?: number } = {}): Promise<E> {
		return this.#core.journal.waitFor<E>(predicate, opts);
	}

	/** Sugar over waitFor for one event type. */
	waitForEvent<T extends JournalEventType>(
		type: T,
		predicate: (ev: JournalEventOf<T>) => boolean = () => true,
		opts: { timeoutMs?: number; after?: number } = {},
	): Promise<JournalEventOf<T>> {
		return this.#core.journal.waitFor((ev) => ev.type === type && predicate(ev as JournalEventOf<T>), {
			...opts,
			description: `a "${type}" event`,
		});
	}

	/**
	 * The first message from the bot (or `authorId`) matching the filter, as a view: a created message, or a
	 * deferred reply once filled in ("thinking" placeholders are skipped).
	 */
	async waitForMessage(
		filter: { channelId?: string; dmUserId?: string; contains?: string | RegExp; source?: MessageSource; authorId?: string } = {},
		opts: { timeoutMs?: number; after?: number } = {},
	): Promise<MessageView> {
		const ev = await this.#core.journal.waitFor(
			(e) => {
				if (e.type !== 'message_create' && e.type !== 'message_update') return false;
				if (e.type === 'message_create' ? (e.flags & LOADING) !== 0 : !e.wasLoading) return false;
				return (
					(!filter.channelId || e.channelId === filter.channelId) &&
					(!filter.dmUserId || e.dmUserId === filter.dmUserId) &&
					(!filter.source || e.source === filter.source) &&
					(filter.authorId ? e.authorId === filter.authorId : e.authorId === this.botUserId) &&
					(filter.contains === undefined || (typeof filter.contains === 'string' ? e.content.includes(filter.contains) : filter.contains.test(e.content)))
				);
			},
			{ ...opts, description: `a message matching ${JSON.stringify({ ...filter, contains: filter.contains?.toString() })}` },
		);
		const id = ev.type === 'message_create' || ev.type === 'message_update' ? ev.messageId : '';
		return this.#core.messageView(this.#world.messages.get(id)!);
	}

	/** Calls `listener` for every journal event from now on (the demo prints them live); returns an unsubscribe function. */
	subscribe(listener: (ev: JournalEvent) => void): () => void {
		return this.#core.journal.subscribe(listener);
	}

	/** A readable line for one event, with user and channel names, or null for events a transcript leaves out. */
	describe(ev: JournalEvent, opts: TranscriptOptions = {}): string | null {
		return describeForPeople(this.#world, ev, opts);
	}

	/** What happened so far (or after `after`), as readable lines: messages, DMs, threads, clicks, roles… */
	transcript(opts: TranscriptOptions & { after?: number } = {}): string[] {
		return this.#core.journal.events
			.slice(opts.after ?? 0)
			.map((ev) => describeForPeople(this.#world, ev, opts))
			.filter((line): line is string => line !== null);
	}

	/** Throws if the bot called routes the emulator does not know (tests call this in afterEach). */
	assertNoUnknownRoutes(): void {
		if (this.unknownRoutes.length === 0) return;
		const list = this.unknownRoutes.map((r) => `  ${r.method} ${r.path}${r.query} → ${r.status}`).join('\n');
		throw new Error(`The bot called ${this.unknownRoutes.length} route(s) the Discord emulator does not implement:\n${list}`);
	}

	/** Stops the servers. Destroy discord.js clients first (a still-connected client is told to stop, not to reconnect). */
	async stop(): Promise<void> {
		if (this.#stopped) return;
		this.#stopped = true;
		this.#store.clearTimers();
		await this.#core.gateway.close();
		this.#core.journal.cancelWaiters();
		await new Promise<void>((resolve) => {
			this.#server.close(() => resolve());
			this.#server.closeAllConnections();
		});
	}
}
