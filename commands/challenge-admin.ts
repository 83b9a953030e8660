import { LabelBuilder, ModalBuilder, SlashCommandBuilder, TextInputBuilder, type SlashCommandStringOption } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits, TextInputStyle } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import { UserError } from '../src/core/errors.js';
import type { Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { splitActions, type Challenge } from '../src/features/challenges/index.js';
import { ChallengeIdSchema, MAX_ACTION_LENGTH, MAX_CUSTOM_DAYS, MAX_DAYS, MIN_CUSTOM_DAYS } from '../src/features/challenges/records.js';
import { MAX_GRACE_HOURS } from '../src/features/challenges/calendar.js';
import {
	BUTTONS,
	actionsModalId,
	renderAdminList,
	renderChallengeCard,
	renderEndConfirm,
	renderStatus,
} from '../src/features/challenges/render.js';
import { searchTimezones } from '../src/scheduler/schedule.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';

const words = en.challenges.commands;

/** Days per text box in the actions modal: 20 actions of up to 200 characters fit Discord's 4000. */
const DAYS_PER_BOX = 20;
const snowflake = z.string().regex(/^\d{17,20}$/);

const Options = z.object({
	challenge: z.string().trim().max(100).nullable(),
	template: z.string().trim().max(64).nullable(),
	name: z.string().max(100).nullable(),
	description: z.string().max(400).nullable(),
	days: z.number().int().min(1).max(MAX_DAYS).nullable(),
	actions: z.string().max(6000).nullable(),
	write_actions: z.boolean().nullable(),
	channel: snowflake.nullable(),
	start: z.string().trim().max(20).nullable(),
	time: z.string().trim().max(10).nullable(),
	timezone: z.string().trim().max(100).nullable(),
	grace_hours: z.number().int().nullable(),
	completion_role: snowflake.nullable(),
	clear_completion_role: z.boolean().nullable(),
	role: snowflake.nullable(),
});
type Options = z.infer<typeof Options>;

function readOptions(interaction: ChatInputCommandInteraction, services: Services): Options {
	const o = interaction.options;
	const parsed = Options.safeParse({
		challenge: o.getString('challenge'),
		template: o.getString('template'),
		name: o.getString('name'),
		description: o.getString('description'),
		days: o.getInteger('days'),
		actions: o.getString('actions'),
		write_actions: o.getBoolean('write_actions'),
		channel: o.getChannel('channel')?.id ?? null,
		start: o.getString('start'),
		time: o.getString('time'),
		timezone: o.getString('timezone'),
		grace_hours: o.getInteger('grace_hours'),
		completion_role: o.getRole('completion_role')?.id ?? null,
		clear_completion_role: o.getBoolean('clear_completion_role'),
		role: o.getRole('role')?.id ?? null,
	});
	if (!parsed.success) throw new UserError(services.strings.common.invalidInput(parsed.error.issues[0]?.message ?? 'unexpected option'));
	return parsed.data;
}

const challengeOption = (o: SlashCommandStringOption) =>
	o.setName('challenge').setDescription(words.which).setRequired(true).setAutocomplete(true).setMaxLength(100);

/** The modal in which admins write one action per line, in boxes of 20 days. */
function actionsModal(services: Services, challenge: Challenge): ModalBuilder {
	const t = services.strings.challenges.admin;
	const modal = new ModalBuilder().setCustomId(actionsModalId(challenge.id)).setTitle(t.actionsTitle(challenge.name));
	for (let box = 0; box * DAYS_PER_BOX < challenge.length; box++) {
		const from = box * DAYS_PER_BOX + 1;
		const to = Math.min(challenge.length, from + DAYS_PER_BOX - 1);
		const value = challenge.actions.slice(from - 1, to).join('\n').slice(0, 4000);
		const input = new TextInputBuilder()
			.setCustomId(`part-${box}`)
			.setStyle(TextInputStyle.Paragraph)
			.setRequired(true)
			.setMaxLength(Math.min(4000, (to - from + 1) * (MAX_ACTION_LENGTH + 1)));
		if (value) input.setValue(value);
		modal.addLabelComponents(new LabelBuilder().setLabel(t.actionsLabel(from, to)).setTextInputComponent(input));
	}
	return modal;
}

export default {
	data: new SlashCommandBuilder()
		.setName('challenge-admin')
		.setDescription(words.admin)
		.setContexts(InteractionContextType.Guild)
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((s) =>
			s
				.setName('create')
				.setDescription(words.create)
				.addStringOption((o) => o.setName('template').setDescription(words.template).setAutocomplete(true).setMaxLength(64))
				.addStringOption((o) => o.setName('name').setDescription(words.name).setMaxLength(80))
				.addStringOption((o) => o.setName('description').setDescription(words.description).setMaxLength(300))
				.addIntegerOption((o) => o.setName('days').setDescription(words.days(MIN_CUSTOM_DAYS, MAX_CUSTOM_DAYS)).setMinValue(MIN_CUSTOM_DAYS).setMaxValue(MAX_CUSTOM_DAYS))
				.addStringOption((o) => o.setName('actions').setDescription(words.actions).setMaxLength(6000))
				.addBooleanOption((o) => o.setName('write_actions').setDescription(words.writeActions))
				.addChannelOption((o) =>
					o.setName('channel').setDescription(words.channel).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
				)
				.addStringOption((o) => o.setName('start').setDescription(words.start).setMaxLength(20))
				.addStringOption((o) => o.setName('time').setDescription(words.time).setMaxLength(10))
				.addStringOption((o) => o.setName('timezone').setDescription(words.challengeTimezone).setAutocomplete(true).setMaxLength(100))
				.addIntegerOption((o) =>
					o.setName('grace_hours').setDescription(words.graceHours).setMinValue(0).setMaxValue(MAX_GRACE_HOURS),
				)
				.addRoleOption((o) => o.setName('completion_role').setDescription(words.completionRole)),
		)
		.addSubcommand((s) =>
			s
				.setName('edit')
				.setDescription(words.edit)
				.addStringOption(challengeOption)
				.addStringOption((o) => o.setName('name').setDescription(words.newName).setMaxLength(80))
				.addStringOption((o) => o.setName('description').setDescription(words.newDescription).setMaxLength(300))
				.addChannelOption((o) =>
					o.setName('channel').setDescription(words.editChannel).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
				)
				.addStringOption((o) => o.setName('start').setDescription(words.editStart).setMaxLength(20))
				.addStringOption((o) => o.setName('time').setDescription(words.editTime).setMaxLength(10))
				.addStringOption((o) => o.setName('timezone').setDescription(words.editTimezone).setAutocomplete(true).setMaxLength(100))
				.addIntegerOption((o) => o.setName('grace_hours').setDescription(words.editGrace(MAX_GRACE_HOURS)).setMinValue(0).setMaxValue(MAX_GRACE_HOURS))
				.addRoleOption((o) => o.setName('completion_role').setDescription(words.completionRole))
				.addBooleanOption((o) => o.setName('clear_completion_role').setDescription(words.clearCompletionRole)),
		)
		.addSubcommand((s) => s.setName('actions').setDescription(words.actionsForm).addStringOption(challengeOption))
		.addSubcommand((s) =>
			s
				.setName('milestone')
				.setDescription(words.milestone)
				.addStringOption(challengeOption)
				.addIntegerOption((o) => o.setName('days').setDescription(words.milestoneDays).setRequired(true).setMinValue(1).setMaxValue(MAX_DAYS))
				.addRoleOption((o) => o.setName('role').setDescription(words.milestoneRole).setRequired(true)),
		)
		.addSubcommand((s) =>
			s
				.setName('milestone-remove')
				.setDescription(words.milestoneRemove)
				.addStringOption(challengeOption)
				.addIntegerOption((o) => o.setName('days').setDescription(words.milestoneRemoveDays).setRequired(true).setMinValue(1).setMaxValue(MAX_DAYS)),
		)
		.addSubcommand((s) => s.setName('end').setDescription(words.end).addStringOption(challengeOption))
		.addSubcommand((s) => s.setName('archive').setDescription(words.archive).addStringOption(challengeOption))
		.addSubcommand((s) => s.setName('list').setDescription(words.adminList))
		.addSubcommand((s) => s.setName('status').setDescription(words.status).addStringOption(challengeOption))
		.toJSON(),
	admin: true,
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const adminId = interaction.user.id;
		const { challenges, strings } = services;
		const t = strings.challenges.admin;
		const o = readOptions(interaction, services);
		const target = () => challenges.find(guildId, o.challenge ?? '');
		switch (interaction.options.getSubcommand()) {
			case 'create': {
				const challenge = await challenges.create(guildId, adminId, {
					templateId: o.template,
					name: o.name,
					description: o.description,
					days: o.days,
					actions: o.actions ? splitActions(o.actions) : null,
					channelId: o.channel ?? interaction.channelId,
					start: o.start,
					postTime: o.time,
					timezone: o.timezone,
					graceHours: o.grace_hours,
					completionRoleId: o.completion_role,
				});
				if (o.write_actions) {
					await interaction.showModal(actionsModal(services, challenge).toJSON());
					return;
				}
				await respond(interaction, renderChallengeCard(strings, challenge, t.created(challenge.name, challenge.id)));
				return;
			}
			case 'edit': {
				const challenge = await target();
				const updated = await challenges.edit(guildId, adminId, challenge.id, {
					name: o.name,
					description: o.description,
					channelId: o.channel,
					start: o.start,
					postTime: o.time,
					timezone: o.timezone,
					graceHours: o.grace_hours,
					completionRoleId: o.completion_role,
					clearCompletionRole: o.clear_completion_role ?? false,
				});
				await respond(interaction, renderChallengeCard(strings, updated, t.updated(updated.name)));
				return;
			}
			case 'actions': {
				const challenge = await target();
				if (challenge.archivedAt || challenge.endedAt) throw new UserError(strings.challenges.errors.endedNoEdit(challenge.name));
				await interaction.showModal(actionsModal(services, challenge).toJSON());
				return;
			}
			case 'milestone': {
				const challenge = await target();
				const days = o.days ?? 0;
				await challenges.setMilestone(guildId, adminId, challenge.id, days, o.role ?? '');
				await respond(interaction, t.milestoneSet(days, o.role ?? ''));
				return;
			}
			case 'milestone-remove': {
				const challenge = await target();
				await challenges.removeMilestone(guildId, adminId, challenge.id, o.days ?? 0);
				await respond(interaction, t.milestoneRemoved(o.days ?? 0));
				return;
			}
			case 'end': {
				const challenge = await target();
				await respond(interaction, renderEndConfirm(strings, challenge));
				return;
			}
			case 'archive': {
				const challenge = await target();
				const archived = await challenges.archive(guildId, adminId, challenge.id);
				await respond(interaction, t.archived(archived.name));
				return;
			}
			case 'list':
				await respond(interaction, renderAdminList(strings, await challenges.list(guildId, { includeArchived: true })));
				return;
			case 'status': {
				const challenge = await target();
				await respond(interaction, renderStatus(strings, await challenges.status(guildId, challenge.id)));
				return;
			}
			default:
				throw new UserError(strings.common.unknownCommand);
		}
	},
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		const query = focused.value.trim().toLowerCase();
		if (focused.name === 'timezone') {
			await interaction.respond(searchTimezones(focused.value, 25).map((tz) => ({ name: tz, value: tz })));
		} else if (focused.name === 'template') {
			const templates = services.challenges.templates().filter((tpl) => query === '' || tpl.name.toLowerCase().includes(query) || tpl.id.includes(query));
			await interaction.respond(templates.slice(0, 25).map((tpl) => ({ name: words.templateChoice(tpl.name, tpl.days).slice(0, 100), value: tpl.id })));
		} else if (focused.name === 'challenge') {
			await interaction.respond(await services.challenges.autocomplete(interaction.guildId!, focused.value, 'admin'));
		} else {
			await interaction.respond([]);
		}
	},
	components: [
		{
			...BUTTONS.end,
			admin: true,
			async handle(interaction, args, services) {
				const parsed = z.tuple([ChallengeIdSchema]).safeParse(args);
				if (!parsed.success || !interaction.isButton()) throw new UserError(services.strings.common.unknownButton);
				if (!interaction.inGuild()) throw new UserError(services.strings.common.guildOnly);
				await interaction.deferUpdate();
				const { challenge, summaryPosted } = await services.challenges.end(interaction.guildId, interaction.user.id, parsed.data[0]);
				await interaction.editReply({ content: services.strings.challenges.admin.ended(challenge.name, summaryPosted), components: [], allowedMentions: { parse: [] } });
			},
		},
		{
			...BUTTONS.actions,
			admin: true,
			async handle(interaction, args, services) {
				const parsed = z.tuple([ChallengeIdSchema]).safeParse(args);
				if (!parsed.success || !interaction.isModalSubmit()) throw new UserError(services.strings.common.unknownButton);
				if (!interaction.inGuild()) throw new UserError(services.strings.common.guildOnly);
				const challenge = await services.challenges.find(interaction.guildId, parsed.data[0]);
				const lines: string[] = [];
				for (let box = 0; box * DAYS_PER_BOX < challenge.length; box++) {
					const text = interaction.fields.getTextInputValue(`part-${box}`);
					lines.push(...text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0));
				}
				const updated = await services.challenges.setActions(interaction.guildId, interaction.user.id, challenge.id, lines);
				await respond(interaction, renderChallengeCard(services.strings, updated, services.strings.challenges.admin.actionsSaved(updated.name, updated.length)));
			},
		},
	],
} satisfies Command;
