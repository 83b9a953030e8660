import { commands } from '../commands/index.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { deployCommands } from './discord/deploy.js';

loadDotEnv();
try {
	const config = parseConfig(process.env, { requireToken: true });
	const { count, scope } = await deployCommands({
		token: config.token!,
		commands,
		applicationId: config.applicationId,
		guildId: config.devGuildId,
		apiUrl: config.apiUrl,
	});
	console.log(`Deployed ${count} commands (${scope}).${scope === 'global' ? ' Global commands can take a few minutes to appear.' : ''}`);
} catch (error) {
	console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Could not deploy commands: ${(error as Error).message}`);
	process.exitCode = 1;
}
