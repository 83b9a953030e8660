import type { Store } from '../../store/index.js';
import type { PastMeeting } from './matching.js';
import {
	DELETED_MEMBER,
	PairingGroupRecord,
	PairingRoundRecord,
	pairingKeys,
	type FollowUpAnswer,
	type PairingGroup,
	type PairingRound,
} from './records.js';

/** One round a member was part of, as /pair history and the data export show it. */
export interface MemberRoundEntry {
	round: number;
	plannedAt: string;
	/** The other members of the group; DELETED_MEMBER for someone who deleted their data. */
	with: string[];
	shared: string[];
	answer: FollowUpAnswer | null;
	via: 'thread' | 'dm' | null;
}

/** Reading and writing rounds and their groups. Every change of a stored round or group goes through update(). */
export class RoundRecords {
	constructor(private readonly store: Store) {}

	round(guildId: string, n: number): Promise<PairingRound | undefined> {
		return this.store.get(PairingRoundRecord, pairingKeys.round(guildId, n));
	}

	/** Every round of the guild, oldest first. */
	async rounds(guildId: string): Promise<PairingRound[]> {
		const entries = await this.store.entries(PairingRoundRecord, pairingKeys.roundPrefix(guildId));
		return entries.map(([, round]) => round).sort((a, b) => a.number - b.number);
	}

	async latest(guildId: string): Promise<PairingRound | undefined> {
		const all = await this.rounds(guildId);
		return all[all.length - 1];
	}

	/** The groups of one round, in order (groups past the round's count are leftovers of an interrupted plan). */
	async groups(guildId: string, round: PairingRound): Promise<PairingGroup[]> {
		const keyList = Array.from({ length: round.groupCount }, (_, i) => pairingKeys.group(guildId, round.number, i));
		const found = await this.store.getMany(PairingGroupRecord, keyList);
		return found.filter((g): g is PairingGroup => g !== undefined);
	}

	group(guildId: string, n: number, index: number): Promise<PairingGroup | undefined> {
		return this.store.get(PairingGroupRecord, pairingKeys.group(guildId, n, index));
	}

	/** Every group of every stored round, oldest round first. */
	async allGroups(guildId: string, rounds?: readonly PairingRound[]): Promise<PairingGroup[]> {
		const known = new Map((rounds ?? (await this.rounds(guildId))).map((r) => [r.number, r.groupCount]));
		const entries = await this.store.entries(PairingGroupRecord, pairingKeys.groupPrefix(guildId));
		return entries
			.map(([, group]) => group)
			.filter((g) => g.index < (known.get(g.round) ?? 0))
			.sort((a, b) => a.round - b.round || a.index - b.index);
	}

	/** Who met whom, for the matching: every pair of (not deleted) members grouped together in a stored round. */
	async meetings(guildId: string, rounds?: readonly PairingRound[]): Promise<PastMeeting[]> {
		const out: PastMeeting[] = [];
		for (const group of await this.allGroups(guildId, rounds)) {
			const members = group.members.filter((m) => m !== DELETED_MEMBER);
			for (let x = 0; x < members.length; x++)
				for (let y = x + 1; y < members.length; y++) out.push({ a: members[x]!, b: members[y]!, round: group.round });
		}
		return out;
	}

	/** The rounds one member was grouped in, newest first. */
	async memberHistory(guildId: string, userId: string): Promise<MemberRoundEntry[]> {
		const rounds = await this.rounds(guildId);
		const byNumber = new Map(rounds.map((r) => [r.number, r]));
		const out: MemberRoundEntry[] = [];
		for (const group of await this.allGroups(guildId, rounds)) {
			if (!group.members.includes(userId)) continue;
			out.push({
				round: group.round,
				plannedAt: byNumber.get(group.round)?.plannedAt ?? '',
				with: group.members.filter((m) => m !== userId),
				shared: group.shared,
				answer: group.answers.find((a) => a.userId === userId)?.answer ?? null,
				via: group.intro.via,
			});
		}
		return out.reverse();
	}

	async saveGroups(guildId: string, groups: readonly PairingGroup[]): Promise<void> {
		await this.store.setMany(
			PairingGroupRecord,
			groups.map((g) => [pairingKeys.group(guildId, g.round, g.index), g] as const),
		);
	}

	async saveRound(guildId: string, round: PairingRound): Promise<void> {
		await this.store.set(PairingRoundRecord, pairingKeys.round(guildId, round.number), round);
	}

	/** Changes a stored round; `change` returns undefined to leave it as it is. */
	async updateRound(guildId: string, n: number, change: (round: PairingRound) => PairingRound | undefined): Promise<PairingRound | undefined> {
		return this.store.update(PairingRoundRecord, pairingKeys.round(guildId, n), (current) => (current ? change(current) : undefined));
	}

	async updateGroup(guildId: string, n: number, index: number, change: (group: PairingGroup) => PairingGroup | undefined): Promise<PairingGroup | undefined> {
		return this.store.update(PairingGroupRecord, pairingKeys.group(guildId, n, index), (current) => (current ? change(current) : undefined));
	}

	/**
	 * Takes a member out of every round: their id becomes DELETED_MEMBER (so partners keep their own history entry,
	 * "someone who deleted their data") and their answers go.
	 */
	async forgetMember(guildId: string, userId: string): Promise<void> {
		const swap = (id: string | null) => (id === userId ? DELETED_MEMBER : id);
		for (const round of await this.rounds(guildId)) {
			if (round.unmatched.some((u) => u.userId === userId)) {
				await this.updateRound(guildId, round.number, (r) => ({
					...r,
					unmatched: r.unmatched.map((u) => (u.userId === userId ? { ...u, userId: DELETED_MEMBER } : u)),
				}));
			}
		}
		const entries = await this.store.entries(PairingGroupRecord, pairingKeys.groupPrefix(guildId));
		for (const [, group] of entries) {
			if (!group.members.includes(userId)) continue;
			await this.updateGroup(guildId, group.round, group.index, (g) => ({
				...g,
				members: g.members.map((m) => swap(m) as string),
				intro: {
					...g.intro,
					reached: g.intro.reached.map((m) => swap(m) as string),
					messages: g.intro.messages.map((m) => ({ ...m, userId: swap(m.userId) })),
					failures: g.intro.failures.map((f) => ({ ...f, userId: swap(f.userId) })),
				},
				followUp: {
					...g.followUp,
					messages: g.followUp.messages.map((m) => ({ ...m, userId: swap(m.userId) })),
					failures: g.followUp.failures.map((f) => ({ ...f, userId: swap(f.userId) })),
				},
				answers: g.answers.filter((a) => a.userId !== userId),
			}));
		}
	}
}
