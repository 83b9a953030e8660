import { channelMention, messageLink, time } from '@discordjs/builders';
import { UserError } from '../../core/errors.js';
import { DiscordFailure, type PermissionName } from '../../core/discord-port.js';
import { createRandom } from '../../core/random.js';
import { describeSchedule, nextOccurrence, type ScheduleSpec } from '../../scheduler/schedule.js';
import type { DueWorkProvider, Occurrence, ScheduledEntry } from '../../scheduler/scheduler.js';
import { DamagedRecordError, keys } from '../../store/index.js';
import type { Feature, FeatureDeps } from '../types.js';
import { loadQuestionBankSync, loadTipsSync, type QuestionBank, type Theme, type Tier, type Tip, type TipsFile } from './bank.js';
import { cleanQuestionText, threadNameOf } from './questions.js';
import {
	CustomQuestionsRecord,
	PromptConfigRecord,
	POSTS_KEPT,
	PromptPostRecord,
	PromptStateRecord,
	SuggestionRecord,
	defaultPromptConfig,
	emptyState,
	promptKeys,
	type ArchiveMinutes,
	type CustomQuestion,
	type CustomQuestions,
	type DepthMode,
	type PromptConfig,
	type PromptPost,
	type PromptState,
	type Suggestion,
} from './records.js';
import { excerpt, renderPreview, renderPromptPost, type PromptView } from './render.js';
import { LOW_POOL_WARNING, buildPool, markAsked, pickNext, unusedCount, type PoolQuestion } from './rotation.js';
import { PromptScheduleIndex } from './schedule-index.js';

export type { PromptConfig, PromptPost, CustomQuestion, Suggestion, DepthMode, ArchiveMinutes } from './records.js';
export type { PoolQuestion } from './rotation.js';

/** What set off a post: the scheduler's occurrence, or an admin's "post now". */
export interface PromptTrigger {
	kind: 'scheduled' | 'manual';
	at: Date;
	runKey: string;
}

export type PostOutcome =
	| { status: 'posted'; post: PromptPost; link: string }
	| { status: 'failed'; post: PromptPost }
	| { status: 'skipped'; reason: 'skip-next' | 'paused' | 'not-configured' }
	| { status: 'duplicate'; post: PromptPost };

export interface PromptPreview {
	message: import('../../core/discord-port.js').OutgoingMessage;
	question: PoolQuestion | null;
	at: Date | null;
}

export interface HistoryItem {
	post: PromptPost;
	/** Messages in the prompt's thread (Discord's count); null when there is no thread or it can't be read. */
	answers: number | null;
}

export interface SuggestionDecision {
	suggestion: Suggestion;
	question: CustomQuestion | null;
	/** Whether the member got a DM about it. */
	memberTold: boolean;
}

/** Most suggestions one member may have waiting at once. */
export const MAX_PENDING_SUGGESTIONS = 3;
/** Most suggestions (any status) kept per member; older decided ones make room. */
const MAX_KEPT_SUGGESTIONS = 30;
/** Most questions of its own a guild keeps. */
export const MAX_CUSTOM_QUESTIONS = 200;

const POST_PERMISSIONS: readonly PermissionName[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];

/**
 * Deep-question prompts: a question posted on a schedule, answered in its thread. Questions come from the bank
 * (data/questions.json) and the community's own; depth builds from light to deep over each cycle; nothing repeats
 * within a cycle. Every decision is made here, with the store, clock, random seed and Discord given as parameters.
 */
export class PromptFeature implements Feature {
	readonly name = 'prompts';
	readonly providers: DueWorkProvider[];
	readonly bank: QuestionBank;
	readonly tips: readonly Tip[];
	readonly schedules: PromptScheduleIndex;
	readonly #themes: Map<string, Theme>;

	constructor(
		readonly deps: FeatureDeps,
		content: { bank?: QuestionBank; tips?: TipsFile } = {},
	) {
		// Validated at start-up: a broken bank stops Hearth with a message naming the file and the problem.
		this.bank = content.bank ?? loadQuestionBankSync();
		this.tips = (content.tips ?? loadTipsSync()).tips;
		this.#themes = new Map(this.bank.themes.map((t) => [t.id, t]));
		this.schedules = new PromptScheduleIndex(deps.store, deps.settings, deps.clock, deps.logger);
		this.providers = [
			{
				name: 'prompt',
				schedules: (now) => this.schedules.entries(now),
				run: (entry, occurrence) => this.runOccurrence(entry, occurrence),
			},
		];
	}

	get #words() {
		return this.deps.strings.prompts;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Configuration

	async getConfig(guildId: string): Promise<PromptConfig> {
		return (await this.deps.store.get(PromptConfigRecord, promptKeys.config(guildId))) ?? defaultPromptConfig(this.deps.clock.now());
	}

	/** The zone prompts run in: the config's own, else the server default. */
	async timezoneOf(guildId: string, config?: PromptConfig): Promise<string> {
		return this.schedules.timezoneOf(guildId, config ?? (await this.getConfig(guildId)));
	}


	/**
	 * Every config change goes through here: serialized per guild, audited, reflected in the schedule index. When the
	 * schedule becomes active or its timing changes, `configuredAt` moves to now, so an earlier time today never fires.
	 * A change that changes nothing is neither written nor audited.
	 */
	async #change(
		guildId: string,
		userId: string,
		setting: string,
		value: string,
		change: (config: PromptConfig) => PromptConfig,
	): Promise<{ config: PromptConfig; changed: boolean }> {
		const now = this.deps.clock.now();
		let changed = false;
		const stored = await this.deps.store.update(PromptConfigRecord, promptKeys.config(guildId), (current) => {
			const before = current ?? defaultPromptConfig(now);
			const after = change(before);
			if (JSON.stringify(after) === JSON.stringify(before)) return undefined;
			changed = true;
			const timingChanged = JSON.stringify(before.schedule) !== JSON.stringify(after.schedule) || before.timezone !== after.timezone;
			if (isActive(after) && (!isActive(before) || timingChanged)) return { ...after, configuredAt: now.toISOString() };
			return after;
		});
		const config = stored ?? defaultPromptConfig(now);
		if (!changed) return { config, changed };
		await this.deps.audit.record(guildId, userId, `prompts.${setting}`, value);
		await this.schedules.apply(guildId, config);
		return { config, changed };
	}

	async #changeConfig(guildId: string, userId: string, setting: string, value: string, change: (config: PromptConfig) => PromptConfig): Promise<PromptConfig> {
		return (await this.#change(guildId, userId, setting, value, change)).config;
	}

	/**
	 * Back to defaults (no channel, so nothing is posted): for /config reset. A damaged config is overwritten rather
	 * than read, and damaged rotation or question records are emptied, so a reset always gets the guild going again.
	 */
	async resetConfig(guildId: string, userId: string): Promise<void> {
		const { store } = this.deps;
		const defaults = defaultPromptConfig(this.deps.clock.now());
		const configKey = promptKeys.config(guildId);
		await store.locked(configKey, () => store.set(PromptConfigRecord, configKey, defaults));
		const emptyIfDamaged = async <T>(type: import('../../store/index.js').RecordType<T>, key: string, empty: T) => {
			try {
				await store.get(type, key);
			} catch (error) {
				if (!(error instanceof DamagedRecordError)) throw error;
				await store.locked(key, () => store.set(type, key, empty));
			}
		};
		await emptyIfDamaged(PromptStateRecord, promptKeys.state(guildId), emptyState());
		await emptyIfDamaged(CustomQuestionsRecord, promptKeys.custom(guildId), { questions: [], nextNumber: 1 });
		await this.deps.audit.record(guildId, userId, 'prompts.all', 'defaults');
		await this.schedules.apply(guildId, defaults);
		await this.deps.notices.resolve(guildId, 'prompts:');
	}

	async setChannel(guildId: string, userId: string, channelId: string): Promise<PromptConfig> {
		const config = await this.#changeConfig(guildId, userId, 'channel', channelId, (c) => ({ ...c, channelId }));
		await this.deps.notices.resolve(guildId, 'prompts:');
		return config;
	}

	async setSchedule(guildId: string, userId: string, spec: ScheduleSpec): Promise<PromptConfig> {
		return this.#changeConfig(guildId, userId, 'schedule', describeSchedule(spec), (c) => ({ ...c, schedule: spec }));
	}

	/** null: follow the server's default time zone. */
	async setTimezone(guildId: string, userId: string, timezone: string | null): Promise<PromptConfig> {
		return this.#changeConfig(guildId, userId, 'timezone', timezone ?? 'server default', (c) => ({ ...c, timezone }));
	}

	/** Bank themes to draw from; all of them (or null) means every theme, including ones added later. */
	async setThemes(guildId: string, userId: string, themes: readonly string[] | null): Promise<PromptConfig> {
		const known = themes?.filter((id) => this.#themes.has(id)) ?? null;
		if (known && known.length === 0) throw new UserError(this.#words.admin.themesPick);
		const all = known === null || this.bank.themes.every((t) => known.includes(t.id));
		const value = all ? null : [...new Set(known)];
		return this.#changeConfig(guildId, userId, 'themes', value ? value.join(', ') : 'all', (c) => ({ ...c, themes: value }));
	}

	async setDepth(guildId: string, userId: string, mode: DepthMode, tier?: Tier): Promise<PromptConfig> {
		if (mode === 'fixed' && !tier) throw new UserError(this.#words.admin.depthFixedNeedsTier);
		return this.#changeConfig(guildId, userId, 'depth', mode === 'fixed' ? `fixed ${tier}` : mode, (c) => ({
			...c,
			depthMode: mode,
			fixedTier: tier ?? c.fixedTier,
		}));
	}

	async setMentionRole(guildId: string, userId: string, roleId: string | null): Promise<PromptConfig> {
		// The @everyone role has the guild's id: mass pings are never what a prompt should do.
		if (roleId === guildId) throw new UserError(this.#words.admin.mentionEveryone);
		return this.#changeConfig(guildId, userId, 'mention', roleId ?? 'none', (c) => ({ ...c, mentionRoleId: roleId }));
	}

	async setThreads(guildId: string, userId: string, on: boolean, autoArchiveMinutes?: ArchiveMinutes): Promise<PromptConfig> {
		const config = await this.#changeConfig(guildId, userId, 'threads', on ? `on (${autoArchiveMinutes ?? 'same archive'})` : 'off', (c) => ({
			...c,
			threads: on,
			autoArchiveMinutes: autoArchiveMinutes ?? c.autoArchiveMinutes,
		}));
		await this.deps.notices.resolve(guildId, 'prompts:thread-failed:');
		return config;
	}

	async setPin(guildId: string, userId: string, on: boolean): Promise<PromptConfig> {
		const config = await this.#changeConfig(guildId, userId, 'pin', on ? 'on' : 'off', (c) => ({ ...c, pin: on }));
		await this.deps.notices.resolve(guildId, 'prompts:pin-failed:');
		if (!on) {
			// Turning pinning off takes Hearth's current pin down too, so no stale prompt stays pinned.
			const key = promptKeys.state(guildId);
			await this.deps.store.locked(key, async () => {
				const state = await this.deps.store.get(PromptStateRecord, key);
				if (!state?.pinned) return;
				await this.deps.discord.unpin(state.pinned.channelId, state.pinned.messageId).catch(() => undefined);
				await this.deps.store.set(PromptStateRecord, key, { ...state, pinned: null });
			});
		}
		return config;
	}

	/** Returns false when it was already paused. */
	async pause(guildId: string, userId: string): Promise<boolean> {
		return (await this.#change(guildId, userId, 'paused', 'paused', (c) => ({ ...c, paused: true }))).changed;
	}

	/** Returns false when it was not paused. Occurrences missed while paused are not caught up. */
	async resume(guildId: string, userId: string): Promise<boolean> {
		return (await this.#change(guildId, userId, 'paused', 'running', (c) => ({ ...c, paused: false }))).changed;
	}

	/** Skips the next `count` scheduled prompts (on top of skips already asked for). */
	async skipNext(guildId: string, userId: string, count = 1): Promise<PromptConfig> {
		const config = await this.getConfig(guildId);
		if (!config.schedule) throw new UserError(this.#words.admin.skipNothingScheduled);
		return this.#changeConfig(guildId, userId, 'skip', `+${count}`, (c) => ({ ...c, skipNext: Math.min(52, c.skipNext + count) }));
	}

	/** When the next prompt will be posted (skips and pauses counted), or null. */
	async nextPostAt(guildId: string, config?: PromptConfig): Promise<Date | null> {
		const c = config ?? (await this.getConfig(guildId));
		return this.#scheduledAt(guildId, c, c.skipNext);
	}

	/** The occurrence `skips` places after the next one; null when there is none. */
	async #scheduledAt(guildId: string, config: PromptConfig, skips: number): Promise<Date | null> {
		if (!config.channelId || !config.schedule || config.paused) return null;
		const timezone = await this.timezoneOf(guildId, config);
		const now = this.deps.clock.now().getTime();
		let after = new Date(Math.max(now, Date.parse(config.configuredAt) - 1));
		let at: Date | null = null;
		for (let i = 0; i <= skips; i++) {
			at = nextOccurrence(config.schedule, timezone, after);
			if (!at) return null;
			after = at;
		}
		return at;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Posting

	/** The scheduler's entry point. A failure in one guild is logged with its id and never reaches other guilds. */
	async runOccurrence(entry: ScheduledEntry, occurrence: Occurrence): Promise<void> {
		try {
			await this.post(entry.guildId, { kind: 'scheduled', at: occurrence.at, runKey: occurrence.runKey });
		} catch (error) {
			this.deps.logger.error({ err: error, guildId: entry.guildId, runKey: occurrence.runKey }, 'prompt occurrence failed');
			if (error instanceof DamagedRecordError) {
				await this.deps.notices.notify(entry.guildId, 'prompts:damaged', error.message).catch(() => undefined);
			}
			throw error;
		}
	}

	/** An admin's "post now": the next question, right away, outside the schedule. */
	async postNow(guildId: string, userId: string): Promise<PostOutcome> {
		const config = await this.getConfig(guildId);
		if (!config.channelId) throw new UserError(this.#words.admin.needsChannel);
		const now = this.deps.clock.now();
		await this.deps.audit.record(guildId, userId, 'prompts.post-now', now.toISOString());
		return this.post(guildId, { kind: 'manual', at: now, runKey: `manual-${now.getTime()}` });
	}

	/**
	 * Posts one prompt: picks the question, sends the embed, opens its thread, pins it, then records the occurrence
	 * and moves the rotation on. It runs in the queue of the guild's state key, so posts of a guild never overlap and
	 * every other change to the state waits; an occurrence already in the history is never posted twice.
	 */
	async post(guildId: string, trigger: PromptTrigger): Promise<PostOutcome> {
		const { store } = this.deps;
		const stateKey = promptKeys.state(guildId);
		return store.locked(stateKey, async () => {
			const postKey = promptKeys.post(guildId, trigger.at, trigger.kind);
			// A scheduled post works from the index's copy of the config (the feature writes both); it checks the stored
			// config only when something goes wrong, in case the guild's data changed behind the feature's back.
			const copy = trigger.kind === 'scheduled' ? this.schedules.configOf(guildId) : undefined;
			const [config, stored, custom] = await Promise.all([
				copy ?? store.get(PromptConfigRecord, promptKeys.config(guildId)),
				store.get(PromptStateRecord, stateKey),
				this.schedules.mayHaveQuestions(guildId) ? store.get(CustomQuestionsRecord, promptKeys.custom(guildId)) : undefined,
			]);
			const state = stored ?? emptyState();
			if (!copy && trigger.kind === 'scheduled' && this.schedules.isStale(guildId, config)) await this.schedules.apply(guildId);
			if (state.recentRunKeys.includes(trigger.runKey)) {
				const existing = await store.get(PromptPostRecord, postKey);
				if (existing?.runKey === trigger.runKey) return { status: 'duplicate', post: existing };
			}
			if (!config?.channelId || (trigger.kind === 'scheduled' && !config.schedule)) return { status: 'skipped', reason: 'not-configured' };
			if (trigger.kind === 'scheduled' && config.paused) return { status: 'skipped', reason: 'paused' };
			// Inside the state key's queue, plain get/set of the state is the serialized read-modify-write; the occurrence's
			// own record is written only here (deleteMember edits past ones in this same queue).
			const save = async (next: PromptState, post: PromptPost) => {
				const recentRunKeys = [...next.recentRunKeys, trigger.runKey].slice(-20);
				await store.setEach([
					{ type: PromptStateRecord, key: stateKey, value: { ...next, recentRunKeys } },
					{ type: PromptPostRecord, key: postKey, value: post },
				]);
			};
			const base: PromptPost = {
				at: trigger.at.toISOString(),
				kind: trigger.kind,
				runKey: trigger.runKey,
				status: 'skipped',
				reason: null,
				questionId: null,
				questionText: null,
				theme: null,
				tier: null,
				channelId: config.channelId,
				messageId: null,
				threadId: null,
				creditUserId: null,
				creditAnonymous: false,
			};

			if (trigger.kind === 'scheduled' && config.skipNext > 0) {
				await store.update(PromptConfigRecord, promptKeys.config(guildId), (c) => (c ? { ...c, skipNext: Math.max(0, c.skipNext - 1) } : undefined));
				await this.schedules.apply(guildId);
				await save(state, { ...base, status: 'skipped', reason: 'skipped-by-admin' });
				return { status: 'skipped', reason: 'skip-next' };
			}

			const pool = buildPool(this.bank, config, custom?.questions ?? []);
			const pick = pickNext(pool, state, config.depthMode, this.#random(guildId, trigger));
			if (!pick) {
				const post: PromptPost = { ...base, status: 'failed', reason: 'no-questions' };
				await save(state, post);
				await this.deps.notices.notify(guildId, 'prompts:no-questions', this.#words.notices.noQuestions);
				return { status: 'failed', post };
			}
			const question = pick.question;
			const view = this.#viewOf(question, config, state.posted);
			const asked: PromptPost = {
				...base,
				questionId: question.id,
				questionText: question.text,
				theme: question.theme,
				tier: question.tier,
				creditUserId: view.credit && view.credit !== 'anonymous' ? view.credit.userId : null,
				creditAnonymous: view.credit === 'anonymous',
			};

			let sent: { id: string; channelId: string };
			try {
				sent = await this.deps.discord.send(config.channelId, renderPromptPost(this.#words, view, config.mentionRoleId));
			} catch (error) {
				// The question was not seen, so it stays unasked; the history shows the occurrence was tried.
				if (copy && (await this.#configGone(guildId))) return { status: 'skipped', reason: 'not-configured' };
				const post: PromptPost = { ...asked, status: 'failed', reason: failureReason(error) };
				await save({ ...state, failingChannelId: config.channelId }, post);
				await this.#reportPostFailure(guildId, config.channelId, error);
				return { status: 'failed', post };
			}

			let threadId: string | null = null;
			if (config.threads) {
				try {
					threadId = (
						await this.deps.discord.startThread(sent.channelId, {
							name: threadNameOf(question.text),
							kind: 'public',
							messageId: sent.id,
							autoArchiveMinutes: config.autoArchiveMinutes,
						})
					).id;
				} catch (error) {
					this.deps.logger.warn({ guildId, channelId: sent.channelId, err: error }, 'could not open the prompt thread');
					await this.deps.notices.notify(guildId, `prompts:thread-failed:${sent.channelId}`, this.#words.notices.threadFailed(channelMention(sent.channelId)));
				}
			}
			const pinned = config.pin ? await this.#pin(guildId, sent, state.pinned) : state.pinned;

			const post: PromptPost = { ...asked, status: 'posted', channelId: sent.channelId, messageId: sent.id, threadId };
			const next = markAsked(state, pool, question, pick.newCycle);
			next.pinned = pinned;
			next.failingChannelId = null;
			const warnLow = pick.remainingAfter < LOW_POOL_WARNING && next.lowWarnedCycle !== next.cycle;
			if (warnLow) next.lowWarnedCycle = next.cycle;
			await save(next, post);

			if (state.failingChannelId !== null) await this.deps.notices.resolve(guildId, 'prompts:post-failed:');
			if (pick.newCycle) await this.deps.notices.resolve(guildId, 'prompts:pool-low:');
			if (warnLow) await this.deps.notices.notify(guildId, `prompts:pool-low:${next.cycle}`, this.#words.notices.poolLow(pick.remainingAfter));
			this.deps.logger.debug({ guildId, questionId: question.id, kind: trigger.kind }, 'prompt posted');
			return { status: 'posted', post, link: messageLink(sent.channelId, sent.id, guildId) };
		});
	}

	/**
	 * After a failed post from the index's copy: is the stored config still there, still the same? When the guild's
	 * data was deleted (or changed behind the feature's back), the index is put right and nothing is reported.
	 */
	async #configGone(guildId: string): Promise<boolean> {
		const stored = await this.deps.store.get(PromptConfigRecord, promptKeys.config(guildId));
		if (!this.schedules.isStale(guildId, stored)) return false;
		await this.schedules.apply(guildId);
		return !stored?.channelId || !stored.schedule;
	}

	#random(guildId: string, trigger: PromptTrigger) {
		return createRandom(`${this.deps.seed}:prompt:${guildId}:${trigger.kind}:${trigger.at.toISOString()}`);
	}

	#viewOf(question: PoolQuestion, config: PromptConfig, posted: number): PromptView {
		const credit = question.custom?.credit;
		return {
			text: question.text,
			themeName: question.theme ? (this.#themes.get(question.theme)?.name ?? this.#words.communityTheme) : this.#words.communityTheme,
			tier: question.tier,
			tip: this.tips.length > 0 ? this.tips[posted % this.tips.length]!.text : null,
			// A member who deleted their data is no longer named; an anonymous suggestion stays anonymous.
			credit: !credit ? null : credit.anonymous ? 'anonymous' : credit.userId ? { userId: credit.userId } : null,
			threads: config.threads,
		};
	}

	async #pin(guildId: string, sent: { id: string; channelId: string }, previous: PromptState['pinned']): Promise<PromptState['pinned']> {
		if (previous && previous.messageId !== sent.id) {
			// The previous pin may already be gone (deleted, unpinned by hand): that is fine.
			await this.deps.discord.unpin(previous.channelId, previous.messageId).catch(() => undefined);
		}
		try {
			await this.deps.discord.pin(sent.channelId, sent.id);
			return { channelId: sent.channelId, messageId: sent.id };
		} catch (error) {
			this.deps.logger.warn({ guildId, channelId: sent.channelId, err: error }, 'could not pin the prompt');
			await this.deps.notices.notify(guildId, `prompts:pin-failed:${sent.channelId}`, this.#words.notices.pinFailed(channelMention(sent.channelId)));
			return null;
		}
	}

	async #reportPostFailure(guildId: string, channelId: string, error: unknown): Promise<void> {
		const words = this.#words.notices;
		const channel = channelMention(channelId);
		const kind = error instanceof DiscordFailure ? error.kind : 'other';
		this.deps.logger.warn({ guildId, channelId, kind, err: error }, 'could not post a prompt');
		let text: string;
		if (kind === 'unknown_channel') text = words.postFailedChannelGone(channel);
		else if (kind === 'missing_permissions' || kind === 'missing_access') {
			const missing = await this.deps.discord.missingPermissions(guildId, channelId, POST_PERMISSIONS).catch(() => [] as PermissionName[]);
			text = missing.length > 0 ? words.postFailedPermissions(channel, this.#permissionList(missing)) : words.postFailedAccess(channel);
		} else text = words.postFailedOther(channel);
		await this.deps.notices.notify(guildId, `prompts:post-failed:${channelId}`, text);
	}

	#permissionList(missing: readonly PermissionName[]): string {
		const names = this.deps.strings.setup.permissionNames as Record<string, string>;
		const list = missing.map((p) => `**${names[p] ?? p}**`);
		return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} ${this.deps.strings.setup.and} ${list[list.length - 1]}`;
	}

	/** What the next scheduled prompt will ask, if nothing changes, drawn as admins will see it (privately). */
	async preview(guildId: string): Promise<PromptPreview> {
		const words = this.#words.preview;
		const [config, stored, custom] = await Promise.all([
			this.getConfig(guildId),
			this.deps.store.get(PromptStateRecord, promptKeys.state(guildId)),
			this.deps.store.get(CustomQuestionsRecord, promptKeys.custom(guildId)),
		]);
		const rotation = stored ?? emptyState();
		const at = await this.#scheduledAt(guildId, config, config.skipNext);
		const trigger: PromptTrigger = at
			? { kind: 'scheduled', at, runKey: 'preview' }
			: { kind: 'manual', at: this.deps.clock.now(), runKey: 'preview' };
		const pool = buildPool(this.bank, config, custom?.questions ?? []);
		const pick = pickNext(pool, rotation, config.depthMode, this.#random(guildId, trigger));
		if (!pick) return { message: { content: words.empty, allowed_mentions: { parse: [] } }, question: null, at };
		let note: string;
		if (at) note = config.skipNext > 0 ? words.nextAtAfterSkips(time(at, 'F'), config.skipNext) : words.nextAt(time(at, 'F'));
		else note = config.paused ? words.paused : words.unscheduled;
		return { message: renderPreview(this.#words, this.#viewOf(pick.question, config, rotation.posted), note), question: pick.question, at };
	}

	// ------------------------------------------------------------------------------------------------------------
	// The community's own questions

	async listCustomQuestions(guildId: string): Promise<CustomQuestion[]> {
		return (await this.deps.store.get(CustomQuestionsRecord, promptKeys.custom(guildId)))?.questions ?? [];
	}

	/** Every question a new one must not copy: the whole bank (all themes) and the guild's own. */
	#similarityPool(custom: readonly CustomQuestion[], except?: string): Array<{ id: string; text: string }> {
		return [...this.bank.questions, ...custom.filter((q) => q.id !== except)];
	}

	async addCustomQuestion(
		guildId: string,
		userId: string,
		input: { text: string; tier?: Tier; theme?: string | null; askNext?: boolean },
	): Promise<CustomQuestion> {
		const now = this.deps.clock.now().toISOString();
		const theme = input.theme && this.#themes.has(input.theme) ? input.theme : null;
		let added: CustomQuestion | undefined;
		await this.#updateQuestions(guildId, (current) => {
			const list = current ?? { questions: [], nextNumber: 1 };
			if (list.questions.length >= MAX_CUSTOM_QUESTIONS) throw new UserError(this.#words.questions.limit(MAX_CUSTOM_QUESTIONS));
			const text = cleanQuestionText(input.text, this.#words, this.#similarityPool(list.questions));
			added = {
				id: `custom-${list.nextNumber}`,
				text,
				tier: input.tier ?? 'medium',
				theme,
				createdAt: now,
				updatedAt: now,
				addedBy: userId,
				credit: null,
				suggestionId: null,
			};
			return { questions: [...list.questions, added], nextNumber: list.nextNumber + 1 };
		});
		const question = added!;
		await this.deps.audit.record(guildId, userId, 'prompts.question-add', `${question.id}: ${excerpt(question.text, 200)}`);
		if (input.askNext) await this.#queueNext(guildId, question.id);
		return question;
	}

	async editCustomQuestion(
		guildId: string,
		userId: string,
		id: string,
		change: { text?: string; tier?: Tier; theme?: string | null },
	): Promise<CustomQuestion> {
		if (change.text === undefined && change.tier === undefined && change.theme === undefined) throw new UserError(this.#words.questions.nothingToChange);
		let edited: CustomQuestion | undefined;
		await this.#updateQuestions(guildId, (current) => {
			const found = current?.questions.find((q) => q.id === id);
			if (!current || !found) throw new UserError(this.#words.questions.notFound);
			edited = {
				...found,
				text: change.text === undefined ? found.text : cleanQuestionText(change.text, this.#words, this.#similarityPool(current.questions, id)),
				tier: change.tier ?? found.tier,
				theme: change.theme === undefined ? found.theme : change.theme && this.#themes.has(change.theme) ? change.theme : null,
				updatedAt: this.deps.clock.now().toISOString(),
			};
			return { ...current, questions: current.questions.map((q) => (q.id === id ? edited! : q)) };
		});
		await this.deps.audit.record(guildId, userId, 'prompts.question-edit', `${id}: ${excerpt(edited!.text, 200)}`);
		return edited!;
	}

	async removeCustomQuestion(guildId: string, userId: string, id: string): Promise<CustomQuestion> {
		let removed: CustomQuestion | undefined;
		await this.#updateQuestions(guildId, (current) => {
			removed = current?.questions.find((q) => q.id === id);
			if (!current || !removed) throw new UserError(this.#words.questions.notFound);
			return { ...current, questions: current.questions.filter((q) => q.id !== id) };
		});
		await this.deps.store.update(PromptStateRecord, promptKeys.state(guildId), (r) =>
			r?.upNext.includes(id) ? { ...r, upNext: r.upNext.filter((x) => x !== id) } : undefined,
		);
		await this.deps.audit.record(guildId, userId, 'prompts.question-remove', id);
		return removed!;
	}

	/** Every change to a guild's own questions, so the schedule index knows which guilds have any. */
	async #updateQuestions(guildId: string, change: (current: CustomQuestions | undefined) => CustomQuestions | undefined): Promise<void> {
		const after = await this.deps.store.update(CustomQuestionsRecord, promptKeys.custom(guildId), change);
		await this.schedules.noteQuestions(guildId, after?.questions.length ?? 0);
	}

	/** Puts a question at the front of the line (approved suggestions, "ask next"). */
	async #queueNext(guildId: string, questionId: string): Promise<void> {
		await this.deps.store.update(PromptStateRecord, promptKeys.state(guildId), (current) => {
			const state = current ?? emptyState();
			return state.upNext.includes(questionId) ? undefined : { ...state, upNext: [...state.upNext, questionId].slice(-100) };
		});
	}

	// ------------------------------------------------------------------------------------------------------------
	// Members' suggestions

	async #suggestionsOf(guildId: string): Promise<Suggestion[]> {
		const found = await this.deps.store.entries(SuggestionRecord, promptKeys.suggestionPrefix(guildId));
		return found.map(([, s]) => s).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
	}

	/** A member suggests a question; admins decide from /prompt-admin suggestions. */
	async suggest(guildId: string, userId: string, rawText: string, anonymous: boolean): Promise<Suggestion> {
		// One member's suggestions are checked and written one at a time, so quick double submits cannot pass the limit.
		return this.deps.store.locked(`${keys.memberPrefix(guildId, userId)}prompt-suggest`, () => this.#suggest(guildId, userId, rawText, anonymous));
	}

	async #suggest(guildId: string, userId: string, rawText: string, anonymous: boolean): Promise<Suggestion> {
		const [existing, custom] = await Promise.all([this.#suggestionsOf(guildId), this.listCustomQuestions(guildId)]);
		const mine = existing.filter((s) => s.userId === userId);
		if (mine.filter((s) => s.status === 'pending').length >= MAX_PENDING_SUGGESTIONS) {
			throw new UserError(this.#words.suggestions.tooMany(MAX_PENDING_SUGGESTIONS));
		}
		const waiting = existing.filter((s) => s.status === 'pending');
		const text = cleanQuestionText(rawText, this.#words, [...this.#similarityPool(custom), ...waiting]);
		const now = this.deps.clock.now();
		// Time then member: no two members ever write the same key; one member's quick repeats get a suffix.
		const base = `${now.getTime().toString(36)}-${BigInt(userId).toString(36)}`;
		let suggestion: Suggestion | undefined;
		for (let n = 0; !suggestion && n < 10; n++) {
			const candidate: Suggestion = {
				id: n === 0 ? base : `${base}-${n}`,
				userId,
				text,
				anonymous,
				status: 'pending',
				submittedAt: now.toISOString(),
				decidedAt: null,
				decidedBy: null,
				questionId: null,
			};
			let written = false;
			await this.deps.store.update(SuggestionRecord, promptKeys.suggestion(guildId, candidate.id), (current) => {
				if (current) return undefined;
				written = true;
				return candidate;
			});
			if (written) suggestion = candidate;
		}
		if (!suggestion) throw new UserError(this.#words.suggestions.tooMany(MAX_PENDING_SUGGESTIONS));
		const decided = mine.filter((s) => s.status !== 'pending');
		const extra = mine.length + 1 - MAX_KEPT_SUGGESTIONS;
		if (extra > 0) await this.deps.store.deleteMany(decided.slice(0, extra).map((s) => promptKeys.suggestion(guildId, s.id)));
		this.deps.logger.info({ guildId, suggestionId: suggestion.id }, 'question suggested');
		return suggestion;
	}

	async pendingSuggestions(guildId: string): Promise<Suggestion[]> {
		return (await this.#suggestionsOf(guildId)).filter((s) => s.status === 'pending');
	}

	/**
	 * An admin approves or rejects a suggestion. Approved ones become the guild's own questions and go first in line.
	 * The member hears the outcome by DM; closed DMs are fine. Two admins clicking at once: one decides, one is told.
	 */
	async decideSuggestion(
		guildId: string,
		adminId: string,
		suggestionId: string,
		decision: 'approve' | 'reject',
		guildName: string,
	): Promise<SuggestionDecision> {
		const key = promptKeys.suggestion(guildId, suggestionId);
		const result = await this.deps.store.locked(keysOfDecision(guildId), async () => {
			const suggestion = await this.deps.store.get(SuggestionRecord, key);
			if (!suggestion) throw new UserError(this.#words.suggestions.gone);
			if (suggestion.status !== 'pending') throw new UserError(this.#words.suggestions.alreadyDecided);
			let question: CustomQuestion | null = null;
			if (decision === 'approve') question = await this.#adopt(guildId, adminId, suggestion);
			const decided: Suggestion = {
				...suggestion,
				status: decision === 'approve' ? 'approved' : 'rejected',
				decidedAt: this.deps.clock.now().toISOString(),
				decidedBy: adminId,
				questionId: question?.id ?? null,
			};
			await this.deps.store.update(SuggestionRecord, key, (current) => (current ? decided : undefined));
			return { suggestion: decided, question };
		});
		await this.deps.audit.record(guildId, adminId, `prompts.suggestion-${decision}`, `${suggestionId}: ${excerpt(result.suggestion.text, 200)}`);
		if (result.question) await this.#queueNext(guildId, result.question.id);
		const words = this.#words.suggestions;
		let memberTold = false;
		try {
			const text = decision === 'approve' ? words.dmApproved(guildName, result.suggestion.text) : words.dmRejected(guildName, result.suggestion.text);
			await this.deps.discord.sendDirect(result.suggestion.userId, { content: text, allowed_mentions: { parse: [] } });
			memberTold = true;
		} catch (error) {
			this.deps.logger.info({ guildId, suggestionId, kind: error instanceof DiscordFailure ? error.kind : 'other' }, 'could not DM the suggester');
		}
		return { ...result, memberTold };
	}

	/** Turns an approved suggestion into one of the guild's questions (once, even if asked twice). */
	async #adopt(guildId: string, adminId: string, suggestion: Suggestion): Promise<CustomQuestion> {
		const now = this.deps.clock.now().toISOString();
		let adopted: CustomQuestion | undefined;
		await this.#updateQuestions(guildId, (current) => {
			const list: CustomQuestions = current ?? { questions: [], nextNumber: 1 };
			adopted = list.questions.find((q) => q.suggestionId === suggestion.id);
			if (adopted) return undefined;
			if (list.questions.length >= MAX_CUSTOM_QUESTIONS) throw new UserError(this.#words.questions.limit(MAX_CUSTOM_QUESTIONS));
			adopted = {
				id: `custom-${list.nextNumber}`,
				text: suggestion.text,
				tier: 'medium',
				theme: null,
				createdAt: now,
				updatedAt: now,
				addedBy: adminId,
				credit: { userId: suggestion.userId, anonymous: suggestion.anonymous },
				suggestionId: suggestion.id,
			};
			return { questions: [...list.questions, adopted], nextNumber: list.nextNumber + 1 };
		});
		return adopted!;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Reading back

	async #state(guildId: string): Promise<PromptState> {
		return (await this.deps.store.get(PromptStateRecord, promptKeys.state(guildId))) ?? emptyState();
	}

	/** The guild's recorded occurrences, oldest first; beyond the kept number the oldest are dropped. */
	async #posts(guildId: string): Promise<Array<[string, PromptPost]>> {
		const found = await this.deps.store.entries(PromptPostRecord, promptKeys.postPrefix(guildId));
		if (found.length <= POSTS_KEPT) return found;
		await this.deps.store.deleteMany(found.slice(0, found.length - POSTS_KEPT).map(([key]) => key));
		return found.slice(-POSTS_KEPT);
	}

	/** Answers in a prompt's thread, from Discord's message count (never the messages themselves). */
	async #answers(post: PromptPost): Promise<number | null> {
		if (!post.threadId) return null;
		try {
			return (await this.deps.discord.fetchChannel(post.threadId))?.messageCount ?? null;
		} catch {
			return null;
		}
	}

	/** The latest posted prompts, newest first, with their answer counts. */
	async history(guildId: string, limit = 10): Promise<HistoryItem[]> {
		const posted = (await this.#posts(guildId))
			.map(([, p]) => p)
			.filter((p) => p.status === 'posted')
			.slice(-limit)
			.reverse();
		return Promise.all(posted.map(async (post) => ({ post, answers: await this.#answers(post) })));
	}

	/** Questions in the pool now, and how many are still unasked in this cycle. */
	async poolState(guildId: string, config?: PromptConfig): Promise<{ total: number; unused: number; custom: number; cycle: number }> {
		const [c, r, custom] = await Promise.all([config ?? this.getConfig(guildId), this.#state(guildId), this.listCustomQuestions(guildId)]);
		const pool = buildPool(this.bank, c, custom);
		return { total: pool.length, unused: unusedCount(pool, r), custom: custom.length, cycle: r.cycle };
	}

	themeName(id: string | null): string {
		return id ? (this.#themes.get(id)?.name ?? this.#words.communityTheme) : this.#words.communityTheme;
	}

	/** "Progressive: …", "always deep", … */
	depthDescription(config: PromptConfig): string {
		const modes = this.#words.admin.depthModes;
		return config.depthMode === 'fixed' ? modes.fixed(config.fixedTier) : modes[config.depthMode];
	}

	async describeConfig(guildId: string): Promise<{ title: string; lines: string[] }> {
		const words = this.#words.status;
		const config = await this.getConfig(guildId);
		const [timezone, next, pool, pending] = await Promise.all([
			this.timezoneOf(guildId, config),
			this.nextPostAt(guildId, config),
			this.poolState(guildId, config),
			this.pendingSuggestions(guildId),
		]);
		const archive = this.#words.admin.archiveDurations[config.autoArchiveMinutes] ?? `${config.autoArchiveMinutes} minutes`;
		const state = config.paused ? words.pausedValue : config.skipNext > 0 ? `${words.running}, ${words.skipping(config.skipNext)}` : words.running;
		const line = (name: string, value: string) => `**${name}:** ${value}`;
		return {
			title: this.#words.featureTitle,
			lines: [
				line(words.channel, config.channelId ? channelMention(config.channelId) : words.notSet),
				line(words.schedule, config.schedule ? describeSchedule(config.schedule) : words.notSet),
				line(words.timezone, config.timezone ?? words.followsServer(timezone)),
				line(words.themes, config.themes ? config.themes.map((t) => this.themeName(t)).join(', ') : this.#words.admin.themesAll),
				line(words.depth, this.depthDescription(config)),
				line(words.mention, config.mentionRoleId ? `<@&${config.mentionRoleId}>` : words.none),
				line(words.threads, config.threads ? words.threadsOnValue(archive) : words.off),
				line(words.pin, config.pin ? words.on : words.off),
				line(words.state, state),
				line(words.next, next ? `${time(next, 'F')} (${time(next, 'R')})` : words.nothingNext),
				line(words.pool, words.poolValue(pool.unused, pool.total, pool.custom, pool.cycle)),
				line(words.suggestions, String(pending.length)),
			],
		};
	}

	async weeklySummary(guildId: string, since: Date, until: Date): Promise<string[]> {
		const words = this.#words.summary;
		const posts = (await this.#posts(guildId)).map(([, p]) => p).filter((p) => p.at >= since.toISOString() && p.at < until.toISOString());
		const posted = posts.filter((p) => p.status === 'posted');
		const failed = posts.filter((p) => p.status === 'failed');
		const lines: string[] = [];
		if (posted.length > 0) {
			const counts = await Promise.all(posted.map((p) => this.#answers(p)));
			const known = counts.filter((n): n is number => n !== null);
			lines.push(words.posted(posted.length, known.length > 0 ? known.reduce((a, b) => a + b, 0) : null));
		}
		if (failed.length > 0) lines.push(words.failed(failed.length));
		const pending = await this.pendingSuggestions(guildId);
		if (pending.length > 0) lines.push(words.waiting(pending.length));
		return lines;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Members' data

	async exportMember(guildId: string, userId: string): Promise<Record<string, unknown>> {
		const [suggestions, posts] = await Promise.all([this.#suggestionsOf(guildId), this.#posts(guildId)]);
		return {
			suggestions: suggestions
				.filter((s) => s.userId === userId)
				.map((s) => ({ text: s.text, anonymous: s.anonymous, status: s.status, submittedAt: s.submittedAt, decidedAt: s.decidedAt })),
			promptsCreditingYou: posts
				.map(([, p]) => p)
				.filter((p) => p.creditUserId === userId)
				.map((p) => ({ at: p.at, question: p.questionText })),
		};
	}

	/**
	 * Deletes the member's suggestions and their name from prompts and questions. An approved question stays with the
	 * guild (it belongs to the conversation now) but no longer credits anyone.
	 */
	async deleteMember(guildId: string, userId: string): Promise<void> {
		const { store } = this.deps;
		const suggestions = await this.#suggestionsOf(guildId);
		await store.deleteMany(suggestions.filter((s) => s.userId === userId).map((s) => promptKeys.suggestion(guildId, s.id)));
		for (const s of suggestions.filter((x) => x.userId !== userId && x.decidedBy === userId)) {
			await store.update(SuggestionRecord, promptKeys.suggestion(guildId, s.id), (c) => (c ? { ...c, decidedBy: null } : undefined));
		}
		await this.#updateQuestions(guildId, (current) => {
			if (!current?.questions.some((q) => q.credit?.userId === userId || q.addedBy === userId)) return undefined;
			return {
				...current,
				questions: current.questions.map((q) => ({
					...q,
					addedBy: q.addedBy === userId ? null : q.addedBy,
					credit: q.credit?.userId === userId ? { userId: null, anonymous: q.credit.anonymous } : q.credit,
					suggestionId: q.credit?.userId === userId ? null : q.suggestionId,
				})),
			};
		});
		// In the state key's queue, like posting: a post in progress cannot write their name back afterwards.
		await store.locked(promptKeys.state(guildId), async () => {
			for (const [key, post] of await this.#posts(guildId)) {
				if (post.creditUserId !== userId) continue;
				await store.update(PromptPostRecord, key, (c) => (c ? { ...c, creditUserId: null } : undefined));
			}
		});
	}

}

function isActive(config: PromptConfig): boolean {
	return config.channelId !== null && config.schedule !== null && !config.paused;
}

function failureReason(error: unknown): string {
	return error instanceof DiscordFailure ? error.kind : 'error';
}

/** Decisions on suggestions are serialized per guild through this key's queue (never a stored record). */
function keysOfDecision(guildId: string): string {
	return keys.guild(guildId, 'prompt', 'deciding');
}
