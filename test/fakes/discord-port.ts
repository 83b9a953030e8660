import {
	DiscordFailure,
	type ChannelInfo,
	type DiscordPort,
	type MemberInfo,
	type OutgoingMessage,
	type PermissionName,
} from '../../src/core/discord-port.js';

export interface SentMessage {
	id: string;
	channelId: string;
	message: OutgoingMessage;
}

/** A DiscordPort that records what the bot did, for unit tests of features (e2e tests use the emulator instead). */
export class FakeDiscord implements DiscordPort {
	sent: SentMessage[] = [];
	direct: Array<{ userId: string; message: OutgoingMessage }> = [];
	threads: Array<{ id: string; channelId: string; name: string; kind: string; members: string[] }> = [];
	roles: Array<{ op: 'add' | 'remove'; guildId: string; userId: string; roleId: string }> = [];
	pins: string[] = [];
	/** Members who left; fetchMember returns null for them. */
	gone = new Set<string>();
	dmsClosed = new Set<string>();
	deletedChannels = new Set<string>();
	/** Permissions the bot lacks, per channel. */
	missing = new Map<string, PermissionName[]>();
	#next = 1000;

	#id(): string {
		return String(100000000000000000n + BigInt(this.#next++));
	}

	#check(channelId: string, needed: PermissionName): void {
		if (this.deletedChannels.has(channelId)) throw new DiscordFailure('unknown_channel', 'Unknown Channel', 10003, 404);
		if (this.missing.get(channelId)?.includes(needed)) throw new DiscordFailure('missing_permissions', 'Missing Permissions', 50013, 403);
	}

	async send(channelId: string, message: OutgoingMessage) {
		this.#check(channelId, 'SendMessages');
		const sent = { id: this.#id(), channelId, message };
		this.sent.push(sent);
		return { id: sent.id, channelId };
	}
	async edit(channelId: string, messageId: string, message: OutgoingMessage) {
		this.#check(channelId, 'SendMessages');
		const found = this.sent.find((m) => m.id === messageId);
		if (!found) throw new DiscordFailure('unknown_message', 'Unknown Message', 10008, 404);
		found.message = message;
	}
	async startThread(channelId: string, options: { name: string; kind: 'public' | 'private' }) {
		this.#check(channelId, options.kind === 'private' ? 'CreatePrivateThreads' : 'CreatePublicThreads');
		const thread = { id: this.#id(), channelId, name: options.name, kind: options.kind, members: [] as string[] };
		this.threads.push(thread);
		return { id: thread.id };
	}
	async addThreadMember(threadId: string, userId: string) {
		if (this.gone.has(userId)) throw new DiscordFailure('unknown_member', 'Unknown Member', 10007, 404);
		this.threads.find((t) => t.id === threadId)?.members.push(userId);
	}
	async sendDirect(userId: string, message: OutgoingMessage) {
		if (this.dmsClosed.has(userId)) throw new DiscordFailure('cannot_dm', 'Cannot send messages to this user', 50007, 403);
		this.direct.push({ userId, message });
		return { id: this.#id(), channelId: `dm-${userId}` };
	}
	async pin(channelId: string, messageId: string) {
		this.pins.push(`${channelId}/${messageId}`);
	}
	async unpin(channelId: string, messageId: string) {
		this.pins = this.pins.filter((p) => p !== `${channelId}/${messageId}`);
	}
	async addRole(guildId: string, userId: string, roleId: string) {
		if (this.gone.has(userId)) throw new DiscordFailure('unknown_member', 'Unknown Member', 10007, 404);
		this.roles.push({ op: 'add', guildId, userId, roleId });
	}
	async removeRole(guildId: string, userId: string, roleId: string) {
		this.roles.push({ op: 'remove', guildId, userId, roleId });
	}
	async fetchMember(_guildId: string, userId: string): Promise<MemberInfo | null> {
		return this.gone.has(userId) ? null : { id: userId, displayName: `member-${userId.slice(-4)}`, roles: [] };
	}
	async fetchChannel(channelId: string): Promise<ChannelInfo | null> {
		if (this.deletedChannels.has(channelId)) return null;
		return { id: channelId, name: null, guildId: null, messageCount: 0, archived: false };
	}
	async missingPermissions(_guildId: string, channelId: string, needed: readonly PermissionName[]) {
		return needed.filter((p) => this.missing.get(channelId)?.includes(p));
	}
	async canAssignRole() {
		return { ok: true as const };
	}
}
