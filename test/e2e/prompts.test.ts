import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../src/emulator/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
	// Monday 23 November 2026, 08:00 UTC.
	h = await startHarness();
});

afterEach(async () => {
	h.emu.assertNoUnknownRoutes();
	await h.stop();
});

const PROMPT_HEADING = 'A question for all of us';

function promptsIn(channelId: string): MessageView[] {
	return h.emu.messages(channelId).filter((m) => m.embeds[0]?.author?.name === PROMPT_HEADING);
}

async function admin(subcommand: string, options?: Record<string, string | number | boolean>, subcommandGroup?: string) {
	const ix = await h.command({ name: 'prompt-admin', subcommand, ...(subcommandGroup ? { subcommandGroup } : {}), ...(options ? { options } : {}) });
	const reply = await ix.reply();
	// Notices for admins arrive as a follow-up once the command has run.
	await h.bot.router.idle();
	return { ix, reply, notices: ix.followUps.map((m) => m.content) };
}

async function configureDaily(time = '09:00') {
	const channel = await admin('channel', { channel: h.channelId });
	expect(channel.reply.content).toContain(`<#${h.channelId}>`);
	const schedule = await admin('daily', { time }, 'schedule');
	expect(schedule.reply.ephemeral).toBe(true);
	return schedule.reply;
}

/** Buttons on a message, flattened from its action rows. */
function buttonsOf(message: MessageView): Array<{ custom_id: string; label: string }> {
	return (message.components as Array<{ components: Array<{ custom_id: string; label: string }> }>).flatMap((row) => row.components);
}

describe('deep-question prompts, end to end', () => {
	it('configured by an admin, the prompt and its thread appear once, also across a restart', async () => {
		const reply = await configureDaily('09:00');
		expect(reply.content).toMatch(/every day at 09:00 \(UTC time\)/);
		expect(reply.content).toMatch(/Next prompt: <t:\d+:F>/);

		await h.advance(59);
		expect(promptsIn(h.channelId)).toHaveLength(0);
		await h.advance(2);
		const [prompt] = promptsIn(h.channelId);
		expect(promptsIn(h.channelId)).toHaveLength(1);
		expect(prompt!.mentions).toEqual({ users: [], roles: [], everyone: false });
		const question = prompt!.embeds[0]!.description!.split('\n')[0]!.replace(/\*\*/g, '');
		const threads = h.emu.threads(h.channelId);
		expect(threads).toHaveLength(1);
		expect(threads[0]).toMatchObject({ type: 'public', fromMessageId: prompt!.id, name: question.slice(0, 100) });

		await h.restart();
		await h.advance(30, { tickEvery: 5 });
		expect(promptsIn(h.channelId)).toHaveLength(1);
		expect(h.emu.threads(h.channelId)).toHaveLength(1);

		// Members answer in the thread; /prompt history counts them without reading a word.
		h.emu.sendUserMessage(threads[0]!.id, h.memberIds[0]!, 'Mine is a long story…');
		h.emu.sendUserMessage(threads[0]!.id, h.memberIds[1]!, 'Same here!');
		const history = await (await h.command({ name: 'prompt', subcommand: 'history', userId: h.memberIds[2] })).reply();
		expect(history.ephemeral).toBe(true);
		expect(history.embeds[0]!.description).toContain('2 answers');
		expect(history.embeds[0]!.description).toContain(`<#${threads[0]!.id}>`);

		await h.advance(24 * 60, { tickEvery: 30 });
		expect(promptsIn(h.channelId)).toHaveLength(2);
	});

	it('a member’s suggestion, approved with the button, is posted next with their name, and they hear about it', async () => {
		await configureDaily('09:00');
		const suggester = h.memberIds[0]!;
		const text = 'Which board game would you bring to a rainy cabin weekend with this server?';
		const thanks = await (await h.command({ name: 'prompt', subcommand: 'suggest', userId: suggester, options: { text } })).reply();
		expect(thanks.ephemeral).toBe(true);
		expect(thanks.content).toMatch(/Thank you/);

		const queue = await admin('suggestions');
		expect(queue.reply.embeds[0]!.description).toContain(text);
		const approve = buttonsOf(queue.reply).find((b) => b.label.startsWith('Approve'))!;
		// The queue is private to the admin who opened it (and its buttons check for an admin again).
		expect(queue.reply.ephemeral).toBe(true);
		const click = await h.emu.clickButton({ channelId: h.channelId, messageId: queue.reply.id, userId: h.adminId, customId: approve.custom_id });
		const updated = await click.reply();
		expect(updated.content).toMatch(/^Approved/);
		expect(updated.components).toEqual([]);

		const dm = await h.emu.waitForMessage({ dmUserId: suggester, contains: 'approved' });
		expect(dm.content).toContain('Hearth Test Community');

		await h.advance(61);
		const [prompt] = promptsIn(h.channelId);
		expect(prompt!.embeds[0]!.description).toContain(text);
		expect(JSON.stringify(prompt!.embeds[0]!.fields)).toContain(`<@${suggester}>`);
		expect(prompt!.mentions.users).toEqual([]);
	});

	it('a rejected suggestion from a member with closed DMs is handled without a fuss', async () => {
		const suggester = h.memberIds[1]!;
		h.emu.setDmsClosed(suggester, true);
		await (await h.command({ name: 'prompt', subcommand: 'suggest', userId: suggester, options: { text: 'Where do you go when you need to think clearly?' } })).reply();
		const queue = await admin('suggestions');
		const reject = buttonsOf(queue.reply).find((b) => b.label.startsWith('Reject'))!;
		const updated = await (await h.emu.clickButton({ channelId: h.channelId, messageId: queue.reply.id, userId: h.adminId, customId: reject.custom_id })).reply();
		expect(updated.content).toMatch(/^Rejected/);
		expect(updated.content).toMatch(/DMs are closed/);
		expect(h.emu.dms(suggester)).toHaveLength(0);
		const again = await admin('suggestions');
		expect(again.reply.embeds[0]!.description).toMatch(/No suggestions are waiting/);
	});

	it('a blank schedule time gets a message that says what to type', async () => {
		const { reply } = await admin('daily', { time: '   ' }, 'schedule');
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toContain('09:00');
		expect(reply.content).not.toMatch(/did not work: time/);
	});

	it('a missing permission is reported to the admins once, and the next prompt is tried again', async () => {
		await configureDaily('09:00');
		h.emu.denyInChannel(h.channelId, h.emu.botUserId, PermissionFlagsBits.SendMessages);
		await h.advance(61);
		expect(promptsIn(h.channelId)).toHaveLength(0);

		const first = await admin('status');
		expect(first.notices).toHaveLength(1);
		expect(first.notices[0]).toContain('Send Messages');
		expect(first.notices[0]).toContain(`<#${h.channelId}>`);

		await h.advance(24 * 60, { tickEvery: 30 });
		expect(promptsIn(h.channelId)).toHaveLength(0);
		const second = await admin('status');
		expect(second.notices).toHaveLength(0);

		h.emu.clearOverwrite(h.channelId, h.emu.botUserId);
		await h.advance(24 * 60, { tickEvery: 30 });
		expect(promptsIn(h.channelId)).toHaveLength(1);
		const posts = h.emu.journal.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel_id/messages' && r.path.includes(h.channelId));
		expect(posts.map((r) => r.status)).toEqual([403, 403, 200]);
	});

	it('admins choose themes from a menu, find time zones by typing, and preview privately', async () => {
		const menu = await admin('themes');
		const select = (menu.reply.components as Array<{ components: Array<{ custom_id: string; options: unknown[] }> }>)[0]!.components[0]!;
		expect(select.options).toHaveLength(10);
		const picked = await (
			await h.emu.selectMenu({ channelId: h.channelId, messageId: menu.reply.id, userId: h.adminId, customId: select.custom_id, values: ['gratitude', 'play'] })
		).reply();
		expect(picked.content).toBe('Questions will come from: Gratitude and appreciation, Play and joy.');

		const choices = await h.emu.runAutocomplete({ guildId: h.guildId, channelId: h.channelId, userId: h.adminId, name: 'prompt-admin', subcommand: 'timezone', focused: 'zone', value: 'new yo' });
		expect(choices.map((c) => c.value)).toContain('America/New_York');
		const zone = await admin('timezone', { zone: 'America/New_York' });
		expect(zone.reply.content).toContain('America/New_York');

		await configureDaily('09:00');
		const preview = await admin('preview');
		expect(preview.reply.ephemeral).toBe(true);
		expect(preview.reply.embeds[0]!.author?.name).toMatch(/only you can see this/);
		const theme = preview.reply.embeds[0]!.fields!.find((f) => f.name === 'Theme')!.value;
		expect(['Gratitude and appreciation', 'Play and joy']).toContain(theme);
		expect(promptsIn(h.channelId)).toHaveLength(0);

		const badCron = await admin('cron', { expression: '0 9 * *' }, 'schedule');
		expect(badCron.reply.content).toMatch(/5 parts/);
	});

	it('post now mentions only the chosen role, and a pin the bot may not make is reported once', async () => {
		await configureDaily('09:00');
		const role = h.emu.createRole(h.guildId, { name: 'Questions', mentionable: true });
		const mention = await admin('mention', { role: role.id });
		expect(mention.reply.content).toContain(`<@&${role.id}>`);
		await admin('pin', { enabled: true });

		const now = await admin('post-now');
		expect(now.reply.content).toMatch(new RegExp(`^Posted: https://discord.com/channels/${h.guildId}/${h.channelId}/\\d+`));
		const [prompt] = promptsIn(h.channelId);
		expect(prompt!.mentions).toEqual({ users: [], roles: [role.id], everyone: false });
		// Hearth's default permissions have no Pin Messages: the post stands, the admins hear why it is not pinned.
		expect(prompt!.pinned).toBe(false);
		expect(now.notices.join('\n')).toMatch(/could not pin it/);

		await h.advance(61);
		expect(promptsIn(h.channelId)).toHaveLength(2);
		expect((await admin('status')).notices).toHaveLength(0);
	});
});
