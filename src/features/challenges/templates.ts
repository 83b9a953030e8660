import { z } from 'zod';
import { SlugSchema, readDataFile, readDataFileSync } from '../prompts/bank.js';

export const DEFAULT_CHALLENGES_PATH = new URL('../../../data/challenges.json', import.meta.url);
export const DEFAULT_INTERESTS_PATH = new URL('../../../data/interests.json', import.meta.url);

/** Two actions or interests that differ only in case or spacing are the same to a member. */
function sameWords(text: string): string {
	return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

export const ChallengeTemplateSchema = z
	.strictObject({
		id: SlugSchema,
		name: z.string().trim().min(1, 'a challenge needs a name').max(80, 'a challenge name can be at most 80 characters'),
		description: z
			.string()
			.trim()
			.min(1, 'a challenge needs a description')
			.max(300, 'a challenge description can be at most 300 characters'),
		days: z
			.int('the number of days must be a whole number')
			.min(1, 'a challenge lasts at least 1 day')
			.max(366, 'a challenge lasts at most 366 days'),
		actions: z.array(
			z.string().trim().min(1, 'an action needs some text').max(200, 'an action can be at most 200 characters'),
		),
	})
	.superRefine((template, ctx) => {
		if (template.actions.length !== template.days) {
			ctx.addIssue({
				code: 'custom',
				path: ['actions'],
				message: `there are ${template.actions.length} actions but the challenge lasts ${template.days} days (one action per day)`,
			});
		}
		const seenAt = new Map<string, number>();
		template.actions.forEach((action, i) => {
			const key = sameWords(action);
			const first = seenAt.get(key);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['actions', i],
					message: `day ${i + 1} repeats the action of day ${first + 1}`,
				});
			} else seenAt.set(key, i);
		});
	});

export const ChallengeTemplatesFileSchema = z
	.strictObject({
		version: z.literal(1, { error: 'the version must be 1' }),
		templates: z.array(ChallengeTemplateSchema).min(1, 'the file needs at least one challenge template'),
	})
	.superRefine((file, ctx) => {
		const idAt = new Map<string, number>();
		file.templates.forEach((template, i) => {
			const first = idAt.get(template.id);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['templates', i, 'id'],
					message: `template id "${template.id}" is used twice (first at templates[${first}])`,
				});
			} else idAt.set(template.id, i);
		});
	});

export type ChallengeTemplate = z.infer<typeof ChallengeTemplateSchema>;
export type ChallengeTemplatesFile = z.infer<typeof ChallengeTemplatesFileSchema>;

export function loadChallengeTemplates(path: string | URL = DEFAULT_CHALLENGES_PATH): Promise<ChallengeTemplatesFile> {
	return readDataFile(ChallengeTemplatesFileSchema, path, 'challenge templates file');
}

export function loadChallengeTemplatesSync(path: string | URL = DEFAULT_CHALLENGES_PATH): ChallengeTemplatesFile {
	return readDataFileSync(ChallengeTemplatesFileSchema, path, 'challenge templates file');
}

export const InterestsFileSchema = z
	.strictObject({
		version: z.literal(1, { error: 'the version must be 1' }),
		interests: z
			.array(
				z
					.string()
					.trim()
					.min(1, 'an interest needs a name')
					.max(40, 'an interest can be at most 40 characters'),
			)
			.min(1, 'the file needs at least one interest'),
	})
	.superRefine((file, ctx) => {
		const seenAt = new Map<string, number>();
		file.interests.forEach((interest, i) => {
			const key = sameWords(interest);
			const first = seenAt.get(key);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['interests', i],
					message: `"${interest}" is already listed at interests[${first}] (case does not count)`,
				});
			} else seenAt.set(key, i);
		});
	});

export type InterestsFile = z.infer<typeof InterestsFileSchema>;

/** The interests a new guild starts with, before its admins edit the list. */
export function loadDefaultInterests(path: string | URL = DEFAULT_INTERESTS_PATH): string[] {
	return readDataFileSync(InterestsFileSchema, path, 'interests file').interests;
}
