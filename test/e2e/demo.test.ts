import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

describe('npm run demo', () => {
	it('plays a small community through every feature offline, with no token, and ends cleanly', () => {
		const started = Date.now();
		const result = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/demo.ts')], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '' },
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(result.status, result.stderr).toBe(0);
		const out = result.stdout;
		expect(out).toMatch(/Hearth → #daily-question:\n\s+\*\*.+\?\*\*/);
		expect(out).toMatch(/Hearth opened a public thread “.+” in #daily-question/);
		expect(out).toMatch(/Hearth opened a private thread “Round 1 · .+” in #coffee-chats/);
		expect(out).toContain('meet');
		expect(out).toContain('【Day 1 of 30 · 30 days of connection】');
		expect(out).toContain('✅ Checked in for day 1 of 30.');
		expect(out).toContain('【What Hearth keeps about you here】');
		// Nobody gets introduced twice in the same hour.
		expect(out).not.toContain('Round 2');
		expect(Date.now() - started).toBeLessThan(60_000);
	});
});
