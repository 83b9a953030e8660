/** English words for the pairing feature: one-on-one (or small group) chats between members who opted in. */

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "a", "a and b", "a, b and c" */
function list(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const mention = (id: string) => `<@${id}>`;
/** Discord renders this in each reader's own time zone. */
const when = (at: Date, style: 'F' | 'f' | 'D' | 'R' = 'F') => `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const cadence = (everyWeeks: number) => (everyWeeks === 1 ? 'every week' : `every ${everyWeeks} weeks`);

export const pairing = {
	dayNames: DAY_NAMES,
	list,

	commands: {
		pair: 'Meet other members one-on-one, around what you enjoy',
		join: 'Join pairings: pick your interests and get introduced to someone each round',
		joinInterests: 'Your interests, separated by commas (pick from the list or write your own)',
		joinIntro: 'One line about you, shown to the people you are paired with',
		profile: 'See or change your interests and your one-line intro',
		profileInterests: 'Replace your interests (separated by commas)',
		profileAdd: 'Add interests to the ones you have (separated by commas)',
		profileIntro: 'Your one-line intro (up to 120 characters)',
		profileClearIntro: 'Remove your intro',
		pause: 'Sit out for a while: the next few rounds, or until a date',
		pauseRounds: 'How many rounds to skip (1 to 12)',
		pauseUntil: 'Skip rounds until this date, like 2026-12-31',
		resume: 'Come back to pairings after a pause',
		leave: 'Stop being paired, and choose whether to delete your pairing data',
		block: 'Never be paired with this member (private: nobody is ever told)',
		blockUser: 'The member you never want to be paired with',
		unblock: 'Allow pairing with a member you blocked',
		unblockUser: 'The member to unblock',
		blocks: 'See the members you blocked (only you can see this)',
		history: 'Whom you have met through pairings, and when',

		admin: 'Set up pairings: channel, schedule, group size, matching, interests',
		channel: 'The channel where private pair threads are created',
		channelOption: 'A text channel members can see',
		schedule: 'When rounds happen: every 1, 2 or 4 weeks, on a day, at a time',
		scheduleEvery: 'How often rounds happen',
		scheduleDay: 'The day of the week',
		scheduleTime: 'The time, like 18:00 (24-hour clock)',
		scheduleTimezone: 'The time zone (leave empty for the server default)',
		groupSize: 'How many people meet together (2 is one-on-one)',
		groupSizeOption: 'People per group: 2 to 6',
		mode: 'How people are matched',
		modeOption: 'interests: shared interests first · random: anyone · mixed: a bit of both',
		repeatWindow: 'How many rounds must pass before two people can be paired again',
		repeatWindowOption: 'Number of rounds (0 to 52); 12 by default',
		interests: 'The interest list members pick from',
		interestsAdd: 'Add an interest to the list',
		interestsRemove: 'Remove an interest from the list',
		interestsList: 'Show the interest list',
		interestsReset: 'Go back to the default interest list',
		interestOption: 'The interest, like "Board games"',
		requiredRole: 'Only members with this role can join (leave empty to let everyone join)',
		requiredRoleOption: 'The role members need to join pairings',
		runNow: 'Run a pairing round right now',
		preview: 'See who would be paired in the next round, privately, without telling anyone',
		pauseAll: 'Pause all pairing rounds',
		resumeAll: 'Resume pairing rounds',
		status: 'See how pairings are set up and how the last round went',
		cadenceChoices: { 1: 'Every week', 2: 'Every 2 weeks', 4: 'Every 4 weeks' } as Record<1 | 2 | 4, string>,
		modeChoices: { interests: 'Shared interests first', random: 'Anyone (random)', mixed: 'Mixed' },
	},

	errors: {
		notJoined: 'You are not in pairings yet. Use /pair join to start.',
		interestTooLong: (interest: string, max: number) => `“${interest}” is a bit long for an interest: keep each one to ${max} characters.`,
		interestCharacters: (interest: string) =>
			`“${interest}” has characters an interest can't use. Letters, numbers, spaces and simple punctuation (& ' + - . /) work.`,
		interestEmpty: 'Type the interest to add, like "Board games".',
		tooManyInterests: (max: number) => `You can pick up to ${max} interests. Keep the ones that matter most to you.`,
		introTooLong: (max: number, length: number) => `Your intro is ${length} characters; keep it to ${max}, one line.`,
		introMentions: 'Your intro can\'t mention people, roles or channels. Describe yourself in plain words.',
		pauseRounds: (max: number) => `You can skip from 1 to ${max} rounds at a time.`,
		pauseDateFormat: 'Write the date like 2026-12-31 (year-month-day).',
		pauseDatePast: 'That date is already here. Pick a date in the future.',
		pauseDateFar: 'You can pause for up to a year at a time.',
		pauseChooseOne: 'Choose either a number of rounds or a date, not both.',
		notPaused: 'You are not paused: you will be included in the next round.',
		blockSelf: 'You can\'t block yourself.',
		blockBot: 'Only members can be paired, so there is no need to block a bot.',
		tooManyBlocks: (max: number) => `You have blocked ${max} members, the most Hearth keeps. Unblock someone first.`,
		notBlocked: 'You had not blocked that member.',
		requiredRole: 'Pairings here are open to members with a particular role, which you don\'t have yet. The admins can tell you more.',
		notInGroup: 'This check-in belongs to the people in this group.',
		groupGone: 'This round is no longer in Hearth\'s records, so there is nothing to answer.',
		notYours: 'These buttons belong to the member who opened them.',
		badAnswer: 'That button is not one Hearth knows. Run the command again.',
		badTime: 'Write the time like 18:00 (24-hour clock).',
		badCadence: 'Rounds can happen every 1, 2 or 4 weeks.',
		badDay: 'Pick a day of the week.',
		badMode: 'Matching can be by interests, random or mixed.',
		badTimezone: (tz: string) => `“${tz}” isn't a time zone I know. Try a name like Europe/Paris or America/New_York.`,
		groupSize: (min: number, max: number) => `Groups can have from ${min} to ${max} people.`,
		repeatWindow: (max: number) => `The repeat window goes from 0 to ${max} rounds.`,
		interestExists: (interest: string) => `“${interest}” is already on the list.`,
		interestMissing: (interest: string) => `“${interest}” is not on the list.`,
		guildListFull: (max: number) => `The list holds up to ${max} interests. Remove one first.`,
		channelNotText: 'Pick a text channel: private threads are created there.',
		alreadyPaused: 'Pairings are already paused.',
		alreadyRunning: 'Pairings are already running.',
	},

	join: {
		welcome: 'You\'re in! Each round I\'ll introduce you to someone here, in a private thread.',
		welcomeBack: 'Welcome back! You\'re in pairings again.',
		updated: 'Your pairing profile is saved.',
		interestsLine: (interests: string) => `**Your interests:** ${interests}`,
		noInterests: 'You have no interests yet. Pick some below, or add your own with `/pair profile add:`. Without any, you are paired with anyone.',
		pickBelow: 'Pick from the server\'s list below (you can change this any time).',
		nextRound: (at: Date) => `**Next round:** ${when(at)} (${when(at, 'R')}).`,
		noSchedule: 'Rounds are not scheduled yet: the admins are still setting things up. You\'ll be in the first one.',
		menuPlaceholder: (part: number, parts: number) => (parts === 1 ? 'Choose your interests' : `Choose your interests (${part} of ${parts})`),
		menuSaved: (interests: string) => `Saved. **Your interests:** ${interests}`,
	},

	profile: {
		title: 'Your pairing profile',
		interests: 'Interests',
		intro: 'Intro',
		noIntro: 'No intro yet. Add one with `/pair profile intro:`.',
		none: 'None yet',
		status: 'Status',
		active: 'In the next round',
		left: 'Not in pairings (use /pair join to come back)',
		pausedRounds: (round: number) => `Paused: sitting out until round ${round} has passed`,
		pausedDate: (date: string) => `Paused until ${date}`,
		pausedIgnored: 'Paused, since the last few intros went unanswered. Use /pair resume whenever you like.',
		footer: 'Only you can see this. Your partners see your interests and intro.',
	},

	pause: {
		rounds: (n: number) => `Done: you'll sit out the next ${plural(n, 'round', 'rounds')}. Use /pair resume to come back sooner.`,
		until: (date: string) => `Done: you'll sit out rounds until ${date}. Use /pair resume to come back sooner.`,
		resumed: 'Welcome back! You\'ll be in the next round.',
	},

	leave: {
		confirm: 'Leave pairings? You won\'t be introduced to anyone until you /pair join again.',
		confirmDelete:
			'Leave pairings and delete your pairing data? Your interests, intro, blocks, answers and history go. People you met keep their own history, where you appear as "someone who deleted their data". This can\'t be undone.',
		keepButton: 'Leave, keep my history',
		deleteButton: 'Leave and delete my data',
		cancelButton: 'Stay',
		left: 'You\'ve left pairings. Your history is kept; /pair join brings you back any time.',
		deleted: 'You\'ve left pairings and your pairing data is deleted.',
		cancelled: 'Nothing changed: you\'re still in pairings.',
		notIn: 'You\'re not in pairings, so there is nothing to leave.',
	},

	block: {
		done: 'Done. You will never be paired with that member. Nobody is told, including them.',
		already: 'You had already blocked that member.',
		undone: 'Unblocked. You may be paired with that member again.',
		listTitle: 'Members you blocked',
		listEmpty: 'You haven\'t blocked anyone.',
		listFooter: 'Only you can see this list. Nobody is ever told they were blocked.',
	},

	history: {
		title: 'Your pairing history',
		empty: 'No rounds yet. Once you are introduced to someone, they show up here.',
		entry: (round: number, at: Date, people: string, answer: string | null) =>
			`**Round ${round}** · ${when(at, 'D')} · with ${people}${answer ? ` · ${answer}` : ''}`,
		deletedMember: 'someone who deleted their data',
		answers: { met: 'you met', not_yet: 'not met yet', skip: 'skipped' },
		more: (n: number) => `…and ${plural(n, 'earlier round', 'earlier rounds')}.`,
	},

	intro: {
		/** Stands in for a name Discord could not give (the member is out of reach just now). */
		unknownName: 'a member',
		threadName: (round: number, names: readonly string[]) => `Round ${round} · ${list(names.map((n) => n.replace(/[\r\n]+/g, ' ')))}`,
		greeting: (ids: readonly string[]) =>
			ids.length === 2 ? `${mention(ids[0]!)}, meet ${mention(ids[1]!)}! 👋` : `${list(ids.map(mention))}: meet each other! 👋`,
		title: (everyWeeks: number) => (everyWeeks === 1 ? 'Your chat for this week' : `Your chat for the next ${everyWeeks} weeks`),
		shared: (ids: number, interests: readonly string[]) =>
			`${ids === 2 ? 'You both' : 'You'} enjoy ${list(interests.map((i) => `**${i}**`))}.`,
		sharedNone: 'No listed interest in common this time, which means plenty to discover about each other.',
		aboutTitle: 'In their own words',
		about: (id: string, intro: string) => `${mention(id)}: ${intro}`,
		starterTitle: 'A question to start with',
		tipTitle: 'A tip',
		howTo: 'Find a time that suits you all: a short call or a few messages here are plenty. I\'ll check in halfway through.',
		dmLead: (ids: readonly string[]) => `This round you're paired with ${list(ids.map(mention))}.`,
		dmWhy: 'I couldn\'t open a private thread in the server this time, so I\'m introducing you here. Send them a message to say hi!',
		dmMissing: (ids: readonly string[]) => `${list(ids.map(mention))} ${ids.length === 1 ? 'was' : 'were'} added to your thread instead.`,
	},

	unmatched: {
		dm: (where: string | null) =>
			`This round of pairings${where ? ` (${where})` : ''} had no one left to pair you with: sometimes the numbers just don't work out. You're still in, and nothing is needed from you for the next round.`,
		note: (round: number) => `Round ${round} had no one left to pair you with: the numbers didn't work out. You're still in for the next one.`,
	},

	followUp: {
		content: (ids: readonly string[]) => `${list(ids.map(mention))}: halfway check-in! Did you get a chance to meet?`,
		dmContent: (ids: readonly string[]) => `Halfway check-in: did you get a chance to meet ${list(ids.map(mention))}?`,
		met: 'We met',
		notYet: 'Not yet',
		skip: 'Skip',
		thanks: {
			met: 'Lovely! Thanks for letting me know.',
			not_yet: 'No rush: there is still time before the next round.',
			skip: 'Thanks, noted. Skipping is completely fine.',
		},
		changed: 'Got it, I\'ve updated your answer.',
		same: 'You already answered that; it\'s recorded.',
	},

	autoPause: {
		dm: (where: string | null, n: number) =>
			`I've paused your pairings${where ? ` (${where})` : ''}: the last ${n} intros went without a reply, and I'd rather not keep partners waiting. No hard feelings at all. Whenever you'd like to meet someone again, use /pair resume in the server.`,
		note: (n: number) => `Your pairings are paused: the last ${n} intros went without a reply. Use /pair resume whenever you'd like to meet someone again.`,
	},

	admin: {
		/** How pairing changes read in /config audit. */
		auditValues: {
			none: 'none',
			ranRound: 'ran a round now',
			defaultInterests: (n: number) => `the ${n} default interests`,
		},
		saved: {
			channel: (id: string) => `Pair threads will be created in <#${id}>, as private threads.`,
			channelMissing: (id: string, missing: readonly string[]) =>
				`Saved, but I can't open private threads in <#${id}> yet: I need ${list(missing.map((m) => m.replace(/([a-z])([A-Z])/g, '$1 $2')))} there. Until then, intros go by DM.`,
			schedule: (text: string, next: Date | null) => `Rounds happen ${text}.${next ? ` Next round: ${when(next)}.` : ''}`,
			groupSize: (n: number) => (n === 2 ? 'Members will meet one-on-one.' : `Members will meet in groups of ${n}.`),
			mode: (mode: string) => `Matching: ${mode}.`,
			repeatWindow: (n: number) =>
				n === 0 ? 'Two people may be paired again in any round.' : `Two people won't be paired again within ${plural(n, 'round', 'rounds')} (unless there is no other way).`,
			interestAdded: (interest: string, count: number) => `Added “${interest}”. The list has ${count} interests.`,
			interestRemoved: (interest: string, count: number) =>
				`Removed “${interest}” from the list (${count} left). Members who chose it keep it as their own tag.`,
			interestsReset: (count: number) => `The interest list is back to the default ${count} interests.`,
			requiredRole: (id: string) => `Only members with <@&${id}> can join pairings now. Members without it sit out rounds until they get it.`,
			requiredRoleCleared: 'Every member can join pairings.',
			paused: 'Pairing rounds are paused. Members keep their profiles; /pair-admin resume starts rounds again.',
			resumed: (next: Date | null) => `Pairing rounds are back on.${next ? ` Next round: ${when(next)}.` : ''}`,
		},
		noChannelYet: 'No channel yet: rounds start once you pick one with /pair-admin channel.',
		interestsTitle: 'Interest list',
		interestsEmpty: 'The list is empty: members can still write their own interests.',
		modeNames: { interests: 'shared interests first', random: 'anyone (random)', mixed: 'mixed (some interests, some serendipity)' },

		roundStarted: (r: { number: number; groups: number; threads: number; dms: number; members: number; unmatched: number; repeats: number }) =>
			`**Pairing round ${r.number}** is under way: ${plural(r.groups, 'group', 'groups')} (${r.threads} in private threads, ${r.dms} by DM), ${plural(r.members, 'member', 'members')}.` +
			(r.unmatched > 0 ? ` ${plural(r.unmatched, 'member', 'members')} could not be matched and ${r.unmatched === 1 ? 'was' : 'were'} told kindly.` : '') +
			(r.repeats > 0 ? ` ${plural(r.repeats, 'pair meets', 'pairs meet')} again within the repeat window (no other way this time).` : ''),
		roundSkipped: (s: { paused: number; left: number; missingRole: number }) => {
			const parts = [
				s.paused > 0 ? `${s.paused} paused` : '',
				s.left > 0 ? `${s.left} left the server (their pairing data was removed)` : '',
				s.missingRole > 0 ? `${s.missingRole} without the required role` : '',
			].filter(Boolean);
			return parts.length > 0 ? `Sitting out: ${parts.join(', ')}.` : '';
		},
		failuresTitle: 'Not everyone could be reached:',
		failure: (who: string | null, reason: string) => `• ${who ? mention(who) : 'A group'}: ${reason}`,
		failureReasons: {
			missing_permissions: 'I lack a permission in the pairing channel (I used DMs instead where I could)',
			missing_access: 'I can\'t see the pairing channel (I used DMs instead where I could)',
			unknown_channel: 'the pairing channel no longer exists (I used DMs instead where I could)',
			unknown_member: 'they have left the server',
			cannot_dm: 'their DMs are closed, so the intro could not be delivered',
			other: 'Discord refused the message',
			no_channel: 'no pairing channel is set, so intros went by DM',
		} as Record<string, string>,
		moreFailures: (n: number) => `…and ${n} more.`,
		roundEnded: (s: { number: number; groups: number; metGroups: number; answeredGroups: number; repeats: number; failures: number; autoPaused: number }) =>
			`**Pairing round ${s.number} ended:** ${plural(s.groups, 'group', 'groups')}, met in ${s.metGroups} of ${s.groups}` +
			(s.groups > 0 ? ` (${Math.round((100 * s.metGroups) / s.groups)}%)` : '') +
			`, ${s.answeredGroups} answered the check-in, ${plural(s.repeats, 'repeat', 'repeats')}, ${plural(s.failures, 'intro failure', 'intro failures')}.` +
			(s.autoPaused > 0 ? ` ${plural(s.autoPaused, 'member was', 'members were')} paused after 3 unanswered intros, and told how to come back.` : ''),
		threadsImpossible: (channelId: string, why: string) =>
			`Pairing intros could not use private threads in <#${channelId}> (${why}), so members were introduced by DM. Give me View Channel, Send Messages in Threads and Create Private Threads there to use threads again.`,
		noChannel: 'A pairing round ran without a pairing channel, so intros went by DM. Pick one with /pair-admin channel.',
		roundFailed: (reason: string) =>
			`A scheduled pairing round could not start (${reason}). Nobody was introduced. Run it with /pair-admin run-now when things look fine again.`,
		ranNow: (text: string) => `Done. ${text}`,
		runNowConfirm: (round: number, hours: number) =>
			`Round ${round} went out ${hours === 1 ? 'an hour' : `${hours} hours`} ago, and its pairs may not have met yet. A new round now gives everyone a second introduction. Run it anyway?`,
		runNowAnyway: 'Run a new round anyway',
		runNowStarting: 'Starting a new round…',
		resumedRound: (n: number) => `Round ${n} had been interrupted; I finished its introductions instead of starting a new round.`,
		nothingToRun: (members: number) =>
			members < 2 ? `Only ${plural(members, 'member is', 'members are')} available for a round: at least 2 are needed.` : 'Nobody could be grouped this time.',

		previewTitle: (n: number) => `Preview of round ${n}`,
		previewNote: 'Only you can see this. Nothing was sent or saved; the real round may differ if members join, leave or pause before then.',
		previewGroup: (i: number, ids: readonly string[], shared: readonly string[], repeat: boolean) =>
			`${i}. ${list(ids.map(mention))}${shared.length > 0 ? ` · ${shared.join(', ')}` : ''}${repeat ? ' · ⚠️ met recently' : ''}`,
		previewUnmatched: (ids: readonly string[]) => `Unmatched: ${list(ids.map(mention))}`,
		previewNone: 'No groups: fewer than 2 members are available.',
		previewMore: (n: number) => `…and ${plural(n, 'more group', 'more groups')}.`,

		statusTitle: 'Pairings',
		statusFields: {
			channel: 'Channel',
			schedule: 'Schedule',
			next: 'Next round',
			groups: 'Groups',
			matching: 'Matching',
			interests: 'Interest list',
			role: 'Required role',
			members: 'Members',
			lastRound: 'Last round',
		},
		statusNone: 'None',
		statusEveryone: 'Everyone can join',
		statusPaused: 'Paused by an admin',
		statusNoChannel: 'Not scheduled: pick a channel first',
		statusSchedule: (everyWeeks: number, day: number, time: string, tz: string) => `${cadence(everyWeeks)} on ${DAY_NAMES[day]} at ${time} (${tz})`,
		statusGroups: (size: number, window: number) => `${size === 2 ? 'one-on-one' : `groups of ${size}`}, no repeat within ${plural(window, 'round', 'rounds')}`,
		statusMembers: (active: number, paused: number) => `${active} opted in, ${paused} of them paused`,
		statusInterests: (count: number) => `${plural(count, 'interest', 'interests')} (/pair-admin interests list)`,
		statusLastRound: (n: number, state: string, groups: number, at: Date) => `Round ${n} (${when(at, 'D')}): ${plural(groups, 'group', 'groups')}, ${state}`,
		roundStates: { planned: 'about to start', introducing: 'introductions in progress', introduced: 'under way', done: 'ended' } as Record<string, string>,
		statusNever: 'No rounds yet',
		when,
	},

	describe: {
		title: 'Pairings',
		channel: (id: string | null) => `Channel: ${id ? `<#${id}>` : 'not set'}`,
		schedule: (text: string) => `Schedule: ${text}`,
		paused: 'Rounds: paused',
		groups: (text: string) => `Groups: ${text}`,
		mode: (text: string) => `Matching: ${text}`,
		interests: (n: number) => `Interest list: ${plural(n, 'interest', 'interests')}`,
		role: (id: string | null) => `Required role: ${id ? `<@&${id}>` : 'none'}`,
		members: (n: number) => `Members opted in: ${n}`,
	},

	summary: {
		round: (n: number, groups: number, metGroups: number, repeats: number) =>
			`Pairing round ${n}: ${plural(groups, 'group', 'groups')}, met in ${metGroups}${groups > 0 ? ` (${Math.round((100 * metGroups) / groups)}%)` : ''}, ${plural(repeats, 'repeat', 'repeats')}.`,
		roundOpen: (n: number, groups: number) => `Pairing round ${n}: ${plural(groups, 'group', 'groups')} introduced, still under way.`,
		joined: (n: number) => `${plural(n, 'member', 'members')} joined pairings.`,
	},
} as const;
