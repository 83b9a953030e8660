import { describe, expect, it } from 'vitest';
import { en } from '../../src/strings/index.js';

/** Every description and choice name Discord shows for a command, walked through its options. */
function shownTexts(node: { description?: string; options?: unknown[]; choices?: Array<{ name: string }> }): string[] {
	const out: string[] = [];
	if (node.description) out.push(node.description);
	for (const choice of node.choices ?? []) out.push(choice.name);
	for (const option of (node.options ?? []) as Array<typeof node>) out.push(...shownTexts(option));
	return out;
}

describe('challenge commands', () => {
	it('show only words from the string table (descriptions and choices)', async () => {
		// Mark every entry of the table, then load the commands: a text typed into a command file shows up unmarked.
		const words = en.challenges.commands as unknown as Record<string, unknown>;
		for (const [key, value] of Object.entries(words)) {
			if (typeof value === 'string') words[key] = `§${value}`;
			else if (typeof value === 'function') {
				const f = value as (...args: unknown[]) => string;
				words[key] = (...args: unknown[]) => `§${f(...args)}`;
			}
		}
		const [{ default: challenge }, { default: challengeAdmin }] = await Promise.all([
			import('../../commands/challenge.js'),
			import('../../commands/challenge-admin.js'),
		]);
		for (const command of [challenge, challengeAdmin]) {
			const texts = shownTexts(command.data as never);
			expect(texts.length).toBeGreaterThan(10);
			expect(texts.filter((text) => !text.startsWith('§'))).toEqual([]);
		}
	});
});
