/**
 * Key layout. Everything about one guild starts with `g:<guildId>:`, and everything about one member of a guild
 * with `g:<guildId>:u:<userId>:`, so a guild's or a member's data can be listed, exported and deleted by prefix.
 *
 *   g:<guild>:settings                     guild-wide settings (timezone, admin log channel, admin role)
 *   g:<guild>:audit                        configuration change log
 *   g:<guild>:notices                      admin notices waiting for the next admin
 *   g:<guild>:run:<provider>:<entry>       scheduler run ledger (last occurrence run)
 *   g:<guild>:prompt:…                     prompt feature (config, rotation, history, custom questions, suggestions)
 *   g:<guild>:pair:…                       pairing feature (config, rounds)
 *   g:<guild>:challenge:<id>…              challenges
 *   g:<guild>:u:<user>:…                   one member's own records (pairing profile, blocks, check-ins, …)
 *   meta:…                                 records about the bot itself (left guilds awaiting deletion)
 */
const SNOWFLAKE = /^\d{1,25}$/;

function part(value: string, what: string): string {
	if (value.length === 0 || value.includes(':')) throw new Error(`Invalid ${what} in a store key: ${JSON.stringify(value)}`);
	return value;
}

function id(value: string, what: string): string {
	if (!SNOWFLAKE.test(value)) throw new Error(`Invalid ${what} in a store key: ${JSON.stringify(value)}`);
	return value;
}

export const keys = {
	guildPrefix: (guildId: string): string => `g:${id(guildId, 'guild id')}:`,
	memberPrefix: (guildId: string, userId: string): string => `g:${id(guildId, 'guild id')}:u:${id(userId, 'user id')}:`,
	guild: (guildId: string, ...parts: string[]): string =>
		`g:${id(guildId, 'guild id')}:${parts.map((p) => part(p, 'key part')).join(':')}`,
	member: (guildId: string, userId: string, ...parts: string[]): string =>
		`g:${id(guildId, 'guild id')}:u:${id(userId, 'user id')}:${parts.map((p) => part(p, 'key part')).join(':')}`,
	meta: (...parts: string[]): string => `meta:${parts.map((p) => part(p, 'key part')).join(':')}`,
} as const;

/** The guild a key belongs to, for logs; undefined for keys outside a guild. */
export function guildOfKey(key: string): string | undefined {
	const match = /^g:(\d+):/.exec(key);
	return match?.[1];
}
