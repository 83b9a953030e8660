import { describe, expect, it } from 'vitest';
import { challengeState, closingAt, splitActions, type Challenge } from '../../src/features/challenges/index.js';
import {
	checkInButtonId,
	plain,
	renderCheckIn,
	renderDailyPost,
	renderLeaderboard,
	renderProgress,
	renderSummary,
} from '../../src/features/challenges/render.js';
import { evaluateProgress } from '../../src/features/challenges/calendar.js';
import { en } from '../../src/strings/index.js';

const challenge: Challenge = {
	id: '12',
	guildId: '100000000000000001',
	name: 'Thirty days of gratitude',
	description: 'Notice what is good, then say it.',
	templateId: 'gratitude-30',
	length: 30,
	actions: Array.from({ length: 30 }, (_, i) => `Action number ${i + 1}`),
	channelId: '300000000000000001',
	startDate: '2026-11-23',
	postTime: '09:00',
	timezone: 'Europe/Paris',
	graceHours: 24,
	completionRoleId: null,
	milestones: [],
	createdBy: '200000000000000001',
	createdAt: '2026-11-20T10:00:00.000Z',
	endedAt: null,
	endedDay: null,
	summaryPostedAt: null,
	archivedAt: null,
};

type Button = { custom_id: string; label: string };
const buttons = (m: { components?: Array<{ components: unknown[] }> }) => (m.components ?? []).flatMap((r) => r.components as Button[]);

describe('the daily post', () => {
	it('shows the day’s action with Check in, Join and My progress buttons carrying the challenge and day', () => {
		const post = renderDailyPost(en, challenge, 5);
		expect(post.embeds![0]!.title).toBe('Day 5 of 30 · Thirty days of gratitude');
		expect(post.embeds![0]!.description).toContain('Action number 5');
		expect(buttons(post).map((b) => [b.label, b.custom_id])).toEqual([
			['Check in', 'chk:v1:12:5'],
			['Join', 'chj:v1:12'],
			['My progress', 'chp:v1:12'],
		]);
		expect(post.allowed_mentions).toBeUndefined(); // the Discord layer then sends no mentions at all
	});

	it('introduces the challenge on day 1 and thanks everyone on the last day', () => {
		expect(renderDailyPost(en, challenge, 1).embeds![0]!.description).toContain('Notice what is good');
		expect(renderDailyPost(en, challenge, 30).embeds![0]!.footer!.text).toMatch(/Last day/);
	});

	it('keeps custom ids within Discord’s 100 characters for the largest ids and days', () => {
		expect(checkInButtonId('999999999', 366).length).toBeLessThanOrEqual(100);
	});
});

describe('member text', () => {
	it('is shown as plain text: markdown escaped, @ defused', () => {
		expect(plain('**bold** @everyone')).toBe('\\*\\*bold\\*\\* @\u200beveryone');
	});

	it('notes in progress never turn into markdown or mentions', () => {
		const participant = {
			challengeId: '12',
			joinedAt: '2026-11-23T08:00:00.000Z',
			joinDay: 1,
			timezone: null,
			reminders: false,
			lastRemindedDay: null,
			checkIns: [{ day: 1, at: '2026-11-23T10:00:00.000Z', note: '@here __hi__', via: 'command' as const }],
			milestonesAwarded: [],
			completedAt: null,
		};
		const progress = evaluateProgress({ joinDay: 1, lastDay: 30, checkIns: [1], today: 2, closedThrough: 0 });
		const view = renderProgress(en, { challenge, participant, progress, timezone: 'Europe/Paris', state: 'running' });
		const notes = view.embeds![0]!.fields!.find((f) => f.name === 'Your recent notes')!;
		expect(notes.value).toBe('Day 1: @\u200bhere \\_\\_hi\\_\\_');
	});
});

describe('check-in replies', () => {
	const refusal = (reason: 'not-joined' | 'closed' | 'already' | 'before-join' | 'over' | 'not-started', day = 3, today = 5) =>
		renderCheckIn(en, { ok: false, challenge, reason, day, today, joinDay: 4 });

	it('offers a Join button to someone who has not joined', () => {
		const reply = refusal('not-joined');
		expect(reply.content).toContain("You haven't joined");
		expect(buttons(reply)).toEqual([expect.objectContaining({ custom_id: 'chj:v1:12', label: 'Join' })]);
	});

	it('explains kindly when a day has closed and points to today', () => {
		expect(refusal('closed').content).toBe(
			"Day 3's check-in has closed, so it can't be changed now, but today (day 5) is wide open: press the newest Check in or use /challenge checkin.",
		);
		expect(refusal('before-join').content).toContain("doesn't count against you");
	});

	it('never uses shaming words', () => {
		const texts = (['not-joined', 'closed', 'already', 'before-join', 'over', 'not-started'] as const).map((r) => refusal(r).content ?? '');
		for (const text of texts) expect(text).not.toMatch(/\b(fail|failed|lazy|shame|behind|broke)\b/i);
	});
});

describe('summary and leaderboard', () => {
	it('gives participants, completion rate and longest streak', () => {
		const summary = renderSummary(en, { challenge, participants: 8, completed: 3, longestStreak: 21, checkIns: 140, endedEarly: false });
		const fields = Object.fromEntries(summary.embeds![0]!.fields!.map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({ Participants: '8', 'Completed every day': '3 of 8 (38%)', 'Longest streak': '21 days', 'Check-ins': '140' });
		expect(renderSummary(en, { challenge, participants: 0, completed: 0, longestStreak: 0, checkIns: 0, endedEarly: false }).embeds![0]!.description).toMatch(/Nobody joined/);
	});

	it('lists display names as plain text with consistency and streak', () => {
		const board = renderLeaderboard(en, {
			challenge,
			lines: [{ userId: '1', displayName: '*Ada*', consistency: 0.9, currentStreak: 4, daysDone: 9 }],
			viewerRank: 1,
			total: 3,
		});
		expect(board.embeds![0]!.description).toContain('**1.** \\*Ada\\*: 90% · streak 4 · 9 days done');
		expect(board.embeds![0]!.footer!.text).toBe("You're #1 of 3. Keep going at your own pace.");
	});
});

describe('challenge life', () => {
	it('is upcoming, running, then finished at the post time after its last day; ended and archived win', () => {
		expect(challengeState(challenge, Date.parse('2026-11-22T22:00:00Z'))).toBe('upcoming');
		expect(challengeState(challenge, Date.parse('2026-11-22T23:30:00Z'))).toBe('running'); // 00:30 in Paris
		expect(closingAt(challenge)).toBe(Date.parse('2026-12-23T08:00:00Z'));
		expect(challengeState(challenge, Date.parse('2026-12-23T07:59:00Z'))).toBe('running');
		expect(challengeState(challenge, Date.parse('2026-12-23T08:00:00Z'))).toBe('finished');
		expect(challengeState({ ...challenge, endedAt: '2026-12-01T00:00:00.000Z', endedDay: 9 }, Date.parse('2026-12-02T00:00:00Z'))).toBe('ended');
		expect(challengeState({ ...challenge, archivedAt: '2026-12-30T00:00:00.000Z' }, Date.parse('2026-12-02T00:00:00Z'))).toBe('archived');
	});

	it('splits typed actions on | or lines, dropping numbering', () => {
		expect(splitActions('Say hi | Ask a question |  ')).toEqual(['Say hi', 'Ask a question']);
		expect(splitActions('1. Say hi\n2) Ask a question\nDay 3: Listen')).toEqual(['Say hi', 'Ask a question', 'Listen']);
	});
});
