import type { Store } from '../../store/index.js';
import { ChallengeRecord, challengeKeys, type Challenge } from './records.js';

/**
 * The challenges of every guild, kept in memory: the scheduler asks for them every minute and each check-in needs
 * its challenge, so they are read from the store once per guild and kept up to date by the feature's own writes.
 */
export class ChallengeBook {
	readonly #guilds = new Map<string, Map<string, Challenge>>();
	readonly #loading = new Map<string, Promise<Map<string, Challenge>>>();
	#everything: Promise<void> | undefined;

	constructor(private readonly store: Store) {}

	/** The guild's challenges (archived ones included), read from the store the first time. */
	async ofGuild(guildId: string): Promise<Challenge[]> {
		return [...(await this.#guild(guildId)).values()];
	}

	async get(guildId: string, id: string): Promise<Challenge | undefined> {
		return (await this.#guild(guildId)).get(id);
	}

	/** Every guild's challenges; the first call scans the store once. */
	async all(): Promise<Challenge[]> {
		this.#everything ??= (async () => {
			const found = new Map<string, Map<string, Challenge>>();
			for (const [, challenge] of await this.store.entries(ChallengeRecord, 'g:')) {
				let guild = found.get(challenge.guildId);
				if (!guild) found.set(challenge.guildId, (guild = new Map()));
				guild.set(challenge.id, challenge);
			}
			// A guild read on its own meanwhile is at least as fresh as this scan.
			for (const [guildId, challenges] of found) if (!this.#guilds.has(guildId)) this.#guilds.set(guildId, challenges);
		})();
		try {
			await this.#everything;
		} catch (error) {
			this.#everything = undefined;
			throw error;
		}
		return [...this.#guilds.values()].flatMap((guild) => [...guild.values()]);
	}

	/** Call after every write of a challenge record (the guild is loaded first by the writer). */
	remember(challenge: Challenge): void {
		this.#guilds.get(challenge.guildId)?.set(challenge.id, challenge);
	}

	/** The challenge's record is gone (its guild's data was deleted). */
	forget(guildId: string, id: string): void {
		this.#guilds.get(guildId)?.delete(id);
	}

	async #guild(guildId: string): Promise<Map<string, Challenge>> {
		const known = this.#guilds.get(guildId);
		if (known) return known;
		let loading = this.#loading.get(guildId);
		if (!loading) {
			loading = (async () => {
				const entries = await this.store.entries(ChallengeRecord, challengeKeys.challengesPrefix(guildId));
				const map = new Map(entries.map(([, c]) => [c.id, c] as const));
				const raced = this.#guilds.get(guildId);
				if (raced) return raced;
				this.#guilds.set(guildId, map);
				return map;
			})();
			this.#loading.set(guildId, loading);
			void loading.finally(() => this.#loading.delete(guildId)).catch(() => undefined);
		}
		return loading;
	}
}
