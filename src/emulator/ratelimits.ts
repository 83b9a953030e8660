import { createHash } from 'node:crypto';
import { normalizeTemplate } from './http.js';

/** A 429 the emulator will answer to the next matching requests (failure injection for tests). */
export interface InjectedRateLimit {
	method?: string;
	/** A route template (`/channels/:id/messages`) or an exact path (`/channels/123/messages`). */
	route: string;
	/** How many matching requests answer 429 (default 1). */
	times?: number;
	/** Seconds Discord asks the client to wait (default 1; fractions allowed to keep tests fast). */
	retryAfterSec?: number;
	/** A global rate limit instead of a per-route one. */
	global?: boolean;
}

export interface RouteLimit {
	route: string;
	method?: string;
	limit: number;
	windowMs: number;
}

interface Bucket {
	limit: number;
	windowMs: number;
	remaining: number;
	resetAt: number;
}

export interface RateLimitVerdict {
	/** Headers to send on any answer for this request. */
	headers: Record<string, string>;
	/** Set when the request must answer 429. */
	limited?: { body: { message: string; retry_after: number; global: boolean }; retryAfter: number; global: boolean; injected: boolean };
}

/** Discord's limits that matter to a bot like Hearth, used when `realisticRateLimits` is on. */
const REALISTIC: RouteLimit[] = [
	{ method: 'POST', route: '/channels/:_/messages', limit: 5, windowMs: 5000 },
	{ method: 'PATCH', route: '/channels/:_/messages/:_', limit: 5, windowMs: 5000 },
	{ method: 'DELETE', route: '/channels/:_/messages/:_', limit: 5, windowMs: 1000 },
	{ method: 'PUT', route: '/channels/:_/messages/:_/reactions/:_/@me', limit: 1, windowMs: 250 },
	{ method: 'PUT', route: '/guilds/:_/members/:_/roles/:_', limit: 10, windowMs: 10_000 },
	{ method: 'DELETE', route: '/guilds/:_/members/:_/roles/:_', limit: 10, windowMs: 10_000 },
	{ method: 'POST', route: '/users/@me/channels', limit: 5, windowMs: 5000 },
	{ method: 'PUT', route: '/applications/:_/commands', limit: 2, windowMs: 60_000 },
	{ method: 'PUT', route: '/applications/:_/guilds/:_/commands', limit: 2, windowMs: 60_000 },
];

const MAJOR_PARAMS = ['channel_id', 'guild_id', 'webhook_id', 'webhook_token', 'interaction_id'];

/** Per-route buckets, a global per-token limit, and injected 429s, answered with Discord's headers. */
export class RateLimits {
	#buckets = new Map<string, Bucket>();
	#limits: RouteLimit[];
	#injections: (InjectedRateLimit & { remaining: number })[] = [];
	#global = { count: 0, windowStart: 0 };

	constructor(
		private readonly globalPerSecond: number,
		realistic: boolean,
		private readonly defaultLimit: { limit: number; windowMs: number } = { limit: 1000, windowMs: 1000 },
	) {
		this.#limits = realistic ? REALISTIC.map((l) => ({ ...l })) : [];
	}

	inject(opts: InjectedRateLimit): void {
		this.#injections.push({ ...opts, remaining: opts.times ?? 1 });
	}

	setRouteLimit(limit: RouteLimit): void {
		const route = normalizeTemplate(limit.route);
		this.#limits = this.#limits.filter((l) => !(l.route === route && l.method === limit.method));
		this.#limits.unshift({ ...limit, route });
		// A new limit starts with fresh buckets for that route.
		for (const key of [...this.#buckets.keys()]) if (key.includes(` ${route} `)) this.#buckets.delete(key);
	}

	get pendingInjections(): number {
		return this.#injections.reduce((n, i) => n + i.remaining, 0);
	}

	check(req: {
		method: string;
		template: string;
		path: string;
		params: Record<string, string>;
		countsTowardGlobal: boolean;
	}): RateLimitVerdict {
		const now = Date.now();
		const norm = normalizeTemplate(req.template);
		const hash = createHash('md5').update(`${req.method} ${norm}`).digest('hex');
		const major = MAJOR_PARAMS.map((p) => req.params[p]).filter(Boolean).join(':') || 'global';
		const key = `${req.method} ${norm} ${major}`;
		const limitDef = this.#limits.find((l) => l.route === norm && (!l.method || l.method === req.method)) ?? this.defaultLimit;

		let bucket = this.#buckets.get(key);
		if (!bucket || bucket.resetAt <= now || bucket.limit !== limitDef.limit) {
			bucket = { limit: limitDef.limit, windowMs: limitDef.windowMs, remaining: limitDef.limit, resetAt: now + limitDef.windowMs };
			this.#buckets.set(key, bucket);
		}
		const bucketHeaders = (remaining: number, resetAfterSec: number): Record<string, string> => ({
			'X-RateLimit-Limit': String(bucket.limit),
			'X-RateLimit-Remaining': String(remaining),
			'X-RateLimit-Reset': ((now + resetAfterSec * 1000) / 1000).toFixed(3),
			'X-RateLimit-Reset-After': resetAfterSec.toFixed(3),
			'X-RateLimit-Bucket': hash,
		});

		// Injected limits come first: they stand for limits the emulator cannot otherwise produce.
		const injection = this.#injections.find(
			(i) =>
				i.remaining > 0 &&
				(!i.method || i.method.toUpperCase() === req.method) &&
				(i.route.includes(':') ? normalizeTemplate(i.route) === norm : i.route.replace(/\/$/, '') === req.path),
		);
		if (injection) {
			injection.remaining--;
			if (injection.remaining === 0) this.#injections.splice(this.#injections.indexOf(injection), 1);
			const retryAfter = injection.retryAfterSec ?? 1;
			if (injection.global) return this.#globalLimited(retryAfter, true);
			return {
				headers: {
					...bucketHeaders(0, retryAfter),
					'Retry-After': formatSeconds(retryAfter),
					'X-RateLimit-Scope': 'user',
				},
				limited: {
					body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
					retryAfter,
					global: false,
					injected: true,
				},
			};
		}

		if (req.countsTowardGlobal) {
			if (now - this.#global.windowStart >= 1000) this.#global = { count: 0, windowStart: now };
			if (this.#global.count >= this.globalPerSecond) {
				const retryAfter = Math.max(0.001, (this.#global.windowStart + 1000 - now) / 1000);
				return this.#globalLimited(retryAfter, false);
			}
		}

		if (bucket.remaining <= 0) {
			const retryAfter = Math.max(0.001, (bucket.resetAt - now) / 1000);
			return {
				headers: { ...bucketHeaders(0, retryAfter), 'Retry-After': formatSeconds(retryAfter), 'X-RateLimit-Scope': 'user' },
				limited: {
					body: { message: 'You are being rate limited.', retry_after: round3(retryAfter), global: false },
					retryAfter: round3(retryAfter),
					global: false,
					injected: false,
				},
			};
		}
		bucket.remaining--;
		if (req.countsTowardGlobal) this.#global.count++;
		return { headers: bucketHeaders(bucket.remaining, (bucket.resetAt - now) / 1000) };
	}

	#globalLimited(retryAfter: number, injected: boolean): RateLimitVerdict {
		return {
			headers: {
				'Retry-After': formatSeconds(retryAfter),
				'X-RateLimit-Global': 'true',
				'X-RateLimit-Scope': 'global',
			},
			limited: {
				body: { message: 'You are being rate limited.', retry_after: round3(retryAfter), global: true },
				retryAfter: round3(retryAfter),
				global: true,
				injected,
			},
		};
	}
}

function round3(n: number): number {
	return Math.round(n * 1000) / 1000;
}

/** Seconds for the Retry-After header; fractions kept so short waits stay short in tests. */
function formatSeconds(n: number): string {
	return String(round3(n));
}
