import { channelMention, roleMention, time, userMention } from '@discordjs/builders';
import type { APIEmbed } from 'discord-api-types/v10';
import type { OutgoingMessage } from '../../core/discord-port.js';
import type { Strings } from '../../strings/index.js';
import type { Tier } from './bank.js';

/** The one place prompt messages are drawn: the public post, its private preview, and lists for admins and members. */

export const PROMPT_COLOR = 0xe8744f;

export interface PromptView {
	text: string;
	/** The theme's name as people read it. */
	themeName: string;
	tier: Tier;
	tip: string | null;
	/** Who suggested it: a member to name, 'anonymous', or nothing. */
	credit: { userId: string } | 'anonymous' | null;
	threads: boolean;
}

/** Plain APIEmbed JSON (not EmbedBuilder): a post is drawn for every due guild in a tick, and the builder's validation is slow. */
export function renderPromptEmbed(words: Strings['prompts'], view: PromptView, heading: string = words.post.heading): APIEmbed {
	const fields: NonNullable<APIEmbed['fields']> = [
		{ name: words.post.themeField, value: view.themeName, inline: true },
		{ name: words.post.depthField, value: words.post.depthValue(view.tier, words.tierHints[view.tier]), inline: true },
	];
	if (view.credit) {
		const who = view.credit === 'anonymous' ? words.post.suggestedAnonymously : userMention(view.credit.userId);
		fields.push({ name: words.post.suggestedByField, value: who, inline: true });
	}
	return {
		color: PROMPT_COLOR,
		author: { name: heading },
		description: `**${view.text}**\n\n${view.threads ? words.post.answerInThread : words.post.answerHere}`,
		fields,
		...(view.tip ? { footer: { text: words.post.tip(view.tip).slice(0, 2048) } } : {}),
	};
}

/**
 * The public post. Only a role the admins chose is ever mentioned, and allowed_mentions names exactly that role;
 * otherwise nothing in it can ping (a credited member shows as a mention inside the embed, which never notifies).
 */
export function renderPromptPost(words: Strings['prompts'], view: PromptView, mentionRoleId: string | null): OutgoingMessage {
	const embed = renderPromptEmbed(words, view);
	if (mentionRoleId) {
		return { content: words.post.roleLine(roleMention(mentionRoleId)), embeds: [embed], allowed_mentions: { parse: [], roles: [mentionRoleId] } };
	}
	return { embeds: [embed], allowed_mentions: { parse: [] } };
}

export function renderPreview(words: Strings['prompts'], view: PromptView, note: string): OutgoingMessage {
	return { content: note, embeds: [renderPromptEmbed(words, view, words.preview.heading)], allowed_mentions: { parse: [] } };
}

/** Fields of a simple list embed, cut to Discord's limits (4096 in a description). */
export function renderListEmbed(title: string, lines: readonly string[], footer?: string): APIEmbed {
	const kept: string[] = [];
	let length = 0;
	for (const line of lines) {
		if (length + line.length + 2 > 4000) break;
		kept.push(line);
		length += line.length + 2;
	}
	return {
		color: PROMPT_COLOR,
		title,
		description: kept.join('\n\n') || '—',
		...(footer ? { footer: { text: footer.slice(0, 2048) } } : {}),
	};
}

/** Shortens text for a list line. */
export function excerpt(text: string, max = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** /prompt history: recent prompts, newest first, each with its answer count and a link to its thread. */
export function renderHistory(
	words: Strings['prompts'],
	items: ReadonlyArray<{ at: Date; text: string; answers: number | null; threadId: string | null }>,
): OutgoingMessage {
	if (items.length === 0) return { content: words.history.empty, allowed_mentions: { parse: [] } };
	const lines = items.map((item) =>
		words.history.line(
			time(item.at, 'D'),
			excerpt(item.text, 150),
			item.threadId ? words.history.answers(item.answers) : words.history.noThread,
			item.threadId ? channelMention(item.threadId) : null,
		),
	);
	return { embeds: [renderListEmbed(words.history.title, lines)], allowed_mentions: { parse: [] } };
}
