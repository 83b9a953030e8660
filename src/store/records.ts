import type { z } from 'zod';

/**
 * A kind of stored record: its zod schema, its current version, and how to bring an older version up to date.
 * Stored values are envelopes `{ k: kind, v: version, d: data }`.
 */
export interface RecordType<T> {
	readonly kind: string;
	readonly version: number;
	readonly schema: z.ZodType<T>;
	/** migrations[n] turns data of version n into data of version n + 1. */
	readonly migrations: Readonly<Record<number, (old: any) => unknown>>;
	/** Words for a person: "prompt settings", "pairing profile". */
	readonly label: string;
}

export function defineRecord<T>(definition: {
	kind: string;
	version: number;
	schema: z.ZodType<T>;
	label?: string;
	migrations?: Record<number, (old: any) => unknown>;
}): RecordType<T> {
	if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`Record ${definition.kind}: version must be ≥ 1`);
	return {
		kind: definition.kind,
		version: definition.version,
		schema: definition.schema,
		migrations: definition.migrations ?? {},
		label: definition.label ?? definition.kind,
	};
}

export interface Envelope {
	k: string;
	v: number;
	d: unknown;
}

export function isEnvelope(value: unknown): value is Envelope {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Envelope).k === 'string' &&
		typeof (value as Envelope).v === 'number' &&
		'd' in value
	);
}

export type DecodeResult<T> = { ok: true; value: T; migrated: boolean } | { ok: false; reason: string };

/** Validates a stored envelope against a record type, migrating older versions forward. */
export function decodeRecord<T>(type: RecordType<T>, raw: unknown): DecodeResult<T> {
	if (!isEnvelope(raw)) return { ok: false, reason: 'not a Hearth record envelope' };
	if (raw.k !== type.kind) return { ok: false, reason: `expected a ${type.kind} record, found ${raw.k}` };
	if (raw.v > type.version) return { ok: false, reason: `version ${raw.v} is newer than this Hearth knows (${type.version})` };
	let data = raw.d;
	let migrated = false;
	for (let v = raw.v; v < type.version; v++) {
		const step = type.migrations[v];
		if (!step) return { ok: false, reason: `no migration from version ${v}` };
		try {
			data = step(data);
		} catch (error) {
			return { ok: false, reason: `migration from version ${v} failed: ${(error as Error).message}` };
		}
		migrated = true;
	}
	const parsed = type.schema.safeParse(data);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		return { ok: false, reason: `invalid at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'unknown'}` };
	}
	return { ok: true, value: parsed.data, migrated };
}

export function encodeRecord<T>(type: RecordType<T>, value: T): Envelope {
	const parsed = type.schema.safeParse(value);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		throw new Error(`Refusing to store an invalid ${type.kind} record: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
	}
	return { k: type.kind, v: type.version, d: parsed.data };
}
