import { ActionRowBuilder, ButtonBuilder, SlashCommandBuilder } from '@discordjs/builders';
import { ButtonStyle, InteractionContextType } from 'discord-api-types/v10';
import { UserError } from '../src/core/errors.js';
import { customId, type Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { en } from '../src/strings/index.js';
import { localized, setupCommandLocales as L } from '../src/features/setup/localizations.js';
import { CONFIRMATION_TTL_MS, ExportIncompleteError, memberDataRights } from '../src/features/setup/privacy.js';
import { featureTitle } from '../src/features/setup/summary.js';
import { renderMemberData } from '../src/features/setup/render.js';

const words = en.setup.commands.privacy;

export default {
	data: localized(
		new SlashCommandBuilder()
			.setName('privacy')
			.setDescription(words.description)
			.setContexts(InteractionContextType.Guild)
			.addSubcommand((s) => localized(s.setName('show').setDescription(words.show), L, 'privacy show'))
			.addSubcommand((s) => localized(s.setName('export').setDescription(words.export), L, 'privacy export'))
			.addSubcommand((s) => localized(s.setName('delete').setDescription(words.delete), L, 'privacy delete')),
		L,
		'privacy',
	).toJSON(),
	defer: 'ephemeral',
	async execute(interaction, services) {
		const { strings, clock } = services;
		const guildId = interaction.guildId!;
		const userId = interaction.user.id;
		switch (interaction.options.getSubcommand(true)) {
			case 'show': {
				const data = await collect(services, guildId, userId);
				await respond(interaction, { embeds: [renderMemberData(strings, data)] });
				return;
			}
			case 'export': {
				const data = await collect(services, guildId, userId);
				await respond(interaction, {
					content: strings.setup.privacy.exportReady,
					files: [{ attachment: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8'), name: `hearth-data-${guildId}-${userId}.json` }],
				});
				return;
			}
			case 'delete': {
				const issued = clock.now().getTime().toString(36);
				const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId(customId('privacy', 1, 'delete', userId, issued)).setStyle(ButtonStyle.Danger).setLabel(strings.setup.privacy.deleteButton),
					new ButtonBuilder().setCustomId(customId('privacy', 1, 'keep', userId, issued)).setStyle(ButtonStyle.Secondary).setLabel(strings.setup.privacy.keepButton),
				);
				await respond(interaction, { content: strings.setup.privacy.deleteConfirm, components: [row.toJSON()] });
				return;
			}
		}
	},
	components: [
		{
			prefix: 'privacy',
			version: 1,
			async handle(interaction, args, services) {
				const { strings, clock } = services;
				const [action, ownerId, issued] = args;
				if (!interaction.isButton() || !interaction.inGuild()) throw new UserError(strings.common.unknownButton);
				if (ownerId !== interaction.user.id) throw new UserError(strings.setup.privacy.notYourButton);
				if (action === 'keep') {
					await interaction.update({ content: strings.setup.privacy.deleteCancelled, components: [] });
					return;
				}
				if (action !== 'delete') throw new UserError(strings.common.unknownButton);
				const issuedAt = Number.parseInt(issued ?? '', 36);
				if (!Number.isFinite(issuedAt) || clock.now().getTime() - issuedAt > CONFIRMATION_TTL_MS) {
					await interaction.update({ content: strings.setup.privacy.confirmationExpired, components: [] });
					return;
				}
				await interaction.deferUpdate();
				const report = await memberDataRights(services).deleteAll(interaction.guildId, interaction.user.id);
				const done = report.failedFeatures.length === 0 && report.remainingKeys.length === 0;
				await respond(interaction, { content: done ? strings.setup.privacy.deleteDone : strings.setup.privacy.deletePartial, components: [] });
			},
		},
	],
} satisfies Command;

async function collect(services: Parameters<Command['execute']>[1], guildId: string, userId: string) {
	try {
		return await memberDataRights(services).collect(guildId, userId);
	} catch (error) {
		if (error instanceof ExportIncompleteError) {
			throw new UserError(services.strings.setup.privacy.exportIncomplete(featureTitle(services.strings, error.feature).toLowerCase()));
		}
		throw error;
	}
}
