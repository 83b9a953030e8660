import { DiscordFailure, type ChannelInfo } from '../../src/core/discord-port.js';
import { FakeDiscord } from '../fakes/discord-port.js';
import { openWorld, type World } from '../fakes/world.js';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';
export const ADMIN = '200000000000000001';
export const CHANNEL = '300000000000000001';
export const OTHER_CHANNEL = '300000000000000002';
export const LOG_CHANNEL = '300000000000000009';
export const ROLE = '400000000000000001';
export const member = (n: number) => String(500000000000000000n + BigInt(n));

/** The fake Discord, plus what /prompt history reads: the number of messages in each thread. */
export class ThreadCountingDiscord extends FakeDiscord {
	answers = new Map<string, number>();
	pinCalls: string[] = [];
	constructor() {
		super();
		const base = this.pin.bind(this);
		this.pin = async (channelId, messageId) => {
			this.pinCalls.push(`${channelId}/${messageId}`);
			if (this.missing.get(channelId)?.includes('PinMessages')) throw new DiscordFailure('missing_permissions', 'Missing Permissions', 50013, 403);
			await base(channelId, messageId);
		};
	}
	override async fetchChannel(channelId: string): Promise<ChannelInfo | null> {
		const info = await super.fetchChannel(channelId);
		return info && { ...info, messageCount: this.answers.get(channelId) ?? 0 };
	}
	/** Prompt posts (embeds with a question) in a channel, oldest first. */
	promptsIn(channelId: string) {
		return this.sent.filter((m) => m.channelId === channelId && m.message.embeds?.[0]?.author?.name === 'A question for all of us');
	}
}

export type PromptWorld = World<ThreadCountingDiscord>;

/** Real sqlite in a temp dir, real services and scheduler (every feature's providers), a fake Discord; runUntil steps a minute by default. */
export function openPromptWorld(start: string): Promise<PromptWorld> {
	return openWorld({ start, discord: new ThreadCountingDiscord(), seed: 'prompts-test', defaultStepMinutes: 1 });
}
