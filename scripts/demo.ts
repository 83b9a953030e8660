/**
 * `npm run demo`: Hearth with no token and no network. Starts the local Discord emulator and the real bot against it
 * on a temporary sqlite store, plays a small community through Hearth's features on an accelerated clock, and
 * prints what the bot posted where and what members did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands/index.js';
import { startBot, type Bot } from '../src/bot.js';
import { ManualClock } from '../src/core/clock.js';
import { deployCommands } from '../src/discord/deploy.js';
import { DiscordEmulator, type JournalEvent, type MessageView } from '../src/emulator/index.js';
import { silentLogger } from '../src/log.js';

const dir = mkdtempSync(join(tmpdir(), 'hearth-demo-'));
const emu = await DiscordEmulator.start();
const clock = new ManualClock('2026-11-23T08:55:00Z'); // a Monday morning
const names = new Map<string, string>();
const channelNames = new Map<string, string>();

const guild = emu.createGuild({ name: 'Riverside Makers' });
const general = emu.createChannel(guild.id, { name: 'general' });
const questions = emu.createChannel(guild.id, { name: 'daily-question' });
const pairs = emu.createChannel(guild.id, { name: 'coffee-chats' });
const challenges = emu.createChannel(guild.id, { name: 'challenges' });
for (const c of [general, questions, pairs, challenges]) channelNames.set(c.id, `#${c.name}`);
const finisher = emu.createRole(guild.id, { name: 'Kindness Finisher' });
const admin = emu.createMember(guild.id, { username: 'maya (admin)', admin: true });
names.set(admin.id, 'Maya (admin)');
const people = ['Ben', 'Chioma', 'Dara', 'Elif', 'Farid', 'Gus'].map((name) => {
	const m = emu.createMember(guild.id, { username: name.toLowerCase(), ...(name === 'Gus' ? { dmsClosed: true } : {}) });
	names.set(m.id, name);
	return m.id;
});
names.set(emu.botUserId, 'Hearth');

const who = (id: string) => names.get(id) ?? id;
const where = (id: string) => channelNames.get(id) ?? (emu.thread(id) ? `thread “${emu.thread(id)!.name}”` : emu.dmChannelId(id) ? 'DM' : `DM/${id}`);
const time = () => clock.now().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const say = (line: string) => console.log(line);
const clean = (text: string) => text.replace(/<@!?(\d+)>/g, (_m, id: string) => `@${who(id)}`).replace(/<#(\d+)>/g, (_m, id: string) => where(id));

function summarize(message: Pick<MessageView, 'content' | 'embeds'>): string {
	const parts: string[] = [];
	if (message.content) parts.push(clean(message.content));
	for (const embed of message.embeds) {
		if (embed.title) parts.push(`【${clean(embed.title)}】`);
		if (embed.description) parts.push(clean(embed.description));
		for (const field of embed.fields ?? []) parts.push(`${field.name}: ${clean(field.value)}`);
	}
	return parts.join('\n      ').slice(0, 600);
}

// The transcript: everything the bot posts in public, in threads and in DMs, as it happens.
emu.subscribe((ev: JournalEvent) => {
	if (ev.type === 'message_create' && ev.authorId === emu.botUserId && !ev.ephemeral && ev.source === 'rest') {
		const channel = emu.dms(ev.channelId).length || !channelNames.has(ev.channelId) && !emu.thread(ev.channelId) ? dmLabel(ev.channelId) : where(ev.channelId);
		say(`  [${time()}] Hearth → ${channel}:\n      ${summarize(ev as unknown as MessageView)}`);
	} else if (ev.type === 'thread_create') {
		say(`  [${time()}] Hearth opened a ${ev.threadType} thread “${ev.name}” in ${where(ev.parentId)}`);
	} else if (ev.type === 'thread_member_add' && ev.userId !== emu.botUserId && emu.thread(ev.threadId)?.type === 'private') {
		say(`  [${time()}] Hearth added ${who(ev.userId)} to thread “${emu.thread(ev.threadId)?.name}”`);
	} else if (ev.type === 'role_add') {
		say(`  [${time()}] Hearth gave ${who(ev.userId)} the role ${emu.roles(guild.id).find((r) => r.id === ev.roleId)?.name}`);
	}
});

function dmLabel(channelId: string): string {
	for (const [id, name] of names) if (emu.dmChannelId(id) === channelId) return `DM to ${name}`;
	return where(channelId);
}

async function run(userId: string, name: string, sub: { group?: string; sub?: string; options?: Record<string, string | number | boolean> } = {}) {
	const label = `/${name}${sub.group ? ` ${sub.group}` : ''}${sub.sub ? ` ${sub.sub}` : ''}${sub.options ? ' ' + Object.entries(sub.options).map(([k, v]) => `${k}:${channelNames.get(String(v)) ?? v}`).join(' ') : ''}`;
	say(`\n${who(userId)} runs ${label}`);
	const ix = await emu.runSlashCommand({
		guildId: guild.id,
		channelId: general.id,
		userId,
		name,
		...(sub.group ? { subcommandGroup: sub.group } : {}),
		...(sub.sub ? { subcommand: sub.sub } : {}),
		...(sub.options ? { options: sub.options } : {}),
	});
	const reply = await ix.reply();
	say(`  Hearth (${reply.ephemeral ? 'privately' : 'publicly'}): ${summarize(reply).split('\n')[0]}`);
	return reply;
}

async function advance(bot: Bot, minutes: number, step = 15) {
	for (let done = 0; done < minutes; done += step) {
		clock.advanceMinutes(Math.min(step, minutes - done));
		await bot.tick();
	}
}

let bot: Bot | undefined;
try {
	say('Hearth demo: a local Discord emulator, the real bot, a small community, a fast clock.\n');
	await deployCommands({ token: emu.token, commands, applicationId: emu.applicationId, guildId: guild.id, apiUrl: emu.apiUrl });
	bot = await startBot({
		config: { token: emu.token, applicationId: emu.applicationId, apiUrl: emu.apiUrl, databaseUrl: `sqlite://${join(dir, 'hearth.sqlite')}`, devGuildId: guild.id, logLevel: 'silent' },
		clock,
		logger: silentLogger(),
		tick: false,
		seed: 'demo',
	});
	say(`Hearth is online in “${guild.name}” (Guilds intent only).`);

	say('\n— Deep-question prompts —');
	await run(admin.id, 'prompt-admin', { sub: 'channel', options: { channel: questions.id } });
	await run(admin.id, 'prompt-admin', { group: 'schedule', sub: 'daily', options: { time: '09:00' } });
	say('\n(the clock moves to 09:00)');
	await advance(bot, 5, 5);
	const firstPrompt = emu.messages(questions.id).at(-1);
	if (firstPrompt?.threadId) {
		for (const [i, id] of people.slice(0, 3).entries()) {
			emu.sendUserMessage(firstPrompt.threadId, id, ['Honestly? A walk with my sister last spring.', 'Finishing a bookshelf I built myself.', 'Learning to say “I need help”.'][i]!);
			say(`  ${who(id)} answers in the thread`);
		}
	}
	await run(people[0]!, 'prompt', { sub: 'suggest', options: { text: 'What is something small that made you feel at home here?' } });

	say('\n— Pairings —');
	const interests = ['Woodworking, Hiking', 'Books, Hiking', 'Board games, Cooking', 'Woodworking, Music', 'Cooking, Books', 'Music, Board games'];
	for (const [i, id] of people.entries()) await run(id, 'pair', { sub: 'join', options: { interests: interests[i]! } });
	await run(admin.id, 'pair-admin', { sub: 'channel', options: { channel: pairs.id } });
	await run(admin.id, 'pair-admin', { sub: 'run-now' });

	say('\n— A shared challenge —');
	await run(admin.id, 'challenge-admin', {
		sub: 'create',
		options: { template: 'connection-30', channel: challenges.id, start: '2026-11-23', time: '10:00', timezone: 'UTC', completion_role: finisher.id },
	});
	for (const id of people.slice(0, 4)) await run(id, 'challenge', { sub: 'join' });
	say('\n(the clock moves to 10:00)');
	await advance(bot, 60, 5);
	const day1 = emu.messages(challenges.id).at(-1);
	if (day1) {
		for (const id of people.slice(0, 3)) {
			const button = (day1.components as Array<{ components: Array<{ custom_id: string; label: string }> }>)[0]?.components.find((c) => c.label === 'Check in');
			if (!button) break;
			say(`\n${who(id)} presses “Check in” on the day's post`);
			const reply = await (await emu.clickButton({ channelId: challenges.id, messageId: day1.id, userId: id, customId: button.custom_id })).reply();
			say(`  Hearth (privately): ${summarize(reply).split('\n')[0]}`);
		}
	}
	await run(people[0]!, 'challenge', { sub: 'progress' });

	say('\n(a day passes)');
	await advance(bot, 24 * 60, 5);
	await run(people[1]!, 'challenge', { sub: 'leaderboard' });

	say('\n— Members own their data —');
	await run(people[4]!, 'privacy', { sub: 'show' });
	say('\nThat was Hearth. Everything above ran through the real discord.js client against the local emulator.');
} finally {
	await bot?.stop();
	await emu.stop();
	rmSync(dir, { recursive: true, force: true });
}
