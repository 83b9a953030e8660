import { z } from 'zod';
import { isValidTimezone } from '../../scheduler/schedule.js';
import { defineRecord, keys } from '../../store/index.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

/**
 * Everything pairing stores, with its key layout:
 *
 *   g:<guild>:pair:config                  PairingConfig: channel, cadence, group size, mode, interest list…
 *   g:<guild>:pair:roster                  ids of members with a pairing profile (so a round reads profiles by key)
 *   g:<guild>:pair:round:<n>               PairingRound: one round's state, seed, unmatched members, stats
 *   g:<guild>:pair:group:<n>:<i>           PairingGroup: one group of round n: members, intro status, follow-up answers
 *   g:<guild>:u:<user>:pair:profile        PairingProfile: interests, intro, pauses
 *   g:<guild>:u:<user>:pair:blocks         PairingBlocks: whom this member never wants to be paired with (private)
 *   meta:pairing:guilds                    guilds that ever configured pairing (to load schedules at start-up)
 *
 * Groups have their own keys so that introducing one group, or a member answering a follow-up, rewrites a few hundred
 * bytes instead of the whole round, and members of different groups never wait on each other.
 */

/** A member who deleted their pairing data, as they appear in other members' round records. */
export const DELETED_MEMBER = 'deleted';
const memberRef = z.union([snowflake, z.literal(DELETED_MEMBER)]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoTime = z.string().datetime();

export const MAX_INTERESTS = 10;
export const MAX_INTEREST_LENGTH = 30;
export const MAX_INTRO_LENGTH = 120;
export const MAX_GUILD_INTERESTS = 100;
export const MAX_BLOCKS = 100;
export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 6;
export const MAX_REPEAT_WINDOW = 52;
/** A member who lets this many intros in a row go unanswered is paused, so partners are not left waiting. */
export const IGNORED_IN_ROW_LIMIT = 3;

export const CADENCES = [1, 2, 4] as const;
export type Cadence = (typeof CADENCES)[number];
export const MODES = ['interests', 'random', 'mixed'] as const;
export type PairingMode = (typeof MODES)[number];

export const PairingConfigSchema = z.object({
	/** Where private pair threads are created; null until an admin picks one. */
	channelId: snowflake.nullable(),
	everyWeeks: z.union([z.literal(1), z.literal(2), z.literal(4)]),
	/** 0 = Sunday … 6 = Saturday. */
	day: z.number().int().min(0).max(6),
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
	/** null: the guild's default time zone. */
	timezone: z.string().refine(isValidTimezone, 'Unknown timezone').nullable(),
	/** The local date weeks are counted from when rounds are every 2 or 4 weeks. */
	anchorDate: isoDate,
	/** Occurrences before this never run: changing the schedule does not fire a round that is already past. */
	scheduleSince: isoTime,
	groupSize: z.number().int().min(MIN_GROUP_SIZE).max(MAX_GROUP_SIZE),
	mode: z.enum(MODES),
	repeatWindow: z.number().int().min(0).max(MAX_REPEAT_WINDOW),
	/** The guild's interest list, as admins wrote them (display form). */
	interests: z.array(z.string().min(1).max(MAX_INTEREST_LENGTH)).max(MAX_GUILD_INTERESTS),
	requiredRoleId: snowflake.nullable(),
	/** Admins paused pairing: no scheduled rounds. */
	paused: z.boolean(),
});
export type PairingConfig = z.infer<typeof PairingConfigSchema>;
export const PairingConfigRecord = defineRecord({ kind: 'pairing-config', version: 1, schema: PairingConfigSchema, label: 'pairing settings' });

export const PairingRosterSchema = z.object({ members: z.array(snowflake).max(200_000) });
export const PairingRosterRecord = defineRecord({ kind: 'pairing-roster', version: 1, schema: PairingRosterSchema, label: 'pairing member list' });

export const PairingProfileSchema = z.object({
	/** Normalized: lowercase, single spaces, no duplicates. */
	interests: z.array(z.string().min(1).max(MAX_INTEREST_LENGTH)).max(MAX_INTERESTS),
	intro: z.string().max(MAX_INTRO_LENGTH),
	joinedAt: isoTime,
	/** false after /pair leave: kept only when the member chose to keep their history. */
	active: z.boolean(),
	/** Skip every round numbered up to and including this one. */
	pausedUntilRound: z.number().int().min(0).nullable(),
	/** Skip rounds until this local date (exclusive: rounds on or after it include the member again). */
	pausedUntilDate: isoDate.nullable(),
	/** Paused because intros went unanswered: until the member comes back with /pair resume. */
	autoPaused: z.boolean(),
	/** Intros in a row with a follow-up the member never answered. */
	ignoredInRow: z.number().int().min(0),
	/** The latest round whose follow-up was counted for ignoredInRow (so closing a round twice counts once). */
	countedRound: z.number().int().min(0),
	/** A message we could not deliver by DM (closed DMs), shown the next time they use /pair. */
	pendingNote: z.string().max(1000).nullable(),
});
export type PairingProfile = z.infer<typeof PairingProfileSchema>;
export const PairingProfileRecord = defineRecord({ kind: 'pairing-profile', version: 1, schema: PairingProfileSchema, label: 'pairing profile' });

export const PairingBlocksSchema = z.object({ blocked: z.array(snowflake).max(MAX_BLOCKS) });
export type PairingBlocks = z.infer<typeof PairingBlocksSchema>;
export const PairingBlocksRecord = defineRecord({ kind: 'pairing-blocks', version: 1, schema: PairingBlocksSchema, label: 'pairing blocks' });

export const ROUND_STATES = ['planned', 'introducing', 'introduced', 'done'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

const RoundStatsSchema = z.object({
	groups: z.number().int().min(0),
	members: z.number().int().min(0),
	/** Groups in which at least one member answered "We met". */
	metGroups: z.number().int().min(0),
	/** Groups in which anyone answered at all. */
	answeredGroups: z.number().int().min(0),
	repeats: z.number().int().min(0),
	failures: z.number().int().min(0),
	/** Members paused this round for leaving three intros in a row unanswered. */
	autoPaused: z.number().int().min(0),
});
export type RoundStats = z.infer<typeof RoundStatsSchema>;

export const PairingRoundSchema = z.object({
	number: z.number().int().min(1),
	state: z.enum(ROUND_STATES),
	trigger: z.enum(['schedule', 'manual']),
	/** The matching seed: with the same members, history and blocks, the same groups. */
	seed: z.string().max(300),
	plannedAt: isoTime,
	introducedAt: isoTime.nullable(),
	followUpDueAt: isoTime,
	followUpSentAt: isoTime.nullable(),
	closedAt: isoTime.nullable(),
	groupCount: z.number().int().min(0),
	groupSize: z.number().int().min(MIN_GROUP_SIZE).max(MAX_GROUP_SIZE),
	mode: z.enum(MODES),
	repeats: z.number().int().min(0),
	/** Members alone this round; `told` says how they heard (a DM, or a note for their next /pair use). */
	unmatched: z.array(z.object({ userId: memberRef, told: z.enum(['dm', 'note']).nullable() })),
	/** Why opted-in members were not in the round, as counts (no names: pauses are private). */
	skipped: z.object({ paused: z.number().int().min(0), left: z.number().int().min(0), missingRole: z.number().int().min(0) }),
	/** Intro failures summed when introductions finish (details are in the groups). */
	failures: z.number().int().min(0),
	stats: RoundStatsSchema.nullable(),
});
export type PairingRound = z.infer<typeof PairingRoundSchema>;
export const PairingRoundRecord = defineRecord({ kind: 'pairing-round', version: 1, schema: PairingRoundSchema, label: 'pairing round' });

export const FAILURE_REASONS = ['missing_permissions', 'missing_access', 'unknown_channel', 'unknown_member', 'cannot_dm', 'other', 'no_channel'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const ANSWERS = ['met', 'not_yet', 'skip'] as const;
export type FollowUpAnswer = (typeof ANSWERS)[number];

/** Where a message landed; the message id is unknown when a restart found the intro already in the thread. */
const DeliverySchema = z.object({ userId: memberRef.nullable(), channelId: z.string().min(1).max(40), messageId: z.string().min(1).max(40).nullable() });
const FailureSchema = z.object({ userId: memberRef.nullable(), reason: z.enum(FAILURE_REASONS) });

export const PairingGroupSchema = z.object({
	round: z.number().int().min(1),
	index: z.number().int().min(0),
	// Leftovers join existing groups, so a group can hold up to 2 × size − 1 members (one of 6 → 11 at most).
	members: z.array(memberRef).min(1).max(2 * MAX_GROUP_SIZE),
	shared: z.array(z.string().max(MAX_INTEREST_LENGTH)).max(50),
	repeat: z.boolean(),
	intro: z.object({
		/** How the group was introduced: a private thread, or DMs when threads were impossible. */
		via: z.enum(['thread', 'dm']).nullable(),
		/** Recorded as soon as the thread exists, so a restart reuses it instead of opening a second one. */
		threadId: snowflake.nullable(),
		/** Members added to the thread (or reached by DM). */
		reached: z.array(memberRef),
		/** Where each intro landed: the thread message (userId null) or each member's DM. */
		messages: z.array(DeliverySchema),
		failures: z.array(FailureSchema),
		/** Set once every member has an intro or a recorded failure: this group is never introduced again. */
		introducedAt: isoTime.nullable(),
	}),
	followUp: z.object({
		sentAt: isoTime.nullable(),
		messages: z.array(DeliverySchema),
		failures: z.array(FailureSchema),
	}),
	answers: z.array(z.object({ userId: snowflake, answer: z.enum(ANSWERS), at: isoTime })),
});
export type PairingGroup = z.infer<typeof PairingGroupSchema>;
export const PairingGroupRecord = defineRecord({ kind: 'pairing-group', version: 1, schema: PairingGroupSchema, label: 'pairing group' });

export const PairingGuildsSchema = z.object({ guildIds: z.array(snowflake).max(1_000_000) });
export const PairingGuildsRecord = defineRecord({ kind: 'pairing-guilds', version: 1, schema: PairingGuildsSchema, label: 'pairing guild index' });

export const pairingKeys = {
	config: (guildId: string) => keys.guild(guildId, 'pair', 'config'),
	roster: (guildId: string) => keys.guild(guildId, 'pair', 'roster'),
	/** Serializes round work per guild (planning, introducing, follow-ups, closing). */
	roundLock: (guildId: string) => keys.guild(guildId, 'pair', 'round-lock'),
	round: (guildId: string, n: number) => keys.guild(guildId, 'pair', 'round', String(n)),
	roundPrefix: (guildId: string) => `${keys.guild(guildId, 'pair', 'round')}:`,
	group: (guildId: string, n: number, i: number) => keys.guild(guildId, 'pair', 'group', String(n), String(i)),
	groupPrefix: (guildId: string) => `${keys.guild(guildId, 'pair', 'group')}:`,
	roundGroupPrefix: (guildId: string, n: number) => `${keys.guild(guildId, 'pair', 'group', String(n))}:`,
	profile: (guildId: string, userId: string) => keys.member(guildId, userId, 'pair', 'profile'),
	blocks: (guildId: string, userId: string) => keys.member(guildId, userId, 'pair', 'blocks'),
	guilds: () => keys.meta('pairing', 'guilds'),
} as const;
