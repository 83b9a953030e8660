import { UserError } from '../../core/errors.js';
import { canonicalTimezone, localDate, parseTime, type DueWorkProvider, type Occurrence, type ScheduledEntry } from '../../scheduler/index.js';
import { loadDefaultInterests } from '../challenges/templates.js';
import { loadQuestionBankSync, loadTipsSync } from '../prompts/bank.js';
import type { Feature, FeatureDeps } from '../types.js';
import { cycleMs, firstRoundDate, nextRoundAt, roundSpec } from './cadence.js';
import { PairingSettings } from './config.js';
import { normalizeInterest, parseGuildInterest, parseInterests, parseIntro, mergeInterests, usableDefaultInterests } from './interests.js';
import { pauseFields, pauseState, PairingMembers, type PauseRequest } from './members.js';
import {
	ANSWERS,
	DELETED_MEMBER,
	MAX_GROUP_SIZE,
	MAX_GUILD_INTERESTS,
	MAX_INTERESTS,
	MAX_REPEAT_WINDOW,
	MIN_GROUP_SIZE,
	MODES,
	type Cadence,
	type FollowUpAnswer,
	type PairingConfig,
	type PairingMode,
	type PairingProfile,
	type PairingRound,
} from './records.js';
import { RoundRecords, type MemberRoundEntry } from './round-records.js';
import { PairingRounds, type IntroMaterial, type RoundOutcome, type RoundPlan } from './rounds.js';

export { FOLLOW_UP_PREFIX, FOLLOW_UP_VERSION, followUpCustomId } from './render.js';
export type { MemberRoundEntry, RoundOutcome, RoundPlan };
export { DELETED_MEMBER, MAX_INTERESTS, MAX_GROUP_SIZE, MIN_GROUP_SIZE, MAX_REPEAT_WINDOW, MODES };
export type { PairingConfig, PairingProfile, PairingRound, PairingMode, FollowUpAnswer, Cadence, PauseRequest };

/** How often the guild's default time zone is re-read for guilds that follow it. */
const TIMEZONE_REFRESH_MS = 10 * 60_000;

interface GuildSchedule {
	config: PairingConfig | null;
	timezone: string;
	timezoneCheckedAt: number;
	latest: PairingRound | null;
}

export interface PairingStatus {
	config: PairingConfig;
	timezone: string;
	nextRoundAt: Date | null;
	latest: PairingRound | undefined;
	members: { active: number; paused: number };
}

export interface ProfileView {
	profile: PairingProfile | undefined;
	config: PairingConfig;
	/** A message we could not deliver by DM, shown now (and then forgotten). */
	note: string | null;
	pause: ReturnType<typeof pauseState> | null;
	nextRoundAt: Date | null;
}

/**
 * Interest-based pairings: members opt in with interests, and on the guild's schedule Hearth groups them (preferring
 * shared interests and people who have not met), introduces each group in a private thread, follows up halfway and
 * reports each round to the admins.
 */
export class PairingFeature implements Feature {
	readonly name = 'pairing';
	readonly providers: DueWorkProvider[];
	readonly settings: PairingSettings;
	readonly members: PairingMembers;
	readonly records: RoundRecords;
	readonly rounds: PairingRounds;
	#material: IntroMaterial | undefined;
	#defaults: string[] | undefined;
	#index: Map<string, GuildSchedule> | undefined;
	#loading: Promise<Map<string, GuildSchedule>> | undefined;

	constructor(readonly deps: FeatureDeps) {
		this.settings = new PairingSettings(deps.store, deps.clock, deps.settings, () => this.defaultInterests());
		this.members = new PairingMembers(deps.store, deps.clock, deps.strings.pairing);
		this.records = new RoundRecords(deps.store);
		this.rounds = new PairingRounds(deps, this.settings, this.members, this.records, () => this.material(), {
			forgetMember: (guildId, userId) => (deps.memberLeft ? deps.memberLeft(guildId, userId) : this.deleteMember(guildId, userId)),
			roundChanged: (guildId, round) => this.#indexRound(guildId, round),
		});
		const provider: DueWorkProvider = {
			name: 'pairing',
			schedules: (now) => this.#schedules(now),
			run: (entry, occurrence) => this.#runEntry(entry, occurrence),
		};
		this.providers = [provider];
		// A guild that follows the server-wide timezone moves its rounds as soon as that changes.
		deps.settings.onChange((guildId, settings) => {
			const item = this.#index?.get(guildId);
			if (item?.config && item.config.timezone === null) {
				item.timezone = settings.timezone;
				item.timezoneCheckedAt = deps.clock.now().getTime();
			}
		});
	}

	get #words() {
		return this.deps.strings.pairing;
	}

	/** The default guild interest list (data/interests.json), read once. */
	defaultInterests(): string[] {
		this.#defaults ??= usableDefaultInterests(loadDefaultInterests());
		return this.#defaults;
	}

	/** Conversation starters (the prompt bank's light and medium questions) and tips, read once. */
	material(): IntroMaterial {
		if (!this.#material) {
			try {
				const bank = loadQuestionBankSync();
				const tips = loadTipsSync();
				this.#material = {
					starters: bank.questions.filter((q) => q.tier === 'light' || q.tier === 'medium').map((q) => q.text),
					tips: tips.tips.map((t) => t.text),
				};
			} catch (error) {
				// A broken data file costs the intro its starter and tip, not the round.
				this.deps.logger.error({ err: error }, 'could not read the question bank or tips for pairing intros');
				this.#material = { starters: [], tips: [] };
			}
		}
		return this.#material;
	}

	// ── members ──────────────────────────────────────────────────────────────────────────────────────────────

	/** /pair join: opts in (again), with interests and intro when given. Clears any pause. */
	async join(
		guildId: string,
		userId: string,
		input: { interests?: string | null | undefined; intro?: string | null | undefined; roles: readonly string[] },
	): Promise<{ profile: PairingProfile; wasActive: boolean; config: PairingConfig; nextRoundAt: Date | null }> {
		const config = await this.settings.get(guildId);
		if (config.requiredRoleId && !input.roles.includes(config.requiredRoleId)) throw new UserError(this.#words.errors.requiredRole);
		const interests = input.interests ? parseInterests(input.interests, this.#words) : undefined;
		const intro = input.intro ? parseIntro(input.intro, this.#words) : undefined;
		const { profile, wasActive } = await this.members.join(guildId, userId, (p) => ({
			...p,
			interests: interests ?? p.interests,
			intro: intro ?? p.intro,
			pausedUntilRound: null,
			pausedUntilDate: null,
		}));
		this.deps.logger.info({ guildId, rejoined: wasActive }, 'member joined pairings');
		return { profile, wasActive, config, nextRoundAt: await this.nextRoundAt(guildId, config) };
	}

	async profileView(guildId: string, userId: string): Promise<ProfileView> {
		const config = await this.settings.get(guildId);
		const profile = await this.members.profile(guildId, userId);
		const note = profile ? await this.members.takeNote(guildId, userId) : null;
		let pause: ProfileView['pause'] = null;
		if (profile?.active) {
			const tz = await this.settings.timezone(guildId, config);
			const latest = await this.records.latest(guildId);
			pause = pauseState(profile, (latest?.number ?? 0) + 1, localDate(this.deps.clock.now(), tz));
		}
		return { profile, config, note, pause, nextRoundAt: await this.nextRoundAt(guildId, config) };
	}

	/** /pair profile with options: replace or add interests, set or clear the intro. */
	async editProfile(
		guildId: string,
		userId: string,
		input: { interests?: string | null | undefined; add?: string | null | undefined; intro?: string | null | undefined; clearIntro?: boolean | null | undefined },
	): Promise<PairingProfile> {
		const words = this.#words;
		const replace = input.interests ? parseInterests(input.interests, words) : undefined;
		const add = input.add ? parseInterests(input.add, words) : undefined;
		const intro = input.intro ? parseIntro(input.intro, words) : undefined;
		return this.members.update(guildId, userId, (p) => {
			let interests = replace ?? p.interests;
			if (add) interests = mergeInterests(interests, add, words);
			return { ...p, interests, intro: input.clearIntro ? '' : (intro ?? p.intro) };
		});
	}

	/**
	 * A choice in one of the interest select menus: the menu offered `offered` (guild list items); the member's interests
	 * from that menu become `selected`, the rest of their interests stay.
	 */
	async chooseInterests(guildId: string, userId: string, offered: readonly string[], selected: readonly string[]): Promise<PairingProfile> {
		const config = await this.settings.get(guildId);
		const onList = new Set(config.interests.map((i) => normalizeInterest(i)));
		const offeredKeys = new Set(offered.map((i) => normalizeInterest(i)));
		const chosen = [...new Set(selected.map((i) => normalizeInterest(i)))].filter((i) => offeredKeys.has(i) && onList.has(i));
		return this.members.update(guildId, userId, (p) => {
			const interests = [...p.interests.filter((i) => !offeredKeys.has(i)), ...chosen];
			if (interests.length > MAX_INTERESTS) throw new UserError(this.#words.errors.tooManyInterests(MAX_INTERESTS));
			return { ...p, interests };
		});
	}

	async pause(guildId: string, userId: string, request: PauseRequest): Promise<PairingProfile> {
		const config = await this.settings.get(guildId);
		const tz = await this.settings.timezone(guildId, config);
		const latest = await this.records.latest(guildId);
		const fields = pauseFields(request, latest?.number ?? 0, localDate(this.deps.clock.now(), tz), this.#words);
		return this.members.update(guildId, userId, (p) => {
			if (!p.active) throw new UserError(this.#words.errors.notJoined);
			return { ...p, ...fields };
		});
	}

	/** Ends any pause, including the one after unanswered intros. Returns whether the member was paused at all. */
	async resume(guildId: string, userId: string): Promise<boolean> {
		let was = false;
		await this.members.update(guildId, userId, (p) => {
			if (!p.active) throw new UserError(this.#words.errors.notJoined);
			was = p.autoPaused || p.pausedUntilDate !== null || p.pausedUntilRound !== null;
			return { ...p, autoPaused: false, ignoredInRow: 0, pausedUntilDate: null, pausedUntilRound: null };
		});
		return was;
	}

	/** /pair leave: out of pairings; with `deleteData`, everything pairing keeps about the member goes too. */
	async leave(guildId: string, userId: string, deleteData: boolean): Promise<void> {
		if (deleteData) await this.deleteMember(guildId, userId);
		else await this.members.leave(guildId, userId);
	}

	block(guildId: string, userId: string, targetId: string): Promise<boolean> {
		return this.members.block(guildId, userId, targetId);
	}

	unblock(guildId: string, userId: string, targetId: string): Promise<boolean> {
		return this.members.unblock(guildId, userId, targetId);
	}

	blocks(guildId: string, userId: string): Promise<string[]> {
		return this.members.blocks(guildId, userId);
	}

	history(guildId: string, userId: string): Promise<MemberRoundEntry[]> {
		return this.records.memberHistory(guildId, userId);
	}

	/** A follow-up button: records the member's answer (idempotent; a different answer replaces the old one). */
	async answer(guildId: string, round: number, index: number, userId: string, answer: string): Promise<'recorded' | 'changed' | 'same'> {
		const words = this.#words;
		if (!(ANSWERS as readonly string[]).includes(answer)) throw new UserError(words.errors.badAnswer);
		if (!Number.isInteger(round) || round < 1 || !Number.isInteger(index) || index < 0) throw new UserError(words.errors.groupGone);
		const group = await this.records.group(guildId, round, index);
		if (!group) throw new UserError(words.errors.groupGone);
		if (!group.members.includes(userId)) throw new UserError(words.errors.notInGroup);
		let outcome: 'recorded' | 'changed' | 'same' = 'same';
		await this.records.updateGroup(guildId, round, index, (g) => {
			const previous = g.answers.find((a) => a.userId === userId);
			if (previous?.answer === answer) {
				outcome = 'same';
				return undefined;
			}
			outcome = previous ? 'changed' : 'recorded';
			const entry = { userId, answer: answer as FollowUpAnswer, at: this.deps.clock.now().toISOString() };
			return { ...g, answers: [...g.answers.filter((a) => a.userId !== userId), entry] };
		});
		// Answering shows the member is around: they are no longer counted as ignoring intros.
		if (outcome !== 'same') {
			await this.members.update(guildId, userId, (p) => (p.ignoredInRow === 0 ? undefined : { ...p, ignoredInRow: 0 })).catch(() => undefined);
		}
		return outcome;
	}

	// ── admins ───────────────────────────────────────────────────────────────────────────────────────────────

	async config(guildId: string): Promise<PairingConfig> {
		return this.settings.get(guildId);
	}

	async #change(
		guildId: string,
		adminId: string,
		setting: string,
		value: string | ((config: PairingConfig) => string),
		change: (c: PairingConfig) => PairingConfig,
	): Promise<PairingConfig> {
		const config = await this.settings.update(guildId, change);
		await this.deps.audit.record(guildId, adminId, `pairing.${setting}`, typeof value === 'string' ? value : value(config));
		await this.#indexConfig(guildId, config);
		return config;
	}

	async setChannel(guildId: string, adminId: string, channelId: string): Promise<PairingConfig> {
		const now = this.deps.clock.now().toISOString();
		return this.#change(guildId, adminId, 'channel', `<#${channelId}>`, (c) => ({
			...c,
			channelId,
			// The first channel starts the schedule from now: a round already past this week is not fired late.
			scheduleSince: c.channelId ? c.scheduleSince : now,
		}));
	}

	async setSchedule(
		guildId: string,
		adminId: string,
		input: { everyWeeks?: number | null; day?: number | null; time?: string | null; timezone?: string | null },
	): Promise<PairingConfig> {
		const words = this.#words;
		// Given values are checked here; the rest are taken from the stored settings inside the update, so two admins
		// changing different parts at the same moment both keep their change.
		if (input.everyWeeks != null && ![1, 2, 4].includes(input.everyWeeks)) throw new UserError(words.errors.badCadence);
		if (input.day != null && (!Number.isInteger(input.day) || input.day < 0 || input.day > 6)) throw new UserError(words.errors.badDay);
		let time: string | undefined;
		if (input.time) {
			try {
				time = parseTime(input.time);
			} catch {
				throw new UserError(words.errors.badTime);
			}
		}
		let timezone: string | undefined;
		if (input.timezone) {
			timezone = canonicalTimezone(input.timezone) ?? undefined;
			if (!timezone) throw new UserError(words.errors.badTimezone(input.timezone.slice(0, 60)));
		}
		const serverTimezone = (await this.deps.settings.get(guildId)).timezone;
		const now = this.deps.clock.now();
		const describe = (c: PairingConfig) => words.admin.statusSchedule(c.everyWeeks, c.day, c.time, c.timezone ?? serverTimezone);
		return this.#change(guildId, adminId, 'schedule', describe, (c) => {
			const everyWeeks = (input.everyWeeks ?? c.everyWeeks) as Cadence;
			const day = input.day ?? c.day;
			const nextTime = time ?? c.time;
			const nextTimezone = timezone ?? c.timezone;
			const anchorDate = firstRoundDate(day, nextTime, nextTimezone ?? serverTimezone, now);
			return { ...c, everyWeeks, day, time: nextTime, timezone: nextTimezone, anchorDate, scheduleSince: now.toISOString() };
		});
	}

	async setGroupSize(guildId: string, adminId: string, size: number): Promise<PairingConfig> {
		if (!Number.isInteger(size) || size < MIN_GROUP_SIZE || size > MAX_GROUP_SIZE) throw new UserError(this.#words.errors.groupSize(MIN_GROUP_SIZE, MAX_GROUP_SIZE));
		return this.#change(guildId, adminId, 'groupSize', String(size), (c) => ({ ...c, groupSize: size }));
	}

	async setMode(guildId: string, adminId: string, mode: string): Promise<PairingConfig> {
		if (!(MODES as readonly string[]).includes(mode)) throw new UserError(this.#words.errors.badMode);
		return this.#change(guildId, adminId, 'mode', mode, (c) => ({ ...c, mode: mode as PairingMode }));
	}

	async setRepeatWindow(guildId: string, adminId: string, rounds: number): Promise<PairingConfig> {
		if (!Number.isInteger(rounds) || rounds < 0 || rounds > MAX_REPEAT_WINDOW) throw new UserError(this.#words.errors.repeatWindow(MAX_REPEAT_WINDOW));
		return this.#change(guildId, adminId, 'repeatWindow', String(rounds), (c) => ({ ...c, repeatWindow: rounds }));
	}

	async addInterest(guildId: string, adminId: string, text: string): Promise<PairingConfig> {
		const words = this.#words;
		const interest = parseGuildInterest(text, words);
		return this.#change(guildId, adminId, 'interests.add', interest, (c) => {
			if (c.interests.some((i) => i.toLowerCase() === interest.toLowerCase())) throw new UserError(words.errors.interestExists(interest));
			if (c.interests.length >= MAX_GUILD_INTERESTS) throw new UserError(words.errors.guildListFull(MAX_GUILD_INTERESTS));
			return { ...c, interests: [...c.interests, interest] };
		});
	}

	async removeInterest(guildId: string, adminId: string, text: string): Promise<{ config: PairingConfig; removed: string }> {
		const words = this.#words;
		const key = normalizeInterest(text);
		let removed = '';
		const config = await this.#change(guildId, adminId, 'interests.remove', text.slice(0, 60), (c) => {
			const found = c.interests.find((i) => i.toLowerCase() === key);
			if (!found) throw new UserError(words.errors.interestMissing(text.slice(0, 60)));
			removed = found;
			return { ...c, interests: c.interests.filter((i) => i !== found) };
		});
		return { config, removed };
	}

	async resetInterests(guildId: string, adminId: string): Promise<PairingConfig> {
		const defaults = this.defaultInterests();
		return this.#change(guildId, adminId, 'interests.reset', this.#words.admin.auditValues.defaultInterests(defaults.length), (c) => ({ ...c, interests: [...defaults] }));
	}

	async setRequiredRole(guildId: string, adminId: string, roleId: string | null): Promise<PairingConfig> {
		return this.#change(guildId, adminId, 'requiredRole', roleId ? `<@&${roleId}>` : this.#words.admin.auditValues.none, (c) => ({ ...c, requiredRoleId: roleId }));
	}

	async setPaused(guildId: string, adminId: string, paused: boolean): Promise<PairingConfig> {
		const words = this.#words;
		const now = this.deps.clock.now().toISOString();
		return this.#change(guildId, adminId, 'paused', String(paused), (c) => {
			if (c.paused === paused) throw new UserError(paused ? words.errors.alreadyPaused : words.errors.alreadyRunning);
			// Resuming starts from now: rounds missed while paused are not fired late.
			return { ...c, paused, scheduleSince: paused ? c.scheduleSince : now };
		});
	}

	/** /pair-admin run-now. */
	async runNow(guildId: string, adminId: string): Promise<RoundOutcome> {
		await this.deps.audit.record(guildId, adminId, 'pairing.runNow', this.#words.admin.auditValues.ranRound);
		return this.rounds.run(guildId, 'manual');
	}

	preview(guildId: string): Promise<RoundPlan> {
		return this.rounds.preview(guildId);
	}

	async nextRoundAt(guildId: string, config?: PairingConfig): Promise<Date | null> {
		const c = config ?? (await this.settings.get(guildId));
		return nextRoundAt(c, await this.settings.timezone(guildId, c), this.deps.clock.now());
	}

	async status(guildId: string): Promise<PairingStatus> {
		const config = await this.settings.get(guildId);
		const timezone = await this.settings.timezone(guildId, config);
		const latest = await this.records.latest(guildId);
		const today = localDate(this.deps.clock.now(), timezone);
		const next = (latest?.number ?? 0) + 1;
		let active = 0;
		let paused = 0;
		for (const [, profile] of await this.members.rosterProfiles(guildId)) {
			if (!profile.active) continue;
			active++;
			if (pauseState(profile, next, today).paused) paused++;
		}
		return { config, timezone, nextRoundAt: nextRoundAt(config, timezone, this.deps.clock.now()), latest, members: { active, paused } };
	}

	// ── Feature ──────────────────────────────────────────────────────────────────────────────────────────────

	async exportMember(guildId: string, userId: string): Promise<Record<string, unknown>> {
		const profile = await this.members.profile(guildId, userId);
		const blocks = await this.members.blocks(guildId, userId);
		const history = await this.records.memberHistory(guildId, userId);
		const rounds = await this.records.rounds(guildId);
		const deleted = this.#words.history.deletedMember;
		return {
			profile: profile ?? null,
			blocks,
			rounds: history.map((h) => ({
				round: h.round,
				date: h.plannedAt,
				with: h.with.map((id) => (id === DELETED_MEMBER ? deleted : id)),
				sharedInterests: h.shared,
				introducedBy: h.via,
				answer: h.answer,
			})),
			unmatchedInRounds: rounds.filter((r) => r.unmatched.some((u) => u.userId === userId)).map((r) => r.number),
		};
	}

	async deleteMember(guildId: string, userId: string): Promise<void> {
		await this.members.forget(guildId, userId);
		await this.records.forgetMember(guildId, userId);
		this.deps.logger.info({ guildId }, 'pairing data of a member deleted');
	}

	async describeConfig(guildId: string): Promise<{ title: string; lines: string[] }> {
		const words = this.#words;
		const status = await this.status(guildId);
		const c = status.config;
		const lines = [
			words.describe.channel(c.channelId),
			c.paused ? words.describe.paused : words.describe.schedule(words.admin.statusSchedule(c.everyWeeks, c.day, c.time, status.timezone)),
			words.describe.groups(words.admin.statusGroups(c.groupSize, c.repeatWindow)),
			words.describe.mode(words.admin.modeNames[c.mode]),
			words.describe.interests(c.interests.length),
			words.describe.role(c.requiredRoleId),
			words.describe.members(status.members.active),
		];
		return { title: words.describe.title, lines };
	}

	async weeklySummary(guildId: string, since: Date, until: Date): Promise<string[]> {
		const words = this.#words.summary;
		const lines: string[] = [];
		const inWindow = (iso: string | null) => iso !== null && Date.parse(iso) >= since.getTime() && Date.parse(iso) < until.getTime();
		for (const round of await this.records.rounds(guildId)) {
			if (round.stats && inWindow(round.closedAt)) lines.push(words.round(round.number, round.stats.groups, round.stats.metGroups, round.stats.repeats));
			else if (round.state !== 'done' && inWindow(round.plannedAt)) lines.push(words.roundOpen(round.number, round.groupCount));
		}
		let joined = 0;
		for (const [, profile] of await this.members.rosterProfiles(guildId)) if (inWindow(profile.joinedAt)) joined++;
		if (joined > 0) lines.push(words.joined(joined));
		return lines;
	}

	// ── scheduled work ───────────────────────────────────────────────────────────────────────────────────────

	async #loadIndex(): Promise<Map<string, GuildSchedule>> {
		const index = new Map<string, GuildSchedule>();
		for (const guildId of await this.settings.guildIds()) {
			try {
				const config = (await this.settings.stored(guildId)) ?? null;
				const latest = (await this.records.latest(guildId)) ?? null;
				const timezone = config?.timezone ?? (await this.deps.settings.get(guildId)).timezone;
				index.set(guildId, { config, timezone, timezoneCheckedAt: this.deps.clock.now().getTime(), latest });
			} catch (error) {
				// One guild's damaged record must not stop the others' rounds.
				this.deps.logger.error({ err: error, guildId }, 'could not load pairing schedule');
			}
		}
		return index;
	}

	async #ensureIndex(): Promise<Map<string, GuildSchedule>> {
		if (this.#index) return this.#index;
		this.#loading ??= this.#loadIndex().then((index) => {
			this.#index = index;
			return index;
		});
		try {
			return await this.#loading;
		} finally {
			this.#loading = undefined;
		}
	}

	async #indexConfig(guildId: string, config: PairingConfig): Promise<void> {
		if (!this.#index) return;
		const timezone = config.timezone ?? (await this.deps.settings.get(guildId)).timezone;
		const current = this.#index.get(guildId);
		this.#index.set(guildId, { config, timezone, timezoneCheckedAt: this.deps.clock.now().getTime(), latest: current?.latest ?? null });
	}

	#indexRound(guildId: string, round: PairingRound): void {
		if (!this.#index) return;
		const current = this.#index.get(guildId);
		if (!current) {
			this.#index.set(guildId, { config: null, timezone: 'UTC', timezoneCheckedAt: 0, latest: round });
			return;
		}
		if (!current.latest || current.latest.number <= round.number) current.latest = round;
	}

	async #schedules(now: Date): Promise<ScheduledEntry[]> {
		const index = await this.#ensureIndex();
		const out: ScheduledEntry[] = [];
		for (const [guildId, item] of index) {
			const { config, latest } = item;
			if (config && config.timezone === null && now.getTime() - item.timezoneCheckedAt > TIMEZONE_REFRESH_MS) {
				item.timezoneCheckedAt = now.getTime();
				try {
					item.timezone = (await this.deps.settings.get(guildId)).timezone;
				} catch (error) {
					// Damaged server settings: keep the last known time zone, and never hold up the other guilds.
					this.deps.logger.error({ err: error, guildId }, 'could not read the server time zone for pairing; keeping the last one');
				}
			}
			if (config?.channelId) {
				out.push({
					id: 'round',
					guildId,
					spec: roundSpec(config),
					timezone: item.timezone,
					notBefore: new Date(config.scheduleSince),
					paused: config.paused,
				});
			}
			if (!latest || this.rounds.running.has(guildId)) continue;
			if (latest.state === 'planned' || latest.state === 'introducing') {
				// Introductions were interrupted (a restart): finish them at the next minute.
				out.push({ id: 'resume', guildId, spec: { kind: 'cron', expression: '* * * * *' }, timezone: 'UTC' });
			} else if (latest.state === 'introduced' && !latest.followUpSentAt) {
				out.push({
					id: 'followup',
					guildId,
					spec: { kind: 'cron', expression: '* * * * *' },
					timezone: 'UTC',
					notBefore: new Date(latest.followUpDueAt),
				});
			} else if (latest.state === 'introduced') {
				// The next round normally closes this one; when none comes (pairing paused, channel gone), a day after the
				// cycle ends the round is closed anyway, so admins still get its stats and quiet members are counted.
				const cycle = cycleMs(config ?? { everyWeeks: 1 });
				out.push({
					id: 'close',
					guildId,
					spec: { kind: 'cron', expression: '* * * * *' },
					timezone: 'UTC',
					notBefore: new Date(Date.parse(latest.plannedAt) + cycle + 86_400_000),
				});
			}
		}
		return out;
	}

	async #runEntry(entry: ScheduledEntry, occurrence: Occurrence): Promise<void> {
		const { guildId } = entry;
		try {
			if (entry.id === 'round') {
				const config = await this.settings.stored(guildId);
				if (!config || config.paused || !config.channelId) return;
				// An admin's "run a round now" stands in for the next scheduled round when that comes soon after it,
				// so nobody gets two introductions within hours.
				const latest = await this.records.latest(guildId);
				if (latest?.trigger === 'manual' && occurrence.at.getTime() - Date.parse(latest.plannedAt) < cycleMs(config) / 2) {
					this.deps.logger.info({ guildId, round: latest.number, runKey: occurrence.runKey }, 'scheduled pairing round skipped: a manual round ran recently');
					return;
				}
				await this.rounds.run(guildId, 'schedule');
			} else if (entry.id === 'resume') {
				await this.rounds.resume(guildId);
			} else if (entry.id === 'followup') {
				await this.rounds.followUp(guildId);
			} else if (entry.id === 'close') {
				await this.rounds.close(guildId);
			}
		} catch (error) {
			this.deps.logger.error({ err: error, guildId, entry: entry.id, runKey: occurrence.runKey }, 'pairing scheduled work failed');
			if (entry.id === 'round') {
				const reason = error instanceof UserError ? error.message : (error as Error)?.message ?? String(error);
				await this.deps.notices
					.notify(guildId, `pairing:round-failed:${occurrence.local}`, this.#words.admin.roundFailed(reason.slice(0, 300)))
					.catch(() => undefined);
			}
			throw error;
		}
	}
}
