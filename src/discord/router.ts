import { randomBytes } from 'node:crypto';
import {
	MessageFlags,
	PermissionFlagsBits,
	type AutocompleteInteraction,
	type BaseInteraction,
	type ChatInputCommandInteraction,
	type Interaction,
	type RepliableInteraction,
} from 'discord.js';
import { UserError } from '../core/errors.js';
import type { Services } from '../services.js';
import { parseCustomId, type Command, type ComponentHandler, type ComponentInteraction } from './command.js';
import { respond } from './respond.js';

export interface InteractionRouter {
	handle(interaction: Interaction): Promise<void>;
	/** Resolves when every interaction being handled has finished (graceful shutdown). */
	idle(): Promise<void>;
}

/** Whether the member may use admin commands: Manage Server, or the guild's chosen Hearth admin role. */
export async function isGuildAdmin(interaction: BaseInteraction, services: Services): Promise<boolean> {
	if (!interaction.inGuild()) return false;
	if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
	const { adminRoleId } = await services.settings.get(interaction.guildId);
	if (!adminRoleId) return false;
	const roles = interaction.member.roles;
	return Array.isArray(roles) ? roles.includes(adminRoleId) : roles.cache.has(adminRoleId);
}

/**
 * The one dispatcher for every interaction. It always answers: a UserError becomes a private message in plain words,
 * anything unexpected a short private apology with an incident id, logged in full with that id.
 */
export function createInteractionRouter(commands: readonly Command[], services: Services): InteractionRouter {
	const byName = new Map(commands.map((command) => [command.data.name, command]));
	const components = new Map<string, ComponentHandler>();
	for (const command of commands) {
		for (const handler of command.components ?? []) {
			if (components.has(handler.prefix)) throw new Error(`Two component handlers use the prefix ${handler.prefix}`);
			components.set(handler.prefix, handler);
		}
	}
	const inFlight = new Set<Promise<void>>();
	const { logger, strings } = services;

	async function fail(interaction: Interaction, error: unknown, what: string): Promise<void> {
		if (error instanceof UserError) {
			logger.debug({ what, guildId: interaction.guildId, userId: interaction.user.id, reason: error.message }, 'user error');
			if (interaction.isRepliable()) await safeRespond(interaction, error.message);
			return;
		}
		const incidentId = randomBytes(4).toString('hex');
		logger.error(
			{ err: error, incidentId, what, guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id },
			'interaction failed',
		);
		if (interaction.isRepliable()) await safeRespond(interaction, strings.common.unexpectedError(incidentId));
	}

	async function safeRespond(interaction: RepliableInteraction, text: string): Promise<void> {
		try {
			await respond(interaction, text);
		} catch (error) {
			logger.warn({ err: error, interactionId: interaction.id }, 'could not answer the interaction');
		}
	}

	async function tellPendingNotices(interaction: RepliableInteraction): Promise<void> {
		if (!interaction.inGuild()) return;
		const pending = await services.notices.takePending(interaction.guildId);
		if (pending.length === 0) return;
		const text = [`**${strings.common.pendingNoticesTitle}**`, ...pending.map((n) => `• ${n.text}`)].join('\n').slice(0, 2000);
		await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
	}

	async function runCommand(interaction: ChatInputCommandInteraction): Promise<void> {
		const command = byName.get(interaction.commandName);
		if (!command) throw new UserError(strings.common.unknownCommand);
		if (!interaction.inGuild()) throw new UserError(strings.common.guildOnly);
		if (command.admin && !(await isGuildAdmin(interaction, services))) throw new UserError(strings.common.adminOnly);
		if (command.defer) await interaction.deferReply(command.defer === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
		await command.execute(interaction, services);
		if (command.admin) await tellPendingNotices(interaction);
	}

	async function runAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
		const command = byName.get(interaction.commandName);
		try {
			if (!command?.autocomplete || !interaction.inGuild()) {
				await interaction.respond([]);
				return;
			}
			await command.autocomplete(interaction, services);
		} catch (error) {
			logger.warn({ err: error, command: interaction.commandName, guildId: interaction.guildId }, 'autocomplete failed');
			if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
		}
	}

	async function runComponent(interaction: ComponentInteraction): Promise<void> {
		const parsed = parseCustomId(interaction.customId);
		const handler = parsed ? components.get(parsed.prefix) : undefined;
		if (!parsed || !handler) throw new UserError(strings.common.unknownButton);
		if (handler.admin && !(await isGuildAdmin(interaction, services))) throw new UserError(strings.common.adminOnly);
		if (parsed.version === handler.version) return handler.handle(interaction, parsed.args, services);
		const legacy = handler.legacy?.[parsed.version];
		if (legacy) return legacy(interaction, parsed.args, services);
		throw new UserError(strings.common.oldButton);
	}

	async function dispatch(interaction: Interaction): Promise<void> {
		const what = interaction.isChatInputCommand()
			? `/${interaction.commandName}`
			: interaction.isMessageComponent() || interaction.isModalSubmit()
				? interaction.customId
				: `interaction type ${interaction.type}`;
		try {
			if (interaction.isChatInputCommand()) await runCommand(interaction);
			else if (interaction.isAutocomplete()) await runAutocomplete(interaction);
			else if (interaction.isMessageComponent() || interaction.isModalSubmit()) await runComponent(interaction);
		} catch (error) {
			await fail(interaction, error, what);
		}
	}

	return {
		handle(interaction) {
			const work = dispatch(interaction);
			inFlight.add(work);
			void work.finally(() => inFlight.delete(work));
			return work;
		},
		async idle() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
	};
}
