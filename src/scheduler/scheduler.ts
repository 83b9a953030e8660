import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import { ScheduleSpecSchema, latestOccurrence, localMinuteKey, nextOccurrence, type ScheduleSpec } from './schedule.js';
import { HOUR_MS, MINUTE_MS, isValidTimezone } from './timezone.js';

/** One stored schedule of a feature, as its provider hands it to the scheduler each tick. */
export interface ScheduledEntry {
	id: string;
	guildId: string;
	spec: ScheduleSpec;
	timezone: string;
	/** Occurrences strictly before this never run (e.g. when it was configured or resumed). */
	notBefore?: Date;
	/** Occurrences after this never run (e.g. a challenge's end). */
	notAfter?: Date;
	paused?: boolean;
	/** How old a missed occurrence may be and still be caught up; default: the scheduler's (6 hours). */
	catchUpWindowMs?: number;
}

/** One moment a schedule fires. `local` is the guild-local minute; `late` when caught up after downtime. */
export interface Occurrence {
	at: Date;
	local: string;
	runKey: string;
	late: boolean;
}

/** A feature's scheduled work: what is scheduled, and what to do when an occurrence comes due. */
export interface DueWorkProvider {
	/** 'prompt', 'pairing', 'challenge', …: the first part of run keys; no ':' in it. */
	name: string;
	schedules(now: Date): Promise<Iterable<ScheduledEntry>> | Iterable<ScheduledEntry>;
	run(entry: ScheduledEntry, occurrence: Occurrence): Promise<void>;
}

/**
 * The latest occurrence of one entry that the scheduler acted on. `occurrence` is its instant (ISO, UTC);
 * `runKey` is `<provider>:<entryId>:<local minute>`. 'skipped': it was found too late to catch up.
 */
export interface RunRecord {
	occurrence: string;
	runKey: string;
	state: 'started' | 'done' | 'failed' | 'skipped';
	startedAt: string;
	finishedAt?: string;
	error?: string;
}

/** Where run records are kept, one per entry under its ledger key (see runLedgerKey). */
export interface RunLedger {
	/** Batch read: ledger key → latest run record (absent keys are left out). */
	latest(keys: string[]): Promise<Map<string, RunRecord>>;
	record(key: string, rec: RunRecord): Promise<void>;
	/** Many records in one write (one statement on sqlite): all of a tick's claims, then all of its outcomes. */
	recordMany(entries: ReadonlyArray<readonly [key: string, rec: RunRecord]>): Promise<void>;
}

/**
 * The ledger key of one entry: `<guildId>:<provider>:<entryId>`. The guild is part of it so that a store-backed ledger
 * can file the record with the guild's data (and delete it with the guild).
 */
export function runLedgerKey(guildId: string, provider: string, entryId: string): string {
	return `${guildId}:${provider}:${entryId}`;
}

export function parseRunLedgerKey(key: string): { guildId: string; provider: string; entryId: string } | null {
	const first = key.indexOf(':');
	const second = first < 0 ? -1 : key.indexOf(':', first + 1);
	if (first <= 0 || second <= first + 1 || second === key.length - 1) return null;
	return { guildId: key.slice(0, first), provider: key.slice(first + 1, second), entryId: key.slice(second + 1) };
}

/** A ledger in memory, for tests and benchmarks. Counts its calls so tests can see what a tick cost. */
export class MemoryRunLedger implements RunLedger {
	readonly records = new Map<string, RunRecord>();
	/** Every write, in order. */
	readonly writes: Array<{ key: string; record: RunRecord }> = [];
	batchReads = 0;
	keysRead = 0;
	/** Keep the write log (turn off for benchmarks). */
	keepWrites = true;

	async latest(keys: string[]): Promise<Map<string, RunRecord>> {
		this.batchReads++;
		this.keysRead += keys.length;
		const found = new Map<string, RunRecord>();
		for (const key of keys) {
			const record = this.records.get(key);
			if (record) found.set(key, { ...record });
		}
		return found;
	}

	async record(key: string, rec: RunRecord): Promise<void> {
		this.records.set(key, { ...rec });
		if (this.keepWrites) this.writes.push({ key, record: { ...rec } });
	}

	async recordMany(entries: ReadonlyArray<readonly [string, RunRecord]>): Promise<void> {
		for (const [key, rec] of entries) await this.record(key, rec);
	}
}

type LogFn = (obj: object, msg?: string) => void;
/** pino's shape: (fields, message). */
export interface SchedulerLogger {
	info: LogFn;
	warn: LogFn;
	error: LogFn;
	debug: LogFn;
}

const quiet: SchedulerLogger = { info() {}, warn() {}, error() {}, debug() {} };

export interface TickReport {
	/** Entries looked at (paused ones included). */
	checked: number;
	/** Occurrences found due: run, failed or skipped. */
	due: number;
	/** Run keys of runs that finished well. */
	ran: string[];
	/** Runs that threw, and entries whose schedule could not be read (runKey `<provider>:<entryId>` then). */
	failed: { runKey: string; error: string }[];
	/** Run keys found due too long after the fact (beyond the catch-up window): not run, and not retried. */
	skipped: string[];
	/** Providers whose schedules() failed this tick; their entries were left alone. */
	providerErrors: { provider: string; error: string }[];
	/** Set when the ledger could not be read; the entries it was read for wait for the next tick. */
	ledgerError?: string;
	/** Milliseconds spent deciding what is due and claiming it in the ledger (before any side effect). */
	decideMs: number;
	/** Milliseconds spent running the claimed work and recording how it ended. */
	runMs: number;
}

export const DEFAULT_CATCH_UP_WINDOW_MS = 6 * HOUR_MS;

/** What decides when an entry is due, as last seen: compared field by field each tick (no allocation). */
interface Seen {
	kind: string | undefined;
	time: string | undefined;
	days: number[] | undefined;
	everyWeeks: number | undefined;
	anchorDate: string | undefined;
	expression: string | undefined;
	other: string | undefined;
	timezone: string;
	notBefore: number | null;
	notAfter: number | null;
}

/** What the scheduler remembers about one entry between ticks, so a quiet tick costs no reads and no date maths. */
interface EntryState {
	guildId: string;
	ledgerKey: string;
	loaded: boolean;
	/** The schedule as last worked out; a change means: work it out again. */
	seen: Seen | undefined;
	/** Instant of the latest occurrence in the ledger; -Infinity when none. */
	lastAt: number;
	lastRunKey: string | undefined;
	/** Latest tick at which the entry was seen paused: occurrences up to then never run. */
	heldUntil: number;
	/** When to look at the entry again: NaN = unknown, Infinity = not before its schedule changes. */
	nextDue: number;
	/** The schedule's problem, while it stays the same. */
	broken: string | undefined;
	generation: number;
}

interface DueRun {
	provider: DueWorkProvider;
	entry: ScheduledEntry;
	state: EntryState;
	occurrence: Occurrence;
	/** Found beyond the catch-up window: recorded as skipped, not run. */
	skip: boolean;
}

function sameDays(a: number[] | undefined, b: number[]): boolean {
	if (!a || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function unchanged(seen: Seen | undefined, entry: ScheduledEntry): boolean {
	const spec = entry.spec as ScheduleSpec | undefined;
	if (!seen || !spec || seen.kind !== spec.kind || seen.timezone !== entry.timezone) return false;
	if (seen.notBefore !== (entry.notBefore ? entry.notBefore.getTime() : null)) return false;
	if (seen.notAfter !== (entry.notAfter ? entry.notAfter.getTime() : null)) return false;
	switch (spec.kind) {
		case 'daily':
			return seen.time === spec.time;
		case 'weekly':
			return seen.time === spec.time && seen.everyWeeks === spec.everyWeeks && seen.anchorDate === spec.anchorDate && sameDays(seen.days, spec.days);
		case 'cron':
			return seen.expression === spec.expression;
		default:
			return seen.other === JSON.stringify(spec);
	}
}

function snapshot(entry: ScheduledEntry): Seen {
	const spec = entry.spec as Partial<Record<string, unknown>> | undefined;
	const known = spec?.kind === 'daily' || spec?.kind === 'weekly' || spec?.kind === 'cron';
	return {
		kind: typeof spec?.kind === 'string' ? spec.kind : undefined,
		time: typeof spec?.time === 'string' ? spec.time : undefined,
		days: Array.isArray(spec?.days) ? [...(spec.days as number[])] : undefined,
		everyWeeks: typeof spec?.everyWeeks === 'number' ? spec.everyWeeks : undefined,
		anchorDate: typeof spec?.anchorDate === 'string' ? spec.anchorDate : undefined,
		expression: typeof spec?.expression === 'string' ? spec.expression : undefined,
		other: known ? undefined : JSON.stringify(spec),
		timezone: entry.timezone,
		notBefore: entry.notBefore ? entry.notBefore.getTime() : null,
		notAfter: entry.notAfter ? entry.notAfter.getTime() : null,
	};
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Hearth's one scheduler. Each minute it asks every registered provider for its schedules and runs the occurrences
 * that are due in each guild's time zone. Every run is written to the ledger ('started') before it begins, so an
 * occurrence runs at most once, across restarts too. After downtime only the latest missed occurrence is caught up,
 * and only within the catch-up window.
 */
export class Scheduler {
	readonly #ledger: RunLedger;
	readonly #clock: Clock;
	readonly #logger: SchedulerLogger;
	readonly #window: number;
	readonly #concurrency: number;
	readonly #providers: DueWorkProvider[] = [];
	/** provider name → entry id → state */
	readonly #states = new Map<string, Map<string, EntryState>>();
	#generation = 0;
	#inFlight: Promise<TickReport> | undefined;
	#task: ScheduledTask | undefined;
	#inactiveGuild: (guildId: string) => boolean = () => false;

	constructor(opts: { ledger: RunLedger; clock: Clock; logger?: SchedulerLogger; catchUpWindowMs?: number; concurrency?: number }) {
		this.#ledger = opts.ledger;
		this.#clock = opts.clock;
		this.#logger = opts.logger ?? quiet;
		this.#window = opts.catchUpWindowMs ?? DEFAULT_CATCH_UP_WINDOW_MS;
		this.#concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
	}

	register(provider: DueWorkProvider): void {
		if (this.#providers.some((p) => p.name === provider.name)) throw new Error(`A due-work provider named ${provider.name} is already registered`);
		if (provider.name === '' || provider.name.includes(':')) throw new Error(`Invalid provider name ${JSON.stringify(provider.name)}`);
		this.#providers.push(provider);
		this.#states.set(provider.name, new Map());
	}

	/**
	 * Entries of guilds for which `inactive` answers true are held like paused ones (e.g. guilds that removed the bot,
	 * whose data waits out its grace period): nothing is posted there, and nothing missed is caught up later.
	 */
	holdGuilds(inactive: (guildId: string) => boolean): void {
		this.#inactiveGuild = inactive;
	}

	/** Forget cached decisions for one entry (call after its schedule changes). */
	invalidate(provider: string, entryId: string): void {
		this.#states.get(provider)?.delete(entryId);
	}

	/** Runs whatever is due at `now`. Never throws; ticks called while one is running wait their turn. */
	tick(now: Date = this.#clock.now()): Promise<TickReport> {
		const previous = this.#inFlight;
		const current = (async () => {
			if (previous) await previous;
			try {
				return await this.#tick(now);
			} catch (error) {
				// Only a bug in the scheduler itself gets here; the next tick starts afresh.
				this.#logger.error({ err: error }, 'scheduler tick failed');
				for (const states of this.#states.values()) states.clear();
				return { checked: 0, due: 0, ran: [], failed: [{ runKey: '*', error: message(error) }], skipped: [], providerErrors: [], decideMs: 0, runMs: 0 };
			}
		})();
		this.#inFlight = current;
		void current.then(() => {
			if (this.#inFlight === current) this.#inFlight = undefined;
		});
		return current;
	}

	/** Ticks at the start of every minute (node-cron); a minute whose tick finds the last one still running is skipped. */
	start(): void {
		if (this.#task) return;
		this.#task = cron.schedule(
			'* * * * *',
			() => {
				if (this.#inFlight) {
					this.#logger.warn({}, 'the previous scheduler tick is still running; skipping this minute');
					return;
				}
				void this.tick(this.#clock.now());
			},
			{ name: 'hearth-scheduler' },
		);
	}

	/** Stops the minute timer and waits for a tick in progress. */
	async stop(): Promise<void> {
		const task = this.#task;
		this.#task = undefined;
		if (task) {
			await task.stop();
			await task.destroy();
		}
		if (this.#inFlight) await this.#inFlight;
	}

	async #tick(now: Date): Promise<TickReport> {
		const report: TickReport = { checked: 0, due: 0, ran: [], failed: [], skipped: [], providerErrors: [], decideMs: 0, runMs: 0 };
		const tickStarted = performance.now();
		const nowMs = now.getTime();
		const generation = ++this.#generation;

		const lists = await Promise.all(
			this.#providers.map(async (provider) => {
				try {
					const listed = await provider.schedules(now);
					return Array.isArray(listed) ? (listed as ScheduledEntry[]) : [...listed];
				} catch (error) {
					report.providerErrors.push({ provider: provider.name, error: message(error) });
					this.#logger.error({ err: error, provider: provider.name }, 'could not list scheduled work');
					return null;
				}
			}),
		);

		const toLoad: EntryState[] = [];
		const pending: Array<{ provider: DueWorkProvider; entry: ScheduledEntry; state: EntryState }> = [];
		const failedProviders = new Set<string>();
		for (const [i, provider] of this.#providers.entries()) {
			const entries = lists[i];
			const states = this.#states.get(provider.name)!;
			if (!entries) {
				failedProviders.add(provider.name);
				continue;
			}
			for (const entry of entries) {
				report.checked++;
				let state = states.get(entry.id);
				if (!state || state.guildId !== entry.guildId) {
					state = {
						guildId: entry.guildId,
						ledgerKey: runLedgerKey(entry.guildId, provider.name, entry.id),
						loaded: false,
						seen: undefined,
						lastAt: -Infinity,
						lastRunKey: undefined,
						heldUntil: -Infinity,
						nextDue: Number.NaN,
						broken: undefined,
						generation,
					};
					states.set(entry.id, state);
					toLoad.push(state);
				}
				state.generation = generation;
				if (entry.paused || this.#inactiveGuild(entry.guildId)) {
					state.heldUntil = nowMs;
					state.nextDue = Number.NaN;
					continue;
				}
				if (!unchanged(state.seen, entry)) {
					state.seen = snapshot(entry);
					state.nextDue = Number.NaN;
					state.broken = undefined;
				}
				// The quiet path: nothing to read, nothing to work out.
				if (state.broken !== undefined || (state.loaded && state.nextDue > nowMs)) continue;
				pending.push({ provider, entry, state });
			}
		}

		if (toLoad.length > 0) {
			try {
				const records = await this.#ledger.latest(toLoad.map((s) => s.ledgerKey));
				for (const state of toLoad) {
					const record = records.get(state.ledgerKey);
					if (record) {
						const at = Date.parse(record.occurrence);
						state.lastAt = Number.isNaN(at) ? -Infinity : at;
						state.lastRunKey = record.runKey;
					}
					state.loaded = true;
				}
			} catch (error) {
				report.ledgerError = message(error);
				this.#logger.error({ err: error, entries: toLoad.length }, 'could not read the run ledger; those entries wait for the next tick');
				for (const states of this.#states.values()) for (const [id, state] of states) if (!state.loaded) states.delete(id);
			}
		}

		const due: DueRun[] = [];
		for (const { provider, entry, state } of pending) {
			if (!state.loaded) continue;
			try {
				if (Number.isNaN(state.nextDue)) state.nextDue = this.#firstDue(entry, state);
				if (state.nextDue > nowMs) continue;
				const occurrence = this.#dueOccurrence(provider, entry, state, nowMs);
				state.nextDue = this.#nextDue(entry, nowMs);
				if (!occurrence) continue;
				report.due++;
				const window = entry.catchUpWindowMs ?? this.#window;
				due.push({ provider, entry, state, occurrence, skip: nowMs - occurrence.at.getTime() > window });
			} catch (error) {
				state.broken = message(error);
				state.nextDue = Infinity;
				report.failed.push({ runKey: `${provider.name}:${entry.id}`, error: state.broken });
				this.#logger.warn({ provider: provider.name, entryId: entry.id, guildId: entry.guildId, err: error }, 'cannot work out this schedule');
			}
		}

		const claimed = await this.#claim(due, report);
		report.decideMs = performance.now() - tickStarted;
		const outcomes: Array<[string, RunRecord]> = [];
		await pool(claimed, this.#concurrency, (item) => this.#run(item, report, outcomes));
		if (outcomes.length > 0) {
			try {
				await this.#ledger.recordMany(outcomes);
			} catch (error) {
				// The claims stand ('started'), so nothing runs twice; only how the runs ended is lost.
				this.#logger.error({ err: error, runs: outcomes.length }, 'could not record how runs ended');
			}
		}
		report.runMs = performance.now() - tickStarted - report.decideMs;

		for (const [name, states] of this.#states) {
			if (failedProviders.has(name)) continue;
			for (const [id, state] of states) if (state.generation !== generation) states.delete(id);
		}
		const level = report.due > 0 || report.failed.length > 0 || report.providerErrors.length > 0 ? 'info' : 'debug';
		this.#logger[level](
			{ checked: report.checked, due: report.due, ran: report.ran.length, failed: report.failed.length, skipped: report.skipped.length },
			'scheduler tick',
		);
		return report;
	}

	/** The first instant at which the entry may have something to run, given what already ran. */
	#firstDue(entry: ScheduledEntry, state: EntryState): number {
		const parsed = ScheduleSpecSchema.safeParse(entry.spec);
		if (!parsed.success) throw new Error(`invalid schedule: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
		if (!isValidTimezone(entry.timezone)) throw new Error(`unknown time zone ${JSON.stringify(entry.timezone)}`);
		let after = Math.max(state.lastAt, state.heldUntil);
		if (entry.notBefore) after = Math.max(after, entry.notBefore.getTime() - 1);
		// Nothing ran yet and no start was given: look at the latest occurrence right away.
		if (after === -Infinity) return -Infinity;
		return this.#occurrenceAfter(entry, after);
	}

	#nextDue(entry: ScheduledEntry, nowMs: number): number {
		const after = entry.notBefore ? Math.max(nowMs, entry.notBefore.getTime() - 1) : nowMs;
		return this.#occurrenceAfter(entry, after);
	}

	#occurrenceAfter(entry: ScheduledEntry, afterMs: number): number {
		const next = nextOccurrence(entry.spec, entry.timezone, new Date(afterMs));
		if (!next) return Infinity;
		const at = next.getTime();
		return entry.notAfter && at > entry.notAfter.getTime() ? Infinity : at;
	}

	/** The occurrence to act on now, if any: only the latest, and only if newer than what the ledger holds. */
	#dueOccurrence(provider: DueWorkProvider, entry: ScheduledEntry, state: EntryState, nowMs: number): Occurrence | null {
		const bound = entry.notAfter ? Math.min(nowMs, entry.notAfter.getTime()) : nowMs;
		const latest = latestOccurrence(entry.spec, entry.timezone, new Date(bound));
		if (!latest) return null;
		const at = latest.getTime();
		if (entry.notBefore && at < entry.notBefore.getTime()) return null;
		if (at <= state.lastAt || at <= state.heldUntil) return null;
		const local = localMinuteKey(latest, entry.timezone);
		const runKey = `${provider.name}:${entry.id}:${local}`;
		if (runKey === state.lastRunKey) return null;
		return { at: latest, local, runKey, late: nowMs - at >= MINUTE_MS };
	}

	/**
	 * Records every due occurrence in one write before anything runs: 'started' for those about to run, 'skipped' for
	 * those missed beyond the catch-up window. Not recorded means not run: if the write fails, all wait for the next tick.
	 */
	async #claim(due: DueRun[], report: TickReport): Promise<DueRun[]> {
		if (due.length === 0) return [];
		const stamp = this.#clock.now().toISOString();
		const claims = due.map(
			({ state, occurrence, skip }) =>
				[
					state.ledgerKey,
					{
						occurrence: occurrence.at.toISOString(),
						runKey: occurrence.runKey,
						state: skip ? 'skipped' : 'started',
						startedAt: stamp,
						...(skip ? { finishedAt: stamp } : {}),
					},
				] as [string, RunRecord],
		);
		try {
			await this.#ledger.recordMany(claims);
		} catch (error) {
			for (const { state, occurrence } of due) {
				state.nextDue = occurrence.at.getTime();
				report.failed.push({ runKey: occurrence.runKey, error: `could not record the run: ${message(error)}` });
			}
			this.#logger.error({ err: error, runs: due.length }, 'could not record runs before starting them; will try again');
			return [];
		}
		const toRun: DueRun[] = [];
		for (const item of due) {
			const { entry, state, occurrence } = item;
			state.lastAt = occurrence.at.getTime();
			state.lastRunKey = occurrence.runKey;
			if (!item.skip) {
				toRun.push(item);
				continue;
			}
			report.skipped.push(occurrence.runKey);
			this.#logger.warn(
				{ runKey: occurrence.runKey, guildId: entry.guildId, occurredAt: occurrence.at.toISOString() },
				'missed a scheduled occurrence by more than the catch-up window; not running it',
			);
		}
		return toRun;
	}

	async #run(due: DueRun, report: TickReport, outcomes: Array<[string, RunRecord]>): Promise<void> {
		const { provider, entry, state, occurrence } = due;
		const startedAt = this.#clock.now().toISOString();
		const started = this.#clock.now().getTime();
		let failure: unknown;
		let failed = false;
		try {
			await provider.run(entry, occurrence);
		} catch (error) {
			failed = true;
			failure = error;
		}
		const finished = this.#clock.now();
		const fields = { runKey: occurrence.runKey, guildId: entry.guildId, late: occurrence.late, ms: finished.getTime() - started };
		if (failed) {
			report.failed.push({ runKey: occurrence.runKey, error: message(failure) });
			this.#logger.error({ ...fields, err: failure }, 'scheduled work failed');
		} else {
			report.ran.push(occurrence.runKey);
			this.#logger.info(fields, occurrence.late ? 'caught up scheduled work' : 'ran scheduled work');
		}
		outcomes.push([
			state.ledgerKey,
			{
				occurrence: occurrence.at.toISOString(),
				runKey: occurrence.runKey,
				startedAt,
				state: failed ? 'failed' : 'done',
				finishedAt: finished.toISOString(),
				...(failed ? { error: message(failure).slice(0, 500) } : {}),
			},
		]);
	}
}

/** Runs `work` over `items`, at most `limit` at a time. `work` must not throw. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await work(items[next++]!);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
