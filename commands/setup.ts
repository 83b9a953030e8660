import { EmbedBuilder, SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { InteractionUpdateOptions, MessageComponentInteraction, RepliableInteraction } from 'discord.js';
import { z } from 'zod';
import type { OutgoingMessage } from '../src/core/discord-port.js';
import { UserError } from '../src/core/errors.js';
import { customId, type Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { searchTimezones } from '../src/scheduler/schedule.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';
import { applySetup, startingPoint } from '../src/features/setup/apply.js';
import {
	CHALLENGE_STARTS,
	PAIRING_CADENCES,
	PROMPT_CADENCES,
	SETUP_STEPS,
	SetupDrafts,
	accessChecksOf,
	missingChoices,
	newDraft,
	type SetupDraft,
} from '../src/features/setup/flow.js';
import { SETUP_FIELDS, renderSetupStep, type ChallengeChoice } from '../src/features/setup/flow-render.js';
import { localized, setupCommandLocales as L } from '../src/features/setup/localizations.js';
import { describeAccessProblem, findAccessProblems } from '../src/features/setup/permissions.js';
import { HEARTH_COLOR } from '../src/features/setup/render.js';
import { parseValue, valueSchemas } from '../src/features/setup/values.js';

const words = en.setup.commands.setup;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const slot = z.string().regex(/^[0-6]-([01]\d|2[0-3]):[0-5]\d$/);

export default {
	data: localized(
		new SlashCommandBuilder()
			.setName('setup')
			.setDescription(words.description)
			.setContexts(InteractionContextType.Guild)
			.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
			.addStringOption((o) => localized(o.setName('timezone').setDescription(words.timezone).setAutocomplete(true).setMaxLength(100), L, 'setup timezone')),
		L,
		'setup',
	).toJSON(),
	admin: true,
	defer: 'ephemeral',
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const typed = interaction.options.getString('timezone');
		const timezone = typed ? parseValue(services.strings, 'timezone', valueSchemas(services.strings).timezone, typed) : null;
		const drafts = new SetupDrafts(services.store, services.clock);
		const start = await startingPoint(services, guildId);
		const draft = await drafts.save(guildId, interaction.user.id, {
			...newDraft(start, services.clock.now(), drafts.newFlowId()),
			...(timezone ? { timezone } : {}),
		});
		await respond(interaction, await render(services, guildId, draft));
	},
	async autocomplete(interaction) {
		const focused = interaction.options.getFocused(true);
		await interaction.respond(focused.name === 'timezone' ? searchTimezones(focused.value, 25).map((tz) => ({ name: tz, value: tz })) : []);
	},
	components: [
		{
			prefix: 'setup',
			version: 1,
			admin: true,
			async handle(interaction, args, services) {
				const [flowId, part] = args;
				if (!flowId || !part || !interaction.isMessageComponent() || !interaction.inGuild()) throw new UserError(services.strings.common.unknownButton);
				const guildId = interaction.guildId;
				const userId = interaction.user.id;
				const drafts = new SetupDrafts(services.store, services.clock);
				const words = services.strings.setup.flow;
				const closeWith = (content: string) => update(interaction, { content, embeds: [], components: [] });

				if (part === 'cancel') {
					const found = await drafts.load(guildId, userId, flowId);
					if (found.ok) await drafts.finish(guildId, userId);
					await closeWith(found.ok || found.reason === 'expired' ? words.cancelled : words.replaced);
					return;
				}
				if (part === 'save') {
					const found = await drafts.load(guildId, userId, flowId);
					if (!found.ok) return closeWith(found.reason === 'expired' ? words.expired : words.replaced);
					await interaction.deferUpdate();
					// Permissions may have changed since the review: check once more before saving anything.
					const problems = await problemsOf(services, guildId, found.draft);
					if (problems.length > 0) {
						await respond(interaction as RepliableInteraction, await render(services, guildId, { ...found.draft, step: 'review' }, problems));
						return;
					}
					// A second Save click finds the draft already taken: the first click's reply shows what was saved.
					const draft = await drafts.claim(guildId, userId, flowId);
					if (!draft) return;
					const actor = { userId, canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false };
					const result = await applySetup(services, guildId, actor, draft);
					await drafts.finish(guildId, userId);
					await respond(interaction as RepliableInteraction, { content: '', embeds: [savedEmbed(services, result)], components: [] });
					return;
				}

				const changed = await drafts.change(guildId, userId, flowId, (draft) => changeDraft(services, interaction, draft, part));
				if (!changed.ok) return closeWith(changed.reason === 'expired' ? words.expired : words.replaced);
				await update(interaction, await render(services, guildId, changed.draft));
			},
		},
	],
} satisfies Command;

/** One click or selection applied to the draft; unknown or malformed input leaves it unchanged. */
function changeDraft(services: Services, interaction: MessageComponentInteraction, draft: SetupDraft, part: string): SetupDraft {
	const index = SETUP_STEPS.indexOf(draft.step);
	if (part === 'next') return { ...draft, step: SETUP_STEPS[Math.min(index + 1, SETUP_STEPS.length - 1)]! };
	if (part === 'back') return { ...draft, step: SETUP_STEPS[Math.max(index - 1, 0)]! };
	if (part === 'recheck') return draft;
	if (interaction.isChannelSelectMenu()) {
		const id = interaction.values[0] ?? null;
		const names = { ...draft.names };
		const channel = id ? interaction.channels.get(id) : undefined;
		const name = channel && 'name' in channel ? channel.name : null;
		if (id && name) names[id] = name.slice(0, 100);
		switch (part) {
			case SETUP_FIELDS.promptsChannel:
				return { ...draft, names, promptsChannelId: id };
			case SETUP_FIELDS.pairingChannel:
				return { ...draft, names, pairingChannelId: id };
			case SETUP_FIELDS.challengeChannel:
				return { ...draft, names, challengeChannelId: id };
			case SETUP_FIELDS.logChannel:
				return { ...draft, names, logChannelId: id };
		}
		return draft;
	}
	if (interaction.isRoleSelectMenu()) {
		const id = interaction.values[0] ?? null;
		// The @everyone role cannot be anyone's special role here.
		if (id === interaction.guildId) return draft;
		const names = { ...draft.names };
		const name = id ? interaction.roles.get(id)?.name : undefined;
		if (id && name) names[id] = name.slice(0, 100);
		if (part === SETUP_FIELDS.completionRole) return { ...draft, names, completionRoleId: id };
		if (part === SETUP_FIELDS.adminRole) return { ...draft, names, adminRoleId: id };
		return draft;
	}
	if (interaction.isStringSelectMenu()) {
		const value = interaction.values[0] ?? '';
		switch (part) {
			case SETUP_FIELDS.promptCadence: {
				const parsed = z.enum(PROMPT_CADENCES).safeParse(value);
				if (!parsed.success || (parsed.data === 'keep' && !draft.promptCustom)) return draft;
				return { ...draft, promptCadence: parsed.data };
			}
			case SETUP_FIELDS.promptTime:
				return time.safeParse(value).success ? { ...draft, promptTime: value } : draft;
			case SETUP_FIELDS.pairingCadence: {
				const parsed = z.enum(PAIRING_CADENCES).safeParse(value);
				return parsed.success ? { ...draft, pairingCadence: parsed.data } : draft;
			}
			case SETUP_FIELDS.pairingSlot: {
				if (!slot.safeParse(value).success) return draft;
				const [day, at] = value.split('-') as [string, string];
				return { ...draft, pairingDay: Number(day), pairingTime: at };
			}
			case SETUP_FIELDS.challengeTemplate: {
				if (value === 'none') return { ...draft, challengeTemplateId: null };
				return services.challenges.templates().some((t) => t.id === value) ? { ...draft, challengeTemplateId: value } : draft;
			}
			case SETUP_FIELDS.challengeStart: {
				const parsed = z.enum(CHALLENGE_STARTS).safeParse(value);
				return parsed.success ? { ...draft, challengeStart: parsed.data } : draft;
			}
			case SETUP_FIELDS.challengeTime:
				return time.safeParse(value).success ? { ...draft, challengeTime: value } : draft;
		}
	}
	return draft;
}

/** What stands between the draft and Save, in the admin's words: missing choices, then missing permissions. */
async function problemsOf(services: Services, guildId: string, draft: SetupDraft): Promise<string[]> {
	const { strings } = services;
	const review = strings.setup.flow.review;
	const out = missingChoices(draft).map((code) => (code === 'nothing' ? review.nothingChosen : review.needChannel(review.whatNames[code])));
	const access = await findAccessProblems(services.discord, guildId, accessChecksOf(draft));
	out.push(...access.map((p) => describeAccessProblem(strings, p)));
	if (access.length > 0) out.push(strings.setup.access.fixHint);
	return out;
}

async function render(services: Services, guildId: string, draft: SetupDraft, problems?: string[]): Promise<OutgoingMessage> {
	const templates: ChallengeChoice[] = services.challenges.templates().map((t) => ({ id: t.id, name: t.name, days: t.days }));
	return renderSetupStep(services.strings, draft, {
		id: (part) => customId('setup', 1, draft.flowId, part),
		templates,
		now: services.clock.now(),
		...(draft.step === 'review' ? { problems: problems ?? (await problemsOf(services, guildId, draft)) } : {}),
	});
}

function savedEmbed(services: Services, result: { lines: string[]; failures: string[] }) {
	const words = services.strings.setup.flow;
	const embed = new EmbedBuilder()
		.setColor(HEARTH_COLOR)
		.setTitle(words.savedTitle)
		.setDescription(result.lines.map((l) => `• ${l}`).join('\n').slice(0, 4000) || '—')
		.setFooter({ text: words.savedFooter });
	if (result.failures.length > 0) {
		embed.addFields({ name: words.savedPartialTitle, value: result.failures.map((f) => `• ${f}`).join('\n').slice(0, 1024) });
	}
	return embed.toJSON();
}

/** Replaces the setup message in place (the admin sees one message move through the steps). */
async function update(interaction: MessageComponentInteraction, message: OutgoingMessage): Promise<void> {
	await interaction.update({
		content: message.content ?? '',
		embeds: message.embeds ?? [],
		components: message.components ?? [],
		allowedMentions: { parse: [] },
	} as InteractionUpdateOptions);
}
