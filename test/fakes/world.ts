import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/log.js';
import { createStoreRunLedger } from '../../src/scheduler/ledger.js';
import { Scheduler, type TickReport } from '../../src/scheduler/scheduler.js';
import { createServices, type Services } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import type { FakeDiscord } from './discord-port.js';

export interface World<D extends FakeDiscord> {
	store: Store;
	services: Services;
	scheduler: Scheduler;
	clock: ManualClock;
	discord: D;
	file: string;
	/** A process restart: new store connection, services and scheduler over the same sqlite file (the Discord fake carries over). */
	restart(): Promise<void>;
	/** Moves the clock to `iso` in steps, ticking the scheduler after each step like the real bot. */
	runUntil(iso: string, stepMinutes?: number): Promise<TickReport[]>;
	close(): Promise<void>;
}

/** Real sqlite in a temp dir, real services and scheduler (every feature's providers), a fake Discord. */
export async function openWorld<D extends FakeDiscord>(options: {
	start: string;
	discord: D;
	seed: string;
	file?: string;
	/** The step runUntil takes when none is given. */
	defaultStepMinutes: number;
}): Promise<World<D>> {
	const file = options.file ?? join(mkdtempSync(join(tmpdir(), 'hearth-world-')), 'hearth.sqlite');
	const clock = new ManualClock(options.start);
	const { discord } = options;
	const build = async () => {
		const store = await Store.open(`sqlite://${file}`);
		const services = createServices({ store, clock, logger: silentLogger(), discord, version: 'test', seed: options.seed });
		const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock });
		for (const feature of services.features) for (const provider of feature.providers) scheduler.register(provider);
		return { store, services, scheduler };
	};
	let parts = await build();
	return {
		get store() {
			return parts.store;
		},
		get services() {
			return parts.services;
		},
		get scheduler() {
			return parts.scheduler;
		},
		clock,
		discord,
		file,
		async restart() {
			await parts.scheduler.stop();
			await parts.store.close();
			parts = await build();
		},
		async runUntil(iso, stepMinutes = options.defaultStepMinutes) {
			const reports: TickReport[] = [];
			const end = Date.parse(iso);
			while (clock.now().getTime() < end) {
				clock.set(Math.min(end, clock.now().getTime() + stepMinutes * 60_000));
				reports.push(await parts.scheduler.tick());
			}
			return reports;
		},
		async close() {
			await parts.scheduler.stop();
			await parts.store.close();
		},
	};
}
