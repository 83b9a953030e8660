/**
 * Challenges benchmark: 5,000 members check in at the same moment to one challenge through the real sqlite store
 * (a temp file) and the feature's own check-in method, with 10% of them double-clicking. Afterwards every record is
 * read back: `lost` counts members without their check-in, `doubled` counts check-ins beyond one per member.
 * Run: npx tsx bench/challenges.ts [runs] — progress on stderr, one JSON line last on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DiscordPort } from '../src/core/discord-port.js';
import { ManualClock } from '../src/core/clock.js';
import { ParticipantRecord, challengeKeys } from '../src/features/challenges/index.js';
import { silentLogger } from '../src/log.js';
import { createServices } from '../src/services.js';
import { Store } from '../src/store/index.js';

const MEMBERS = 5000;
const DOUBLE_CLICK_SHARE = 0.1;
const RUNS = Math.max(5, Number(process.argv[2] ?? 5) || 5);
const GUILD = '100000000000000001';
const ADMIN = '200000000000000001';
const CHANNEL = '300000000000000001';
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

/** The benchmark never reaches Discord: check-ins on day 1 give no roles and post nothing. Any call is a bug. */
const noDiscord = new Proxy({} as DiscordPort, {
	get: (_target, name) => () => Promise.reject(new Error(`the check-in benchmark called Discord (${String(name)})`)),
});

const memberId = (i: number) => String(500000000000000000n + BigInt(i));

interface RunResult {
	ms: number;
	ok: number;
	refused: number;
	lost: number;
	doubled: number;
}

async function run(index: number, members = MEMBERS): Promise<RunResult> {
	const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-challenges-'));
	const store = await Store.open(`sqlite://${join(dir, 'hearth.sqlite')}`);
	try {
		const clock = new ManualClock('2026-11-22T12:00:00Z');
		const services = createServices({ store, clock, logger: silentLogger(), discord: noDiscord, version: 'bench', seed: 'bench' });
		const feature = services.challenges;
		const challenge = await feature.create(GUILD, ADMIN, { templateId: 'connection-30', channelId: CHANNEL, start: '2026-11-23', timezone: 'UTC' });
		const ids = Array.from({ length: members }, (_, i) => memberId(i + 1));
		const joinStart = performance.now();
		await Promise.all(ids.map((m) => feature.join(GUILD, m, challenge.id)));
		log(`run ${index + 1}: ${members} members joined in ${Math.round(performance.now() - joinStart)} ms`);

		clock.set('2026-11-23T10:00:00Z'); // day 1 for everyone
		const doubles = Math.round(members * DOUBLE_CLICK_SHARE);
		// Every member clicks once; the first 10% click a second time, all at the same moment.
		const clicks = [...ids, ...ids.slice(0, doubles)];
		const started = performance.now();
		const results = await Promise.all(clicks.map((m) => feature.checkIn(GUILD, m, { challengeId: challenge.id, via: 'button' })));
		const ms = performance.now() - started;

		const records = await store.getMany(
			ParticipantRecord,
			ids.map((m) => challengeKeys.participant(GUILD, m, challenge.id)),
		);
		let lost = 0;
		let doubled = 0;
		for (const record of records) {
			const count = record?.checkIns.filter((c) => c.day === 1).length ?? 0;
			if (count === 0) lost++;
			if (count > 1) doubled += count - 1;
			if ((record?.checkIns.length ?? 0) > count) doubled += record!.checkIns.length - count;
		}
		const ok = results.filter((r) => r.ok).length;
		const refused = results.filter((r) => !r.ok && r.reason === 'already').length;
		log(`run ${index + 1}: ${clicks.length} clicks in ${ms.toFixed(1)} ms — ${ok} check-ins, ${refused} double clicks refused, lost ${lost}, doubled ${doubled}`);
		return { ms, ok, refused, lost, doubled };
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// One small untimed run first, so the timed runs measure warm code rather than the JIT compiler.
log('warm-up');
await run(-1, 500);
const results: RunResult[] = [];
for (let i = 0; i < RUNS; i++) results.push(await run(i));
const ms = Math.round(median(results.map((r) => r.ms)) * 10) / 10;
const lost = results.reduce((sum, r) => sum + r.lost, 0);
const doubled = results.reduce((sum, r) => sum + r.doubled, 0);
const line = {
	bench: 'challenges',
	checkins: MEMBERS,
	ms,
	lost,
	doubled,
	per_second: Math.round((MEMBERS / ms) * 1000),
	runs: RUNS,
	double_clicks: Math.round(MEMBERS * DOUBLE_CLICK_SHARE),
	refused_double_clicks: Math.min(...results.map((r) => r.refused)),
	runs_ms: results.map((r) => Math.round(r.ms)),
};
console.log(JSON.stringify(line));
