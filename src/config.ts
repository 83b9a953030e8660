import { z } from 'zod';
import { LOG_LEVELS } from './log.js';

const snowflake = (name: string) =>
	z.string().regex(/^\d{17,20}$/, `${name} must be a Discord id (17 to 20 digits): enable Developer Mode in Discord, right-click, Copy ID`);

const optional = (schema: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The environment Hearth reads, parsed once at start-up. */
export const EnvSchema = z.object({
	DISCORD_TOKEN: optional(
		z
			.string()
			.min(50, 'DISCORD_TOKEN looks too short: copy the bot token from the Developer Portal (Bot → Reset Token)')
			.regex(/^[\w.-]+$/, 'DISCORD_TOKEN has characters a bot token never has: copy it again without quotes or spaces'),
	),
	DISCORD_APPLICATION_ID: optional(snowflake('DISCORD_APPLICATION_ID')),
	DATABASE_URL: z
		.preprocess(
			(v) => (v === '' || v === undefined ? 'sqlite://data/hearth.sqlite' : v),
			z
				.string()
				.regex(
					/^(sqlite:\/\/.+|redis:\/\/.+|rediss:\/\/.+|postgres:\/\/.+|postgresql:\/\/.+|memory:\/\/)$/,
					'DATABASE_URL must start with sqlite://, redis:// or postgres:// (for example sqlite://data/hearth.sqlite)',
				),
		),
	DISCORD_API_URL: optional(
		z
			.string()
			.url('DISCORD_API_URL must be a full URL such as http://127.0.0.1:8080/api, or left unset to use Discord')
			.refine((v) => /^https?:\/\//.test(v), 'DISCORD_API_URL must start with http:// or https://'),
	),
	DEV_GUILD_ID: optional(snowflake('DEV_GUILD_ID')),
	LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })),
});

export interface Config {
	token: string | undefined;
	applicationId: string | undefined;
	databaseUrl: string;
	apiUrl: string | undefined;
	devGuildId: string | undefined;
	logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one plain line naming the variable and the fix. */
export function parseConfig(env: Record<string, string | undefined>, options: { requireToken?: boolean } = {}): Config {
	const parsed = EnvSchema.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const variable = String(issue.path[0] ?? 'environment');
		// zod messages above already name the variable; the generic ones (wrong type) get it prefixed.
		const message = issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
		throw new ConfigError(message);
	}
	const data = parsed.data;
	if (options.requireToken && !data.DISCORD_TOKEN) {
		throw new ConfigError('DISCORD_TOKEN is not set: put your bot token in .env (see .env.example), or run `npm run demo` to try Hearth offline');
	}
	return {
		token: data.DISCORD_TOKEN as string | undefined,
		applicationId: data.DISCORD_APPLICATION_ID as string | undefined,
		databaseUrl: data.DATABASE_URL,
		apiUrl: data.DISCORD_API_URL as string | undefined,
		devGuildId: data.DEV_GUILD_ID as string | undefined,
		logLevel: data.LOG_LEVEL,
	};
}

/** Loads `.env` when present (real environment variables win), for `npm start` and the deploy script. */
export function loadDotEnv(path = '.env'): void {
	try {
		process.loadEnvFile(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
}
