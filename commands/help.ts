import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { renderHelp } from '../src/discord/render-help.js';
import { commands } from './index.js';

export default {
	data: new SlashCommandBuilder()
		.setName('help')
		.setDescription('What Hearth does and the commands you can use')
		.setContexts(InteractionContextType.Guild)
		.toJSON(),
	async execute(interaction, services) {
		await respond(interaction, renderHelp(commands, services.strings));
	},
} satisfies Command;
