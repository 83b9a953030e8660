import type { Clock } from '../../core/clock.js';
import { UserError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { Strings } from '../../strings/index.js';
import {
	MAX_BLOCKS,
	PairingBlocksRecord,
	PairingProfileRecord,
	PairingRosterRecord,
	pairingKeys,
	type PairingProfile,
} from './records.js';

type Words = Strings['pairing'];

/** Whether a member sits out a round, and why (a member's own pause is private: admins only see counts). */
export type PauseState =
	| { paused: false }
	| { paused: true; why: 'rounds'; untilRound: number }
	| { paused: true; why: 'date'; untilDate: string }
	| { paused: true; why: 'ignored' };

/** Whether `profile` sits out round `round` held on local date `today` ('YYYY-MM-DD'). */
export function pauseState(profile: PairingProfile, round: number, today: string): PauseState {
	if (profile.autoPaused) return { paused: true, why: 'ignored' };
	if (profile.pausedUntilRound !== null && round <= profile.pausedUntilRound) return { paused: true, why: 'rounds', untilRound: profile.pausedUntilRound };
	if (profile.pausedUntilDate !== null && today < profile.pausedUntilDate) return { paused: true, why: 'date', untilDate: profile.pausedUntilDate };
	return { paused: false };
}

/** A member's choice in /pair pause. */
export type PauseRequest = { rounds: number } | { until: string };

export const MAX_PAUSE_ROUNDS = 12;
export const MAX_PAUSE_DAYS = 366;

/** Checks a pause request against today's local date; returns the fields to store. */
export function pauseFields(request: PauseRequest, latestRound: number, today: string, words: Words): Pick<PairingProfile, 'pausedUntilRound' | 'pausedUntilDate'> {
	if ('rounds' in request) {
		if (!Number.isInteger(request.rounds) || request.rounds < 1 || request.rounds > MAX_PAUSE_ROUNDS) {
			throw new UserError(words.errors.pauseRounds(MAX_PAUSE_ROUNDS));
		}
		return { pausedUntilRound: latestRound + request.rounds, pausedUntilDate: null };
	}
	const until = request.until.trim();
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
	const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
	if (!m || !date || date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
		throw new UserError(words.errors.pauseDateFormat);
	}
	if (until <= today) throw new UserError(words.errors.pauseDatePast);
	const days = (date.getTime() - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
	if (days > MAX_PAUSE_DAYS) throw new UserError(words.errors.pauseDateFar);
	return { pausedUntilRound: null, pausedUntilDate: until };
}

export function newProfile(now: Date): PairingProfile {
	return {
		interests: [],
		intro: '',
		joinedAt: now.toISOString(),
		active: true,
		pausedUntilRound: null,
		pausedUntilDate: null,
		autoPaused: false,
		ignoredInRow: 0,
		countedRound: 0,
		pendingNote: null,
	};
}

/** Members' pairing profiles, the roster of who has one, and their private blocks. */
export class PairingMembers {
	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
		private readonly words: Words,
	) {}

	profile(guildId: string, userId: string): Promise<PairingProfile | undefined> {
		return this.store.get(PairingProfileRecord, pairingKeys.profile(guildId, userId));
	}

	/** Profiles of everyone on the roster, in roster order (a damaged profile is left out and logged by the store). */
	async rosterProfiles(guildId: string): Promise<Array<[string, PairingProfile]>> {
		const roster = await this.store.get(PairingRosterRecord, pairingKeys.roster(guildId));
		const ids = roster?.members ?? [];
		const profiles = await this.store.getMany(
			PairingProfileRecord,
			ids.map((id) => pairingKeys.profile(guildId, id)),
		);
		const out: Array<[string, PairingProfile]> = [];
		ids.forEach((id, i) => {
			const profile = profiles[i];
			if (profile) out.push([id, profile]);
		});
		return out;
	}

	/** Opts a member in (again): their profile is created or reactivated, `change` applied, and they join the roster. */
	async join(guildId: string, userId: string, change: (profile: PairingProfile) => PairingProfile): Promise<{ profile: PairingProfile; wasActive: boolean }> {
		// The roster first: a crash in between leaves a roster entry without a profile, which rounds simply skip.
		await this.#addToRoster(guildId, userId);
		let wasActive = false;
		const profile = await this.store.update(PairingProfileRecord, pairingKeys.profile(guildId, userId), (current) => {
			wasActive = current?.active ?? false;
			const base = current ?? newProfile(this.clock.now());
			return change({ ...base, active: true, autoPaused: false, ignoredInRow: base.autoPaused ? 0 : base.ignoredInRow });
		});
		return { profile: profile!, wasActive };
	}

	/** Changes an existing profile; a member who never joined is told how to. */
	async update(guildId: string, userId: string, change: (profile: PairingProfile) => PairingProfile | undefined): Promise<PairingProfile> {
		let missing = false;
		const profile = await this.store.update(PairingProfileRecord, pairingKeys.profile(guildId, userId), (current) => {
			if (!current) {
				missing = true;
				return undefined;
			}
			return change(current);
		});
		if (missing || !profile) throw new UserError(this.words.errors.notJoined);
		return profile;
	}

	/** Out of pairing, keeping the profile (interests, history) for a later /pair join. */
	async leave(guildId: string, userId: string): Promise<void> {
		await this.update(guildId, userId, (p) => (p.active ? { ...p, active: false } : undefined));
		await this.#removeFromRoster(guildId, userId);
	}

	/** Deletes the member's profile and blocks, and takes them off the roster. */
	async forget(guildId: string, userId: string): Promise<void> {
		await this.#removeFromRoster(guildId, userId);
		await this.store.deleteMany([pairingKeys.profile(guildId, userId), pairingKeys.blocks(guildId, userId)]);
	}

	/** A note we could not deliver by DM, shown (once) the next time the member uses /pair. */
	async leaveNote(guildId: string, userId: string, note: string): Promise<void> {
		await this.store.update(PairingProfileRecord, pairingKeys.profile(guildId, userId), (current) =>
			current ? { ...current, pendingNote: note.slice(0, 1000) } : undefined,
		);
	}

	async takeNote(guildId: string, userId: string): Promise<string | null> {
		let note: string | null = null;
		await this.store.update(PairingProfileRecord, pairingKeys.profile(guildId, userId), (current) => {
			if (!current?.pendingNote) return undefined;
			note = current.pendingNote;
			return { ...current, pendingNote: null };
		});
		return note;
	}

	async blocks(guildId: string, userId: string): Promise<string[]> {
		return (await this.store.get(PairingBlocksRecord, pairingKeys.blocks(guildId, userId)))?.blocked ?? [];
	}

	/** Blocks of many members at once, as pairs [blocker, blocked]. */
	async blockPairs(guildId: string, userIds: readonly string[]): Promise<Array<[string, string]>> {
		const found = await this.store.getMany(
			PairingBlocksRecord,
			userIds.map((id) => pairingKeys.blocks(guildId, id)),
		);
		const pairs: Array<[string, string]> = [];
		userIds.forEach((id, i) => {
			for (const other of found[i]?.blocked ?? []) pairs.push([id, other]);
		});
		return pairs;
	}

	/** Returns false when the member was already blocked. */
	async block(guildId: string, userId: string, targetId: string): Promise<boolean> {
		if (targetId === userId) throw new UserError(this.words.errors.blockSelf);
		let added = false;
		await this.store.update(PairingBlocksRecord, pairingKeys.blocks(guildId, userId), (current) => {
			const blocked = current?.blocked ?? [];
			if (blocked.includes(targetId)) return undefined;
			if (blocked.length >= MAX_BLOCKS) throw new UserError(this.words.errors.tooManyBlocks(MAX_BLOCKS));
			added = true;
			return { blocked: [...blocked, targetId] };
		});
		return added;
	}

	/** Returns false when the member was not blocked. */
	async unblock(guildId: string, userId: string, targetId: string): Promise<boolean> {
		let removed = false;
		await this.store.update(PairingBlocksRecord, pairingKeys.blocks(guildId, userId), (current) => {
			if (!current?.blocked.includes(targetId)) return undefined;
			removed = true;
			return { blocked: current.blocked.filter((id) => id !== targetId) };
		});
		return removed;
	}

	async #addToRoster(guildId: string, userId: string): Promise<void> {
		await this.store.update(PairingRosterRecord, pairingKeys.roster(guildId), (current) => {
			const members = current?.members ?? [];
			return members.includes(userId) ? undefined : { members: [...members, userId] };
		});
	}

	async #removeFromRoster(guildId: string, userId: string): Promise<void> {
		await this.store.update(PairingRosterRecord, pairingKeys.roster(guildId), (current) =>
			current?.members.includes(userId) ? { members: current.members.filter((id) => id !== userId) } : undefined,
		);
	}
}
