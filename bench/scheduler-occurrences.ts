/**
 * Micro-benchmark of the scheduler over 10,000 entries (MemoryRunLedger, runs that do nothing): a cold first tick that
 * catches up everything, the first tick after a restart, a tick when nothing is due and one when 400 are due; and
 * occurrence arithmetic per call. Prints one JSON line last.
 *   npx tsx bench/scheduler-occurrences.ts
 */
import { ManualClock } from '../src/core/clock.js';
import { latestOccurrence, localMinuteKey, nextOccurrence, type ScheduleSpec } from '../src/scheduler/schedule.js';
import { MemoryRunLedger, Scheduler, type ScheduledEntry } from '../src/scheduler/scheduler.js';

const ENTRIES = 10_000;
const DUE = 400;
const ROUNDS = 5;
const ZONES = [
	'UTC', 'Europe/Paris', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv', 'America/New_York', 'America/Chicago',
	'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'America/Mexico_City', 'Asia/Tokyo', 'Asia/Seoul',
	'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Singapore', 'Asia/Dubai', 'Australia/Sydney', 'Australia/Adelaide',
	'Pacific/Auckland', 'Africa/Lagos', 'Africa/Johannesburg',
];

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** A seeded stream of numbers, so every run benchmarks the same entries. */
function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** 10,000 entries; DUE of them fall exactly on `dueAt` in their own zone, none of the others on that minute. */
function buildEntries(dueAt: Date): ScheduledEntry[] {
	const random = seeded(42);
	const notBefore = new Date(dueAt.getTime() - 3 * 86_400_000);
	const entries: ScheduledEntry[] = [];
	for (let i = 0; i < ENTRIES; i++) {
		const timezone = ZONES[i % ZONES.length]!;
		const dueMinute = localMinuteKey(dueAt, timezone).slice(11);
		let spec: ScheduleSpec;
		if (i < DUE) {
			spec = i % 2 === 0 ? { kind: 'daily', time: dueMinute } : { kind: 'cron', expression: `${Number(dueMinute.slice(3))} ${Number(dueMinute.slice(0, 2))} * * *` };
		} else {
			let time: string;
			do time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 4) * 15 + 5)}`;
			while (time === dueMinute);
			const kind = random();
			if (kind < 0.6) spec = { kind: 'daily', time };
			else if (kind < 0.9) spec = { kind: 'weekly', days: [1, 3, 5].filter(() => random() < 0.7).concat([2]), time };
			else spec = { kind: 'cron', expression: `${Number(time.slice(3))} ${Number(time.slice(0, 2))} * * 1-5` };
		}
		entries.push({ id: `e${i}`, guildId: String(100000000000000000n + BigInt(i % 500)), spec, timezone, notBefore });
	}
	return entries;
}

async function tickRound(entries: ScheduledEntry[], dueAt: Date) {
	const ledger = new MemoryRunLedger();
	ledger.keepWrites = false;
	let runs = 0;
	const provider = { name: 'bench', schedules: () => entries, run: async () => void runs++ };
	const minute = 60_000;

	// Cold start on an empty ledger: every entry catches up (or skips) its latest occurrence since notBefore.
	const cold = new Scheduler({ ledger, clock: new ManualClock(dueAt), concurrency: 4 });
	cold.register(provider);
	let t = performance.now();
	await cold.tick(new Date(dueAt.getTime() - 9 * minute));
	const coldMs = performance.now() - t;

	// Restart with that ledger: one batch read, every entry's next due instant worked out, nothing due.
	const scheduler = new Scheduler({ ledger, clock: new ManualClock(dueAt), concurrency: 4 });
	scheduler.register(provider);
	const readsBefore = ledger.batchReads;
	t = performance.now();
	const restart = await scheduler.tick(new Date(dueAt.getTime() - 8 * minute));
	const restartMs = performance.now() - t;
	if (restart.due !== 0) throw new Error(`expected nothing due after the restart, ${restart.due} were due`);

	const quiet: number[] = [];
	for (let k = 7; k >= 1; k--) {
		t = performance.now();
		const report = await scheduler.tick(new Date(dueAt.getTime() - k * minute + 2_000));
		quiet.push(performance.now() - t);
		if (report.due !== 0) throw new Error(`expected a quiet tick, ${report.due} were due`);
	}
	const before = runs;
	t = performance.now();
	const report = await scheduler.tick(new Date(dueAt.getTime() + 2_000));
	const dueMs = performance.now() - t;
	return { coldMs, restartMs, quietMs: median(quiet), dueMs, due: report.due, ran: runs - before, restartBatchReads: ledger.batchReads - readsBefore };
}

function perCall(fn: (i: number) => unknown, count: number): number {
	for (let i = 0; i < 200; i++) fn(i);
	const t = performance.now();
	for (let i = 0; i < count; i++) fn(i);
	return ((performance.now() - t) / count) * 1000;
}

async function main() {
	const dueAt = new Date('2026-11-18T14:00:00Z');
	const entries = buildEntries(dueAt);
	const rounds = [];
	for (let r = 0; r < ROUNDS; r++) rounds.push(await tickRound(entries, dueAt));

	const base = new Date('2026-06-01T00:00:00Z').getTime();
	const at = (i: number) => new Date(base + ((i * 7_919_000) % (180 * 86_400_000)));
	const daily: ScheduleSpec = { kind: 'daily', time: '09:00' };
	const weekly: ScheduleSpec = { kind: 'weekly', days: [1, 3, 5], time: '18:30', everyWeeks: 2, anchorDate: '2026-01-05' };
	const cron: ScheduleSpec = { kind: 'cron', expression: '30 9 * * 1-5' };
	const micro = {
		dailyLatestUs: perCall((i) => latestOccurrence(daily, ZONES[i % ZONES.length]!, at(i)), 20_000),
		dailyNextUs: perCall((i) => nextOccurrence(daily, ZONES[i % ZONES.length]!, at(i)), 20_000),
		weeklyLatestUs: perCall((i) => latestOccurrence(weekly, ZONES[i % ZONES.length]!, at(i)), 20_000),
		cronLatestUs: perCall((i) => latestOccurrence(cron, ZONES[i % ZONES.length]!, at(i)), 5_000),
		cronNextUs: perCall((i) => nextOccurrence(cron, ZONES[i % ZONES.length]!, at(i)), 5_000),
	};
	const round = (n: number) => Math.round(n * 100) / 100;
	const result = {
		bench: 'scheduler-occurrences',
		entries: ENTRIES,
		zones: ZONES.length,
		rounds: ROUNDS,
		coldCatchUpTickMs: round(median(rounds.map((r) => r.coldMs))),
		restartTickMs: round(median(rounds.map((r) => r.restartMs))),
		// Round 1 runs in a fresh process: no cron expression parsed yet, no zone offsets remembered.
		freshProcessColdTickMs: round(rounds[0]!.coldMs),
		freshProcessRestartTickMs: round(rounds[0]!.restartMs),
		quietTickMs: round(median(rounds.map((r) => r.quietMs))),
		dueTickMs: round(median(rounds.map((r) => r.dueMs))),
		dueInTick: rounds[0]!.due,
		ranInTick: rounds[0]!.ran,
		restartLedgerBatchReads: rounds[0]!.restartBatchReads,
		...Object.fromEntries(Object.entries(micro).map(([k, v]) => [k, round(v)])),
	};
	console.log(JSON.stringify(result));
}

await main();
