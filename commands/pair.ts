import { ActionRowBuilder, ButtonBuilder, SlashCommandBuilder, StringSelectMenuBuilder } from '@discordjs/builders';
import { ButtonStyle, InteractionContextType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction, MessageComponentInteraction } from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { customId, type Command, type ComponentInteraction } from '../src/discord/command.js';
import { respond, type Reply } from '../src/discord/respond.js';
import { FOLLOW_UP_PREFIX, FOLLOW_UP_VERSION, MAX_INTERESTS, type PairingConfig, type PairingProfile } from '../src/features/pairing/index.js';
import { suggestInterests } from '../src/features/pairing/interests.js';
import { MAX_PAUSE_ROUNDS } from '../src/features/pairing/members.js';
import { MAX_INTRO_LENGTH } from '../src/features/pairing/records.js';
import { interestsText, renderBlocks, renderHistory, renderProfile } from '../src/features/pairing/views.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';

const words = en.pairing;
const d = words.commands;

/** Select menus hold 25 options; the guild list is shown in up to 4 of them. */
const MENU_SIZE = 25;
const MAX_MENUS = 4;
const SNOWFLAKE = /^\d{17,20}$/;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The guild's interest list as select menus, with the member's current interests ticked. */
function interestMenus(config: PairingConfig, profile: PairingProfile): Row[] {
	const chunks: string[][] = [];
	for (let i = 0; i < config.interests.length && chunks.length < MAX_MENUS; i += MENU_SIZE) chunks.push(config.interests.slice(i, i + MENU_SIZE));
	return chunks.map((chunk, part) =>
		new ActionRowBuilder<StringSelectMenuBuilder>()
			.addComponents(
				new StringSelectMenuBuilder()
					.setCustomId(customId('pairpick', 1, part))
					.setPlaceholder(words.join.menuPlaceholder(part + 1, chunks.length))
					.setMinValues(0)
					.setMaxValues(Math.min(chunk.length, MAX_INTERESTS))
					.addOptions(chunk.map((item) => ({ label: item, value: item, default: profile.interests.includes(item.toLowerCase()) }))),
			)
			.toJSON(),
	);
}

function memberRoles(interaction: ChatInputCommandInteraction): string[] {
	const roles = interaction.member?.roles;
	if (!roles) return [];
	return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** A note Hearth could not deliver by DM goes first in the next /pair reply. */
function withNote(note: string | null, reply: Reply): Reply {
	if (!note) return reply;
	return { ...reply, content: [note, reply.content].filter(Boolean).join('\n\n') };
}

async function update(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
	await interaction.update({
		content: reply.content ?? '',
		embeds: reply.embeds ?? [],
		components: reply.components ?? [],
		allowedMentions: { parse: [] },
	});
}

async function profileReply(services: Services, guildId: string, userId: string, lead?: string): Promise<Reply> {
	const view = await services.pairing.profileView(guildId, userId);
	if (!view.profile) return withNote(view.note, { content: words.errors.notJoined });
	return withNote(view.note, {
		content: lead ?? '',
		embeds: [renderProfile(words, view.profile, view.config, view.pause)],
		components: view.profile.active ? interestMenus(view.config, view.profile) : [],
	});
}

export default {
	data: new SlashCommandBuilder()
		.setName('pair')
		.setDescription(d.pair)
		.setContexts(InteractionContextType.Guild)
		.addSubcommand((s) =>
			s
				.setName('join')
				.setDescription(d.join)
				.addStringOption((o) => o.setName('interests').setDescription(d.joinInterests).setAutocomplete(true).setMaxLength(400))
				.addStringOption((o) => o.setName('intro').setDescription(d.joinIntro).setMaxLength(MAX_INTRO_LENGTH + 20)),
		)
		.addSubcommand((s) =>
			s
				.setName('profile')
				.setDescription(d.profile)
				.addStringOption((o) => o.setName('interests').setDescription(d.profileInterests).setAutocomplete(true).setMaxLength(400))
				.addStringOption((o) => o.setName('add').setDescription(d.profileAdd).setAutocomplete(true).setMaxLength(400))
				.addStringOption((o) => o.setName('intro').setDescription(d.profileIntro).setMaxLength(MAX_INTRO_LENGTH + 20))
				.addBooleanOption((o) => o.setName('clear_intro').setDescription(d.profileClearIntro)),
		)
		.addSubcommand((s) =>
			s
				.setName('pause')
				.setDescription(d.pause)
				.addIntegerOption((o) => o.setName('rounds').setDescription(d.pauseRounds).setMinValue(1).setMaxValue(MAX_PAUSE_ROUNDS))
				.addStringOption((o) => o.setName('until').setDescription(d.pauseUntil).setMinLength(8).setMaxLength(10)),
		)
		.addSubcommand((s) => s.setName('resume').setDescription(d.resume))
		.addSubcommand((s) => s.setName('leave').setDescription(d.leave))
		.addSubcommand((s) => s.setName('block').setDescription(d.block).addUserOption((o) => o.setName('user').setDescription(d.blockUser).setRequired(true)))
		.addSubcommand((s) => s.setName('unblock').setDescription(d.unblock).addUserOption((o) => o.setName('user').setDescription(d.unblockUser).setRequired(true)))
		.addSubcommand((s) => s.setName('blocks').setDescription(d.blocks))
		.addSubcommand((s) => s.setName('history').setDescription(d.history))
		.toJSON(),
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const userId = interaction.user.id;
		const { pairing } = services;
		const options = interaction.options;
		switch (options.getSubcommand(true)) {
			case 'join': {
				const note = await pairing.members.takeNote(guildId, userId);
				const joined = await pairing.join(guildId, userId, {
					interests: options.getString('interests'),
					intro: options.getString('intro'),
					roles: memberRoles(interaction),
				});
				const lines = [
					joined.wasActive ? words.join.updated : words.join.welcome,
					joined.profile.interests.length > 0 ? words.join.interestsLine(interestsText(words, joined.profile.interests, joined.config.interests)) : words.join.noInterests,
					joined.nextRoundAt ? words.join.nextRound(joined.nextRoundAt) : words.join.noSchedule,
				];
				if (joined.config.interests.length > 0) lines.push(words.join.pickBelow);
				await respond(interaction, withNote(note, { content: lines.join('\n'), components: interestMenus(joined.config, joined.profile) }));
				return;
			}
			case 'profile': {
				const change = {
					interests: options.getString('interests'),
					add: options.getString('add'),
					intro: options.getString('intro'),
					clearIntro: options.getBoolean('clear_intro'),
				};
				const changing = Object.values(change).some((v) => v !== null && v !== false);
				if (changing) await pairing.editProfile(guildId, userId, change);
				await respond(interaction, await profileReply(services, guildId, userId, changing ? words.join.updated : undefined));
				return;
			}
			case 'pause': {
				const rounds = options.getInteger('rounds');
				const until = options.getString('until');
				if (rounds !== null && until !== null) throw new UserError(words.errors.pauseChooseOne);
				const note = await pairing.members.takeNote(guildId, userId);
				const profile = await pairing.pause(guildId, userId, until !== null ? { until } : { rounds: rounds ?? 1 });
				const text = profile.pausedUntilDate ? words.pause.until(profile.pausedUntilDate) : words.pause.rounds(rounds ?? 1);
				await respond(interaction, withNote(note, { content: text }));
				return;
			}
			case 'resume': {
				const note = await pairing.members.takeNote(guildId, userId);
				const was = await pairing.resume(guildId, userId);
				await respond(interaction, withNote(note, { content: was ? words.pause.resumed : words.errors.notPaused }));
				return;
			}
			case 'leave': {
				const profile = await pairing.members.profile(guildId, userId);
				if (!profile) throw new UserError(words.leave.notIn);
				const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId(customId('pairleave', 1, 'keep', userId)).setStyle(ButtonStyle.Primary).setLabel(words.leave.keepButton),
					new ButtonBuilder().setCustomId(customId('pairleave', 1, 'delete', userId)).setStyle(ButtonStyle.Danger).setLabel(words.leave.deleteButton),
					new ButtonBuilder().setCustomId(customId('pairleave', 1, 'stay', userId)).setStyle(ButtonStyle.Secondary).setLabel(words.leave.cancelButton),
				);
				if (!profile.active) row.components.shift();
				await respond(interaction, { content: profile.active ? `${words.leave.confirm}\n\n${words.leave.confirmDelete}` : words.leave.confirmDelete, components: [row.toJSON()] });
				return;
			}
			case 'block': {
				const user = options.getUser('user', true);
				if (user.bot) throw new UserError(words.errors.blockBot);
				const added = await pairing.block(guildId, userId, user.id);
				await respond(interaction, added ? words.block.done : words.block.already);
				return;
			}
			case 'unblock': {
				const user = options.getUser('user', true);
				const removed = await pairing.unblock(guildId, userId, user.id);
				if (!removed) throw new UserError(words.errors.notBlocked);
				await respond(interaction, words.block.undone);
				return;
			}
			case 'blocks': {
				await respond(interaction, renderBlocks(words, await pairing.blocks(guildId, userId)));
				return;
			}
			case 'history': {
				const note = await pairing.members.takeNote(guildId, userId);
				await respond(interaction, withNote(note, renderHistory(words, await pairing.history(guildId, userId))));
				return;
			}
		}
	},
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		if (focused.name !== 'interests' && focused.name !== 'add') {
			await interaction.respond([]);
			return;
		}
		const config = await services.pairing.config(interaction.guildId!);
		await interaction.respond(suggestInterests(String(focused.value), config.interests));
	},
	components: [
		{
			prefix: FOLLOW_UP_PREFIX,
			version: FOLLOW_UP_VERSION,
			async handle(interaction: ComponentInteraction, args: string[], services: Services) {
				const [round, group, answer, guildInId] = args;
				if (!interaction.isButton()) throw new UserError(en.common.unknownButton);
				const guildId = interaction.guildId ?? guildInId;
				if (!guildId || !SNOWFLAKE.test(guildId) || !/^\d+$/.test(round ?? '') || !/^\d+$/.test(group ?? '')) throw new UserError(words.errors.badAnswer);
				const outcome = await services.pairing.answer(guildId, Number(round), Number(group), interaction.user.id, answer ?? '');
				const thanks = words.followUp.thanks[answer as keyof typeof words.followUp.thanks];
				await respond(interaction, outcome === 'same' ? words.followUp.same : outcome === 'changed' ? `${words.followUp.changed} ${thanks}` : thanks);
			},
		},
		{
			prefix: 'pairpick',
			version: 1,
			async handle(interaction: ComponentInteraction, _args: string[], services: Services) {
				if (!interaction.isStringSelectMenu() || !interaction.inGuild()) throw new UserError(en.common.unknownButton);
				const offered = interaction.component.options.map((o) => o.value);
				const profile = await services.pairing.chooseInterests(interaction.guildId, interaction.user.id, offered, interaction.values);
				const config = await services.pairing.config(interaction.guildId);
				await update(interaction, {
					content: words.join.menuSaved(interestsText(words, profile.interests, config.interests)),
					components: interestMenus(config, profile),
				});
			},
		},
		{
			prefix: 'pairleave',
			version: 1,
			async handle(interaction: ComponentInteraction, args: string[], services: Services) {
				const [action, ownerId] = args;
				if (!interaction.isButton() || !interaction.inGuild()) throw new UserError(en.common.unknownButton);
				if (ownerId !== interaction.user.id) throw new UserError(words.errors.notYours);
				if (action === 'stay') {
					await update(interaction, { content: words.leave.cancelled });
					return;
				}
				if (action !== 'keep' && action !== 'delete') throw new UserError(en.common.unknownButton);
				if (action === 'keep' && !(await services.pairing.members.profile(interaction.guildId, interaction.user.id))?.active) {
					await update(interaction, { content: words.leave.notIn });
					return;
				}
				await services.pairing.leave(interaction.guildId, interaction.user.id, action === 'delete');
				await update(interaction, { content: action === 'delete' ? words.leave.deleted : words.leave.left });
			},
		},
	],
} satisfies Command;
