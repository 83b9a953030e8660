import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../src/core/errors.js';
import type { Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH } from '../src/features/prompts/questions.js';
import { renderHistory } from '../src/features/prompts/render.js';
import { en } from '../src/strings/index.js';

const words = en.prompts.commands;

/** What a member sends with /prompt suggest; the feature tidies and checks the text itself. */
const SuggestInput = z.object({
	text: z.string().max(2000),
	credit: z.enum(['name', 'anonymous']).default('name'),
});

export default {
	data: new SlashCommandBuilder()
		.setName('prompt')
		.setDescription(words.prompt)
		.setContexts(InteractionContextType.Guild)
		.addSubcommand((s) =>
			s
				.setName('suggest')
				.setDescription(words.suggest)
				.addStringOption((o) =>
					o.setName('text').setDescription(words.suggestText).setRequired(true).setMinLength(QUESTION_MIN_LENGTH).setMaxLength(QUESTION_MAX_LENGTH),
				)
				.addStringOption((o) =>
					o
						.setName('credit')
						.setDescription(words.suggestCredit)
						.addChoices({ name: words.creditName, value: 'name' }, { name: words.creditAnonymous, value: 'anonymous' }),
				),
		)
		.addSubcommand((s) => s.setName('history').setDescription(words.history))
		.toJSON(),
	defer: 'ephemeral',
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const { prompts, strings } = services;
		switch (interaction.options.getSubcommand(true)) {
			case 'suggest': {
				const parsed = SuggestInput.safeParse({
					text: interaction.options.getString('text', true),
					credit: interaction.options.getString('credit') ?? undefined,
				});
				if (!parsed.success) throw new UserError(strings.prompts.questionTooLong(QUESTION_MAX_LENGTH, interaction.options.getString('text', true).length));
				const anonymous = parsed.data.credit === 'anonymous';
				await prompts.suggest(guildId, interaction.user.id, parsed.data.text, anonymous);
				await respond(interaction, anonymous ? strings.prompts.suggestions.thanksAnonymous : strings.prompts.suggestions.thanks);
				return;
			}
			case 'history': {
				const items = await prompts.history(guildId, 10);
				await respond(
					interaction,
					renderHistory(
						strings.prompts,
						items.map(({ post, answers }) => ({ at: new Date(post.at), text: post.questionText ?? '', answers, threadId: post.threadId })),
					),
				);
				return;
			}
		}
	},
} satisfies Command;
