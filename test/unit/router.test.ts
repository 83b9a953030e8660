import { MessageFlags, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { UserError } from '../../src/core/errors.js';
import { customId, type Command, type ComponentHandler } from '../../src/discord/command.js';
import { createInteractionRouter } from '../../src/discord/router.js';
import { silentLogger } from '../../src/log.js';
import { createServices } from '../../src/services.js';
import { Store } from '../../src/store/index.js';
import { FakeDiscord } from '../fakes/discord-port.js';

const GUILD = '111111111111111111';
const USER = '222222222222222222';
const ROLE = '333333333333333333';

type Call = [string, any];

/** A stand-in for a discord.js interaction with just what the router touches. */
function fakeInteraction(kind: 'command' | 'button', init: { name?: string; customId?: string; permissions?: bigint; roles?: string[] }) {
	const calls: Call[] = [];
	const interaction = {
		id: '999999999999999999',
		type: kind === 'command' ? 2 : 3,
		user: { id: USER },
		guildId: GUILD,
		channelId: '444444444444444444',
		commandName: init.name,
		customId: init.customId,
		member: { roles: init.roles ?? [] },
		memberPermissions: new PermissionsBitField(init.permissions ?? 0n),
		deferred: false,
		replied: false,
		inGuild: () => true,
		isChatInputCommand: () => kind === 'command',
		isAutocomplete: () => false,
		isMessageComponent: () => kind === 'button',
		isModalSubmit: () => false,
		isRepliable: () => true,
		async reply(payload: any) {
			interaction.replied = true;
			calls.push(['reply', payload]);
		},
		async deferReply(payload: any) {
			interaction.deferred = true;
			calls.push(['deferReply', payload]);
		},
		async editReply(payload: any) {
			interaction.replied = true;
			calls.push(['editReply', payload]);
		},
		async followUp(payload: any) {
			calls.push(['followUp', payload]);
		},
	};
	return { interaction, calls };
}

async function setup(commands: Command[]) {
	const store = await Store.open('memory://');
	const logger = silentLogger();
	const services = createServices({ store, clock: new ManualClock('2026-11-21T09:00:00Z'), logger, discord: new FakeDiscord(), version: 'test' });
	const errors = vi.spyOn(logger, 'error');
	const router = createInteractionRouter(commands, services);
	return { router, services, errors };
}

const data = (name: string) => ({ name, description: 'test', contexts: [0] }) as Command['data'];

describe('interaction router', () => {
	it('shows a UserError privately, in its own words', async () => {
		const { router } = await setup([{ data: data('boom'), execute: async () => { throw new UserError('Pick a time like 09:00.'); } }]);
		const { interaction, calls } = fakeInteraction('command', { name: 'boom' });
		await router.handle(interaction as any);
		expect(calls).toHaveLength(1);
		expect(calls[0]![0]).toBe('reply');
		expect(calls[0]![1].content).toBe('Pick a time like 09:00.');
		expect(calls[0]![1].flags).toBe(MessageFlags.Ephemeral);
	});

	it('answers an unexpected error with an apology and an incident id, logged with the same id and context', async () => {
		const { router, errors } = await setup([{ data: data('crash'), execute: async () => { throw new TypeError('x is undefined'); } }]);
		const { interaction, calls } = fakeInteraction('command', { name: 'crash' });
		await router.handle(interaction as any);
		const content: string = calls[0]![1].content;
		expect(content).not.toContain('x is undefined');
		const incident = /`([0-9a-f]{8})`/.exec(content)?.[1];
		expect(incident).toBeDefined();
		expect(errors).toHaveBeenCalledWith(
			expect.objectContaining({ incidentId: incident, what: '/crash', guildId: GUILD, userId: USER, err: expect.any(TypeError) }),
			'interaction failed',
		);
	});

	it('defers first when a command says it may be slow, then edits the deferred reply', async () => {
		const order: string[] = [];
		const { router } = await setup([
			{
				data: data('slow'),
				defer: 'ephemeral',
				execute: async (ix) => {
					order.push(ix.deferred ? 'deferred-before-execute' : 'not-deferred');
					throw new UserError('Nothing to show yet.');
				},
			},
		]);
		const { interaction, calls } = fakeInteraction('command', { name: 'slow' });
		await router.handle(interaction as any);
		expect(order).toEqual(['deferred-before-execute']);
		expect(calls.map((c) => c[0])).toEqual(['deferReply', 'editReply']);
		expect(calls[0]![1]).toEqual({ flags: MessageFlags.Ephemeral });
		expect(calls[1]![1].content).toBe('Nothing to show yet.');
	});

	it('refuses an admin command to a member without Manage Server, and allows the Hearth admin role', async () => {
		const ran: string[] = [];
		const { router, services } = await setup([{ data: data('cfg'), admin: true, execute: async () => void ran.push('ran') }]);
		const member = fakeInteraction('command', { name: 'cfg', roles: [ROLE] });
		await router.handle(member.interaction as any);
		expect(ran).toEqual([]);
		expect(member.calls[0]![1].content).toMatch(/Only admins can use this/);

		await services.settings.update(GUILD, (s) => ({ ...s, adminRoleId: ROLE }));
		const again = fakeInteraction('command', { name: 'cfg', roles: [ROLE] });
		await router.handle(again.interaction as any);
		expect(ran).toEqual(['ran']);

		const owner = fakeInteraction('command', { name: 'cfg', permissions: PermissionFlagsBits.ManageGuild });
		await router.handle(owner.interaction as any);
		expect(ran).toEqual(['ran', 'ran']);
	});

	it('tells the next admin about pending failures once', async () => {
		const { router, services } = await setup([{ data: data('cfg'), admin: true, execute: async (ix) => void (await ix.reply({ content: 'ok' })) }]);
		await services.notices.notify(GUILD, 'prompts:post-failed', 'The prompt could not be posted in #gone.');
		const first = fakeInteraction('command', { name: 'cfg', permissions: PermissionFlagsBits.ManageGuild });
		await router.handle(first.interaction as any);
		expect(first.calls.map((c) => c[0])).toEqual(['reply', 'followUp']);
		expect(first.calls[1]![1].content).toContain('The prompt could not be posted in #gone.');
		const second = fakeInteraction('command', { name: 'cfg', permissions: PermissionFlagsBits.ManageGuild });
		await router.handle(second.interaction as any);
		expect(second.calls.map((c) => c[0])).toEqual(['reply']);
		// The same problem again is not repeated until it is resolved.
		await services.notices.notify(GUILD, 'prompts:post-failed', 'The prompt could not be posted in #gone.');
		expect(await services.notices.takePending(GUILD)).toEqual([]);
	});

	it('routes buttons by prefix and version: current, legacy, too old, unknown', async () => {
		const seen: string[] = [];
		const handler: ComponentHandler = {
			prefix: 'vote',
			version: 2,
			handle: async (_ix, args) => void seen.push(`v2:${args.join(',')}`),
			legacy: { 1: async (_ix, args) => void seen.push(`v1:${args.join(',')}`) },
		};
		const { router } = await setup([{ data: data('vote'), execute: async () => undefined, components: [handler] }]);
		for (const id of [customId('vote', 2, 'a', 'b'), customId('vote', 1, 'c')]) {
			await router.handle(fakeInteraction('button', { customId: id }).interaction as any);
		}
		expect(seen).toEqual(['v2:a,b', 'v1:c']);
		const old = fakeInteraction('button', { customId: 'vote:v0:x' });
		await router.handle(old.interaction as any);
		expect(old.calls[0]![1].content).toMatch(/older version of Hearth/);
		const unknown = fakeInteraction('button', { customId: 'gone:v1:x' });
		await router.handle(unknown.interaction as any);
		expect(unknown.calls[0]![1].content).toMatch(/no longer handled/);
		expect(old.calls[0]![1].flags).toBe(MessageFlags.Ephemeral);
	});

	it('refuses a custom_id longer than Discord allows', () => {
		expect(() => customId('x', 1, 'a'.repeat(100))).toThrow(/too long/);
	});
});
