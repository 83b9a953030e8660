import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { ButtonStyle, type APIEmbed } from 'discord-api-types/v10';
import type { OutgoingMessage } from '../../core/discord-port.js';
import type { Strings } from '../../strings/index.js';
import { displayInterest } from './interests.js';
import type { FollowUpAnswer, PairingGroup } from './records.js';

type Words = Strings['pairing'];

const PAIRING_COLOR = 0xe8744f;

/** custom_id prefix of the follow-up buttons; the router hands these to commands/pair.ts. */
export const FOLLOW_UP_PREFIX = 'pairfu';
export const FOLLOW_UP_VERSION = 1;

/** `pairfu:v1:<round>:<group>:<answer>`, plus `:<guild>` in DMs, where the interaction carries no guild. */
export function followUpCustomId(round: number, group: number, answer: FollowUpAnswer, guildId?: string): string {
	return [FOLLOW_UP_PREFIX, `v${FOLLOW_UP_VERSION}`, round, group, answer, ...(guildId ? [guildId] : [])].join(':');
}

/** What an intro says besides who is in it. */
export interface IntroContent {
	round: number;
	everyWeeks: number;
	/** Shared interests, normalized; shown in the guild list's spelling. */
	shared: readonly string[];
	guildInterests: readonly string[];
	/** Member id → their one-line intro (members without one are left out). */
	intros: ReadonlyMap<string, string>;
	starter: string | null;
	tip: string | null;
}

function introEmbed(words: Words, members: readonly string[], content: IntroContent): APIEmbed {
	const shared = content.shared.map((s) => displayInterest(s, content.guildInterests));
	const lines = [shared.length > 0 ? words.intro.shared(members.length, shared) : words.intro.sharedNone];
	const about = members.filter((id) => content.intros.get(id)).map((id) => words.intro.about(id, content.intros.get(id)!));
	const embed = new EmbedBuilder().setColor(PAIRING_COLOR).setTitle(words.intro.title(content.everyWeeks)).setDescription(lines.join('\n'));
	if (about.length > 0) embed.addFields({ name: words.intro.aboutTitle, value: about.join('\n').slice(0, 1024) });
	if (content.starter) embed.addFields({ name: words.intro.starterTitle, value: content.starter.slice(0, 1024) });
	if (content.tip) embed.addFields({ name: words.intro.tipTitle, value: content.tip.slice(0, 1024) });
	embed.setFooter({ text: words.intro.howTo });
	return embed.toJSON();
}

/** The intro posted in a group's private thread: it mentions the group's members, and nobody else can be pinged. */
export function renderThreadIntro(words: Words, members: readonly string[], content: IntroContent): OutgoingMessage {
	return {
		content: words.intro.greeting(members),
		embeds: [introEmbed(words, members, content)],
		allowed_mentions: { parse: [], users: [...members] },
	};
}

/**
 * The intro sent by DM when the group has no thread (or `to` could not be added to it). `inThread` lists the
 * partners who do have the thread, so the member knows where the others are.
 */
export function renderDirectIntro(words: Words, to: string, members: readonly string[], content: IntroContent, inThread: readonly string[] = []): OutgoingMessage {
	const partners = members.filter((id) => id !== to);
	const lines = [words.intro.dmLead(partners), words.intro.dmWhy];
	if (inThread.length > 0) lines.push(words.intro.dmMissing(inThread));
	return {
		content: lines.join('\n'),
		embeds: [introEmbed(words, members, content)],
		// Nobody in a DM can be pinged but its reader; the partners' mentions just show their names.
		allowed_mentions: { parse: [], users: [...members] },
	};
}

function followUpButtons(words: Words, round: number, group: number, guildId?: string) {
	return new ActionRowBuilder<ButtonBuilder>()
		.addComponents(
			new ButtonBuilder().setCustomId(followUpCustomId(round, group, 'met', guildId)).setLabel(words.followUp.met).setStyle(ButtonStyle.Success),
			new ButtonBuilder().setCustomId(followUpCustomId(round, group, 'not_yet', guildId)).setLabel(words.followUp.notYet).setStyle(ButtonStyle.Secondary),
			new ButtonBuilder().setCustomId(followUpCustomId(round, group, 'skip', guildId)).setLabel(words.followUp.skip).setStyle(ButtonStyle.Secondary),
		)
		.toJSON();
}

export function renderThreadFollowUp(words: Words, group: Pick<PairingGroup, 'round' | 'index'>, members: readonly string[]): OutgoingMessage {
	return {
		content: words.followUp.content(members),
		components: [followUpButtons(words, group.round, group.index)],
		allowed_mentions: { parse: [], users: [...members] },
	};
}

export function renderDirectFollowUp(words: Words, guildId: string, group: Pick<PairingGroup, 'round' | 'index'>, to: string, members: readonly string[]): OutgoingMessage {
	return {
		content: words.followUp.dmContent(members.filter((id) => id !== to)),
		components: [followUpButtons(words, group.round, group.index, guildId)],
		allowed_mentions: { parse: [], users: [...members] },
	};
}

export function plainMessage(text: string): OutgoingMessage {
	return { content: text, allowed_mentions: { parse: [] } };
}
