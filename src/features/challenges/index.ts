import { z } from 'zod';
import { DiscordFailure } from '../../core/discord-port.js';
import { UserError } from '../../core/errors.js';
import type { DueWorkProvider, Occurrence, ScheduledEntry } from '../../scheduler/scheduler.js';
import { DAY_MS, MINUTE_MS, canonicalTimezone, wallOf } from '../../scheduler/timezone.js';
import { DamagedRecordError, keys } from '../../store/index.js';
import type { Feature, FeatureDeps } from '../types.js';
import { ChallengeBook } from './book.js';
import {
	DEFAULT_GRACE_HOURS,
	MAX_GRACE_HOURS,
	challengeDayAt,
	challengeDayStart,
	dateOrdinal,
	decideCheckIn,
	evaluateProgress,
	memberMoment,
	ordinalDate,
	wallInstant,
	type CheckInRequest,
	type Progress,
} from './calendar.js';
import {
	ChallengePostsRecord,
	ChallengeRecord,
	ChallengeSeqRecord,
	MAX_ACTION_LENGTH,
	MAX_CUSTOM_DAYS,
	MAX_MILESTONES,
	MAX_NOTE_LENGTH,
	MIN_CUSTOM_DAYS,
	MemberPrefsRecord,
	ParticipantRecord,
	challengeKeys,
	type Challenge,
	type ChallengePost,
	type ChallengePosts,
	type Milestone,
	type Participant,
} from './records.js';
import { renderCelebration, renderDailyPost, renderReminder, renderSummary } from './render.js';
import { loadChallengeTemplatesSync, type ChallengeTemplate } from './templates.js';
import type {
	ChallengeListItem,
	ChallengeState,
	ChallengeStatus,
	ChallengeSummary,
	CheckInResult,
	JoinResult,
	LeaderboardLine,
	LeaderboardView,
	ProgressView,
	RoleAward,
} from './views.js';
import { SnowflakeSchema as snowflake } from '../../core/ids.js';

export * from './views.js';
export { ChallengeRecord, ParticipantRecord, ChallengePostsRecord, MemberPrefsRecord, challengeKeys } from './records.js';
export type { Challenge, Participant, Milestone, CheckIn } from './records.js';

/** The scheduler provider's name: run keys are `challenge:<entry>:<local minute>`. */
export const PROVIDER_NAME = 'challenge';
/** Private reminders go out at this local hour, in each member's own time zone. */
export const REMINDER_HOUR = 19;
/** How many entries the leaderboard shows. */
export const LEADERBOARD_SIZE = 10;
const DAILY_CATCH_UP_MS = 20 * 60 * MINUTE_MS;
const REMINDER_CATCH_UP_MS = 50 * MINUTE_MS;
const DEFAULT_POST_TIME = '09:00';

export interface CreateChallengeInput {
	templateId?: string | null;
	name?: string | null;
	description?: string | null;
	days?: number | null;
	actions?: string[] | null;
	channelId: string;
	/** 'YYYY-MM-DD', 'today' or 'tomorrow' (default) in the challenge's time zone. */
	start?: string | null;
	postTime?: string | null;
	timezone?: string | null;
	graceHours?: number | null;
	completionRoleId?: string | null;
}

export interface ChallengeChanges {
	name?: string | null;
	description?: string | null;
	channelId?: string | null;
	start?: string | null;
	postTime?: string | null;
	timezone?: string | null;
	graceHours?: number | null;
	completionRoleId?: string | null;
	clearCompletionRole?: boolean;
}

export interface CheckInInput {
	challengeId?: string | null;
	request?: CheckInRequest;
	note?: string | null;
	via: 'button' | 'command';
}


/** Where a challenge is in its life at `nowMs`. */
export function challengeState(challenge: Challenge, nowMs: number): ChallengeState {
	if (challenge.archivedAt) return 'archived';
	if (challenge.endedAt) return 'ended';
	if (challenge.summaryPostedAt || nowMs >= closingAt(challenge)) return 'finished';
	return challengeDayAt(nowMs, challenge.startDate, challenge.timezone) < 1 ? 'upcoming' : 'running';
}

/** The last day that counts: the length, or the day an admin ended it. */
export function lastDayOf(challenge: Challenge): number {
	return challenge.endedDay ?? challenge.length;
}

/** When the closing summary is due: the post time on the day after the last day, in the challenge's time zone. */
export function closingAt(challenge: Challenge): number {
	return postInstant(challenge, challenge.length + 1);
}

/** The instant of day `day`'s post. */
export function postInstant(challenge: Challenge, day: number): number {
	const [h, m] = challenge.postTime.split(':').map(Number);
	return wallInstant((dateOrdinal(challenge.startDate) + day - 1) * DAY_MS + (h! * 60 + m!) * MINUTE_MS, challenge.timezone);
}

/** Splits what an admin typed into daily actions: one per line, or separated by `|`. */
export function splitActions(text: string): string[] {
	return text
		.split(/\r?\n|\|/)
		.map((line) => line.replace(/^\s*(?:day\s*\d+\s*[:.)-]|\d+\s*[.):-])\s*/i, '').trim())
		.filter((line) => line.length > 0);
}

/**
 * Shared challenges: admins create and run them, members join, check in once a day (by button or command), keep
 * streaks with freezes, and see progress and a gentle leaderboard. Each member's day follows their own time zone.
 */
export class ChallengeFeature implements Feature {
	readonly name = 'challenges';
	readonly providers: DueWorkProvider[];
	readonly #book: ChallengeBook;
	#templates: ChallengeTemplate[] | undefined;

	constructor(readonly deps: FeatureDeps) {
		this.#book = new ChallengeBook(deps.store);
		this.providers = [
			{
				name: PROVIDER_NAME,
				schedules: (now) => this.#schedules(now),
				run: (entry, occurrence) => this.#run(entry, occurrence),
			},
		];
	}

	get #s() {
		return this.deps.strings.challenges;
	}

	#now(): number {
		return this.deps.clock.now().getTime();
	}

	readonly #timezoneReads = new Map<string, Promise<string>>();

	/** The server's time zone. Check-ins arriving together share one read instead of queueing one each. */
	#guildTimezone(guildId: string): Promise<string> {
		let read = this.#timezoneReads.get(guildId);
		if (!read) {
			read = this.deps.settings.get(guildId).then((settings) => settings.timezone);
			this.#timezoneReads.set(guildId, read);
			const done = () => {
				if (this.#timezoneReads.get(guildId) === read) this.#timezoneReads.delete(guildId);
			};
			read.then(done, done);
		}
		return read;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Templates and lookup

	/** The ready-made challenges from data/challenges.json. */
	templates(): ChallengeTemplate[] {
		this.#templates ??= loadChallengeTemplatesSync().templates;
		return this.#templates;
	}

	/** Challenges of a guild with where each stands; archived ones only when asked. */
	async list(guildId: string, options: { userId?: string; includeArchived?: boolean } = {}): Promise<ChallengeListItem[]> {
		const now = this.#now();
		const challenges = (await this.#book.ofGuild(guildId)).filter((c) => options.includeArchived || !c.archivedAt);
		const joined = options.userId ? await this.#joinedIds(guildId, options.userId, challenges) : new Set<string>();
		return challenges
			.map((challenge) => ({
				challenge,
				state: challengeState(challenge, now),
				day: challengeDayAt(now, challenge.startDate, challenge.timezone),
				joined: joined.has(challenge.id),
			}))
			.sort((a, b) => stateOrder(a.state) - stateOrder(b.state) || Number(b.challenge.id) - Number(a.challenge.id));
	}

	/** Choices for a challenge option: members see open ones (and ones they are in), admins every unarchived one. */
	async autocomplete(guildId: string, query: string, scope: 'member' | 'admin', userId?: string): Promise<Array<{ name: string; value: string }>> {
		const items = await this.list(guildId, { ...(userId ? { userId } : {}), includeArchived: scope === 'admin' });
		const q = query.trim().toLowerCase();
		return items
			.filter((item) => scope === 'admin' || item.joined || item.state === 'running' || item.state === 'upcoming')
			.filter((item) => q === '' || item.challenge.name.toLowerCase().includes(q) || item.challenge.id === q)
			.slice(0, 25)
			.map((item) => ({ name: `${item.challenge.name} (${this.#s.stateWords[item.state]})`.slice(0, 100), value: item.challenge.id }));
	}

	/** A challenge by id or exact name (what an admin or member typed), or a UserError. */
	async find(guildId: string, given: string): Promise<Challenge> {
		const text = given.trim();
		const all = await this.#book.ofGuild(guildId);
		const found = all.find((c) => c.id === text) ?? all.find((c) => c.name.toLowerCase() === text.toLowerCase() && !c.archivedAt);
		if (!found) throw new UserError(this.#s.pick.noSuch(text.slice(0, 80)));
		return found;
	}

	/**
	 * The challenge a member command is about: the one given, else the only sensible one (the member's single active
	 * challenge, else the single open one), else a UserError asking to pick.
	 */
	async pick(guildId: string, given: string | null | undefined, purpose: 'join' | 'member' | 'view', userId?: string): Promise<Challenge> {
		if (given && given.trim()) return this.find(guildId, given);
		const items = await this.list(guildId, userId ? { userId } : {});
		const open = items.filter((i) => i.state === 'running' || i.state === 'upcoming');
		const tiers: ChallengeListItem[][] =
			purpose === 'join'
				? [open]
				: [
						open.filter((i) => i.joined),
						items.filter((i) => i.joined && i.state === 'finished'),
						purpose === 'view' ? open : open.filter((i) => i.state === 'running'),
					];
		for (const tier of tiers) {
			if (tier.length === 1) return tier[0]!.challenge;
			if (tier.length > 1) throw new UserError(this.#s.pick.choose(tier.map((i) => i.challenge.name)));
		}
		throw new UserError(purpose === 'join' || items.length === 0 ? this.#s.pick.noneOpen : this.#s.pick.noneJoined);
	}

	// ------------------------------------------------------------------------------------------------------------
	// Admin

	async create(guildId: string, adminId: string, input: CreateChallengeInput): Promise<Challenge> {
		const s = this.#s;
		const guildTz = (await this.#guildTimezone(guildId));
		const timezone = this.#timezone(input.timezone) ?? guildTz;
		let template: ChallengeTemplate | undefined;
		if (input.templateId) {
			template = this.templates().find((t) => t.id === input.templateId);
			if (!template) throw new UserError(s.errors.unknownTemplate(input.templateId.slice(0, 64)));
			if (input.actions?.length) throw new UserError(s.errors.actionsWithTemplate);
			if (input.days && input.days !== template.days) throw new UserError(s.errors.daysWithTemplate);
		}
		const name = this.#name(input.name) ?? template?.name;
		if (!name) throw new UserError(s.errors.nameNeeded);
		const description = this.#description(input.description) ?? template?.description ?? name;
		const length = template?.days ?? input.days ?? input.actions?.length ?? 30;
		if (!template && (!Number.isInteger(length) || length < MIN_CUSTOM_DAYS || length > MAX_CUSTOM_DAYS)) throw new UserError(s.errors.badDays);
		const actions = template ? [...template.actions] : this.#actions(input.actions ?? null, length, name);
		const now = this.#now();
		const startDate = this.#startDate(input.start ?? 'tomorrow', timezone, now);
		const challenge: Challenge = {
			id: '0',
			guildId,
			name,
			description,
			templateId: template?.id ?? null,
			length,
			actions,
			channelId: snowflake.parse(input.channelId),
			startDate,
			postTime: this.#postTime(input.postTime) ?? DEFAULT_POST_TIME,
			timezone,
			graceHours: this.#grace(input.graceHours) ?? DEFAULT_GRACE_HOURS,
			completionRoleId: input.completionRoleId ? snowflake.parse(input.completionRoleId) : null,
			milestones: [],
			createdBy: adminId,
			createdAt: new Date(now).toISOString(),
			endedAt: null,
			endedDay: null,
			summaryPostedAt: null,
			archivedAt: null,
		};
		await this.#book.ofGuild(guildId);
		const seq = await this.deps.store.update(ChallengeSeqRecord, challengeKeys.seq(guildId), (current) => ({ last: (current?.last ?? 0) + 1 }));
		challenge.id = String(seq!.last);
		await this.deps.store.set(ChallengeRecord, challengeKeys.challenge(guildId, challenge.id), challenge);
		this.#book.remember(challenge);
		await this.deps.audit.record(guildId, adminId, `challenges.${challenge.id}.created`, `${name} (${template ? template.id : 'custom'}), starts ${startDate}`);
		this.deps.logger.info({ guildId, challengeId: challenge.id, template: template?.id ?? null }, 'challenge created');
		return challenge;
	}

	async edit(guildId: string, adminId: string, challengeId: string, changes: ChallengeChanges): Promise<Challenge> {
		const s = this.#s;
		const now = this.#now();
		const audit: Array<[string, string]> = [];
		const updated = await this.#change(guildId, challengeId, (current) => {
			const state = challengeState(current, now);
			if (state === 'ended' || state === 'archived' || state === 'finished') throw new UserError(s.errors.endedNoEdit(current.name));
			const next = { ...current, milestones: [...current.milestones] };
			const name = this.#name(changes.name);
			if (name) (next.name = name), audit.push(['name', name]);
			const description = this.#description(changes.description);
			if (description) (next.description = description), audit.push(['description', description]);
			if (changes.channelId) (next.channelId = snowflake.parse(changes.channelId)), audit.push(['channel', `<#${next.channelId}>`]);
			const timezone = this.#timezone(changes.timezone);
			if (timezone) {
				if (state !== 'upcoming' && timezone !== current.timezone) {
					// Moving the challenge's zone mid-way would shift its day numbers under members' feet.
					throw new UserError(s.errors.alreadyStarted);
				}
				(next.timezone = timezone), audit.push(['timezone', timezone]);
			}
			if (changes.start) {
				if (state !== 'upcoming') throw new UserError(s.errors.alreadyStarted);
				next.startDate = this.#startDate(changes.start, next.timezone, now);
				audit.push(['start', next.startDate]);
			}
			const postTime = this.#postTime(changes.postTime);
			if (postTime) (next.postTime = postTime), audit.push(['post time', postTime]);
			const grace = this.#grace(changes.graceHours);
			if (grace !== undefined) (next.graceHours = grace), audit.push(['grace hours', String(grace)]);
			if (changes.completionRoleId) (next.completionRoleId = snowflake.parse(changes.completionRoleId)), audit.push(['completion role', `<@&${next.completionRoleId}>`]);
			else if (changes.clearCompletionRole) (next.completionRoleId = null), audit.push(['completion role', 'none']);
			return next;
		});
		for (const [setting, value] of audit) await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.${setting}`, value);
		return updated;
	}

	/** Replaces a challenge's daily actions (from the admin's modal). */
	async setActions(guildId: string, adminId: string, challengeId: string, actions: string[]): Promise<Challenge> {
		const updated = await this.#change(guildId, challengeId, (current) => {
			if (current.archivedAt || current.endedAt) throw new UserError(this.#s.errors.endedNoEdit(current.name));
			return { ...current, actions: this.#actions(actions, current.length, current.name) };
		});
		await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.actions`, `${updated.length} actions`);
		return updated;
	}

	async setMilestone(guildId: string, adminId: string, challengeId: string, days: number, roleId: string): Promise<Challenge> {
		const s = this.#s;
		const updated = await this.#change(guildId, challengeId, (current) => {
			if (current.archivedAt || current.endedAt) throw new UserError(s.errors.endedNoEdit(current.name));
			if (!Number.isInteger(days) || days < 1 || days > current.length) throw new UserError(s.errors.milestoneTooLong(days, current.length));
			const others = current.milestones.filter((m) => m.days !== days);
			if (others.length >= MAX_MILESTONES) throw new UserError(s.errors.tooManyMilestones);
			return { ...current, milestones: [...others, { days, roleId: snowflake.parse(roleId) }].sort((a, b) => a.days - b.days) };
		});
		await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.milestone.${days}`, `<@&${roleId}>`);
		return updated;
	}

	async removeMilestone(guildId: string, adminId: string, challengeId: string, days: number): Promise<Challenge> {
		const updated = await this.#change(guildId, challengeId, (current) => {
			if (!current.milestones.some((m) => m.days === days)) throw new UserError(this.#s.errors.noMilestone(days));
			return { ...current, milestones: current.milestones.filter((m) => m.days !== days) };
		});
		await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.milestone.${days}`, 'removed');
		return updated;
	}

	/** Ends a challenge now: posts stop, check-ins close, the summary goes out when it had begun. */
	async end(guildId: string, adminId: string, challengeId: string): Promise<{ challenge: Challenge; summaryPosted: boolean }> {
		const now = this.#now();
		const ended = await this.#change(guildId, challengeId, (current) => {
			const state = challengeState(current, now);
			if (state !== 'running' && state !== 'upcoming') throw new UserError(this.#s.errors.notRunning(current.name));
			const day = Math.min(current.length, Math.max(0, challengeDayAt(now, current.startDate, current.timezone)));
			return { ...current, endedAt: new Date(now).toISOString(), endedDay: day };
		});
		await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.ended`, `on day ${ended.endedDay}`);
		const summaryPosted = (ended.endedDay ?? 0) >= 1 ? await this.#close(ended) : false;
		return { challenge: (await this.#book.get(guildId, challengeId)) ?? ended, summaryPosted };
	}

	async archive(guildId: string, adminId: string, challengeId: string): Promise<Challenge> {
		const now = this.#now();
		const archived = await this.#change(guildId, challengeId, (current) => {
			const state = challengeState(current, now);
			if (state === 'archived') throw new UserError(this.#s.errors.alreadyArchived(current.name));
			if (state === 'running') throw new UserError(this.#s.errors.archiveRunning(current.name));
			return { ...current, archivedAt: new Date(now).toISOString() };
		});
		await this.deps.audit.record(guildId, adminId, `challenges.${challengeId}.archived`, 'yes');
		return archived;
	}

	async status(guildId: string, challengeId: string): Promise<ChallengeStatus> {
		const challenge = await this.find(guildId, challengeId);
		const now = this.#now();
		const guildTz = (await this.#guildTimezone(guildId));
		const participants = await this.#participants(guildId, challenge.id);
		let checkedInToday = 0;
		let completed = 0;
		for (const [, p] of participants) {
			const tz = p.timezone ?? guildTz;
			const today = challengeDayAt(now, challenge.startDate, tz);
			if (p.checkIns.some((c) => c.day === today)) checkedInToday++;
			if (p.completedAt) completed++;
		}
		const posts = await this.deps.store.get(ChallengePostsRecord, challengeKeys.posts(guildId, challenge.id));
		const problems: string[] = [];
		const state = challengeState(challenge, now);
		if (state === 'running' || state === 'upcoming') {
			const channel = await this.deps.discord.fetchChannel(challenge.channelId);
			if (!channel) problems.push(this.#s.admin.channelGone(challenge.channelId));
			else {
				const missing = await this.deps.discord.missingPermissions(guildId, challenge.channelId, ['ViewChannel', 'SendMessages', 'EmbedLinks']);
				if (missing.length > 0) problems.push(this.#s.admin.channelMissing(challenge.channelId, missing));
			}
			const roles = [challenge.completionRoleId, ...challenge.milestones.map((m) => m.roleId)].filter((r): r is string => !!r);
			for (const roleId of new Set(roles)) {
				const can = await this.deps.discord.canAssignRole(guildId, roleId);
				if (!can.ok) problems.push(this.#s.admin.roleTrouble(roleId, this.#s.roleReasons[can.reason] ?? can.reason));
			}
		}
		return {
			challenge,
			state,
			day: challengeDayAt(now, challenge.startDate, challenge.timezone),
			participants: participants.length,
			checkedInToday,
			completed,
			postsMade: posts?.days.filter((d) => d.state === 'posted').length ?? 0,
			problems,
		};
	}

	// ------------------------------------------------------------------------------------------------------------
	// Members

	async join(guildId: string, userId: string, challengeId?: string | null): Promise<JoinResult> {
		const challenge = await this.pick(guildId, challengeId, 'join', userId);
		const now = this.#now();
		const state = challengeState(challenge, now);
		if (state !== 'running' && state !== 'upcoming') throw new UserError(this.#s.join.over(challenge.name));
		const prefs = await this.deps.store.get(MemberPrefsRecord, challengeKeys.prefs(guildId, userId));
		const guildTz = (await this.#guildTimezone(guildId));
		const timezone = prefs?.timezone ?? guildTz;
		const today = challengeDayAt(now, challenge.startDate, timezone);
		const joinDay = Math.max(1, today);
		if (joinDay > lastDayOf(challenge)) throw new UserError(this.#s.join.over(challenge.name));
		let already = false;
		const participant = await this.deps.store.update(ParticipantRecord, challengeKeys.participant(guildId, userId, challenge.id), (current) => {
			if (current) {
				already = true;
				return undefined;
			}
			return {
				challengeId: challenge.id,
				joinedAt: new Date(now).toISOString(),
				joinDay,
				timezone: prefs?.timezone ?? null,
				reminders: false,
				lastRemindedDay: null,
				checkIns: [],
				milestonesAwarded: [],
				completedAt: null,
			};
		});
		if (!already) this.deps.logger.info({ guildId, challengeId: challenge.id, joinDay }, 'member joined a challenge');
		return { challenge, participant: participant!, already, timezone: participant!.timezone ?? guildTz };
	}

	/** Leaves a challenge: the member's record for it (check-ins, notes) is erased. */
	async leave(guildId: string, userId: string, challengeId?: string | null): Promise<{ challenge: Challenge; left: boolean }> {
		const challenge = await this.pick(guildId, challengeId, 'member', userId);
		const left = await this.deps.store.delete(challengeKeys.participant(guildId, userId, challenge.id));
		return { challenge, left };
	}

	/**
	 * Checks a member in. Serialized on the member's own record: a double click counts once, and members never wait
	 * for each other. Roles and the public celebration follow after the record is saved.
	 */
	async checkIn(guildId: string, userId: string, input: CheckInInput): Promise<CheckInResult> {
		const challenge = await this.pick(guildId, input.challengeId, 'member', userId);
		return this.checkInTo(challenge, userId, input);
	}

	/** checkIn for a challenge already looked up (the button and the benchmark call this). */
	async checkInTo(challenge: Challenge, userId: string, input: CheckInInput): Promise<CheckInResult> {
		const { guildId } = challenge;
		const note = this.#note(input.note);
		const request = input.request ?? 'today';
		const now = this.#now();
		const state = challengeState(challenge, now);
		let result: CheckInResult | undefined;
		const refuse = (reason: Extract<CheckInResult, { ok: false }>['reason'], day: number, today: number, joinDay: number) => {
			result = { ok: false, challenge, reason, day, today, joinDay };
			return undefined;
		};
		await this.deps.store.update(ParticipantRecord, challengeKeys.participant(guildId, userId, challenge.id), async (current) => {
			if (!current) return refuse('not-joined', 0, 0, 0);
			if (state === 'ended' || state === 'archived') return refuse('challenge-closed', 0, 0, current.joinDay);
			const tz = current.timezone ?? (await this.#guildTimezone(guildId));
			const lastDay = lastDayOf(challenge);
			const moment = memberMoment(now, challenge, tz);
			const days = current.checkIns.map((c) => c.day);
			const decision = decideCheckIn(request, { ...moment, joinDay: current.joinDay, lastDay, checkIns: days });
			if (!decision.ok) return refuse(decision.reason, decision.day, moment.today, current.joinDay);
			const before = evaluateProgress({ joinDay: current.joinDay, lastDay, checkIns: days, ...moment });
			const checkIns = [...current.checkIns, { day: decision.day, at: new Date(now).toISOString(), note, via: input.via }].sort((a, b) => a.day - b.day);
			const progress = evaluateProgress({ joinDay: current.joinDay, lastDay, checkIns: checkIns.map((c) => c.day), ...moment });
			const milestones = challenge.milestones.filter((m) => progress.daysDone >= m.days && !current.milestonesAwarded.includes(m.days));
			const completedNow = progress.completed && !current.completedAt;
			const next: Participant = {
				...current,
				checkIns,
				milestonesAwarded: [...current.milestonesAwarded, ...milestones.map((m) => m.days)],
				completedAt: completedNow ? new Date(now).toISOString() : current.completedAt,
			};
			result = {
				ok: true,
				challenge,
				participant: next,
				day: decision.day,
				backdated: decision.backdated,
				aheadOfMember: typeof request === 'object' && request.day > decision.day,
				progress,
				freezeEarned: progress.freezesEarned > before.freezesEarned,
				milestones,
				completedNow,
				awards: [],
				noteSaved: note !== null,
			};
			return next;
		});
		const outcome = result!;
		if (outcome.ok) await this.#afterCheckIn(outcome, userId);
		return outcome;
	}

	async progress(guildId: string, userId: string, challengeId?: string | null): Promise<ProgressView> {
		const challenge = await this.pick(guildId, challengeId, 'member', userId);
		const participant = await this.deps.store.get(ParticipantRecord, challengeKeys.participant(guildId, userId, challenge.id));
		if (!participant) throw new UserError(this.#s.progress.notJoined(challenge.name));
		const timezone = participant.timezone ?? (await this.#guildTimezone(guildId));
		const now = this.#now();
		return { challenge, participant, progress: this.#progressOf(challenge, participant, timezone, now), timezone, state: challengeState(challenge, now) };
	}

	/**
	 * Ranked by consistency since joining, then current streak. Members who left the server are left off and their
	 * challenge records removed.
	 */
	async leaderboard(guildId: string, viewerId: string, challengeId?: string | null): Promise<LeaderboardView> {
		const challenge = await this.pick(guildId, challengeId, 'view', viewerId);
		const now = this.#now();
		const guildTz = (await this.#guildTimezone(guildId));
		const ranked = (await this.#participants(guildId, challenge.id))
			.map(([key, p]) => ({ key, userId: challengeKeys.userOfKey(key)!, p, progress: this.#progressOf(challenge, p, p.timezone ?? guildTz, now) }))
			.sort(
				(a, b) =>
					b.progress.consistency - a.progress.consistency ||
					b.progress.currentStreak - a.progress.currentStreak ||
					b.progress.daysDone - a.progress.daysDone ||
					a.p.joinedAt.localeCompare(b.p.joinedAt),
			);
		const lines: LeaderboardLine[] = [];
		let removed = 0;
		let viewerRank: number | null = null;
		for (const [i, entry] of ranked.entries()) {
			const isViewer = entry.userId === viewerId;
			if (lines.length >= LEADERBOARD_SIZE && !isViewer) {
				if (viewerRank !== null) break;
				continue;
			}
			const member = await this.deps.discord.fetchMember(guildId, entry.userId);
			if (!member) {
				removed++;
				await (this.deps.memberLeft?.(guildId, entry.userId) ?? this.deps.store.delete(entry.key));
				continue;
			}
			if (isViewer) viewerRank = i + 1 - removed;
			if (lines.length < LEADERBOARD_SIZE && entry.progress.daysDone > 0) {
				lines.push({
					userId: entry.userId,
					displayName: member.displayName,
					consistency: entry.progress.consistency,
					currentStreak: entry.progress.currentStreak,
					daysDone: entry.progress.daysDone,
				});
			}
		}
		if (removed > 0) this.deps.logger.info({ guildId, challengeId: challenge.id, removed }, 'left members removed from a challenge');
		return { challenge, lines, viewerRank, total: ranked.length - removed };
	}

	/** Sets the member's own time zone for every challenge in the guild (and the ones they join later). */
	async setTimezone(guildId: string, userId: string, timezone: string): Promise<{ timezone: string; challenges: number }> {
		const tz = this.#timezone(timezone);
		if (!tz) throw new UserError(this.#s.errors.badTimezone(timezone.slice(0, 60)));
		await this.deps.store.set(MemberPrefsRecord, challengeKeys.prefs(guildId, userId), { timezone: tz });
		let count = 0;
		for (const challenge of await this.#book.ofGuild(guildId)) {
			const updated = await this.deps.store.update(ParticipantRecord, challengeKeys.participant(guildId, userId, challenge.id), (current) =>
				current ? { ...current, timezone: tz } : undefined,
			);
			if (updated) count++;
		}
		return { timezone: tz, challenges: count };
	}

	async setReminders(guildId: string, userId: string, on: boolean, challengeId?: string | null): Promise<Challenge> {
		const challenge = await this.pick(guildId, challengeId, 'member', userId);
		const updated = await this.deps.store.update(ParticipantRecord, challengeKeys.participant(guildId, userId, challenge.id), (current) =>
			current ? { ...current, reminders: on } : undefined,
		);
		if (!updated) throw new UserError(this.#s.progress.notJoined(challenge.name));
		return challenge;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Data rights, configuration and summaries

	async exportMember(guildId: string, userId: string): Promise<Record<string, unknown>> {
		const prefs = await this.deps.store.get(MemberPrefsRecord, challengeKeys.prefs(guildId, userId)).catch(() => undefined);
		const challenges = await this.#book.ofGuild(guildId);
		const records = await this.deps.store.getMany(
			ParticipantRecord,
			challenges.map((c) => challengeKeys.participant(guildId, userId, c.id)),
		);
		const participations = records.flatMap((record, i) => {
			if (!record) return [];
			const challenge = challenges[i]!;
			return [
				{
					challenge: { id: challenge.id, name: challenge.name },
					joinedAt: record.joinedAt,
					joinDay: record.joinDay,
					timezone: record.timezone,
					reminders: record.reminders,
					checkIns: record.checkIns,
					milestonesAwarded: record.milestonesAwarded,
					completedAt: record.completedAt,
				},
			];
		});
		return { timezone: prefs?.timezone ?? null, participations };
	}

	async deleteMember(guildId: string, userId: string): Promise<void> {
		const prefix = keys.memberPrefix(guildId, userId);
		const mine = (await this.deps.store.keys(prefix)).filter((key) => {
			const rest = key.slice(prefix.length);
			return rest === 'challenge-prefs' || rest.startsWith('challenge:');
		});
		await this.deps.store.deleteMany(mine);
	}

	async describeConfig(guildId: string): Promise<{ title: string; lines: string[] }> {
		const s = this.#s;
		const items = await this.list(guildId);
		const lines = items.map((item) =>
			s.config.line(
				item.challenge.name,
				s.stateWords[item.state],
				item.state === 'running' ? s.dayOf(Math.min(item.day, item.challenge.length), item.challenge.length) : '',
				item.challenge.postTime,
				item.challenge.timezone,
				item.challenge.channelId,
			),
		);
		return { title: s.config.title, lines: lines.length > 0 ? lines : [s.config.none] };
	}

	async weeklySummary(guildId: string, since: Date, until: Date): Promise<string[]> {
		const out: string[] = [];
		const from = since.getTime();
		const to = until.getTime();
		for (const challenge of await this.#book.ofGuild(guildId)) {
			if (challenge.archivedAt) continue;
			const startMs = challengeDayStart(1, challenge.startDate, challenge.timezone);
			const doneAt = challenge.endedAt ? Date.parse(challenge.endedAt) : closingAt(challenge);
			if (startMs > to || doneAt < from - 7 * DAY_MS) continue;
			const participants = await this.#participants(guildId, challenge.id);
			let checkIns = 0;
			let members = 0;
			for (const [, p] of participants) {
				const n = p.checkIns.filter((c) => {
					const at = Date.parse(c.at);
					return at >= from && at < to;
				}).length;
				checkIns += n;
				if (n > 0) members++;
			}
			if (participants.length > 0 || (startMs <= to && doneAt >= from)) out.push(this.#s.weekly.line(challenge.name, checkIns, members, participants.length));
			if (doneAt >= from && doneAt < to) out.push(this.#s.weekly.finished(challenge.name));
		}
		return out;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Scheduled work: the daily post, the closing summary and private reminders

	async #schedules(now: Date): Promise<ScheduledEntry[]> {
		const entries: ScheduledEntry[] = [];
		for (const challenge of await this.#book.all()) {
			if (challenge.archivedAt || challenge.endedAt || challenge.summaryPostedAt) continue;
			const id = `${challenge.guildId}-${challenge.id}`;
			const notBefore = new Date(challengeDayStart(1, challenge.startDate, challenge.timezone));
			const notAfter = new Date(closingAt(challenge));
			entries.push({
				id,
				guildId: challenge.guildId,
				spec: { kind: 'daily', time: challenge.postTime },
				timezone: challenge.timezone,
				notBefore,
				notAfter,
				catchUpWindowMs: DAILY_CATCH_UP_MS,
			});
			// Reminders run hourly and pick, in each member's zone, the members for whom it is 7 pm.
			if (now.getTime() < notAfter.getTime() + DAY_MS * 3) {
				entries.push({
					id: `${id}-remind`,
					guildId: challenge.guildId,
					spec: { kind: 'cron', expression: '0 * * * *' },
					timezone: 'UTC',
					notBefore: new Date(notBefore.getTime() - DAY_MS),
					notAfter: new Date(notAfter.getTime() + 2 * DAY_MS),
					catchUpWindowMs: REMINDER_CATCH_UP_MS,
				});
			}
		}
		return entries;
	}

	async #run(entry: ScheduledEntry, occurrence: Occurrence): Promise<void> {
		const match = /^(\d+)-(\d+)(-remind)?$/.exec(entry.id);
		if (!match) return;
		const [, guildId, challengeId, remind] = match;
		// Read afresh: the server's data may have been deleted since the book was loaded (Hearth removed from it).
		let challenge: Challenge | undefined;
		try {
			challenge = await this.deps.store.get(ChallengeRecord, challengeKeys.challenge(guildId!, challengeId!));
		} catch (error) {
			if (!(error instanceof DamagedRecordError)) throw error;
			await this.deps.notices.notify(guildId!, `challenge:damaged:${challengeId}`, this.#s.notices.damaged(challengeId!));
			return;
		}
		if (!challenge) {
			this.#book.forget(guildId!, challengeId!);
			return;
		}
		if (challenge.archivedAt || challenge.endedAt || (await this.deps.settings.get(guildId!)).leftAt) return;
		try {
			if (remind) {
				await this.#retryFailedPost(challenge);
				await this.#remind(challenge, occurrence.at.getTime());
				return;
			}
			const day = dateOrdinal(occurrence.local.slice(0, 10)) - dateOrdinal(challenge.startDate) + 1;
			if (day >= 1 && day <= challenge.length) {
				// A post caught up after downtime only makes sense while its day lasts.
				if (occurrence.late && challengeDayAt(this.#now(), challenge.startDate, challenge.timezone) !== day) {
					this.deps.logger.warn({ guildId, challengeId, day }, 'daily challenge post found too late for its day; not posting it');
					return;
				}
				await this.postDay(challenge, day);
			} else if (day > challenge.length && !challenge.summaryPostedAt) {
				await this.#close(challenge);
			}
		} catch (error) {
			this.deps.logger.error({ err: error, guildId, challengeId }, 'challenge scheduled work failed');
			throw error;
		}
	}

	/** Posts day `day`'s action once: the day is claimed in the posts record before sending, so it never goes out twice. */
	async postDay(challenge: Challenge, day: number): Promise<ChallengePost | null> {
		const { guildId } = challenge;
		const claimed = await this.#claimPost(challenge, day);
		if (!claimed) return null;
		let post: ChallengePost;
		try {
			const sent = await this.deps.discord.send(challenge.channelId, renderDailyPost(this.deps.strings, challenge, day));
			post = { day, state: 'posted', messageId: sent.id, channelId: sent.channelId, at: new Date(this.#now()).toISOString() };
			await this.deps.notices.resolve(guildId, `challenge:channel:${challenge.id}`);
		} catch (error) {
			post = { day, state: 'failed', messageId: null, channelId: challenge.channelId, at: new Date(this.#now()).toISOString() };
			await this.#savePost(challenge, post);
			await this.#channelFailed(challenge, error);
			return post;
		}
		await this.#savePost(challenge, post);
		this.deps.logger.info({ guildId, challengeId: challenge.id, day }, 'challenge day posted');
		return post;
	}

	async #claimPost(challenge: Challenge, day: number): Promise<boolean> {
		let claimed = false;
		await this.deps.store.update(ChallengePostsRecord, challengeKeys.posts(challenge.guildId, challenge.id), (current) => {
			const posts: ChallengePosts = current ?? { days: [], summary: null };
			// A failed post may be tried again; one being sent, or sent, never.
			if (posts.days.some((p) => p.day === day && p.state !== 'failed')) return undefined;
			claimed = true;
			const claim: ChallengePost = { day, state: 'sending', messageId: null, channelId: null, at: new Date(this.#now()).toISOString() };
			return { ...posts, days: [...posts.days.filter((p) => p.day !== day), claim].sort((a, b) => a.day - b.day) };
		});
		return claimed;
	}

	/**
	 * A day whose post failed (Discord hiccup, or a channel or permission problem since fixed) is tried again every
	 * hour while that day lasts, so a passing failure never costs members a day's action.
	 */
	async #retryFailedPost(challenge: Challenge): Promise<void> {
		const day = challengeDayAt(this.#now(), challenge.startDate, challenge.timezone);
		if (day < 1 || day > challenge.length) return;
		const posts = await this.deps.store.get(ChallengePostsRecord, challengeKeys.posts(challenge.guildId, challenge.id));
		if (posts?.days.find((p) => p.day === day)?.state !== 'failed') return;
		try {
			await this.postDay(challenge, day);
		} catch (error) {
			this.deps.logger.warn({ err: error, guildId: challenge.guildId, challengeId: challenge.id, day }, 'retrying a failed challenge post failed again');
		}
	}

	async #savePost(challenge: Challenge, post: ChallengePost): Promise<void> {
		await this.deps.store.update(ChallengePostsRecord, challengeKeys.posts(challenge.guildId, challenge.id), (current) => {
			const posts: ChallengePosts = current ?? { days: [], summary: null };
			return { ...posts, days: [...posts.days.filter((p) => p.day !== post.day), post].sort((a, b) => a.day - b.day) };
		});
	}

	async #channelFailed(challenge: Challenge, error: unknown): Promise<void> {
		const { guildId } = challenge;
		if (error instanceof DiscordFailure && ['unknown_channel', 'missing_access', 'missing_permissions'].includes(error.kind)) {
			this.deps.logger.warn({ guildId, challengeId: challenge.id, kind: error.kind }, 'challenge channel unusable');
			await this.deps.notices.notify(guildId, `challenge:channel:${challenge.id}`, this.#s.notices.channelFailed(challenge.name, challenge.channelId));
			return;
		}
		throw error;
	}

	/** Closes a challenge once: completions settled, summary posted, the challenge marked so. */
	async #close(challenge: Challenge): Promise<boolean> {
		const { guildId } = challenge;
		let claimed = false;
		await this.deps.store.update(ChallengePostsRecord, challengeKeys.posts(guildId, challenge.id), (current) => {
			const posts: ChallengePosts = current ?? { days: [], summary: null };
			if (posts.summary) return undefined;
			claimed = true;
			const claim: ChallengePost = { day: challenge.length + 1, state: 'sending', messageId: null, channelId: null, at: new Date(this.#now()).toISOString() };
			return { ...posts, summary: claim };
		});
		if (!claimed) return false;
		const summary = await this.summarize(challenge);
		let summaryPost: ChallengePost;
		try {
			const sent = await this.deps.discord.send(challenge.channelId, renderSummary(this.deps.strings, summary));
			summaryPost = { day: challenge.length + 1, state: 'posted', messageId: sent.id, channelId: sent.channelId, at: new Date(this.#now()).toISOString() };
		} catch (error) {
			summaryPost = { day: challenge.length + 1, state: 'failed', messageId: null, channelId: challenge.channelId, at: new Date(this.#now()).toISOString() };
			await this.#channelFailed(challenge, error).catch((e: unknown) => this.deps.logger.error({ err: e, guildId }, 'challenge summary failed'));
		}
		await this.deps.store.update(ChallengePostsRecord, challengeKeys.posts(guildId, challenge.id), (current) => ({
			days: current?.days ?? [],
			summary: summaryPost,
		}));
		await this.#change(guildId, challenge.id, (current) => ({ ...current, summaryPostedAt: new Date(this.#now()).toISOString() }));
		this.deps.logger.info({ guildId, challengeId: challenge.id, participants: summary.participants }, 'challenge closed');
		return summaryPost.state === 'posted';
	}

	/** The closing figures; members whose freezes carried them to the end are marked complete (and get the role). */
	async summarize(challenge: Challenge): Promise<ChallengeSummary> {
		const { guildId } = challenge;
		const now = this.#now();
		const guildTz = (await this.#guildTimezone(guildId));
		const participants = await this.#participants(guildId, challenge.id);
		let completed = 0;
		let longest = 0;
		let checkIns = 0;
		for (const [key, p] of participants) {
			const progress = this.#progressOf(challenge, p, p.timezone ?? guildTz, now);
			longest = Math.max(longest, progress.bestStreak);
			checkIns += progress.daysDone;
			if (p.completedAt) completed++;
			else if (progress.completed && !challenge.endedAt) {
				completed++;
				const userId = challengeKeys.userOfKey(key)!;
				const marked = await this.deps.store.update(ParticipantRecord, key, (current) =>
					current && !current.completedAt ? { ...current, completedAt: new Date(now).toISOString() } : undefined,
				);
				if (marked?.completedAt && challenge.completionRoleId) await this.#giveRole(challenge, userId, challenge.completionRoleId);
			}
		}
		return { challenge, participants: participants.length, completed, longestStreak: longest, checkIns, endedEarly: challenge.endedAt !== null };
	}

	async #remind(challenge: Challenge, atMs: number): Promise<void> {
		const { guildId } = challenge;
		const guildTz = (await this.#guildTimezone(guildId));
		const lastDay = lastDayOf(challenge);
		let postLinks: Map<number, string> | undefined;
		for (const [key, p] of await this.#participants(guildId, challenge.id)) {
			if (!p.reminders) continue;
			const tz = p.timezone ?? guildTz;
			if (new Date(wallOf(atMs, tz)).getUTCHours() !== REMINDER_HOUR) continue;
			const today = challengeDayAt(atMs, challenge.startDate, tz);
			if (today < p.joinDay || today > lastDay || p.lastRemindedDay === today || p.checkIns.some((c) => c.day === today)) continue;
			const userId = challengeKeys.userOfKey(key)!;
			let due = false;
			await this.deps.store.update(ParticipantRecord, key, (current) => {
				if (!current?.reminders || current.lastRemindedDay === today || current.checkIns.some((c) => c.day === today)) return undefined;
				due = true;
				return { ...current, lastRemindedDay: today };
			});
			if (!due) continue;
			const member = await this.deps.discord.fetchMember(guildId, userId);
			if (!member) {
				await (this.deps.memberLeft?.(guildId, userId) ?? this.deps.store.delete(key));
				continue;
			}
			postLinks ??= await this.#postLinks(challenge);
			try {
				await this.deps.discord.sendDirect(userId, renderReminder(this.deps.strings, challenge, today, postLinks.get(today) ?? null));
			} catch (error) {
				// Closed DMs: the member chose quiet; never nag them another way.
				if (error instanceof DiscordFailure && error.kind === 'cannot_dm') continue;
				this.deps.logger.warn({ err: error, guildId, challengeId: challenge.id }, 'challenge reminder failed');
			}
		}
	}

	async #postLinks(challenge: Challenge): Promise<Map<number, string>> {
		const posts = await this.deps.store.get(ChallengePostsRecord, challengeKeys.posts(challenge.guildId, challenge.id));
		const links = new Map<number, string>();
		for (const p of posts?.days ?? []) {
			if (p.messageId && p.channelId) links.set(p.day, `https://discord.com/channels/${challenge.guildId}/${p.channelId}/${p.messageId}`);
		}
		return links;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Internals

	async #afterCheckIn(result: Extract<CheckInResult, { ok: true }>, userId: string): Promise<void> {
		const { challenge } = result;
		for (const milestone of result.milestones) {
			const given = await this.#giveRole(challenge, userId, milestone.roleId);
			result.awards.push({ kind: 'milestone', days: milestone.days, roleId: milestone.roleId, given });
		}
		if (!result.completedNow) return;
		if (challenge.completionRoleId) {
			const given = await this.#giveRole(challenge, userId, challenge.completionRoleId);
			result.awards.push({ kind: 'completion', days: result.progress.daysDone, roleId: challenge.completionRoleId, given });
		}
		try {
			const member = await this.deps.discord.fetchMember(challenge.guildId, userId);
			if (member) await this.deps.discord.send(challenge.channelId, renderCelebration(this.deps.strings, challenge, member.displayName, result.progress.daysDone));
		} catch (error) {
			await this.#channelFailed(challenge, error).catch((e: unknown) =>
				this.deps.logger.warn({ err: e, guildId: challenge.guildId }, 'could not post a completion celebration'),
			);
		}
	}

	/** Gives a role when Hearth can; otherwise skips it and tells the admins once. */
	async #giveRole(challenge: Challenge, userId: string, roleId: string): Promise<boolean> {
		const { guildId } = challenge;
		const s = this.#s;
		const can = await this.deps.discord.canAssignRole(guildId, roleId);
		if (!can.ok) {
			await this.deps.notices.notify(guildId, `challenge:role:${roleId}:${can.reason}`, s.notices.roleFailed(challenge.name, roleId, s.roleReasons[can.reason] ?? can.reason));
			return false;
		}
		try {
			await this.deps.discord.addRole(guildId, userId, roleId, `Hearth challenge: ${challenge.name}`);
			return true;
		} catch (error) {
			if (error instanceof DiscordFailure && (error.kind === 'missing_permissions' || error.kind === 'unknown_role')) {
				const reason = error.kind === 'unknown_role' ? 'unknown_role' : 'missing_permission';
				await this.deps.notices.notify(guildId, `challenge:role:${roleId}:${reason}`, s.notices.roleFailed(challenge.name, roleId, s.roleReasons[reason]!));
				return false;
			}
			if (error instanceof DiscordFailure && error.kind === 'unknown_member') return false;
			this.deps.logger.warn({ err: error, guildId, challengeId: challenge.id }, 'could not give a challenge role');
			return false;
		}
	}

	#progressOf(challenge: Challenge, p: Participant, tz: string, nowMs: number): Progress {
		// After an early end nothing more can be checked in; a day still open for the member when it ended is not a miss.
		const moment = challenge.endedAt
			? { today: lastDayOf(challenge) + 1, closedThrough: Math.min(lastDayOf(challenge), memberMoment(Date.parse(challenge.endedAt), challenge, tz).closedThrough) }
			: memberMoment(nowMs, challenge, tz);
		return evaluateProgress({ joinDay: p.joinDay, lastDay: lastDayOf(challenge), checkIns: p.checkIns.map((c) => c.day), ...moment });
	}

	/** Every participant record of a challenge, with its key. */
	async #participants(guildId: string, challengeId: string): Promise<Array<[string, Participant]>> {
		const suffix = `:challenge:${challengeId}`;
		return (await this.deps.store.entries(ParticipantRecord, challengeKeys.membersPrefix(guildId))).filter(
			([key, p]) => p.challengeId === challengeId && key.endsWith(suffix),
		);
	}

	async #joinedIds(guildId: string, userId: string, challenges: Challenge[]): Promise<Set<string>> {
		const records = await this.deps.store.getMany(
			ParticipantRecord,
			challenges.map((c) => challengeKeys.participant(guildId, userId, c.id)),
		);
		return new Set(challenges.filter((_, i) => records[i]).map((c) => c.id));
	}

	/** Read-modify-write of a challenge record; the in-memory book follows. */
	async #change(guildId: string, challengeId: string, change: (current: Challenge) => Challenge): Promise<Challenge> {
		const found = await this.find(guildId, challengeId);
		const updated = await this.deps.store.update(ChallengeRecord, challengeKeys.challenge(guildId, found.id), (current) => {
			if (!current) throw new UserError(this.#s.pick.noSuch(challengeId));
			return change(current);
		});
		this.#book.remember(updated!);
		return updated!;
	}

	#note(note: string | null | undefined): string | null {
		if (note === null || note === undefined) return null;
		const text = note.replace(/\s+/g, ' ').trim();
		if (text.length === 0) return null;
		if (text.length > MAX_NOTE_LENGTH) throw new UserError(this.#s.errors.noteTooLong);
		return text;
	}

	#name(name: string | null | undefined): string | undefined {
		const text = name?.replace(/\s+/g, ' ').trim();
		if (!text) return undefined;
		if (text.length > 80) throw new UserError(this.#s.errors.nameTooLong);
		return text;
	}

	#description(description: string | null | undefined): string | undefined {
		const text = description?.trim();
		if (!text) return undefined;
		if (text.length > 300) throw new UserError(this.#s.errors.descriptionTooLong);
		return text;
	}

	#timezone(tz: string | null | undefined): string | undefined {
		if (!tz?.trim()) return undefined;
		const canonical = canonicalTimezone(tz.trim());
		if (!canonical) throw new UserError(this.#s.errors.badTimezone(tz.slice(0, 60)));
		return canonical;
	}

	#postTime(time: string | null | undefined): string | undefined {
		if (!time?.trim()) return undefined;
		const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(time.trim());
		let hour = m ? Number(m[1]) : NaN;
		const minute = m?.[2] === undefined ? 0 : Number(m[2]);
		const meridiem = m?.[3]?.toLowerCase().replace(/\./g, '');
		if (meridiem) hour = hour >= 1 && hour <= 12 ? (hour % 12) + (meridiem === 'pm' ? 12 : 0) : NaN;
		if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) throw new UserError(this.#s.errors.badTime);
		return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
	}

	#grace(hours: number | null | undefined): number | undefined {
		if (hours === null || hours === undefined) return undefined;
		if (!Number.isInteger(hours) || hours < 0 || hours > MAX_GRACE_HOURS) throw new UserError(this.#s.errors.badGrace);
		return hours;
	}

	#startDate(text: string, tz: string, nowMs: number): string {
		const today = dateOrdinal(ordinalDate(Math.floor(wallOf(nowMs, tz) / DAY_MS)));
		const word = text.trim().toLowerCase();
		let ordinal: number;
		if (word === 'today') ordinal = today;
		else if (word === 'tomorrow') ordinal = today + 1;
		else {
			try {
				ordinal = dateOrdinal(word);
			} catch {
				throw new UserError(this.#s.errors.badDate);
			}
		}
		if (ordinal < today) throw new UserError(this.#s.errors.startInPast);
		if (ordinal > today + 366) throw new UserError(this.#s.errors.startTooFar);
		return ordinalDate(ordinal);
	}

	#actions(actions: string[] | null, length: number, name: string): string[] {
		const s = this.#s;
		if (!actions || actions.length === 0) return Array.from({ length }, (_, i) => s.defaultAction(i + 1, name));
		const cleaned = actions.map((a) => a.replace(/\s+/g, ' ').trim()).filter((a) => a.length > 0);
		if (cleaned.length !== length) throw new UserError(s.errors.actionsCount(cleaned.length, length));
		const tooLong = cleaned.findIndex((a) => a.length > MAX_ACTION_LENGTH);
		if (tooLong >= 0) throw new UserError(s.errors.actionTooLong(tooLong + 1));
		return cleaned;
	}
}

function stateOrder(state: ChallengeState): number {
	return { running: 0, upcoming: 1, finished: 2, ended: 3, archived: 4 }[state];
}
