import { localDate, nextOccurrence, type ScheduleSpec } from '../../scheduler/schedule.js';
import type { PairingConfig } from './records.js';

const DAY_MS = 86_400_000;

/** The weekly schedule rounds follow. */
export function roundSpec(config: Pick<PairingConfig, 'day' | 'time' | 'everyWeeks' | 'anchorDate'>): ScheduleSpec {
	return config.everyWeeks === 1
		? { kind: 'weekly', days: [config.day], time: config.time }
		: { kind: 'weekly', days: [config.day], time: config.time, everyWeeks: config.everyWeeks, anchorDate: config.anchorDate };
}

/**
 * The local date of the first `day` at `time` after `now`: cycles of 2 or 4 weeks count from it, so "every 2 weeks on
 * Monday" set on a Wednesday starts next Monday.
 */
export function firstRoundDate(day: number, time: string, timezone: string, now: Date): string {
	const today = localDate(now, timezone);
	const todayMs = Date.parse(`${today}T00:00:00Z`);
	const weekday = new Date(todayMs).getUTCDay();
	let ahead = (day - weekday + 7) % 7;
	if (ahead === 0 && localTime(now, timezone) >= time) ahead = 7;
	return new Date(todayMs + ahead * DAY_MS).toISOString().slice(0, 10);
}

function localTime(now: Date, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
	return parts;
}

/** The next scheduled round after `now`, or null when rounds are not scheduled (no channel yet, or paused). */
export function nextRoundAt(config: PairingConfig, timezone: string, now: Date): Date | null {
	if (!config.channelId || config.paused) return null;
	const since = Date.parse(config.scheduleSince) - 1;
	return nextOccurrence(roundSpec(config), timezone, new Date(Math.max(now.getTime(), since)));
}

/** How long a round lasts: until the next one. */
export function cycleMs(config: Pick<PairingConfig, 'everyWeeks'>): number {
	return config.everyWeeks * 7 * DAY_MS;
}

/** Halfway through the cycle: when members are asked whether they met. */
export function followUpDue(plannedAt: Date, config: Pick<PairingConfig, 'everyWeeks'>): Date {
	return new Date(plannedAt.getTime() + cycleMs(config) / 2);
}
