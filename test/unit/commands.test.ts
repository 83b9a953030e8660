import {
	ApplicationCommandOptionType,
	InteractionContextType,
	PermissionFlagsBits,
	type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';

// Discord's rules for application command bodies (https://discord.com/developers/docs/interactions/application-commands).
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function problemsOf(options: readonly APIApplicationCommandOption[] | undefined, path: string, depth: number): string[] {
	const problems: string[] = [];
	const list = options ?? [];
	if (list.length > 25) problems.push(`${path}: more than 25 options`);
	const names = new Set<string>();
	let sawOptional = false;
	for (const option of list) {
		const where = `${path} ${option.name}`;
		if (!NAME.test(option.name) || option.name !== option.name.toLowerCase()) problems.push(`${where}: invalid name`);
		if (names.has(option.name)) problems.push(`${where}: duplicate name`);
		names.add(option.name);
		if (option.description.length < 1 || option.description.length > 100) problems.push(`${where}: description must be 1-100 characters`);
		const isGroup = option.type === ApplicationCommandOptionType.SubcommandGroup;
		const isSub = option.type === ApplicationCommandOptionType.Subcommand;
		if (isGroup || isSub) {
			if (isGroup && depth > 0) problems.push(`${where}: a group can only be at the top level`);
			if (isSub && depth > 1) problems.push(`${where}: subcommands nest at most twice`);
			const nested = (option as { options?: APIApplicationCommandOption[] }).options;
			if (isGroup && nested?.some((o) => o.type !== ApplicationCommandOptionType.Subcommand)) problems.push(`${where}: a group holds only subcommands`);
			problems.push(...problemsOf(nested, where, depth + 1));
			continue;
		}
		if (list.some((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup)) {
			problems.push(`${where}: options cannot sit beside subcommands`);
		}
		const required = 'required' in option && option.required === true;
		if (required && sawOptional) problems.push(`${where}: required options must come before optional ones`);
		if (!required) sawOptional = true;
		const choices = 'choices' in option ? option.choices : undefined;
		if (choices && choices.length > 25) problems.push(`${where}: more than 25 choices`);
		if (choices && 'autocomplete' in option && option.autocomplete) problems.push(`${where}: choices and autocomplete together`);
		for (const choice of choices ?? []) {
			if (choice.name.length < 1 || choice.name.length > 100) problems.push(`${where}: choice name length`);
		}
	}
	return problems;
}

function totalCharacters(value: unknown): number {
	if (typeof value === 'string') return value.length;
	if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + totalCharacters(v), 0);
	if (value && typeof value === 'object') {
		return Object.entries(value).reduce(
			(sum, [key, v]) => sum + (['name', 'description', 'value'].includes(key) && typeof v === 'string' ? v.length : totalCharacters(v)),
			0,
		);
	}
	return 0;
}

describe('command registry', () => {
	it('has unique command names, each with a handler', () => {
		const names = commands.map((c) => c.data.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toEqual(expect.arrayContaining(['help', 'about']));
		for (const command of commands) expect(typeof command.execute, command.data.name).toBe('function');
	});

	it.each(commands.map((c) => [c.data.name, c] as const))('/%s is a valid body for Discord', (_name, command) => {
		const { data } = command;
		const problems = [
			...(NAME.test(data.name) && data.name === data.name.toLowerCase() ? [] : [`${data.name}: invalid name`]),
			...(data.description.length >= 1 && data.description.length <= 100 ? [] : [`${data.name}: description length`]),
			...problemsOf(data.options, `/${data.name}`, 0),
			...(totalCharacters(data) <= 8000 ? [] : [`${data.name}: more than 8000 characters in names, descriptions and values`]),
		];
		expect(problems).toEqual([]);
		expect(data.contexts).toEqual([InteractionContextType.Guild]);
	});

	it.each(commands.map((c) => [c.data.name, c] as const))('/%s: admin commands need Manage Server, member commands need nothing', (_name, command) => {
		if (command.admin) expect(command.data.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
		else expect(command.data.default_member_permissions ?? null).toBeNull();
	});

	it('has an autocomplete handler wherever an option asks for autocomplete', () => {
		const wantsAutocomplete = (options: readonly APIApplicationCommandOption[] | undefined): boolean =>
			(options ?? []).some((o) => ('autocomplete' in o && o.autocomplete) || wantsAutocomplete((o as { options?: APIApplicationCommandOption[] }).options));
		for (const command of commands) {
			if (wantsAutocomplete(command.data.options)) expect(command.autocomplete, command.data.name).toBeTypeOf('function');
		}
	});

	it('gives every component handler its own custom_id prefix', () => {
		const prefixes = commands.flatMap((c) => (c.components ?? []).map((h) => h.prefix));
		expect(new Set(prefixes).size).toBe(prefixes.length);
	});
});
