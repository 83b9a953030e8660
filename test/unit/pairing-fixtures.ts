import { ManualClock } from '../../src/core/clock.js';
import type { OutgoingMessage } from '../../src/core/discord-port.js';
import { silentLogger } from '../../src/log.js';
import { createServices, type Services } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

export const GUILD = '900000000000000001';
export const ADMIN = '900000000000000002';
export const CHANNEL = '900000000000000003';
/** Member ids: 18-digit snowflakes, like Discord's. */
export const member = (n: number) => `8000000000000000${String(n).padStart(2, '0')}`;

/** A FakeDiscord that can die (like a process) after a number of intro messages, to test resuming. */
export class CrashingDiscord extends FakeDiscord {
	/** Throw a plain Error (not a Discord refusal) once this many intro messages went out; null = never. */
	crashAfter: number | null = null;
	intros = 0;
	/** Display names members have; fetchMember returns them. */

	#maybeCrash(message: OutgoingMessage): void {
		const isIntro = (message.embeds?.length ?? 0) > 0;
		if (!isIntro) return;
		if (this.crashAfter !== null && this.intros >= this.crashAfter) throw new Error('the process stopped');
		this.intros++;
	}

	override async send(channelId: string, message: OutgoingMessage) {
		this.#maybeCrash(message);
		return super.send(channelId, message);
	}

	override async sendDirect(userId: string, message: OutgoingMessage) {
		if (this.dmsClosed.has(userId)) return super.sendDirect(userId, message);
		this.#maybeCrash(message);
		return super.sendDirect(userId, message);
	}
}

export interface PairingWorld {
	services: Services;
	discord: CrashingDiscord;
	clock: ManualClock;
	store: Store;
	/** Admin notices waiting for the next admin, as text. */
	notices(): Promise<string[]>;
	/** A fresh set of services on the same store (a process restart), keeping the Discord fake. */
	restart(): void;
}

export async function pairingWorld(options: { start?: string; seed?: string; store?: Store } = {}): Promise<PairingWorld> {
	const store = options.store ?? (await Store.open('memory://'));
	const clock = new ManualClock(options.start ?? '2026-11-23T08:00:00Z');
	const discord = new CrashingDiscord();
	const build = () => createServices({ store, clock, logger: silentLogger(), discord, seed: options.seed ?? 'test-seed', version: 'test' });
	const world: PairingWorld = {
		services: build(),
		discord,
		clock,
		store,
		async notices() {
			return (await world.services.notices.takePending(GUILD)).map((n) => n.text);
		},
		restart() {
			world.services = build();
		},
	};
	return world;
}

/** Members 1..n join with the given interests (default: none). */
export async function joinMembers(world: PairingWorld, n: number, interests: (i: number) => string = () => ''): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 1; i <= n; i++) {
		const id = member(i);
		await world.services.pairing.join(GUILD, id, { interests: interests(i) || undefined, roles: [] });
		ids.push(id);
	}
	return ids;
}

/** Intro messages the fake saw: posts in threads and DMs with an embed. */
export function introsSent(discord: FakeDiscord): Array<{ to: string; message: OutgoingMessage }> {
	return [
		...discord.sent.filter((m) => (m.message.embeds?.length ?? 0) > 0).map((m) => ({ to: m.channelId, message: m.message })),
		...discord.direct.filter((m) => (m.message.embeds?.length ?? 0) > 0).map((m) => ({ to: m.userId, message: m.message })),
	];
}
