import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { ScheduleSpec } from '../../src/scheduler/schedule.js';
import {
	MemoryRunLedger,
	Scheduler,
	runLedgerKey,
	type DueWorkProvider,
	type Occurrence,
	type RunLedger,
	type RunRecord,
	type ScheduledEntry,
	type TickReport,
} from '../../src/scheduler/scheduler.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);

interface RunSeen {
	entryId: string;
	runKey: string;
	local: string;
	at: string;
	late: boolean;
}

/** A provider that hands out the entries it is given and remembers every run. */
function feature(name: string, entries: ScheduledEntry[] | (() => ScheduledEntry[]), run?: (entry: ScheduledEntry, occurrence: Occurrence) => Promise<void>) {
	const runs: RunSeen[] = [];
	const provider: DueWorkProvider = {
		name,
		schedules: () => (typeof entries === 'function' ? entries() : entries),
		async run(entry, occurrence) {
			runs.push({ entryId: entry.id, runKey: occurrence.runKey, local: occurrence.local, at: occurrence.at.toISOString(), late: occurrence.late });
			await run?.(entry, occurrence);
		},
	};
	return { provider, runs };
}

function entry(id: string, spec: ScheduleSpec, timezone: string, extra: Partial<ScheduledEntry> = {}): ScheduledEntry {
	return { id, guildId: '100000000000000001', spec, timezone, ...extra };
}

const daily = (time: string): ScheduleSpec => ({ kind: 'daily', time });

function newScheduler(ledger: RunLedger = new MemoryRunLedger(), extra: { catchUpWindowMs?: number; concurrency?: number } = {}) {
	const clock = new ManualClock('2026-01-01T00:00:00Z');
	return { scheduler: new Scheduler({ ledger, clock, ...extra }), clock, ledger };
}

/** Ticks once a minute from `from` to `to` (inclusive), like the real timer, a few seconds into each minute. */
async function tickEveryMinute(scheduler: Scheduler, from: string, to: string): Promise<TickReport[]> {
	const reports: TickReport[] = [];
	for (let t = at(from).getTime(); t <= at(to).getTime(); t += MINUTE) reports.push(await scheduler.tick(new Date(t + 1_500)));
	return reports;
}

describe('Scheduler: what is due', () => {
	it('runs an occurrence when it is due in the guild time zone, not in another', async () => {
		const configured = at('2026-11-20T23:00:00Z');
		const { provider, runs } = feature('prompt', [
			entry('tokyo', daily('09:00'), 'Asia/Tokyo', { notBefore: configured }),
			entry('newyork', daily('09:00'), 'America/New_York', { notBefore: configured }),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);

		const report = await scheduler.tick(at('2026-11-21T00:00:05Z')); // 09:00 in Tokyo, 19:00 the day before in New York
		expect(report.ran).toEqual(['prompt:tokyo:2026-11-21T09:00']);
		expect(runs.map((r) => r.entryId)).toEqual(['tokyo']);
		expect(runs[0]!.late).toBe(false);

		await scheduler.tick(at('2026-11-21T14:00:05Z')); // 09:00 in New York
		expect(runs.map((r) => r.runKey)).toEqual(['prompt:tokyo:2026-11-21T09:00', 'prompt:newyork:2026-11-21T09:00']);
	});

	it('keeps to the chosen weekdays, minute by minute over two weeks', async () => {
		const { provider, runs } = feature('pairing', [
			entry('mwf', { kind: 'weekly', days: [1, 3, 5], time: '18:30' }, 'Europe/Paris', { notBefore: at('2026-11-01T00:00:00Z') }),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await tickEveryMinute(scheduler, '2026-11-01T00:00:00Z', '2026-11-14T23:59:00Z');
		expect(runs.map((r) => r.local)).toEqual([
			'2026-11-02T18:30',
			'2026-11-04T18:30',
			'2026-11-06T18:30',
			'2026-11-09T18:30',
			'2026-11-11T18:30',
			'2026-11-13T18:30',
		]);
		expect(runs.every((r) => !r.late)).toBe(true);
	});

	it('runs every 2 weeks counted from the anchor date', async () => {
		const { provider, runs } = feature('pairing', [
			entry('fortnight', { kind: 'weekly', days: [1], time: '12:00', everyWeeks: 2, anchorDate: '2026-01-05' }, 'UTC', {
				notBefore: at('2026-01-01T00:00:00Z'),
			}),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		// Ticks every 10 minutes across six weeks: enough to see the rhythm.
		for (let t = at('2026-01-01T00:00:00Z').getTime(); t < at('2026-02-12T00:00:00Z').getTime(); t += 10 * MINUTE) await scheduler.tick(new Date(t));
		expect(runs.map((r) => r.local)).toEqual(['2026-01-05T12:00', '2026-01-19T12:00', '2026-02-02T12:00']);
	});

	it('follows a cron expression', async () => {
		const { provider, runs } = feature('challenge', [
			entry('weekday-mornings', { kind: 'cron', expression: '0 9 * * 1-5' }, 'Europe/London', { notBefore: at('2026-06-01T00:00:00Z') }),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await tickEveryMinute(scheduler, '2026-06-06T00:00:00Z', '2026-06-13T00:00:00Z'); // Saturday to Saturday
		expect(runs.map((r) => r.local)).toEqual(['2026-06-08T09:00', '2026-06-09T09:00', '2026-06-10T09:00', '2026-06-11T09:00', '2026-06-12T09:00']);
		expect(runs.map((r) => r.at)).toEqual([
			'2026-06-08T08:00:00.000Z',
			'2026-06-09T08:00:00.000Z',
			'2026-06-10T08:00:00.000Z',
			'2026-06-11T08:00:00.000Z',
			'2026-06-12T08:00:00.000Z',
		]);
	});
});

describe('Scheduler: DST changes, ticking every minute', () => {
	async function runsAround(spec: ScheduleSpec, tz: string, from: string, to: string): Promise<RunSeen[]> {
		const { provider, runs } = feature('prompt', [entry('dst', spec, tz, { notBefore: at(from) })]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await tickEveryMinute(scheduler, from, to);
		return runs;
	}

	it('Europe/Paris, spring forward: a 02:30 schedule still runs once on 29 March, at 03:00', async () => {
		const runs = await runsAround(daily('02:30'), 'Europe/Paris', '2026-03-28T00:00:00Z', '2026-03-30T12:00:00Z');
		expect(runs.map((r) => `${r.local}@${r.at}`)).toEqual([
			'2026-03-28T02:30@2026-03-28T01:30:00.000Z',
			'2026-03-29T03:00@2026-03-29T01:00:00.000Z',
			'2026-03-30T02:30@2026-03-30T00:30:00.000Z',
		]);
		expect(runs.every((r) => !r.late)).toBe(true);
	});

	it('Europe/Paris, fall back: a 02:30 schedule runs once on 25 October, not twice', async () => {
		const runs = await runsAround(daily('02:30'), 'Europe/Paris', '2026-10-24T00:00:00Z', '2026-10-26T12:00:00Z');
		expect(runs.map((r) => `${r.local}@${r.at}`)).toEqual([
			'2026-10-24T02:30@2026-10-24T00:30:00.000Z',
			'2026-10-25T02:30@2026-10-25T00:30:00.000Z',
			'2026-10-26T02:30@2026-10-26T01:30:00.000Z',
		]);
	});

	it('America/New_York, spring forward: 02:30 runs at 03:00 on 8 March', async () => {
		const runs = await runsAround(daily('02:30'), 'America/New_York', '2026-03-07T00:00:00Z', '2026-03-09T12:00:00Z');
		expect(runs.map((r) => `${r.local}@${r.at}`)).toEqual([
			'2026-03-07T02:30@2026-03-07T07:30:00.000Z',
			'2026-03-08T03:00@2026-03-08T07:00:00.000Z',
			'2026-03-09T02:30@2026-03-09T06:30:00.000Z',
		]);
	});

	it('America/New_York, fall back: 01:30 runs once on 1 November', async () => {
		const runs = await runsAround(daily('01:30'), 'America/New_York', '2026-10-31T00:00:00Z', '2026-11-02T12:00:00Z');
		expect(runs.map((r) => `${r.local}@${r.at}`)).toEqual([
			'2026-10-31T01:30@2026-10-31T05:30:00.000Z',
			'2026-11-01T01:30@2026-11-01T05:30:00.000Z',
			'2026-11-02T01:30@2026-11-02T06:30:00.000Z',
		]);
	});

	it('an every-15-minutes cron runs each local quarter hour once through the repeated hour', async () => {
		const runs = await runsAround({ kind: 'cron', expression: '*/15 * * * *' }, 'America/New_York', '2026-11-01T04:50:00Z', '2026-11-01T07:20:00Z');
		const locals = runs.map((r) => r.local);
		expect(new Set(locals).size).toBe(locals.length);
		// 00:00–01:45 EDT, then 02:00 EST onwards; the second 01:00–01:45 (EST) is not run again.
		expect(locals).toEqual([
			'2026-11-01T01:00',
			'2026-11-01T01:15',
			'2026-11-01T01:30',
			'2026-11-01T01:45',
			'2026-11-01T02:00',
			'2026-11-01T02:15',
		]);
	});
});

describe('Scheduler: at most once', () => {
	it('records the run as started before doing the work, then done', async () => {
		const ledger = new MemoryRunLedger();
		const key = runLedgerKey('100000000000000001', 'prompt', 'p1');
		let stateDuringRun: string | undefined;
		const { provider } = feature('prompt', [entry('p1', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })], async () => {
			stateDuringRun = ledger.records.get(key)?.state;
		});
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(stateDuringRun).toBe('started');
		expect(ledger.records.get(key)).toMatchObject({ state: 'done', runKey: 'prompt:p1:2026-05-01T09:00', occurrence: '2026-05-01T09:00:00.000Z' });
		expect(ledger.writes.map((w) => w.record.state)).toEqual(['started', 'done']);
	});

	it('does not run anything again after a restart with the same ledger', async () => {
		const ledger = new MemoryRunLedger();
		const entries = [
			entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
			entry('b', { kind: 'cron', expression: '*/5 * * * *' }, 'Europe/Paris', { notBefore: at('2026-05-01T00:00:00Z') }),
		];
		const first = feature('prompt', entries);
		const before = newScheduler(ledger).scheduler;
		before.register(first.provider);
		await before.tick(at('2026-05-01T09:00:02Z'));
		expect(first.runs.map((r) => r.runKey).sort()).toEqual(['prompt:a:2026-05-01T09:00', 'prompt:b:2026-05-01T11:00']);

		// The bot restarts within the same minute, then keeps ticking.
		const second = feature('prompt', entries);
		const after = newScheduler(ledger).scheduler;
		after.register(second.provider);
		await after.tick(at('2026-05-01T09:00:40Z'));
		await after.tick(at('2026-05-01T09:01:02Z'));
		await after.tick(at('2026-05-01T09:04:02Z'));
		expect(second.runs).toEqual([]);
		await after.tick(at('2026-05-01T09:05:02Z'));
		expect(second.runs.map((r) => r.runKey)).toEqual(['prompt:b:2026-05-01T11:05']);
	});

	it('does not re-run an occurrence whose run crashed the process after it was recorded as started', async () => {
		const ledger = new MemoryRunLedger();
		const entries = [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })];
		// The first process starts the work and dies before it finishes: its run never settles.
		const crashed = feature('prompt', entries, () => new Promise<void>(() => {}));
		const before = newScheduler(ledger).scheduler;
		before.register(crashed.provider);
		void before.tick(at('2026-05-01T09:00:02Z'));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(crashed.runs).toHaveLength(1);
		expect(ledger.records.get(runLedgerKey('100000000000000001', 'prompt', 'a'))?.state).toBe('started');

		const restarted = feature('prompt', entries);
		const after = newScheduler(ledger).scheduler;
		after.register(restarted.provider);
		await tickEveryMinute(after, '2026-05-01T09:01:00Z', '2026-05-01T12:00:00Z');
		expect(restarted.runs).toEqual([]);
		await after.tick(at('2026-05-02T09:00:01Z'));
		expect(restarted.runs.map((r) => r.runKey)).toEqual(['prompt:a:2026-05-02T09:00']);
	});

	it('does not retry a run that failed; the next occurrence runs as usual', async () => {
		let fail = true;
		const { provider, runs } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })], async () => {
			if (fail) throw new Error('Discord said no');
		});
		const { scheduler, ledger } = newScheduler();
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(report.failed).toEqual([{ runKey: 'prompt:a:2026-05-01T09:00', error: 'Discord said no' }]);
		expect(report.ran).toEqual([]);
		expect((ledger as MemoryRunLedger).records.get(runLedgerKey('100000000000000001', 'prompt', 'a'))).toMatchObject({ state: 'failed', error: 'Discord said no' });
		fail = false;
		await scheduler.tick(at('2026-05-01T09:01:01Z'));
		expect(runs).toHaveLength(1);
		await scheduler.tick(at('2026-05-02T09:00:01Z'));
		expect(runs.map((r) => r.runKey)).toEqual(['prompt:a:2026-05-01T09:00', 'prompt:a:2026-05-02T09:00']);
	});

	it('does not start the work when the ledger cannot record it, and tries again next minute', async () => {
		const inner = new MemoryRunLedger();
		let broken = true;
		const ledger: RunLedger = {
			latest: (keys) => inner.latest(keys),
			async record(key, rec) {
				if (broken) throw new Error('disk full');
				await inner.record(key, rec);
			},
			async recordMany(entries) {
				if (broken) throw new Error('disk full');
				await inner.recordMany(entries);
			},
		};
		const { provider, runs } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })]);
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(runs).toEqual([]);
		expect(report.failed[0]?.error).toMatch(/disk full/);
		broken = false;
		await scheduler.tick(at('2026-05-01T09:01:01Z'));
		expect(runs.map((r) => ({ runKey: r.runKey, late: r.late }))).toEqual([{ runKey: 'prompt:a:2026-05-01T09:00', late: true }]);
	});

	it('runs one occurrence once even when ticks overlap', async () => {
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const { provider, runs } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })], () => gate);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		const one = scheduler.tick(at('2026-05-01T09:00:01Z'));
		const two = scheduler.tick(at('2026-05-01T09:00:30Z'));
		release();
		const [a, b] = await Promise.all([one, two]);
		expect(runs).toHaveLength(1);
		expect(a.ran).toHaveLength(1);
		expect(b.ran).toHaveLength(0);
	});
});

describe('Scheduler: catching up after downtime', () => {
	it('after 3 days down, runs only the latest missed occurrence, marked late', async () => {
		const ledger = new MemoryRunLedger();
		const entries = [
			entry('daily', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
			entry('hourly', { kind: 'cron', expression: '0 * * * *' }, 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
		];
		const before = feature('prompt', entries);
		const first = newScheduler(ledger).scheduler;
		first.register(before.provider);
		await first.tick(at('2026-05-01T09:00:01Z'));
		expect(before.runs).toHaveLength(2);

		// Down from 09:01 on 1 May to 10:20 on 4 May.
		const after = feature('prompt', entries);
		const second = newScheduler(ledger).scheduler;
		second.register(after.provider);
		const report = await second.tick(at('2026-05-04T10:20:00Z'));
		expect(after.runs.map((r) => ({ runKey: r.runKey, late: r.late })).sort((x, y) => x.runKey.localeCompare(y.runKey))).toEqual([
			{ runKey: 'prompt:daily:2026-05-04T09:00', late: true },
			{ runKey: 'prompt:hourly:2026-05-04T10:00', late: true },
		]);
		expect(report.skipped).toEqual([]);
		await tickEveryMinute(second, '2026-05-04T10:21:00Z', '2026-05-04T10:59:00Z');
		expect(after.runs).toHaveLength(2);
		await second.tick(at('2026-05-04T11:00:01Z'));
		expect(after.runs.at(-1)).toMatchObject({ runKey: 'prompt:hourly:2026-05-04T11:00', late: false });
	});

	it('skips an occurrence missed by more than the window, records it, and does not retry it', async () => {
		const ledger = new MemoryRunLedger();
		const entries = [entry('daily', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })];
		const { provider, runs } = feature('prompt', entries);
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		// The bot comes back 7 hours after 09:00: beyond the default 6-hour window.
		const report = await scheduler.tick(at('2026-05-03T16:00:00Z'));
		expect(runs).toEqual([]);
		expect(report.skipped).toEqual(['prompt:daily:2026-05-03T09:00']);
		expect(ledger.records.get(runLedgerKey('100000000000000001', 'prompt', 'daily'))).toMatchObject({ state: 'skipped', runKey: 'prompt:daily:2026-05-03T09:00' });

		// Not retried, neither by this process nor after a restart.
		expect((await scheduler.tick(at('2026-05-03T16:01:00Z'))).skipped).toEqual([]);
		const restarted = feature('prompt', entries);
		const again = newScheduler(ledger).scheduler;
		again.register(restarted.provider);
		const afterRestart = await again.tick(at('2026-05-03T16:02:00Z'));
		expect(afterRestart.skipped).toEqual([]);
		expect(restarted.runs).toEqual([]);
		await again.tick(at('2026-05-04T09:00:01Z'));
		expect(restarted.runs.map((r) => ({ runKey: r.runKey, late: r.late }))).toEqual([{ runKey: 'prompt:daily:2026-05-04T09:00', late: false }]);
	});

	it('honours a per-entry window and the scheduler-wide default', async () => {
		const entries = [
			entry('wide', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z'), catchUpWindowMs: 12 * HOUR }),
			entry('narrow', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z'), catchUpWindowMs: 30 * MINUTE }),
			entry('default', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
		];
		const { provider, runs } = feature('prompt', entries);
		const { scheduler } = newScheduler(new MemoryRunLedger(), { catchUpWindowMs: 2 * HOUR });
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-02T10:00:00Z'));
		expect(runs.map((r) => r.entryId).sort()).toEqual(['default', 'wide']);
		expect(report.skipped).toEqual(['prompt:narrow:2026-05-02T09:00']);
		expect(report.due).toBe(3);
	});
});

describe('Scheduler: start, end and pause', () => {
	it('does not fire today’s 09:00 for a schedule configured at 09:30', async () => {
		const { provider, runs } = feature('prompt', [entry('new', daily('09:00'), 'Europe/Paris', { notBefore: at('2026-05-04T07:30:00Z') })]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await tickEveryMinute(scheduler, '2026-05-04T07:30:00Z', '2026-05-04T08:30:00Z');
		expect(runs).toEqual([]);
		await scheduler.tick(at('2026-05-05T07:00:02Z'));
		expect(runs.map((r) => r.local)).toEqual(['2026-05-05T09:00']);
	});

	it('stops after notAfter (a challenge that ended)', async () => {
		const { provider, runs } = feature('challenge', [
			entry('c', daily('20:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z'), notAfter: at('2026-05-03T23:59:59Z') }),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		for (let day = 1; day <= 6; day++) await scheduler.tick(new Date(Date.UTC(2026, 4, day, 20, 0, 3)));
		expect(runs.map((r) => r.local)).toEqual(['2026-05-01T20:00', '2026-05-02T20:00', '2026-05-03T20:00']);
	});

	it('runs nothing while paused, and does not catch up what came due during the pause', async () => {
		let paused = false;
		const { provider, runs } = feature('prompt', () => [entry('p', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z'), paused })]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-01T09:00:01Z'));
		paused = true;
		await tickEveryMinute(scheduler, '2026-05-02T08:58:00Z', '2026-05-02T09:10:00Z');
		expect(runs.map((r) => r.local)).toEqual(['2026-05-01T09:00']);
		paused = false; // resumed at 09:30, within the catch-up window of 09:00
		await tickEveryMinute(scheduler, '2026-05-02T09:30:00Z', '2026-05-02T09:40:00Z');
		expect(runs.map((r) => r.local)).toEqual(['2026-05-01T09:00']);
		await scheduler.tick(at('2026-05-03T09:00:01Z'));
		expect(runs.map((r) => r.local)).toEqual(['2026-05-01T09:00', '2026-05-03T09:00']);
	});

	it('follows a changed schedule at once', async () => {
		let time = '09:00';
		const { provider, runs } = feature('prompt', () => [entry('p', daily(time), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-01T08:00:00Z'));
		time = '08:30';
		await tickEveryMinute(scheduler, '2026-05-01T08:01:00Z', '2026-05-01T09:30:00Z');
		expect(runs.map((r) => r.local)).toEqual(['2026-05-01T08:30']);
	});

	it('follows a changed time zone at once', async () => {
		let timezone = 'UTC';
		const { provider, runs } = feature('prompt', () => [entry('p', daily('09:00'), timezone, { notBefore: at('2026-05-01T00:00:00Z') })]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-01T05:00:00Z'));
		timezone = 'America/New_York'; // 09:00 there is 13:00 UTC
		await tickEveryMinute(scheduler, '2026-05-01T05:01:00Z', '2026-05-01T14:00:00Z');
		expect(runs.map((r) => `${r.local}@${r.at}`)).toEqual(['2026-05-01T09:00@2026-05-01T13:00:00.000Z']);
	});
});

describe('Scheduler: failures stay contained', () => {
	it('a provider that throws does not stop the others', async () => {
		const broken: DueWorkProvider = {
			name: 'broken',
			schedules() {
				throw new Error('database is locked');
			},
			run: async () => {},
		};
		const { provider, runs } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })]);
		const { scheduler } = newScheduler();
		scheduler.register(broken);
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(report.providerErrors).toEqual([{ provider: 'broken', error: 'database is locked' }]);
		expect(report.ran).toEqual(['prompt:a:2026-05-01T09:00']);
		expect(runs).toHaveLength(1);
	});

	it('an entry with a broken schedule is reported once and the rest run', async () => {
		const { provider, runs } = feature('prompt', [
			entry('bad-zone', daily('09:00'), 'Mars/Base', { notBefore: at('2026-05-01T00:00:00Z') }),
			entry('bad-time', { kind: 'daily', time: '9am' }, 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
			entry('good', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') }),
		]);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(report.failed.map((f) => f.runKey).sort()).toEqual(['prompt:bad-time', 'prompt:bad-zone']);
		expect(report.failed.find((f) => f.runKey === 'prompt:bad-zone')?.error).toMatch(/Mars\/Base/);
		expect(runs.map((r) => r.entryId)).toEqual(['good']);
		expect((await scheduler.tick(at('2026-05-01T09:01:01Z'))).failed).toEqual([]);
	});

	it('a run that throws does not stop the other runs of the tick', async () => {
		const { provider, runs } = feature(
			'prompt',
			['a', 'b', 'c'].map((id) => entry(id, daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })),
			async (e) => {
				if (e.id === 'b') throw new Error('channel was deleted');
			},
		);
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(runs).toHaveLength(3);
		expect(report.ran.sort()).toEqual(['prompt:a:2026-05-01T09:00', 'prompt:c:2026-05-01T09:00']);
		expect(report.failed).toEqual([{ runKey: 'prompt:b:2026-05-01T09:00', error: 'channel was deleted' }]);
	});

	it('when the ledger cannot be read, nothing runs until it can', async () => {
		const inner = new MemoryRunLedger();
		let readable = false;
		const ledger: RunLedger = {
			async latest(keys) {
				if (!readable) throw new Error('connection refused');
				return inner.latest(keys);
			},
			record: (key, rec) => inner.record(key, rec),
			recordMany: (entries) => inner.recordMany(entries),
		};
		const { provider, runs } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })]);
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		const report = await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(report.ledgerError).toBe('connection refused');
		expect(runs).toEqual([]);
		readable = true;
		await scheduler.tick(at('2026-05-01T09:01:01Z'));
		expect(runs.map((r) => r.runKey)).toEqual(['prompt:a:2026-05-01T09:00']);
	});
});

describe('Scheduler: cheap ticks', () => {
	function manyEntries(count: number): ScheduledEntry[] {
		return Array.from({ length: count }, (_, i) =>
			entry(`e${i}`, daily(`${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`), i % 2 ? 'Europe/Paris' : 'America/New_York', {
				notBefore: at('2026-05-01T00:00:00Z'),
			}),
		);
	}

	it('reads the ledger in one batch on the first tick, and not at all on quiet ticks', async () => {
		const ledger = new MemoryRunLedger();
		const one = feature('prompt', manyEntries(300));
		const two = feature('pairing', manyEntries(200));
		const { scheduler } = newScheduler(ledger);
		scheduler.register(one.provider);
		scheduler.register(two.provider);
		await scheduler.tick(at('2026-05-02T00:00:30Z'));
		expect(ledger.batchReads).toBe(1);
		expect(ledger.keysRead).toBe(500);
		const writes = ledger.writes.length;
		const report = await scheduler.tick(at('2026-05-02T00:00:45Z'));
		expect(report.checked).toBe(500);
		expect(report.due).toBe(0);
		expect(ledger.batchReads).toBe(1);
		expect(ledger.writes.length).toBe(writes);
	});

	it('invalidate() re-reads one entry only', async () => {
		const ledger = new MemoryRunLedger();
		const { provider } = feature('prompt', manyEntries(50));
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-02T00:00:30Z'));
		scheduler.invalidate('prompt', 'e7');
		await scheduler.tick(at('2026-05-02T00:00:45Z'));
		expect(ledger.batchReads).toBe(2);
		expect(ledger.keysRead).toBe(51);
	});

	it('new entries are read in one batch per tick; gone ones are forgotten', async () => {
		const ledger = new MemoryRunLedger();
		let entries = manyEntries(10);
		const { provider } = feature('prompt', () => entries);
		const { scheduler } = newScheduler(ledger);
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-02T00:00:30Z'));
		entries = manyEntries(25);
		await scheduler.tick(at('2026-05-02T00:01:30Z'));
		expect([ledger.batchReads, ledger.keysRead]).toEqual([2, 25]);
		entries = manyEntries(5);
		await scheduler.tick(at('2026-05-02T00:02:30Z'));
		entries = manyEntries(10);
		await scheduler.tick(at('2026-05-02T00:03:30Z'));
		// e5..e9 were forgotten when they disappeared, so they are read again.
		expect([ledger.batchReads, ledger.keysRead]).toEqual([3, 30]);
	});

	it('runs at most `concurrency` pieces of work at a time', async () => {
		let running = 0;
		let most = 0;
		const { provider, runs } = feature(
			'prompt',
			Array.from({ length: 12 }, (_, i) => entry(`p${i}`, daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })),
			async () => {
				running++;
				most = Math.max(most, running);
				await new Promise((resolve) => setTimeout(resolve, 2));
				running--;
			},
		);
		const { scheduler } = newScheduler(new MemoryRunLedger(), { concurrency: 3 });
		scheduler.register(provider);
		await scheduler.tick(at('2026-05-01T09:00:01Z'));
		expect(runs).toHaveLength(12);
		expect(most).toBe(3);
	});
});

describe('Scheduler: start and stop', () => {
	it('stop() waits for the tick in progress', async () => {
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let finished = false;
		const { provider } = feature('prompt', [entry('a', daily('09:00'), 'UTC', { notBefore: at('2026-05-01T00:00:00Z') })], async () => {
			await gate;
			finished = true;
		});
		const { scheduler } = newScheduler();
		scheduler.register(provider);
		scheduler.start();
		const ticking = scheduler.tick(at('2026-05-01T09:00:01Z'));
		let stopped = false;
		const stopping = scheduler.stop().then(() => (stopped = true));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(stopped).toBe(false);
		release();
		await stopping;
		expect(finished).toBe(true);
		expect((await ticking).ran).toEqual(['prompt:a:2026-05-01T09:00']);
	});

	it('refuses two providers with the same name', () => {
		const { scheduler } = newScheduler();
		scheduler.register(feature('prompt', []).provider);
		expect(() => scheduler.register(feature('prompt', []).provider)).toThrow(/already registered/);
	});
});

describe('MemoryRunLedger', () => {
	it('returns only the keys it holds', async () => {
		const ledger = new MemoryRunLedger();
		const rec: RunRecord = { occurrence: '2026-05-01T09:00:00.000Z', runKey: 'prompt:a:2026-05-01T09:00', state: 'done', startedAt: '2026-05-01T09:00:01.000Z' };
		await ledger.record('g:prompt:a', rec);
		const found = await ledger.latest(['g:prompt:a', 'g:prompt:b']);
		expect([...found.keys()]).toEqual(['g:prompt:a']);
		expect(found.get('g:prompt:a')).toEqual(rec);
	});
});


describe('Scheduler: guilds on hold', () => {
	it('posts nothing for a guild that removed the bot, and catches nothing up when it comes back', async () => {
		const { scheduler } = newScheduler();
		const left = new Set<string>();
		scheduler.holdGuilds((guildId) => left.has(guildId));
		const other = entry('other', daily('09:00'), 'UTC', { guildId: '100000000000000002' });
		const { provider, runs } = feature('prompt', [entry('g1', daily('09:00'), 'UTC'), other]);
		scheduler.register(provider);
		left.add('100000000000000001');
		await tickEveryMinute(scheduler, '2026-03-02T08:58:00Z', '2026-03-02T09:05:00Z');
		expect(runs.map((r) => r.entryId)).toEqual(['other']);
		left.clear();
		await tickEveryMinute(scheduler, '2026-03-02T09:06:00Z', '2026-03-02T09:10:00Z');
		expect(runs.map((r) => r.entryId)).toEqual(['other']);
		await tickEveryMinute(scheduler, '2026-03-03T08:59:00Z', '2026-03-03T09:01:00Z');
		expect(runs.map((r) => `${r.entryId}@${r.local}`)).toEqual(['other@2026-03-02T09:00', 'g1@2026-03-03T09:00', 'other@2026-03-03T09:00']);
	});
});
