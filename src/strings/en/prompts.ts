/** English words for the deep-question prompts feature. */

type TierWord = 'light' | 'medium' | 'deep';

const tierName: Record<TierWord, string> = { light: 'Light', medium: 'Medium', deep: 'Deep' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const prompts = {
	featureTitle: 'Deep-question prompts',

	tiers: tierName,
	tierHints: {
		light: 'an easy way in',
		medium: 'a little more personal',
		deep: 'take your time, and share only what feels right',
	} satisfies Record<TierWord, string>,
	communityTheme: 'From this community',

	post: {
		heading: 'A question for all of us',
		answerInThread: 'Answer in the thread below. A few words or a few paragraphs, both are welcome.',
		answerHere: 'Answer here whenever you like. A few words or a few paragraphs, both are welcome.',
		themeField: 'Theme',
		depthField: 'Depth',
		depthValue: (tier: TierWord, hint: string) => `${tierName[tier]}: ${hint}`,
		suggestedByField: 'Suggested by',
		suggestedAnonymously: 'a member of this community',
		tip: (text: string) => `Tip: ${text}`,
		roleLine: (roleMention: string) => `${roleMention} a new question is waiting for you.`,
	},

	preview: {
		heading: 'Preview: only you can see this',
		nextAt: (when: string) => `If nothing changes, this is the question Hearth will post ${when}.`,
		nextAtAfterSkips: (when: string, skips: number) =>
			`If nothing changes, this is the question Hearth will post ${when} (after skipping ${plural(skips, 'prompt', 'prompts')} as asked).`,
		unscheduled: 'No schedule is set yet, so this is the question "post now" would most likely use next.',
		paused: 'Prompts are paused right now; this is the question that comes next once they resume.',
		empty: 'There are no questions to pick from: turn on at least one theme or add a question of your own.',
	},

	// Admin notices (told once per problem, in the admin log channel or to the next admin who uses a command).
	notices: {
		postFailedPermissions: (channel: string, missing: string) =>
			`Hearth could not post today's question in ${channel}: it is missing ${missing} there. Once that is fixed, the next prompt will go out as planned.`,
		postFailedAccess: (channel: string) =>
			`Hearth could not post today's question in ${channel}: it can't see or write in that channel. Check Hearth's permissions there; the next prompt will try again.`,
		postFailedChannelGone: (channel: string) =>
			`Hearth could not post today's question: the prompt channel (${channel}) no longer exists. Pick a new one with /prompt-admin channel.`,
		postFailedOther: (channel: string) =>
			`Hearth could not post today's question in ${channel} because Discord refused it. The next prompt will try again; if this keeps happening, check the channel's settings.`,
		threadFailed: (channel: string) =>
			`Hearth posted the question in ${channel} but could not open a thread for answers. Give Hearth the Create Public Threads permission there, or turn threads off with /prompt-admin threads.`,
		pinFailed: (channel: string) =>
			`Hearth posted the question in ${channel} but could not pin it. Give Hearth the Pin Messages (or Manage Messages) permission there, or turn pinning off with /prompt-admin pin.`,
		poolLow: (remaining: number) =>
			`Only ${plural(remaining, 'unused question remains', 'unused questions remain')} in this cycle of prompts. After that, questions start repeating from a new cycle. To keep things fresh, turn on more themes with /prompt-admin themes or add your own with /prompt-admin question add.`,
		noQuestions:
			'Hearth had no question to post: every theme is turned off and there are no questions of your own. Turn on a theme with /prompt-admin themes.',
	},

	// /prompt-admin replies.
	admin: {
		notText: 'Pick a text channel where members can read and write: prompts and their threads go there.',
		channelSet: (channel: string) => `Prompts will be posted in ${channel}.`,
		channelMissingPermissions: (channel: string, missing: string) =>
			`Heads up: Hearth is missing ${missing} in ${channel}. Posts there will fail until it has them.`,
		nextPost: (when: string) => `Next prompt: ${when}.`,
		needsChannel: 'Pick a channel first with /prompt-admin channel, and the schedule will start.',
		needsSchedule: 'Pick a schedule with /prompt-admin schedule, and prompts will start.',
		noUpcoming: 'This schedule has no date coming up, so nothing will be posted. Check the days or the cron expression.',
		scheduleSet: (description: string, timezone: string) => `Prompts will be posted ${description} (${timezone} time).`,
		timezoneSet: (timezone: string) => `Prompts now follow ${timezone} time.`,
		timezoneFollowsServer: (timezone: string) => `Prompts now follow the server's time zone (${timezone} at the moment).`,
		timezoneServerChoice: (timezone: string) => `Server default (${timezone})`,
		themesPick: 'Choose the themes Hearth draws questions from (at least one). Your own questions are always included.',
		themesPlaceholder: 'Themes to include',
		themesSet: (names: string) => `Questions will come from: ${names}.`,
		themesAll: 'every theme',
		depthSet: (description: string) => `Depth: ${description}.`,
		depthFixedNeedsTier: 'For a fixed depth, also pick the tier: light, medium or deep.',
		depthModes: {
			progressive: 'progressive: light questions first, then medium, then deep, across each cycle',
			fixed: (tier: TierWord) => `always ${tierName[tier].toLowerCase()}`,
			mixed: 'mixed: mostly light and medium, with a deep question now and then',
		},
		mentionSet: (role: string) => `Each prompt will mention ${role}.`,
		mentionOff: 'Prompts will not mention anyone.',
		mentionEveryone: 'Hearth will not mention everyone. Pick a role that members choose to join, such as a "Questions" role.',
		mentionManaged: 'That role belongs to a bot or integration. Pick a role that members can join.',
		mentionNotMentionable: (role: string) =>
			`Heads up: ${role} is not mentionable and Hearth lacks the Mention Everyone permission, so the mention will show but won't notify anyone. Make the role mentionable in the server settings to fix it.`,
		threadsOn: (duration: string) => `Each prompt gets its own thread for answers, archived after ${duration} without messages.`,
		threadsOff: 'Prompts will not open threads; members answer in the channel.',
		pinOn: 'The current prompt will be pinned (and the previous one unpinned).',
		pinOff: 'Prompts will not be pinned.',
		paused: 'Prompts are paused. Nothing will be posted until you resume them with /prompt-admin resume.',
		alreadyPaused: 'Prompts are already paused.',
		resumed: 'Prompts are back on.',
		notPaused: 'Prompts are not paused.',
		skipped: (count: number) => `The next ${plural(count, 'scheduled prompt', 'scheduled prompts')} will be skipped.`,
		skipNothingScheduled: 'There is no schedule to skip yet.',
		postedNow: (link: string) => `Posted: ${link}`,
		postedNowNoThread: 'The question is up, but the thread could not be opened; the admins have been told why.',
		postNowFailed: 'Hearth could not post the question. The reason is in the note to admins.',
		postNowNoQuestions: 'There are no questions to pick from. Turn on at least one theme or add a question of your own.',
		archiveDurations: { 60: '1 hour', 1440: '1 day', 4320: '3 days', 10080: '1 week' } as Record<number, string>,
	},

	questions: {
		added: (id: string, text: string) => `Added your question (\`${id}\`): ${text}`,
		addedNext: 'It will be the next question asked.',
		edited: (id: string, text: string) => `Updated \`${id}\`: ${text}`,
		removed: (id: string) => `Removed \`${id}\`. It won't be asked again.`,
		notFound: 'There is no question of yours with that id. /prompt-admin question list shows them.',
		nothingToChange: 'Tell me what to change: the text, the depth or the theme.',
		limit: (max: number) => `This server already has ${max} questions of its own, which is the most Hearth keeps. Remove one to add another.`,
		listTitle: 'Your own questions',
		listEmpty: 'No questions of your own yet. Add one with /prompt-admin question add.',
		listLine: (id: string, tier: string, text: string, credit: string | null) => `\`${id}\` · ${tier} · ${text}${credit ? ` (${credit})` : ''}`,
		listMore: (n: number) => `…and ${n} more.`,
		creditNamed: (mention: string) => `suggested by ${mention}`,
		creditAnonymous: 'suggested anonymously',
	},

	// Validation of questions typed by admins and members.
	questionTooShort: (min: number) => `That question is a little short: write at least ${min} characters so people know what to answer.`,
	questionTooLong: (max: number, length: number) => `That question is ${length} characters long; please keep it to ${max} or fewer.`,
	questionHasMention: 'Questions can\'t mention people or roles. Write it so it speaks to everyone who reads it.',
	questionTooSimilar: (existing: string) => `That one is very close to a question Hearth already has: "${existing}". Try a different angle.`,

	suggestions: {
		thanks: 'Thank you! Your question is with the admins now. If your DMs are open, Hearth will let you know what they decide.',
		thanksAnonymous:
			'Thank you! Your question is with the admins now, and if it is posted your name will not be shown. If your DMs are open, Hearth will let you know what they decide.',
		tooMany: (max: number) => `You already have ${max} suggestions waiting for the admins. Once they have looked at those, you can suggest more.`,
		queueTitle: 'Suggested questions',
		queueEmpty: 'No suggestions are waiting. Members can send some with /prompt suggest.',
		queueMore: (n: number) => `${plural(n, 'more suggestion is', 'more suggestions are')} waiting after these.`,
		from: (mention: string, anonymous: boolean) => (anonymous ? `From ${mention}, who asked not to be named when it's posted` : `From ${mention}`),
		approve: 'Approve',
		reject: 'Reject',
		approved: (text: string) => `Approved: "${text}". It will be asked next.`,
		rejected: (text: string) => `Rejected: "${text}".`,
		memberToldNo: 'Hearth could not tell the member (their DMs are closed).',
		alreadyDecided: 'Someone already decided on that suggestion.',
		thisServer: 'the server',
		gone: 'That suggestion no longer exists (the member may have deleted their data).',
		dmApproved: (guild: string, text: string) =>
			`Good news: the question you suggested in **${guild}** was approved and will be asked soon.\n> ${text}\nThank you for helping people there get to know each other.`,
		dmRejected: (guild: string, text: string) =>
			`Thank you for suggesting a question in **${guild}**. The admins decided not to use this one for now:\n> ${text}\nEvery suggestion gets read, and you are welcome to send another.`,
	},

	history: {
		title: 'Recent prompts',
		empty: 'No prompts have been posted yet.',
		line: (when: string, text: string, answers: string, thread: string | null) => `${when} · ${text}\n${answers}${thread ? ` · ${thread}` : ''}`,
		answers: (n: number | null) => (n === null ? 'answers not available' : plural(n, 'answer', 'answers')),
		noThread: 'answered in the channel',
	},

	status: {
		title: 'Prompt settings',
		channel: 'Channel',
		schedule: 'Schedule',
		timezone: 'Time zone',
		themes: 'Themes',
		depth: 'Depth',
		mention: 'Mention',
		threads: 'Threads',
		pin: 'Pin',
		state: 'State',
		next: 'Next prompt',
		pool: 'Questions',
		suggestions: 'Suggestions waiting',
		notSet: 'not set',
		none: 'nobody',
		on: 'on',
		off: 'off',
		threadsOnValue: (duration: string) => `on, archived after ${duration} without messages`,
		followsServer: (timezone: string) => `${timezone} (server default)`,
		running: 'running',
		pausedValue: 'paused',
		skipping: (n: number) => `skipping the next ${plural(n, 'prompt', 'prompts')}`,
		poolValue: (unused: number, total: number, custom: number, cycle: number) =>
			`${unused} of ${total} not asked yet in cycle ${cycle} (${plural(custom, 'question', 'questions')} of your own)`,
		nothingNext: 'nothing scheduled',
	},

	summary: {
		posted: (n: number, answers: number | null) =>
			`${plural(n, 'prompt was', 'prompts were')} posted${answers === null ? '' : `, with ${plural(answers, 'answer', 'answers')} in their threads`}.`,
		failed: (n: number) => `${plural(n, 'prompt', 'prompts')} could not be posted.`,
		waiting: (n: number) => `${plural(n, 'suggested question is', 'suggested questions are')} waiting for a decision (/prompt-admin suggestions).`,
	},

	// Slash command descriptions (Discord limits them to 100 characters).
	commands: {
		prompt: 'Deep-question prompts: suggest a question, see recent ones',
		suggest: 'Suggest a question for the community',
		suggestText: 'Your question (10–300 characters)',
		suggestCredit: 'Show your name when it is posted? (default: yes)',
		creditName: 'Show my name',
		creditAnonymous: 'Keep me anonymous',
		history: 'Recent prompts and how many answers each got',
		admin: 'Set up deep-question prompts for this server',
		channel: 'Where prompts are posted',
		channelOption: 'A text channel members can read and write in',
		schedule: 'When prompts are posted',
		daily: 'Every day at a time',
		days: 'On chosen days of the week',
		cron: 'With a cron expression (for the precise)',
		timeOption: 'Time of day, like 09:00 or 6:30pm',
		daysOption: 'Days, like mon,wed,fri or weekdays',
		everyOption: 'Every 1, 2 or 4 weeks (default 1)',
		startingOption: 'For every 2 or 4 weeks: a first date, like 2026-01-05',
		cronOption: 'Five fields: minute hour day-of-month month day-of-week, like 0 9 * * 1',
		timezone: 'The time zone the schedule follows',
		zoneOption: 'Start typing a city or region, like Paris or New York',
		themes: 'Choose the themes questions come from',
		depth: 'How deep questions go: progressive, fixed or mixed',
		modeOption: 'Progressive (light to deep), fixed (one depth) or mixed',
		tierOption: 'For fixed: light, medium or deep',
		mention: 'A role to mention with each prompt (leave empty for none)',
		roleOption: 'The role to mention; leave empty to mention nobody',
		threads: 'Open a thread for answers under each prompt',
		enabledOption: 'On or off',
		archiveOption: 'Archive a quiet thread after…',
		pin: 'Pin the current prompt',
		pause: 'Pause prompts',
		resume: 'Resume prompts',
		skip: 'Skip the next scheduled prompt(s)',
		countOption: 'How many to skip (default 1)',
		postNow: 'Post the next question right now',
		preview: 'See the next question privately',
		question: 'Your own questions',
		questionAdd: 'Add a question of your own',
		questionEdit: 'Change one of your questions',
		questionRemove: 'Remove one of your questions',
		questionList: 'List your questions',
		textOption: 'The question (10–300 characters)',
		depthOption: 'Its depth (default medium)',
		themeOption: 'Its theme (optional)',
		nextOption: 'Ask it next?',
		questionOption: 'Which question (start typing)',
		suggestions: "Members' suggested questions, to approve or reject",
		status: 'Prompt settings, the next prompt and the questions left',
		modes: { progressive: 'Progressive: light, then medium, then deep', fixed: 'Fixed: always one depth', mixed: 'Mixed: a bit of everything' },
		archive: { 60: '1 hour', 1440: '1 day', 4320: '3 days', 10080: '1 week' },
	},
} as const;
