import { ActionRowBuilder, ButtonBuilder, SlashCommandBuilder } from '@discordjs/builders';
import { ButtonStyle, ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { RepliableInteraction } from 'discord.js';
import type { PermissionName } from '../src/core/discord-port.js';
import { customId, type Command } from '../src/discord/command.js';
import { respond } from '../src/discord/respond.js';
import { MAX_GROUP_SIZE, MAX_REPEAT_WINDOW, MIN_GROUP_SIZE, MODES } from '../src/features/pairing/index.js';
import { cycleMs } from '../src/features/pairing/cadence.js';
import { normalizeInterest } from '../src/features/pairing/interests.js';
import { renderInterestList, renderPreview, renderStatus, roundStartReport } from '../src/features/pairing/views.js';
import { searchTimezones } from '../src/scheduler/schedule.js';
import { en } from '../src/strings/index.js';
import type { Services } from '../src/services.js';

const words = en.pairing;
const d = words.commands;
const a = words.admin;

/** What private pair threads need in their channel. */
const THREAD_PERMISSIONS: PermissionName[] = ['ViewChannel', 'SendMessagesInThreads', 'CreatePrivateThreads'];
/** Monday first, as most people read a week; values are 0 (Sunday) … 6 (Saturday). */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Runs a round at once and tells the admin how it went. */
async function runRoundNow(interaction: RepliableInteraction, services: Services): Promise<void> {
	const guildId = interaction.guildId!;
	const outcome = await services.pairing.runNow(guildId, interaction.user.id);
	if (outcome.kind === 'empty') {
		await respond(interaction, a.nothingToRun(outcome.available));
		return;
	}
	// The admin sees the round's report here, so it is not repeated as a pending notice.
	await services.notices.resolve(guildId, `pairing:round:${outcome.round.number}:started`);
	const report = roundStartReport(words, outcome.round, outcome.groups);
	await respond(interaction, outcome.kind === 'resumed' ? `${a.resumedRound(outcome.round.number)}\n${report}` : a.ranNow(report));
}

export default {
	data: new SlashCommandBuilder()
		.setName('pair-admin')
		.setDescription(d.admin)
		.setContexts(InteractionContextType.Guild)
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((s) =>
			s
				.setName('channel')
				.setDescription(d.channel)
				.addChannelOption((o) => o.setName('channel').setDescription(d.channelOption).addChannelTypes(ChannelType.GuildText).setRequired(true)),
		)
		.addSubcommand((s) =>
			s
				.setName('schedule')
				.setDescription(d.schedule)
				.addIntegerOption((o) =>
					o
						.setName('every')
						.setDescription(d.scheduleEvery)
						.addChoices(...([1, 2, 4] as const).map((n) => ({ name: d.cadenceChoices[n], value: n }))),
				)
				.addIntegerOption((o) =>
					o
						.setName('day')
						.setDescription(d.scheduleDay)
						.addChoices(...DAY_ORDER.map((n) => ({ name: words.dayNames[n]!, value: n }))),
				)
				.addStringOption((o) => o.setName('time').setDescription(d.scheduleTime).setMaxLength(10))
				.addStringOption((o) => o.setName('timezone').setDescription(d.scheduleTimezone).setAutocomplete(true).setMaxLength(64)),
		)
		.addSubcommand((s) =>
			s
				.setName('group-size')
				.setDescription(d.groupSize)
				.addIntegerOption((o) => o.setName('size').setDescription(d.groupSizeOption).setMinValue(MIN_GROUP_SIZE).setMaxValue(MAX_GROUP_SIZE).setRequired(true)),
		)
		.addSubcommand((s) =>
			s
				.setName('mode')
				.setDescription(d.mode)
				.addStringOption((o) =>
					o
						.setName('mode')
						.setDescription(d.modeOption)
						.setRequired(true)
						.addChoices(...MODES.map((m) => ({ name: d.modeChoices[m], value: m }))),
				),
		)
		.addSubcommand((s) =>
			s
				.setName('repeat-window')
				.setDescription(d.repeatWindow)
				.addIntegerOption((o) => o.setName('rounds').setDescription(d.repeatWindowOption).setMinValue(0).setMaxValue(MAX_REPEAT_WINDOW).setRequired(true)),
		)
		.addSubcommandGroup((g) =>
			g
				.setName('interests')
				.setDescription(d.interests)
				.addSubcommand((s) =>
					s
						.setName('add')
						.setDescription(d.interestsAdd)
						.addStringOption((o) => o.setName('interest').setDescription(d.interestOption).setRequired(true).setMaxLength(60)),
				)
				.addSubcommand((s) =>
					s
						.setName('remove')
						.setDescription(d.interestsRemove)
						.addStringOption((o) => o.setName('interest').setDescription(d.interestOption).setRequired(true).setAutocomplete(true).setMaxLength(60)),
				)
				.addSubcommand((s) => s.setName('list').setDescription(d.interestsList))
				.addSubcommand((s) => s.setName('reset').setDescription(d.interestsReset)),
		)
		.addSubcommand((s) =>
			s
				.setName('required-role')
				.setDescription(d.requiredRole)
				.addRoleOption((o) => o.setName('role').setDescription(d.requiredRoleOption)),
		)
		.addSubcommand((s) => s.setName('run-now').setDescription(d.runNow))
		.addSubcommand((s) => s.setName('preview').setDescription(d.preview))
		.addSubcommand((s) => s.setName('pause').setDescription(d.pauseAll))
		.addSubcommand((s) => s.setName('resume').setDescription(d.resumeAll))
		.addSubcommand((s) => s.setName('status').setDescription(d.status))
		.toJSON(),
	admin: true,
	defer: 'ephemeral',
	async execute(interaction, services) {
		const guildId = interaction.guildId!;
		const adminId = interaction.user.id;
		const { pairing, discord } = services;
		const options = interaction.options;
		const group = options.getSubcommandGroup(false);
		const sub = options.getSubcommand(true);

		if (group === 'interests') {
			switch (sub) {
				case 'add': {
					const config = await pairing.addInterest(guildId, adminId, options.getString('interest', true));
					await respond(interaction, a.saved.interestAdded(config.interests.at(-1)!, config.interests.length));
					return;
				}
				case 'remove': {
					const { config, removed } = await pairing.removeInterest(guildId, adminId, options.getString('interest', true));
					await respond(interaction, a.saved.interestRemoved(removed, config.interests.length));
					return;
				}
				case 'list': {
					await respond(interaction, renderInterestList(words, (await pairing.config(guildId)).interests));
					return;
				}
				case 'reset': {
					const config = await pairing.resetInterests(guildId, adminId);
					await respond(interaction, a.saved.interestsReset(config.interests.length));
					return;
				}
			}
			return;
		}

		switch (sub) {
			case 'channel': {
				const channel = options.getChannel('channel', true, [ChannelType.GuildText]);
				await pairing.setChannel(guildId, adminId, channel.id);
				const missing = await discord.missingPermissions(guildId, channel.id, THREAD_PERMISSIONS);
				await respond(interaction, missing.length > 0 ? a.saved.channelMissing(channel.id, missing) : a.saved.channel(channel.id));
				return;
			}
			case 'schedule': {
				const input = {
					everyWeeks: options.getInteger('every'),
					day: options.getInteger('day'),
					time: options.getString('time'),
					timezone: options.getString('timezone'),
				};
				const config = Object.values(input).some((v) => v !== null) ? await pairing.setSchedule(guildId, adminId, input) : await pairing.config(guildId);
				const status = await pairing.status(guildId);
				const text = a.saved.schedule(a.statusSchedule(config.everyWeeks, config.day, config.time, status.timezone), status.nextRoundAt);
				await respond(interaction, config.channelId ? text : `${text}\n${a.noChannelYet}`);
				return;
			}
			case 'group-size': {
				const config = await pairing.setGroupSize(guildId, adminId, options.getInteger('size', true));
				await respond(interaction, a.saved.groupSize(config.groupSize));
				return;
			}
			case 'mode': {
				const config = await pairing.setMode(guildId, adminId, options.getString('mode', true));
				await respond(interaction, a.saved.mode(a.modeNames[config.mode]));
				return;
			}
			case 'repeat-window': {
				const config = await pairing.setRepeatWindow(guildId, adminId, options.getInteger('rounds', true));
				await respond(interaction, a.saved.repeatWindow(config.repeatWindow));
				return;
			}
			case 'required-role': {
				const role = options.getRole('role');
				const config = await pairing.setRequiredRole(guildId, adminId, role?.id ?? null);
				await respond(interaction, config.requiredRoleId ? a.saved.requiredRole(config.requiredRoleId) : a.saved.requiredRoleCleared);
				return;
			}
			case 'run-now': {
				// A round introduced recently would give everyone a second introduction: ask before doing that.
				const latest = await pairing.records.latest(guildId);
				const config = await pairing.config(guildId);
				const since = latest ? services.clock.now().getTime() - Date.parse(latest.plannedAt) : Infinity;
				if (latest && latest.state !== 'planned' && latest.state !== 'introducing' && since < cycleMs(config) / 2) {
					await respond(interaction, {
						content: a.runNowConfirm(latest.number, Math.max(1, Math.round(since / 3_600_000))),
						components: [
							new ActionRowBuilder<ButtonBuilder>()
								.addComponents(new ButtonBuilder().setCustomId(customId('pairrun', 1)).setLabel(a.runNowAnyway).setStyle(ButtonStyle.Danger))
								.toJSON(),
						],
					});
					return;
				}
				await runRoundNow(interaction, services);
				return;
			}
			case 'preview': {
				const plan = await pairing.preview(guildId);
				await respond(interaction, renderPreview(words, plan, (await pairing.config(guildId)).interests));
				return;
			}
			case 'pause': {
				await pairing.setPaused(guildId, adminId, true);
				await respond(interaction, a.saved.paused);
				return;
			}
			case 'resume': {
				await pairing.setPaused(guildId, adminId, false);
				await respond(interaction, a.saved.resumed(await pairing.nextRoundAt(guildId)));
				return;
			}
			case 'status': {
				await respond(interaction, renderStatus(words, await pairing.status(guildId)));
				return;
			}
		}
	},
	async autocomplete(interaction, services) {
		const focused = interaction.options.getFocused(true);
		const typed = String(focused.value);
		if (focused.name === 'timezone') {
			await interaction.respond(searchTimezones(typed).map((tz) => ({ name: tz, value: tz })));
			return;
		}
		if (focused.name === 'interest') {
			const list = (await services.pairing.config(interaction.guildId!)).interests;
			const q = normalizeInterest(typed);
			await interaction.respond(
				list
					.filter((i) => i.toLowerCase().includes(q))
					.slice(0, 25)
					.map((i) => ({ name: i, value: i })),
			);
			return;
		}
		await interaction.respond([]);
	},
	components: [
		{
			prefix: 'pairrun',
			version: 1,
			admin: true,
			async handle(interaction, _args, services) {
				if (!interaction.isButton()) return;
				await interaction.update({ content: a.runNowStarting, components: [] });
				await runRoundNow(interaction, services);
			},
		},
	],
} satisfies Command;
