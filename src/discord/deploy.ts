import { REST, Routes, type APIApplication, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { Command } from './command.js';

/**
 * Bulk-overwrites Hearth's slash commands: to one guild when `guildId` is given (instant, for development), else
 * globally. Run by `npm run deploy-commands`, never on every start.
 */
export async function deployCommands(options: {
	token: string;
	commands: readonly Command[];
	applicationId?: string | undefined;
	guildId?: string | undefined;
	apiUrl?: string | undefined;
}): Promise<{ count: number; scope: string }> {
	const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
	const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
	const body = options.commands.map((command) => command.data);
	const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId);
	const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
	return { count: result.length, scope: options.guildId ? `guild ${options.guildId}` : 'global' };
}
