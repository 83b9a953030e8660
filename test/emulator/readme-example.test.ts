// The example from test/README.md, kept here so it cannot drift from what works.
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { DiscordEmulator } from '../../src/emulator/index.js';

it('answers /checkin privately', async () => {
	const emu = await DiscordEmulator.start({ interactionTimeoutMs: 500 });
	const guild = emu.createGuild({ name: 'Tea Garden' });
	const channel = emu.createChannel(guild.id, { name: 'general' });
	const robin = emu.createMember(guild.id, { username: 'robin' });

	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
	client.on(Events.InteractionCreate, (i) => void (i.isChatInputCommand() && i.reply({ content: 'Checked in!', flags: MessageFlags.Ephemeral })));
	const ready = once(client, Events.ClientReady);
	await client.login(emu.token);
	await ready;
	await client.application!.commands.set([{ name: 'checkin', description: 'Check in on your challenge' }], guild.id);

	const ix = await emu.runSlashCommand({ guildId: guild.id, channelId: channel.id, userId: robin.id, name: 'checkin' });
	const reply = await ix.reply();
	expect(reply).toMatchObject({ content: 'Checked in!', ephemeral: true });

	emu.assertNoUnknownRoutes();
	await client.destroy(); // destroy clients before stopping the emulator
	await emu.stop();
});
