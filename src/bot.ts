import { readFileSync } from 'node:fs';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { commands as defaultCommands } from '../commands/index.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Command } from './discord/command.js';
import { DiscordActions } from './discord/actions.js';
import { GuildLifecycle } from './features/guild/lifecycle.js';
import { createInteractionRouter, type InteractionRouter } from './discord/router.js';
import { createLogger, type Logger } from './log.js';
import { createStoreRunLedger } from './scheduler/ledger.js';
import { Scheduler, type TickReport } from './scheduler/scheduler.js';
import { createServices, type Services } from './services.js';
import { Store } from './store/index.js';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Bot {
	client: Client<true>;
	services: Services;
	scheduler: Scheduler;
	router: InteractionRouter;
	/** Runs one scheduler tick now (tests and the demo drive time through this and a ManualClock). */
	tick(now?: Date): Promise<TickReport>;
	stop(): Promise<void>;
}

export interface StartOptions {
	config: Config;
	clock?: Clock;
	logger?: Logger;
	store?: Store;
	commands?: readonly Command[];
	/** Start the real-time minute tick (default true). Tests pass false and call `bot.tick()`. */
	tick?: boolean;
	seed?: string;
	/** How long shutdown waits for in-flight interactions and scheduled work. */
	shutdownGraceMs?: number;
}

/** Starts Hearth: store, services, discord.js client (Guilds intent only), router and scheduler. */
export async function startBot(options: StartOptions): Promise<Bot> {
	const { config } = options;
	if (!config.token) throw new Error('DISCORD_TOKEN is required to connect');
	const logger = options.logger ?? createLogger(config.logLevel, config.token);
	const clock = options.clock ?? systemClock;
	const store = options.store ?? (await Store.open(config.databaseUrl, logger));
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
	});
	const discord = new DiscordActions(client);
	const services = createServices({ store, clock, logger, discord, version: VERSION, ...(options.seed ? { seed: options.seed } : {}) });
	const router = createInteractionRouter(options.commands ?? defaultCommands, services);
	const scheduler = new Scheduler({ ledger: createStoreRunLedger(store), clock, logger });
	for (const feature of services.features) for (const provider of feature.providers) scheduler.register(provider);
	// Servers joining and leaving, the weekly summary to admins and the daily cleanup of servers left long ago.
	const lifecycle = new GuildLifecycle(services);
	for (const provider of lifecycle.providers) scheduler.register(provider);
	scheduler.holdGuilds((guildId) => lifecycle.hasLeft(guildId));

	const onInteraction = (interaction: Interaction) => void router.handle(interaction);
	client.on(Events.InteractionCreate, onInteraction);
	client.on(Events.GuildCreate, (guild) => void lifecycle.joined(guild.id).catch((error: unknown) => logger.error({ err: error, guildId: guild.id }, 'guild join bookkeeping failed')));
	// discord.js emits GuildDelete only for a real removal; an outage (`unavailable`) is GuildUnavailable instead.
	client.on(Events.GuildDelete, (guild) => void lifecycle.left(guild.id).catch((error: unknown) => logger.error({ err: error, guildId: guild.id }, 'guild leave bookkeeping failed')));
	client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
	client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));
	client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));

	const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
	try {
		await client.login(config.token);
	} catch (error) {
		await client.destroy();
		await store.close();
		throw error;
	}
	const readyClient = await ready;
	logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, store: store.backend }, 'Hearth is ready');
	await lifecycle.reconcile([...readyClient.guilds.cache.keys()]).catch((error: unknown) => logger.error({ err: error }, 'could not reconcile the servers Hearth is in'));
	if (options.tick !== false) scheduler.start();

	let stopping: Promise<void> | undefined;
	return {
		client: readyClient,
		services,
		scheduler,
		router,
		tick: (now) => scheduler.tick(now ?? clock.now()),
		stop() {
			stopping ??= (async () => {
				client.off(Events.InteractionCreate, onInteraction);
				const grace = options.shutdownGraceMs ?? 10_000;
				const drained = Promise.all([scheduler.stop(), router.idle()]);
				const timedOut = await Promise.race([drained.then(() => false), delay(grace).then(() => true)]);
				if (timedOut) logger.warn({ graceMs: grace }, 'shutdown grace period over; closing anyway');
				await client.destroy();
				await store.close();
				logger.info('Hearth stopped');
			})();
			return stopping;
		},
	};
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
