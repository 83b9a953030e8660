import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { ScheduleSpecSchema, isValidTimezone, localDate, type ScheduleSpec } from '../../scheduler/schedule.js';
import { defineRecord, keys, type Store } from '../../store/index.js';
import { CHANNEL_NEEDS, type ChannelCheck, type RoleCheck } from './permissions.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

/**
 * /setup as a short-lived draft per admin: each select or button updates the draft, and nothing touches the real
 * configuration until Save. The draft is a stored record, so a restart mid-setup loses nothing; it lasts
 * SETUP_TTL_MS from the admin's last click, then the admin is told politely to start again.
 */

export const SETUP_STEPS = ['channels', 'rhythm', 'challenge', 'admins', 'review'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
export const SETUP_TTL_MS = 30 * 60_000;

export const PROMPT_CADENCES = ['daily', 'weekdays', 'mwf', 'weekly', 'keep', 'off'] as const;
export type PromptCadence = (typeof PROMPT_CADENCES)[number];
export const PAIRING_CADENCES = ['1', '2', '4', 'off'] as const;
export type PairingCadence = (typeof PAIRING_CADENCES)[number];
export const CHALLENGE_STARTS = ['today', 'tomorrow', 'monday'] as const;
export type ChallengeStart = (typeof CHALLENGE_STARTS)[number];

/** Times offered for questions: every hour of a waking day. */
export const PROMPT_TIMES = ['07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00'] as const;
/** Times offered for pairing rounds, each day of the week (Monday first). */
export const PAIRING_TIMES = ['10:00', '12:00', '18:00'] as const;
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const CHALLENGE_TIMES = ['07:00', '08:00', '09:00', '12:00', '18:00', '20:00'] as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const instant = z.string().datetime();

export const SetupDraftSchema = z.object({
	/** Ties the message's components to this draft: clicks on an older setup message are recognised. */
	flowId: z.string().regex(/^[a-z0-9]{1,20}$/),
	startedAt: instant,
	expiresAt: instant,
	step: z.enum(SETUP_STEPS),
	timezone: z.string().refine(isValidTimezone, 'Unknown timezone'),
	promptsChannelId: snowflake.nullable(),
	pairingChannelId: snowflake.nullable(),
	challengeChannelId: snowflake.nullable(),
	logChannelId: snowflake.nullable(),
	/** Names of the chosen channels and roles, from the select menus, to show #name in messages. */
	names: z.record(snowflake, z.string().max(100)),
	promptCadence: z.enum(PROMPT_CADENCES),
	promptTime: time,
	/** The current question schedule, when it is not one of the simple choices ("keep" keeps it). */
	promptCustom: ScheduleSpecSchema.nullable(),
	pairingCadence: z.enum(PAIRING_CADENCES),
	pairingDay: z.number().int().min(0).max(6),
	pairingTime: time,
	/** A template id, or null for no challenge now. */
	challengeTemplateId: z.string().max(80).nullable(),
	challengeStart: z.enum(CHALLENGE_STARTS),
	challengeTime: time,
	completionRoleId: snowflake.nullable(),
	adminRoleId: snowflake.nullable(),
});
export type SetupDraft = z.infer<typeof SetupDraftSchema>;

export const SetupDraftRecord = defineRecord({ kind: 'setup-draft', version: 1, schema: SetupDraftSchema, label: 'unfinished /setup' });

export const draftKey = (guildId: string, userId: string): string => keys.member(guildId, userId, 'setup');

/** What the draft starts from: today's configuration, so running /setup again changes only what the admin changes. */
export interface SetupStartingPoint {
	timezone: string;
	promptsChannelId: string | null;
	promptSchedule: ScheduleSpec | null;
	promptsPaused: boolean;
	pairingChannelId: string | null;
	pairingEveryWeeks: 1 | 2 | 4;
	pairingDay: number;
	pairingTime: string;
	pairingPaused: boolean;
	logChannelId: string | null;
	adminRoleId: string | null;
}

/** The simple choice a stored question schedule matches, or 'keep' when it is something else. */
export function cadenceOf(spec: ScheduleSpec | null): { cadence: PromptCadence; time: string } {
	if (!spec) return { cadence: 'weekly', time: '12:00' };
	if (spec.kind === 'daily') return { cadence: 'daily', time: spec.time };
	if (spec.kind === 'weekly' && (spec.everyWeeks ?? 1) === 1) {
		const days = [...spec.days].sort((a, b) => a - b).join(',');
		if (days === '0,1,2,3,4,5,6') return { cadence: 'daily', time: spec.time };
		if (days === '1,2,3,4,5') return { cadence: 'weekdays', time: spec.time };
		if (days === '1,3,5') return { cadence: 'mwf', time: spec.time };
		if (days === '1') return { cadence: 'weekly', time: spec.time };
	}
	return { cadence: 'keep', time: spec.kind === 'cron' ? '12:00' : spec.time };
}

/** The question schedule a draft asks for; null for "not now". */
export function promptSpecOf(draft: Pick<SetupDraft, 'promptCadence' | 'promptTime' | 'promptCustom'>): ScheduleSpec | null {
	const time = draft.promptTime;
	switch (draft.promptCadence) {
		case 'daily':
			return { kind: 'daily', time };
		case 'weekdays':
			return { kind: 'weekly', days: [1, 2, 3, 4, 5], time };
		case 'mwf':
			return { kind: 'weekly', days: [1, 3, 5], time };
		case 'weekly':
			return { kind: 'weekly', days: [1], time };
		case 'keep':
			return draft.promptCustom;
		case 'off':
			return null;
	}
}

export function newDraft(start: SetupStartingPoint, now: Date, flowId: string): SetupDraft {
	const prompt = cadenceOf(start.promptSchedule);
	const promptsOn = start.promptsChannelId !== null && start.promptSchedule !== null && !start.promptsPaused;
	const pairingOn = start.pairingChannelId !== null && !start.pairingPaused;
	return {
		flowId,
		startedAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + SETUP_TTL_MS).toISOString(),
		step: 'channels',
		timezone: start.timezone,
		promptsChannelId: start.promptsChannelId,
		pairingChannelId: start.pairingChannelId,
		challengeChannelId: null,
		logChannelId: start.logChannelId,
		names: {},
		// A first setup proposes everything; a second one starts from what runs now.
		promptCadence: promptsOn || start.promptsChannelId === null ? prompt.cadence : 'off',
		promptTime: prompt.time,
		promptCustom: prompt.cadence === 'keep' ? start.promptSchedule : null,
		pairingCadence: pairingOn || start.pairingChannelId === null ? (String(start.pairingEveryWeeks) as PairingCadence) : 'off',
		pairingDay: start.pairingDay,
		pairingTime: start.pairingTime,
		challengeTemplateId: null,
		challengeStart: 'monday',
		challengeTime: '09:00',
		completionRoleId: null,
		adminRoleId: start.adminRoleId,
	};
}

export type DraftLookup = { ok: true; draft: SetupDraft } | { ok: false; reason: 'expired' | 'replaced' };

/** Stored drafts of setup, one per admin per server. */
export class SetupDrafts {
	#counter = 0;

	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
	) {}

	newFlowId(): string {
		this.#counter = (this.#counter + 1) % 1296;
		return `${this.clock.now().getTime().toString(36)}${this.#counter.toString(36)}`;
	}

	async save(guildId: string, userId: string, draft: SetupDraft): Promise<SetupDraft> {
		const next = { ...draft, expiresAt: new Date(this.clock.now().getTime() + SETUP_TTL_MS).toISOString() };
		await this.store.set(SetupDraftRecord, draftKey(guildId, userId), next);
		return next;
	}

	/** The admin's draft for `flowId`; an expired one is deleted on the way. */
	async load(guildId: string, userId: string, flowId: string): Promise<DraftLookup> {
		const key = draftKey(guildId, userId);
		let draft: SetupDraft | undefined;
		try {
			draft = await this.store.get(SetupDraftRecord, key);
		} catch {
			// A damaged draft is worth nothing: start again.
			await this.store.delete(key);
			return { ok: false, reason: 'expired' };
		}
		if (!draft) return { ok: false, reason: 'expired' };
		if (draft.flowId !== flowId) return { ok: false, reason: 'replaced' };
		if (Date.parse(draft.expiresAt) <= this.clock.now().getTime()) {
			await this.store.delete(key);
			return { ok: false, reason: 'expired' };
		}
		return { ok: true, draft };
	}

	/** Changes the draft in place (serialized per admin), refreshing its expiry. */
	async change(guildId: string, userId: string, flowId: string, edit: (draft: SetupDraft) => SetupDraft): Promise<DraftLookup> {
		const found = await this.load(guildId, userId, flowId);
		if (!found.ok) return found;
		const key = draftKey(guildId, userId);
		const expiresAt = new Date(this.clock.now().getTime() + SETUP_TTL_MS).toISOString();
		const next = await this.store.update(SetupDraftRecord, key, (current) =>
			current && current.flowId === flowId ? { ...edit(current), expiresAt } : undefined,
		);
		if (!next || next.flowId !== flowId) return { ok: false, reason: 'replaced' };
		return { ok: true, draft: next };
	}

	/**
	 * Claims the draft for saving: only the first of several Save clicks gets it (the draft is marked expired in the
	 * same update), so a double click saves once. Returns null when it is gone, replaced, expired or already claimed.
	 */
	async claim(guildId: string, userId: string, flowId: string): Promise<SetupDraft | null> {
		const now = this.clock.now();
		let claimed: SetupDraft | null = null;
		try {
			await this.store.update(SetupDraftRecord, draftKey(guildId, userId), (current) => {
				if (!current || current.flowId !== flowId || Date.parse(current.expiresAt) <= now.getTime()) return undefined;
				claimed = current;
				return { ...current, expiresAt: now.toISOString() };
			});
		} catch {
			// A damaged draft cannot be saved.
			return null;
		}
		return claimed;
	}

	async finish(guildId: string, userId: string): Promise<void> {
		await this.store.delete(draftKey(guildId, userId));
	}
}

/** What the draft is missing before it can be saved (a channel for each thing switched on), as codes. */
export function missingChoices(draft: SetupDraft): Array<'prompts' | 'pairing' | 'challenge' | 'nothing'> {
	const out: Array<'prompts' | 'pairing' | 'challenge' | 'nothing'> = [];
	const promptsOn = draft.promptCadence !== 'off' && promptSpecOf(draft) !== null;
	const pairingOn = draft.pairingCadence !== 'off';
	const challengeOn = draft.challengeTemplateId !== null;
	if (promptsOn && !draft.promptsChannelId) out.push('prompts');
	if (pairingOn && !draft.pairingChannelId) out.push('pairing');
	if (challengeOn && !draft.challengeChannelId) out.push('challenge');
	if (!promptsOn && !pairingOn && !challengeOn) out.push('nothing');
	return out;
}

/** The permission checks for what the draft switches on. */
export function accessChecksOf(draft: SetupDraft): { channels: ChannelCheck[]; roles: RoleCheck[] } {
	const channels: ChannelCheck[] = [];
	const name = (id: string) => draft.names[id] ?? null;
	if (draft.promptCadence !== 'off' && draft.promptsChannelId) channels.push({ channelId: draft.promptsChannelId, name: name(draft.promptsChannelId), needs: CHANNEL_NEEDS.prompts });
	if (draft.pairingCadence !== 'off' && draft.pairingChannelId) channels.push({ channelId: draft.pairingChannelId, name: name(draft.pairingChannelId), needs: CHANNEL_NEEDS.pairing });
	if (draft.challengeTemplateId && draft.challengeChannelId) {
		channels.push({ channelId: draft.challengeChannelId, name: name(draft.challengeChannelId), needs: CHANNEL_NEEDS.challenge });
	}
	if (draft.logChannelId) channels.push({ channelId: draft.logChannelId, name: name(draft.logChannelId), needs: CHANNEL_NEEDS.log });
	// Hearth gives the completion role itself, so it needs Manage Roles and a role above it.
	const roles: RoleCheck[] =
		draft.challengeTemplateId && draft.completionRoleId ? [{ roleId: draft.completionRoleId, name: name(draft.completionRoleId) }] : [];
	return { channels, roles };
}

/** The local date a challenge starting `start` begins, in `timezone`. */
export function challengeStartDate(start: ChallengeStart, timezone: string, now: Date): string {
	const today = localDate(now, timezone);
	const todayMs = Date.parse(`${today}T00:00:00Z`);
	const day = 86_400_000;
	if (start === 'today') return today;
	if (start === 'tomorrow') return new Date(todayMs + day).toISOString().slice(0, 10);
	const weekday = new Date(todayMs).getUTCDay();
	const ahead = ((1 - weekday + 7) % 7) || 7;
	return new Date(todayMs + ahead * day).toISOString().slice(0, 10);
}
