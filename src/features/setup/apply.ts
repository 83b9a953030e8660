import { UserError } from '../../core/errors.js';
import type { Services } from '../../services.js';
import type { ConfigActor } from './config.js';
import { channelMention, roleMention } from './config.js';
import { challengeStartDate, promptSpecOf, type SetupDraft, type SetupStartingPoint } from './flow.js';
import { promptScheduleWords } from './flow-render.js';

/** What Save did, in lines an admin reads, and what could not be saved. */
export interface SetupResult {
	lines: string[];
	failures: string[];
}

/** Today's configuration, as the starting point of a new draft. */
export async function startingPoint(services: Services, guildId: string): Promise<SetupStartingPoint> {
	const [settings, prompts, pairing] = await Promise.all([
		services.settings.get(guildId),
		services.prompts.getConfig(guildId),
		services.pairing.config(guildId),
	]);
	return {
		timezone: settings.timezone,
		promptsChannelId: prompts.channelId,
		promptSchedule: prompts.schedule,
		promptsPaused: prompts.paused,
		pairingChannelId: pairing.channelId,
		pairingEveryWeeks: pairing.everyWeeks,
		pairingDay: pairing.day,
		pairingTime: pairing.time,
		pairingPaused: pairing.paused,
		logChannelId: settings.adminLogChannelId,
		adminRoleId: settings.adminRoleId,
	};
}

/**
 * Saves a reviewed draft through each feature's own configuration methods (which record their changes in the audit
 * log and update their schedules). Each part is saved on its own: one refusal does not undo or block the others, and
 * is reported in the admin's words.
 */
export async function applySetup(services: Services, guildId: string, actor: ConfigActor, draft: SetupDraft): Promise<SetupResult> {
	const { strings, settings, audit, prompts, pairing, challenges, logger, clock } = services;
	const words = strings.setup.flow;
	const none = strings.setup.none;
	const lines: string[] = [];
	const failures: string[] = [];
	const userId = actor.userId;
	const attempt = async (what: string, work: () => Promise<void>) => {
		try {
			await work();
		} catch (error) {
			if (error instanceof UserError) {
				failures.push(words.savedPartial(what, error.message));
				return;
			}
			logger.error({ err: error, guildId, part: what }, 'setup could not save a part');
			failures.push(words.savedPartial(what, strings.setup.flow.unexpected));
		}
	};
	const featureName = (name: keyof typeof strings.setup.featureNames) => strings.setup.featureNames[name];

	// Server settings first: the features read the server's time zone when they schedule.
	await attempt(featureName('server'), async () => {
		const before = await settings.get(guildId);
		const adminRoleId = actor.canManageServer ? draft.adminRoleId : before.adminRoleId;
		await settings.update(guildId, (s) => ({ ...s, timezone: draft.timezone, adminLogChannelId: draft.logChannelId, adminRoleId }));
		if (before.timezone !== draft.timezone) await audit.record(guildId, userId, 'timezone', draft.timezone);
		if (before.adminLogChannelId !== draft.logChannelId) await audit.record(guildId, userId, 'admin-log-channel', channelMention(draft.logChannelId, none));
		if (before.adminRoleId !== adminRoleId) await audit.record(guildId, userId, 'admin-role', roleMention(adminRoleId, none));
		lines.push(words.saved.timezone(draft.timezone), words.saved.log(draft.logChannelId ? channelMention(draft.logChannelId, none) : null));
		if (!actor.canManageServer && draft.adminRoleId !== before.adminRoleId) failures.push(words.adminRoleNeedsManageServer);
		else lines.push(words.saved.adminRole(adminRoleId ? roleMention(adminRoleId, none) : null));
	});

	await attempt(featureName('prompts'), async () => {
		const current = await prompts.getConfig(guildId);
		const spec = promptSpecOf(draft);
		if (draft.promptCadence === 'off' || !spec) {
			if (current.channelId && current.schedule && !current.paused) {
				await prompts.pause(guildId, userId);
				lines.push(words.saved.promptsPaused);
			}
			return;
		}
		const channelId = draft.promptsChannelId!;
		if (current.channelId !== channelId) await prompts.setChannel(guildId, userId, channelId);
		if (JSON.stringify(current.schedule) !== JSON.stringify(spec)) await prompts.setSchedule(guildId, userId, spec);
		// Setup speaks in the server's time zone: the questions follow it.
		if (current.timezone !== null) await prompts.setTimezone(guildId, userId, null);
		if (current.paused) await prompts.resume(guildId, userId);
		lines.push(words.saved.prompts(promptScheduleWords(strings, draft), channelMention(channelId, none)));
	});

	await attempt(featureName('pairing'), async () => {
		const current = await pairing.config(guildId);
		if (draft.pairingCadence === 'off') {
			if (current.channelId && !current.paused) {
				await pairing.setPaused(guildId, userId, true);
				lines.push(words.saved.pairingPaused);
			}
			return;
		}
		const channelId = draft.pairingChannelId!;
		const everyWeeks = Number(draft.pairingCadence);
		if (current.channelId !== channelId) await pairing.setChannel(guildId, userId, channelId);
		const timingChanged =
			current.everyWeeks !== everyWeeks || current.day !== draft.pairingDay || current.time !== draft.pairingTime || (current.timezone !== null && current.timezone !== draft.timezone);
		if (timingChanged) {
			await pairing.setSchedule(guildId, userId, {
				everyWeeks,
				day: draft.pairingDay,
				time: draft.pairingTime,
				...(current.timezone !== null ? { timezone: draft.timezone } : {}),
			});
		}
		if (current.paused) await pairing.setPaused(guildId, userId, false);
		lines.push(
			words.saved.pairing(words.scheduleWords.pairing(everyWeeks, words.dayNames[draft.pairingDay]!, draft.pairingTime), channelMention(channelId, none)),
		);
	});

	if (draft.challengeTemplateId) {
		const templateId = draft.challengeTemplateId;
		await attempt(featureName('challenges'), async () => {
			const template = challenges.templates().find((t) => t.id === templateId);
			const open = (await challenges.list(guildId)).find(
				(item) => item.challenge.templateId === templateId && (item.state === 'running' || item.state === 'upcoming'),
			);
			if (open) {
				lines.push(words.saved.challengeExists(open.challenge.name));
				return;
			}
			const startDate = challengeStartDate(draft.challengeStart, draft.timezone, clock.now());
			const created = await challenges.create(guildId, userId, {
				templateId,
				channelId: draft.challengeChannelId!,
				start: startDate,
				postTime: draft.challengeTime,
				timezone: draft.timezone,
				completionRoleId: draft.completionRoleId,
			});
			lines.push(words.saved.challenge(created.name ?? template?.name ?? templateId, channelMention(created.channelId, none), created.startDate));
		});
	}
	return { lines, failures };
}
