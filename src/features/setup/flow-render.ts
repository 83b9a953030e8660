import {
	ActionRowBuilder,
	ButtonBuilder,
	ChannelSelectMenuBuilder,
	EmbedBuilder,
	RoleSelectMenuBuilder,
	StringSelectMenuBuilder,
	StringSelectMenuOptionBuilder,
	type AnyComponentBuilder,
} from '@discordjs/builders';
import { ButtonStyle, ChannelType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { OutgoingMessage } from '../../core/discord-port.js';
import { describeSchedule } from '../../scheduler/schedule.js';
import type { Strings } from '../../strings/index.js';
import {
	CHALLENGE_STARTS,
	CHALLENGE_TIMES,
	PAIRING_TIMES,
	PROMPT_TIMES,
	SETUP_STEPS,
	WEEK_ORDER,
	challengeStartDate,
	promptSpecOf,
	type SetupDraft,
} from './flow.js';
import { channelLabel, roleLabel } from './permissions.js';
import { HEARTH_COLOR } from './render.js';

/** The components' custom_id parts after `setup:v1:<flowId>`: what each select or button changes. */
export const SETUP_FIELDS = {
	promptsChannel: 'ch-prompts',
	pairingChannel: 'ch-pairing',
	challengeChannel: 'ch-challenge',
	logChannel: 'ch-log',
	promptCadence: 'p-cadence',
	promptTime: 'p-time',
	pairingCadence: 'x-cadence',
	pairingSlot: 'x-slot',
	challengeTemplate: 'c-template',
	challengeStart: 'c-start',
	challengeTime: 'c-time',
	completionRole: 'c-role',
	adminRole: 'a-role',
} as const;
export const SETUP_BUTTONS = ['next', 'back', 'cancel', 'save', 'recheck'] as const;
export type SetupButton = (typeof SETUP_BUTTONS)[number];

export interface ChallengeChoice {
	id: string;
	name: string;
	days: number;
}

export interface SetupView {
	/** Builds a component's custom_id from its field or button name. */
	id: (part: string) => string;
	templates: readonly ChallengeChoice[];
	now: Date;
	/** For the review: lines naming what is missing (choices, then permissions). */
	problems?: readonly string[];
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** One step of /setup as a private message: an embed saying where the admin is, the step's selects, and buttons. */
export function renderSetupStep(strings: Strings, draft: SetupDraft, view: SetupView): OutgoingMessage {
	const words = strings.setup.flow;
	const index = SETUP_STEPS.indexOf(draft.step);
	const embed = new EmbedBuilder()
		.setColor(HEARTH_COLOR)
		.setTitle(words.title)
		.setDescription(
			[`**${words.step(index + 1, SETUP_STEPS.length, words.stepNames[draft.step])}**`, words.intro[draft.step], draft.step === 'rhythm' ? words.timezoneNote(draft.timezone) : '']
				.filter(Boolean)
				.join('\n'),
		);
	const rows: Row[] = [];
	switch (draft.step) {
		case 'channels':
			rows.push(
				channelRow(view.id(SETUP_FIELDS.promptsChannel), words.placeholders.promptsChannel, draft.promptsChannelId),
				channelRow(view.id(SETUP_FIELDS.pairingChannel), words.placeholders.pairingChannel, draft.pairingChannelId),
				channelRow(view.id(SETUP_FIELDS.challengeChannel), words.placeholders.challengeChannel, draft.challengeChannelId),
			);
			break;
		case 'rhythm':
			rows.push(
				stringRow(view.id(SETUP_FIELDS.promptCadence), words.placeholders.promptCadence, promptCadenceOptions(strings, draft), draft.promptCadence),
				stringRow(
					view.id(SETUP_FIELDS.promptTime),
					words.placeholders.promptTime,
					withCurrent(PROMPT_TIMES, draft.promptTime).map((t) => [t, words.at(t)] as const),
					draft.promptTime,
				),
				stringRow(
					view.id(SETUP_FIELDS.pairingCadence),
					words.placeholders.pairingCadence,
					(['1', '2', '4', 'off'] as const).map((c) => [c, words.pairingCadences[c]] as const),
					draft.pairingCadence,
				),
				stringRow(view.id(SETUP_FIELDS.pairingSlot), words.placeholders.pairingTime, pairingSlotOptions(strings, draft), `${draft.pairingDay}-${draft.pairingTime}`),
			);
			break;
		case 'challenge': {
			const templates: Array<readonly [string, string]> = [
				['none', words.challengeNone],
				...view.templates.slice(0, 24).map((t) => [t.id, words.challengeOption(t.name, t.days)] as const),
			];
			const startLabel = (s: (typeof CHALLENGE_STARTS)[number]) => `${words.challengeStarts[s]} (${challengeStartDate(s, draft.timezone, view.now)})`;
			rows.push(
				stringRow(view.id(SETUP_FIELDS.challengeTemplate), words.placeholders.challengeTemplate, templates, draft.challengeTemplateId ?? 'none'),
				stringRow(
					view.id(SETUP_FIELDS.challengeStart),
					words.placeholders.challengeStart,
					CHALLENGE_STARTS.map((s) => [s, startLabel(s)] as const),
					draft.challengeStart,
				),
				stringRow(
					view.id(SETUP_FIELDS.challengeTime),
					words.placeholders.challengeTime,
					withCurrent(CHALLENGE_TIMES, draft.challengeTime).map((t) => [t, words.at(t)] as const),
					draft.challengeTime,
				),
				roleRow(view.id(SETUP_FIELDS.completionRole), words.placeholders.completionRole, draft.completionRoleId),
			);
			break;
		}
		case 'admins':
			rows.push(
				channelRow(view.id(SETUP_FIELDS.logChannel), words.placeholders.logChannel, draft.logChannelId),
				roleRow(view.id(SETUP_FIELDS.adminRole), words.placeholders.adminRole, draft.adminRoleId),
			);
			break;
		case 'review': {
			embed.addFields({ name: words.review.choicesTitle, value: reviewLines(strings, draft, view).join('\n') });
			const problems = view.problems ?? [];
			embed.addFields(
				problems.length > 0
					? { name: words.review.problemsTitle, value: clipLines(problems.map((p) => `• ${p}`), 1024) }
					: { name: words.review.okTitle, value: words.review.ok },
			);
			break;
		}
	}
	rows.push(buttonRow(strings, draft, view));
	return { embeds: [embed.toJSON()], components: rows };
}

/** The review's summary of choices, one line each. */
export function reviewLines(strings: Strings, draft: SetupDraft, view: Pick<SetupView, 'templates' | 'now'>): string[] {
	const words = strings.setup.flow;
	const channel = (id: string | null) => (id ? channelLabel(id, draft.names[id]) : null);
	const lines = [words.review.timezone(draft.timezone)];
	const spec = promptSpecOf(draft);
	lines.push(draft.promptCadence === 'off' || !spec ? words.review.promptsOff : words.review.prompts(channel(draft.promptsChannelId), promptScheduleWords(strings, draft)));
	lines.push(
		draft.pairingCadence === 'off'
			? words.review.pairingOff
			: words.review.pairing(
					channel(draft.pairingChannelId),
					words.scheduleWords.pairing(Number(draft.pairingCadence), words.dayNames[draft.pairingDay]!, draft.pairingTime),
				),
	);
	const template = view.templates.find((t) => t.id === draft.challengeTemplateId);
	lines.push(
		template
			? words.review.challenge(
					template.name,
					channel(draft.challengeChannelId),
					challengeStartDate(draft.challengeStart, draft.timezone, view.now),
					draft.challengeTime,
					draft.completionRoleId ? roleLabel(draft.completionRoleId, draft.names[draft.completionRoleId]) : null,
				)
			: words.review.challengeOff,
	);
	lines.push(words.review.log(draft.logChannelId ? channel(draft.logChannelId) : null));
	lines.push(words.review.adminRole(draft.adminRoleId ? roleLabel(draft.adminRoleId, draft.names[draft.adminRoleId]) : null));
	return lines;
}

export function promptScheduleWords(strings: Strings, draft: SetupDraft): string {
	const words = strings.setup.flow.scheduleWords;
	switch (draft.promptCadence) {
		case 'daily':
		case 'weekdays':
		case 'mwf':
		case 'weekly':
			return words[draft.promptCadence](draft.promptTime);
		case 'keep':
			return draft.promptCustom ? describeSchedule(draft.promptCustom) : '';
		case 'off':
			return '';
	}
}

function promptCadenceOptions(strings: Strings, draft: SetupDraft): Array<readonly [string, string]> {
	const words = strings.setup.flow;
	const options: Array<readonly [string, string]> = (['daily', 'weekdays', 'mwf', 'weekly'] as const).map((c) => [c, words.promptCadences[c]] as const);
	if (draft.promptCustom) options.push(['keep', words.promptKeep(describeSchedule(draft.promptCustom))]);
	options.push(['off', words.promptCadences.off]);
	return options;
}

function pairingSlotOptions(strings: Strings, draft: SetupDraft): Array<readonly [string, string]> {
	const words = strings.setup.flow;
	const slots: Array<[number, string]> = [];
	for (const day of WEEK_ORDER) for (const time of PAIRING_TIMES) slots.push([day, time]);
	if (!slots.some(([d, t]) => d === draft.pairingDay && t === draft.pairingTime)) {
		slots.push([draft.pairingDay, draft.pairingTime]);
		slots.sort((a, b) => WEEK_ORDER.indexOf(a[0] as (typeof WEEK_ORDER)[number]) - WEEK_ORDER.indexOf(b[0] as (typeof WEEK_ORDER)[number]) || a[1].localeCompare(b[1]));
	}
	return slots.map(([day, time]) => [`${day}-${time}`, words.pairingSlot(words.dayNames[day]!, time)] as const);
}

function withCurrent(list: readonly string[], current: string): string[] {
	return list.includes(current) ? [...list] : [...list, current].sort();
}

function channelRow(id: string, placeholder: string, current: string | null): Row {
	const menu = new ChannelSelectMenuBuilder()
		.setCustomId(id)
		.setPlaceholder(placeholder)
		.setChannelTypes(...TEXT_CHANNELS)
		.setMinValues(0)
		.setMaxValues(1);
	if (current) menu.setDefaultChannels(current);
	return row(menu);
}

function roleRow(id: string, placeholder: string, current: string | null): Row {
	const menu = new RoleSelectMenuBuilder().setCustomId(id).setPlaceholder(placeholder).setMinValues(0).setMaxValues(1);
	if (current) menu.setDefaultRoles(current);
	return row(menu);
}

function stringRow(id: string, placeholder: string, options: ReadonlyArray<readonly [string, string]>, current: string): Row {
	const menu = new StringSelectMenuBuilder()
		.setCustomId(id)
		.setPlaceholder(placeholder)
		.setMinValues(1)
		.setMaxValues(1)
		.addOptions(
			options.slice(0, 25).map(([value, label]) =>
				new StringSelectMenuOptionBuilder()
					.setValue(value)
					.setLabel(label.slice(0, 100))
					.setDefault(value === current),
			),
		);
	return row(menu);
}

function buttonRow(strings: Strings, draft: SetupDraft, view: SetupView): Row {
	const words = strings.setup.flow.buttons;
	const buttons: ButtonBuilder[] = [];
	const button = (part: string, label: string, style: ButtonStyle, disabled = false) =>
		new ButtonBuilder().setCustomId(view.id(part)).setLabel(label).setStyle(style).setDisabled(disabled);
	if (draft.step !== 'channels') buttons.push(button('back', words.back, ButtonStyle.Secondary));
	if (draft.step === 'review') {
		buttons.push(button('save', words.save, ButtonStyle.Success, (view.problems ?? []).length > 0));
		buttons.push(button('recheck', words.recheck, ButtonStyle.Secondary));
	} else {
		buttons.push(button('next', draft.step === 'admins' ? words.review : words.next, ButtonStyle.Primary));
	}
	buttons.push(button('cancel', words.cancel, ButtonStyle.Danger));
	return row(...buttons);
}

function row(...components: AnyComponentBuilder[]): Row {
	return new ActionRowBuilder<AnyComponentBuilder>().addComponents(...components).toJSON() as Row;
}

function clipLines(lines: readonly string[], max: number): string {
	const text = lines.join('\n');
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
