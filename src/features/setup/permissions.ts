import type { DiscordPort, PermissionName } from '../../core/discord-port.js';
import type { Strings } from '../../strings/index.js';

/** What Hearth does in a channel an admin picks, and so what it needs there. */
export type ChannelUse = 'prompts' | 'pairing' | 'challenge' | 'log';

/**
 * Permissions per use. Prompts open a public thread under each question; pairings meet in private threads; the
 * challenge posts daily with a public thread for check-ins; the admin log only receives messages and embeds.
 */
export const CHANNEL_NEEDS: Readonly<Record<ChannelUse, readonly PermissionName[]>> = {
	prompts: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'CreatePublicThreads', 'SendMessagesInThreads'],
	pairing: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'CreatePrivateThreads', 'SendMessagesInThreads'],
	challenge: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'CreatePublicThreads', 'SendMessagesInThreads'],
	log: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
};

export interface ChannelCheck {
	channelId: string;
	/** The channel's name when known (select menus resolve it); shown as #name. */
	name?: string | null;
	needs: readonly PermissionName[];
}

export interface RoleCheck {
	roleId: string;
	name?: string | null;
}

export type AccessProblem =
	| { kind: 'channel'; channelId: string; name: string | null; missing: PermissionName[] }
	| { kind: 'role'; roleId: string; name: string | null; reason: 'missing_permission' | 'role_too_high' | 'unknown_role' | 'managed_role' };

/**
 * What the bot lacks for the chosen channels and roles, one problem per channel or role, in the order given.
 * Channels picked for several uses are checked once with every permission their uses need.
 */
export async function findAccessProblems(
	discord: DiscordPort,
	guildId: string,
	checks: { channels: readonly ChannelCheck[]; roles?: readonly RoleCheck[] },
): Promise<AccessProblem[]> {
	const merged = new Map<string, { name: string | null; needs: Set<PermissionName> }>();
	for (const check of checks.channels) {
		const entry = merged.get(check.channelId) ?? { name: check.name ?? null, needs: new Set<PermissionName>() };
		for (const permission of check.needs) entry.needs.add(permission);
		entry.name ??= check.name ?? null;
		merged.set(check.channelId, entry);
	}
	const problems: AccessProblem[] = [];
	for (const [channelId, { name, needs }] of merged) {
		const missing = await discord.missingPermissions(guildId, channelId, [...needs]);
		if (missing.length > 0) problems.push({ kind: 'channel', channelId, name, missing: orderLikeDiscord(missing) });
	}
	const seenRoles = new Set<string>();
	for (const role of checks.roles ?? []) {
		if (seenRoles.has(role.roleId)) continue;
		seenRoles.add(role.roleId);
		const result = await discord.canAssignRole(guildId, role.roleId);
		if (!result.ok) problems.push({ kind: 'role', roleId: role.roleId, name: role.name ?? null, reason: result.reason });
	}
	return problems;
}

/** Permission order as Discord's settings list them, so messages read the same way as the screen the admin opens. */
const DISCORD_ORDER: readonly PermissionName[] = [
	'ViewChannel',
	'ManageRoles',
	'MentionEveryone',
	'SendMessages',
	'SendMessagesInThreads',
	'CreatePublicThreads',
	'CreatePrivateThreads',
	'EmbedLinks',
	'ManageMessages',
	'PinMessages',
];

function orderLikeDiscord(names: readonly PermissionName[]): PermissionName[] {
	return [...new Set(names)].sort((a, b) => DISCORD_ORDER.indexOf(a) - DISCORD_ORDER.indexOf(b));
}

/** "#pairs" when the name is known, else a channel mention (Discord shows it as the channel's name). */
export function channelLabel(channelId: string, name: string | null | undefined): string {
	return name ? `#${name}` : `<#${channelId}>`;
}

export function roleLabel(roleId: string, name: string | null | undefined): string {
	return name ? `@${name}` : `<@&${roleId}>`;
}

/** "Hearth needs Create Private Threads in #pairs." — names exactly what is missing, and where. */
export function describeAccessProblem(strings: Strings, problem: AccessProblem): string {
	const words = strings.setup.access;
	if (problem.kind === 'channel') {
		const permissions = problem.missing.map((p) => strings.setup.permissionNames[p]);
		return words.channelMissing(listWords(permissions, strings.setup.and), channelLabel(problem.channelId, problem.name));
	}
	const role = roleLabel(problem.roleId, problem.name);
	switch (problem.reason) {
		case 'missing_permission':
			return words.roleNeedsManageRoles(role);
		case 'role_too_high':
			return words.roleTooHigh(role);
		case 'managed_role':
			return words.roleManaged(role);
		case 'unknown_role':
			return words.roleUnknown(role);
	}
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[], and: string): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
