import {
	ChannelType,
	DiscordAPIError,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	Routes,
	type APIChannel,
	type APIGuildMember,
	type APIMessage,
	type APIThreadChannel,
	type Client,
} from 'discord.js';
import {
	DiscordFailure,
	type ChannelInfo,
	type DiscordPort,
	type MemberInfo,
	type OutgoingMessage,
	type PermissionName,
} from '../core/discord-port.js';

const NO_MENTIONS: { parse: [] } = { parse: [] };

/** Translates a discord.js REST error into a DiscordFailure the features understand. */
export function toDiscordFailure(error: unknown): unknown {
	if (!(error instanceof DiscordAPIError)) return error;
	const code = typeof error.code === 'number' ? error.code : undefined;
	const kind =
		code === RESTJSONErrorCodes.MissingPermissions
			? 'missing_permissions'
			: code === RESTJSONErrorCodes.MissingAccess
				? 'missing_access'
				: code === RESTJSONErrorCodes.UnknownChannel
					? 'unknown_channel'
					: code === RESTJSONErrorCodes.UnknownMember || code === RESTJSONErrorCodes.UnknownUser
						? 'unknown_member'
						: code === RESTJSONErrorCodes.UnknownMessage
							? 'unknown_message'
							: code === RESTJSONErrorCodes.UnknownRole
								? 'unknown_role'
								: code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
									? 'cannot_dm'
									: 'other';
	return new DiscordFailure(kind, error.message, code, error.status);
}

async function translate<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toDiscordFailure(error);
	}
}

function body(message: OutgoingMessage): OutgoingMessage {
	return { ...message, allowed_mentions: message.allowed_mentions ?? NO_MENTIONS };
}

/** The DiscordPort over the real discord.js client: REST for actions, the gateway cache for permissions. */
export class DiscordActions implements DiscordPort {
	readonly #dmChannels = new Map<string, string>();

	constructor(private readonly client: Client) {}

	send(channelId: string, message: OutgoingMessage): Promise<{ id: string; channelId: string }> {
		return translate(async () => {
			const sent = (await this.client.rest.post(Routes.channelMessages(channelId), { body: body(message) })) as APIMessage;
			return { id: sent.id, channelId: sent.channel_id };
		});
	}

	edit(channelId: string, messageId: string, message: OutgoingMessage): Promise<void> {
		return translate(async () => {
			await this.client.rest.patch(Routes.channelMessage(channelId, messageId), { body: body(message) });
		});
	}

	startThread(
		channelId: string,
		options: { name: string; kind: 'public' | 'private'; messageId?: string; autoArchiveMinutes?: 60 | 1440 | 4320 | 10080; invitable?: boolean },
	): Promise<{ id: string }> {
		return translate(async () => {
			const name = options.name.slice(0, 100);
			const created = options.messageId
				? ((await this.client.rest.post(Routes.threads(channelId, options.messageId), {
						body: { name, auto_archive_duration: options.autoArchiveMinutes ?? 1440 },
					})) as APIThreadChannel)
				: ((await this.client.rest.post(Routes.threads(channelId), {
						body: {
							name,
							type: options.kind === 'private' ? ChannelType.PrivateThread : ChannelType.PublicThread,
							auto_archive_duration: options.autoArchiveMinutes ?? 10080,
							...(options.kind === 'private' ? { invitable: options.invitable ?? false } : {}),
						},
					})) as APIThreadChannel);
			return { id: created.id };
		});
	}

	addThreadMember(threadId: string, userId: string): Promise<void> {
		return translate(async () => {
			await this.client.rest.put(Routes.threadMembers(threadId, userId));
		});
	}

	sendDirect(userId: string, message: OutgoingMessage): Promise<{ id: string; channelId: string }> {
		return translate(async () => {
			let channelId = this.#dmChannels.get(userId);
			if (!channelId) {
				const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
				channelId = channel.id;
				this.#dmChannels.set(userId, channelId);
			}
			const sent = (await this.client.rest.post(Routes.channelMessages(channelId), { body: body(message) })) as APIMessage;
			return { id: sent.id, channelId };
		});
	}

	pin(channelId: string, messageId: string): Promise<void> {
		return translate(async () => {
			await this.client.rest.put(Routes.channelMessagesPin(channelId, messageId));
		});
	}

	unpin(channelId: string, messageId: string): Promise<void> {
		return translate(async () => {
			await this.client.rest.delete(Routes.channelMessagesPin(channelId, messageId));
		});
	}

	addRole(guildId: string, userId: string, roleId: string, reason?: string): Promise<void> {
		return translate(async () => {
			await this.client.rest.put(Routes.guildMemberRole(guildId, userId, roleId), reason ? { reason } : {});
		});
	}

	removeRole(guildId: string, userId: string, roleId: string, reason?: string): Promise<void> {
		return translate(async () => {
			await this.client.rest.delete(Routes.guildMemberRole(guildId, userId, roleId), reason ? { reason } : {});
		});
	}

	async fetchMember(guildId: string, userId: string): Promise<MemberInfo | null> {
		try {
			const member = (await this.client.rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
			return {
				id: userId,
				displayName: member.nick ?? member.user?.global_name ?? member.user?.username ?? userId,
				roles: member.roles,
			};
		} catch (error) {
			const failure = toDiscordFailure(error);
			if (failure instanceof DiscordFailure && (failure.kind === 'unknown_member' || failure.code === RESTJSONErrorCodes.UnknownGuild)) return null;
			throw failure;
		}
	}

	async fetchChannel(channelId: string): Promise<ChannelInfo | null> {
		try {
			const channel = (await this.client.rest.get(Routes.channel(channelId))) as APIChannel & {
				guild_id?: string;
				message_count?: number;
				thread_metadata?: { archived?: boolean };
			};
			return {
				id: channel.id,
				name: 'name' in channel ? (channel.name ?? null) : null,
				guildId: channel.guild_id ?? null,
				messageCount: channel.message_count ?? null,
				archived: channel.thread_metadata?.archived ?? null,
			};
		} catch (error) {
			const failure = toDiscordFailure(error);
			if (failure instanceof DiscordFailure && (failure.kind === 'unknown_channel' || failure.kind === 'missing_access')) return null;
			throw failure;
		}
	}

	async missingPermissions(guildId: string, channelId: string, needed: readonly PermissionName[]): Promise<PermissionName[]> {
		const guild = this.client.guilds.cache.get(guildId);
		const channel = guild?.channels.cache.get(channelId);
		const me = guild?.members.me ?? (guild ? await guild.members.fetchMe().catch(() => null) : null);
		if (!guild || !channel || !me) return [...needed];
		const permissions = channel.permissionsFor(me);
		return needed.filter((name) => !permissions?.has(PermissionFlagsBits[name], true));
	}

	async canAssignRole(
		guildId: string,
		roleId: string,
	): Promise<{ ok: true } | { ok: false; reason: 'missing_permission' | 'role_too_high' | 'unknown_role' | 'managed_role' }> {
		const guild = this.client.guilds.cache.get(guildId);
		const role = guild?.roles.cache.get(roleId);
		const me = guild?.members.me;
		if (!guild || !role || !me) return { ok: false, reason: 'unknown_role' };
		if (!me.permissions.has(PermissionFlagsBits.ManageRoles, true)) return { ok: false, reason: 'missing_permission' };
		if (role.managed) return { ok: false, reason: 'managed_role' };
		if (me.roles.highest.comparePositionTo(role) <= 0) return { ok: false, reason: 'role_too_high' };
		return { ok: true };
	}
}
