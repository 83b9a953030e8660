/**
 * Pairing benchmark: speed on a 10,000-member round, quality against the exact optimum (Edmonds' blossom,
 * maximum-weight perfect matching) on 300-member rounds, and repeats where a repeat-free round existed.
 * Run: npx tsx bench/pairing.ts — progress on stderr, one JSON line last on stdout.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRandom } from '../src/core/random.js';
import type { MatchCandidate, MatchInput, PastMeeting } from '../src/features/pairing/matching.js';
import { createPairContext, matchMembers, pairScore } from '../src/features/pairing/matching.js';

type Blossom = (edges: number[][], maxCardinality?: boolean) => number[];
const blossom = createRequire(import.meta.url)('edmonds-blossom') as Blossom;

const VOCABULARY = 200;
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

interface InstanceShape {
	n: number;
	historyRounds: number;
	repeatWindow: number;
	/** Share of members taking part in each past round. */
	turnout: number;
	blocks: number;
}

/** A seeded round: Zipf-ish interests, past rounds of random pairs, a few blocks. */
function makeInstance(shape: InstanceShape, seed: string): MatchInput {
	const random = createRandom(seed);
	const cumulative: number[] = [];
	let total = 0;
	for (let r = 0; r < VOCABULARY; r++) cumulative.push((total += 1 / (r + 1)));
	const drawTopic = (): number => {
		const x = random.next() * total;
		let lo = 0;
		let hi = VOCABULARY - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! < x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	const candidates: MatchCandidate[] = [];
	for (let i = 0; i < shape.n; i++) {
		const want = 5 + random.int(6);
		const topics = new Set<number>();
		while (topics.size < want) topics.add(drawTopic());
		candidates.push({ id: String(1_100_000_000_000_000_000n + BigInt(i) * 7919n), interests: [...topics].map((t) => `topic-${t}`) });
	}
	const round = shape.historyRounds + 1;
	const history: PastMeeting[] = [];
	for (let r = 1; r <= shape.historyRounds; r++) {
		const present = random.shuffle(candidates).filter(() => random.next() < shape.turnout);
		for (let x = 0; x + 1 < present.length; x += 2) history.push({ a: present[x]!.id, b: present[x + 1]!.id, round: r });
	}
	const blocks: [string, string][] = [];
	for (let b = 0; b < shape.blocks; b++) {
		blocks.push([candidates[random.int(shape.n)]!.id, candidates[random.int(shape.n)]!.id]);
	}
	return { candidates, groupSize: 2, mode: 'interests', round, history, repeatWindow: shape.repeatWindow, blocks, seed };
}

/** Exact optimum over repeat-free, unblocked pairs; null when no repeat-free perfect matching exists. */
function freshOptimum(input: MatchInput): number | null {
	const ctx = createPairContext(input);
	const cs = input.candidates;
	const edges: number[][] = [];
	for (let i = 0; i < cs.length; i++)
		for (let j = i + 1; j < cs.length; j++) {
			const s = pairScore(cs[i]!, cs[j]!, ctx);
			// Repeats score far below zero and blocked pairs −Infinity: both are left out.
			if (Number.isFinite(s) && s >= 0) edges.push([i, j, Math.round(s * 1e6)]);
		}
	const mate = blossom(edges, true);
	let total = 0;
	for (let i = 0; i < cs.length; i++) {
		const j = mate[i] ?? -1;
		if (j < 0) return null;
		if (j > i) total += pairScore(cs[i]!, cs[j]!, ctx);
	}
	return total;
}

const median = (xs: number[]): number => {
	const s = xs.slice().sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// 1. Speed: 10,000 members, 12 rounds of history.
const big = makeInstance({ n: 10_000, historyRounds: 12, repeatWindow: 6, turnout: 0.85, blocks: 50 }, 'bench-10k');
log(`10k instance: ${big.history.length} past meetings, ${big.blocks.length} blocks`);
for (let w = 0; w < 2; w++) matchMembers({ ...big, seed: `warm-${w}` });
const times: number[] = [];
const cpuTimes: number[] = [];
let bigRepeats = 0;
let bigUnmatched = 0;
for (let run = 0; run < 7; run++) {
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const result = matchMembers({ ...big, seed: `run-${run}` });
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	times.push(ms);
	// CPU time of this process (GC helper threads included): a check on wall time when the machine is busy.
	cpuTimes.push((cpu.user + cpu.system) / 1000);
	bigRepeats = Math.max(bigRepeats, result.repeats);
	bigUnmatched = Math.max(bigUnmatched, result.unmatched.length);
	log(`10k run ${run}: ${ms.toFixed(1)} ms (cpu ${cpuTimes[run]!.toFixed(1)} ms), ${result.groups.length} groups, ${result.repeats} repeats, total ${result.totalScore.toFixed(1)}`);
}

// 2. Quality and repeats: 300-member rounds against the exact optimum.
const ratios: number[] = [];
let repeats = 0;
let repeatFreeInstances = 0;
const check = (input: MatchInput, label: string, measureRatio: boolean): void => {
	const optimum = freshOptimum(input);
	const result = matchMembers(input);
	if (optimum === null) {
		log(`${label}: no repeat-free pairing exists, skipped (ours: ${result.repeats} repeats)`);
		return;
	}
	repeatFreeInstances++;
	repeats += result.repeats;
	const ratio = result.totalScore / optimum;
	if (measureRatio) ratios.push(ratio);
	log(`${label}: ours ${result.totalScore.toFixed(3)} / optimum ${optimum.toFixed(3)} = ${ratio.toFixed(4)}, repeats ${result.repeats}, unmatched ${result.unmatched.length}`);
};
for (let i = 0; i < 12; i++) {
	check(makeInstance({ n: 300, historyRounds: 12, repeatWindow: 6, turnout: 0.85, blocks: 3 }, `q300-${i}`), `300 #${i}`, true);
}
// Tight rounds: most people met most others recently, so a repeat-free round exists but is hard to find.
for (let i = 0; i < 12; i++) {
	check(makeInstance({ n: 24, historyRounds: 16, repeatWindow: 16, turnout: 1, blocks: 2 }, `tight-${i}`), `tight #${i}`, false);
}

// The required fields first, with the ratio printed to exactly four decimals.
const head = `{"bench":"pairing","n":10000,"ms":${median(times).toFixed(1)},"quality_vs_optimal":${median(ratios).toFixed(4)},"repeats":${repeats}`;
const extra = {
	quality_min: Number(Math.min(...ratios).toFixed(4)),
	quality_instances: ratios.length,
	repeat_free_instances: repeatFreeInstances,
	ms_runs: times.map((t) => Number(t.toFixed(1))),
	cpu_ms: Number(median(cpuTimes).toFixed(1)),
	load_average: Number(loadavg()[0]!.toFixed(2)),
	big_repeats: bigRepeats,
	big_unmatched: bigUnmatched,
};
console.log(`${head},${JSON.stringify(extra).slice(1)}`);
