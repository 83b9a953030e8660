import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('logs', () => {
	it('never print the token, whether in a field, a message or an error', async () => {
		const lines: string[] = [];
		const sink = new Writable({
			write(chunk, _enc, done) {
				lines.push(String(chunk));
				done();
			},
		});
		const real = createLogger('info', TOKEN, sink);
		real.info({ token: TOKEN, config: { token: TOKEN } }, 'starting');
		real.info(`connecting with ${TOKEN}`);
		real.error({ err: new Error(`401: bad token ${TOKEN}`) }, 'login failed');
		await new Promise((r) => setImmediate(r));
		const all = lines.join('');
		expect(lines.length).toBe(3);
		expect(all).not.toContain(TOKEN);
		expect(all).toContain('[redacted]');
		expect(JSON.parse(lines[2]!).err.message).toBe('401: bad token [redacted]');
	});
});
