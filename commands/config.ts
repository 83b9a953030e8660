import { ActionRowBuilder, ButtonBuilder, SlashCommandBuilder } from '@discordjs/builders';
import { ButtonStyle, ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { AutocompleteInteraction } from 'discord.js';
import { UserError } from '../src/core/errors.js';
import { customId, type Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { searchTimezones } from '../src/scheduler/schedule.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';
import { configKeys, matchKeys, resetConfiguration, setConfigValue, type ConfigKey } from '../src/features/setup/config.js';
import { localized, setupCommandLocales as L } from '../src/features/setup/localizations.js';
import { CONFIRMATION_TTL_MS } from '../src/features/setup/privacy.js';
import { renderAudit, renderConfig } from '../src/features/setup/render.js';
import { clip } from '../src/features/setup/summary.js';

const words = en.setup.commands.config;
const AUTOCOMPLETE_MAX = 25;

export default {
	data: localized(
		new SlashCommandBuilder()
			.setName('config')
			.setDescription(words.description)
			.setContexts(InteractionContextType.Guild)
			.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
			.addSubcommand((s) => localized(s.setName('show').setDescription(words.show), L, 'config show'))
			.addSubcommand((s) =>
				localized(
					s
						.setName('set')
						.setDescription(words.set)
						.addStringOption((o) => localized(o.setName('key').setDescription(words.key).setRequired(true).setAutocomplete(true).setMaxLength(60), L, 'config set key'))
						.addStringOption((o) =>
							localized(o.setName('value').setDescription(words.value).setRequired(true).setAutocomplete(true).setMaxLength(300), L, 'config set value'),
						),
					L,
					'config set',
				),
			)
			.addSubcommand((s) => localized(s.setName('reset').setDescription(words.reset), L, 'config reset'))
			.addSubcommand((s) => localized(s.setName('audit').setDescription(words.audit), L, 'config audit')),
		L,
		'config',
	).toJSON(),
	admin: true,
	defer: 'ephemeral',
	async execute(interaction, services) {
		const { strings, clock, audit } = services;
		const guildId = interaction.guildId!;
		switch (interaction.options.getSubcommand(true)) {
			case 'show':
				await respond(interaction, { embeds: [await renderConfig(services, guildId)] });
				return;
			case 'set': {
				const key = interaction.options.getString('key', true);
				const value = interaction.options.getString('value', true);
				const actor = { userId: interaction.user.id, canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false };
				const result = await setConfigValue({ services, guildId, actor }, key, value);
				await respond(interaction, result.changed ? strings.setup.config.saved(result.key.name, result.display) : strings.setup.config.unchanged(result.key.name, result.display));
				return;
			}
			case 'reset': {
				const issued = clock.now().getTime().toString(36);
				const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId(customId('config', 1, 'reset', issued)).setStyle(ButtonStyle.Danger).setLabel(strings.setup.config.resetButton),
					new ButtonBuilder().setCustomId(customId('config', 1, 'cancel', issued)).setStyle(ButtonStyle.Secondary).setLabel(strings.setup.config.cancelButton),
				);
				await respond(interaction, { content: strings.setup.config.resetConfirm, components: [row.toJSON()] });
				return;
			}
			case 'audit':
				await respond(interaction, { embeds: [renderAudit(strings, await audit.recent(guildId, 20))] });
				return;
		}
	},
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		const keys = configKeys(services);
		if (focused.name === 'key') {
			await interaction.respond(
				matchKeys(keys, focused.value)
					.slice(0, AUTOCOMPLETE_MAX)
					.map((k) => ({ name: clip(`${k.name} · ${k.description}`, 100), value: k.name })),
			);
			return;
		}
		const keyName = interaction.options.getString('key')?.trim().toLowerCase();
		const key = keys.find((k) => k.name === keyName);
		await interaction.respond(key ? valueSuggestions(interaction, services, key, focused.value) : []);
	},
	components: [
		{
			prefix: 'config',
			version: 1,
			admin: true,
			async handle(interaction, args, services) {
				const { strings, clock } = services;
				const [action, issued] = args;
				if (!interaction.isButton() || !interaction.inGuild()) throw new UserError(strings.common.unknownButton);
				if (action === 'cancel') {
					await interaction.update({ content: strings.setup.config.resetCancelled, components: [] });
					return;
				}
				if (action !== 'reset') throw new UserError(strings.common.unknownButton);
				const issuedAt = Number.parseInt(issued ?? '', 36);
				if (!Number.isFinite(issuedAt) || clock.now().getTime() - issuedAt > CONFIRMATION_TTL_MS) {
					await interaction.update({ content: strings.setup.config.resetExpired, components: [] });
					return;
				}
				await interaction.deferUpdate();
				const failed = await resetConfiguration(services, interaction.guildId, interaction.user.id);
				await respond(interaction, {
					content: failed.length === 0 ? strings.setup.config.resetDone : strings.setup.config.resetPartial(failed.join(', ')),
					components: [],
				});
			},
		},
	],
} satisfies Command;

/** Suggestions for the value of `key` from what the admin typed: time zones, this server's channels or roles, words. */
function valueSuggestions(interaction: AutocompleteInteraction, services: Services, key: ConfigKey, typed: string): Array<{ name: string; value: string }> {
	const q = typed.trim().toLowerCase().replace(/^[#@]/, '');
	const none = { name: services.strings.setup.none, value: 'none' };
	switch (key.kind) {
		case 'timezone':
			return searchTimezones(typed, AUTOCOMPLETE_MAX).map((tz) => ({ name: tz, value: tz }));
		case 'channel': {
			const channels = [...(interaction.guild?.channels.cache.values() ?? [])]
				.filter((c) => (c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement) && c.name.toLowerCase().includes(q))
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((c) => ({ name: clip(`#${c.name}`, 100), value: c.id }));
			return [none, ...channels].slice(0, AUTOCOMPLETE_MAX);
		}
		case 'role': {
			const roles = [...(interaction.guild?.roles.cache.values() ?? [])]
				.filter((r) => r.id !== interaction.guildId && !r.managed && r.name.toLowerCase().includes(q))
				.sort((a, b) => b.position - a.position)
				.map((r) => ({ name: clip(`@${r.name}`, 100), value: r.id }));
			return [none, ...roles].slice(0, AUTOCOMPLETE_MAX);
		}
		case 'on-off':
			return [services.strings.setup.config.on, services.strings.setup.config.off].map((w) => ({ name: w, value: w }));
		case 'choice':
			return (key.choices ?? [])
				.filter((c) => c.toLowerCase().includes(q))
				.slice(0, AUTOCOMPLETE_MAX)
				.map((c) => ({ name: clip(c, 100), value: clip(c, 100) }));
		case 'text':
			return [];
	}
}
