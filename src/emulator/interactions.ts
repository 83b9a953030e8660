import { MessageFlags, MessageType } from 'discord-api-types/v10';
import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord-api-types/v10';
import { INTERACTION_MESSAGE_FLAGS, type Core, type MessageView, type SentFile } from './core.js';
import { ApiErrors, formError } from './errors.js';
import { shortPath, type ApiRequest, type ApiResponse, type Router } from './http.js';
import type { InteractionKind, InteractionResponseKind } from './journal.js';
import { autocompleteDataSchema, callbackSchema, modalDataSchema, parseBody } from './validation.js';
import { EPHEMERAL, LOADING, type MessageRecord } from './world.js';

export const CALLBACK_NAMES: Record<number, string> = {
	1: 'pong',
	4: 'reply',
	5: 'defer',
	6: 'deferred update',
	7: 'update',
	8: 'autocomplete result',
	9: 'modal',
	10: 'premium required',
	12: 'launch activity',
};

/** One thing the bot did in answer to an interaction: a callback, an edit of @original, a follow-up… */
export interface InteractionResponseRecord {
	kind: InteractionResponseKind;
	/** The callback type (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal) for `callback`. */
	callbackType: number | null;
	/** Same as callbackType (null for edits, deletes and follow-ups). */
	type: number | null;
	messageId: string | null;
	flags: number;
	ephemeral: boolean;
	content: string | null;
	embeds: APIEmbed[];
	components: unknown[];
	/** Uploaded files with their bytes. */
	attachments: SentFile[];
	choices?: APIApplicationCommandOptionChoice[];
	modal?: ShownModal;
	/** The JSON body as the bot sent it. */
	body: unknown;
	at: number;
}

export interface ShownModal {
	customId: string;
	title: string;
	components: unknown[];
	interactionId: string;
	userId: string;
	channelId: string;
	guildId: string | null;
	/** The message whose component opened the modal, if any. */
	sourceMessageId: string | null;
	at: number;
}

export interface InteractionState {
	id: string;
	token: string;
	/** InteractionType: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
	type: number;
	kind: InteractionKind;
	name: string;
	guildId: string | null;
	channelId: string;
	userId: string;
	commandType: number | null;
	commandName: string | null;
	payload: Record<string, unknown>;
	createdAt: number;
	ack: { type: number; at: number } | null;
	expired: boolean;
	originalMessageId: string | null;
	sourceMessageId: string | null;
	followUpIds: string[];
	responses: InteractionResponseRecord[];
	choices: APIApplicationCommandOptionChoice[] | null;
	modal: ShownModal | null;
	timer: NodeJS.Timeout | null;
	listeners: Set<() => void>;
}

export class InteractionStore {
	readonly byId = new Map<string, InteractionState>();
	readonly byToken = new Map<string, InteractionState>();
	readonly shownModals: ShownModal[] = [];

	add(state: InteractionState): void {
		this.byId.set(state.id, state);
		this.byToken.set(state.token, state);
	}

	notify(state: InteractionState): void {
		for (const l of [...state.listeners]) l();
	}

	clearTimers(): void {
		for (const s of this.byId.values()) if (s.timer) clearTimeout(s.timer);
	}
}

/** Summarises what the bot did for an interaction, for failure messages. */
export function describeInteraction(core: Core, state: InteractionState): string {
	const lines = [`Interaction ${state.id} (${state.kind} "${state.name}" by user ${state.userId} in channel ${state.channelId})`];
	for (const r of state.responses) {
		const what = r.kind === 'callback' ? `callback type ${r.callbackType} (${CALLBACK_NAMES[r.callbackType ?? 0] ?? '?'})` : r.kind;
		const text = r.content ? ` ${JSON.stringify(r.content.slice(0, 80))}` : '';
		lines.push(`  +${r.at - state.createdAt}ms ${what}${r.ephemeral ? ' (ephemeral)' : ''}${text}${r.embeds.length ? ` ${r.embeds.length} embed(s)` : ''}`);
	}
	const failures = core.journal.requests.filter((q) => q.at >= state.createdAt && q.status >= 400);
	for (const q of failures.slice(-10)) {
		lines.push(`  +${q.at - state.createdAt}ms REST ${q.status} ${q.method} ${shortPath(q.path)}${q.errorCode !== undefined ? ` (code ${q.errorCode})` : ''}`);
	}
	if (state.responses.length === 0 && failures.length === 0) lines.push('  (the bot did nothing: no callback, no REST error)');
	if (state.expired) lines.push(`  the interaction expired unacknowledged: the member saw "The application did not respond"`);
	return lines.join('\n');
}

/** A test's handle on one interaction: what the bot answered, and waits for it. */
export class InteractionHandle {
	constructor(
		private readonly core: Core,
		private readonly state: InteractionState,
	) {}

	get id(): string {
		return this.state.id;
	}
	get token(): string {
		return this.state.token;
	}
	get kind(): InteractionKind {
		return this.state.kind;
	}
	/** The INTERACTION_CREATE payload as dispatched. */
	get payload(): Record<string, unknown> {
		return this.state.payload;
	}
	/** Every callback, @original edit/delete and follow-up, in order. */
	get responses(): readonly InteractionResponseRecord[] {
		return this.state.responses;
	}
	get acknowledged(): boolean {
		return this.state.ack !== null;
	}
	/** The callback type the bot acknowledged with, if any. */
	get callbackType(): number | null {
		return this.state.ack?.type ?? null;
	}
	/** True once the interaction expired unacknowledged. */
	get expired(): boolean {
		return this.state.expired;
	}
	/** The current state of @original (the reply, the deferred message, or the component's message). */
	get original(): MessageView | null {
		const m = this.state.originalMessageId ? this.core.world.messages.get(this.state.originalMessageId) : undefined;
		return m && !m.deleted ? this.core.messageView(m) : null;
	}
	get followUps(): MessageView[] {
		return this.state.followUpIds.map((id) => this.core.world.messages.get(id)!).map((m) => this.core.messageView(m));
	}

	describe(): string {
		return describeInteraction(this.core, this.state);
	}

	#wait<T>(check: () => T | undefined | Error, timeoutMs: number, what: string): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const evaluate = (): boolean => {
				let result: T | undefined | Error;
				try {
					result = check();
				} catch (error) {
					result = error as Error;
				}
				if (result === undefined) return false;
				cleanup();
				if (result instanceof Error) reject(result);
				else resolve(result);
				return true;
			};
			const listener = (): void => void evaluate();
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`Timed out after ${timeoutMs}ms waiting for ${what}.\n${this.describe()}`));
			}, timeoutMs);
			const cleanup = (): void => {
				clearTimeout(timer);
				this.state.listeners.delete(listener);
			};
			this.state.listeners.add(listener);
			evaluate();
		});
	}

	#defaultTimeout(): number {
		return Math.max(5000, this.core.options.interactionTimeoutMs + 2000);
	}

	/**
	 * The first message the member sees: the type-4 reply; after a defer (5), @original once edited or the first
	 * follow-up; after an update (7) or a deferred update (6) then edit, the component's message.
	 */
	reply(opts: { timeoutMs?: number } = {}): Promise<MessageView> {
		return this.#wait<MessageView>(
			() => {
				const ack = this.state.ack;
				if (ack?.type === 9) return new Error(`The bot answered with a modal, not a message; use modal().\n${this.describe()}`);
				if (ack?.type === 8) return new Error(`This is an autocomplete interaction; use choices().\n${this.describe()}`);
				if (!ack) {
					if (this.state.expired) return new Error(`The bot did not acknowledge the interaction in time.\n${this.describe()}`);
					return undefined;
				}
				const firstFollowUpId = this.#followUpMessageIds()[0];
				const firstFollowUp = firstFollowUpId ? this.core.messageView(this.core.world.messages.get(firstFollowUpId)!) : undefined;
				if (ack.type === 6) {
					// A deferred update shows nothing new until @original is edited or a follow-up is sent.
					if (this.state.responses.some((r) => r.kind === 'edit_original')) return this.original ?? undefined;
					return firstFollowUp;
				}
				const original = this.original;
				if (original && !original.loading) return original;
				return firstFollowUp;
			},
			opts.timeoutMs ?? this.#defaultTimeout(),
			'a visible reply',
		);
	}

	/** The callback itself (whatever its type). */
	acknowledgement(opts: { timeoutMs?: number } = {}): Promise<InteractionResponseRecord> {
		return this.#wait(
			() => {
				const first = this.state.responses.find((r) => r.kind === 'callback');
				if (first) return first;
				if (this.state.expired) return new Error(`The bot did not acknowledge the interaction in time.\n${this.describe()}`);
				return undefined;
			},
			opts.timeoutMs ?? this.#defaultTimeout(),
			'the interaction callback',
		);
	}

	/** The n-th follow-up message (1-based), as it is now. */
	waitForFollowUp(n = 1, opts: { timeoutMs?: number } = {}): Promise<MessageView> {
		return this.#wait(
			() => {
				const ids = this.#followUpMessageIds();
				const id = ids[n - 1];
				if (!id) return this.state.expired && !this.state.ack ? new Error(`The interaction expired unacknowledged.\n${this.describe()}`) : undefined;
				return this.core.messageView(this.core.world.messages.get(id)!);
			},
			opts.timeoutMs ?? this.#defaultTimeout(),
			`follow-up #${n}`,
		);
	}

	/** The first `count` follow-up messages. */
	async waitForFollowUps(count: number, opts: { timeoutMs?: number } = {}): Promise<MessageView[]> {
		await this.waitForFollowUp(count, opts);
		return this.#followUpMessageIds()
			.slice(0, count)
			.map((id) => this.core.messageView(this.core.world.messages.get(id)!));
	}

	/** Messages created through the follow-up route, including the deferred message a first follow-up fills in. */
	#followUpMessageIds(): string[] {
		return this.state.responses.filter((r) => r.kind === 'followup' && r.messageId).map((r) => r.messageId!);
	}

	/** The modal the bot showed (callback type 9). */
	modal(opts: { timeoutMs?: number } = {}): Promise<ShownModal> {
		return this.#wait(
			() => {
				if (this.state.modal) return this.state.modal;
				if (this.state.ack) return new Error(`The bot answered with callback type ${this.state.ack.type}, not a modal.\n${this.describe()}`);
				if (this.state.expired) return new Error(`The bot did not acknowledge the interaction in time.\n${this.describe()}`);
				return undefined;
			},
			opts.timeoutMs ?? this.#defaultTimeout(),
			'a modal',
		);
	}

	/** The autocomplete choices the bot offered (callback type 8). */
	choices(opts: { timeoutMs?: number } = {}): Promise<APIApplicationCommandOptionChoice[]> {
		return this.#wait(
			() => {
				if (this.state.choices) return this.state.choices;
				if (this.state.expired) return new Error(`The bot did not answer the autocomplete in time.\n${this.describe()}`);
				return undefined;
			},
			opts.timeoutMs ?? this.#defaultTimeout(),
			'autocomplete choices',
		);
	}

	/** Resolves when a response matching `predicate` has been recorded. */
	waitForResponse(predicate: (r: InteractionResponseRecord) => boolean, opts: { timeoutMs?: number } = {}): Promise<InteractionResponseRecord> {
		return this.#wait(() => this.state.responses.find(predicate), opts.timeoutMs ?? this.#defaultTimeout(), 'a matching response');
	}

	/** Resolves once the interaction expired unacknowledged (for tests of the 3-second rule). */
	waitForExpiry(opts: { timeoutMs?: number } = {}): Promise<void> {
		return this.#wait(
			() => (this.state.expired ? true : this.state.ack ? new Error(`The bot acknowledged the interaction.\n${this.describe()}`) : undefined),
			opts.timeoutMs ?? this.#defaultTimeout(),
			'the interaction to expire',
		).then(() => undefined);
	}
}

// ── REST routes ───────────────────────────────────────────────────────────────────

const MESSAGE_TYPE_FOR_COMMAND: Record<number, MessageType> = { 1: MessageType.ChatInputCommand, 2: MessageType.ContextMenuCommand, 3: MessageType.ContextMenuCommand };

export function registerInteractionRoutes(router: Router, core: Core, store: InteractionStore): void {
	const { world } = core;
	const add = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', template: string, handler: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>): void =>
		router.add({ method, template, auth: 'none', handler });

	const record = (state: InteractionState, r: Omit<InteractionResponseRecord, 'at' | 'type'>): void => {
		state.responses.push({ ...r, type: r.callbackType, at: Date.now() });
		core.journal.record({
			type: 'interaction_response',
			interactionId: state.id,
			kind: r.kind,
			callbackType: r.callbackType,
			messageId: r.messageId,
			ephemeral: r.ephemeral,
		});
		store.notify(state);
	};

	const filesOf = (m: MessageRecord | undefined, ids: Set<string>): SentFile[] =>
		(m?.attachments ?? []).filter((f) => ids.has(f.id)).map((f) => ({ ...f }));

	const responseFromMessage = (kind: InteractionResponseKind, callbackType: number | null, m: MessageRecord, body: unknown, newFileIds: Set<string>): Omit<InteractionResponseRecord, 'at' | 'type'> => ({
		kind,
		callbackType,
		messageId: m.id,
		flags: m.flags,
		ephemeral: (m.flags & EPHEMERAL) !== 0,
		content: m.content,
		embeds: m.embeds,
		components: m.components,
		attachments: filesOf(m, newFileIds),
		body,
	});

	const messageTypeFor = (state: InteractionState): MessageType =>
		state.commandType !== null ? (MESSAGE_TYPE_FOR_COMMAND[state.commandType] ?? MessageType.Default) : MessageType.Default;

	const interactionInfo = (state: InteractionState, extra: { originalResponseMessageId?: string } = {}) => ({
		id: state.id,
		type: state.type,
		userId: state.userId,
		guildId: state.guildId,
		...(state.commandName !== null ? { commandName: state.commandName, commandType: state.commandType ?? 1 } : {}),
		...(state.sourceMessageId ? { interactedMessageId: state.sourceMessageId } : {}),
		...extra,
	});

	// ── the callback ──────────────────────────────────────────────────────────────

	add('POST', '/interactions/:interaction_id/:interaction_token/callback', (req) => {
		const state = store.byId.get(req.params['interaction_id']!);
		if (!state || state.token !== req.params['interaction_token'] || state.expired) throw ApiErrors.unknownInteraction();
		if (state.ack) throw ApiErrors.alreadyAcknowledged();
		const body = parseBody(callbackSchema, req.body ?? {});
		const type = body.type;
		const allowed: Record<string, number[]> = {
			command: [4, 5, 9],
			autocomplete: [8],
			button: [4, 5, 6, 7, 9],
			select: [4, 5, 6, 7, 9],
			modal: state.sourceMessageId ? [4, 5, 6, 7] : [4, 5],
		};
		if (!(allowed[state.kind] ?? []).includes(type)) {
			throw formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${type} is not valid for this interaction`);
		}
		const channel = world.channels.get(state.channelId)!;
		let messageId: string | null = null;
		let response: Omit<InteractionResponseRecord, 'at' | 'type'>;

		if (type === 4 || type === 5) {
			const data = core.parseMessageBody(body.data ?? {});
			const ephemeral = ((data.flags ?? 0) & EPHEMERAL) !== 0;
			if (type === 4 && !data.content && !(data.embeds?.length) && !(data.components?.length) && req.files.length === 0 && !data.poll) {
				throw ApiErrors.emptyMessage();
			}
			const files = type === 4 ? core.storeFiles(channel.id, data, req.files) : [];
			const m = core.createMessage(channel, type === 4 ? { ...data, message_reference: undefined } : { flags: data.flags ?? 0 }, files, {
				authorId: core.botUserId,
				source: 'interaction',
				type: messageTypeFor(state),
				interaction: interactionInfo(state),
				webhookId: world.applicationId,
				applicationId: world.applicationId,
				allowedFlags: INTERACTION_MESSAGE_FLAGS,
				extraFlags: type === 5 ? LOADING : 0,
				...(ephemeral ? { visibleTo: state.userId } : {}),
			});
			state.originalMessageId = m.id;
			messageId = m.id;
			response = responseFromMessage('callback', type, m, req.body, new Set(files.map((f) => f.id)));
		} else if (type === 6 || type === 7) {
			const source = state.sourceMessageId ? world.messages.get(state.sourceMessageId) : undefined;
			if (!source || source.deleted) throw ApiErrors.unknownMessage();
			state.originalMessageId = source.id;
			messageId = source.id;
			let newIds = new Set<string>();
			if (type === 7) {
				const data = core.parseMessageBody(body.data ?? {});
				const files = core.storeFiles(channel.id, data, req.files);
				newIds = new Set(files.map((f) => f.id));
				const before = { ...source };
				core.applyEdit(source, data, files, { allowedFlags: MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2, dropEmbeds: false });
				if (core.isEmpty(source)) {
					Object.assign(source, before);
					throw ApiErrors.emptyMessage();
				}
				core.recordMessage('message_update', source, 'interaction', { embedsDropped: false });
				core.dispatchMessage('MESSAGE_UPDATE', source);
			}
			response = responseFromMessage('callback', type, source, req.body, newIds);
		} else if (type === 8) {
			const data = parseBody(autocompleteDataSchema, body.data ?? {}, ['data']);
			state.choices = data.choices as APIApplicationCommandOptionChoice[];
			response = { kind: 'callback', callbackType: 8, messageId: null, flags: 0, ephemeral: false, content: null, embeds: [], components: [], attachments: [], choices: state.choices, body: req.body };
		} else {
			const data = parseBody(modalDataSchema, body.data ?? {}, ['data']);
			const modal: ShownModal = {
				customId: data.custom_id,
				title: data.title,
				components: data.components,
				interactionId: state.id,
				userId: state.userId,
				channelId: state.channelId,
				guildId: state.guildId,
				sourceMessageId: state.sourceMessageId,
				at: Date.now(),
			};
			state.modal = modal;
			store.shownModals.push(modal);
			response = { kind: 'callback', callbackType: 9, messageId: null, flags: 0, ephemeral: false, content: null, embeds: [], components: data.components, attachments: [], modal, body: req.body };
		}

		state.ack = { type, at: Date.now() };
		if (state.timer) clearTimeout(state.timer);
		record(state, response);

		if (req.query.get('with_response') !== 'true') return { status: 204 };
		const m = messageId ? world.messages.get(messageId) : undefined;
		return {
			status: 200,
			body: {
				interaction: {
					id: state.id,
					type: state.type,
					...(m ? { response_message_id: m.id, response_message_loading: (m.flags & LOADING) !== 0, response_message_ephemeral: (m.flags & EPHEMERAL) !== 0 } : {}),
				},
				resource: { type, ...(m && type !== 6 ? { message: world.apiMessage(m) } : {}) },
			},
		};
	});

	// ── the interaction webhook ─────────────────────────────────────────────────────

	const webhookState = (req: ApiRequest): InteractionState => {
		const state = store.byToken.get(req.params['webhook_token']!);
		if (!state || req.params['webhook_id'] !== world.applicationId) throw ApiErrors.unknownWebhook();
		if (Date.now() - state.createdAt > core.options.interactionTokenTtlMs) throw ApiErrors.invalidWebhookToken();
		return state;
	};

	/** The message an id (or @original) names, if it belongs to this interaction. */
	const ownMessage = (state: InteractionState, id: string): MessageRecord => {
		const messageId = id === '@original' ? state.originalMessageId : id;
		const belongs = messageId !== null && (messageId === state.originalMessageId || state.followUpIds.includes(messageId));
		const m = belongs ? world.messages.get(messageId) : undefined;
		if (!m || m.deleted) throw ApiErrors.unknownMessage();
		return m;
	};

	const editMessage = (req: ApiRequest, id: string): ApiResponse => {
		const state = webhookState(req);
		const m = ownMessage(state, id);
		const body = core.parseMessageBody(req.body);
		const files = core.storeFiles(m.channelId, body, req.files);
		const before = { ...m };
		const wasLoading = (m.flags & LOADING) !== 0;
		core.applyEdit(m, body, files, { allowedFlags: MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2, dropEmbeds: false });
		if (core.isEmpty(m)) {
			Object.assign(m, before);
			throw ApiErrors.emptyMessage();
		}
		core.recordMessage('message_update', m, m.id === state.originalMessageId ? 'interaction' : 'followup', { embedsDropped: false, wasLoading });
		core.dispatchMessage('MESSAGE_UPDATE', m);
		record(state, responseFromMessage(m.id === state.originalMessageId ? 'edit_original' : 'edit_followup', null, m, req.body, new Set(files.map((f) => f.id))));
		return { status: 200, body: world.apiMessage(m) };
	};

	const deleteMessage = (req: ApiRequest, id: string): ApiResponse => {
		const state = webhookState(req);
		const m = ownMessage(state, id);
		core.deleteMessage(m, m.id === state.originalMessageId ? 'interaction' : 'followup');
		record(state, {
			kind: m.id === state.originalMessageId ? 'delete_original' : 'delete_followup',
			callbackType: null,
			messageId: m.id,
			flags: m.flags,
			ephemeral: (m.flags & EPHEMERAL) !== 0,
			content: null,
			embeds: [],
			components: [],
			attachments: [],
			body: null,
		});
		return { status: 204 };
	};

	const getMessage = (req: ApiRequest, id: string): ApiResponse => {
		const state = webhookState(req);
		return { status: 200, body: world.apiMessage(ownMessage(state, id)) };
	};

	add('GET', '/webhooks/:webhook_id/:webhook_token/messages/@original', (req) => getMessage(req, '@original'));
	add('PATCH', '/webhooks/:webhook_id/:webhook_token/messages/@original', (req) => editMessage(req, '@original'));
	add('DELETE', '/webhooks/:webhook_id/:webhook_token/messages/@original', (req) => deleteMessage(req, '@original'));
	add('GET', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', (req) => getMessage(req, req.params['message_id']!));
	add('PATCH', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', (req) => editMessage(req, req.params['message_id']!));
	add('DELETE', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', (req) => deleteMessage(req, req.params['message_id']!));

	add('POST', '/webhooks/:webhook_id/:webhook_token', (req) => {
		const state = webhookState(req);
		if (!state.ack || state.ack.type === 8 || state.ack.type === 9) throw ApiErrors.unknownWebhook();
		const body = core.parseMessageBody(req.body);
		if (!body.content && !(body.embeds?.length) && !(body.components?.length) && req.files.length === 0 && !body.poll) throw ApiErrors.emptyMessage();
		const channel = world.channels.get(state.channelId)!;
		const original = state.originalMessageId ? world.messages.get(state.originalMessageId) : undefined;
		const files = core.storeFiles(channel.id, body, req.files);
		const newIds = new Set(files.map((f) => f.id));
		let m: MessageRecord;
		if (state.ack.type === 5 && original && !original.deleted && (original.flags & LOADING) !== 0) {
			// Discord fills a still-"thinking" deferred reply with the first follow-up, keeping its ephemerality.
			core.applyEdit(original, { ...body, flags: undefined }, files, { allowedFlags: MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2, dropEmbeds: false });
			core.recordMessage('message_update', original, 'followup', { embedsDropped: false, wasLoading: true });
			core.dispatchMessage('MESSAGE_UPDATE', original);
			m = original;
		} else {
			const ephemeral = ((body.flags ?? 0) & EPHEMERAL) !== 0;
			m = core.createMessage(channel, { ...body, message_reference: undefined }, files, {
				authorId: core.botUserId,
				source: 'followup',
				type: messageTypeFor(state),
				interaction: interactionInfo(state, state.originalMessageId ? { originalResponseMessageId: state.originalMessageId } : {}),
				webhookId: world.applicationId,
				applicationId: world.applicationId,
				allowedFlags: INTERACTION_MESSAGE_FLAGS,
				...(ephemeral ? { visibleTo: state.userId } : {}),
			});
			state.followUpIds.push(m.id);
		}
		record(state, responseFromMessage('followup', null, m, req.body, newIds));
		// Without ?wait=true Discord answers 204 and no message body.
		if (req.query.get('wait') !== 'true') return { status: 204 };
		return { status: 200, body: world.apiMessage(m) };
	});
}
