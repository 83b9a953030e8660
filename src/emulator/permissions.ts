import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { ALL_PERMISSIONS } from './world.js';
import type { ChannelRecord, GuildRecord, World } from './world.js';

export const P = PermissionFlagsBits;

/** What @everyone may do in a new emulated guild: roughly what Discord gives @everyone in a fresh server. */
export const DEFAULT_EVERYONE_PERMISSIONS =
	P.CreateInstantInvite |
	P.AddReactions |
	P.Stream |
	P.ViewChannel |
	P.SendMessages |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.UseExternalEmojis |
	P.Connect |
	P.Speak |
	P.UseVAD |
	P.ChangeNickname |
	P.UseApplicationCommands |
	P.CreatePublicThreads |
	P.CreatePrivateThreads |
	P.UseExternalStickers |
	P.SendMessagesInThreads |
	P.SendVoiceMessages |
	P.SendPolls |
	P.UseExternalApps;

/** What the bot's managed role gets when it joins: the permissions Hearth asks for in its invite link. */
export const DEFAULT_BOT_PERMISSIONS =
	P.ViewChannel |
	P.SendMessages |
	P.SendMessagesInThreads |
	P.CreatePublicThreads |
	P.CreatePrivateThreads |
	P.ManageThreads |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.AddReactions |
	P.ManageRoles |
	P.UseApplicationCommands;

/** Permissions that only make sense where messages can be sent; Discord drops them when Send Messages is denied. */
const TEXT_DEPENDENT = P.MentionEveryone | P.SendTTSMessages | P.AttachFiles | P.EmbedLinks;

/** Guild-wide permissions of a member (Discord's compute_base_permissions). */
export function basePermissions(guild: GuildRecord, userId: string): bigint {
	if (guild.ownerId === userId) return ALL_PERMISSIONS;
	const member = guild.members.get(userId);
	if (!member) return 0n;
	let perms = guild.roles.get(guild.everyoneRoleId)?.permissions ?? 0n;
	for (const roleId of member.roles) perms |= guild.roles.get(roleId)?.permissions ?? 0n;
	if ((perms & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
	return perms;
}

/**
 * A member's permissions in a channel (Discord's compute_overwrites): @everyone overwrite, then all role
 * overwrites together, then the member's own; threads use their parent's overwrites.
 */
export function channelPermissions(world: World, channel: ChannelRecord, userId: string): bigint {
	if (channel.type === ChannelType.DM) return dmPermissions();
	const guild = channel.guildId ? world.guild(channel.guildId) : undefined;
	if (!guild) return 0n;
	const base = basePermissions(guild, userId);
	// Owners and administrators bypass every overwrite.
	if ((base & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
	const member = guild.members.get(userId);
	if (!member) return 0n;
	const source = world.permissionChannel(channel);
	let perms = base;
	const everyone = source.overwrites.find((o) => o.id === guild.everyoneRoleId);
	if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
	let allow = 0n;
	let deny = 0n;
	for (const o of source.overwrites) {
		if (o.type === 0 && o.id !== guild.everyoneRoleId && member.roles.includes(o.id)) {
			allow |= o.allow;
			deny |= o.deny;
		}
	}
	perms = (perms & ~deny) | allow;
	const own = source.overwrites.find((o) => o.type === 1 && o.id === userId);
	if (own) perms = (perms & ~own.deny) | own.allow;
	if ((perms & P.ViewChannel) === 0n) return 0n;
	// In a thread, what counts for the text-dependent permissions is being able to send in the thread.
	const send = channel.thread ? P.SendMessagesInThreads : P.SendMessages;
	if (source.type !== ChannelType.GuildVoice && source.type !== ChannelType.GuildCategory && (perms & send) === 0n) {
		perms &= ~TEXT_DEPENDENT;
	}
	return perms;
}

/** What anyone may do in a DM with the bot. */
export function dmPermissions(): bigint {
	return (
		P.ViewChannel |
		P.SendMessages |
		P.EmbedLinks |
		P.AttachFiles |
		P.ReadMessageHistory |
		P.AddReactions |
		P.UseExternalEmojis |
		P.UseApplicationCommands |
		P.UseExternalStickers |
		P.SendVoiceMessages |
		P.SendPolls |
		P.UseExternalApps
	);
}

export function has(perms: bigint, flag: bigint): boolean {
	return (perms & flag) === flag;
}

/** Names of the set bits, for readable journal entries and error messages. */
export function permissionNames(perms: bigint): string[] {
	const names: string[] = [];
	for (const [name, bit] of Object.entries(PermissionFlagsBits)) {
		if ((perms & bit) === bit) names.push(name);
	}
	return names;
}
