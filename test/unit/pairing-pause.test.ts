import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { newProfile, pauseFields, pauseState } from '../../src/features/pairing/members.js';
import { en } from '../../src/strings/index.js';
import { ADMIN, CHANNEL, GUILD, joinMembers, member, pairingWorld } from './pairing-fixtures.js';

const words = en.pairing;
const profile = (over: Partial<ReturnType<typeof newProfile>> = {}) => ({ ...newProfile(new Date('2026-11-01T00:00:00Z')), ...over });

describe('pause rules', () => {
	it('skipping N rounds skips exactly the next N', () => {
		const fields = pauseFields({ rounds: 2 }, 5, '2026-11-23', words);
		expect(fields).toEqual({ pausedUntilRound: 7, pausedUntilDate: null });
		const p = profile(fields);
		expect(pauseState(p, 6, '2026-11-23').paused).toBe(true);
		expect(pauseState(p, 7, '2026-11-30').paused).toBe(true);
		expect(pauseState(p, 8, '2026-12-07').paused).toBe(false);
	});

	it('a date pause lasts until that local date, which is included again', () => {
		const p = profile(pauseFields({ until: '2026-12-24' }, 5, '2026-11-23', words));
		expect(pauseState(p, 6, '2026-12-23')).toEqual({ paused: true, why: 'date', untilDate: '2026-12-24' });
		expect(pauseState(p, 7, '2026-12-24').paused).toBe(false);
	});

	it('refuses rounds outside 1..12, dates that are not dates, past dates and dates over a year away', () => {
		for (const rounds of [0, 13, 1.5, -2]) expect(() => pauseFields({ rounds }, 0, '2026-11-23', words), String(rounds)).toThrow(UserError);
		for (const until of ['24/12/2026', '2026-02-30', 'soon']) expect(() => pauseFields({ until }, 0, '2026-11-23', words), until).toThrow(/2026-12-31/);
		expect(() => pauseFields({ until: '2026-11-23' }, 0, '2026-11-23', words)).toThrow(/already here/);
		expect(() => pauseFields({ until: '2027-12-01' }, 0, '2026-11-23', words)).toThrow(/up to a year/);
	});

	it('a pause after unanswered intros holds whatever the round or date', () => {
		const p = profile({ autoPaused: true });
		expect(pauseState(p, 99, '2030-01-01')).toEqual({ paused: true, why: 'ignored' });
	});
});

describe('pausing and resuming as a member', () => {
	it('a member who paused for one round sits out the next round and is back for the one after', async () => {
		const world = await pairingWorld();
		const pairing = world.services.pairing;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		const [a] = await joinMembers(world, 5);
		await pairing.pause(GUILD, a!, { rounds: 1 });

		const first = await pairing.runNow(GUILD, ADMIN);
		expect(first.kind).toBe('started');
		if (first.kind !== 'started') return;
		expect(first.groups.flatMap((g) => g.members)).not.toContain(a);
		expect(first.round.unmatched.map((u) => u.userId)).not.toContain(a);
		expect(first.round.skipped.paused).toBe(1);

		const second = await pairing.runNow(GUILD, ADMIN);
		if (second.kind !== 'started') throw new Error(second.kind);
		expect(second.groups.flatMap((g) => g.members)).toContain(a);
	});

	it('a date pause is counted in the guild time zone, and /pair resume ends it early', async () => {
		const world = await pairingWorld({ start: '2026-11-23T08:00:00Z' });
		const pairing = world.services.pairing;
		await pairing.setChannel(GUILD, ADMIN, CHANNEL);
		const [a] = await joinMembers(world, 4);
		await pairing.pause(GUILD, a!, { until: '2026-12-01' });
		const view = await pairing.profileView(GUILD, a!);
		expect(view.pause).toEqual({ paused: true, why: 'date', untilDate: '2026-12-01' });

		expect(await pairing.resume(GUILD, a!)).toBe(true);
		expect(await pairing.resume(GUILD, a!)).toBe(false);
		const round = await pairing.runNow(GUILD, ADMIN);
		if (round.kind !== 'started') throw new Error(round.kind);
		expect(round.groups.flatMap((g) => g.members)).toContain(a);
	});

	it('pausing needs a profile: someone who never joined is told how to join', async () => {
		const world = await pairingWorld();
		await expect(world.services.pairing.pause(GUILD, member(42), { rounds: 1 })).rejects.toThrow(/\/pair join/);
	});
});
