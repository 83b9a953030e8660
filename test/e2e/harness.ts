import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import { startBot, type Bot } from '../../src/bot.js';
import type { Config } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { DiscordEmulator } from '../../src/emulator/index.js';
import { silentLogger } from '../../src/log.js';
import { Store } from '../../src/store/index.js';

export interface Harness {
	emu: DiscordEmulator;
	bot: Bot;
	clock: ManualClock;
	store: Store;
	guildId: string;
	/** #general, where commands are run by default. */
	channelId: string;
	/** A member with Manage Server. */
	adminId: string;
	/** Five ordinary members. */
	memberIds: string[];
	config: Config;
	/** Runs a slash command as `userId` (default: the admin) in #general. */
	command(input: CommandInput): ReturnType<DiscordEmulator['runSlashCommand']>;
	/** Moves the clock forward and runs the scheduler tick minute by minute (at most `minutes` ticks). */
	advance(minutes: number, options?: { tickEvery?: number }): Promise<void>;
	/** Restarts the bot on the same store file and emulator (a process restart). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export interface CommandInput {
	name: string;
	userId?: string;
	channelId?: string;
	subcommand?: string;
	subcommandGroup?: string;
	options?: Record<string, string | number | boolean>;
}

/**
 * The real bot, connected over loopback to the emulator, on a real sqlite file, with a manual clock.
 * Commands are deployed to the test guild the way `npm run deploy-commands` does.
 */
export async function startHarness(options: { start?: string; storeUrl?: string; seed?: string } = {}): Promise<Harness> {
	const emu = await DiscordEmulator.start({ interactionTimeoutMs: 3000 });
	const guild = emu.createGuild({ name: 'Hearth Test Community' });
	const general = emu.createChannel(guild.id, { name: 'general' });
	const admin = emu.createMember(guild.id, { username: 'ada-admin', admin: true });
	const members = ['bea', 'cal', 'dev', 'eli', 'fay'].map((username) => emu.createMember(guild.id, { username }));
	const clock = new ManualClock(options.start ?? '2026-11-23T08:00:00Z');
	const storeUrl = options.storeUrl ?? `sqlite://${join(mkdtempSync(join(tmpdir(), 'hearth-e2e-')), 'hearth.sqlite')}`;
	const config: Config = {
		token: emu.token,
		applicationId: emu.applicationId,
		databaseUrl: storeUrl,
		apiUrl: emu.apiUrl,
		devGuildId: guild.id,
		logLevel: 'silent',
	};
	await deployCommands({ token: emu.token, commands, applicationId: emu.applicationId, guildId: guild.id, apiUrl: emu.apiUrl });

	const boot = async () => {
		const store = await Store.open(storeUrl);
		const bot = await startBot({ config, clock, logger: silentLogger(), store, tick: false, seed: options.seed ?? 'e2e' });
		return { store, bot };
	};
	let { store, bot } = await boot();

	const harness: Harness = {
		emu,
		get bot() {
			return bot;
		},
		get store() {
			return store;
		},
		clock,
		guildId: guild.id,
		channelId: general.id,
		adminId: admin.id,
		memberIds: members.map((m) => m.id),
		config,
		command(input) {
			return emu.runSlashCommand({
				guildId: guild.id,
				channelId: input.channelId ?? general.id,
				userId: input.userId ?? admin.id,
				name: input.name,
				...(input.subcommand ? { subcommand: input.subcommand } : {}),
				...(input.subcommandGroup ? { subcommandGroup: input.subcommandGroup } : {}),
				...(input.options ? { options: input.options } : {}),
			});
		},
		async advance(minutes, { tickEvery = 1 } = {}) {
			for (let done = 0; done < minutes; done += tickEvery) {
				clock.advanceMinutes(Math.min(tickEvery, minutes - done));
				await bot.tick();
			}
		},
		async restart() {
			await bot.stop();
			({ store, bot } = await boot());
		},
		async stop() {
			await bot.stop();
			await emu.stop();
		},
	} as Harness;
	return harness;
}
