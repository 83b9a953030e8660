import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { canonicalTimezone, isValidTimezone, parseTime } from '../../scheduler/schedule.js';
import type { Strings } from '../../strings/index.js';

/** Words that clear an optional setting. */
const CLEARING = new Set(['none', 'off', 'clear', 'nothing', '-', 'no']);
const SNOWFLAKE = /^\d{17,20}$/;

/**
 * zod schemas for the values an admin types in /config set, with messages from the string table. Each turns the
 * text into the stored value: a channel mention into its id, "none" into null, "on" into true.
 */
export function valueSchemas(strings: Strings) {
	const problems = strings.setup.config.problems;
	const mentionOrId = (raw: string, mention: RegExp): string | null | undefined => {
		const text = raw.trim();
		if (CLEARING.has(text.toLowerCase())) return null;
		const id = mention.exec(text)?.[1] ?? text;
		return SNOWFLAKE.test(id) ? id : undefined;
	};
	const optionalId = (mention: RegExp, message: string) =>
		z.string().max(100, problems.tooLong).transform((raw, ctx) => {
			const id = mentionOrId(raw, mention);
			if (id === undefined) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return id;
		});
	const channel = optionalId(/^<#(\d+)>$/, problems.channel);
	return {
		timezone: z
			.string()
			.trim()
			.max(100, problems.tooLong)
			.refine(isValidTimezone, { error: (issue) => problems.timezone(String(issue.input)) })
			.transform((tz) => canonicalTimezone(tz) ?? tz),
		/** A channel, or null for "none". */
		optionalChannel: channel,
		/** A channel that cannot be cleared. */
		channel: channel.pipe(z.string({ error: problems.channelRequired })),
		/** A role, or null for "none". */
		optionalRole: optionalId(/^<@&(\d+)>$/, problems.role),
		/** A time of day: '9', '09:00', '6:30 pm' → 'HH:MM'. */
		time: z.string().transform((raw, ctx) => {
			try {
				return parseTime(raw);
			} catch {
				ctx.addIssue({ code: 'custom', message: problems.time });
				return z.NEVER;
			}
		}),
		onOff: z
			.string()
			.trim()
			.toLowerCase()
			.pipe(z.enum(['on', 'off', 'yes', 'no', 'true', 'false', 'enabled', 'disabled'], { error: problems.onOff }))
			.transform((word) => ['on', 'yes', 'true', 'enabled'].includes(word)),
	};
}

export type ValueSchemas = ReturnType<typeof valueSchemas>;

/** Parses one value; a bad one becomes a UserError naming the setting and what to type instead. */
export function parseValue<T>(strings: Strings, key: string, schema: z.ZodType<T>, raw: string): T {
	const parsed = schema.safeParse(raw);
	if (parsed.success) return parsed.data;
	const problem = parsed.error.issues[0]?.message ?? strings.setup.config.problems.generic;
	throw new UserError(strings.setup.config.invalid(key, problem));
}
