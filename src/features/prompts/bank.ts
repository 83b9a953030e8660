import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** How personal a question is: light ones are safe in a public channel, deep ones invite more but never demand it. */
export const TIERS = ['light', 'medium', 'deep'] as const;
export type Tier = (typeof TIERS)[number];

export const DEFAULT_QUESTIONS_PATH = new URL('../../../data/questions.json', import.meta.url);
export const DEFAULT_TIPS_PATH = new URL('../../../data/tips.json', import.meta.url);

/** Ids end up in stored records and custom ids, so they stay plain: lowercase words joined by single hyphens. */
export const SlugSchema = z
	.string()
	.max(64, 'an id can be at most 64 characters')
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id uses only lowercase letters, digits and single hyphens');

export const ThemeSchema = z.strictObject({
	id: SlugSchema,
	name: z.string().trim().min(1, 'a theme needs a name').max(80, 'a theme name can be at most 80 characters'),
	description: z
		.string()
		.trim()
		.min(1, 'a theme needs a description')
		.max(300, 'a theme description can be at most 300 characters'),
});

export const QuestionSchema = z.strictObject({
	id: SlugSchema,
	text: z
		.string()
		.trim()
		.min(8, 'a question needs at least 8 characters')
		.max(300, 'a question can be at most 300 characters'),
	theme: SlugSchema,
	tier: z.enum(TIERS, { error: 'the tier must be one of: light, medium, deep' }),
});

export const QuestionBankSchema = z
	.strictObject({
		version: z.literal(1, { error: 'the version must be 1' }),
		themes: z.array(ThemeSchema).min(1, 'the bank needs at least one theme'),
		questions: z.array(QuestionSchema).min(1, 'the bank needs at least one question'),
	})
	.superRefine((bank, ctx) => {
		const themeAt = new Map<string, number>();
		bank.themes.forEach((theme, i) => {
			const first = themeAt.get(theme.id);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['themes', i, 'id'],
					message: `theme id "${theme.id}" is used twice (first at themes[${first}])`,
				});
			} else themeAt.set(theme.id, i);
		});
		const idAt = new Map<string, number>();
		const textAt = new Map<string, number>();
		bank.questions.forEach((question, i) => {
			const first = idAt.get(question.id);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'id'],
					message: `question id "${question.id}" is used twice (first at questions[${first}])`,
				});
			} else idAt.set(question.id, i);
			if (!themeAt.has(question.theme)) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'theme'],
					message: `unknown theme "${question.theme}" (not listed in themes)`,
				});
			}
			const key = question.text.toLowerCase().replace(/\s+/g, ' ');
			const sameText = textAt.get(key);
			if (sameText !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['questions', i, 'text'],
					message: `the same text already appears at questions[${sameText}]`,
				});
			} else textAt.set(key, i);
		});
	});

export type Theme = z.infer<typeof ThemeSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionBank = z.infer<typeof QuestionBankSchema>;

export const TipSchema = z.strictObject({
	id: SlugSchema,
	text: z.string().trim().min(1, 'a tip needs some text').max(200, 'a tip can be at most 200 characters'),
	kind: z.enum(['answering', 'listening'], { error: 'the kind must be one of: answering, listening' }),
});

export const TipsFileSchema = z
	.strictObject({
		version: z.literal(1, { error: 'the version must be 1' }),
		tips: z.array(TipSchema).min(1, 'the file needs at least one tip'),
	})
	.superRefine((file, ctx) => {
		const idAt = new Map<string, number>();
		file.tips.forEach((tip, i) => {
			const first = idAt.get(tip.id);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['tips', i, 'id'],
					message: `tip id "${tip.id}" is used twice (first at tips[${first}])`,
				});
			} else idAt.set(tip.id, i);
		});
	});

export type Tip = z.infer<typeof TipSchema>;
export type TipsFile = z.infer<typeof TipsFileSchema>;

// ---------------------------------------------------------------------------------------------
// Reading data files: one way to read, parse and validate every JSON file under data/.

/** A data file that could not be read or did not pass its schema; the message names the file and the problems. */
export class DataFileError extends Error {
	override readonly name = 'DataFileError';
	constructor(
		message: string,
		readonly file: string,
		readonly problems: readonly string[],
	) {
		super(message);
	}
}

/** How many problems a message lists before summing up the rest, so a broken file gives a readable error. */
const PROBLEMS_SHOWN = 5;

function displayPath(path: string | URL): string {
	return path instanceof URL ? (path.protocol === 'file:' ? fileURLToPath(path) : path.href) : path;
}

/** Turns a zod issue path into the notation a person would type: questions[3].tier */
export function formatIssuePath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out === '' ? '(whole file)' : out;
}

/** Validates already-read text against a schema; `what` names the file's kind in the message ("question bank"). */
export function parseDataFile<S extends z.ZodType>(schema: S, raw: string, file: string | URL, what: string): z.output<S> {
	const shown = displayPath(file);
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (err) {
		const reason = err instanceof Error ? err.message : String(err);
		throw new DataFileError(`The ${what} at ${shown} is not valid JSON: ${reason}`, shown, [reason]);
	}
	const result = schema.safeParse(json);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
	const listed = problems.slice(0, PROBLEMS_SHOWN).map((p) => `  - ${p}`);
	const rest = problems.length - listed.length;
	if (rest > 0) listed.push(`  ...and ${rest} more ${rest === 1 ? 'problem' : 'problems'}`);
	throw new DataFileError(
		`The ${what} at ${shown} has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}:\n${listed.join('\n')}`,
		shown,
		problems,
	);
}

function readFailure(err: unknown, file: string | URL, what: string): DataFileError {
	const shown = displayPath(file);
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	const reason =
		code === 'ENOENT' ? 'the file does not exist' : err instanceof Error ? err.message : String(err);
	return new DataFileError(`Could not read the ${what} at ${shown}: ${reason}`, shown, [reason]);
}

export async function readDataFile<S extends z.ZodType>(schema: S, file: string | URL, what: string): Promise<z.output<S>> {
	let raw: string;
	try {
		raw = await readFile(file, 'utf8');
	} catch (err) {
		throw readFailure(err, file, what);
	}
	return parseDataFile(schema, raw, file, what);
}

export function readDataFileSync<S extends z.ZodType>(schema: S, file: string | URL, what: string): z.output<S> {
	let raw: string;
	try {
		raw = readFileSync(file, 'utf8');
	} catch (err) {
		throw readFailure(err, file, what);
	}
	return parseDataFile(schema, raw, file, what);
}

export function loadQuestionBank(path: string | URL = DEFAULT_QUESTIONS_PATH): Promise<QuestionBank> {
	return readDataFile(QuestionBankSchema, path, 'question bank');
}

export function loadQuestionBankSync(path: string | URL = DEFAULT_QUESTIONS_PATH): QuestionBank {
	return readDataFileSync(QuestionBankSchema, path, 'question bank');
}

export function loadTips(path: string | URL = DEFAULT_TIPS_PATH): Promise<TipsFile> {
	return readDataFile(TipsFileSchema, path, 'tips file');
}

export function loadTipsSync(path: string | URL = DEFAULT_TIPS_PATH): TipsFile {
	return readDataFileSync(TipsFileSchema, path, 'tips file');
}

// ---------------------------------------------------------------------------------------------
// Near-duplicate detection: the bank's own test uses it, and admins' custom questions are checked with it.

/**
 * Words that carry the shape of a question rather than its subject; dropping them keeps
 * "What's a song you love?" and "Which song do you love?" recognisably the same.
 */
const STOP_WORDS = new Set(
	`a an the and or but nor so if then than as at by for from in into of off on onto out over to up with
	about also just very really quite too more most much many some any all each every both few own such
	i me my mine myself we us our ours you your yours yourself yourselves he him his she her hers it its they them their theirs
	this that these those there here who whom whose what which when where why how whether
	is are was were be been being am do does did doing done have has had having will would shall should can could may might must
	get got gets make made let lets go goes going like look looks usually often
	one ones something someone somebody anything anyone everything everyone thing things stuff
	s t d ll m re ve yes ever`
		.split(/\s+/)
		.filter((w) => w !== ''),
);

/** Folds simple plurals so "songs" matches "song"; deliberately tiny, a real stemmer would merge too much. */
function foldPlural(word: string): string {
	if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
	return word;
}

/** The distinct content words of a text, lowercased, contractions and plurals folded, stop words removed. */
export function normalizeForSimilarity(text: string): string[] {
	const plain = text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[\u2018\u2019\u02bc`]/g, "'")
		.replace(/\bcan't\b/g, 'can not')
		.replace(/\bwon't\b/g, 'will not')
		.replace(/n't\b/g, ' not')
		.replace(/'(s|re|ve|ll|d|m)\b/g, ' ');
	const words = new Set<string>();
	for (const raw of plain.split(/[^a-z0-9]+/)) {
		if (raw === '' || STOP_WORDS.has(raw)) continue;
		const word = foldPlural(raw);
		if (!STOP_WORDS.has(word)) words.add(word);
	}
	return [...words];
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let shared = 0;
	for (const word of a) if (b.has(word)) shared++;
	return shared / (a.size + b.size - shared);
}

/**
 * Token Jaccard similarity in [0, 1] between the content words of two texts.
 * Two texts with no content words at all only count as the same if they read the same.
 */
export function similarity(a: string, b: string): number {
	const wa = new Set(normalizeForSimilarity(a));
	const wb = new Set(normalizeForSimilarity(b));
	if (wa.size === 0 && wb.size === 0) {
		const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
		return flat(a) === flat(b) ? 1 : 0;
	}
	return jaccard(wa, wb);
}

/**
 * At or above this, two questions count as near-duplicates. A rewording that keeps the content words
 * (case, punctuation, contractions, plurals, one added filler word) scores at least 2/3 once a question
 * has two or more content words, while different questions on the same subject share one or two words
 * out of eight or more and score well under 0.4.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

export interface NearDuplicate {
	readonly a: string;
	readonly b: string;
	readonly score: number;
}

/** Every pair of items whose texts score at or above the threshold, highest score first. */
export function findNearDuplicates(
	items: readonly { readonly id: string; readonly text: string }[],
	threshold: number = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicate[] {
	const words = items.map((item) => new Set(normalizeForSimilarity(item.text)));
	const pairs: NearDuplicate[] = [];
	for (let i = 0; i < items.length; i++) {
		for (let j = i + 1; j < items.length; j++) {
			const a = items[i]!;
			const b = items[j]!;
			const wa = words[i]!;
			const wb = words[j]!;
			const score = wa.size === 0 && wb.size === 0 ? similarity(a.text, b.text) : jaccard(wa, wb);
			if (score >= threshold) pairs.push({ a: a.id, b: b.id, score });
		}
	}
	return pairs.sort((x, y) => y.score - x.score);
}

/** The existing question most like `text`, with its score; for telling an admin which question theirs resembles. */
export function closestQuestion<Q extends { readonly text: string }>(
	text: string,
	questions: readonly Q[],
): { question: Q; score: number } | undefined {
	const words = new Set(normalizeForSimilarity(text));
	let best: { question: Q; score: number } | undefined;
	for (const question of questions) {
		const other = new Set(normalizeForSimilarity(question.text));
		const score = words.size === 0 && other.size === 0 ? similarity(text, question.text) : jaccard(words, other);
		if (best === undefined || score > best.score) best = { question, score };
	}
	return best;
}
