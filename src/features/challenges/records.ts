import { z } from 'zod';
import { isValidTimezone } from '../../scheduler/timezone.js';
import { defineRecord, keys } from '../../store/index.js';
import { SlugSchema } from '../prompts/bank.js';
import { MAX_GRACE_HOURS, isCalendarDate } from './calendar.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

/**
 * Stored records of the challenges feature.
 *
 *   g:<guild>:challenge-seq                  the last challenge id handed out in the guild
 *   g:<guild>:challenge:<id>                 a challenge: its definition and state
 *   g:<guild>:challenge:<id>:posts           which daily posts (and the closing summary) were made
 *   g:<guild>:u:<user>:challenge:<id>        one member's participation: check-ins, notes, reminders, awards
 *   g:<guild>:u:<user>:challenge-prefs       the member's own time zone for every challenge
 *
 * A check-in writes only the member's own key, so members never contend with each other.
 */

export const ChallengeIdSchema = z.string().regex(/^\d{1,9}$/, 'a challenge id is a number');
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time looks like 09:00');
export const LocalDateSchema = z.string().refine(isCalendarDate, 'a date looks like 2026-12-01');

export const MIN_CUSTOM_DAYS = 7;
export const MAX_CUSTOM_DAYS = 100;
export const MAX_DAYS = 366;
export const MAX_NOTE_LENGTH = 200;
export const MAX_MILESTONES = 10;
export const MAX_ACTION_LENGTH = 200;

export const MilestoneSchema = z.object({
	/** Days checked in that earn the role. */
	days: z.int().min(1).max(MAX_DAYS),
	roleId: snowflake,
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const ChallengeSchema = z
	.object({
		id: ChallengeIdSchema,
		guildId: snowflake,
		name: z.string().trim().min(1).max(80),
		description: z.string().trim().min(1).max(300),
		templateId: SlugSchema.nullable(),
		length: z.int().min(1).max(MAX_DAYS),
		/** One action per day; day n's action is actions[n - 1]. */
		actions: z.array(z.string().trim().min(1).max(MAX_ACTION_LENGTH)),
		channelId: snowflake,
		/** Day 1's local date (in every member's own time zone). */
		startDate: LocalDateSchema,
		/** When the day's post goes out, in the challenge's time zone. */
		postTime: TimeOfDaySchema,
		timezone: z.string().refine(isValidTimezone, 'unknown time zone'),
		/** How long after a day ends it can still be checked in. */
		graceHours: z.int().min(0).max(MAX_GRACE_HOURS),
		completionRoleId: snowflake.nullable(),
		milestones: z.array(MilestoneSchema).max(MAX_MILESTONES),
		createdBy: snowflake,
		createdAt: z.iso.datetime(),
		/** Set when an admin ended the challenge early; endedDay is then its last day that counts. */
		endedAt: z.iso.datetime().nullable(),
		endedDay: z.int().min(0).max(MAX_DAYS).nullable(),
		summaryPostedAt: z.iso.datetime().nullable(),
		archivedAt: z.iso.datetime().nullable(),
	})
	.refine((c) => c.actions.length === c.length, { message: 'one action per day', path: ['actions'] });
export type Challenge = z.infer<typeof ChallengeSchema>;

export const ChallengeRecord = defineRecord({ kind: 'challenge', version: 1, schema: ChallengeSchema, label: 'challenge' });

export const ChallengeSeqRecord = defineRecord({
	kind: 'challenge-seq',
	version: 1,
	schema: z.object({ last: z.int().min(0) }),
	label: 'challenge counter',
});

const PostSchema = z.object({
	day: z.int().min(1).max(MAX_DAYS + 1),
	/** 'sending' is written before the post goes out, so a crash never leads to the same post twice. */
	state: z.enum(['sending', 'posted', 'failed', 'skipped']),
	messageId: snowflake.nullable(),
	channelId: snowflake.nullable(),
	at: z.iso.datetime(),
});
export type ChallengePost = z.infer<typeof PostSchema>;

export const ChallengePostsSchema = z.object({
	days: z.array(PostSchema).max(MAX_DAYS),
	summary: PostSchema.nullable(),
});
export type ChallengePosts = z.infer<typeof ChallengePostsSchema>;
export const ChallengePostsRecord = defineRecord({ kind: 'challenge-posts', version: 1, schema: ChallengePostsSchema, label: 'challenge posts' });

export const CheckInSchema = z.object({
	day: z.int().min(1).max(MAX_DAYS),
	at: z.iso.datetime(),
	note: z.string().max(MAX_NOTE_LENGTH).nullable(),
	via: z.enum(['button', 'command']),
});
export type CheckIn = z.infer<typeof CheckInSchema>;

export const ParticipantSchema = z
	.object({
		challengeId: ChallengeIdSchema,
		joinedAt: z.iso.datetime(),
		joinDay: z.int().min(1).max(MAX_DAYS),
		/** The member's own time zone; null follows the server's. */
		timezone: z.string().refine(isValidTimezone, 'unknown time zone').nullable(),
		/** Opt-in private reminders. */
		reminders: z.boolean(),
		lastRemindedDay: z.int().min(1).max(MAX_DAYS).nullable(),
		checkIns: z.array(CheckInSchema).max(MAX_DAYS),
		/** Milestone day counts whose award was handed out (or tried once). */
		milestonesAwarded: z.array(z.int().min(1).max(MAX_DAYS)).max(MAX_MILESTONES * 4),
		completedAt: z.iso.datetime().nullable(),
	})
	.refine((p) => new Set(p.checkIns.map((c) => c.day)).size === p.checkIns.length, {
		message: 'at most one check-in per day',
		path: ['checkIns'],
	});
export type Participant = z.infer<typeof ParticipantSchema>;
export const ParticipantRecord = defineRecord({ kind: 'challenge-participant', version: 1, schema: ParticipantSchema, label: 'challenge progress' });

export const MemberPrefsRecord = defineRecord({
	kind: 'challenge-prefs',
	version: 1,
	schema: z.object({ timezone: z.string().refine(isValidTimezone, 'unknown time zone').nullable() }),
	label: 'challenge time zone',
});

export const challengeKeys = {
	seq: (guildId: string) => keys.guild(guildId, 'challenge-seq'),
	challenge: (guildId: string, id: string) => keys.guild(guildId, 'challenge', id),
	/** Every challenge of a guild (and their posts records) sits under this prefix. */
	challengesPrefix: (guildId: string) => `${keys.guild(guildId, 'challenge')}:`,
	posts: (guildId: string, id: string) => keys.guild(guildId, 'challenge', id, 'posts'),
	participant: (guildId: string, userId: string, id: string) => keys.member(guildId, userId, 'challenge', id),
	/** Every member record of a guild: participants are found by scanning it for their kind. */
	membersPrefix: (guildId: string) => `${keys.guildPrefix(guildId)}u:`,
	prefs: (guildId: string, userId: string) => keys.member(guildId, userId, 'challenge-prefs'),
	/** The user id in a member key `g:<guild>:u:<user>:…`. */
	userOfKey: (key: string): string | undefined => /^g:\d+:u:(\d+):/.exec(key)?.[1],
} as const;
