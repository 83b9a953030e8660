import type { Feature, FeatureDeps } from '../types.js';

/** Placeholder until the prompts feature lands; replaced by its real service. */
export class PromptFeature implements Feature {
	readonly name = 'prompts';
	readonly providers = [];
	constructor(readonly deps: FeatureDeps) {}
	async exportMember(): Promise<Record<string, unknown>> {
		return {};
	}
	async deleteMember(): Promise<void> {}
	async describeConfig(): Promise<{ title: string; lines: string[] }> {
		return { title: 'prompts', lines: [] };
	}
	async weeklySummary(): Promise<string[]> {
		return [];
	}
}
