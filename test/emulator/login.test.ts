import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { connectClient, startEmulator } from './harness.js';
import type { DiscordEmulator } from '../../src/emulator/index.js';

let emu: DiscordEmulator;
afterEach(async () => {
	emu.assertNoUnknownRoutes();
	await emu.stop();
});

describe('logging in', () => {
	it('a plain client logs in, becomes ready with its guilds cached, and asked for Guilds only', async () => {
		emu = await startEmulator();
		const guild = emu.createGuild({ name: 'Tea Garden' });
		const general = emu.createChannel(guild.id, { name: 'general' });
		const started = Date.now();
		const client = await connectClient(emu);
		try {
			expect(Date.now() - started).toBeLessThan(3000);
			expect(client.user?.id).toBe(emu.botUserId);
			expect(client.application?.id).toBe(emu.applicationId);
			const cached = client.guilds.cache.get(guild.id);
			expect(cached?.name).toBe('Tea Garden');
			expect(cached?.channels.cache.get(general.id)?.name).toBe('general');
			expect(cached?.members.me?.id).toBe(emu.botUserId);
			expect(cached?.roles.everyone.id).toBe(guild.id);
			expect(emu.identifiedIntents).toBe(GatewayIntentBits.Guilds);
		} finally {
			await client.destroy();
		}
	});
});
