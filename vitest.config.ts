import { defineConfig } from 'vitest/config';

// CI sets HEARTH_VITEST_JSON to collect a JSON report beside the usual output (for its "N passed, N failed" line).
const json = process.env.HEARTH_VITEST_JSON;

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		reporters: json ? ['default', 'json'] : ['default'],
		...(json ? { outputFile: { json } } : {}),
	},
});
