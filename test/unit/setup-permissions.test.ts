import { describe, expect, it } from 'vitest';
import type { DiscordPort } from '../../src/core/discord-port.js';
import { CHANNEL_NEEDS, describeAccessProblem, findAccessProblems } from '../../src/features/setup/permissions.js';
import { accessChecksOf, newDraft, missingChoices, type SetupDraft } from '../../src/features/setup/flow.js';
import { en } from '../../src/strings/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

const GUILD = '100000000000000001';
const PAIRS = '100000000000000010';
const QUESTIONS = '100000000000000011';
const ROLE = '100000000000000020';

async function messagesFor(discord: FakeDiscord, checks: Parameters<typeof findAccessProblems>[2]): Promise<string[]> {
	return (await findAccessProblems(discord, GUILD, checks)).map((p) => describeAccessProblem(en, p));
}

describe('permission check before saving', () => {
	it('names the one missing permission and the channel', async () => {
		const discord = new FakeDiscord();
		discord.missing.set(PAIRS, ['CreatePrivateThreads']);
		const messages = await messagesFor(discord, { channels: [{ channelId: PAIRS, name: 'pairs', needs: CHANNEL_NEEDS.pairing }] });
		expect(messages).toEqual(['Hearth needs Create Private Threads in #pairs.']);
	});

	it('lists several missing permissions in the order Discord shows them, once per channel', async () => {
		const discord = new FakeDiscord();
		discord.missing.set(QUESTIONS, ['EmbedLinks', 'SendMessagesInThreads', 'CreatePublicThreads']);
		const messages = await messagesFor(discord, { channels: [{ channelId: QUESTIONS, name: 'questions', needs: CHANNEL_NEEDS.prompts }] });
		expect(messages).toEqual(['Hearth needs Send Messages in Threads, Create Public Threads and Embed Links in #questions.']);
	});

	it('checks a channel used twice once, with what both uses need', async () => {
		const discord = new FakeDiscord();
		discord.missing.set(PAIRS, ['CreatePrivateThreads', 'CreatePublicThreads']);
		const messages = await messagesFor(discord, {
			channels: [
				{ channelId: PAIRS, name: 'community', needs: CHANNEL_NEEDS.prompts },
				{ channelId: PAIRS, name: 'community', needs: CHANNEL_NEEDS.pairing },
			],
		});
		expect(messages).toEqual(['Hearth needs Create Public Threads and Create Private Threads in #community.']);
	});

	it('says nothing when every permission is there, and only checks what a use needs', async () => {
		const discord = new FakeDiscord();
		// The log channel never needs threads.
		discord.missing.set(PAIRS, ['CreatePrivateThreads']);
		expect(await messagesFor(discord, { channels: [{ channelId: PAIRS, name: 'admin-log', needs: CHANNEL_NEEDS.log }] })).toEqual([]);
	});

	it('falls back to a channel mention when the name is unknown', async () => {
		const discord = new FakeDiscord();
		discord.missing.set(PAIRS, ['ViewChannel']);
		expect(await messagesFor(discord, { channels: [{ channelId: PAIRS, needs: ['ViewChannel'] }] })).toEqual([`Hearth needs View Channel in <#${PAIRS}>.`]);
	});

	it('names a role Hearth cannot give, and why', async () => {
		const discord = new FakeDiscord();
		const reasons = ['missing_permission', 'role_too_high', 'managed_role', 'unknown_role'] as const;
		const seen: string[] = [];
		for (const reason of reasons) {
			(discord as DiscordPort).canAssignRole = async () => ({ ok: false, reason });
			seen.push(...(await messagesFor(discord, { channels: [], roles: [{ roleId: ROLE, name: 'Finisher' }] })));
		}
		expect(seen).toEqual([
			'Hearth needs Manage Roles to give @Finisher.',
			'Hearth can only give roles below its own: drag the Hearth role above @Finisher in Server Settings → Roles.',
			'@Finisher belongs to an integration, so no one can give it by hand. Pick another role.',
			'Hearth cannot find @Finisher; it may have been deleted.',
		]);
	});
});

describe('what /setup checks for a draft', () => {
	const base = (): SetupDraft => ({
		...newDraft(
			{
				timezone: 'Europe/Paris',
				promptsChannelId: null,
				promptSchedule: null,
				promptsPaused: false,
				pairingChannelId: null,
				pairingEveryWeeks: 1,
				pairingDay: 1,
				pairingTime: '10:00',
				pairingPaused: false,
				logChannelId: null,
				adminRoleId: null,
			},
			new Date('2026-11-23T08:00:00Z'),
			'abc',
		),
	});

	it('asks for a channel for each part switched on, and for at least one part', () => {
		expect(missingChoices(base())).toEqual(['prompts', 'pairing']);
		expect(missingChoices({ ...base(), promptCadence: 'off', pairingCadence: 'off' })).toEqual(['nothing']);
		expect(missingChoices({ ...base(), pairingCadence: 'off', challengeTemplateId: 'gratitude', promptsChannelId: QUESTIONS })).toEqual(['challenge']);
	});

	it('checks only the channels of parts switched on, with their needs, and the completion role', async () => {
		const draft: SetupDraft = {
			...base(),
			promptsChannelId: QUESTIONS,
			pairingChannelId: PAIRS,
			pairingCadence: 'off',
			challengeTemplateId: 'gratitude',
			challengeChannelId: QUESTIONS,
			completionRoleId: ROLE,
			names: { [QUESTIONS]: 'questions', [ROLE]: 'Finisher' },
		};
		const checks = accessChecksOf(draft);
		expect(checks.channels.map((c) => c.channelId)).toEqual([QUESTIONS, QUESTIONS]);
		expect(checks.roles).toEqual([{ roleId: ROLE, name: 'Finisher' }]);
		const discord = new FakeDiscord();
		discord.missing.set(PAIRS, ['CreatePrivateThreads']);
		(discord as DiscordPort).canAssignRole = async () => ({ ok: false, reason: 'role_too_high' });
		expect(await messagesFor(discord, checks)).toEqual([
			'Hearth can only give roles below its own: drag the Hearth role above @Finisher in Server Settings → Roles.',
		]);
	});
});
