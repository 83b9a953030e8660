/** English words for schedules: what admins are told when a time, days or cron expression is off, and how a schedule reads. */
export const schedule = {
	time: 'Time must look like 09:00 (24-hour clock)',
	pickTimezone: 'Pick a time zone, like Europe/Paris or America/New_York.',
	unknownTimezone: (given: string) => `“${given}” isn't a time zone I know. Try a name like Europe/Paris, America/New_York or UTC.`,
	days: 'Days must be names like mon,wed,fri',
	pickTime: (example: string) => `Pick a time, like ${example}`,
	pickDays: 'Pick the days, like mon,wed,fri',
	everyWeeks: 'A schedule can repeat every week, every 2 weeks or every 4 weeks',
	needsAnchor: (everyWeeks: number) => `Every ${everyWeeks} weeks needs a first date to count the weeks from`,
	date: 'Dates must look like 2026-01-05',
	typeCron: 'Type a cron schedule, like `0 9 * * 1`',
	kind: 'A schedule is daily, on chosen days of the week, or a cron expression',
	cron: {
		example: '`0 9 * * 1` (Mondays at 09:00)',
		empty: (example: string) => `A cron schedule can't be empty. Try something like ${example}.`,
		parts: (example: string, count: number) =>
			`A cron schedule has 5 parts (minute, hour, day of month, month, day of week), like ${example}; this one has ${count}.`,
		random: (field: string) => `Hearth's cron schedules can't use H (a random time) in the ${field} part: pick a fixed value.`,
		badPart: (field: string, part: string, allowed: string) =>
			`The ${field} part of that cron schedule (“${part}”) doesn't work: use ${allowed}, *, ranges like 1-5, lists like 1,3,5 or steps like */15.`,
		never: 'That cron schedule never happens: check that its day of month exists in its month.',
		fields: [
			{ name: 'minute', allowed: 'numbers 0–59' },
			{ name: 'hour', allowed: 'numbers 0–23' },
			{ name: 'day of month', allowed: 'numbers 1–31 or L (last day)' },
			{ name: 'month', allowed: 'numbers 1–12 or jan–dec' },
			{ name: 'day of week', allowed: 'numbers 0–7 (0 and 7 are Sunday) or sun–sat' },
		],
	},
	describe: {
		daily: (time: string) => `every day at ${time}`,
		cron: (expression: string) => `cron \`${expression}\``,
		weekdays: (time: string) => `Monday to Friday at ${time}`,
		weekend: (time: string) => `Saturday and Sunday at ${time}`,
		oneDay: (day: string, time: string) => `every ${day} at ${time}`,
		days: (days: string, time: string) => `${days} at ${time}`,
		everyWeeks: (every: number, days: string, time: string) => `every ${every} weeks on ${days} at ${time}`,
		and: 'and',
		longDays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
		shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
	},
} as const;
