import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { renderAbout } from '../src/discord/render-help.js';

export default {
	data: new SlashCommandBuilder()
		.setName('about')
		.setDescription('Hearth\'s version, uptime and storage')
		.setContexts(InteractionContextType.Guild)
		.toJSON(),
	async execute(interaction, services) {
		await respond(
			interaction,
			renderAbout(services.strings, {
				version: services.version,
				uptimeMs: services.clock.now().getTime() - services.startedAt.getTime(),
				backend: services.store.backend,
				guildCount: interaction.client.guilds.cache.size,
			}),
		);
	},
} satisfies Command;
