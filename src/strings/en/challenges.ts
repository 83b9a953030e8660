/** English words for the shared challenges: posts, replies, DMs, admin answers. Warm, plain, never shaming. */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const challenges = {
	stateWords: {
		upcoming: 'starting soon',
		running: 'running',
		finished: 'finished',
		ended: 'ended early',
		archived: 'archived',
	},
	dayOf: (day: number, length: number) => `Day ${day} of ${length}`,
	defaultAction: (day: number, name: string) => `Day ${day} of ${name}: take today's small step, in your own way.`,

	post: {
		title: (day: number, length: number, name: string) => `Day ${day} of ${length} · ${name}`,
		firstDayIntro: (description: string) =>
			`${description}\n\nWelcome to day one! Each day brings one small action. Do it whenever suits you, then press **Check in**.`,
		footer: 'Missed a day? You can still check in for yesterday. Every day you show up counts.',
		lastDayFooter: 'Last day! Whatever your count, thank you for being part of this.',
		checkInButton: 'Check in',
		joinButton: 'Join',
		progressButton: 'My progress',
	},

	summary: {
		title: (name: string) => `${name} is complete`,
		endedEarlyTitle: (name: string) => `${name} has come to a close`,
		intro: (days: number) =>
			`${plural(days, 'day')} of small steps, taken together. Thank you to everyone who joined, for every single check-in.`,
		participants: 'Participants',
		completed: 'Completed every day',
		completionRate: (done: number, total: number) => (total === 0 ? '—' : `${done} of ${total} (${Math.round((done / total) * 100)}%)`),
		longestStreak: 'Longest streak',
		streakDays: (n: number) => plural(n, 'day'),
		checkIns: 'Check-ins',
		nobody: 'Nobody joined this time, and that is fine: the next one might be the right moment.',
		footer: 'What you practised this month is yours to keep.',
	},

	celebrate: {
		public: (name: string, challenge: string, days: number) =>
			`🎉 ${name} completed **${challenge}**: ${plural(days, 'day')} of showing up. Well done!`,
		private: (challenge: string) => `🎉 You completed **${challenge}**! Thank you for showing up, day after day.`,
		role: (roleId: string) => `You've been given the <@&${roleId}> role.`,
		milestone: (days: number) => `🌱 ${plural(days, 'day')} checked in: a milestone!`,
		milestoneRole: (days: number, roleId: string) => `🌱 ${plural(days, 'day')} checked in: you've been given the <@&${roleId}> role.`,
	},

	checkIn: {
		done: (day: number, length: number) => `✅ Checked in for day ${day} of ${length}.`,
		backdated: (day: number) => `✅ Checked in for yesterday (day ${day}). Catching up counts too.`,
		aheadOfYou: (day: number) => `It's still day ${day} where you are, so this check-in counts for day ${day}.`,
		noteSaved: 'Your note is saved (only you see it in /challenge progress).',
		streak: (n: number) => `Current streak: ${plural(n, 'day')}.`,
		freezeEarned: (held: number) =>
			`❄️ You earned a streak freeze (${held} held). If you miss a day, it keeps your streak going.`,
		alreadyToday: (day: number) => `You're already checked in for day ${day}. See you tomorrow!`,
		alreadyDay: (day: number) => `Day ${day} is already checked in. Nothing more to do.`,
		notStarted: (startDate: string) => `The challenge hasn't started yet where you are: day 1 is ${startDate}. Nothing to check in yet.`,
		over: 'This challenge is over for you: its last day has passed. Thank you for taking part!',
		closed: (day: number, today: number) =>
			`Day ${day}'s check-in has closed, so it can't be changed now, but today (day ${today}) is wide open: press the newest Check in or use /challenge checkin.`,
		closedOver: (day: number) => `Day ${day}'s check-in has closed and the challenge is over. Thank you for taking part!`,
		beforeJoin: (day: number, joinDay: number) =>
			`You joined on day ${joinDay}, so day ${day} doesn't count for you (and doesn't count against you either).`,
		notJoined: (name: string) => `You haven't joined **${name}** yet. Join now and your progress starts today.`,
		challengeClosed: (name: string) => `**${name}** has ended, so check-ins are closed. Thank you for taking part!`,
	},

	join: {
		joined: (name: string, day: number, length: number) =>
			day <= 1
				? `You're in **${name}**! Day 1 is the first of ${length}. When a day's action is done, check in with the button or /challenge checkin.`
				: `You're in **${name}**! You're joining on day ${day} of ${length}; your progress counts from today. Check in with the button or /challenge checkin.`,
		already: (name: string) => `You're already part of **${name}**. Keep going!`,
		over: (name: string) => `**${name}** is no longer open to join. Watch for the next one!`,
		remindersHint: 'Want a private nudge at 7 pm on days you haven\'t checked in? Use /challenge reminders on.',
		timezoneHint: (tz: string) => `Your days follow ${tz}. If that isn't your time zone, set yours with /challenge timezone.`,
	},

	leave: {
		confirm: (name: string) =>
			`Leaving **${name}** erases your check-ins, notes and streaks for it. You can join again later, starting fresh. Leave?`,
		confirmButton: 'Leave and erase my progress',
		left: (name: string) => `You've left **${name}** and your progress for it is erased. You're welcome back any time.`,
		notIn: (name: string) => `You're not part of **${name}**, so there's nothing to leave.`,
	},

	progress: {
		title: (name: string) => `Your progress · ${name}`,
		notJoined: (name: string) => `You haven't joined **${name}**. /challenge join to start.`,
		today: 'Today',
		todayDone: (day: number) => `Day ${day}: checked in ✅`,
		todayOpen: (day: number) => `Day ${day}: not yet. There's still time.`,
		todayNotStarted: (startDate: string) => `Starts ${startDate}`,
		todayOver: 'The challenge is over',
		todaysAction: 'Today\'s action',
		progress: 'Progress',
		bar: (bar: string, done: number, total: number) => `${bar} ${done}/${total}`,
		currentStreak: 'Current streak',
		bestStreak: 'Best streak',
		daysDone: 'Days done',
		daysMissed: 'Days missed',
		freezes: 'Streak freezes',
		freezesValue: (held: number, used: number) => `${held} held${used > 0 ? ` · ${used} used` : ''}`,
		days: (n: number) => plural(n, 'day'),
		completed: '🎉 Completed',
		yesterdayOpen: (day: number) => `You can still check in for yesterday (day ${day}) with /challenge checkin day:yesterday.`,
		recentNotes: 'Your recent notes',
		noteLine: (day: number, note: string) => `Day ${day}: ${note}`,
		footer: (tz: string, joinDay: number) => `Your days follow ${tz} · counting from day ${joinDay}`,
	},

	leaderboard: {
		title: (name: string) => `${name} · showing up together`,
		intro: 'Ranked by consistency since joining, then current streak. Every check-in counts.',
		line: (rank: number, name: string, percent: number, streak: number, done: number) =>
			`**${rank}.** ${name}: ${percent}% · streak ${streak} · ${plural(done, 'day')} done`,
		empty: 'Nobody has checked in yet. The first check-in could be yours!',
		you: (rank: number, total: number) => `You're #${rank} of ${total}. Keep going at your own pace.`,
		youNotIn: 'Join with /challenge join to appear here.',
	},

	timezone: {
		set: (tz: string, count: number) =>
			count === 0
				? `Your challenge days will follow ${tz}.`
				: `Your challenge days now follow ${tz} (in ${plural(count, 'challenge')}). Days you already checked in stay as they are.`,
	},

	reminders: {
		on: (name: string) => `Reminders are on for **${name}**: on days you haven't checked in by 7 pm (your time), I'll send you a private note.`,
		off: (name: string) => `Reminders are off for **${name}**. You can turn them on again any time.`,
		dm: (name: string, day: number, action: string) =>
			`A gentle nudge for **${name}**, day ${day}: ${action}\nIf you get to it, check in with the button on today's post or /challenge checkin. If not, tomorrow is another day.`,
		dmLink: (link: string) => `Today's post: ${link}`,
	},

	list: {
		title: 'Challenges here',
		none: 'No challenges are running right now.',
		line: (name: string, state: string, where: string, joined: boolean) => `**${name}** (${state}${where ? `, ${where}` : ''})${joined ? ' · joined ✓' : ''}`,
		joinHint: 'Join one with /challenge join.',
	},

	pick: {
		noSuch: (given: string) => `I can't find a challenge called “${given}”. Start typing in the challenge option to pick one.`,
		noneOpen: 'No challenge is open right now. Admins can start one with /challenge-admin create.',
		noneJoined: 'You are not part of any challenge here yet. /challenge join to start one.',
		choose: (names: string[]) => `Several challenges are open (${names.join(', ')}): pick one in the challenge option.`,
	},

	errors: {
		noteTooLong: 'A note can be at most 200 characters.',
		badDate: 'Dates look like 2026-12-01 (or write today or tomorrow).',
		startInPast: 'The start date can\'t be in the past.',
		startTooFar: 'The start date can be at most a year from now.',
		badDays: 'A custom challenge lasts from 7 to 100 days.',
		badGrace: 'The grace window is from 0 to 48 hours.',
		nameNeeded: 'A custom challenge needs a name (or pick a template).',
		nameTooLong: 'A challenge name can be at most 80 characters.',
		descriptionTooLong: 'A description can be at most 300 characters.',
		unknownTemplate: (id: string) => `There is no template “${id}”. Start typing in the template option to see them.`,
		actionsCount: (got: number, want: number) => `I found ${got} actions but the challenge lasts ${want} days: write one action per day (one per line).`,
		actionTooLong: (day: number) => `The action for day ${day} is longer than 200 characters.`,
		actionsWithTemplate: 'A template brings its own actions: leave the actions option out, or edit them afterwards with /challenge-admin actions.',
		daysWithTemplate: 'A template has its own length: leave the days option out.',
		tooManyMilestones: 'A challenge can have at most 10 milestone roles.',
		milestoneTooLong: (days: number, length: number) => `A ${days}-day milestone can't be reached in a ${length}-day challenge.`,
		noMilestone: (days: number) => `There is no ${days}-day milestone to remove.`,
		alreadyStarted: 'This challenge has already started, so its start date stays as it is.',
		notRunning: (name: string) => `**${name}** isn't running, so there is nothing to end.`,
		archiveRunning: (name: string) => `**${name}** is still running: end it first with /challenge-admin end.`,
		alreadyArchived: (name: string) => `**${name}** is already archived.`,
		endedNoEdit: (name: string) => `**${name}** has ended, so its settings stay as they were.`,
		notAText: 'That channel can\'t hold posts: pick a text channel.',
		badTimezone: (given: string) => `“${given}” isn't a time zone I know. Try a name like Europe/Paris or America/New_York.`,
		badTime: 'A post time looks like 09:00 (24-hour clock) or 6pm.',
	},

	/** Names and descriptions of /challenge and /challenge-admin, as Discord shows them. */
	commands: {
		challenge: 'Shared challenges: join, check in, see your progress',
		join: 'Join a challenge (your progress counts from today)',
		joinWhich: 'Which challenge (the only open one if you leave this out)',
		which: 'Which challenge',
		leave: 'Leave a challenge and erase your progress in it',
		checkin: "Check in for today's action (or yesterday's, within the grace window)",
		note: 'A short private note about how it went',
		day: 'Today (default) or yesterday',
		dayToday: 'today',
		dayYesterday: 'yesterday',
		progress: 'Your progress, streaks and freezes',
		leaderboard: 'Who is showing up most consistently',
		timezone: 'Set your own time zone, so your days end at your midnight',
		zone: 'Like Europe/Paris or America/New_York',
		reminders: 'Private 7 pm reminders on days you have not checked in (off by default)',
		remindersState: 'On or off',
		on: 'on',
		off: 'off',
		list: 'The challenges here and which ones you are in',
		admin: 'Create and run shared challenges',
		create: 'Start a challenge from a template, or your own',
		template: 'A ready 30-day challenge',
		templateChoice: (name: string, days: number) => `${name} (${days} days)`,
		name: 'Name (needed for your own challenge)',
		description: 'What it is about',
		days: (min: number, max: number) => `Length of your own challenge (${min}–${max})`,
		actions: 'Your daily actions, separated by |',
		writeActions: 'Write the daily actions in a form, one per line',
		channel: 'Where daily actions are posted (default: here)',
		start: 'Day 1: 2026-12-01, today or tomorrow (default)',
		time: 'Daily post time, like 09:00 (default)',
		challengeTimezone: "The challenge's time zone (default: the server's)",
		graceHours: 'Hours after a day ends it can still be checked in (default 24)',
		completionRole: 'Role for members who complete it',
		edit: "Change a challenge's settings",
		newName: 'New name',
		newDescription: 'New description',
		editChannel: 'Where daily actions are posted',
		editStart: 'New day 1 (before it starts only)',
		editTime: 'Daily post time, like 09:00',
		editTimezone: "The challenge's time zone",
		editGrace: (max: number) => `Grace window in hours (0–${max})`,
		clearCompletionRole: 'Give no completion role',
		actionsForm: 'Write or edit the daily actions in a form',
		milestone: 'Give a role when members reach a number of days checked in',
		milestoneDays: 'Days checked in, like 7, 14 or 30',
		milestoneRole: 'The role to give',
		milestoneRemove: 'Stop giving a milestone role',
		milestoneRemoveDays: 'The milestone to remove',
		end: 'End a challenge early and post its summary',
		archive: 'Hide a finished challenge from members',
		adminList: 'Every challenge, running or not',
		status: 'Participants, posts and anything that needs attention',
	},

	admin: {
		created: (name: string, id: string) => `Created **${name}** (id ${id}).`,
		schedule: (startDate: string, time: string, tz: string, channelId: string) =>
			`Day 1 is ${startDate}; each day's action is posted at ${time} (${tz}) in <#${channelId}>.`,
		grace: (hours: number) => `Members can check in for a day until ${hours === 24 ? 'their following day ends' : `${hours} hours after it ends`}.`,
		completionRole: (roleId: string | null) => (roleId ? `Completing it gives <@&${roleId}>.` : 'No completion role.'),
		milestones: (list: Array<{ days: number; roleId: string }>) =>
			list.length === 0 ? 'No milestone roles.' : `Milestones: ${list.map((m) => `${m.days} days → <@&${m.roleId}>`).join(', ')}.`,
		updated: (name: string) => `Updated **${name}**.`,
		actionsTitle: (name: string) => `Daily actions · ${name}`.slice(0, 45),
		actionsLabel: (from: number, to: number) => `Days ${from}–${to}, one action per line`,
		actionsSaved: (name: string, count: number) => `Saved ${plural(count, 'daily action')} for **${name}**.`,
		milestoneSet: (days: number, roleId: string) => `Members who check in ${plural(days, 'day')} get <@&${roleId}>.`,
		milestoneRemoved: (days: number) => `Removed the ${days}-day milestone.`,
		endConfirm: (name: string) => `End **${name}** now? Daily posts stop, check-ins close and the summary is posted. This can't be undone.`,
		endButton: 'End the challenge',
		ended: (name: string, summaryPosted: boolean) =>
			`**${name}** has ended.${summaryPosted ? ' The summary is posted.' : ''}`,
		archived: (name: string) => `**${name}** is archived: it no longer shows up for members. Members' progress stays until they delete it.`,
		listTitle: 'Challenges',
		listEmpty: 'No challenges yet. Start one with /challenge-admin create.',
		listLine: (id: string, name: string, state: string, detail: string) => `\`${id}\` **${name}** (${state}) ${detail}`,
		statusTitle: (name: string) => `${name} · status`,
		state: 'State',
		participants: 'Participants',
		checkedInToday: 'Checked in today',
		completedCount: 'Completed',
		posts: 'Daily posts made',
		problems: 'Needs attention',
		noProblems: 'Nothing: all good.',
		settings: 'Settings',
		roleTrouble: (roleId: string, why: string) => `<@&${roleId}>: ${why}`,
		channelGone: (channelId: string) => `The announcement channel <#${channelId}> is gone or hidden from Hearth: pick another with /challenge-admin edit.`,
		channelMissing: (channelId: string, perms: string[]) => `In <#${channelId}> Hearth lacks: ${perms.join(', ')}.`,
		template: 'Template',
		custom: 'Custom',
	},

	roleReasons: {
		missing_permission: 'Hearth needs the Manage Roles permission',
		role_too_high: "the role sits above Hearth's highest role: move Hearth's role above it in Server Settings → Roles",
		unknown_role: 'the role no longer exists',
		managed_role: 'the role is managed by an integration and cannot be given',
	} as Record<string, string>,

	notices: {
		damaged: (id: string) =>
			`Hearth could not read the saved challenge ${id}: its stored copy is damaged, so its daily posts are paused. The details are in the logs; you can start it again with /challenge-admin create.`,
		roleFailed: (challenge: string, roleId: string, reason: string) =>
			`Hearth could not give <@&${roleId}> for the challenge **${challenge}**: ${reason}. Members keep their progress; the award was skipped.`,
		channelFailed: (challenge: string, channelId: string) =>
			`Hearth could not post today's action for **${challenge}** in <#${channelId}> (the channel is gone or Hearth lacks permission to post there). Check-ins with /challenge checkin still work; pick a channel with /challenge-admin edit.`,
	},

	config: {
		title: 'Challenges',
		none: 'No challenges.',
		line: (name: string, state: string, day: string, time: string, tz: string, channelId: string) =>
			`**${name}** (${state}${day ? `, ${day}` : ''}): posts at ${time} ${tz} in <#${channelId}>`,
	},

	weekly: {
		line: (name: string, checkIns: number, members: number, participants: number) =>
			`**${name}**: ${plural(checkIns, 'check-in')} this week from ${plural(members, 'member')} (${plural(participants, 'participant')}).`,
		finished: (name: string) => `**${name}** finished this week.`,
	},

	options: {
		none: 'No challenges match.',
	},
} as const;
