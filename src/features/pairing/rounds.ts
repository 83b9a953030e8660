import { DiscordFailure } from '../../core/discord-port.js';
import { createRandom } from '../../core/random.js';
import { localDate } from '../../scheduler/schedule.js';
import type { FeatureDeps } from '../types.js';
import { followUpDue } from './cadence.js';
import type { PairingSettings } from './config.js';
import { matchMembers, type MatchCandidate, type MatchResult } from './matching.js';
import { pauseState, type PairingMembers } from './members.js';
import {
	DELETED_MEMBER,
	IGNORED_IN_ROW_LIMIT,
	PairingProfileRecord,
	pairingKeys,
	type FailureReason,
	type PairingConfig,
	type PairingGroup,
	type PairingProfile,
	type PairingRound,
	type RoundStats,
} from './records.js';
import {
	plainMessage,
	renderDirectFollowUp,
	renderDirectIntro,
	renderThreadFollowUp,
	renderThreadIntro,
	type IntroContent,
} from './render.js';
import type { RoundRecords } from './round-records.js';
import { roundStartReport } from './views.js';

/** Conversation starters and tips an intro draws from (loaded once from data/). */
export interface IntroMaterial {
	starters: readonly string[];
	tips: readonly string[];
}

/** Everything a round would be, worked out without writing anything: what /pair-admin preview shows. */
export interface RoundPlan {
	number: number;
	seed: string;
	candidates: MatchCandidate[];
	result: MatchResult;
	skipped: { paused: number; left: number; missingRole: number };
	/** Display names from Discord, for thread names. */
	names: Map<string, string>;
}

export type RoundOutcome =
	| { kind: 'started'; round: PairingRound; groups: PairingGroup[] }
	| { kind: 'resumed'; round: PairingRound; groups: PairingGroup[] }
	| { kind: 'empty'; available: number };

/** Refusals after which no thread can be made in the channel this round: the rest go by DM straight away. */
const CHANNEL_UNUSABLE: ReadonlySet<string> = new Set(['missing_permissions', 'missing_access', 'unknown_channel']);

function failureReason(error: DiscordFailure): FailureReason {
	return error.kind === 'unknown_message' || error.kind === 'unknown_role' ? 'other' : error.kind;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const out = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await work(items[i]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return out;
}

/** Members a round's follow-up reached: the thread's members when it was posted there, plus those asked by DM. */
export function followUpReached(group: PairingGroup): string[] {
	const inThread = group.followUp.messages.some((d) => d.userId === null);
	const dmIntro = new Set(group.intro.messages.filter((d) => d.userId !== null).map((d) => d.userId!));
	const out = new Set<string>();
	if (inThread) for (const m of group.intro.reached) if (!dmIntro.has(m)) out.add(m);
	for (const d of group.followUp.messages) if (d.userId !== null) out.add(d.userId);
	out.delete(DELETED_MEMBER);
	return [...out];
}

export function roundStats(round: PairingRound, groups: readonly PairingGroup[], autoPaused: number): RoundStats {
	let members = 0;
	let metGroups = 0;
	let answeredGroups = 0;
	let failures = 0;
	for (const g of groups) {
		members += g.members.length;
		if (g.answers.some((a) => a.answer === 'met')) metGroups++;
		if (g.answers.length > 0) answeredGroups++;
		failures += g.intro.failures.length;
	}
	return { groups: groups.length, members, metGroups, answeredGroups, repeats: round.repeats, failures, autoPaused };
}

/**
 * A round from start to end: plan (who meets whom), persist, introduce group by group (recording each one as soon as it
 * is introduced, so a restart resumes without introducing anyone twice), follow up halfway, and close with stats.
 * All of a guild's round work runs in one queue (the round lock).
 */
export class PairingRounds {
	/** Guilds whose round work is running in this process right now. */
	readonly running = new Set<string>();

	constructor(
		private readonly deps: FeatureDeps,
		private readonly settings: PairingSettings,
		private readonly members: PairingMembers,
		private readonly records: RoundRecords,
		private readonly material: () => IntroMaterial,
		private readonly hooks: {
			/** A member who left the server: their pairing data goes. */
			forgetMember(guildId: string, userId: string): Promise<void>;
			/** A round was written: keep the schedule index current. */
			roundChanged(guildId: string, round: PairingRound): void;
		},
	) {}

	get #words() {
		return this.deps.strings.pairing;
	}

	/** The seed of round `n` in a guild: the same members, history and blocks give the same groups. */
	seedFor(guildId: string, n: number): string {
		return `${this.deps.seed}:${guildId}:pairing:${n}`;
	}

	/**
	 * Works out round `number`: who is available (active, not paused, still in the server, with the required role),
	 * and the matching. With `preview`, nothing is written, not even for members who left.
	 */
	async plan(guildId: string, config: PairingConfig, number: number, options: { preview: boolean }): Promise<RoundPlan> {
		const { discord, clock } = this.deps;
		const tz = await this.settings.timezone(guildId, config);
		const today = localDate(clock.now(), tz);
		const skipped = { paused: 0, left: 0, missingRole: 0 };
		const available: Array<[string, PairingProfile]> = [];
		for (const [id, profile] of await this.members.rosterProfiles(guildId)) {
			if (!profile.active) continue;
			if (pauseState(profile, number, today).paused) skipped.paused++;
			else available.push([id, profile]);
		}
		const names = new Map<string, string>();
		const infos = await inPool(available, 8, ([id]) => discord.fetchMember(guildId, id));
		const candidates: MatchCandidate[] = [];
		for (const [i, [id, profile]] of available.entries()) {
			const info = infos[i];
			if (!info) {
				skipped.left++;
				if (!options.preview) await this.hooks.forgetMember(guildId, id);
				continue;
			}
			if (config.requiredRoleId && !info.roles.includes(config.requiredRoleId)) {
				skipped.missingRole++;
				continue;
			}
			names.set(id, info.displayName);
			candidates.push({ id, interests: profile.interests });
		}
		const ids = new Set(candidates.map((c) => c.id));
		const blocks = (await this.members.blockPairs(guildId, [...ids])).filter(([a, b]) => ids.has(a) && ids.has(b));
		const history = await this.records.meetings(guildId);
		const seed = this.seedFor(guildId, number);
		const result =
			candidates.length >= 2
				? matchMembers({
						candidates,
						groupSize: config.groupSize,
						mode: config.mode,
						round: number,
						history,
						repeatWindow: config.repeatWindow,
						blocks,
						seed,
					})
				: { groups: [], unmatched: candidates.map((c) => c.id), totalScore: 0, repeats: 0 };
		return { number, seed, candidates, result, skipped, names };
	}

	/** The next round's plan, for the preview: nothing is written and nobody is told. */
	async preview(guildId: string): Promise<RoundPlan> {
		const config = await this.settings.get(guildId);
		const latest = await this.records.latest(guildId);
		const unfinished = latest && (latest.state === 'planned' || latest.state === 'introducing');
		return this.plan(guildId, config, unfinished ? latest.number : (latest?.number ?? 0) + 1, { preview: true });
	}

	/**
	 * Runs a round: finishes an interrupted one if there is one (and starts nothing new), else closes the previous round
	 * and starts the next.
	 */
	run(guildId: string, trigger: 'schedule' | 'manual'): Promise<RoundOutcome> {
		return this.#exclusive(guildId, async () => {
			const config = await this.settings.get(guildId);
			const latest = await this.records.latest(guildId);
			if (latest && (latest.state === 'planned' || latest.state === 'introducing')) {
				const round = await this.#introduceAll(guildId, latest, config);
				return { kind: 'resumed', round, groups: await this.records.groups(guildId, round) };
			}
			if (latest && latest.state === 'introduced') await this.#close(guildId, latest);
			const plan = await this.plan(guildId, config, (latest?.number ?? 0) + 1, { preview: false });
			if (plan.candidates.length === 0) return { kind: 'empty', available: 0 };
			const planned = await this.#persist(guildId, config, plan, trigger);
			const round = await this.#introduceAll(guildId, planned, config, plan.names);
			return { kind: 'started', round, groups: await this.records.groups(guildId, round) };
		});
	}

	/** Finishes an interrupted round's introductions; does nothing when there is none. */
	resume(guildId: string): Promise<PairingRound | null> {
		return this.#exclusive(guildId, async () => {
			const latest = await this.records.latest(guildId);
			if (!latest || (latest.state !== 'planned' && latest.state !== 'introducing')) return null;
			return this.#introduceAll(guildId, latest, await this.settings.get(guildId));
		});
	}

	/** Halfway through: asks every group of the current round whether they met. Safe to call again. */
	followUp(guildId: string): Promise<PairingRound | null> {
		return this.#exclusive(guildId, async () => {
			const latest = await this.records.latest(guildId);
			if (!latest || latest.state !== 'introduced' || latest.followUpSentAt) return null;
			return this.#sendFollowUps(guildId, latest);
		});
	}

	/** Ends the current round now (stats, unanswered intros counted); used when a new round starts. */
	close(guildId: string): Promise<PairingRound | null> {
		return this.#exclusive(guildId, async () => {
			const latest = await this.records.latest(guildId);
			if (!latest || latest.state !== 'introduced') return null;
			return this.#close(guildId, latest);
		});
	}

	async #exclusive<T>(guildId: string, work: () => Promise<T>): Promise<T> {
		return this.deps.store.locked(pairingKeys.roundLock(guildId), async () => {
			this.running.add(guildId);
			try {
				return await work();
			} finally {
				this.running.delete(guildId);
			}
		});
	}

	async #persist(guildId: string, config: PairingConfig, plan: RoundPlan, trigger: 'schedule' | 'manual'): Promise<PairingRound> {
		const now = this.deps.clock.now();
		const groups: PairingGroup[] = plan.result.groups.map((g, index) => ({
			round: plan.number,
			index,
			members: g.members,
			shared: g.shared.slice(0, 50),
			repeat: g.repeat,
			intro: { via: null, threadId: null, reached: [], messages: [], failures: [], introducedAt: null },
			followUp: { sentAt: null, messages: [], failures: [] },
			answers: [],
		}));
		const round: PairingRound = {
			number: plan.number,
			state: 'planned',
			trigger,
			seed: plan.seed,
			plannedAt: now.toISOString(),
			introducedAt: null,
			followUpDueAt: followUpDue(now, config).toISOString(),
			followUpSentAt: null,
			closedAt: null,
			groupCount: groups.length,
			groupSize: config.groupSize,
			mode: config.mode,
			repeats: plan.result.repeats,
			unmatched: plan.result.unmatched.map((userId) => ({ userId, told: null })),
			skipped: plan.skipped,
			failures: 0,
			stats: null,
		};
		// Groups first, then the round: a round record always has its groups, and nothing reaches Discord before both.
		await this.records.saveGroups(guildId, groups);
		await this.records.saveRound(guildId, round);
		await this.settings.register(guildId);
		this.hooks.roundChanged(guildId, round);
		this.deps.logger.info({ guildId, round: round.number, groups: groups.length, unmatched: round.unmatched.length }, 'pairing round planned');
		return round;
	}

	async #introduceAll(guildId: string, start: PairingRound, config: PairingConfig, knownNames?: Map<string, string>): Promise<PairingRound> {
		let round = start;
		if (round.state === 'planned') {
			round = (await this.records.updateRound(guildId, round.number, (r) => ({ ...r, state: 'introducing' }))) ?? round;
			this.hooks.roundChanged(guildId, round);
		}
		const groups = await this.records.groups(guildId, round);
		const everyone = [...new Set(groups.flatMap((g) => g.members))].filter((m) => m !== DELETED_MEMBER);
		const profiles = await this.deps.store.getMany(
			PairingProfileRecord,
			everyone.map((id) => pairingKeys.profile(guildId, id)),
		);
		const intros = new Map<string, string>();
		everyone.forEach((id, i) => {
			const intro = profiles[i]?.intro;
			if (intro) intros.set(id, intro);
		});
		const ctx: IntroRun = {
			channelId: config.channelId,
			blocked: null,
			threadMade: false,
			names: knownNames ?? new Map(),
			intros,
			config,
		};
		for (const group of groups) {
			if (group.intro.introducedAt) continue;
			await this.#introduceGroup(guildId, round, group, ctx);
		}
		round = await this.#tellUnmatched(guildId, round, config);

		const final = await this.records.groups(guildId, round);
		const failures = final.reduce((sum, g) => sum + g.intro.failures.length, 0);
		round =
			(await this.records.updateRound(guildId, round.number, (r) => ({
				...r,
				state: 'introduced',
				introducedAt: this.deps.clock.now().toISOString(),
				failures,
			}))) ?? round;
		this.hooks.roundChanged(guildId, round);
		await this.#reportStart(guildId, round, final, ctx);
		this.deps.logger.info({ guildId, round: round.number, groups: final.length, failures }, 'pairing round introduced');
		return round;
	}

	async #introduceGroup(guildId: string, round: PairingRound, group: PairingGroup, ctx: IntroRun): Promise<void> {
		const { discord, clock } = this.deps;
		const words = this.#words;
		const members = group.members.filter((m) => m !== DELETED_MEMBER);
		const content = this.#content(round, group, ctx);
		let threadId = group.intro.threadId;
		let via = group.intro.via;
		const reached = new Set(group.intro.reached);
		const messages = [...group.intro.messages];
		const failures = [...group.intro.failures];
		const save = async (extra: Partial<PairingGroup['intro']> = {}) => {
			await this.records.updateGroup(guildId, round.number, group.index, (g) => ({
				...g,
				intro: { ...g.intro, via, threadId, reached: [...reached], messages: [...messages], failures: [...failures], ...extra },
			}));
		};
		const resumed = group.intro.threadId !== null;
		let byDm: string[] = [];

		if (ctx.channelId && !ctx.blocked && via !== 'dm') {
			if (!threadId) {
				const name = words.intro.threadName(round.number, await this.#names(guildId, members, ctx));
				threadId = await this.#startThread(ctx.channelId, name, ctx, failures);
				if (threadId) {
					via = 'thread';
					ctx.threadMade = true;
					// Recorded before anything else happens in it, so a restart reuses this thread.
					await save();
				}
			}
			if (threadId) {
				for (const member of members) {
					if (reached.has(member)) continue;
					try {
						await discord.addThreadMember(threadId, member);
						reached.add(member);
					} catch (error) {
						if (!(error instanceof DiscordFailure)) throw error;
						if (error.kind === 'unknown_member') failures.push({ userId: member, reason: 'unknown_member' });
						else byDm.push(member);
					}
				}
				await save();
				const posted = messages.some((d) => d.userId === null) || (resumed && ((await discord.fetchChannel(threadId))?.messageCount ?? 0) > 0);
				if (!posted) {
					try {
						const sent = await discord.send(threadId, renderThreadIntro(words, members.filter((m) => reached.has(m)), content));
						messages.push({ userId: null, channelId: threadId, messageId: sent.id });
					} catch (error) {
						if (!(error instanceof DiscordFailure)) throw error;
						// The thread is there but silent: everyone gets the intro by DM instead.
						failures.push({ userId: null, reason: failureReason(error) });
						byDm = members.filter((m) => !failures.some((f) => f.userId === m));
						reached.clear();
						via = 'dm';
					}
				} else if (!messages.some((d) => d.userId === null)) {
					messages.push({ userId: null, channelId: threadId, messageId: null });
				}
				await save();
			}
		}
		if (!threadId || via === 'dm') {
			via = 'dm';
			byDm = members.filter((m) => !failures.some((f) => f.userId === m && f.reason === 'unknown_member'));
		}
		const inThread = via === 'thread' ? members.filter((m) => reached.has(m)) : [];
		for (const member of byDm) {
			if (messages.some((d) => d.userId === member)) continue;
			try {
				const sent = await discord.sendDirect(member, renderDirectIntro(words, member, members, content, inThread));
				messages.push({ userId: member, channelId: sent.channelId, messageId: sent.id });
				reached.add(member);
			} catch (error) {
				if (!(error instanceof DiscordFailure)) throw error;
				failures.push({ userId: member, reason: failureReason(error) });
			}
			await save();
		}
		await save({ introducedAt: clock.now().toISOString() });
	}

	/** A private thread in the channel, or null (with the reason noted) when one cannot be made. */
	async #startThread(channelId: string, name: string, ctx: IntroRun, failures: PairingGroup['intro']['failures']): Promise<string | null> {
		for (let attempt = 1; attempt <= 2; attempt++) {
			try {
				// invitable: Discord lets only thread moderators (Manage Threads) add people to a non-invitable private thread.
				const thread = await this.deps.discord.startThread(channelId, { name, kind: 'private', invitable: true, autoArchiveMinutes: 10080 });
				return thread.id;
			} catch (error) {
				if (!(error instanceof DiscordFailure)) throw error;
				if (CHANNEL_UNUSABLE.has(error.kind)) {
					ctx.blocked = failureReason(error);
					return null;
				}
				// Anything else may pass: one more try, then this group goes by DM.
				if (attempt === 2) failures.push({ userId: null, reason: failureReason(error) });
			}
		}
		return null;
	}

	async #names(guildId: string, members: readonly string[], ctx: IntroRun): Promise<string[]> {
		const out: string[] = [];
		for (const id of members) {
			let name = ctx.names.get(id);
			if (!name) {
				name = (await this.deps.discord.fetchMember(guildId, id).catch(() => null))?.displayName ?? this.#words.intro.unknownName;
				ctx.names.set(id, name);
			}
			out.push(name);
		}
		return out;
	}

	#content(round: PairingRound, group: PairingGroup, ctx: IntroRun): IntroContent {
		const random = createRandom(`${round.seed}:intro:${group.index}`);
		const material = this.material();
		return {
			round: round.number,
			everyWeeks: ctx.config.everyWeeks,
			shared: group.shared,
			guildInterests: ctx.config.interests,
			intros: ctx.intros,
			starter: random.pick(material.starters) ?? null,
			tip: random.pick(material.tips) ?? null,
		};
	}

	async #tellUnmatched(guildId: string, round: PairingRound, config: PairingConfig): Promise<PairingRound> {
		let current = round;
		const where = config.channelId ? `<#${config.channelId}>` : null;
		for (const { userId, told } of round.unmatched) {
			if (told !== null || userId === DELETED_MEMBER) continue;
			let how: 'dm' | 'note' = 'dm';
			try {
				await this.deps.discord.sendDirect(userId, plainMessage(this.#words.unmatched.dm(where)));
			} catch (error) {
				if (!(error instanceof DiscordFailure)) throw error;
				how = 'note';
				await this.members.leaveNote(guildId, userId, this.#words.unmatched.note(round.number));
			}
			current =
				(await this.records.updateRound(guildId, round.number, (r) => ({
					...r,
					unmatched: r.unmatched.map((u) => (u.userId === userId ? { ...u, told: how } : u)),
				}))) ?? current;
		}
		return current;
	}

	async #reportStart(guildId: string, round: PairingRound, groups: readonly PairingGroup[], ctx: IntroRun): Promise<void> {
		const words = this.#words.admin;
		const { notices } = this.deps;
		await notices.notify(guildId, `pairing:round:${round.number}:started`, roundStartReport(this.#words, round, groups));
		if (ctx.blocked && ctx.channelId) {
			await notices.notify(guildId, `pairing:threads:${ctx.channelId}`, words.threadsImpossible(ctx.channelId, words.failureReasons[ctx.blocked] ?? ctx.blocked));
		} else if (ctx.threadMade) {
			await notices.resolve(guildId, 'pairing:threads:');
		}
		if (!ctx.channelId && groups.length > 0) await notices.notify(guildId, 'pairing:no-channel', words.noChannel);
	}

	async #sendFollowUps(guildId: string, round: PairingRound): Promise<PairingRound> {
		const { discord, clock } = this.deps;
		const words = this.#words;
		for (const group of await this.records.groups(guildId, round)) {
			if (!group.intro.introducedAt || group.followUp.sentAt) continue;
			const members = group.members.filter((m) => m !== DELETED_MEMBER);
			const messages: PairingGroup['followUp']['messages'] = [];
			const failures: PairingGroup['followUp']['failures'] = [];
			const dmIntro = new Set(group.intro.messages.filter((d) => d.userId !== null).map((d) => d.userId!));
			const inThread = group.intro.reached.filter((m) => !dmIntro.has(m) && m !== DELETED_MEMBER);
			let byDm = [...dmIntro].filter((m) => m !== DELETED_MEMBER);
			if (group.intro.threadId && inThread.length > 0) {
				try {
					const sent = await discord.send(group.intro.threadId, renderThreadFollowUp(words, group, inThread));
					messages.push({ userId: null, channelId: group.intro.threadId, messageId: sent.id });
				} catch (error) {
					if (!(error instanceof DiscordFailure)) throw error;
					failures.push({ userId: null, reason: failureReason(error) });
					byDm = [...new Set([...byDm, ...inThread])];
				}
			}
			for (const member of byDm) {
				try {
					const sent = await discord.sendDirect(member, renderDirectFollowUp(words, guildId, group, member, members));
					messages.push({ userId: member, channelId: sent.channelId, messageId: sent.id });
				} catch (error) {
					if (!(error instanceof DiscordFailure)) throw error;
					failures.push({ userId: member, reason: failureReason(error) });
				}
			}
			await this.records.updateGroup(guildId, round.number, group.index, (g) => ({
				...g,
				followUp: { sentAt: clock.now().toISOString(), messages, failures },
			}));
		}
		const updated =
			(await this.records.updateRound(guildId, round.number, (r) => ({ ...r, followUpSentAt: clock.now().toISOString() }))) ?? round;
		this.hooks.roundChanged(guildId, updated);
		this.deps.logger.info({ guildId, round: round.number }, 'pairing follow-ups sent');
		return updated;
	}

	async #close(guildId: string, round: PairingRound): Promise<PairingRound> {
		const { store, clock, discord, notices } = this.deps;
		const words = this.#words;
		const groups = await this.records.groups(guildId, round);
		const newlyPaused: string[] = [];
		if (round.followUpSentAt) {
			for (const group of groups) {
				const answered = new Set(group.answers.map((a) => a.userId));
				for (const member of followUpReached(group)) {
					await store.update(PairingProfileRecord, pairingKeys.profile(guildId, member), (p) => {
						if (!p || p.countedRound >= round.number) return undefined;
						const ignoredInRow = answered.has(member) ? 0 : p.ignoredInRow + 1;
						const pause = p.active && !p.autoPaused && ignoredInRow >= IGNORED_IN_ROW_LIMIT;
						if (pause) newlyPaused.push(member);
						return { ...p, ignoredInRow, countedRound: round.number, autoPaused: p.autoPaused || pause };
					});
				}
			}
		}
		const config = await this.settings.get(guildId);
		const where = config.channelId ? `<#${config.channelId}>` : null;
		for (const member of newlyPaused) {
			try {
				await discord.sendDirect(member, plainMessage(words.autoPause.dm(where, IGNORED_IN_ROW_LIMIT)));
			} catch (error) {
				if (!(error instanceof DiscordFailure)) throw error;
				await this.members.leaveNote(guildId, member, words.autoPause.note(IGNORED_IN_ROW_LIMIT));
			}
		}
		const stats = roundStats(round, groups, newlyPaused.length);
		const closed =
			(await this.records.updateRound(guildId, round.number, (r) => ({ ...r, state: 'done', closedAt: clock.now().toISOString(), stats }))) ?? round;
		this.hooks.roundChanged(guildId, closed);
		await notices.notify(guildId, `pairing:round:${round.number}:ended`, words.admin.roundEnded({ number: round.number, ...stats }));
		this.deps.logger.info({ guildId, round: round.number, ...stats }, 'pairing round closed');
		return closed;
	}
}

interface IntroRun {
	channelId: string | null;
	/** Why threads cannot be made in the channel this round (the rest of the groups go by DM). */
	blocked: FailureReason | null;
	threadMade: boolean;
	names: Map<string, string>;
	intros: ReadonlyMap<string, string>;
	config: PairingConfig;
}
