import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { DiscordEmulator, type EmulatorOptions } from '../../src/emulator/index.js';

/** A started emulator and a plain discord.js client logged in to it (intents: Guilds), torn down together. */
export interface Harness {
	emu: DiscordEmulator;
	client: Client;
	stop: () => Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<DiscordEmulator> {
	return DiscordEmulator.start({ interactionTimeoutMs: 400, ...opts });
}

/** Logs a plain Client in and resolves once discord.js emits clientReady (all GUILD_CREATEs received). */
export async function connectClient(emu: DiscordEmulator, options: Partial<ClientOptions> = {}): Promise<Client> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api: emu.apiUrl },
		...options,
	});
	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	await client.login(emu.token);
	await ready;
	return client;
}

export async function startHarness(opts: EmulatorOptions = {}, setup?: (emu: DiscordEmulator) => void): Promise<Harness> {
	const emu = await startEmulator(opts);
	setup?.(emu);
	const client = await connectClient(emu);
	return {
		emu,
		client,
		stop: async () => {
			await client.destroy();
			await emu.stop();
		},
	};
}

/** Polls `check` until it returns true (for state outside the journal, such as a handler's caught error). */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs}ms`);
		await new Promise((r) => setTimeout(r, 10));
	}
}
