import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

function errorOf(env: Record<string, string | undefined>, requireToken = false): string {
	try {
		parseConfig(env, { requireToken });
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('expected a configuration error');
}

describe('configuration', () => {
	it('defaults to the embedded sqlite store and info logs', () => {
		const config = parseConfig({ DISCORD_TOKEN: TOKEN });
		expect(config.databaseUrl).toBe('sqlite://data/hearth.sqlite');
		expect(config.logLevel).toBe('info');
		expect(config.apiUrl).toBeUndefined();
		expect(config.devGuildId).toBeUndefined();
	});

	it('treats empty values from .env as unset', () => {
		const config = parseConfig({ DISCORD_TOKEN: TOKEN, DATABASE_URL: '', DEV_GUILD_ID: '', LOG_LEVEL: '' });
		expect(config.databaseUrl).toBe('sqlite://data/hearth.sqlite');
		expect(config.devGuildId).toBeUndefined();
	});

	it('reads every variable', () => {
		const config = parseConfig({
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: '123456789012345678',
			DATABASE_URL: 'redis://127.0.0.1:6379',
			DISCORD_API_URL: 'http://127.0.0.1:8080/api',
			DEV_GUILD_ID: '223456789012345678',
			LOG_LEVEL: 'debug',
		});
		expect(config).toEqual({
			token: TOKEN,
			applicationId: '123456789012345678',
			databaseUrl: 'redis://127.0.0.1:6379',
			apiUrl: 'http://127.0.0.1:8080/api',
			devGuildId: '223456789012345678',
			logLevel: 'debug',
		});
	});

	it('names a missing token and how to fix it', () => {
		expect(errorOf({}, true)).toMatch(/^DISCORD_TOKEN is not set: .*\.env/);
	});

	it.each([
		[{ DISCORD_TOKEN: 'short' }, /^DISCORD_TOKEN looks too short/],
		[{ DISCORD_TOKEN: `${TOKEN} ` }, /^DISCORD_TOKEN has characters/],
		[{ DISCORD_APPLICATION_ID: 'my-app' }, /^DISCORD_APPLICATION_ID must be a Discord id/],
		[{ DEV_GUILD_ID: '12' }, /^DEV_GUILD_ID must be a Discord id/],
		[{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with sqlite:\/\//],
		[{ DISCORD_API_URL: 'not a url' }, /^DISCORD_API_URL must be a full URL/],
		[{ DISCORD_API_URL: 'localhost:8080' }, /^DISCORD_API_URL must start with http/],
		[{ DISCORD_API_URL: 'ftp://127.0.0.1/api' }, /^DISCORD_API_URL must start with http/],
		[{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
	])('rejects %o with a message naming the variable', (env, message) => {
		expect(errorOf(env)).toMatch(message);
	});

	it('never puts the token in an error message', () => {
		const bad = `${TOKEN}!`;
		expect(errorOf({ DISCORD_TOKEN: bad })).not.toContain(bad.slice(0, 20));
	});
});
