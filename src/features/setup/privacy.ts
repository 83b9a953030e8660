import type { Clock } from '../../core/clock.js';
import type { DiscordPort } from '../../core/discord-port.js';
import type { Logger } from '../../log.js';
import { keys, type Store } from '../../store/index.js';
import type { Strings } from '../../strings/index.js';
import type { AuditEntry, AuditLog } from '../guild/audit.js';
import type { AdminNotices } from '../guild/notices.js';
import type { Feature } from '../types.js';

/** How long a confirmation button (delete my data, reset settings) stays valid. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

/** One stored record under the member's own key prefix, as it is stored (kind, version, data). */
export interface StoredMemberRecord {
	key: string;
	kind: string | null;
	version: number | null;
	data: unknown;
}

/** Everything Hearth keeps about one member in one server: what /privacy export hands over. */
export interface MemberDataExport {
	format: 'hearth-member-data';
	formatVersion: 1;
	guildId: string;
	userId: string;
	exportedAt: string;
	/** Each feature's own account of the member's data, including their traces in shared records. */
	features: Record<string, Record<string, unknown>>;
	/** Every record stored under the member's key prefix, exactly as stored. */
	records: StoredMemberRecord[];
	/** Settings the member changed as an admin (the server's configuration history keeps who changed what). */
	configurationChanges: AuditEntry[];
}

export interface DeletionReport {
	/** Features whose deleteMember failed; the rest of the member's data is deleted anyway. */
	failedFeatures: string[];
	/** Keys still under the member's prefix after deletion (empty when all went well). */
	remainingKeys: string[];
}

export interface MemberDataRightsDeps {
	store: Store;
	clock: Clock;
	logger: Logger;
	discord: DiscordPort;
	audit: AuditLog;
	notices: AdminNotices;
	strings: Strings;
	features: readonly Feature[];
}

/**
 * Members' data rights: see, export and delete everything Hearth keeps about them in a server, and forget members
 * who left. Each feature answers for its own data (exportMember/deleteMember); anything else under the member's key
 * prefix is covered here, so a feature that forgets a record cannot keep it from the member.
 */
export class MemberDataRights {
	readonly #deps: MemberDataRightsDeps;
	/** One deletion per member at a time: a click and a "member left" signal must not interleave. */
	readonly #running = new Map<string, Promise<DeletionReport>>();

	constructor(deps: MemberDataRightsDeps) {
		this.#deps = deps;
	}

	async collect(guildId: string, userId: string): Promise<MemberDataExport> {
		const { store, clock, features, logger, audit } = this.#deps;
		const byFeature: Record<string, Record<string, unknown>> = {};
		for (const feature of features) {
			try {
				byFeature[feature.name] = await feature.exportMember(guildId, userId);
			} catch (error) {
				// An export must not silently leave something out: the member is told it could not be completed.
				logger.error({ err: error, guildId, feature: feature.name }, 'member data export failed');
				throw new ExportIncompleteError(feature.name);
			}
		}
		const records = (await store.rawEntries(keys.memberPrefix(guildId, userId))).map(([key, raw]) => toStoredRecord(key, raw));
		const configurationChanges = await audit.byMember(guildId, userId);
		return {
			format: 'hearth-member-data',
			formatVersion: 1,
			guildId,
			userId,
			exportedAt: clock.now().toISOString(),
			features: byFeature,
			records,
			configurationChanges,
		};
	}

	/**
	 * Deletes everything about the member in this server: each feature's records and traces (other members keep
	 * theirs), then every key left under the member's prefix, then their entries in the configuration history.
	 */
	deleteAll(guildId: string, userId: string): Promise<DeletionReport> {
		const id = `${guildId}:${userId}`;
		const running = this.#running.get(id);
		if (running) return running;
		const work = this.#delete(guildId, userId).finally(() => this.#running.delete(id));
		this.#running.set(id, work);
		return work;
	}

	/**
	 * The bot learnt that a member left (Discord answered Unknown Member): remove their data. Checks once more that
	 * they are really gone, so a passing Discord hiccup cannot erase a present member's data. Returns whether data
	 * was deleted. Safe to call many times.
	 */
	async forgetMember(guildId: string, userId: string): Promise<boolean> {
		const { discord, logger } = this.#deps;
		try {
			if ((await discord.fetchMember(guildId, userId)) !== null) return false;
		} catch (error) {
			logger.warn({ err: error, guildId }, 'could not confirm that a member left; keeping their data for now');
			return false;
		}
		const report = await this.deleteAll(guildId, userId);
		logger.info({ guildId, failedFeatures: report.failedFeatures, remaining: report.remainingKeys.length }, 'removed the data of a member who left');
		return true;
	}

	async #delete(guildId: string, userId: string): Promise<DeletionReport> {
		const { store, features, logger, audit, notices, strings } = this.#deps;
		const failedFeatures: string[] = [];
		for (const feature of features) {
			try {
				await feature.deleteMember(guildId, userId);
			} catch (error) {
				failedFeatures.push(feature.name);
				logger.error({ err: error, guildId, feature: feature.name }, 'deleting a member\'s data failed in a feature');
			}
		}
		const prefix = keys.memberPrefix(guildId, userId);
		await store.deleteMany(await store.keys(prefix));
		try {
			await audit.forgetMember(guildId, userId);
		} catch (error) {
			failedFeatures.push('audit');
			logger.error({ err: error, guildId }, 'could not remove a member from the configuration history');
		}
		try {
			// A round report waiting for an admin can name the member (e.g. "could not reach <@id>").
			await notices.forgetMember(guildId, userId, strings.setup.privacy.removedMember);
		} catch (error) {
			failedFeatures.push('notices');
			logger.error({ err: error, guildId }, 'could not remove a member from pending admin notices');
		}
		const remainingKeys = await store.keys(prefix);
		return { failedFeatures, remainingKeys };
	}
}

const shared = new WeakMap<object, MemberDataRights>();

/**
 * The one MemberDataRights of a running bot (per Services), so that a member's click and a "member left" signal for
 * the same person share one deletion instead of racing.
 */
export function memberDataRights(services: MemberDataRightsDeps): MemberDataRights {
	let rights = shared.get(services);
	if (!rights) {
		rights = new MemberDataRights(services);
		shared.set(services, rights);
	}
	return rights;
}

/**
 * For features that learn a member left (Discord answered Unknown Member, 10007): removes that member's data in the
 * guild, after checking once more that they are gone. Safe to call repeatedly and concurrently.
 */
export function forgetMember(services: MemberDataRightsDeps, guildId: string, userId: string): Promise<boolean> {
	return memberDataRights(services).forgetMember(guildId, userId);
}

export class ExportIncompleteError extends Error {
	override readonly name = 'ExportIncompleteError';
	constructor(readonly feature: string) {
		super(`The ${feature} feature could not export a member's data`);
	}
}

function toStoredRecord(key: string, raw: unknown): StoredMemberRecord {
	if (raw && typeof raw === 'object' && 'k' in raw && 'v' in raw && 'd' in raw) {
		const envelope = raw as { k: unknown; v: unknown; d: unknown };
		return {
			key,
			kind: typeof envelope.k === 'string' ? envelope.k : null,
			version: typeof envelope.v === 'number' ? envelope.v : null,
			data: envelope.d,
		};
	}
	return { key, kind: null, version: null, data: raw };
}
