import {
	MessageFlags,
	type AttachmentPayload,
	type InteractionEditReplyOptions,
	type InteractionReplyOptions,
	type RepliableInteraction,
} from 'discord.js';
import type { OutgoingMessage } from '../core/discord-port.js';

export type Reply = OutgoingMessage & { files?: AttachmentPayload[] };

/**
 * Answers an interaction whatever state it is in: the first answer, the edit of a deferred one, or a follow-up.
 * Private (ephemeral) unless `visibility` is 'public'. Mentions are off unless the message says otherwise.
 */
export async function respond(interaction: RepliableInteraction, message: Reply | string, visibility: 'private' | 'public' = 'private'): Promise<void> {
	const payload: Reply = typeof message === 'string' ? { content: message } : message;
	const base = {
		content: payload.content ?? '',
		embeds: payload.embeds ?? [],
		components: payload.components ?? [],
		files: payload.files ?? [],
		allowedMentions: payload.allowed_mentions ? toAllowedMentions(payload.allowed_mentions) : { parse: [] },
	};
	if (interaction.deferred && !interaction.replied) {
		await interaction.editReply(base as InteractionEditReplyOptions);
		return;
	}
	const flags = visibility === 'private' ? MessageFlags.Ephemeral : undefined;
	if (interaction.replied) {
		await interaction.followUp({ ...base, ...(flags ? { flags } : {}) } as InteractionReplyOptions);
		return;
	}
	await interaction.reply({ ...base, ...(flags ? { flags } : {}) } as InteractionReplyOptions);
}

function toAllowedMentions(mentions: NonNullable<OutgoingMessage['allowed_mentions']>) {
	return {
		parse: mentions.parse ?? [],
		...(mentions.users ? { users: mentions.users } : {}),
		...(mentions.roles ? { roles: mentions.roles } : {}),
	} as { parse: Array<'users' | 'roles' | 'everyone'>; users?: string[]; roles?: string[] };
}
