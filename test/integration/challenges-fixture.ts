import type { DiscordPort } from '../../src/core/discord-port.js';
import { FakeDiscord } from '../fakes/discord-port.js';
import { openWorld as openBaseWorld, type World as BaseWorld } from '../fakes/world.js';

export const GUILD = '100000000000000001';
export const ADMIN = '200000000000000001';
export const CHANNEL = '300000000000000001';
export const LOG_CHANNEL = '300000000000000002';
export const ROLE = '400000000000000001';
export const MILESTONE_ROLE = '400000000000000002';
export const member = (n: number) => String(500000000000000000n + BigInt(n));

/** A FakeDiscord whose role checks can be told to fail, like a role placed above the bot's. */
export class RoleAwareDiscord extends FakeDiscord {
	roleProblems = new Map<string, 'missing_permission' | 'role_too_high' | 'unknown_role' | 'managed_role'>();
	constructor() {
		super();
		// The base fake can only say yes; this one answers from roleProblems.
		(this as unknown as DiscordPort).canAssignRole = async (_guildId, roleId) => {
			const reason = this.roleProblems.get(roleId);
			return reason ? { ok: false, reason } : { ok: true };
		};
	}
}

export type World = BaseWorld<RoleAwareDiscord>;

/** Real sqlite in a temp dir, real services and scheduler, a fake Discord; runUntil steps 15 minutes by default. */
export function openWorld(start: string, options: { file?: string } = {}): Promise<World> {
	return openBaseWorld({ start, discord: new RoleAwareDiscord(), seed: 'test', defaultStepMinutes: 15, ...options });
}
