import { startBot } from './bot.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { createLogger } from './log.js';

loadDotEnv();
let config;
try {
	config = parseConfig(process.env, { requireToken: true });
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	console.error(`Hearth cannot start: ${error.message}`);
	process.exit(1);
}

const logger = createLogger(config.logLevel, config.token);
try {
	const bot = await startBot({ config, logger });
	let signalled = false;
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => {
			if (signalled) return;
			signalled = true;
			logger.info({ signal }, 'shutting down');
			void bot.stop().then(() => process.exit(0));
		});
	}
} catch (error) {
	const message = (error as Error).message ?? String(error);
	logger.fatal({ err: error }, 'Hearth could not start');
	console.error(
		/token/i.test(message) || (error as { code?: string }).code === 'TokenInvalid'
			? 'Hearth cannot start: Discord refused DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token).'
			: `Hearth cannot start: ${message}`,
	);
	process.exit(1);
}
