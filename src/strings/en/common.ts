/** Words every part of Hearth shares: errors, access, help, about. */
export const common = {
	unexpectedError: (incidentId: string) =>
		`Sorry, something went wrong on Hearth's side and nothing was changed. If it keeps happening, give the admins this incident id: \`${incidentId}\`.`,
	adminOnly: 'Only admins can use this: it needs the Manage Server permission or the server\'s Hearth admin role.',
	guildOnly: 'This works inside a server, not in direct messages.',
	oldButton: 'This button is from an older version of Hearth and no longer works. Run the command again to get a fresh one.',
	unknownButton: 'This button is no longer handled by Hearth. Run the command again to get a fresh one.',
	unknownCommand: 'Hearth does not know this command any more. The admins may need to redeploy commands.',
	pendingNoticesTitle: 'Hearth needs your attention',
	invalidInput: (problem: string) => `That did not work: ${problem}`,
	help: {
		title: 'Hearth helps this community really connect',
		intro:
			'Hearth posts questions worth answering, pairs members for one-on-one chats around shared interests, and runs gentle 30-day challenges you do together. Everything is opt-in, and you can see, export or delete what Hearth keeps about you at any time.',
		memberCommandsTitle: 'For members',
		adminCommandsTitle: 'For admins',
		adminCommandsHint: 'Admins set everything up with /setup and see it all with /config show.',
		footer: 'Start small: answer one question, say hi to one person.',
	},
	about: {
		title: 'About Hearth',
		version: 'Version',
		uptime: 'Up for',
		store: 'Storage',
		guilds: 'Servers',
	},
} as const;
