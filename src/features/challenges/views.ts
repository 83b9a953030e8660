import type { CheckInRefusal, Progress } from './calendar.js';
import type { Challenge, Milestone, Participant } from './records.js';

/** Where a challenge is in its life, at a given moment. */
export type ChallengeState = 'upcoming' | 'running' | 'finished' | 'ended' | 'archived';

/** A role Hearth tried to give after a check-in. */
export interface RoleAward {
	kind: 'milestone' | 'completion';
	days: number;
	roleId: string;
	given: boolean;
}

export type CheckInResult =
	| {
			ok: true;
			challenge: Challenge;
			participant: Participant;
			day: number;
			backdated: boolean;
			/** The button was for a later day than the member's own today. */
			aheadOfMember: boolean;
			progress: Progress;
			freezeEarned: boolean;
			/** Milestones newly reached by this check-in (with or without a role given). */
			milestones: Milestone[];
			completedNow: boolean;
			awards: RoleAward[];
			noteSaved: boolean;
	  }
	| {
			ok: false;
			challenge: Challenge;
			reason: CheckInRefusal | 'not-joined' | 'challenge-closed';
			day: number;
			today: number;
			joinDay: number;
	  };

export interface JoinResult {
	challenge: Challenge;
	participant: Participant;
	already: boolean;
	timezone: string;
}

export interface ProgressView {
	challenge: Challenge;
	participant: Participant;
	progress: Progress;
	timezone: string;
	state: ChallengeState;
}

export interface LeaderboardLine {
	userId: string;
	displayName: string;
	consistency: number;
	currentStreak: number;
	daysDone: number;
}

export interface LeaderboardView {
	challenge: Challenge;
	lines: LeaderboardLine[];
	/** The viewer's rank among present participants, when they take part. */
	viewerRank: number | null;
	total: number;
}

export interface ChallengeSummary {
	challenge: Challenge;
	participants: number;
	completed: number;
	longestStreak: number;
	checkIns: number;
	endedEarly: boolean;
}

export interface ChallengeListItem {
	challenge: Challenge;
	state: ChallengeState;
	/** The challenge's current day in its own time zone (≤ 0 before it starts). */
	day: number;
	joined: boolean;
}

export interface ChallengeStatus {
	challenge: Challenge;
	state: ChallengeState;
	day: number;
	participants: number;
	checkedInToday: number;
	completed: number;
	postsMade: number;
	problems: string[];
}
