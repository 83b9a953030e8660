import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { ButtonStyle } from 'discord-api-types/v10';
import type { OutgoingMessage } from '../../core/discord-port.js';
import { customId } from '../../discord/command.js';
import type { Strings } from '../../strings/index.js';
import { progressBar } from './calendar.js';
import type { Challenge } from './records.js';
import type {
	ChallengeListItem,
	ChallengeStatus,
	ChallengeSummary,
	CheckInResult,
	JoinResult,
	LeaderboardView,
	ProgressView,
} from './views.js';

/** How Hearth's challenge messages look. Pure: data in, Discord message JSON out (no discord.js). */

const COLOR = 0xe8744f;
const DONE_COLOR = 0x57a773;

/** Custom ids of the buttons challenge messages carry; commands/challenge.ts handles them. */
export const BUTTONS = {
	checkIn: { prefix: 'chk', version: 1 },
	join: { prefix: 'chj', version: 1 },
	progress: { prefix: 'chp', version: 1 },
	leave: { prefix: 'chleave', version: 1 },
	end: { prefix: 'chadm-end', version: 1 },
	actions: { prefix: 'chadm-acts', version: 1 },
} as const;

export const checkInButtonId = (challengeId: string, day: number) => customId(BUTTONS.checkIn.prefix, BUTTONS.checkIn.version, challengeId, day);
export const joinButtonId = (challengeId: string) => customId(BUTTONS.join.prefix, BUTTONS.join.version, challengeId);
export const progressButtonId = (challengeId: string) => customId(BUTTONS.progress.prefix, BUTTONS.progress.version, challengeId);
export const leaveButtonId = (challengeId: string) => customId(BUTTONS.leave.prefix, BUTTONS.leave.version, challengeId);
export const endButtonId = (challengeId: string) => customId(BUTTONS.end.prefix, BUTTONS.end.version, challengeId);
export const actionsModalId = (challengeId: string) => customId(BUTTONS.actions.prefix, BUTTONS.actions.version, challengeId);

/** Member-written text shown as plain text: markdown characters escaped (mentions never ping anyway). */
export function plain(text: string): string {
	return text.replace(/([\\*_~`|>])/g, '\\$1').replace(/@/g, '@\u200b');
}

export function renderDailyPost(s: Strings, challenge: Challenge, day: number): OutgoingMessage {
	const t = s.challenges.post;
	const action = challenge.actions[day - 1] ?? s.challenges.defaultAction(day, challenge.name);
	const description = day === 1 ? `${t.firstDayIntro(challenge.description)}\n\n**${action}**` : `**${action}**`;
	const embed = new EmbedBuilder()
		.setColor(COLOR)
		.setTitle(t.title(day, challenge.length, challenge.name).slice(0, 256))
		.setDescription(description.slice(0, 4096))
		.setFooter({ text: day === challenge.length ? t.lastDayFooter : t.footer });
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder().setStyle(ButtonStyle.Success).setLabel(t.checkInButton).setCustomId(checkInButtonId(challenge.id, day)),
		new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel(t.joinButton).setCustomId(joinButtonId(challenge.id)),
		new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel(t.progressButton).setCustomId(progressButtonId(challenge.id)),
	);
	return { embeds: [embed.toJSON()], components: [row.toJSON()] };
}

export function renderSummary(s: Strings, summary: ChallengeSummary): OutgoingMessage {
	const t = s.challenges.summary;
	const { challenge } = summary;
	const days = summary.endedEarly ? (challenge.endedDay ?? challenge.length) : challenge.length;
	const embed = new EmbedBuilder()
		.setColor(DONE_COLOR)
		.setTitle((summary.endedEarly ? t.endedEarlyTitle(challenge.name) : t.title(challenge.name)).slice(0, 256))
		.setDescription(summary.participants === 0 ? t.nobody : t.intro(days))
		.setFooter({ text: t.footer });
	if (summary.participants > 0) {
		embed.addFields(
			{ name: t.participants, value: String(summary.participants), inline: true },
			{ name: t.completed, value: t.completionRate(summary.completed, summary.participants), inline: true },
			{ name: t.longestStreak, value: t.streakDays(summary.longestStreak), inline: true },
			{ name: t.checkIns, value: String(summary.checkIns), inline: true },
		);
	}
	return { embeds: [embed.toJSON()] };
}

export function renderCelebration(s: Strings, challenge: Challenge, displayName: string, days: number): OutgoingMessage {
	return { content: s.challenges.celebrate.public(plain(displayName), challenge.name, days), allowed_mentions: { parse: [] } };
}

export function renderReminder(s: Strings, challenge: Challenge, day: number, postLink: string | null): OutgoingMessage {
	const action = challenge.actions[day - 1] ?? s.challenges.defaultAction(day, challenge.name);
	const lines = [s.challenges.reminders.dm(challenge.name, day, action)];
	if (postLink) lines.push(s.challenges.reminders.dmLink(postLink));
	return { content: lines.join('\n'), allowed_mentions: { parse: [] } };
}

export function renderCheckIn(s: Strings, result: CheckInResult): OutgoingMessage {
	const t = s.challenges.checkIn;
	const { challenge } = result;
	if (!result.ok) {
		switch (result.reason) {
			case 'not-joined':
				return {
					content: t.notJoined(challenge.name),
					components: [
						new ActionRowBuilder<ButtonBuilder>()
							.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Primary).setLabel(s.challenges.post.joinButton).setCustomId(joinButtonId(challenge.id)))
							.toJSON(),
					],
				};
			case 'challenge-closed':
				return { content: t.challengeClosed(challenge.name) };
			case 'not-started':
				return { content: t.notStarted(challenge.startDate) };
			case 'over':
				return { content: t.over };
			case 'before-join':
				return { content: t.beforeJoin(result.day, result.joinDay) };
			case 'closed':
				return { content: result.today > (challenge.endedDay ?? challenge.length) ? t.closedOver(result.day) : t.closed(result.day, result.today) };
			case 'already':
				return { content: result.day === result.today ? t.alreadyToday(result.day) : t.alreadyDay(result.day) };
		}
	}
	const lines: string[] = [];
	if (result.aheadOfMember) lines.push(t.aheadOfYou(result.day));
	lines.push(result.backdated ? t.backdated(result.day) : t.done(result.day, challenge.length));
	lines.push(t.streak(result.progress.currentStreak));
	if (result.noteSaved) lines.push(t.noteSaved);
	if (result.freezeEarned) lines.push(t.freezeEarned(result.progress.freezesHeld));
	for (const milestone of result.milestones) {
		const award = result.awards.find((a) => a.kind === 'milestone' && a.days === milestone.days);
		lines.push(award?.given ? s.challenges.celebrate.milestoneRole(milestone.days, milestone.roleId) : s.challenges.celebrate.milestone(milestone.days));
	}
	if (result.completedNow) {
		lines.push(s.challenges.celebrate.private(challenge.name));
		const role = result.awards.find((a) => a.kind === 'completion');
		if (role?.given) lines.push(s.challenges.celebrate.role(role.roleId));
	}
	return { content: lines.join('\n') };
}

export function renderJoin(s: Strings, result: JoinResult): OutgoingMessage {
	const t = s.challenges.join;
	if (result.already) return { content: t.already(result.challenge.name) };
	return {
		content: [t.joined(result.challenge.name, result.participant.joinDay, result.challenge.length), t.timezoneHint(result.timezone), t.remindersHint].join('\n'),
	};
}

export function renderLeaveConfirm(s: Strings, challenge: Challenge): OutgoingMessage {
	return {
		content: s.challenges.leave.confirm(challenge.name),
		components: [
			new ActionRowBuilder<ButtonBuilder>()
				.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Danger).setLabel(s.challenges.leave.confirmButton).setCustomId(leaveButtonId(challenge.id)))
				.toJSON(),
		],
	};
}

export function renderProgress(s: Strings, view: ProgressView): OutgoingMessage {
	const t = s.challenges.progress;
	const { challenge, progress, participant } = view;
	const window = Math.max(0, progress.lastDay - progress.joinDay + 1);
	const today = progress.today;
	const checkedDays = new Set(progress.doneDays);
	let todayText: string;
	if (today < 1) todayText = t.todayNotStarted(challenge.startDate);
	else if (today > progress.lastDay) todayText = t.todayOver;
	else todayText = checkedDays.has(today) ? t.todayDone(today) : t.todayOpen(today);
	const embed = new EmbedBuilder()
		.setColor(progress.completed ? DONE_COLOR : COLOR)
		.setTitle(t.title(challenge.name).slice(0, 256))
		.setDescription([progress.completed ? t.completed : null, t.bar(progressBar(progress.daysDone, window), progress.daysDone, window)].filter(Boolean).join('\n'))
		.addFields(
			{ name: t.today, value: todayText, inline: true },
			{ name: t.currentStreak, value: t.days(progress.currentStreak), inline: true },
			{ name: t.bestStreak, value: t.days(progress.bestStreak), inline: true },
			{ name: t.daysDone, value: String(progress.daysDone), inline: true },
			{ name: t.daysMissed, value: String(progress.daysMissed), inline: true },
			{ name: t.freezes, value: t.freezesValue(progress.freezesHeld, progress.frozenDays.length), inline: true },
		)
		.setFooter({ text: t.footer(view.timezone, participant.joinDay) });
	if (today >= 1 && today <= progress.lastDay && view.state !== 'ended' && view.state !== 'archived') {
		const action = challenge.actions[today - 1];
		if (action) embed.addFields({ name: t.todaysAction, value: action });
	}
	const yesterday = today - 1;
	if (progress.openDays.includes(yesterday) && view.state !== 'ended') embed.addFields({ name: '\u200b', value: t.yesterdayOpen(yesterday) });
	const notes = participant.checkIns.filter((c) => c.note).slice(-3);
	if (notes.length > 0) {
		embed.addFields({ name: t.recentNotes, value: notes.map((c) => t.noteLine(c.day, plain(c.note!))).join('\n').slice(0, 1024) });
	}
	return { embeds: [embed.toJSON()] };
}

export function renderLeaderboard(s: Strings, view: LeaderboardView): OutgoingMessage {
	const t = s.challenges.leaderboard;
	const body =
		view.lines.length === 0
			? t.empty
			: view.lines
					.map((line, i) => t.line(i + 1, plain(line.displayName), Math.round(line.consistency * 100), line.currentStreak, line.daysDone))
					.join('\n');
	const embed = new EmbedBuilder()
		.setColor(COLOR)
		.setTitle(t.title(view.challenge.name).slice(0, 256))
		.setDescription(`${t.intro}\n\n${body}`.slice(0, 4096))
		.setFooter({ text: view.viewerRank ? t.you(view.viewerRank, view.total) : t.youNotIn });
	return { embeds: [embed.toJSON()] };
}

function whereInTime(s: Strings, item: ChallengeListItem): string {
	if (item.state === 'running') return s.challenges.dayOf(Math.min(item.day, item.challenge.length), item.challenge.length);
	if (item.state === 'upcoming') return item.challenge.startDate;
	return '';
}

export function renderList(s: Strings, items: ChallengeListItem[]): OutgoingMessage {
	const t = s.challenges.list;
	if (items.length === 0) return { content: t.none };
	const lines = items.map((item) => t.line(item.challenge.name, s.challenges.stateWords[item.state], whereInTime(s, item), item.joined));
	const embed = new EmbedBuilder().setColor(COLOR).setTitle(t.title).setDescription(lines.join('\n').slice(0, 4096));
	if (items.some((i) => !i.joined && (i.state === 'running' || i.state === 'upcoming'))) embed.setFooter({ text: t.joinHint });
	return { embeds: [embed.toJSON()] };
}

/** The settings of a challenge as admin-facing lines. */
export function describeChallenge(s: Strings, challenge: Challenge): string[] {
	const t = s.challenges.admin;
	return [
		challenge.description,
		t.schedule(challenge.startDate, challenge.postTime, challenge.timezone, challenge.channelId),
		t.grace(challenge.graceHours),
		t.completionRole(challenge.completionRoleId),
		t.milestones(challenge.milestones),
	];
}

export function renderChallengeCard(s: Strings, challenge: Challenge, headline: string): OutgoingMessage {
	return { content: [headline, ...describeChallenge(s, challenge)].join('\n').slice(0, 2000) };
}

export function renderAdminList(s: Strings, items: ChallengeListItem[]): OutgoingMessage {
	const t = s.challenges.admin;
	if (items.length === 0) return { content: t.listEmpty };
	const lines = items.map((item) =>
		t.listLine(item.challenge.id, item.challenge.name, s.challenges.stateWords[item.state], whereInTime(s, item)),
	);
	return { embeds: [new EmbedBuilder().setColor(COLOR).setTitle(t.listTitle).setDescription(lines.join('\n').slice(0, 4096)).toJSON()] };
}

export function renderStatus(s: Strings, status: ChallengeStatus): OutgoingMessage {
	const t = s.challenges.admin;
	const { challenge } = status;
	const where = status.state === 'running' ? `, ${s.challenges.dayOf(Math.min(status.day, challenge.length), challenge.length)}` : '';
	const embed = new EmbedBuilder()
		.setColor(status.problems.length > 0 ? 0xd9534f : COLOR)
		.setTitle(t.statusTitle(challenge.name).slice(0, 256))
		.addFields(
			{ name: t.state, value: `${s.challenges.stateWords[status.state]}${where}`, inline: true },
			{ name: t.participants, value: String(status.participants), inline: true },
			{ name: t.checkedInToday, value: String(status.checkedInToday), inline: true },
			{ name: t.completedCount, value: String(status.completed), inline: true },
			{ name: t.posts, value: String(status.postsMade), inline: true },
			{ name: t.template, value: challenge.templateId ?? t.custom, inline: true },
			{ name: t.settings, value: describeChallenge(s, challenge).slice(1).join('\n').slice(0, 1024) },
			{ name: t.problems, value: (status.problems.length > 0 ? status.problems.map((p) => `• ${p}`).join('\n') : t.noProblems).slice(0, 1024) },
		);
	return { embeds: [embed.toJSON()] };
}

export function renderEndConfirm(s: Strings, challenge: Challenge): OutgoingMessage {
	return {
		content: s.challenges.admin.endConfirm(challenge.name),
		components: [
			new ActionRowBuilder<ButtonBuilder>()
				.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Danger).setLabel(s.challenges.admin.endButton).setCustomId(endButtonId(challenge.id)))
				.toJSON(),
		],
	};
}
