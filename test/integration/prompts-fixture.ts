import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import { DiscordFailure, type ChannelInfo } from '../../src/core/discord-port.js';
import { silentLogger } from '../../src/log.js';
import { createStoreRunLedger } from '../../src/scheduler/ledger.js';
import { Scheduler, type TickReport } from '../../src/scheduler/scheduler.js';
import { createServices, type Services } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';
export const ADMIN = '200000000000000001';
export const CHANNEL = '300000000000000001';
export const OTHER_CHANNEL = '300000000000000002';
export const LOG_CHANNEL = '300000000000000009';
export const ROLE = '400000000000000001';
export const member = (n: number) => String(500000000000000000n + BigInt(n));

/** The fake Discord, plus what /prompt history reads: the number of messages in each thread. */
export class ThreadCountingDiscord extends FakeDiscord {
	answers = new Map<string, number>();
	pinCalls: string[] = [];
	constructor() {
		super();
		const base = this.pin.bind(this);
		this.pin = async (channelId, messageId) => {
			this.pinCalls.push(`${channelId}/${messageId}`);
			if (this.missing.get(channelId)?.includes('PinMessages')) throw new DiscordFailure('missing_permissions', 'Missing Permissions', 50013, 403);
			await base(channelId, messageId);
		};
	}
	override async fetchChannel(channelId: string): Promise<ChannelInfo | null> {
		const info = await super.fetchChannel(channelId);
		return info && { ...info, messageCount: this.answers.get(channelId) ?? 0 };
	}
	/** Prompt posts (embeds with a question) in a channel, oldest first. */
	promptsIn(channelId: string) {
		return this.sent.filter((m) => m.channelId === channelId && m.message.embeds?.[0]?.author?.name === 'A question for all of us');
	}
}

export interface PromptWorld {
	store: Store;
	services: Services;
	scheduler: Scheduler;
	clock: ManualClock;
	discord: ThreadCountingDiscord;
	file: string;
	/** A process restart: new store connection, services and scheduler over the same sqlite file. */
	restart(): Promise<void>;
	/** Moves the clock to `iso` minute by minute (or in bigger steps), ticking the scheduler after each step. */
	runUntil(iso: string, stepMinutes?: number): Promise<TickReport[]>;
	close(): Promise<void>;
}

/** Real sqlite in a temp dir, real services and scheduler (every feature's providers), a fake Discord. */
export async function openPromptWorld(start: string): Promise<PromptWorld> {
	const file = join(mkdtempSync(join(tmpdir(), 'hearth-prompts-')), 'hearth.sqlite');
	const clock = new ManualClock(start);
	const discord = new ThreadCountingDiscord();
	const build = async () => {
		const store = await Store.open(`sqlite://${file}`);
		const services = createServices({ store, clock, logger: silentLogger(), discord, version: 'test', seed: 'prompts-test' });
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
		async runUntil(iso, stepMinutes = 1) {
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
	} as PromptWorld;
}
