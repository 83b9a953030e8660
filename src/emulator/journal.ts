import type { APIApplicationCommand, APIEmbed } from 'discord-api-types/v10';

/** One REST request the bot made, as the emulator answered it. */
export interface RequestRecord {
	index: number;
	method: string;
	/** The route template, e.g. `/channels/:channel_id/messages`; `null` for unknown routes. */
	route: string | null;
	/** The path after `/api/v10`, e.g. `/channels/123/messages`. */
	path: string;
	query: Record<string, string>;
	status: number;
	/** JSON body, or `payload_json` of a multipart body. */
	body: unknown;
	files: { field: string; name: string; contentType: string; size: number }[];
	/** Discord's error code when the answer was an error. */
	errorCode?: number;
	/** Whether the request carried the bot token (`bot`), none (`none`, as interaction webhooks do) or a wrong one. */
	auth: 'bot' | 'none' | 'invalid';
	at: number;
	durationMs: number;
}

/** Who made the message: the bot over REST, an interaction response or follow-up, Discord itself, or a member (emulated). */
export type MessageSource = 'rest' | 'interaction' | 'followup' | 'system' | 'member';

interface MessageFields {
	channelId: string;
	guildId: string | null;
	messageId: string;
	authorId: string;
	content: string;
	embeds: APIEmbed[];
	components: unknown[];
	flags: number;
	ephemeral: boolean;
	allowedMentions: unknown;
	mentions: { users: string[]; roles: string[]; everyone: boolean };
	attachments: string[];
	source: MessageSource;
	interactionId: string | null;
	/** Set when the channel is a thread: its parent. */
	parentId: string | null;
	isThread: boolean;
	/** Set when the channel is a DM: the person the bot wrote to. */
	dmUserId: string | null;
	/** Embeds Discord dropped because the bot lacked Embed Links. */
	embedsDropped: boolean;
}

export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'select' | 'modal';

/** A change in the emulated world, in the order it happened. */
export type JournalEventBody =
	| ({ type: 'message_create'; messageType: number } & MessageFields)
	| ({ type: 'message_update'; /** This edit filled in a deferred "thinking" reply. */ wasLoading: boolean } & MessageFields)
	| { type: 'message_delete'; channelId: string; messageId: string; source: MessageSource }
	| {
			type: 'thread_create';
			threadId: string;
			parentId: string;
			guildId: string;
			threadType: 'public' | 'private';
			channelType: number;
			name: string;
			fromMessageId: string | null;
			invitable: boolean | null;
			autoArchiveDuration: number;
			ownerId: string;
	  }
	| { type: 'thread_update'; threadId: string; changes: Record<string, unknown> }
	| { type: 'thread_member_add' | 'thread_member_remove'; threadId: string; userId: string }
	| { type: 'dm_channel_create'; channelId: string; userId: string; by: 'bot' | 'user' }
	| { type: 'role_add' | 'role_remove'; guildId: string; userId: string; roleId: string }
	| { type: 'pin' | 'unpin'; channelId: string; messageId: string }
	| { type: 'reaction_add' | 'reaction_remove'; channelId: string; messageId: string; emoji: string; userId: string }
	| {
			type: 'command_overwrite';
			scope: 'global' | 'guild';
			guildId: string | null;
			names: string[];
			commands: APIApplicationCommand[];
	  }
	| { type: 'command_create' | 'command_update' | 'command_delete'; guildId: string | null; commandId: string; name: string }
	| {
			type: 'interaction_create';
			interactionId: string;
			kind: InteractionKind;
			/** Command name (with subcommand, e.g. `prompt-admin schedule set`) or the component/modal custom id. */
			name: string;
			userId: string;
			guildId: string | null;
			channelId: string;
	  }
	| {
			type: 'interaction_response';
			interactionId: string;
			kind: InteractionResponseKind;
			callbackType: number | null;
			messageId: string | null;
			ephemeral: boolean;
	  }
	| { type: 'interaction_timeout'; interactionId: string; name: string }
	| { type: 'channel_create' | 'channel_update' | 'channel_delete'; channelId: string; guildId: string | null; name: string | null; channelType: number }
	| { type: 'guild_create' | 'guild_delete'; guildId: string }
	| { type: 'member_add' | 'member_remove' | 'member_update'; guildId: string; userId: string }
	| { type: 'role_create' | 'role_update' | 'role_delete'; guildId: string; roleId: string }
	| { type: 'gateway_identify'; sessionId: string; intents: number; intentNames: string[] }
	| { type: 'gateway_resume'; sessionId: string; replayed: number }
	| { type: 'gateway_close'; sessionId: string | null; code: number; reason: string; by: 'client' | 'server' }
	| { type: 'rate_limited'; method: string; route: string; path: string; global: boolean; retryAfter: number; injected: boolean };

export type JournalEvent = JournalEventBody & { seq: number; at: number };
export type JournalEventType = JournalEvent['type'];
/** The event shape for one type (types that share a shape, like `pin`/`unpin`, share it here too). */
export type JournalEventOf<T extends JournalEventType> = JournalEvent extends infer E ? (E extends { type: infer U } ? (T extends U ? E & { type: T } : never) : never) : never;

export type InteractionResponseKind =
	| 'callback'
	| 'edit_original'
	| 'delete_original'
	| 'followup'
	| 'edit_followup'
	| 'delete_followup';

/** One gateway dispatch sent to a session. */
export interface DispatchRecord {
	sessionId: string;
	t: string;
	s: number;
	d: unknown;
	at: number;
}

interface Waiter {
	predicate: (ev: JournalEvent) => boolean;
	resolve: (ev: JournalEvent) => void;
	reject: (error: Error) => void;
}

/** The record of everything the bot asked for and everything that changed; tests read and wait on it. */
export class Journal {
	readonly requests: RequestRecord[] = [];
	readonly events: JournalEvent[] = [];
	readonly dispatches: DispatchRecord[] = [];
	#waiters = new Set<Waiter>();
	#subscribers = new Set<(ev: JournalEvent) => void>();

	/** Calls `fn` for every event from now on; returns the unsubscribe function. */
	subscribe(fn: (ev: JournalEvent) => void): () => void {
		this.#subscribers.add(fn);
		return () => this.#subscribers.delete(fn);
	}

	record(body: JournalEventBody): JournalEvent {
		const ev = { ...body, seq: this.events.length, at: Date.now() } as JournalEvent;
		this.events.push(ev);
		for (const fn of [...this.#subscribers]) {
			try {
				fn(ev);
			} catch {
				// A subscriber's failure must not break the emulator's own bookkeeping.
			}
		}
		for (const w of [...this.#waiters]) {
			let matched = false;
			try {
				matched = w.predicate(ev);
			} catch {
				matched = false;
			}
			if (matched) {
				this.#waiters.delete(w);
				w.resolve(ev);
			}
		}
		return ev;
	}

	recordRequest(r: Omit<RequestRecord, 'index'>): RequestRecord {
		const rec = { ...r, index: this.requests.length };
		this.requests.push(rec);
		return rec;
	}

	/**
	 * Resolves with the first event (already recorded, from index `after`, or future) matching `predicate`.
	 * Rejects after `timeoutMs` with the most recent events listed, so a failing test shows what did happen.
	 */
	waitFor<E extends JournalEvent = JournalEvent>(
		predicate: (ev: JournalEvent) => boolean,
		opts: { timeoutMs?: number; after?: number; description?: string } = {},
	): Promise<E> {
		const { timeoutMs = 5000, after = 0 } = opts;
		for (let i = Math.max(0, after); i < this.events.length; i++) {
			const ev = this.events[i]!;
			if (predicate(ev)) return Promise.resolve(ev as E);
		}
		return new Promise<E>((resolve, reject) => {
			const waiter: Waiter = {
				predicate: (ev) => ev.seq >= after && predicate(ev),
				resolve: (ev) => {
					clearTimeout(timer);
					resolve(ev as E);
				},
				reject: (error) => {
					clearTimeout(timer);
					reject(error);
				},
			};
			const timer = setTimeout(() => {
				this.#waiters.delete(waiter);
				const recent = this.events.slice(-15).map(describeEvent).join('\n  ');
				reject(
					new Error(
						`Timed out after ${timeoutMs}ms waiting for ${opts.description ?? 'a matching journal event'}.\n` +
							`Most recent events (${this.events.length} in all):\n  ${recent || '(none)'}`,
					),
				);
			}, timeoutMs);
			this.#waiters.add(waiter);
		});
	}

	/** Fails every pending wait (the emulator stopped: nothing more will happen). */
	cancelWaiters(): void {
		for (const w of this.#waiters) w.reject(new Error('The Discord emulator stopped while a test was still waiting for an event.'));
		this.#waiters.clear();
		this.#subscribers.clear();
	}
}

/** A one-line summary of an event, for error messages and logs. */
export function describeEvent(ev: JournalEventBody & { seq?: number }): string {
	const prefix = ev.seq === undefined ? '' : `#${ev.seq} `;
	switch (ev.type) {
		case 'message_create':
		case 'message_update': {
			const what = [
				ev.content ? JSON.stringify(truncate(ev.content, 80)) : null,
				ev.embeds.length ? `${ev.embeds.length} embed(s)` : null,
				ev.components.length ? `${ev.components.length} component row(s)` : null,
				ev.attachments.length ? `files ${ev.attachments.join(', ')}` : null,
			]
				.filter(Boolean)
				.join(', ');
			return `${prefix}${ev.type} in ${ev.channelId}${ev.ephemeral ? ' (ephemeral)' : ''} via ${ev.source}: ${what || '(empty)'}`;
		}
		case 'interaction_create':
			return `${prefix}interaction_create ${ev.kind} "${ev.name}" by ${ev.userId}`;
		case 'interaction_response':
			return `${prefix}interaction_response ${ev.kind}${ev.callbackType === null ? '' : ` type ${ev.callbackType}`}${ev.ephemeral ? ' (ephemeral)' : ''}`;
		case 'rate_limited':
			return `${prefix}rate_limited ${ev.method} ${ev.path}${ev.global ? ' (global)' : ''} retry after ${ev.retryAfter}s`;
		default: {
			const { type, ...rest } = ev as { type: string } & Record<string, unknown>;
			delete rest['seq'];
			delete rest['at'];
			return `${prefix}${type} ${JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
		}
	}
}

function truncate(s: string, n: number): string {
	return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
