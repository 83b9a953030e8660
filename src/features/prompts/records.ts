import { z } from 'zod';
import { ScheduleSpecSchema, isValidTimezone } from '../../scheduler/schedule.js';
import { defineRecord, keys } from '../../store/index.js';
import { SlugSchema, TIERS } from './bank.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

/**
 * The prompts feature's stored records. Everything lives under `g:<guild>:prompt:…`, so a guild's prompt data is
 * listed and deleted by prefix. Suggestions carry their author's id and are found (for export and deletion) by
 * scanning the guild's small `prompt:suggestion:` range, which also serves the admins' queue without scanning members.
 */

const instant = z.string().datetime();

export const DEPTH_MODES = ['progressive', 'fixed', 'mixed'] as const;
export type DepthMode = (typeof DEPTH_MODES)[number];

export const AUTO_ARCHIVE_MINUTES = [60, 1440, 4320, 10080] as const;
export type ArchiveMinutes = (typeof AUTO_ARCHIVE_MINUTES)[number];

export const PromptConfigSchema = z.object({
	channelId: snowflake.nullable(),
	schedule: ScheduleSpecSchema.nullable(),
	/** null: follow the server's default time zone (guild settings). */
	timezone: z.string().refine(isValidTimezone, 'Unknown timezone').nullable(),
	/** Bank themes in the rotation; null means every theme, including themes added to the bank later. */
	themes: z.array(SlugSchema).min(1).nullable(),
	depthMode: z.enum(DEPTH_MODES),
	fixedTier: z.enum(TIERS),
	mentionRoleId: snowflake.nullable(),
	threads: z.boolean(),
	autoArchiveMinutes: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]),
	pin: z.boolean(),
	paused: z.boolean(),
	/** Scheduled occurrences still to be skipped ("skip next", possibly several times). */
	skipNext: z.number().int().min(0).max(52),
	/** When the schedule last changed or resumed: occurrences before it are not caught up. */
	configuredAt: instant,
});
export type PromptConfig = z.infer<typeof PromptConfigSchema>;

export const PromptConfigRecord = defineRecord({ kind: 'prompt-config', version: 1, schema: PromptConfigSchema, label: 'prompt settings' });

export function defaultPromptConfig(now: Date): PromptConfig {
	return {
		channelId: null,
		schedule: null,
		timezone: null,
		themes: null,
		depthMode: 'progressive',
		fixedTier: 'medium',
		mentionRoleId: null,
		threads: true,
		autoArchiveMinutes: 1440,
		pin: false,
		paused: false,
		skipNext: 0,
		configuredAt: now.toISOString(),
	};
}

export const POST_STATUSES = ['posted', 'failed', 'skipped'] as const;

export const PromptPostSchema = z.object({
	/** When it was due (scheduled) or asked for (post now). */
	at: instant,
	kind: z.enum(['scheduled', 'manual']),
	/** The scheduler's run key of the occurrence, or `manual-<ms>`. */
	runKey: z.string().max(200),
	status: z.enum(POST_STATUSES),
	/** Why it failed or was skipped, as a short code: missing_permissions, unknown_channel, skipped-by-admin, … */
	reason: z.string().max(100).nullable(),
	questionId: z.string().max(80).nullable(),
	/** The text as it was asked (custom questions may be edited or removed later). */
	questionText: z.string().max(400).nullable(),
	theme: z.string().max(80).nullable(),
	tier: z.enum(TIERS).nullable(),
	channelId: snowflake.nullable(),
	messageId: snowflake.nullable(),
	threadId: snowflake.nullable(),
	/** The member whose suggestion this was, when they chose to be named; null after they delete their data. */
	creditUserId: snowflake.nullable(),
	creditAnonymous: z.boolean(),
});
export type PromptPost = z.infer<typeof PromptPostSchema>;

/** One record per occurrence, keyed by its time: history is a prefix scan, and a post writes only its own small record. */
export const PromptPostRecord = defineRecord({ kind: 'prompt-post', version: 1, schema: PromptPostSchema, label: 'prompt history' });

/** Occurrences kept in a guild's history (older ones are dropped when the history is read). */
export const POSTS_KEPT = 200;

const PinnedSchema = z.object({ channelId: snowflake, messageId: snowflake });

/** What posting reads and moves on, one small record per guild: the rotation, the current pin, a failing channel. */
export const PromptStateSchema = z.object({
	/** Counts from 1; a new cycle starts when every question of the enabled pool has been asked. */
	cycle: z.number().int().min(1),
	/** Question ids asked in the current cycle, in order. */
	used: z.array(z.string().max(80)).max(5000),
	/** Questions to ask before the usual pick (approved suggestions, custom questions marked "ask next"). */
	upNext: z.array(z.string().max(80)).max(100),
	lastTheme: z.string().max(80).nullable(),
	/** Prompts posted so far (all cycles); also turns the tips. */
	posted: z.number().int().min(0),
	/** The channel whose failure admins were told about; cleared (and the notice resolved) by the next good post. */
	failingChannelId: snowflake.nullable(),
	/** The cycle in which admins were already warned that few unused questions remain. */
	lowWarnedCycle: z.number().int().min(0),
	/** The prompt currently pinned by Hearth, to unpin when the next one is pinned. */
	pinned: PinnedSchema.nullable(),
	/** Run keys of the latest occurrences handled, newest last: an occurrence seen here is never posted again. */
	recentRunKeys: z.array(z.string().max(200)).max(20),
});
export type PromptState = z.infer<typeof PromptStateSchema>;
/** The state as the pure picking functions see it. */
export type PromptRotation = PromptState;

export const PromptStateRecord = defineRecord({ kind: 'prompt-state', version: 1, schema: PromptStateSchema, label: 'prompt rotation' });

export function emptyState(): PromptState {
	return { cycle: 1, used: [], upNext: [], lastTheme: null, posted: 0, failingChannelId: null, lowWarnedCycle: 0, pinned: null, recentRunKeys: [] };
}

const CreditSchema = z.object({ userId: snowflake.nullable(), anonymous: z.boolean() });

export const CustomQuestionSchema = z.object({
	id: SlugSchema,
	text: z.string().min(1).max(300),
	tier: z.enum(TIERS),
	/** A bank theme id, or null for "from this community". */
	theme: SlugSchema.nullable(),
	createdAt: instant,
	updatedAt: instant,
	/** The admin who added or approved it; dropped if they delete their data. */
	addedBy: snowflake.nullable(),
	/** Set when it came from a member's suggestion. userId null: the member deleted their data, the question stays. */
	credit: CreditSchema.nullable(),
	suggestionId: z.string().max(80).nullable(),
});
export type CustomQuestion = z.infer<typeof CustomQuestionSchema>;

/**
 * A copy of a guild's prompt config, kept under `meta:prompt-schedule:<guild>` while the guild has a channel and a
 * schedule: start-up reads these small records alone (one range scan) instead of every guild's data, and a post
 * needs no config read. Derived, never edited by hand: rewritten from the stored config after every change, and
 * dropped when the config can no longer post or is gone.
 */
export const PromptScheduleMirrorSchema = z.object({
	config: PromptConfigSchema,
	/** Whether the guild has questions of its own (a post elsewhere skips reading them). */
	hasQuestions: z.boolean(),
});
export type PromptScheduleMirror = z.infer<typeof PromptScheduleMirrorSchema>;

export const PromptScheduleMirrorRecord = defineRecord({ kind: 'prompt-schedule', version: 1, schema: PromptScheduleMirrorSchema, label: 'prompt schedule index' });

/** A guild's own questions, in one record: admins change them rarely, and every post reads them in one go. */
export const CustomQuestionsSchema = z.object({
	questions: z.array(CustomQuestionSchema).max(500),
	/** Numbers the next question's id (custom-<n>), so ids are never reused. */
	nextNumber: z.number().int().min(1),
});
export type CustomQuestions = z.infer<typeof CustomQuestionsSchema>;

export const CustomQuestionsRecord = defineRecord({ kind: 'prompt-custom-questions', version: 1, schema: CustomQuestionsSchema, label: 'custom questions' });

export const SUGGESTION_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const SuggestionSchema = z.object({
	id: SlugSchema,
	userId: snowflake,
	text: z.string().min(1).max(300),
	/** The member asked not to be named when it is posted. */
	anonymous: z.boolean(),
	status: z.enum(SUGGESTION_STATUSES),
	submittedAt: instant,
	decidedAt: instant.nullable(),
	decidedBy: snowflake.nullable(),
	/** The custom question it became, once approved. */
	questionId: SlugSchema.nullable(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const SuggestionRecord = defineRecord({ kind: 'prompt-suggestion', version: 1, schema: SuggestionSchema, label: 'question suggestion' });

/** Where each record lives. */
export const promptKeys = {
	config: (guildId: string) => keys.guild(guildId, 'prompt', 'config'),
	mirrorPrefix: () => 'meta:prompt-schedule:',
	mirror: (guildId: string) => keys.meta('prompt-schedule', guildId),
	/** Posting runs in this key's queue (store.locked), so every other change to the state waits for a post to finish. */
	state: (guildId: string) => keys.guild(guildId, 'prompt', 'state'),
	custom: (guildId: string) => keys.guild(guildId, 'prompt', 'questions'),
	postPrefix: (guildId: string) => `${keys.guild(guildId, 'prompt', 'post')}:`,
	/** Zero-padded milliseconds keep the history in time order under a prefix scan; "post now" gets its own suffix. */
	post: (guildId: string, at: Date, kind: 'scheduled' | 'manual') =>
		keys.guild(guildId, 'prompt', 'post', `${String(at.getTime()).padStart(15, '0')}${kind === 'manual' ? '-m' : ''}`),
	suggestionPrefix: (guildId: string) => `${keys.guild(guildId, 'prompt', 'suggestion')}:`,
	suggestion: (guildId: string, id: string) => keys.guild(guildId, 'prompt', 'suggestion', id),
} as const;
