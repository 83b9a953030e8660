import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { loadQuestionBankSync } from '../../src/features/prompts/bank.js';
import { QUESTION_MAX_LENGTH, cleanQuestionText, threadNameOf } from '../../src/features/prompts/questions.js';
import { renderHistory, renderPreview, renderPromptPost, type PromptView } from '../../src/features/prompts/render.js';
import { parseScheduleInput } from '../../src/scheduler/schedule.js';
import { en } from '../../src/strings/index.js';

const words = en.prompts;
const bank = loadQuestionBankSync();

function problem(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UserError);
		return (error as Error).message;
	}
	throw new Error('expected a UserError');
}

describe('questions typed by admins and members', () => {
	it('are tidied to one line', () => {
		expect(cleanQuestionText('  What   made you\nlaugh   this week?  ', words)).toBe('What made you laugh this week?');
	});

	it('must be long enough to answer and short enough to read', () => {
		expect(problem(() => cleanQuestionText('Why?', words))).toMatch(/at least 10 characters/);
		const long = `What ${'really '.repeat(60)}matters?`;
		expect(long.length).toBeGreaterThan(QUESTION_MAX_LENGTH);
		expect(problem(() => cleanQuestionText(long, words))).toMatch(new RegExp(`${long.length} characters long`));
	});

	it('never ping anyone: person and role mentions are refused', () => {
		expect(problem(() => cleanQuestionText('What do you admire about <@123456789012345678>?', words))).toMatch(/can't mention/);
		expect(problem(() => cleanQuestionText('What would you ask <@!123456789012345678> first?', words))).toMatch(/can't mention/);
		expect(problem(() => cleanQuestionText('What does the <@&123456789012345678> role mean to you?', words))).toMatch(/can't mention/);
	});

	it('never ping anyone: @everyone and @here stay readable but are broken up', () => {
		const text = cleanQuestionText('What would you say to @everyone here, and to @here?', words);
		expect(text).not.toMatch(/@everyone|@here/);
		expect(text).toContain('@\u200beveryone');
		expect(text).toContain('@\u200bhere');
	});

	it('must not copy a question already in the pool', () => {
		const existing = bank.questions[0]!;
		const reworded = existing.text.toUpperCase();
		expect(problem(() => cleanQuestionText(reworded, words, bank.questions))).toContain(existing.text);
		expect(cleanQuestionText('Which recipe would you teach a friend who has never cooked?', words, bank.questions)).toBeTruthy();
	});
});

describe('thread names', () => {
	it('keep short questions whole and cut long ones to 100 characters at a word', () => {
		expect(threadNameOf('What made you laugh this week?')).toBe('What made you laugh this week?');
		const name = threadNameOf(`When did ${'someone small '.repeat(12)}change your mind about something big?`);
		expect(name.length).toBeLessThanOrEqual(100);
		expect(name.endsWith('…')).toBe(true);
		expect(name).not.toMatch(/\s…$/);
	});
});

describe('the posted prompt', () => {
	const view: PromptView = { text: 'What are you proud of this month?', themeName: 'Growth and mutual support', tier: 'deep', tip: 'Listen first.', credit: null, threads: true };

	it('shows the question, its theme, its depth and a tip', () => {
		const message = renderPromptPost(words, view, null);
		const embed = message.embeds![0]!;
		expect(embed.description).toContain(view.text);
		expect(embed.fields?.map((f) => f.value)).toEqual(expect.arrayContaining(['Growth and mutual support', expect.stringContaining('Deep')]));
		expect(embed.footer?.text).toContain('Listen first.');
	});

	it('pings nobody unless a role is configured, and then only that role', () => {
		expect(renderPromptPost(words, view, null).allowed_mentions).toEqual({ parse: [] });
		const withRole = renderPromptPost(words, view, '444444444444444444');
		expect(withRole.content).toContain('<@&444444444444444444>');
		expect(withRole.allowed_mentions).toEqual({ parse: [], roles: ['444444444444444444'] });
	});

	it('credits a member by name, or anonymously, as they chose', () => {
		const named = renderPromptPost(words, { ...view, credit: { userId: '555555555555555555' } }, null);
		expect(JSON.stringify(named.embeds)).toContain('<@555555555555555555>');
		expect(named.allowed_mentions).toEqual({ parse: [] });
		const anonymous = renderPromptPost(words, { ...view, credit: 'anonymous' }, null);
		expect(JSON.stringify(anonymous.embeds)).not.toMatch(/<@\d+>/);
		expect(JSON.stringify(anonymous.embeds)).toContain(words.post.suggestedAnonymously);
	});

	it('the preview says it is private and never pings', () => {
		const preview = renderPreview(words, view, 'note');
		expect(preview.embeds![0]!.author?.name).toBe(words.preview.heading);
		expect(preview.allowed_mentions).toEqual({ parse: [] });
	});
});

describe('history', () => {
	it('lists prompts with their answer counts and threads, and says so when there are none', () => {
		expect(renderHistory(words, []).content).toBe(words.history.empty);
		const message = renderHistory(words, [
			{ at: new Date('2026-11-23T09:00:00Z'), text: 'What made you laugh?', answers: 4, threadId: '666666666666666666' },
			{ at: new Date('2026-11-22T09:00:00Z'), text: 'What do you miss?', answers: 1, threadId: '666666666666666667' },
		]);
		const text = message.embeds![0]!.description!;
		expect(text).toContain('4 answers');
		expect(text).toContain('1 answer');
		expect(text).toContain('<#666666666666666666>');
		expect(text.indexOf('laugh')).toBeLessThan(text.indexOf('miss'));
	});
});

describe('schedule input an admin types', () => {
	it('accepts daily times, chosen days and cron, in friendly forms', () => {
		expect(parseScheduleInput({ kind: 'daily', time: '9am' })).toEqual({ kind: 'daily', time: '09:00' });
		expect(parseScheduleInput({ kind: 'weekdays', days: 'mon, wed and fri', time: '18:30' })).toEqual({ kind: 'weekly', days: [1, 3, 5], time: '18:30' });
		expect(parseScheduleInput({ kind: 'cron', cron: ' 0  9 * * 1 ' })).toEqual({ kind: 'cron', expression: '0 9 * * 1' });
	});

	it('refuses what it cannot read with a message saying what to type', () => {
		expect(problem(() => parseScheduleInput({ kind: 'daily', time: '25:00' }))).toMatch(/09:00/);
		expect(problem(() => parseScheduleInput({ kind: 'weekdays', days: 'someday', time: '09:00' }))).toMatch(/mon,wed,fri/);
		expect(problem(() => parseScheduleInput({ kind: 'cron', cron: '0 9 * *' }))).toMatch(/5 parts/);
		expect(problem(() => parseScheduleInput({ kind: 'cron', cron: '61 9 * * *' }))).toMatch(/minute/);
		expect(problem(() => parseScheduleInput({ kind: 'weekdays', days: 'mon', time: '09:00', everyWeeks: 2 }))).toMatch(/first date/);
	});
});
