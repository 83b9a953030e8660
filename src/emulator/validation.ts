import { z } from 'zod';
import { addFormError, invalidFormBody, type FormErrorTree } from './errors.js';

/**
 * Bodies the bot sends enter the emulator here. Zod checks their shape; the rules Discord enforces beyond
 * shape (unique custom ids, required options first, …) are checked by hand. Failures become Discord's own
 * `50035 Invalid Form Body` answer with the same nested `errors` tree, so discord.js shows the same message.
 */

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let v: unknown = input;
	for (const key of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<PropertyKey, unknown>)[key];
	}
	return v;
}

/** Turns zod issues into Discord's form-error tree. */
export function issuesToTree(issues: readonly Issue[], input: unknown, prefix: (string | number)[] = []): FormErrorTree {
	const tree: FormErrorTree = {};
	for (const issue of issues) {
		const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
		addFormError(tree, path, discordIssue(issue, valueAt(input, issue.path)));
	}
	return tree;
}

function discordIssue(issue: Issue, value: unknown): { code: string; message: string } {
	switch (issue.code) {
		case 'too_big':
			if (issue.origin === 'string' || issue.origin === 'array') {
				return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(issue.maximum)} or fewer in length.` };
			}
			return { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${String(issue.maximum)}.` };
		case 'too_small':
			if (issue.origin === 'string' || issue.origin === 'array') {
				return { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(issue.minimum)} or more in length.` };
			}
			return { code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${String(issue.minimum)}.` };
		case 'invalid_type':
			if (value === undefined) return { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
			return {
				code: `BASE_TYPE_${String(issue.expected).toUpperCase()}`,
				message: `Could not interpret ${JSON.stringify(value)} as ${String(issue.expected)}.`,
			};
		case 'invalid_value':
			return {
				code: 'BASE_TYPE_CHOICES',
				message: `Value must be one of (${issue.values.map((v) => JSON.stringify(v)).join(', ')}).`,
			};
		case 'invalid_format':
			return { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
		case 'custom': {
			const params = (issue as { params?: { code?: string } }).params;
			return { code: params?.code ?? 'INVALID', message: issue.message };
		}
		default:
			return { code: 'INVALID', message: issue.message };
	}
}

/** Parses `input` with `schema`, or throws Discord's 50035 answer. */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown, prefix: (string | number)[] = []): T {
	const result = schema.safeParse(input);
	if (!result.success) throw invalidFormBody(issuesToTree(result.error.issues, input, prefix));
	return result.data;
}

// ── messages ──────────────────────────────────────────────────────────────────

const url = z.string().regex(/^(https?|attachment):\/\/\S+$/, { message: 'Not a well formed URL.' });

export const embedSchema = z.looseObject({
	title: z.string().max(256).optional(),
	type: z.string().optional(),
	description: z.string().max(4096).optional(),
	url: url.optional(),
	timestamp: z.string().optional(),
	color: z.number().int().min(0).max(0xffffff).nullable().optional(),
	footer: z.looseObject({ text: z.string().max(2048), icon_url: url.optional() }).optional(),
	image: z.looseObject({ url }).optional(),
	thumbnail: z.looseObject({ url }).optional(),
	author: z.looseObject({ name: z.string().max(256), url: url.optional(), icon_url: url.optional() }).optional(),
	fields: z
		.array(z.looseObject({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().optional() }))
		.max(25)
		.optional(),
});

const allowedMentionsSchema = z
	.looseObject({
		parse: z.array(z.enum(['users', 'roles', 'everyone'])).optional(),
		users: z.array(z.string()).max(100).optional(),
		roles: z.array(z.string()).max(100).optional(),
		replied_user: z.boolean().optional(),
	})
	.superRefine((v, ctx) => {
		for (const kind of ['users', 'roles'] as const) {
			if (v.parse?.includes(kind) && v[kind] !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['parse'],
					message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
					params: { code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE' },
				});
			}
		}
	});

const attachmentRefSchema = z.looseObject({
	id: z.union([z.string(), z.number()]),
	filename: z.string().nullable().optional(),
	description: z.string().max(1024).nullable().optional(),
	title: z.string().nullable().optional(),
});

/** The fields shared by channel messages, interaction replies and webhook messages. */
export const messageBodySchema = z.looseObject({
	content: z.string().max(2000).nullable().optional(),
	tts: z.boolean().optional(),
	embeds: z.array(embedSchema).max(10).nullable().optional(),
	allowed_mentions: allowedMentionsSchema.nullable().optional(),
	components: z.array(z.looseObject({ type: z.number().int() })).nullable().optional(),
	attachments: z.array(attachmentRefSchema).max(10).nullable().optional(),
	flags: z.number().int().min(0).nullable().optional(),
	nonce: z.union([z.string().max(25), z.number().int()]).optional(),
	enforce_nonce: z.boolean().optional(),
	message_reference: z
		.looseObject({
			message_id: z.string(),
			channel_id: z.string().optional(),
			guild_id: z.string().optional(),
			fail_if_not_exists: z.boolean().optional(),
			type: z.number().int().optional(),
		})
		.optional(),
	sticker_ids: z.array(z.string()).max(3).optional(),
	poll: z.looseObject({}).optional(),
});
export type MessageBody = z.infer<typeof messageBodySchema>;

/** Discord's rules beyond shape: embed total size, component layout, unique custom ids. */
export function checkMessageRules(body: MessageBody): void {
	const tree: FormErrorTree = {};
	let failed = false;
	const fail = (path: (string | number)[], code: string, message: string): void => {
		failed = true;
		addFormError(tree, path, { code, message });
	};
	const embeds = body.embeds ?? [];
	let embedChars = 0;
	for (const e of embeds) {
		embedChars += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
		for (const f of e.fields ?? []) embedChars += f.name.length + f.value.length;
	}
	if (embedChars > 6000) fail(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');

	const v2 = ((body.flags ?? 0) & (1 << 15)) !== 0;
	if (v2 && (body.content || embeds.length > 0)) {
		fail(['content'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
	}
	const components = (body.components ?? []) as unknown[];
	checkComponents(components, v2, fail);
	if (failed) throw invalidFormBody(tree);
}

type Fail = (path: (string | number)[], code: string, message: string) => void;

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function checkComponents(components: unknown[], v2: boolean, fail: Fail): void {
	const customIds = new Map<string, (string | number)[]>();
	let total = 0;
	if (!v2 && components.length > 5) fail(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');

	const visit = (c: unknown, path: (string | number)[], topLevel: boolean): void => {
		total++;
		if (c === null || typeof c !== 'object') {
			fail(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
			return;
		}
		const comp = c as Record<string, unknown>;
		const type = comp['type'];
		if (topLevel && !v2 && type !== 1) {
			fail([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
			return;
		}
		const customId = comp['custom_id'];
		if (typeof customId === 'string') {
			if (customId.length < 1 || customId.length > 100) {
				fail([...path, 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
			}
			if (customIds.has(customId)) {
				fail([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
			}
			customIds.set(customId, path);
		}
		switch (type) {
			case 1: {
				const children = Array.isArray(comp['components']) ? (comp['components'] as unknown[]) : [];
				if (children.length < 1 || children.length > 5) {
					fail([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
				}
				const selects = children.filter((ch) => SELECT_TYPES.has((ch as { type?: number })?.type ?? -1)).length;
				if (selects > 0 && children.length > 1) {
					fail([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
				}
				children.forEach((ch, i) => visit(ch, [...path, 'components', i], false));
				break;
			}
			case 2: {
				const style = comp['style'];
				if (typeof style !== 'number' || style < 1 || style > 6) {
					fail([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
				} else if (style === 5) {
					if (typeof comp['url'] !== 'string') fail([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
					if (customId !== undefined) {
						fail([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be specified for this button style');
					}
				} else if (style !== 6 && typeof customId !== 'string') {
					fail([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
				}
				const label = comp['label'];
				if (typeof label === 'string' && label.length > 80) {
					fail([...path, 'label'], 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
				}
				if ((label === undefined || label === '') && comp['emoji'] === undefined && style !== 6) {
					fail([...path, 'label'], 'BUTTON_COMPONENT_INVALID_LABEL', 'A label or emoji is required');
				}
				break;
			}
			case 3:
			case 5:
			case 6:
			case 7:
			case 8: {
				if (typeof customId !== 'string') fail([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
				const placeholder = comp['placeholder'];
				if (typeof placeholder === 'string' && placeholder.length > 150) {
					fail([...path, 'placeholder'], 'BASE_TYPE_MAX_LENGTH', 'Must be 150 or fewer in length.');
				}
				const min = (comp['min_values'] as number | undefined) ?? 1;
				const max = (comp['max_values'] as number | undefined) ?? 1;
				if (min < 0 || min > 25) fail([...path, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 25.');
				if (max < 1 || max > 25) fail([...path, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 25.');
				if (type === 3) {
					const options = Array.isArray(comp['options']) ? (comp['options'] as Record<string, unknown>[]) : [];
					if (options.length < 1 || options.length > 25) {
						fail([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
					}
					if (max > options.length && options.length > 0) {
						fail([...path, 'max_values'], 'SELECT_COMPONENT_MAX_VALUES_TOO_LARGE', `max_values must be less than or equal to the number of options (${options.length})`);
					}
					const values = new Set<string>();
					options.forEach((o, i) => {
						const label = o['label'];
						const value = o['value'];
						if (typeof label !== 'string' || label.length < 1 || label.length > 100) {
							fail([...path, 'options', i, 'label'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
						}
						if (typeof value !== 'string' || value.length < 1 || value.length > 100) {
							fail([...path, 'options', i, 'value'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
						} else if (values.has(value)) {
							fail([...path, 'options', i, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select component option values must be unique');
						} else {
							values.add(value);
						}
						const description = o['description'];
						if (typeof description === 'string' && description.length > 100) {
							fail([...path, 'options', i, 'description'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
						}
					});
				}
				break;
			}
			case 9: {
				const children = Array.isArray(comp['components']) ? (comp['components'] as unknown[]) : [];
				if (children.length < 1 || children.length > 3) {
					fail([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 3 in length.');
				}
				children.forEach((ch, i) => visit(ch, [...path, 'components', i], false));
				if (comp['accessory'] !== undefined) visit(comp['accessory'], [...path, 'accessory'], false);
				break;
			}
			case 10: {
				const content = comp['content'];
				if (typeof content !== 'string' || content.length < 1) {
					fail([...path, 'content'], 'BASE_TYPE_REQUIRED', 'This field is required');
				}
				break;
			}
			case 17: {
				const children = Array.isArray(comp['components']) ? (comp['components'] as unknown[]) : [];
				children.forEach((ch, i) => visit(ch, [...path, 'components', i], false));
				break;
			}
			default:
				break;
		}
	};
	components.forEach((c, i) => visit(c, ['components', i], true));
	if (v2 && total > 40) fail(['components'], 'MAX_COMPONENTS_EXCEEDED', 'Must be 40 or fewer in total.');
}

// ── interaction callbacks ───────────────────────────────────────────────────────

export const callbackSchema = z.looseObject({
	type: z.number().int(),
	data: z.looseObject({}).nullable().optional(),
});

export const autocompleteDataSchema = z.looseObject({
	choices: z
		.array(
			z.looseObject({
				name: z.string().min(1).max(100),
				value: z.union([z.string().max(100), z.number()]),
			}),
		)
		.max(25),
});

const textInputSchema = z.looseObject({
	type: z.literal(4),
	custom_id: z.string().min(1).max(100),
	style: z.union([z.literal(1), z.literal(2)]),
	label: z.string().min(1).max(45).optional(),
	min_length: z.number().int().min(0).max(4000).optional(),
	max_length: z.number().int().min(1).max(4000).optional(),
	required: z.boolean().optional(),
	value: z.string().max(4000).optional(),
	placeholder: z.string().max(100).optional(),
});

export const modalDataSchema = z.looseObject({
	custom_id: z.string().min(1).max(100),
	title: z.string().min(1).max(45),
	components: z
		.array(
			z.union([
				z.looseObject({ type: z.literal(1), components: z.array(textInputSchema).length(1) }),
				z.looseObject({
					type: z.literal(18),
					label: z.string().min(1).max(45),
					description: z.string().max(100).optional(),
					component: z.looseObject({ type: z.number().int(), custom_id: z.string().min(1).max(100) }),
				}),
				z.looseObject({ type: z.literal(10), content: z.string().min(1) }),
			]),
		)
		.min(1)
		.max(5),
});

// ── threads ─────────────────────────────────────────────────────────────────────

export const threadBodySchema = z.looseObject({
	name: z.string().min(1).max(100),
	auto_archive_duration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
	type: z.union([z.literal(10), z.literal(11), z.literal(12)]).optional(),
	invitable: z.boolean().optional(),
	rate_limit_per_user: z.number().int().min(0).max(21600).nullable().optional(),
});

export const channelPatchSchema = z.looseObject({
	name: z.string().min(1).max(100).optional(),
	topic: z.string().max(1024).nullable().optional(),
	archived: z.boolean().optional(),
	locked: z.boolean().optional(),
	invitable: z.boolean().optional(),
	auto_archive_duration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
	rate_limit_per_user: z.number().int().min(0).max(21600).nullable().optional(),
	position: z.number().int().nullable().optional(),
	parent_id: z.string().nullable().optional(),
	nsfw: z.boolean().optional(),
});

export const createChannelSchema = z.looseObject({
	name: z.string().min(1).max(100),
	type: z.union([z.literal(0), z.literal(2), z.literal(4), z.literal(5), z.literal(13), z.literal(15)]).nullable().optional(),
	topic: z.string().max(1024).nullable().optional(),
	parent_id: z.string().nullable().optional(),
	position: z.number().int().nullable().optional(),
	nsfw: z.boolean().nullable().optional(),
	permission_overwrites: z
		.array(
			z.looseObject({
				id: z.string(),
				type: z.union([z.literal(0), z.literal(1)]),
				allow: z.string().nullable().optional(),
				deny: z.string().nullable().optional(),
			}),
		)
		.nullable()
		.optional(),
});

// ── application commands ──────────────────────────────────────────────────────────

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const choiceSchema = z.looseObject({
	name: z.string().min(1).max(100),
	value: z.union([z.string().max(100), z.number()]),
	name_localizations: z.record(z.string(), z.string().nullable()).nullable().optional(),
});

interface OptionShape {
	type: number;
	name: string;
	description: string;
	required?: boolean | undefined;
	choices?: { name: string; value: string | number }[] | undefined;
	options?: OptionShape[] | undefined;
	autocomplete?: boolean | undefined;
	[key: string]: unknown;
}

const optionSchema: z.ZodType<OptionShape> = z.lazy(() =>
	z.looseObject({
		type: z.number().int().min(1).max(11),
		name: z.string().min(1).max(32),
		description: z.string().min(1).max(100),
		required: z.boolean().optional(),
		choices: z.array(choiceSchema).max(25).optional(),
		options: z.array(optionSchema).max(25).optional(),
		autocomplete: z.boolean().optional(),
		channel_types: z.array(z.number().int()).optional(),
		min_value: z.number().optional(),
		max_value: z.number().optional(),
		min_length: z.number().int().min(0).max(6000).optional(),
		max_length: z.number().int().min(1).max(6000).optional(),
	}),
) as z.ZodType<OptionShape>;

export const commandSchema = z.looseObject({
	name: z.string().min(1).max(32),
	type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
	description: z.string().max(100).optional(),
	options: z.array(optionSchema).max(25).optional(),
	default_member_permissions: z.string().regex(/^\d+$/).nullable().optional(),
	dm_permission: z.boolean().nullable().optional(),
	contexts: z.array(z.number().int().min(0).max(2)).nullable().optional(),
	integration_types: z.array(z.number().int().min(0).max(1)).optional(),
	nsfw: z.boolean().optional(),
	name_localizations: z.record(z.string(), z.string().nullable()).nullable().optional(),
	description_localizations: z.record(z.string(), z.string().nullable()).nullable().optional(),
});
export type CommandBody = z.infer<typeof commandSchema>;

/** Checks one command like Discord does; errors go under `prefix` (the index in a bulk overwrite). */
export function checkCommandRules(cmd: CommandBody, prefix: (string | number)[], fail: Fail): void {
	const type = cmd.type ?? 1;
	const invalidName = (name: string, path: (string | number)[], lowercase: boolean): void => {
		if (!NAME_RE.test(name) || (lowercase && name !== name.toLowerCase())) {
			fail(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
		}
	};
	if (type === 1) {
		invalidName(cmd.name, [...prefix, 'name'], true);
		if (!cmd.description || cmd.description.length < 1) {
			fail([...prefix, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
		}
	} else if (cmd.description) {
		fail([...prefix, 'description'], 'APPLICATION_COMMAND_INVALID_DESCRIPTION', 'Context menu commands cannot have description');
	}
	if (type !== 1 && cmd.options && cmd.options.length > 0) {
		fail([...prefix, 'options'], 'APPLICATION_COMMAND_OPTIONS_INVALID', 'Context menu commands cannot have options');
	}
	let size = cmd.name.length + (cmd.description?.length ?? 0);
	const checkOptions = (options: OptionShape[], path: (string | number)[], depth: number): void => {
		const names = new Set<string>();
		let seenOptional = false;
		const subcommandLike = options.filter((o) => o.type === 1 || o.type === 2).length;
		if (subcommandLike > 0 && subcommandLike !== options.length) {
			fail(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
		}
		options.forEach((o, i) => {
			const at = [...path, i];
			size += o.name.length + o.description.length;
			invalidName(o.name, [...at, 'name'], true);
			if (names.has(o.name)) fail([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Application command option names must be unique');
			names.add(o.name);
			if (o.type === 1 || o.type === 2) {
				if (depth >= (o.type === 2 ? 1 : 2)) {
					fail([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups can only contain sub-commands and cannot be nested');
				}
				if (o.type === 2 && (o.options ?? []).some((s) => s.type !== 1)) {
					fail([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups can only contain sub-commands');
				}
				if (o.required) fail([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Sub-commands cannot be required');
				checkOptions(o.options ?? [], [...at, 'options'], depth + 1);
				return;
			}
			if (o.options && o.options.length > 0) {
				fail([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Only sub-commands and groups can have options');
			}
			if (o.required) {
				if (seenOptional) {
					fail([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
				}
			} else {
				seenOptional = true;
			}
			if (o.choices && o.choices.length > 0) {
				if (o.autocomplete) fail([...at, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
				if (![3, 4, 10].includes(o.type)) fail([...at, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Choices are only allowed for string, integer and number options');
				o.choices.forEach((c, j) => {
					size += c.name.length + String(c.value).length;
					const wantString = o.type === 3;
					if (wantString !== (typeof c.value === 'string')) {
						fail([...at, 'choices', j, 'value'], wantString ? 'BASE_TYPE_STRING' : 'NUMBER_TYPE_COERCE', `Choice value must be a ${wantString ? 'string' : 'number'}`);
					}
				});
			}
			if (o.autocomplete && ![3, 4, 10].includes(o.type)) {
				fail([...at, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete is only allowed for string, integer and number options');
			}
		});
	};
	checkOptions(cmd.options ?? [], [...prefix, 'options'], 0);
	if (size > 8000) fail(prefix, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (8000)');
}

/** Validates a bulk overwrite body the way Discord does; returns the parsed commands or throws 50035. */
export function parseCommandList(input: unknown): CommandBody[] {
	const list = parseBody(z.array(commandSchema).max(200), input);
	const tree: FormErrorTree = {};
	let failed = false;
	const fail: Fail = (path, code, message) => {
		failed = true;
		addFormError(tree, path, { code, message });
	};
	const seen = new Set<string>();
	list.forEach((cmd, i) => {
		checkCommandRules(cmd, [i], fail);
		const key = `${cmd.type ?? 1}:${cmd.name}`;
		if (seen.has(key)) fail([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
		seen.add(key);
	});
	const chatInput = list.filter((c) => (c.type ?? 1) === 1).length;
	if (chatInput > 100) fail([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
	if (failed) throw invalidFormBody(tree);
	return list;
}

export function parseCommand(input: unknown): CommandBody {
	const cmd = parseBody(commandSchema, input);
	const tree: FormErrorTree = {};
	let failed = false;
	checkCommandRules(cmd, [], (path, code, message) => {
		failed = true;
		addFormError(tree, path, { code, message });
	});
	if (failed) throw invalidFormBody(tree);
	return cmd;
}
