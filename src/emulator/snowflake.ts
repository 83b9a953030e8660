/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from here. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes realistic snowflakes: 42 bits of time since the Discord epoch, then worker, process and increment,
 * so `DiscordSnowflake.timestampFrom(id)` in discord.js gives back the creation time.
 */
export class SnowflakeFactory {
	#increment = 0n;
	readonly #worker: bigint;
	readonly #process: bigint;

	constructor(worker = 1, processId = 0) {
		this.#worker = BigInt(worker & 0x1f);
		this.#process = BigInt(processId & 0x1f);
	}

	next(at: number = Date.now()): string {
		const increment = this.#increment;
		this.#increment = (this.#increment + 1n) & 0xfffn;
		const id = ((BigInt(at) - DISCORD_EPOCH) << 22n) | (this.#worker << 17n) | (this.#process << 12n) | increment;
		return id.toString();
	}
}

/** The creation time (ms since the Unix epoch) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
	return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function isSnowflake(value: unknown): value is string {
	return typeof value === 'string' && /^\d{15,21}$/.test(value);
}
