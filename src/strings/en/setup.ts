/** English words for server setup, configuration, access and members' data rights. */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const setup = {
	and: 'and',
	none: 'none',

	/** How Discord's settings screens name each permission, so an admin finds the same words there. */
	permissionNames: {
		ViewChannel: 'View Channel',
		SendMessages: 'Send Messages',
		SendMessagesInThreads: 'Send Messages in Threads',
		CreatePublicThreads: 'Create Public Threads',
		CreatePrivateThreads: 'Create Private Threads',
		EmbedLinks: 'Embed Links',
		ManageRoles: 'Manage Roles',
		ManageMessages: 'Manage Messages',
		PinMessages: 'Pin Messages',
		MentionEveryone: 'Mention @everyone, @here and All Roles',
	},

	featureNames: {
		server: 'Server',
		prompts: 'Questions',
		pairing: 'Pairings',
		challenges: 'Challenges',
		setup: 'Setup',
	},

	access: {
		channelMissing: (permissions: string, where: string) => `Hearth needs ${permissions} in ${where}.`,
		roleNeedsManageRoles: (role: string) => `Hearth needs Manage Roles to give ${role}.`,
		roleTooHigh: (role: string) =>
			`Hearth can only give roles below its own: drag the Hearth role above ${role} in Server Settings → Roles.`,
		roleManaged: (role: string) => `${role} belongs to an integration, so no one can give it by hand. Pick another role.`,
		roleUnknown: (role: string) => `Hearth cannot find ${role}; it may have been deleted.`,
		fixHint: 'You can grant these in the channel\'s settings (Permissions → add Hearth\'s role), then check again.',
	},

	commands: {
		setup: {
			description: 'Set Hearth up in a few steps: channels, times and a first challenge',
			timezone: 'The server\'s time zone (start typing a city or region)',
		},
		config: {
			description: 'See and change Hearth\'s settings for this server',
			show: 'Every Hearth setting in this server, in one place',
			set: 'Change one setting',
			key: 'The setting to change (start typing to see them all)',
			value: 'Its new value (type none to clear it)',
			reset: 'Put every setting back to its default (members\' data is kept)',
			audit: 'Who changed which setting, and when',
		},
		privacy: {
			description: 'See, export or delete what Hearth keeps about you in this server',
			show: 'What Hearth keeps about you in this server',
			export: 'Get a copy of all of it as a file',
			delete: 'Delete all of it',
		},
	},

	config: {
		showTitle: 'Hearth settings for this server',
		timezoneLine: (tz: string) => `Time zone: ${tz}`,
		logChannelLine: (channel: string | null) =>
			`Admin log channel: ${channel ?? 'not set (problems are shown to the next admin who uses an admin command)'}`,
		adminRoleLine: (role: string | null) => `Hearth admin role: ${role ?? 'none (members with Manage Server only)'}`,
		summaryLine: (on: boolean, hasLogChannel: boolean) =>
			`Weekly summary: ${on ? (hasLogChannel ? 'on, Mondays at 09:00' : 'on, once a log channel is set') : 'off'}`,
		notSetUp: 'Not set up yet.',
		featureUnreadable: 'These settings could not be read just now; the logs have the details.',
		footer: 'Change one setting with /config set, or walk through everything with /setup.',
		keys: {
			timezone: 'The server\'s time zone, used by every schedule',
			'admin-log-channel': 'Where Hearth reports problems and posts the weekly summary',
			'admin-role': 'A role whose members may use Hearth\'s admin commands',
			'weekly-summary': 'Whether the admin log channel gets a summary every Monday (on or off)',
		} as Record<string, string>,
		unknownKey: (key: string) => `There is no setting called “${key}”. Start typing in the key option to see them all.`,
		saved: (key: string, value: string) => `Saved: **${key}** is now ${value}.`,
		unchanged: (key: string, value: string) => `**${key}** was already ${value}; nothing changed.`,
		invalid: (key: string, problem: string) => `That is not a valid value for **${key}**: ${problem}`,
		problems: {
			channel: 'pick a channel from the list, or paste its mention (like #general). Type none to clear it.',
			channelRequired: 'pick a channel from the list, or paste its mention (like #general).',
			channelElsewhere: 'that channel is not a text channel of this server.',
			role: 'pick a role from the list, or paste its mention. Type none to clear it.',
			everyoneRole: 'the @everyone role cannot be the Hearth admin role: every member would become an admin.',
			onOff: 'type on or off.',
			tooLong: 'that value is too long.',
			timezone: (input: string) => `“${input}” is not a time zone Hearth knows. Start typing a city or region (like Europe/Paris or America/New_York), or type UTC.`,
			generic: 'Hearth could not read that value.',
		},
		adminRoleNeedsManageServer: 'Only members with the Manage Server permission can change the Hearth admin role.',
		cannotUseChannel: (problem: string) => `Hearth cannot use that channel yet. ${problem}`,
		resetConfirm:
			'This puts every Hearth setting in this server back to its default: channels, schedules, the admin role and the log channel. ' +
			'Running challenges are stopped. Members\' data (profiles, check-ins, history) is kept. Reset everything?',
		resetButton: 'Reset settings',
		cancelButton: 'Cancel',
		resetDone: 'Every setting is back to its default. Run /setup whenever you want to configure Hearth again.',
		resetPartial: (parts: string) => `Settings are reset, except ${parts}: those could not be reset just now. Try /config reset again in a minute.`,
		resetCancelled: 'Nothing was changed.',
		resetExpired: 'This confirmation has expired. Run /config reset again if you still want to reset.',
		auditTitle: 'Recent setting changes',
		auditEmpty: 'No setting has been changed yet.',
		auditLine: (unixSeconds: number, who: string, setting: string, value: string) => `<t:${unixSeconds}:f> · ${who} set **${setting}** to ${value}`,
		on: 'on',
		off: 'off',
	},

	summary: {
		title: 'Hearth this week',
		period: (from: string, to: string) => `From ${from} to ${to}.`,
		featureFailed: 'This part could not be counted this week; the logs have the details.',
		quietTitle: 'A quiet week',
		quiet: 'Nothing was posted, paired or checked in this week. Hearth is running and ready.',
		couldNotSend: (channel: string) =>
			`Hearth could not post the weekly summary in ${channel}. Check that it can see that channel and send messages and embeds there, or pick another one with /config set admin-log-channel.`,
	},

	privacy: {
		showTitle: 'What Hearth keeps about you here',
		showIntro: 'Everything Hearth stores about you in this server. Other servers are separate, and only you can see this.',
		nothing: 'Hearth keeps nothing about you in this server.',
		entries: (n: number) => plural(n, 'entry', 'entries'),
		andMore: (n: number) => `and ${n} more`,
		storedTitle: 'Stored records',
		storedLine: (label: string, count: number) => (count === 1 ? label : `${label} × ${count}`),
		empty: 'nothing',
		yes: 'yes',
		no: 'no',
		footer: '/privacy export gives you a full copy as a file; /privacy delete removes all of it.',
		exportReady: 'Here is everything Hearth keeps about you in this server, as a JSON file. Only you can see this message.',
		exportIncomplete: (part: string) =>
			`Hearth could not gather your ${part} data just now, so nothing was exported (a partial copy would be misleading). Please try again in a minute.`,
		deleteConfirm:
			'This deletes everything Hearth keeps about you in this server: your pairing profile, interests and blocks, your entries in past pairings, ' +
			'your check-ins and streaks, and your question suggestions. Other members keep their own records (a past partner will see “met someone who ' +
			'deleted their data”). This cannot be undone.',
		deleteButton: 'Delete my data',
		keepButton: 'Keep my data',
		deleteDone: 'Done. Hearth no longer keeps anything about you in this server. If you join in again later, you start fresh.',
		deletePartial: 'Hearth deleted what it could, but part of your data could not be removed just now. Please run /privacy delete again in a minute.',
		deleteCancelled: 'Nothing was deleted.',
		confirmationExpired: 'This confirmation has expired. Run /privacy delete again if you still want to delete your data.',
		notYourButton: 'This button was made for someone else. Run the command yourself to get your own.',
	},

	flow: {
		title: 'Set up Hearth',
		step: (n: number, total: number, name: string) => `Step ${n} of ${total} · ${name}`,
		stepNames: {
			channels: 'Channels',
			rhythm: 'Rhythm',
			challenge: 'Challenge and access',
			review: 'Review',
		},
		intro: {
			channels:
				'Pick where Hearth posts. One channel can serve several things. The log channel is optional: Hearth tells admins about problems there, and sends a short summary every Monday.',
			rhythm: 'Pick how often Hearth asks a question and pairs members, and at what time (in the server\'s time zone).',
			challenge: 'Pick a first 30-day challenge, or none for now, and optionally a role whose members may manage Hearth too.',
			review: 'Check the choices below. Nothing is saved until you press Save.',
		},
		placeholders: {
			promptsChannel: 'Channel for the questions',
			pairingChannel: 'Channel for pair threads',
			challengeChannel: 'Channel for the challenge',
			logChannel: 'Admin log channel (optional)',
			promptCadence: 'How often to ask a question',
			promptTime: 'What time to ask',
			pairingCadence: 'How often to pair members',
			pairingTime: 'Which day and time to pair',
			challengeTemplate: 'First challenge',
			challengeStart: 'When it starts',
			adminRole: 'Hearth admin role (optional)',
		},
		promptCadences: {
			daily: 'Every day',
			weekdays: 'Monday to Friday',
			mwf: 'Monday, Wednesday and Friday',
			weekly: 'Once a week, on Mondays',
			off: 'No questions for now',
		},
		pairingCadences: {
			'1': 'Every week',
			'2': 'Every 2 weeks',
			'4': 'Every 4 weeks',
			off: 'No pairings for now',
		},
		pairingSlot: (day: string, time: string) => `${day} at ${time}`,
		at: (time: string) => `at ${time}`,
		dayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
		challengeNone: 'No challenge for now',
		challengeStarts: {
			today: 'Today',
			tomorrow: 'Tomorrow',
			monday: 'Next Monday',
		},
		noAdminRole: 'No Hearth admin role (Manage Server only)',
		buttons: {
			next: 'Next',
			back: 'Back',
			cancel: 'Cancel',
			review: 'Review',
			save: 'Save and start',
			recheck: 'Check again',
			clearRole: 'No admin role',
			clearLog: 'No log channel',
		},
		review: {
			timezone: (tz: string) => `Time zone: ${tz}`,
			prompts: (channel: string, schedule: string) => `Questions: ${schedule} in ${channel}`,
			promptsOff: 'Questions: not now',
			pairing: (channel: string, schedule: string) => `Pairings: ${schedule} in ${channel}`,
			pairingOff: 'Pairings: not now',
			challenge: (name: string, channel: string, start: string) => `Challenge: ${name} in ${channel}, starting ${start}`,
			challengeOff: 'Challenge: not now',
			log: (channel: string | null) => `Admin log: ${channel ?? 'none'}`,
			adminRole: (role: string | null) => `Hearth admin role: ${role ?? 'none'}`,
			ok: 'Hearth has every permission it needs in these channels.',
			problemsTitle: 'Before saving, Hearth needs a few permissions',
			needChannel: (what: string) => `Pick a channel for ${what} in step 1, or choose “not now” for it.`,
			nothingChosen: 'Choose at least one thing for Hearth to do: questions, pairings or a challenge.',
		},
		scheduleWords: {
			daily: (time: string) => `every day at ${time}`,
			weekdays: (time: string) => `Monday to Friday at ${time}`,
			mwf: (time: string) => `Monday, Wednesday and Friday at ${time}`,
			weekly: (time: string) => `every Monday at ${time}`,
			pairing: (every: number, day: string, time: string) => (every === 1 ? `every ${day} at ${time}` : `every ${every} weeks on ${day} at ${time}`),
		},
		savedTitle: 'Hearth is set up',
		savedFooter: 'Change anything later with /config set, see it all with /config show, or run /setup again.',
		savedPartial: (what: string, problem: string) => `${what} could not be saved: ${problem}`,
		expired: 'This setup has expired (a setup lasts 30 minutes) and nothing was saved. Run /setup to start again.',
		replaced: 'You started a newer /setup, so this one was closed. Nothing from it was saved.',
		cancelled: 'Setup cancelled. Nothing was changed.',
		notYours: 'This setup belongs to another admin. Run /setup to start your own.',
	},
} as const;
