/**
 * Prompts benchmark: one scheduler tick deciding the due prompts of 10,000 guilds whose configurations are stored in a
 * real sqlite file, with the store-backed run ledger and a Discord stand-in that only records posts.
 * `tick_ms` is the tick's deciding phase: listing every guild's schedule, finding the due occurrences in each guild's
 * timezone and claiming them in the run ledger on sqlite (the run keys written before any side effect).
 * `tick_with_posts_ms` also includes posting every due prompt (question pick, rotation state and history written to
 * sqlite, the stand-in's instant "Discord"); on real Discord the posts take longer still, bound by its latency.
 * Run: npm run bench:prompts (npx tsx bench/prompts.ts) — progress on stderr, one JSON line last on stdout.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../src/core/clock.js';
import type { ChannelInfo, DiscordPort, MemberInfo, OutgoingMessage } from '../src/core/discord-port.js';
import { createRandom } from '../src/core/random.js';
import { AuditLog } from '../src/features/guild/audit.js';
import { AdminNotices } from '../src/features/guild/notices.js';
import { GuildSettingsService } from '../src/features/guild/settings.js';
import { PromptFeature } from '../src/features/prompts/index.js';
import {
	PromptConfigRecord,
	PromptPostRecord,
	PromptScheduleMirrorRecord,
	PromptStateRecord,
	defaultPromptConfig,
	emptyState,
	promptKeys,
	type PromptConfig,
	type PromptPost,
	type PromptScheduleMirror,
	type PromptState,
} from '../src/features/prompts/records.js';
import { loadQuestionBankSync } from '../src/features/prompts/bank.js';
import { silentLogger } from '../src/log.js';
import { RunRecordType, storeKeyOfRun } from '../src/scheduler/ledger.js';
import { createStoreRunLedger, latestOccurrence, localMinuteKey, runLedgerKey, Scheduler, type RunRecord, type ScheduleSpec } from '../src/scheduler/index.js';
import { Store } from '../src/store/index.js';
import { en } from '../src/strings/index.js';

const GUILDS = 10_000;
/** Each guild has been running a while: this many past posts in its history, this many questions used this cycle. */
const PAST_POSTS = 20;
const USED = 60;
const MEASURED_TICKS = Number(process.env.BENCH_TICKS ?? 9);
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

/** Where communities are: a spread of real zones, some with half-hour offsets and DST. */
const ZONES = [
	'UTC', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Europe/Helsinki', 'Europe/Moscow', 'America/New_York',
	'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'America/Mexico_City',
	'Asia/Kolkata', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Shanghai', 'Australia/Sydney', 'Pacific/Auckland',
	'Africa/Lagos', 'Asia/Tehran',
] as const;

/** A Discord that accepts everything instantly and counts what it was asked to do. */
class CountingDiscord implements DiscordPort {
	posts = 0;
	threads = 0;
	#next = 1_300_000_000_000_000_000n;
	#id(): string {
		return String(this.#next++);
	}
	async send(channelId: string, _message: OutgoingMessage) {
		this.posts++;
		return { id: this.#id(), channelId };
	}
	async edit() {}
	async startThread() {
		this.threads++;
		return { id: this.#id() };
	}
	async addThreadMember() {}
	async sendDirect(_userId: string) {
		return { id: this.#id(), channelId: this.#id() };
	}
	async pin() {}
	async unpin() {}
	async addRole() {}
	async removeRole() {}
	async fetchMember(): Promise<MemberInfo | null> {
		return null;
	}
	async fetchChannel(): Promise<ChannelInfo | null> {
		return null;
	}
	async missingPermissions() {
		return [];
	}
	async canAssignRole() {
		return { ok: true as const };
	}
}

function guildIdOf(i: number): string {
	return String(1_100_000_000_000_000_000n + BigInt(i) * 7919n);
}

/**
 * Mostly daily at a round hour between 09:00 and 20:00 local time, some on chosen weekdays, a few cron: with the zones
 * above, a tick on the hour finds about 1 guild in 20 due (within the 1/24–1/12 the brief asks for).
 */
function scheduleFor(random: ReturnType<typeof createRandom>): ScheduleSpec {
	const hour = 9 + random.int(12);
	const minute = random.next() < 0.9 ? '00' : '30';
	const time = `${String(hour).padStart(2, '0')}:${minute}`;
	const roll = random.next();
	if (roll < 0.7) return { kind: 'daily', time };
	if (roll < 0.9) {
		const days = random.next() < 0.5 ? [1, 2, 3, 4, 5] : [...new Set([random.int(7), random.int(7), random.int(7), random.int(7)])].sort();
		return { kind: 'weekly', days, time };
	}
	return { kind: 'cron', expression: `${minute === '00' ? 0 : 30} ${hour} * * ${random.next() < 0.5 ? '1-5' : '*'}` };
}

/** A guild some weeks in: its history of recent posts. */
function pastPosts(guildId: string, config: PromptConfig, bankIds: readonly string[], i: number, since: Date): Array<[string, PromptPost]> {
	const posts: Array<[string, PromptPost]> = [];
	for (let d = 0; d < PAST_POSTS; d++) {
		const at = new Date(since.getTime() + (d + 5) * 86_400_000);
		posts.push([
			promptKeys.post(guildId, at, 'scheduled'),
			{
				at: at.toISOString(),
				kind: 'scheduled',
				runKey: `prompt:${guildId}:${at.toISOString().slice(0, 16)}`,
				status: 'posted',
				reason: null,
				questionId: bankIds[d]!,
				questionText: 'What is something small that made you smile recently, and why did it stay with you?',
				theme: 'gratitude',
				tier: 'light',
				channelId: config.channelId,
				messageId: String(1_400_000_000_000_000_000n + BigInt(i * PAST_POSTS + d)),
				threadId: String(1_400_000_000_000_000_000n + BigInt(i * PAST_POSTS + d)),
				creditUserId: null,
				creditAnonymous: false,
			},
		]);
	}
	return posts;
}

/** Phase 1: the data a running bot would have, written in batches (setMany) to the sqlite file. */
async function prepare(url: string, start: Date): Promise<void> {
	const configuredAt = new Date(start.getTime() - 30 * 86_400_000);
	const random = createRandom('bench-prompts');
	const bankIds = loadQuestionBankSync().questions.map((q) => q.id);
	const configs: Array<[string, PromptConfig]> = [];
	const mirrors: Array<[string, PromptScheduleMirror]> = [];
	const states: Array<[string, PromptState]> = [];
	const history: Array<[string, PromptPost]> = [];
	const ledger: Array<[string, RunRecord]> = [];
	for (let i = 0; i < GUILDS; i++) {
		const guildId = guildIdOf(i);
		const schedule = scheduleFor(random);
		const zone = ZONES[random.int(ZONES.length)]!;
		const config: PromptConfig = {
			...defaultPromptConfig(configuredAt),
			channelId: String(1_200_000_000_000_000_000n + BigInt(i)),
			schedule,
			// A tenth follow the server's default zone (read from guild settings, here absent: UTC).
			timezone: random.next() < 0.1 ? null : zone,
			depthMode: (['progressive', 'mixed', 'fixed'] as const)[random.int(3)]!,
			pin: random.next() < 0.3,
			paused: random.next() < 0.03,
		};
		configs.push([promptKeys.config(guildId), config]);
		mirrors.push([promptKeys.mirror(guildId), { config, hasQuestions: false }]);
		states.push([promptKeys.state(guildId), { ...emptyState(), used: bankIds.slice(0, USED), posted: USED, lastTheme: 'gratitude' }]);
		history.push(...pastPosts(guildId, config, bankIds, i, configuredAt));
		const timezone = config.timezone ?? 'UTC';
		const last = latestOccurrence(schedule, timezone, start);
		if (last && last >= configuredAt) {
			const runKey = `prompt:${guildId}:${localMinuteKey(last, timezone)}`;
			const at = last.toISOString();
			ledger.push([storeKeyOfRun(runLedgerKey(guildId, 'prompt', guildId)), { occurrence: at, runKey, state: 'done', startedAt: at, finishedAt: at }]);
		}
	}
	const store = await Store.open(url);
	const t = performance.now();
	await store.setMany(PromptConfigRecord, configs);
	await store.setMany(PromptScheduleMirrorRecord, mirrors);
	await store.setMany(PromptStateRecord, states);
	await store.setMany(PromptPostRecord, history);
	await store.setMany(RunRecordType, ledger);
	await store.close();
	log(
		`wrote ${configs.length} configurations (+ schedule mirrors), ${states.length} rotation states, ${history.length} past posts and ${ledger.length} run records in ${Math.round(performance.now() - t)} ms`,
	);
}

/** Phase 2, in a fresh process like a restarted bot: build the feature and the scheduler, tick through a morning. */
async function measure(url: string, start: Date): Promise<Record<string, unknown>> {
	const store = await Store.open(url);
	const clock = new ManualClock(start);
	const logger = silentLogger();
	const discord = new CountingDiscord();
	const settings = new GuildSettingsService(store);
	const notices = new AdminNotices(store, settings, discord, clock, logger);
	const prompts = new PromptFeature({ store, clock, logger, discord, strings: en, settings, notices, audit: new AuditLog(store, clock), seed: 'bench' });
	const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock, logger });
	for (const provider of prompts.providers) scheduler.register(provider);

	// The cold tick: loads every schedule from sqlite, reads the run ledger, works out each guild's next time.
	let t = performance.now();
	const cold = await scheduler.tick(clock.now());
	const coldMs = performance.now() - t;
	log(`cold tick: ${coldMs.toFixed(1)} ms, checked ${cold.checked}, due ${cold.due}, failed ${cold.failed.length}`);

	// Every minute (quiet minutes are ticked too, as the real bot does), measuring the ticks on the hour after a
	// warm-up of an hour and a half that includes the busy 07:30 and 08:00 ticks.
	const measured: Array<{ ms: number; due: number; decideMs: number; runMs: number }> = [];
	const quiet: number[] = [];
	for (let minute = 1; measured.length < MEASURED_TICKS; minute++) {
		clock.advanceMinutes(1);
		const postsBefore = discord.posts;
		t = performance.now();
		const report = await scheduler.tick(clock.now());
		const ms = performance.now() - t;
		if (report.failed.length > 0) throw new Error(`tick failed: ${JSON.stringify(report.failed.slice(0, 3))}`);
		if (discord.posts - postsBefore !== report.ran.length) throw new Error('a due prompt was not posted');
		if (clock.now().getUTCMinutes() === 0 && minute > 90) {
			measured.push({ ms, due: report.due, decideMs: report.decideMs, runMs: report.runMs });
			log(`tick ${clock.now().toISOString()}: deciding ${report.decideMs.toFixed(1)} ms, with posts ${ms.toFixed(1)} ms, ${report.due} guilds due, ${report.ran.length} posted`);
		} else if (report.due === 0) quiet.push(ms);
	}
	await store.close();
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const due = median(measured.map((m) => m.due));
	return {
		bench: 'prompts',
		guilds: GUILDS,
		tick_ms: Number(median(measured.map((m) => m.decideMs)).toFixed(1)),
		tick_ms_max: Number(Math.max(...measured.map((m) => m.decideMs)).toFixed(1)),
		ticks_measured: measured.length,
		tick_with_posts_ms: Number(median(measured.map((m) => m.ms)).toFixed(1)),
		posting_ms: Number(median(measured.map((m) => m.runMs)).toFixed(1)),
		due_per_tick_median: due,
		due_share_median: Number((due / GUILDS).toFixed(4)),
		cold_tick_ms: Number(coldMs.toFixed(1)),
		quiet_tick_ms_median: quiet.length > 0 ? Number(median(quiet).toFixed(1)) : null,
		past_posts_per_guild: PAST_POSTS,
		posts: discord.posts,
		threads: discord.threads,
	};
}

const START = new Date('2026-11-23T07:00:00Z');

async function main(): Promise<void> {
	const measuring = process.argv.indexOf('--measure');
	if (measuring >= 0) {
		const result = await measure(process.argv[measuring + 1]!, START);
		process.stdout.write(`${JSON.stringify(result)}\n`);
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-prompts-'));
	const url = `sqlite://${join(dir, 'bench.sqlite')}`;
	try {
		await prepare(url, START);
		// The measuring process inherits stdout, so its JSON line is the last line of this run too.
		const child = fork(fileURLToPath(import.meta.url), ['--measure', url], { stdio: 'inherit' });
		const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
		if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	log(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exit(1);
});
