import type { Feature, FeatureDeps } from '../types.js';

/** Placeholder until the pairing feature lands; replaced by its real service. */
export class PairingFeature implements Feature {
	readonly name = 'pairing';
	readonly providers = [];
	constructor(readonly deps: FeatureDeps) {}
	async exportMember(): Promise<Record<string, unknown>> {
		return {};
	}
	async deleteMember(): Promise<void> {}
	async describeConfig(): Promise<{ title: string; lines: string[] }> {
		return { title: 'pairing', lines: [] };
	}
	async weeklySummary(): Promise<string[]> {
		return [];
	}
}
