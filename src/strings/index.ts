import { challenges } from './en/challenges.js';
import { common } from './en/common.js';
import { pairing } from './en/pairing.js';
import { prompts } from './en/prompts.js';
import { schedule } from './en/schedule.js';
import { setup } from './en/setup.js';

/**
 * The one string table: every message Hearth sends comes from here, so a translation is one more table of the same
 * shape. English is complete; other locales fall back to it.
 */
export const en = { common, schedule, prompts, pairing, challenges, setup } as const;
export type Strings = typeof en;

const tables: Record<string, Strings> = { en };

export function stringsFor(locale?: string | null): Strings {
	if (!locale) return en;
	return tables[locale] ?? tables[locale.split('-')[0]!] ?? en;
}
