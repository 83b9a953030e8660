import { UserError } from '../../core/errors.js';
import type { Strings } from '../../strings/index.js';
import { NEAR_DUPLICATE_THRESHOLD, closestQuestion } from './bank.js';

/** Shortest and longest question a person can add or suggest (the bank's own limits are 8–300). */
export const QUESTION_MIN_LENGTH = 10;
export const QUESTION_MAX_LENGTH = 300;

const USER_OR_ROLE_MENTION = /<@[!&]?\d+>/;
// A zero-width space after the @ keeps the words readable while Discord no longer reads them as a mass ping.
const MASS_MENTION = /@(everyone|here)\b/gi;

/**
 * Tidies a question typed by an admin or a member and checks it can be posted: one line, a sensible length, nobody
 * pinged, and not a near-copy of a question already in the pool. Throws a UserError that says what to change.
 */
export function cleanQuestionText(
	raw: string,
	words: Strings['prompts'],
	existing: ReadonlyArray<{ id: string; text: string }> = [],
): string {
	const text = raw.replace(/\s+/g, ' ').trim().replace(MASS_MENTION, '@\u200b$1');
	if (text.length < QUESTION_MIN_LENGTH) throw new UserError(words.questionTooShort(QUESTION_MIN_LENGTH));
	if (text.length > QUESTION_MAX_LENGTH) throw new UserError(words.questionTooLong(QUESTION_MAX_LENGTH, text.length));
	if (USER_OR_ROLE_MENTION.test(text)) throw new UserError(words.questionHasMention);
	const closest = closestQuestion(text, existing);
	if (closest && closest.score >= NEAR_DUPLICATE_THRESHOLD) throw new UserError(words.questionTooSimilar(closest.question.text));
	return text;
}

/** A thread name from a question: Discord allows 100 characters; a cut ends with an ellipsis at a word boundary. */
export function threadNameOf(question: string): string {
	const flat = question.replace(/\s+/g, ' ').trim();
	if (flat.length <= 100) return flat;
	const cut = flat.slice(0, 99);
	const space = cut.lastIndexOf(' ');
	return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
