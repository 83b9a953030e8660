import { UserError } from '../../core/errors.js';
import type { Strings } from '../../strings/index.js';
import { MAX_GUILD_INTERESTS, MAX_INTEREST_LENGTH, MAX_INTERESTS, MAX_INTRO_LENGTH } from './records.js';

type Words = Strings['pairing'];

/** Letters, digits, marks, spaces and the punctuation interests really use ("D&D", "sci-fi", "c++", "rock 'n' roll"). */
const INTEREST_CHARS = /^[\p{L}\p{N}\p{M} &'’+\-./!?()]+$/u;

/** The display form: trimmed, inner spacing collapsed, a leading '#' (from tag habits) dropped. */
export function tidyInterest(raw: string): string {
	return raw
		.normalize('NFKC')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^#+\s*/, '');
}

/** The form interests are compared and stored in: "  Board   Games " and "board games" are the same interest. */
export function normalizeInterest(raw: string): string {
	return tidyInterest(raw).toLowerCase();
}

/**
 * Reads interests as a member types them ("Hiking, board games; #Coffee") into normalized, de-duplicated interests,
 * in the order given. Throws a UserError naming what is wrong: too many, too long, odd characters.
 */
export function parseInterests(text: string, words: Words, limit = MAX_INTERESTS): string[] {
	const out: string[] = [];
	for (const piece of text.split(/[,;\n]+/)) {
		const interest = normalizeInterest(piece);
		if (interest === '') continue;
		if (interest.length > MAX_INTEREST_LENGTH) throw new UserError(words.errors.interestTooLong(tidyInterest(piece).slice(0, 40), MAX_INTEREST_LENGTH));
		if (!INTEREST_CHARS.test(interest)) throw new UserError(words.errors.interestCharacters(tidyInterest(piece).slice(0, 40)));
		if (!out.includes(interest)) out.push(interest);
	}
	if (out.length > limit) throw new UserError(words.errors.tooManyInterests(limit));
	return out;
}

/** Adds `more` to `current` keeping the order and the limit. */
export function mergeInterests(current: readonly string[], more: readonly string[], words: Words): string[] {
	const out = [...current];
	for (const interest of more) if (!out.includes(interest)) out.push(interest);
	if (out.length > MAX_INTERESTS) throw new UserError(words.errors.tooManyInterests(MAX_INTERESTS));
	return out;
}

/** One interest an admin adds to the guild's list (display form kept, compared normalized). */
export function parseGuildInterest(text: string, words: Words): string {
	const tidy = tidyInterest(text);
	if (tidy === '') throw new UserError(words.errors.interestEmpty);
	if (tidy.length > MAX_INTEREST_LENGTH) throw new UserError(words.errors.interestTooLong(tidy.slice(0, 40), MAX_INTEREST_LENGTH));
	if (!INTEREST_CHARS.test(tidy)) throw new UserError(words.errors.interestCharacters(tidy.slice(0, 40)));
	return tidy;
}

/** The guild list for a new guild: the default file, keeping only entries a member could also type. */
export function usableDefaultInterests(defaults: readonly string[]): string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const raw of defaults) {
		const tidy = tidyInterest(raw);
		const key = tidy.toLowerCase();
		if (tidy === '' || tidy.length > MAX_INTEREST_LENGTH || !INTEREST_CHARS.test(tidy) || seen.has(key)) continue;
		seen.add(key);
		out.push(tidy);
		if (out.length >= MAX_GUILD_INTERESTS) break;
	}
	return out;
}

/** How to show a stored (normalized) interest: the guild list's spelling when it is on the list. */
export function displayInterest(interest: string, guildList: readonly string[]): string {
	return guildList.find((item) => item.toLowerCase() === interest) ?? interest;
}

/**
 * The one-line intro a member writes about themselves. It is shown to their partners, so it may not mention anyone
 * (no <@…>, <#…>, @everyone or @here): an intro never pings, and never names a third person by id.
 */
export function parseIntro(text: string, words: Words): string {
	const intro = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
	if (intro.length > MAX_INTRO_LENGTH) throw new UserError(words.errors.introTooLong(MAX_INTRO_LENGTH, intro.length));
	if (/<[@#][!&]?\d+>|@(everyone|here)\b/i.test(intro)) throw new UserError(words.errors.introMentions);
	return intro;
}

/**
 * Autocomplete for a comma-separated interest list: the part after the last comma is what is being typed; suggestions
 * are the whole text with that part completed from the guild's list (items already chosen left out).
 */
export function suggestInterests(typed: string, guildList: readonly string[], limit = 25): Array<{ name: string; value: string }> {
	const parts = typed.split(',');
	const partial = normalizeInterest(parts.pop() ?? '');
	const chosen = parts.map((p) => tidyInterest(p)).filter((p) => p !== '');
	const chosenKeys = new Set(chosen.map((p) => p.toLowerCase()));
	const prefix = chosen.length > 0 ? `${chosen.join(', ')}, ` : '';
	const ranked = guildList
		.filter((item) => !chosenKeys.has(item.toLowerCase()))
		.map((item) => {
			const lower = item.toLowerCase();
			const rank = partial === '' ? 1 : lower.startsWith(partial) ? 0 : lower.split(/[\s/-]+/).some((w) => w.startsWith(partial)) ? 1 : lower.includes(partial) ? 2 : -1;
			return { item, rank };
		})
		.filter((x) => x.rank >= 0)
		.sort((a, b) => a.rank - b.rank || a.item.localeCompare(b.item));
	const out: Array<{ name: string; value: string }> = [];
	// What the member typed that is not on the list is a free tag: offer it as it is too.
	const freeTag = tidyInterest(typed.split(',').pop() ?? '');
	if (freeTag !== '' && !guildList.some((item) => item.toLowerCase() === freeTag.toLowerCase()) && freeTag.length <= MAX_INTEREST_LENGTH) {
		const value = `${prefix}${freeTag}`;
		if (value.length <= 100) out.push({ name: value, value });
	}
	for (const { item } of ranked) {
		const value = `${prefix}${item}`;
		if (value.length > 100) continue;
		out.push({ name: value, value });
		if (out.length >= limit) break;
	}
	return out.slice(0, limit);
}
