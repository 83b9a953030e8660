import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Journal } from './journal.js';

/** Intents a bot may only use once they are switched on in the developer portal. */
export const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

const ALL_INTENTS = Object.values(GatewayIntentBits)
	.filter((v): v is number => typeof v === 'number')
	.reduce((a, b) => a | b, 0);

export function intentNames(intents: number): string[] {
	const names: string[] = [];
	for (const [name, bit] of Object.entries(GatewayIntentBits)) {
		if (typeof bit !== 'number' || name === 'GuildBans' || name === 'GuildEmojisAndStickers') continue;
		if ((intents & bit) === bit) names.push(name);
	}
	return names;
}

export interface GatewaySession {
	id: string;
	intents: number;
	seq: number;
	/** Sent dispatches, kept so a RESUME can replay what the bot missed. */
	buffer: { op: 0; t: string; s: number; d: unknown }[];
	socket: WebSocket | null;
	ready: boolean;
	/** When the socket went away; the session can be resumed for a while after. */
	disconnectedAt: number | null;
	properties: unknown;
}

/** What the gateway asks of the rest of the emulator. */
export interface GatewayHost {
	token: string;
	journal: Journal;
	log: (line: string) => void;
	/** Loud warnings (misconfiguration) go here whatever the log setting. */
	warn: (line: string) => void;
	heartbeatIntervalMs: number;
	privilegedIntents: number;
	gatewayUrl: () => string;
	readyPayload: (session: GatewaySession) => Record<string, unknown>;
	/** GUILD_CREATE payloads for every guild the bot is in, sent right after READY. */
	guildCreates: (session: GatewaySession) => Record<string, unknown>[];
	/** The GUILD_MEMBERS_CHUNK answering a REQUEST_GUILD_MEMBERS, or null when Discord would not answer. */
	memberChunk: (session: GatewaySession, request: Record<string, unknown>) => Record<string, unknown> | null;
}

interface Connection {
	socket: WebSocket;
	session: GatewaySession | null;
	/** Set when the emulator closed the socket, so the close is journaled once, as the server's. */
	closedByServer: { code: number; reason: string } | null;
}

/** Discord's gateway over `ws`: HELLO, heartbeats, IDENTIFY/READY, GUILD_CREATE, RESUME with replay, intents. */
export class Gateway {
	readonly #wss = new WebSocketServer({ noServer: true });
	readonly #sessions = new Map<string, GatewaySession>();
	readonly #connections = new Set<Connection>();
	#resumeWaiters: (() => void)[] = [];

	constructor(private readonly host: GatewayHost) {}

	attach(server: Server): void {
		server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			const url = new URL(req.url ?? '/', 'http://emulator.local');
			if (url.pathname !== '/gateway' && url.pathname !== '/gateway/') {
				socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
				return;
			}
			this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, url));
		});
	}

	get sessions(): GatewaySession[] {
		return [...this.#sessions.values()];
	}

	/** Sessions that are identified and not invalidated (connected or waiting to resume). */
	get liveSessions(): GatewaySession[] {
		return this.sessions.filter((s) => s.ready);
	}

	#onConnection(socket: WebSocket, url: URL): void {
		const conn: Connection = { socket, session: null, closedByServer: null };
		this.#connections.add(conn);
		const v = url.searchParams.get('v');
		const encoding = url.searchParams.get('encoding') ?? 'json';
		const compress = url.searchParams.get('compress');
		if (v !== null && v !== '10') {
			this.#refuse(conn, GatewayCloseCodes.InvalidAPIVersion, `Hearth's Discord emulator only speaks gateway v10 (asked for v${v}).`);
			return;
		}
		if (encoding !== 'json' || compress) {
			this.#refuse(
				conn,
				GatewayCloseCodes.InvalidAPIVersion,
				`Hearth's Discord emulator only supports encoding=json without transport compression ` +
					`(asked for encoding=${encoding}${compress ? `, compress=${compress}` : ''}). Uninstall zlib-sync/erlpack or turn compression off.`,
			);
			return;
		}
		socket.on('message', (raw, isBinary) => this.#onMessage(conn, raw.toString(), isBinary));
		socket.on('close', (code, reason) => this.#onClose(conn, code, reason.toString()));
		socket.on('error', () => undefined);
		this.#send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.host.heartbeatIntervalMs, _trace: ['["hearth-emulator",{"micros":0}]'] } });
	}

	#refuse(conn: Connection, code: number, reason: string): void {
		this.host.warn(`[gateway] closing connection ${code}: ${reason}`);
		this.#serverClose(conn, code, reason);
	}

	#serverClose(conn: Connection, code: number, reason: string): void {
		conn.closedByServer = { code, reason };
		this.host.journal.record({ type: 'gateway_close', sessionId: conn.session?.id ?? null, code, reason, by: 'server' });
		// Close reasons are limited to 123 bytes.
		conn.socket.close(code, reason.slice(0, 120));
	}

	#send(conn: Connection, payload: Record<string, unknown>): void {
		if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(payload));
	}

	#onMessage(conn: Connection, text: string, isBinary: boolean): void {
		let payload: { op?: unknown; d?: unknown };
		try {
			payload = JSON.parse(text) as { op?: unknown; d?: unknown };
		} catch {
			this.#refuse(conn, GatewayCloseCodes.DecodeError, `Could not decode ${isBinary ? 'binary' : 'text'} payload as JSON.`);
			return;
		}
		switch (payload.op) {
			case GatewayOpcodes.Heartbeat:
				this.#send(conn, { op: GatewayOpcodes.HeartbeatAck });
				return;
			case GatewayOpcodes.Identify:
				this.#identify(conn, payload.d as Record<string, unknown>);
				return;
			case GatewayOpcodes.Resume:
				this.#resume(conn, payload.d as Record<string, unknown>);
				return;
			case GatewayOpcodes.RequestGuildMembers: {
				if (!conn.session) {
					this.#refuse(conn, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
					return;
				}
				const session = conn.session;
				const request = (payload.d ?? {}) as Record<string, unknown>;
				if (request['query'] === undefined && request['user_ids'] === undefined) {
					this.#refuse(conn, GatewayCloseCodes.UnknownOpcode, 'Request Guild Members needs query or user_ids.');
					return;
				}
				const chunk = this.host.memberChunk(session, request);
				if (chunk) setImmediate(() => this.#dispatchTo(session, 'GUILD_MEMBERS_CHUNK', chunk));
				return;
			}
			case GatewayOpcodes.PresenceUpdate:
			case GatewayOpcodes.VoiceStateUpdate:
			case GatewayOpcodes.RequestSoundboardSounds:
				if (!conn.session) this.#refuse(conn, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
				return;
			default:
				this.#refuse(conn, GatewayCloseCodes.UnknownOpcode, `Unknown opcode ${String(payload.op)}.`);
		}
	}

	#identify(conn: Connection, d: Record<string, unknown> | undefined): void {
		if (conn.session) {
			this.#refuse(conn, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
			return;
		}
		const token = String(d?.['token'] ?? '').replace(/^Bot\s+/i, '');
		if (token !== this.host.token) {
			this.#refuse(conn, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
			return;
		}
		const intents = d?.['intents'];
		if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
			this.#refuse(conn, GatewayCloseCodes.InvalidIntents, `Invalid intent(s): ${JSON.stringify(intents)}.`);
			return;
		}
		const disallowed = intents & PRIVILEGED_INTENTS & ~this.host.privilegedIntents;
		if (disallowed) {
			this.#refuse(
				conn,
				GatewayCloseCodes.DisallowedIntents,
				`Disallowed intent(s): ${intentNames(disallowed).join(', ')} (privileged; pass privilegedIntents to the emulator to allow).`,
			);
			return;
		}
		const shard = d?.['shard'];
		if (Array.isArray(shard) && (shard[0] !== 0 || shard[1] !== 1)) {
			this.#refuse(conn, GatewayCloseCodes.InvalidShard, `Invalid shard ${JSON.stringify(shard)}: the emulator recommends 1 shard.`);
			return;
		}
		const session: GatewaySession = {
			id: randomBytes(16).toString('hex'),
			intents,
			seq: 0,
			buffer: [],
			socket: conn.socket,
			ready: true,
			disconnectedAt: null,
			properties: d?.['properties'],
		};
		this.#sessions.set(session.id, session);
		conn.session = session;
		this.host.journal.record({ type: 'gateway_identify', sessionId: session.id, intents, intentNames: intentNames(intents) });
		this.host.log(`[gateway] IDENTIFY intents=${intents} (${intentNames(intents).join(', ') || 'none'})`);
		this.#dispatchTo(session, 'READY', this.host.readyPayload(session));
		// Guilds arrive just after READY, as on Discord; promptly, so discord.js never waits for waitGuildTimeout.
		setImmediate(() => {
			if (!session.ready) return;
			for (const guild of this.host.guildCreates(session)) this.#dispatchTo(session, 'GUILD_CREATE', guild);
		});
	}

	#resume(conn: Connection, d: Record<string, unknown> | undefined): void {
		const token = String(d?.['token'] ?? '').replace(/^Bot\s+/i, '');
		if (token !== this.host.token) {
			this.#refuse(conn, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
			return;
		}
		const session = this.#sessions.get(String(d?.['session_id'] ?? ''));
		const seq = Number(d?.['seq'] ?? -1);
		if (!session || !session.ready || seq > session.seq) {
			this.host.log(`[gateway] RESUME refused (unknown or invalid session): INVALID_SESSION`);
			this.#send(conn, { op: GatewayOpcodes.InvalidSession, d: false });
			return;
		}
		if (session.socket && session.socket !== conn.socket) session.socket.close(4000, 'Session resumed elsewhere');
		session.socket = conn.socket;
		session.disconnectedAt = null;
		conn.session = session;
		const missed = session.buffer.filter((p) => p.s > seq);
		for (const p of missed) this.#send(conn, p);
		this.#dispatchTo(session, 'RESUMED', {});
		this.host.journal.record({ type: 'gateway_resume', sessionId: session.id, replayed: missed.length });
		this.host.log(`[gateway] RESUMED session ${session.id.slice(0, 8)}, replayed ${missed.length} event(s)`);
		const waiters = this.#resumeWaiters;
		this.#resumeWaiters = [];
		for (const w of waiters) w();
	}

	#onClose(conn: Connection, code: number, reason: string): void {
		this.#connections.delete(conn);
		const session = conn.session;
		if (!session || session.socket !== conn.socket) return;
		session.socket = null;
		session.disconnectedAt = Date.now();
		// A clean close (1000/1001) from the client ends the session; other codes leave it resumable.
		if (!conn.closedByServer && (code === 1000 || code === 1001)) session.ready = false;
		if (conn.closedByServer) return;
		this.host.journal.record({ type: 'gateway_close', sessionId: session.id, code, reason, by: 'client' });
		this.host.log(`[gateway] client closed ${code}${reason ? ` (${reason})` : ''}`);
	}

	#dispatchTo(session: GatewaySession, t: string, d: unknown): void {
		session.seq++;
		const payload = { op: 0 as const, t, s: session.seq, d };
		session.buffer.push(payload);
		if (session.buffer.length > 5000) session.buffer.splice(0, session.buffer.length - 5000);
		this.host.journal.dispatches.push({ sessionId: session.id, t, s: session.seq, d, at: Date.now() });
		if (session.socket && session.socket.readyState === session.socket.OPEN) {
			session.socket.send(JSON.stringify(payload));
		}
		if (t !== 'READY' && t !== 'GUILD_CREATE') this.host.log(`[gateway] → ${t} s=${session.seq}`);
	}

	/**
	 * Sends a dispatch to every live session whose intents cover `intent` (any bit), after `shape` adapts the
	 * data to that session (returning null skips it). Disconnected but resumable sessions buffer it for replay.
	 */
	dispatch(
		t: string,
		data: unknown | ((session: GatewaySession) => unknown),
		opts: { intent?: number; filter?: (session: GatewaySession) => boolean } = {},
	): void {
		for (const session of this.liveSessions) {
			if (opts.intent !== undefined && (session.intents & opts.intent) === 0) continue;
			if (opts.filter && !opts.filter(session)) continue;
			const d = typeof data === 'function' ? (data as (s: GatewaySession) => unknown)(session) : data;
			if (d === null) continue;
			this.#dispatchTo(session, t, d);
		}
	}

	/** Closes every connected socket with a resumable code (4000); resolves when all of them have resumed. */
	async forceReconnect(opts: { code?: number; viaOpcode?: boolean; timeoutMs?: number } = {}): Promise<void> {
		const connected = this.liveSessions.filter((s) => s.socket);
		if (connected.length === 0) throw new Error('forceReconnect: no bot is connected to the gateway.');
		const resumed = new Promise<void>((resolve, reject) => {
			let left = connected.length;
			const timer = setTimeout(
				() => reject(new Error(`forceReconnect: the bot did not RESUME within ${opts.timeoutMs ?? 10_000}ms.`)),
				opts.timeoutMs ?? 10_000,
			);
			for (let i = 0; i < connected.length; i++) {
				this.#resumeWaiters.push(() => {
					if (--left === 0) {
						clearTimeout(timer);
						resolve();
					}
				});
			}
		});
		for (const session of connected) {
			const conn = [...this.#connections].find((c) => c.socket === session.socket);
			if (!conn) continue;
			if (opts.viaOpcode) conn.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
			else this.#serverClose(conn, opts.code ?? GatewayCloseCodes.UnknownError, 'Forced reconnect by the emulator');
		}
		await resumed;
	}

	/** Sends INVALID_SESSION (not resumable): the bot must identify again. */
	invalidateSessions(): void {
		for (const session of this.liveSessions) {
			session.ready = false;
			if (session.socket) session.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
		}
	}

	async close(): Promise<void> {
		for (const conn of this.#connections) {
			// 4004 is one of discord.js's unrecoverable codes: a forgotten client stops instead of reconnecting forever.
			try {
				this.#serverClose(conn, GatewayCloseCodes.AuthenticationFailed, 'Emulator stopped');
			} catch {
				conn.socket.terminate();
			}
		}
		await new Promise<void>((resolve) => setTimeout(resolve, 20));
		for (const conn of this.#connections) conn.socket.terminate();
		this.#connections.clear();
		await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
	}
}
