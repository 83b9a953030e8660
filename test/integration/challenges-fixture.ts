import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import type { DiscordPort } from '../../src/core/discord-port.js';
import { silentLogger } from '../../src/log.js';
import { createStoreRunLedger } from '../../src/scheduler/ledger.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { createServices, type Services } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

export const GUILD = '100000000000000001';
export const ADMIN = '200000000000000001';
export const CHANNEL = '300000000000000001';
export const LOG_CHANNEL = '300000000000000002';
export const ROLE = '400000000000000001';
export const MILESTONE_ROLE = '400000000000000002';
export const member = (n: number) => String(500000000000000000n + BigInt(n));

/** A FakeDiscord whose role checks can be told to fail, like a role placed above the bot's. */
export class RoleAwareDiscord extends FakeDiscord {
	roleProblems = new Map<string, 'missing_permission' | 'role_too_high' | 'unknown_role' | 'managed_role'>();
	constructor() {
		super();
		// The base fake can only say yes; this one answers from roleProblems.
		(this as unknown as DiscordPort).canAssignRole = async (_guildId, roleId) => {
			const reason = this.roleProblems.get(roleId);
			return reason ? { ok: false, reason } : { ok: true };
		};
	}
}

export interface World {
	store: Store;
	file: string;
	clock: ManualClock;
	discord: RoleAwareDiscord;
	services: Services;
	scheduler: Scheduler;
	/** A process restart: new services and scheduler over the same sqlite file (the Discord fake carries over). */
	restart(): Promise<void>;
	/** Moves the clock to `iso` in steps (default 15 minutes), ticking the scheduler after each step like the real bot. */
	runUntil(iso: string, stepMinutes?: number): Promise<void>;
	close(): Promise<void>;
}

/** Real sqlite in a temp dir, real services and scheduler, a fake Discord. */
export async function openWorld(start: string, options: { file?: string } = {}): Promise<World> {
	const file = options.file ?? join(mkdtempSync(join(tmpdir(), 'hearth-challenges-')), 'hearth.sqlite');
	const clock = new ManualClock(start);
	const discord = new RoleAwareDiscord();
	const build = async () => {
		const store = await Store.open(`sqlite://${file}`);
		const services = createServices({ store, clock, logger: silentLogger(), discord, version: 'test', seed: 'test' });
		const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock });
		for (const feature of services.features) for (const provider of feature.providers) scheduler.register(provider);
		return { store, services, scheduler };
	};
	let parts = await build();
	const world: World = {
		get store() {
			return parts.store;
		},
		get services() {
			return parts.services;
		},
		get scheduler() {
			return parts.scheduler;
		},
		file,
		clock,
		discord,
		async restart() {
			await parts.scheduler.stop();
			await parts.store.close();
			parts = await build();
		},
		async runUntil(iso, stepMinutes = 15) {
			const end = Date.parse(iso);
			while (clock.now().getTime() < end) {
				clock.set(Math.min(end, clock.now().getTime() + stepMinutes * 60_000));
				await parts.scheduler.tick();
			}
		},
		async close() {
			await parts.scheduler.stop();
			await parts.store.close();
		},
	} as World;
	return world;
}
