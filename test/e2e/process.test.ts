import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../src/emulator/index.js';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

interface Run {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>): Run {
	// A clean environment: only what the test gives, so a developer's .env or shell cannot leak in.
	const child = spawn(tsx, [script], { cwd: mkdtempSync(join(tmpdir(), 'hearth-proc-')), env: { PATH: process.env.PATH ?? '', ...env } });
	let out = '';
	let err = '';
	child.stdout!.on('data', (d) => (out += String(d)));
	child.stderr!.on('data', (d) => (err += String(d)));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

let emu: DiscordEmulator | undefined;
let running: Run | undefined;
afterEach(async () => {
	if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
	try {
		emu?.assertNoUnknownRoutes();
	} finally {
		await emu?.stop();
	}
	emu = undefined;
	running = undefined;
});

describe('the processes a maintainer runs', () => {
	it('npm start with a bad setting stops with one plain line and a non-zero exit', async () => {
		running = run(join(root, 'src/index.ts'), { DISCORD_TOKEN: 'x'.repeat(60), LOG_LEVEL: 'chatty' });
		expect(await running.exited).toBe(1);
		expect(running.stderr().trim()).toBe('Hearth cannot start: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
		running = run(join(root, 'src/index.ts'), {});
		expect(await running.exited).toBe(1);
		expect(running.stderr().trim()).toMatch(/^Hearth cannot start: DISCORD_TOKEN is not set/);
	});

	it('npm start with a token Discord refuses says so in one line and exits non-zero, without printing the token', async () => {
		emu = await DiscordEmulator.start();
		const wrong = `${'A'.repeat(24)}.${'B'.repeat(6)}.${'C'.repeat(38)}`;
		running = run(join(root, 'src/index.ts'), { DISCORD_TOKEN: wrong, DISCORD_API_URL: emu.apiUrl, DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' });
		expect(await running.exited).toBe(1);
		expect(running.stderr().trim()).toBe('Hearth cannot start: Discord refused DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token).');
		expect(running.stdout() + running.stderr()).not.toContain(wrong);
	});

	it('deploy-commands bulk-overwrites the dev guild, then npm start connects, answers, and shuts down cleanly on SIGTERM', async () => {
		emu = await DiscordEmulator.start();
		const guild = emu.createGuild({ name: 'Process Test' });
		const channel = emu.createChannel(guild.id, { name: 'general' });
		const member = emu.createMember(guild.id, { username: 'robin' });
		const dir = mkdtempSync(join(tmpdir(), 'hearth-proc-db-'));
		const env = {
			DISCORD_TOKEN: emu.token,
			DISCORD_API_URL: emu.apiUrl,
			DEV_GUILD_ID: guild.id,
			DATABASE_URL: `sqlite://${join(dir, 'hearth.sqlite')}`,
			LOG_LEVEL: 'info',
		};
		const deploy = run(join(root, 'src/deploy-commands.ts'), env);
		expect(await deploy.exited).toBe(0);
		expect(deploy.stdout()).toMatch(/^Deployed \d+ commands \(guild \d+\)\./);
		expect(emu.commands(guild.id).map((c) => c.name)).toContain('help');

		running = run(join(root, 'src/index.ts'), env);
		await until(() => running!.stdout().includes('Hearth is ready'));
		const reply = await (await emu.runSlashCommand({ guildId: guild.id, channelId: channel.id, userId: member.id, name: 'help' })).reply();
		expect(reply.embeds[0]?.title).toMatch(/Hearth/);
		// Starting the bot deployed nothing more.
		expect(emu.journal.requests.filter((r) => r.method === 'PUT' && r.route?.includes('commands'))).toHaveLength(1);

		running.child.kill('SIGTERM');
		expect(await running.exited).toBe(0);
		const logs = running.stdout();
		expect(logs).toContain('Hearth stopped');
		expect(logs).not.toContain(emu.token);
	});
});
