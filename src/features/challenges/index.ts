import type { Feature, FeatureDeps } from '../types.js';

/** Placeholder until the challenges feature lands; replaced by its real service. */
export class ChallengeFeature implements Feature {
	readonly name = 'challenges';
	readonly providers = [];
	constructor(readonly deps: FeatureDeps) {}
	async exportMember(): Promise<Record<string, unknown>> {
		return {};
	}
	async deleteMember(): Promise<void> {}
	async describeConfig(): Promise<{ title: string; lines: string[] }> {
		return { title: 'challenges', lines: [] };
	}
	async weeklySummary(): Promise<string[]> {
		return [];
	}
}
