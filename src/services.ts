import type { Clock } from './core/clock.js';
import type { DiscordPort } from './core/discord-port.js';
import { ChallengeFeature } from './features/challenges/index.js';
import { AuditLog } from './features/guild/audit.js';
import { AdminNotices } from './features/guild/notices.js';
import { forgetMember } from './features/setup/privacy.js';
import { GuildSettingsService } from './features/guild/settings.js';
import { PairingFeature } from './features/pairing/index.js';
import { PromptFeature } from './features/prompts/index.js';
import type { Feature, FeatureDeps } from './features/types.js';
import type { Logger } from './log.js';
import type { Store } from './store/index.js';
import { en } from './strings/index.js';

/** Everything a command handler or scheduled job may use. Built once at start-up; tests build it with fakes. */
export interface Services extends Omit<FeatureDeps, 'seed' | 'memberLeft'> {
	prompts: PromptFeature;
	pairing: PairingFeature;
	challenges: ChallengeFeature;
	/** Every feature, for data rights, /config show and the weekly summary. */
	features: Feature[];
	startedAt: Date;
	version: string;
}

export function createServices(options: {
	store: Store;
	clock: Clock;
	logger: Logger;
	discord: DiscordPort;
	seed?: string;
	version: string;
}): Services {
	const { store, clock, logger, discord } = options;
	const settings = new GuildSettingsService(store);
	const notices = new AdminNotices(store, settings, discord, clock, logger);
	const audit = new AuditLog(store, clock);
	const deps: FeatureDeps = { store, clock, logger, discord, strings: en, settings, notices, audit, seed: options.seed ?? 'hearth' };
	const prompts = new PromptFeature(deps);
	const pairing = new PairingFeature(deps);
	const challenges = new ChallengeFeature(deps);
	const services: Services = {
		store,
		clock,
		logger,
		discord,
		strings: en,
		settings,
		notices,
		audit,
		prompts,
		pairing,
		challenges,
		features: [prompts, pairing, challenges],
		startedAt: clock.now(),
		version: options.version,
	};
	deps.memberLeft = async (guildId, userId) => {
		await forgetMember(services, guildId, userId);
	};
	return services;
}
