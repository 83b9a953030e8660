import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { MAX_PENDING_SUGGESTIONS } from '../../src/features/prompts/index.js';
import { PromptPostRecord, promptKeys } from '../../src/features/prompts/records.js';
import { ADMIN, CHANNEL, GUILD, member, openPromptWorld, type PromptWorld } from './prompts-fixture.js';

let world: PromptWorld | undefined;

afterEach(async () => {
	await world?.close();
	world = undefined;
});

const QUESTION = 'Which board game would you bring to a rainy cabin weekend with this server?';

async function configured(): Promise<PromptWorld> {
	world = await openPromptWorld('2026-11-23T08:00:00Z');
	await world.services.prompts.setChannel(GUILD, ADMIN, CHANNEL);
	await world.services.prompts.setSchedule(GUILD, ADMIN, { kind: 'daily', time: '09:00' });
	return world;
}

describe('a member’s suggestion', () => {
	it('waits in the queue, is approved, the member is told, and it is the next prompt, credited to them', async () => {
		const w = await configured();
		const { prompts } = w.services;
		const suggestion = await prompts.suggest(GUILD, member(1), QUESTION, false);
		expect((await prompts.pendingSuggestions(GUILD)).map((s) => s.id)).toEqual([suggestion.id]);

		const decision = await prompts.decideSuggestion(GUILD, ADMIN, suggestion.id, 'approve', 'Hearth Test Community');
		expect(decision.memberTold).toBe(true);
		expect(decision.question).toMatchObject({ text: QUESTION, credit: { userId: member(1), anonymous: false } });
		expect(await prompts.pendingSuggestions(GUILD)).toEqual([]);
		const dm = w.discord.direct.find((d) => d.userId === member(1))!;
		expect(dm.message.content).toMatch(/approved/);
		expect(dm.message.content).toContain('Hearth Test Community');

		await w.runUntil('2026-11-23T09:01:00Z');
		const post = w.discord.promptsIn(CHANNEL)[0]!.message;
		expect(post.embeds![0]!.description).toContain(QUESTION);
		expect(JSON.stringify(post.embeds)).toContain(`<@${member(1)}>`);
		expect(post.allowed_mentions).toEqual({ parse: [] });
	});

	it('holds the limit of pending suggestions even when a member submits several at the same moment', async () => {
		const w = await configured();
		const texts = [
			'Which small habit of yours would you happily teach to anyone here?',
			'What song instantly takes you back to a specific summer evening?',
			'Who taught you something useful without ever meaning to?',
			'Which place in your town do you wish more people knew about?',
			'What is a skill you picked up late and are quietly proud of?',
		];
		const results = await Promise.allSettled(texts.map((t) => w.services.prompts.suggest(GUILD, member(2), t, false)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_PENDING_SUGGESTIONS);
		expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof UserError)).toBe(true);
		expect(await w.services.prompts.pendingSuggestions(GUILD)).toHaveLength(MAX_PENDING_SUGGESTIONS);
	});

	it('can be anonymous: posted without the member’s name', async () => {
		const w = await configured();
		const suggestion = await w.services.prompts.suggest(GUILD, member(2), QUESTION, true);
		await w.services.prompts.decideSuggestion(GUILD, ADMIN, suggestion.id, 'approve', 'Hearth');
		await w.runUntil('2026-11-23T09:01:00Z');
		const post = JSON.stringify(w.discord.promptsIn(CHANNEL)[0]!.message.embeds);
		expect(post).toContain(QUESTION);
		expect(post).not.toContain(member(2));
		expect(post).toContain('a member of this community');
	});

	it('rejected: the member is thanked and told kindly; a closed DM is fine', async () => {
		const w = await configured();
		const { prompts } = w.services;
		const first = await prompts.suggest(GUILD, member(3), QUESTION, false);
		const rejected = await prompts.decideSuggestion(GUILD, ADMIN, first.id, 'reject', 'Hearth');
		expect(rejected.memberTold).toBe(true);
		expect(w.discord.direct.at(-1)!.message.content).toMatch(/Thank you for suggesting/);
		expect(rejected.question).toBeNull();

		w.discord.dmsClosed.add(member(4));
		const second = await prompts.suggest(GUILD, member(4), 'Which place in your town would you show a visitor first?', false);
		const quiet = await prompts.decideSuggestion(GUILD, ADMIN, second.id, 'approve', 'Hearth');
		expect(quiet.memberTold).toBe(false);
		expect(quiet.question).not.toBeNull();
	});

	it('is decided once, even when two admins click at the same time', async () => {
		const w = await configured();
		const { prompts } = w.services;
		const suggestion = await prompts.suggest(GUILD, member(1), QUESTION, false);
		const results = await Promise.allSettled([
			prompts.decideSuggestion(GUILD, ADMIN, suggestion.id, 'approve', 'Hearth'),
			prompts.decideSuggestion(GUILD, member(9), suggestion.id, 'reject', 'Hearth'),
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(UserError);
		expect((refused.reason as Error).message).toMatch(/already decided/);
		expect(await prompts.listCustomQuestions(GUILD)).toHaveLength(results[0]!.status === 'fulfilled' ? 1 : 0);
		expect(w.discord.direct).toHaveLength(1);
	});

	it('is checked like any question, and a member can have only a few waiting', async () => {
		const w = await configured();
		const { prompts } = w.services;
		await expect(prompts.suggest(GUILD, member(1), 'Why?', false)).rejects.toThrow(/at least 10/);
		await expect(prompts.suggest(GUILD, member(1), `What do you like about <@${member(2)}>?`, false)).rejects.toThrow(/can't mention/);
		const bankQuestion = prompts.bank.questions[5]!.text;
		await expect(prompts.suggest(GUILD, member(1), bankQuestion, false)).rejects.toThrow(/very close/);
		const texts = [
			'What song would you put on a playlist for this server?',
			'Which book changed how you see other people?',
			'What is one thing you have changed your mind about recently?',
			'Where do you go when you need to think clearly?',
		];
		for (const text of texts.slice(0, MAX_PENDING_SUGGESTIONS)) {
			await prompts.suggest(GUILD, member(1), text, false);
			w.clock.advanceMinutes(1);
		}
		await expect(prompts.suggest(GUILD, member(1), texts[MAX_PENDING_SUGGESTIONS]!, false)).rejects.toThrow(/waiting for the admins/);
		// Someone else's suggestion is unaffected, and the queue is in the order they came.
		await prompts.suggest(GUILD, member(2), texts[MAX_PENDING_SUGGESTIONS]!, false);
		expect((await prompts.pendingSuggestions(GUILD)).map((s) => s.userId)).toEqual([member(1), member(1), member(1), member(2)]);
		// The same question twice in the queue is caught too.
		await expect(prompts.suggest(GUILD, member(3), texts[0]!, false)).rejects.toThrow(/very close/);
	});
});

describe('a member’s data', () => {
	it('exports their suggestions and the prompts that credit them', async () => {
		const w = await configured();
		const { prompts } = w.services;
		const approved = await prompts.suggest(GUILD, member(1), QUESTION, false);
		await prompts.decideSuggestion(GUILD, ADMIN, approved.id, 'approve', 'Hearth');
		await prompts.suggest(GUILD, member(1), 'What is a small win you had this week?', true);
		await prompts.suggest(GUILD, member(2), 'Which hobby would you pick up if time were no object?', false);
		await w.runUntil('2026-11-23T09:01:00Z');
		const exported = await prompts.exportMember(GUILD, member(1));
		expect(exported.suggestions).toEqual([
			expect.objectContaining({ text: QUESTION, status: 'approved', anonymous: false }),
			expect.objectContaining({ text: 'What is a small win you had this week?', status: 'pending', anonymous: true }),
		]);
		expect(exported.promptsCreditingYou).toEqual([{ at: '2026-11-23T09:00:00.000Z', question: QUESTION }]);
		expect(JSON.stringify(exported)).not.toContain('hobby');
	});

	it('deletion removes their suggestions and their name, and keeps the community’s question', async () => {
		const w = await configured();
		const { prompts } = w.services;
		const approved = await prompts.suggest(GUILD, member(1), QUESTION, false);
		await prompts.decideSuggestion(GUILD, ADMIN, approved.id, 'approve', 'Hearth');
		await prompts.suggest(GUILD, member(1), 'What is a small win you had this week?', false);
		const other = await prompts.suggest(GUILD, member(2), 'Which hobby would you pick up if time were no object?', false);
		await w.runUntil('2026-11-23T09:01:00Z');

		await prompts.deleteMember(GUILD, member(1));
		expect(await prompts.exportMember(GUILD, member(1))).toEqual({ suggestions: [], promptsCreditingYou: [] });
		expect((await prompts.pendingSuggestions(GUILD)).map((s) => s.id)).toEqual([other.id]);
		const questions = await prompts.listCustomQuestions(GUILD);
		expect(questions).toHaveLength(1);
		expect(questions[0]).toMatchObject({ text: QUESTION, credit: { userId: null } });
		const history = await w.store.entries(PromptPostRecord, promptKeys.postPrefix(GUILD));
		expect(history).toHaveLength(1);
		expect(JSON.stringify(history)).not.toContain(member(1));
		expect(JSON.stringify(questions)).not.toContain(member(1));

		// Asked again in a later cycle, it credits nobody.
		const after = await prompts.preview(GUILD);
		expect(JSON.stringify(after.message)).not.toContain(member(1));
	});
});
