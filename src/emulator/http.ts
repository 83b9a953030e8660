import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { DiscordHttpError } from './errors.js';

/** A file uploaded in a multipart body (`files[n]` fields). */
export interface UploadedFile {
	field: string;
	/** n in `files[n]`; matches `attachments[].id` in the JSON payload. */
	index: number;
	name: string;
	contentType: string;
	data: Buffer;
}

export interface ApiRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	params: Record<string, string>;
	body: unknown;
	files: UploadedFile[];
	auth: 'bot' | 'none' | 'invalid';
	/** The X-Audit-Log-Reason header, decoded. */
	reason: string | null;
}

export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type RouteHandler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface RouteDefinition {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** e.g. `/channels/:channel_id/messages/:message_id`. */
	template: string;
	/** `bot` routes need the bot token; `none` routes (interaction callbacks and webhooks) are authorised by their URL. */
	auth: 'bot' | 'none';
	handler: RouteHandler;
}

interface CompiledRoute extends RouteDefinition {
	regex: RegExp;
	paramNames: string[];
	literalSegments: number;
}

export interface RouteMatch {
	route: CompiledRoute;
	params: Record<string, string>;
}

export class Router {
	#routes: CompiledRoute[] = [];

	add(def: RouteDefinition): void {
		const paramNames: string[] = [];
		let literalSegments = 0;
		const pattern = def.template
			.split('/')
			.map((seg) => {
				if (seg.startsWith(':')) {
					paramNames.push(seg.slice(1));
					return '([^/]+)';
				}
				if (seg) literalSegments++;
				return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.#routes.push({ ...def, regex: new RegExp(`^${pattern}/?$`), paramNames, literalSegments });
		// Literal segments win over parameters, so `/messages/@original` beats `/messages/:message_id`.
		this.#routes.sort((a, b) => b.literalSegments - a.literalSegments);
	}

	/** The route for this method and path; `'method'` if the path exists under another method only. */
	match(method: string, path: string): RouteMatch | 'method' | null {
		let pathMatched = false;
		for (const route of this.#routes) {
			const m = route.regex.exec(path);
			if (!m) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params: Record<string, string> = {};
			route.paramNames.forEach((name, i) => {
				params[name] = decodeURIComponent(m[i + 1]!);
			});
			return { route, params };
		}
		return pathMatched ? 'method' : null;
	}

	get routes(): readonly RouteDefinition[] {
		return this.#routes;
	}
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Parses a JSON or multipart body the way Discord reads them: JSON in `payload_json`, files in `files[n]`. */
export async function parseBody(
	raw: Buffer,
	contentType: string | undefined,
): Promise<{ body: unknown; files: UploadedFile[] }> {
	if (raw.length === 0) return { body: undefined, files: [] };
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		const request = new Request('http://emulator.local/', {
			method: 'POST',
			headers: { 'content-type': contentType! },
			body: raw,
		});
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			throw new DiscordHttpError(400, 50109, 'The request body contains invalid JSON.');
		}
		const files: UploadedFile[] = [];
		let body: unknown;
		const fieldsBody: Record<string, unknown> = {};
		for (const [field, value] of form.entries()) {
			if (typeof value === 'string') {
				if (field === 'payload_json') body = parseJson(value);
				else fieldsBody[field] = value;
				continue;
			}
			const m = /^files\[(\d+)\]$/.exec(field) ?? /^file(\d*)$/.exec(field);
			const index = m ? Number(m[1] || 0) : files.length;
			files.push({
				field,
				index,
				name: value.name,
				contentType: value.type || 'application/octet-stream',
				data: Buffer.from(await value.arrayBuffer()),
			});
		}
		return { body: body ?? (Object.keys(fieldsBody).length ? fieldsBody : undefined), files };
	}
	return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new DiscordHttpError(400, 50109, 'The request body contains invalid JSON.');
	}
}

/** Replaces every `:param` with `:_`, so `/channels/:id/messages` matches `/channels/:channel_id/messages`. */
export function normalizeTemplate(template: string): string {
	return template.replace(/:[^/]+/g, ':_').replace(/\/$/, '');
}

/** A path fit for logs: long secrets (interaction tokens) shortened. */
export function shortPath(path: string): string {
	return path
		.split('/')
		.map((seg) => (seg.length > 40 ? `${seg.slice(0, 10)}…` : seg))
		.join('/');
}
