/** A JSON error answered the way Discord answers it: HTTP status, numeric code, message, optional `errors` tree. */
export class DiscordHttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly errors?: FormErrorTree,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'DiscordHttpError';
	}

	toJSON(): Record<string, unknown> {
		return this.errors ? { message: this.message, code: this.code, errors: this.errors } : { message: this.message, code: this.code };
	}
}

/** Discord's nested form-error shape: `{ field: { _errors: [{ code, message }] } }`. */
export interface FormErrorTree {
	[key: string]: FormErrorTree | FormErrorItem[];
}
export interface FormErrorItem {
	code: string;
	message: string;
}

/** Adds one error at `path` into a form-error tree. */
export function addFormError(tree: FormErrorTree, path: readonly (string | number)[], item: FormErrorItem): void {
	let node: FormErrorTree = tree;
	for (const key of path) {
		const k = String(key);
		const next = node[k];
		if (next === undefined || Array.isArray(next)) {
			const created: FormErrorTree = {};
			node[k] = created;
			node = created;
		} else {
			node = next;
		}
	}
	const list = node['_errors'];
	if (Array.isArray(list)) list.push(item);
	else node['_errors'] = [item];
}

export function invalidFormBody(errors: FormErrorTree): DiscordHttpError {
	return new DiscordHttpError(400, 50035, 'Invalid Form Body', errors);
}

/** One invalid field, e.g. `formError(['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.')`. */
export function formError(path: readonly (string | number)[], code: string, message: string): DiscordHttpError {
	const tree: FormErrorTree = {};
	addFormError(tree, path, { code, message });
	return invalidFormBody(tree);
}

/** The errors Discord answers most often, with their real codes and wording. */
export const ApiErrors = {
	unauthorized: () => new DiscordHttpError(401, 0, '401: Unauthorized'),
	notFound: () => new DiscordHttpError(404, 0, '404: Not Found'),
	methodNotAllowed: () => new DiscordHttpError(405, 0, '405: Method Not Allowed'),
	unknownChannel: () => new DiscordHttpError(404, 10003, 'Unknown Channel'),
	unknownGuild: () => new DiscordHttpError(404, 10004, 'Unknown Guild'),
	unknownMember: () => new DiscordHttpError(404, 10007, 'Unknown Member'),
	unknownMessage: () => new DiscordHttpError(404, 10008, 'Unknown Message'),
	unknownRole: () => new DiscordHttpError(404, 10011, 'Unknown Role'),
	unknownUser: () => new DiscordHttpError(404, 10013, 'Unknown User'),
	unknownEmoji: () => new DiscordHttpError(400, 10014, 'Unknown Emoji'),
	unknownWebhook: () => new DiscordHttpError(404, 10015, 'Unknown Webhook'),
	unknownInteraction: () => new DiscordHttpError(404, 10062, 'Unknown interaction'),
	unknownCommand: () => new DiscordHttpError(404, 10063, 'Unknown application command'),
	botsCannotUse: () => new DiscordHttpError(403, 20001, 'Bots cannot use this endpoint'),
	maxPins: () => new DiscordHttpError(400, 30003, 'Maximum number of pins reached (50)'),
	alreadyAcknowledged: () => new DiscordHttpError(400, 40060, 'Interaction has already been acknowledged'),
	missingAccess: () => new DiscordHttpError(403, 50001, 'Missing Access'),
	cannotEditOthers: () => new DiscordHttpError(403, 50005, 'Cannot edit a message authored by another user'),
	emptyMessage: () => new DiscordHttpError(400, 50006, 'Cannot send an empty message'),
	cannotMessageUser: () => new DiscordHttpError(403, 50007, 'Cannot send messages to this user'),
	nonTextChannel: () => new DiscordHttpError(400, 50008, 'Cannot send messages in a non-text channel'),
	missingPermissions: () => new DiscordHttpError(403, 50013, 'Missing Permissions'),
	invalidWebhookToken: () => new DiscordHttpError(401, 50027, 'Invalid Webhook Token'),
	wrongChannelType: () => new DiscordHttpError(400, 50024, 'Cannot execute action on this channel type'),
	archivedThread: () => new DiscordHttpError(400, 50083, 'Thread is archived'),
	threadAlreadyCreated: () => new DiscordHttpError(400, 160004, 'A thread has already been created for this message'),
	threadLocked: () => new DiscordHttpError(403, 160005, 'Thread is locked'),
} as const;
