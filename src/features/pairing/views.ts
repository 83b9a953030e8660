import { EmbedBuilder } from '@discordjs/builders';
import type { APIEmbed } from 'discord-api-types/v10';
import type { OutgoingMessage } from '../../core/discord-port.js';
import type { Strings } from '../../strings/index.js';
import { displayInterest } from './interests.js';
import type { pauseState } from './members.js';
import { DELETED_MEMBER, type PairingConfig, type PairingGroup, type PairingProfile, type PairingRound } from './records.js';
import type { MemberRoundEntry } from './round-records.js';
import type { RoundPlan } from './rounds.js';

/** Replies to members and admins: plain message data, rendered without discord.js, never pinging anyone. */

type Words = Strings['pairing'];
const COLOR = 0xe8744f;
const quiet = (message: Omit<OutgoingMessage, 'allowed_mentions'>): OutgoingMessage => ({ ...message, allowed_mentions: { parse: [] } });

export function interestsText(words: Words, interests: readonly string[], guildList: readonly string[]): string {
	return interests.length > 0 ? interests.map((i) => displayInterest(i, guildList)).join(', ') : words.profile.none;
}

export function renderProfile(words: Words, profile: PairingProfile, config: PairingConfig, pause: ReturnType<typeof pauseState> | null): APIEmbed {
	let status: string = words.profile.active;
	if (!profile.active) status = words.profile.left;
	else if (pause?.paused) {
		status =
			pause.why === 'rounds' ? words.profile.pausedRounds(pause.untilRound) : pause.why === 'date' ? words.profile.pausedDate(pause.untilDate) : words.profile.pausedIgnored;
	}
	return new EmbedBuilder()
		.setColor(COLOR)
		.setTitle(words.profile.title)
		.addFields(
			{ name: words.profile.interests, value: interestsText(words, profile.interests, config.interests).slice(0, 1024) },
			{ name: words.profile.intro, value: profile.intro || words.profile.noIntro },
			{ name: words.profile.status, value: status },
		)
		.setFooter({ text: words.profile.footer })
		.toJSON();
}

export function renderHistory(words: Words, entries: readonly MemberRoundEntry[], limit = 20): OutgoingMessage {
	if (entries.length === 0) return quiet({ content: words.history.empty });
	const lines = entries.slice(0, limit).map((e) => {
		const people = e.with.map((id) => (id === DELETED_MEMBER ? words.history.deletedMember : `<@${id}>`));
		return words.history.entry(e.round, new Date(e.plannedAt), words.list(people), e.answer ? words.history.answers[e.answer] : null);
	});
	if (entries.length > limit) lines.push(words.history.more(entries.length - limit));
	return quiet({ embeds: [new EmbedBuilder().setColor(COLOR).setTitle(words.history.title).setDescription(lines.join('\n').slice(0, 4000)).toJSON()] });
}

export function renderBlocks(words: Words, blocked: readonly string[]): OutgoingMessage {
	const description = blocked.length > 0 ? blocked.map((id) => `• <@${id}>`).join('\n') : words.block.listEmpty;
	return quiet({
		embeds: [new EmbedBuilder().setColor(COLOR).setTitle(words.block.listTitle).setDescription(description.slice(0, 4000)).setFooter({ text: words.block.listFooter }).toJSON()],
	});
}

/** The admins' summary of a round's start: groups, how they were introduced, who was unmatched, what failed. */
export function roundStartReport(words: Words, round: PairingRound, groups: readonly PairingGroup[]): string {
	const admin = words.admin;
	const lines = [
		admin.roundStarted({
			number: round.number,
			groups: groups.length,
			threads: groups.filter((g) => g.intro.via === 'thread').length,
			dms: groups.filter((g) => g.intro.via === 'dm').length,
			members: groups.reduce((n, g) => n + g.members.length, 0),
			unmatched: round.unmatched.length,
			repeats: round.repeats,
		}),
	];
	const skipped = admin.roundSkipped(round.skipped);
	if (skipped) lines.push(skipped);
	const failures = groups.flatMap((g) => g.intro.failures);
	if (failures.length > 0) {
		lines.push(admin.failuresTitle);
		for (const f of failures.slice(0, 10)) lines.push(admin.failure(f.userId === DELETED_MEMBER ? null : f.userId, admin.failureReasons[f.reason] ?? f.reason));
		if (failures.length > 10) lines.push(admin.moreFailures(failures.length - 10));
	}
	return lines.join('\n').slice(0, 1800);
}

export function renderPreview(words: Words, plan: RoundPlan, guildList: readonly string[], limit = 30): OutgoingMessage {
	const admin = words.admin;
	const lines: string[] = [];
	if (plan.result.groups.length === 0) lines.push(admin.previewNone);
	plan.result.groups.slice(0, limit).forEach((g, i) => {
		lines.push(admin.previewGroup(i + 1, g.members, g.shared.map((s) => displayInterest(s, guildList)), g.repeat));
	});
	if (plan.result.groups.length > limit) lines.push(admin.previewMore(plan.result.groups.length - limit));
	if (plan.result.unmatched.length > 0) lines.push(admin.previewUnmatched(plan.result.unmatched.slice(0, 30)));
	const skipped = admin.roundSkipped(plan.skipped);
	if (skipped) lines.push(skipped);
	return quiet({
		embeds: [
			new EmbedBuilder()
				.setColor(COLOR)
				.setTitle(admin.previewTitle(plan.number))
				.setDescription(lines.join('\n').slice(0, 4000))
				.setFooter({ text: admin.previewNote })
				.toJSON(),
		],
	});
}

export function renderStatus(
	words: Words,
	status: { config: PairingConfig; timezone: string; nextRoundAt: Date | null; latest: PairingRound | undefined; members: { active: number; paused: number } },
): OutgoingMessage {
	const admin = words.admin;
	const f = admin.statusFields;
	const c = status.config;
	const next = c.paused ? admin.statusPaused : !c.channelId ? admin.statusNoChannel : status.nextRoundAt ? `${admin.when(status.nextRoundAt)} (${admin.when(status.nextRoundAt, 'R')})` : admin.statusNone;
	const last = status.latest
		? admin.statusLastRound(status.latest.number, admin.roundStates[status.latest.state] ?? status.latest.state, status.latest.groupCount, new Date(status.latest.plannedAt)) +
			(status.latest.stats ? `\n${words.summary.round(status.latest.number, status.latest.stats.groups, status.latest.stats.metGroups, status.latest.stats.repeats)}` : '')
		: admin.statusNever;
	return quiet({
		embeds: [
			new EmbedBuilder()
				.setColor(COLOR)
				.setTitle(admin.statusTitle)
				.addFields(
					{ name: f.channel, value: c.channelId ? `<#${c.channelId}>` : admin.statusNone, inline: true },
					{ name: f.schedule, value: admin.statusSchedule(c.everyWeeks, c.day, c.time, status.timezone), inline: true },
					{ name: f.next, value: next, inline: true },
					{ name: f.groups, value: admin.statusGroups(c.groupSize, c.repeatWindow), inline: true },
					{ name: f.matching, value: admin.modeNames[c.mode], inline: true },
					{ name: f.role, value: c.requiredRoleId ? `<@&${c.requiredRoleId}>` : admin.statusEveryone, inline: true },
					{ name: f.interests, value: admin.statusInterests(c.interests.length), inline: true },
					{ name: f.members, value: admin.statusMembers(status.members.active, status.members.paused), inline: true },
					{ name: f.lastRound, value: last },
				)
				.toJSON(),
		],
	});
}

export function renderInterestList(words: Words, list: readonly string[]): OutgoingMessage {
	return quiet({
		embeds: [
			new EmbedBuilder()
				.setColor(COLOR)
				.setTitle(words.admin.interestsTitle)
				.setDescription((list.length > 0 ? list.join(', ') : words.admin.interestsEmpty).slice(0, 4000))
				.toJSON(),
		],
	});
}
