import { SlashCommandBuilder, type SlashCommandStringOption } from '@discordjs/builders';
import { InteractionContextType, MessageFlags } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../src/core/errors.js';
import type { ButtonInteraction } from 'discord.js';
import type { Command, ComponentInteraction } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { ChallengeIdSchema, MAX_DAYS, MAX_NOTE_LENGTH } from '../src/features/challenges/records.js';
import {
	BUTTONS,
	renderCheckIn,
	renderJoin,
	renderLeaderboard,
	renderLeaveConfirm,
	renderList,
	renderProgress,
} from '../src/features/challenges/render.js';
import { searchTimezones } from '../src/scheduler/schedule.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';

const words = en.challenges.commands;

/** Options as they arrive from Discord, checked before use. */
const Options = z.object({
	challenge: z.string().trim().max(100).nullable(),
	note: z.string().max(MAX_NOTE_LENGTH * 2).nullable(),
	day: z.enum(['today', 'yesterday']).nullable(),
	zone: z.string().trim().min(1).max(100).nullable(),
	state: z.enum(['on', 'off']).nullable(),
});

const ButtonArgs = z.tuple([ChallengeIdSchema]);
const CheckInArgs = z.tuple([ChallengeIdSchema, z.coerce.number().int().min(1).max(MAX_DAYS)]);

const challengeOption = (description: string) => (o: SlashCommandStringOption) =>
	o.setName('challenge').setDescription(description).setAutocomplete(true).setMaxLength(100);

function parseArgs<T>(schema: z.ZodType<T>, args: string[], services: Services): T {
	const parsed = schema.safeParse(args);
	if (!parsed.success) throw new UserError(services.strings.common.unknownButton);
	return parsed.data;
}

/** The pressed button and its guild; anything else with our prefix is refused. */
function buttonOf(interaction: ComponentInteraction, services: Services): { button: ButtonInteraction; guildId: string } {
	if (!interaction.isButton()) throw new UserError(services.strings.common.unknownButton);
	if (!interaction.inGuild()) throw new UserError(services.strings.common.guildOnly);
	return { button: interaction, guildId: interaction.guildId };
}

export default {
	data: new SlashCommandBuilder()
		.setName('challenge')
		.setDescription(words.challenge)
		.setContexts(InteractionContextType.Guild)
		.addSubcommand((s) =>
			s
				.setName('join')
				.setDescription(words.join)
				.addStringOption(challengeOption(words.joinWhich)),
		)
		.addSubcommand((s) =>
			s.setName('leave').setDescription(words.leave).addStringOption(challengeOption(words.which)),
		)
		.addSubcommand((s) =>
			s
				.setName('checkin')
				.setDescription(words.checkin)
				.addStringOption((o) => o.setName('note').setDescription(words.note).setMaxLength(MAX_NOTE_LENGTH))
				.addStringOption((o) =>
					o
						.setName('day')
						.setDescription(words.day)
						.addChoices({ name: words.dayToday, value: 'today' }, { name: words.dayYesterday, value: 'yesterday' }),
				)
				.addStringOption(challengeOption(words.which)),
		)
		.addSubcommand((s) =>
			s.setName('progress').setDescription(words.progress).addStringOption(challengeOption(words.which)),
		)
		.addSubcommand((s) =>
			s.setName('leaderboard').setDescription(words.leaderboard).addStringOption(challengeOption(words.which)),
		)
		.addSubcommand((s) =>
			s
				.setName('timezone')
				.setDescription(words.timezone)
				.addStringOption((o) => o.setName('zone').setDescription(words.zone).setRequired(true).setAutocomplete(true).setMaxLength(100)),
		)
		.addSubcommand((s) =>
			s
				.setName('reminders')
				.setDescription(words.reminders)
				.addStringOption((o) =>
					o.setName('state').setDescription(words.remindersState).setRequired(true).addChoices({ name: words.on, value: 'on' }, { name: words.off, value: 'off' }),
				)
				.addStringOption(challengeOption(words.which)),
		)
		.addSubcommand((s) => s.setName('list').setDescription(words.list))
		.toJSON(),
	defer: 'ephemeral',
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const userId = interaction.user.id;
		const { challenges, strings } = services;
		const parsed = Options.safeParse({
			challenge: interaction.options.getString('challenge'),
			note: interaction.options.getString('note'),
			day: interaction.options.getString('day'),
			zone: interaction.options.getString('zone'),
			state: interaction.options.getString('state'),
		});
		if (!parsed.success) throw new UserError(strings.common.invalidInput(parsed.error.issues[0]?.message ?? 'unexpected option'));
		const options = parsed.data;
		switch (interaction.options.getSubcommand()) {
			case 'join':
				await respond(interaction, renderJoin(strings, await challenges.join(guildId, userId, options.challenge)));
				return;
			case 'leave': {
				const challenge = await challenges.pick(guildId, options.challenge, 'member', userId);
				await respond(interaction, renderLeaveConfirm(strings, challenge));
				return;
			}
			case 'checkin': {
				const result = await challenges.checkIn(guildId, userId, {
					challengeId: options.challenge,
					request: options.day ?? 'today',
					note: options.note,
					via: 'command',
				});
				await respond(interaction, renderCheckIn(strings, result));
				return;
			}
			case 'progress':
				await respond(interaction, renderProgress(strings, await challenges.progress(guildId, userId, options.challenge)));
				return;
			case 'leaderboard':
				await respond(interaction, renderLeaderboard(strings, await challenges.leaderboard(guildId, userId, options.challenge)));
				return;
			case 'timezone': {
				const { timezone, challenges: count } = await challenges.setTimezone(guildId, userId, options.zone ?? '');
				await respond(interaction, strings.challenges.timezone.set(timezone, count));
				return;
			}
			case 'reminders': {
				const on = options.state === 'on';
				const challenge = await challenges.setReminders(guildId, userId, on, options.challenge);
				await respond(interaction, on ? strings.challenges.reminders.on(challenge.name) : strings.challenges.reminders.off(challenge.name));
				return;
			}
			case 'list':
				await respond(interaction, renderList(strings, await challenges.list(guildId, { userId })));
				return;
			default:
				throw new UserError(strings.common.unknownCommand);
		}
	},
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === 'zone') {
			await interaction.respond(searchTimezones(focused.value, 25).map((tz) => ({ name: tz, value: tz })));
			return;
		}
		if (focused.name === 'challenge') {
			await interaction.respond(await services.challenges.autocomplete(interaction.guildId!, focused.value, 'member', interaction.user.id));
			return;
		}
		await interaction.respond([]);
	},
	components: [
		{
			// The Check in button on a daily post: counts for that day, or kindly explains why it can't.
			...BUTTONS.checkIn,
			async handle(interaction, args, services) {
				const { button, guildId } = buttonOf(interaction, services);
				const [challengeId, day] = parseArgs(CheckInArgs, args, services);
				await button.deferReply({ flags: MessageFlags.Ephemeral });
				const challenge = await services.challenges.find(guildId, challengeId);
				const result = await services.challenges.checkInTo(challenge, button.user.id, { request: { day }, via: 'button' });
				await respond(button, renderCheckIn(services.strings, result));
			},
		},
		{
			...BUTTONS.join,
			async handle(interaction, args, services) {
				const { button, guildId } = buttonOf(interaction, services);
				const [challengeId] = parseArgs(ButtonArgs, args, services);
				await respond(button, renderJoin(services.strings, await services.challenges.join(guildId, button.user.id, challengeId)));
			},
		},
		{
			...BUTTONS.progress,
			async handle(interaction, args, services) {
				const { button, guildId } = buttonOf(interaction, services);
				const [challengeId] = parseArgs(ButtonArgs, args, services);
				await respond(button, renderProgress(services.strings, await services.challenges.progress(guildId, button.user.id, challengeId)));
			},
		},
		{
			...BUTTONS.leave,
			async handle(interaction, args, services) {
				const { button, guildId } = buttonOf(interaction, services);
				const [challengeId] = parseArgs(ButtonArgs, args, services);
				const { challenge, left } = await services.challenges.leave(guildId, button.user.id, challengeId);
				const content = left ? services.strings.challenges.leave.left(challenge.name) : services.strings.challenges.leave.notIn(challenge.name);
				await button.update({ content, components: [], allowedMentions: { parse: [] } });
			},
		},
	],
} satisfies Command;
