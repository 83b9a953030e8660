import { EmbedBuilder } from '@discordjs/builders';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Strings } from '../strings/index.js';
import type { Command } from './command.js';
import type { Reply } from './respond.js';

const HEARTH_COLOR = 0xe8744f;

/** One line per member command (and its subcommands), built from the registry so /help never goes stale. */
export function renderHelp(commands: readonly Command[], strings: Strings): Reply {
	const memberLines: string[] = [];
	const adminNames: string[] = [];
	for (const command of commands) {
		if (command.admin) {
			adminNames.push(`/${command.data.name}`);
			continue;
		}
		const subcommands = (command.data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
		if (subcommands.length === 0) memberLines.push(`**/${command.data.name}** — ${command.data.description}`);
		for (const sub of subcommands) memberLines.push(`**/${command.data.name} ${sub.name}** — ${sub.description}`);
	}
	const embed = new EmbedBuilder()
		.setColor(HEARTH_COLOR)
		.setTitle(strings.common.help.title)
		.setDescription(strings.common.help.intro)
		.addFields(
			{ name: strings.common.help.memberCommandsTitle, value: memberLines.join('\n').slice(0, 1024) || '—' },
			{ name: strings.common.help.adminCommandsTitle, value: `${adminNames.join(', ') || '—'}\n${strings.common.help.adminCommandsHint}`.slice(0, 1024) },
		)
		.setFooter({ text: strings.common.help.footer });
	return { embeds: [embed.toJSON()] };
}

export function renderAbout(strings: Strings, facts: { version: string; uptimeMs: number; backend: string; guildCount: number }): Reply {
	const embed = new EmbedBuilder()
		.setColor(HEARTH_COLOR)
		.setTitle(strings.common.about.title)
		.addFields(
			{ name: strings.common.about.version, value: facts.version, inline: true },
			{ name: strings.common.about.uptime, value: formatDuration(facts.uptimeMs), inline: true },
			{ name: strings.common.about.store, value: facts.backend, inline: true },
			{ name: strings.common.about.guilds, value: String(facts.guildCount), inline: true },
		);
	return { embeds: [embed.toJSON()] };
}

export function formatDuration(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const mins = minutes % 60;
	return [days ? `${days}d` : '', hours ? `${hours}h` : '', `${mins}m`].filter(Boolean).join(' ');
}
