import { ActionRowBuilder, ButtonBuilder, SlashCommandBuilder, StringSelectMenuBuilder, StringSelectMenuOptionBuilder, channelMention, roleMention, time } from '@discordjs/builders';
import {
	ButtonStyle,
	ChannelType,
	InteractionContextType,
	PermissionFlagsBits,
	type APIActionRowComponent,
	type APIComponentInMessageActionRow,
	type APIEmbed,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import type { PermissionName } from '../src/core/discord-port.js';
import { UserError } from '../src/core/errors.js';
import { customId, type Command, type ComponentHandler } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { SlugSchema, TIERS, loadQuestionBankSync, type Tier } from '../src/features/prompts/bank.js';
import type { PromptConfig, Suggestion } from '../src/features/prompts/index.js';
import { QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH } from '../src/features/prompts/questions.js';
import { AUTO_ARCHIVE_MINUTES, DEPTH_MODES, type ArchiveMinutes } from '../src/features/prompts/records.js';
import { PROMPT_COLOR, excerpt, renderListEmbed } from '../src/features/prompts/render.js';
import { TimezoneSchema, describeSchedule, parseScheduleInput, searchTimezones } from '../src/scheduler/schedule.js';
import type { Services } from '../src/services.js';
import { en } from '../src/strings/index.js';

const words = en.prompts.commands;
// Theme choices are part of the command's definition, so they come from the same bank the feature loads.
const THEMES = loadQuestionBankSync().themes;
const THEMES_CUSTOM_ID = 'prompt-themes';
const SUGGESTION_CUSTOM_ID = 'prompt-sugg';
const QUEUE_SHOWN = 5;

const tierChoices = TIERS.map((tier) => ({ name: en.prompts.tiers[tier], value: tier }));
const themeChoices = THEMES.slice(0, 25).map((t) => ({ name: t.name.slice(0, 100), value: t.id }));
const archiveChoices = AUTO_ARCHIVE_MINUTES.map((m) => ({ name: words.archive[m], value: m }));

/** Options as they arrive from Discord, checked before anything is changed. */
const TierSchema = z.enum(TIERS);
const ThemeIdSchema = z.enum(THEMES.map((t) => t.id) as [string, ...string[]]);
const DepthModeSchema = z.enum(DEPTH_MODES);
const ArchiveSchema = z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]);
const ShortText = z.string().trim().min(1).max(200);
const QuestionText = z.string().max(2000);
const DecisionArgs = z.tuple([z.enum(['approve', 'reject']), SlugSchema]);
const ThemeValues = z.array(ThemeIdSchema).min(1).max(THEMES.length);

function optional<T>(schema: z.ZodType<T>, value: unknown, problem: string): T | undefined {
	if (value === null || value === undefined) return undefined;
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw new UserError(problem);
	return parsed.data;
}

function required<T>(schema: z.ZodType<T>, value: unknown, problem: string): T {
	const parsed = optional(schema, value, problem);
	if (parsed === undefined) throw new UserError(problem);
	return parsed;
}

function permissionWords(services: Services, missing: readonly PermissionName[]): string {
	const names = services.strings.setup.permissionNames as Record<string, string>;
	return missing.map((p) => `**${names[p] ?? p}**`).join(', ');
}

/** "Next prompt: …", or what is still missing before prompts can start. */
async function nextLine(services: Services, guildId: string, config: PromptConfig): Promise<string> {
	const w = services.strings.prompts.admin;
	if (!config.channelId) return w.needsChannel;
	if (!config.schedule) return w.needsSchedule;
	if (config.paused) return w.paused;
	const next = await services.prompts.nextPostAt(guildId, config);
	return next ? w.nextPost(`${time(next, 'F')} (${time(next, 'R')})`) : w.noUpcoming;
}

function themesMenu(services: Services, config: PromptConfig): APIActionRowComponent<APIComponentInMessageActionRow> {
	const enabled = new Set(config.themes ?? THEMES.map((t) => t.id));
	const menu = new StringSelectMenuBuilder()
		.setCustomId(customId(THEMES_CUSTOM_ID, 1))
		.setPlaceholder(services.strings.prompts.admin.themesPlaceholder)
		.setMinValues(1)
		.setMaxValues(THEMES.length)
		.addOptions(
			THEMES.map((t) =>
				new StringSelectMenuOptionBuilder()
					.setLabel(t.name.slice(0, 100))
					.setValue(t.id)
					.setDescription(excerpt(t.description, 100))
					.setDefault(enabled.has(t.id)),
			),
		);
	return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>;
}

/** The suggestions queue: one numbered embed and one row of Approve/Reject buttons per suggestion. */
function renderQueue(services: Services, pending: readonly Suggestion[]): { embeds: APIEmbed[]; components: APIActionRowComponent<APIComponentInMessageActionRow>[] } {
	const w = services.strings.prompts.suggestions;
	if (pending.length === 0) return { embeds: [renderListEmbed(w.queueTitle, [w.queueEmpty])], components: [] };
	const shown = pending.slice(0, QUEUE_SHOWN);
	const embeds: APIEmbed[] = shown.map((s, i) => ({
		color: PROMPT_COLOR,
		title: `${i === 0 ? `${w.queueTitle} · ` : ''}#${i + 1}`,
		description: `**${s.text}**\n${w.from(`<@${s.userId}>`, s.anonymous)} · ${time(new Date(s.submittedAt), 'R')}`,
	}));
	if (pending.length > shown.length) embeds[embeds.length - 1]!.footer = { text: w.queueMore(pending.length - shown.length) };
	const components = shown.map(
		(s, i) =>
			new ActionRowBuilder<ButtonBuilder>()
				.addComponents(
					new ButtonBuilder().setCustomId(customId(SUGGESTION_CUSTOM_ID, 1, 'approve', s.id)).setLabel(`${w.approve} #${i + 1}`).setStyle(ButtonStyle.Success),
					new ButtonBuilder().setCustomId(customId(SUGGESTION_CUSTOM_ID, 1, 'reject', s.id)).setLabel(`${w.reject} #${i + 1}`).setStyle(ButtonStyle.Secondary),
				)
				.toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>,
	);
	return { embeds, components };
}

async function setSchedule(interaction: ChatInputCommandInteraction, services: Services, guildId: string, kind: 'daily' | 'weekdays' | 'cron'): Promise<void> {
	// A blank option counts as left out, so the schedule parser can say what it needs instead of a bare option name.
	const text = (name: string) => optional(ShortText, interaction.options.getString(name)?.trim() || null, services.strings.common.invalidInput(name));
	const spec = parseScheduleInput({
		kind,
		...(text('time') !== undefined ? { time: text('time')! } : {}),
		...(text('days') !== undefined ? { days: text('days')! } : {}),
		...(text('expression') !== undefined ? { cron: text('expression')! } : {}),
		...(interaction.options.getInteger('every') !== null ? { everyWeeks: interaction.options.getInteger('every')! } : {}),
		...(text('starting') !== undefined ? { anchorDate: text('starting')! } : {}),
	});
	const config = await services.prompts.setSchedule(guildId, interaction.user.id, spec);
	const timezone = await services.prompts.timezoneOf(guildId, config);
	await respond(interaction, `${services.strings.prompts.admin.scheduleSet(describeSchedule(spec), timezone)}\n${await nextLine(services, guildId, config)}`);
}

async function execute(interaction: ChatInputCommandInteraction, services: Services): Promise<void> {
	const guildId = interaction.guildId!;
	const userId = interaction.user.id;
	const { prompts, strings } = services;
	const w = strings.prompts.admin;
	const group = interaction.options.getSubcommandGroup(false);
	const sub = interaction.options.getSubcommand(true);

	if (group === 'schedule') return setSchedule(interaction, services, guildId, sub === 'daily' ? 'daily' : sub === 'days' ? 'weekdays' : 'cron');
	if (group === 'question') return questionCommand(interaction, services, guildId, sub);

	switch (sub) {
		case 'channel': {
			const channel = interaction.options.getChannel('channel', true);
			if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) throw new UserError(w.notText);
			const config = await prompts.setChannel(guildId, userId, channel.id);
			const needed: PermissionName[] = ['ViewChannel', 'SendMessages', 'EmbedLinks', ...(config.threads ? (['CreatePublicThreads'] as const) : [])];
			const missing = await services.discord.missingPermissions(guildId, channel.id, needed).catch(() => [] as PermissionName[]);
			const lines = [w.channelSet(channelMention(channel.id))];
			if (missing.length > 0) lines.push(w.channelMissingPermissions(channelMention(channel.id), permissionWords(services, missing)));
			lines.push(await nextLine(services, guildId, config));
			await respond(interaction, lines.join('\n'));
			return;
		}
		case 'timezone': {
			const raw = required(ShortText, interaction.options.getString('zone', true), strings.common.invalidInput('zone'));
			if (raw.toLowerCase() === 'server') {
				const config = await prompts.setTimezone(guildId, userId, null);
				await respond(interaction, `${w.timezoneFollowsServer(await prompts.timezoneOf(guildId, config))}\n${await nextLine(services, guildId, config)}`);
				return;
			}
			const parsed = TimezoneSchema.safeParse(raw);
			if (!parsed.success) throw new UserError(parsed.error.issues[0]?.message ?? strings.common.invalidInput('zone'));
			const config = await prompts.setTimezone(guildId, userId, parsed.data);
			await respond(interaction, `${w.timezoneSet(parsed.data)}\n${await nextLine(services, guildId, config)}`);
			return;
		}
		case 'themes': {
			const config = await prompts.getConfig(guildId);
			await respond(interaction, { content: w.themesPick, components: [themesMenu(services, config)] });
			return;
		}
		case 'depth': {
			const mode = required(DepthModeSchema, interaction.options.getString('mode', true), strings.common.invalidInput('mode'));
			const tier = optional(TierSchema, interaction.options.getString('tier'), strings.common.invalidInput('tier'));
			const config = await prompts.setDepth(guildId, userId, mode, tier);
			await respond(interaction, w.depthSet(prompts.depthDescription(config)));
			return;
		}
		case 'mention': {
			const role = interaction.options.getRole('role');
			if (!role) {
				await prompts.setMentionRole(guildId, userId, null);
				await respond(interaction, w.mentionOff);
				return;
			}
			if (role.managed) throw new UserError(w.mentionManaged);
			const config = await prompts.setMentionRole(guildId, userId, role.id);
			const lines = [w.mentionSet(roleMention(role.id))];
			if (!role.mentionable) {
				const where = config.channelId ?? interaction.channelId;
				const missing = await services.discord.missingPermissions(guildId, where, ['MentionEveryone']).catch(() => ['MentionEveryone' as const]);
				if (missing.length > 0) lines.push(w.mentionNotMentionable(roleMention(role.id)));
			}
			await respond(interaction, lines.join('\n'));
			return;
		}
		case 'threads': {
			const on = interaction.options.getBoolean('enabled', true);
			const archive = optional(ArchiveSchema, interaction.options.getInteger('archive'), strings.common.invalidInput('archive')) as ArchiveMinutes | undefined;
			const config = await prompts.setThreads(guildId, userId, on, archive);
			await respond(interaction, on ? w.threadsOn(w.archiveDurations[config.autoArchiveMinutes] ?? `${config.autoArchiveMinutes}`) : w.threadsOff);
			return;
		}
		case 'pin': {
			const on = interaction.options.getBoolean('enabled', true);
			await prompts.setPin(guildId, userId, on);
			await respond(interaction, on ? w.pinOn : w.pinOff);
			return;
		}
		case 'pause': {
			await respond(interaction, (await prompts.pause(guildId, userId)) ? w.paused : w.alreadyPaused);
			return;
		}
		case 'resume': {
			if (!(await prompts.resume(guildId, userId))) {
				await respond(interaction, w.notPaused);
				return;
			}
			await respond(interaction, `${w.resumed}\n${await nextLine(services, guildId, await prompts.getConfig(guildId))}`);
			return;
		}
		case 'skip': {
			const count = interaction.options.getInteger('count') ?? 1;
			const config = await prompts.skipNext(guildId, userId, count);
			await respond(interaction, `${w.skipped(config.skipNext)}\n${await nextLine(services, guildId, config)}`);
			return;
		}
		case 'post-now': {
			const outcome = await prompts.postNow(guildId, userId);
			if (outcome.status === 'posted') {
				const config = await prompts.getConfig(guildId);
				const noThread = config.threads && outcome.post.threadId === null;
				await respond(interaction, `${w.postedNow(outcome.link)}${noThread ? `\n${w.postedNowNoThread}` : ''}`);
			} else if (outcome.status === 'failed' && outcome.post.reason === 'no-questions') await respond(interaction, w.postNowNoQuestions);
			else if (outcome.status === 'duplicate') await respond(interaction, w.postedNow(outcome.post.messageId ?? ''));
			else await respond(interaction, w.postNowFailed);
			return;
		}
		case 'preview': {
			const preview = await prompts.preview(guildId);
			await respond(interaction, preview.message);
			return;
		}
		case 'suggestions': {
			await respond(interaction, renderQueue(services, await prompts.pendingSuggestions(guildId)));
			return;
		}
		case 'status': {
			const { title, lines } = await prompts.describeConfig(guildId);
			await respond(interaction, { embeds: [{ color: PROMPT_COLOR, title, description: lines.join('\n') }] });
			return;
		}
	}
}

async function questionCommand(interaction: ChatInputCommandInteraction, services: Services, guildId: string, sub: string): Promise<void> {
	const { prompts, strings } = services;
	const w = strings.prompts.questions;
	const userId = interaction.user.id;
	const tier = optional(TierSchema, interaction.options.getString('depth'), strings.common.invalidInput('depth')) as Tier | undefined;
	const theme = optional(ThemeIdSchema, interaction.options.getString('theme'), strings.common.invalidInput('theme'));
	switch (sub) {
		case 'add': {
			const text = required(QuestionText, interaction.options.getString('text', true), strings.prompts.questionTooLong(QUESTION_MAX_LENGTH, 2000));
			const askNext = interaction.options.getBoolean('next') ?? false;
			const question = await prompts.addCustomQuestion(guildId, userId, { text, ...(tier ? { tier } : {}), theme: theme ?? null, askNext });
			await respond(interaction, `${w.added(question.id, question.text)}${askNext ? `\n${w.addedNext}` : ''}`);
			return;
		}
		case 'edit': {
			const id = required(SlugSchema, interaction.options.getString('question', true), w.notFound);
			const text = optional(QuestionText, interaction.options.getString('text'), strings.prompts.questionTooLong(QUESTION_MAX_LENGTH, 2000));
			const question = await prompts.editCustomQuestion(guildId, userId, id, {
				...(text !== undefined ? { text } : {}),
				...(tier ? { tier } : {}),
				...(theme ? { theme } : {}),
			});
			await respond(interaction, w.edited(question.id, question.text));
			return;
		}
		case 'remove': {
			const id = required(SlugSchema, interaction.options.getString('question', true), w.notFound);
			const removed = await prompts.removeCustomQuestion(guildId, userId, id);
			await respond(interaction, w.removed(removed.id));
			return;
		}
		case 'list': {
			const questions = await prompts.listCustomQuestions(guildId);
			if (questions.length === 0) {
				await respond(interaction, w.listEmpty);
				return;
			}
			const lines = questions.map((q) =>
				w.listLine(
					q.id,
					strings.prompts.tiers[q.tier],
					excerpt(q.text, 160),
					q.credit ? (q.credit.anonymous || !q.credit.userId ? w.creditAnonymous : w.creditNamed(`<@${q.credit.userId}>`)) : null,
				),
			);
			const embed = renderListEmbed(w.listTitle, lines);
			const shown = (embed.description ?? '').split('\n\n').length;
			if (shown < lines.length) embed.footer = { text: w.listMore(lines.length - shown) };
			await respond(interaction, { embeds: [embed] });
			return;
		}
	}
}

const themesHandler: ComponentHandler = {
	prefix: THEMES_CUSTOM_ID,
	version: 1,
	admin: true,
	async handle(interaction, _args, services) {
		if (!interaction.isStringSelectMenu() || !interaction.inGuild()) throw new UserError(services.strings.common.unknownButton);
		const parsed = ThemeValues.safeParse(interaction.values);
		if (!parsed.success) throw new UserError(services.strings.prompts.admin.themesPick);
		const config = await services.prompts.setThemes(interaction.guildId, interaction.user.id, parsed.data);
		const names = config.themes ? config.themes.map((t) => services.prompts.themeName(t)).join(', ') : services.strings.prompts.admin.themesAll;
		await interaction.update({ content: services.strings.prompts.admin.themesSet(names), components: [], allowedMentions: { parse: [] } });
	},
};

const suggestionHandler: ComponentHandler = {
	prefix: SUGGESTION_CUSTOM_ID,
	version: 1,
	admin: true,
	async handle(interaction, args, services) {
		if (!interaction.isButton() || !interaction.inGuild()) throw new UserError(services.strings.common.unknownButton);
		const parsed = DecisionArgs.safeParse(args);
		if (!parsed.success) throw new UserError(services.strings.common.unknownButton);
		const [decision, suggestionId] = parsed.data;
		const w = services.strings.prompts.suggestions;
		const guildName = interaction.guild?.name ?? w.thisServer;
		const result = await services.prompts.decideSuggestion(interaction.guildId, interaction.user.id, suggestionId, decision, guildName);
		const outcome = decision === 'approve' ? w.approved(excerpt(result.suggestion.text, 200)) : w.rejected(excerpt(result.suggestion.text, 200));
		const queue = renderQueue(services, await services.prompts.pendingSuggestions(interaction.guildId));
		await interaction.update({
			content: result.memberTold ? outcome : `${outcome}\n${w.memberToldNo}`,
			embeds: queue.embeds,
			components: queue.components,
			allowedMentions: { parse: [] },
		});
	},
};

export default {
	data: new SlashCommandBuilder()
		.setName('prompt-admin')
		.setDescription(words.admin)
		.setContexts(InteractionContextType.Guild)
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((s) =>
			s
				.setName('channel')
				.setDescription(words.channel)
				.addChannelOption((o) =>
					o.setName('channel').setDescription(words.channelOption).setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
				),
		)
		.addSubcommandGroup((g) =>
			g
				.setName('schedule')
				.setDescription(words.schedule)
				.addSubcommand((s) =>
					s
						.setName('daily')
						.setDescription(words.daily)
						.addStringOption((o) => o.setName('time').setDescription(words.timeOption).setRequired(true).setMaxLength(20)),
				)
				.addSubcommand((s) =>
					s
						.setName('days')
						.setDescription(words.days)
						.addStringOption((o) => o.setName('days').setDescription(words.daysOption).setRequired(true).setMaxLength(100))
						.addStringOption((o) => o.setName('time').setDescription(words.timeOption).setRequired(true).setMaxLength(20))
						.addIntegerOption((o) =>
							o.setName('every').setDescription(words.everyOption).addChoices({ name: '1', value: 1 }, { name: '2', value: 2 }, { name: '4', value: 4 }),
						)
						.addStringOption((o) => o.setName('starting').setDescription(words.startingOption).setMaxLength(10)),
				)
				.addSubcommand((s) =>
					s
						.setName('cron')
						.setDescription(words.cron)
						.addStringOption((o) => o.setName('expression').setDescription(words.cronOption).setRequired(true).setMaxLength(100)),
				),
		)
		.addSubcommand((s) =>
			s
				.setName('timezone')
				.setDescription(words.timezone)
				.addStringOption((o) => o.setName('zone').setDescription(words.zoneOption).setRequired(true).setAutocomplete(true).setMaxLength(64)),
		)
		.addSubcommand((s) => s.setName('themes').setDescription(words.themes))
		.addSubcommand((s) =>
			s
				.setName('depth')
				.setDescription(words.depth)
				.addStringOption((o) =>
					o
						.setName('mode')
						.setDescription(words.modeOption)
						.setRequired(true)
						.addChoices(...DEPTH_MODES.map((m) => ({ name: words.modes[m], value: m }))),
				)
				.addStringOption((o) => o.setName('tier').setDescription(words.tierOption).addChoices(...tierChoices)),
		)
		.addSubcommand((s) =>
			s
				.setName('mention')
				.setDescription(words.mention)
				.addRoleOption((o) => o.setName('role').setDescription(words.roleOption)),
		)
		.addSubcommand((s) =>
			s
				.setName('threads')
				.setDescription(words.threads)
				.addBooleanOption((o) => o.setName('enabled').setDescription(words.enabledOption).setRequired(true))
				.addIntegerOption((o) => o.setName('archive').setDescription(words.archiveOption).addChoices(...archiveChoices)),
		)
		.addSubcommand((s) =>
			s
				.setName('pin')
				.setDescription(words.pin)
				.addBooleanOption((o) => o.setName('enabled').setDescription(words.enabledOption).setRequired(true)),
		)
		.addSubcommand((s) => s.setName('pause').setDescription(words.pause))
		.addSubcommand((s) => s.setName('resume').setDescription(words.resume))
		.addSubcommand((s) =>
			s
				.setName('skip')
				.setDescription(words.skip)
				.addIntegerOption((o) => o.setName('count').setDescription(words.countOption).setMinValue(1).setMaxValue(10)),
		)
		.addSubcommand((s) => s.setName('post-now').setDescription(words.postNow))
		.addSubcommand((s) => s.setName('preview').setDescription(words.preview))
		.addSubcommandGroup((g) =>
			g
				.setName('question')
				.setDescription(words.question)
				.addSubcommand((s) =>
					s
						.setName('add')
						.setDescription(words.questionAdd)
						.addStringOption((o) =>
							o.setName('text').setDescription(words.textOption).setRequired(true).setMinLength(QUESTION_MIN_LENGTH).setMaxLength(QUESTION_MAX_LENGTH),
						)
						.addStringOption((o) => o.setName('depth').setDescription(words.depthOption).addChoices(...tierChoices))
						.addStringOption((o) => o.setName('theme').setDescription(words.themeOption).addChoices(...themeChoices))
						.addBooleanOption((o) => o.setName('next').setDescription(words.nextOption)),
				)
				.addSubcommand((s) =>
					s
						.setName('edit')
						.setDescription(words.questionEdit)
						.addStringOption((o) => o.setName('question').setDescription(words.questionOption).setRequired(true).setAutocomplete(true).setMaxLength(64))
						.addStringOption((o) => o.setName('text').setDescription(words.textOption).setMinLength(QUESTION_MIN_LENGTH).setMaxLength(QUESTION_MAX_LENGTH))
						.addStringOption((o) => o.setName('depth').setDescription(words.depthOption).addChoices(...tierChoices))
						.addStringOption((o) => o.setName('theme').setDescription(words.themeOption).addChoices(...themeChoices)),
				)
				.addSubcommand((s) =>
					s
						.setName('remove')
						.setDescription(words.questionRemove)
						.addStringOption((o) => o.setName('question').setDescription(words.questionOption).setRequired(true).setAutocomplete(true).setMaxLength(64)),
				)
				.addSubcommand((s) => s.setName('list').setDescription(words.questionList)),
		)
		.addSubcommand((s) => s.setName('suggestions').setDescription(words.suggestions))
		.addSubcommand((s) => s.setName('status').setDescription(words.status))
		.toJSON(),
	admin: true,
	defer: 'ephemeral',
	execute,
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		const typed = String(focused.value ?? '').slice(0, 100);
		if (focused.name === 'zone') {
			const server = await services.settings.get(interaction.guildId!);
			const serverChoice = { name: services.strings.prompts.admin.timezoneServerChoice(server.timezone).slice(0, 100), value: 'server' };
			const zones = searchTimezones(typed, 24).map((zone) => ({ name: zone, value: zone }));
			await interaction.respond(typed.trim() === '' || 'server'.startsWith(typed.trim().toLowerCase()) ? [serverChoice, ...zones].slice(0, 25) : zones);
			return;
		}
		if (focused.name === 'question') {
			const needle = typed.trim().toLowerCase();
			const questions = await services.prompts.listCustomQuestions(interaction.guildId!);
			const matches = questions.filter((q) => needle === '' || q.id.includes(needle) || q.text.toLowerCase().includes(needle));
			await interaction.respond(matches.slice(0, 25).map((q) => ({ name: excerpt(`${q.id} · ${q.text}`, 100), value: q.id })));
			return;
		}
		await interaction.respond([]);
	},
	components: [themesHandler, suggestionHandler],
} satisfies Command;
