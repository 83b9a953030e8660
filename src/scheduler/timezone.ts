import { z } from 'zod';
import { schedule as words } from '../strings/en/schedule.js';

/**
 * Time zones and local wall-clock time.
 *
 * A "wall" value is a local date and time written as if it were UTC milliseconds (Date.UTC(y, m, d, h, min)), so that
 * local calendar arithmetic is plain integer arithmetic. Converting between instants and walls goes through Intl, the
 * only source of tz rules on the machine.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
	let formatter = formatters.get(tz);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(tz, formatter);
	}
	return formatter;
}

// en-US with h23 prints "11/21/2026, 09:00:00"; format() is about three times faster than formatToParts().
const EN_US = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function formattedOffset(instantMs: number, tz: string): number {
	const whole = Math.floor(instantMs / 1000) * 1000;
	const text = formatterFor(tz).format(whole);
	const m = EN_US.exec(text);
	if (!m) throw new Error(`Unexpected date format from Intl: ${text}`);
	return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - whole;
}

// Offsets are remembered per zone and quarter hour: a tick asks about the same few instants for thousands of entries.
const BUCKET_MS = 15 * MINUTE_MS;
const BUCKETS_PER_ZONE = 20_000;
const offsets = new Map<string, Map<number, number>>();

/** How far local time is ahead of UTC at `instantMs`, in ms. */
export function offsetAt(instantMs: number, tz: string): number {
	let zone = offsets.get(tz);
	if (!zone) {
		zone = new Map();
		offsets.set(tz, zone);
	}
	const bucket = Math.floor(instantMs / BUCKET_MS);
	const known = zone.get(bucket);
	if (known !== undefined) return known;
	const start = formattedOffset(bucket * BUCKET_MS, tz);
	// Same offset at both ends of a quarter hour means none of it changed (clocks never change twice in 15 minutes).
	if (start !== formattedOffset(bucket * BUCKET_MS + BUCKET_MS - 1000, tz)) return formattedOffset(instantMs, tz);
	if (zone.size >= BUCKETS_PER_ZONE) zone.clear();
	zone.set(bucket, start);
	return start;
}

/** The local wall time (whole seconds) at `instantMs` in `tz`. */
export function wallOf(instantMs: number, tz: string): number {
	return Math.floor(instantMs / 1000) * 1000 + offsetAt(instantMs, tz);
}

/**
 * The instant at which a local wall time happens. Hearth's rule for the two yearly DST changes:
 * - a wall time that does not exist (spring forward, e.g. 02:30 when clocks jump 02:00→03:00) happens at the moment
 *   the clocks jump, which reads 03:00 locally: a schedule still runs that day, as early as it can;
 * - a wall time that happens twice (fall back, e.g. 01:30 when clocks go 02:00→01:00) happens the first time only.
 * This mapping never goes backwards, so occurrences stay in order.
 */
export function instantOfWall(wallMs: number, tz: string): number {
	const before = offsetAt(wallMs - DAY_MS, tz);
	const after = offsetAt(wallMs + DAY_MS, tz);
	const early = wallMs - before;
	const late = wallMs - after;
	const earlyOk = offsetAt(early, tz) === before;
	const lateOk = offsetAt(late, tz) === after;
	if (earlyOk && lateOk) return Math.min(early, late);
	if (earlyOk) return early;
	if (lateOk) return late;
	// In a gap (spring forward): find the first whole minute at which the new offset holds: the moment clocks jumped.
	let lo = Math.floor(Math.min(early, late) / MINUTE_MS);
	let hi = Math.ceil(Math.max(early, late) / MINUTE_MS);
	const startOffset = offsetAt(lo * MINUTE_MS, tz);
	// Two changes within two days that cancel out happen in no current zone; keep the plain reading then.
	if (offsetAt(hi * MINUTE_MS, tz) === startOffset) return early;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (offsetAt(mid * MINUTE_MS, tz) === startOffset) lo = mid;
		else hi = mid;
	}
	return hi * MINUTE_MS;
}

/** True when the offset is the same from `spanMs` before to `spanMs` after the instant (no DST change near it). */
export function steadyAround(instantMs: number, tz: string, spanMs: number): boolean {
	const here = offsetAt(instantMs, tz);
	return offsetAt(instantMs - spanMs, tz) === here && offsetAt(instantMs + spanMs, tz) === here;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' of a wall value. */
export function wallDate(wallMs: number): string {
	const d = new Date(wallMs);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'YYYY-MM-DDTHH:MM' of a wall value. */
export function wallMinute(wallMs: number): string {
	const d = new Date(wallMs);
	return `${wallDate(wallMs)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 'YYYY-MM-DDTHH:MM' of `instant` in `tz`: the local minute used in run keys. */
export function localMinuteKey(instant: Date, tz: string): string {
	return wallMinute(wallOf(instant.getTime(), tz));
}

/** 'YYYY-MM-DD' of `instant` in `tz`. */
export function localDate(instant: Date, tz: string): string {
	return wallDate(wallOf(instant.getTime(), tz));
}

const canonical = new Map<string, string | null>();

/**
 * Node's ICU still calls some zones by their old names (Asia/Calcutta, Europe/Kiev). Admins look for today's names,
 * so we show and store those; both spellings work with Intl.
 */
const TODAYS_NAME: Record<string, string> = {
	'Africa/Asmera': 'Africa/Asmara',
	'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
	'America/Catamarca': 'America/Argentina/Catamarca',
	'America/Cordoba': 'America/Argentina/Cordoba',
	'America/Godthab': 'America/Nuuk',
	'America/Indianapolis': 'America/Indiana/Indianapolis',
	'America/Jujuy': 'America/Argentina/Jujuy',
	'America/Louisville': 'America/Kentucky/Louisville',
	'America/Mendoza': 'America/Argentina/Mendoza',
	'Asia/Calcutta': 'Asia/Kolkata',
	'Asia/Katmandu': 'Asia/Kathmandu',
	'Asia/Rangoon': 'Asia/Yangon',
	'Asia/Saigon': 'Asia/Ho_Chi_Minh',
	'Atlantic/Faeroe': 'Atlantic/Faroe',
	'Europe/Kiev': 'Europe/Kyiv',
	'Pacific/Enderbury': 'Pacific/Kanton',
	'Pacific/Ponape': 'Pacific/Pohnpei',
	'Pacific/Truk': 'Pacific/Chuuk',
};

function resolve(name: string): string | null {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

function todaysName(icuName: string): string {
	const modern = TODAYS_NAME[icuName];
	return modern !== undefined && resolve(modern) !== null ? modern : icuName;
}

/**
 * The canonical name of a time zone ('europe/paris' → 'Europe/Paris', 'US/Eastern' → 'America/New_York',
 * 'Asia/Calcutta' → 'Asia/Kolkata'), or null when Intl does not know it. Offsets such as '+05:00' are refused:
 * an offset has no DST rules.
 */
export function canonicalTimezone(tz: string): string | null {
	const name = tz.trim();
	const known = canonical.get(name);
	if (known !== undefined) return known;
	let result: string | null = null;
	if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
		const resolved = resolve(name);
		result = resolved === null ? null : todaysName(resolved);
	}
	canonical.set(name, result);
	return result;
}

export function isValidTimezone(tz: string): boolean {
	return typeof tz === 'string' && canonicalTimezone(tz) !== null;
}

/** A time zone name typed by an admin; passes with its canonical spelling ('europe/paris' → 'Europe/Paris'). */
export const TimezoneSchema = z
	.string({ error: words.pickTimezone })
	.trim()
	.refine(isValidTimezone, { error: (issue) => words.unknownTimezone(String(issue.input)) })
	.transform((tz) => canonicalTimezone(tz) ?? tz);

let allZones: string[] | undefined;

/** Every time zone Intl knows (by today's names), plus 'UTC', sorted; for autocomplete. */
export function listTimezones(): string[] {
	if (!allZones) {
		const zones = new Set(Intl.supportedValuesOf('timeZone').map(todaysName));
		zones.add('UTC');
		allZones = [...zones].sort();
	}
	return [...allZones];
}

/**
 * Time zones matching what an admin has typed so far, best first: names that start with it, then names with a part
 * (city, region) that starts with it, then names that merely contain it. 'new york' finds America/New_York.
 */
export function searchTimezones(query: string, limit = 25): string[] {
	const zones = listTimezones();
	const q = query.trim().toLowerCase().replace(/\s+/g, '_');
	if (q === '') return zones.slice(0, Math.max(0, limit));
	const ranked: Array<[number, string]> = [];
	for (const zone of zones) {
		const lower = zone.toLowerCase();
		let rank: number;
		if (lower.startsWith(q)) rank = 0;
		else if (startsAPart(lower, q)) rank = 1;
		else if (lower.includes(q)) rank = 2;
		else continue;
		ranked.push([rank, zone]);
	}
	ranked.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
	return ranked.slice(0, Math.max(0, limit)).map(([, zone]) => zone);
}

/** Whether `q` starts right after a '/' or '_' in `name` ('york' in 'america/new_york'). */
function startsAPart(name: string, q: string): boolean {
	for (let i = 1; i < name.length; i++) {
		const before = name[i - 1];
		if ((before === '/' || before === '_') && name.startsWith(q, i)) return true;
	}
	return false;
}
