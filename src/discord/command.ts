import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	MessageComponentInteraction,
	ModalSubmitInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Services } from '../services.js';

/**
 * One slash command: its definition (plain JSON, from a builder) and its handler. Each file in commands/ ends with
 * `} satisfies Command;` and the registry in commands/index.ts lists them all.
 */
export interface Command {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Admin commands need Manage Server (or the guild's Hearth admin role), checked again at run time. */
	admin?: boolean;
	/** Defer before running, for handlers that may take over a second. */
	defer?: 'ephemeral' | 'public';
	execute(interaction: ChatInputCommandInteraction, services: Services): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, services: Services): Promise<void>;
	/** Buttons, select menus and modals this command's messages carry. */
	components?: ComponentHandler[];
}

export type ComponentInteraction = MessageComponentInteraction | ModalSubmitInteraction;

/**
 * Handles custom_ids of the form `<prefix>:<version>:<args…>`. Ids of the current version go to `handle`; ids of an
 * older version go to `legacy[version]` when there is one, else the member is told politely to run the command again.
 */
export interface ComponentHandler {
	prefix: string;
	version: number;
	admin?: boolean;
	handle(interaction: ComponentInteraction, args: string[], services: Services): Promise<void>;
	legacy?: Record<number, (interaction: ComponentInteraction, args: string[], services: Services) => Promise<void>>;
}

const PREFIX = /^[a-z][a-z0-9-]{0,23}$/;

/** Builds a versioned custom_id; Discord allows 100 characters. */
export function customId(prefix: string, version: number, ...args: Array<string | number>): string {
	if (!PREFIX.test(prefix)) throw new Error(`Bad custom_id prefix ${prefix}`);
	const parts = args.map(String);
	if (parts.some((p) => p.includes(':'))) throw new Error('custom_id arguments cannot contain ":"');
	const id = [prefix, `v${version}`, ...parts].join(':');
	if (id.length > 100) throw new Error(`custom_id too long (${id.length}): ${id}`);
	return id;
}

export function parseCustomId(id: string): { prefix: string; version: number; args: string[] } | null {
	const [prefix, version, ...args] = id.split(':');
	const match = /^v(\d+)$/.exec(version ?? '');
	if (!prefix || !match) return null;
	return { prefix, version: Number(match[1]), args };
}
