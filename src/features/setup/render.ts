import { EmbedBuilder } from '@discordjs/builders';
import type { APIEmbed } from 'discord-api-types/v10';
import type { Services } from '../../services.js';
import type { Strings } from '../../strings/index.js';
import type { AuditEntry } from '../guild/audit.js';
import { channelMention, roleMention } from './config.js';
import type { MemberDataExport } from './privacy.js';
import { clip, featureTitle } from './summary.js';

export const HEARTH_COLOR = 0xe8744f;
/** Discord's limits on one embed. */
const FIELD_VALUE_MAX = 1024;
const FIELDS_MAX = 25;
const EMBED_TOTAL_MAX = 6000;

/** /config show: the server's settings and each feature's, in one embed. */
export async function renderConfig(services: Services, guildId: string): Promise<APIEmbed> {
	const { strings, settings, features, logger } = services;
	const words = strings.setup.config;
	const none = strings.setup.none;
	const current = await settings.get(guildId);
	const sections: Array<{ title: string; lines: string[] }> = [
		{
			title: featureTitle(strings, 'server'),
			lines: [
				words.timezoneLine(current.timezone),
				words.logChannelLine(current.adminLogChannelId ? channelMention(current.adminLogChannelId, none) : null),
				words.adminRoleLine(current.adminRoleId ? roleMention(current.adminRoleId, none) : null),
				words.summaryLine(current.weeklySummary, current.adminLogChannelId !== null),
			],
		},
	];
	for (const feature of features) {
		try {
			const described = await feature.describeConfig(guildId);
			sections.push({ title: described.title || featureTitle(strings, feature.name), lines: described.lines });
		} catch (error) {
			logger.error({ err: error, guildId, feature: feature.name }, 'could not describe a feature\'s settings');
			sections.push({ title: featureTitle(strings, feature.name), lines: [words.featureUnreadable] });
		}
	}
	return buildEmbed(
		strings.setup.config.showTitle,
		null,
		sections.map((s) => ({ name: s.title, value: s.lines.length > 0 ? s.lines.join('\n') : words.notSetUp })),
		words.footer,
	);
}

/** /config audit: the latest changes, newest first. */
export function renderAudit(strings: Strings, entries: readonly AuditEntry[]): APIEmbed {
	const words = strings.setup.config;
	const lines = entries.map((e) => words.auditLine(Math.floor(Date.parse(e.at) / 1000), `<@${e.userId}>`, e.setting, e.value));
	const description = lines.length === 0 ? words.auditEmpty : fitLines(lines, 4000);
	return new EmbedBuilder().setColor(HEARTH_COLOR).setTitle(words.auditTitle).setDescription(description).toJSON();
}

/** /privacy show: what is stored about the member, feature by feature, in plain words. */
export function renderMemberData(strings: Strings, data: MemberDataExport): APIEmbed {
	const words = strings.setup.privacy;
	const fields: Array<{ name: string; value: string }> = [];
	for (const [name, exported] of Object.entries(data.features)) {
		const lines = describeObject(strings, exported);
		if (lines.length > 0) fields.push({ name: featureTitle(strings, name), value: fitLines(lines, FIELD_VALUE_MAX) });
	}
	if (data.records.length > 0) {
		const counts = new Map<string, number>();
		for (const record of data.records) {
			const label = humanize(record.kind ?? record.key.split(':').slice(4).join(' '));
			counts.set(label, (counts.get(label) ?? 0) + 1);
		}
		fields.push({
			name: words.storedTitle,
			value: fitLines(
				[...counts].map(([label, n]) => `• ${words.storedLine(label, n)}`),
				FIELD_VALUE_MAX,
			),
		});
	}
	if (data.configurationChanges.length > 0) {
		const changes = [...data.configurationChanges].reverse().map((e) => `• ${words.configurationChange(Math.floor(Date.parse(e.at) / 1000), e.setting, e.value)}`);
		fields.push({ name: words.configurationChangesTitle, value: fitLines(changes, FIELD_VALUE_MAX) });
	}
	if (fields.length === 0) return buildEmbed(words.showTitle, words.nothing, [], null);
	return buildEmbed(words.showTitle, words.showIntro, fields, words.footer);
}

/**
 * Plain lines for one feature's export: `• Interests: cooking, chess`, `• Check-ins: 12 entries`. Nested objects show
 * one level deep; anything deeper is counted. The export file has everything in full.
 */
export function describeObject(strings: Strings, value: Record<string, unknown>): string[] {
	const lines: string[] = [];
	for (const [key, item] of Object.entries(value)) {
		if (isEmpty(item)) continue;
		if (isPlainObject(item)) {
			const inner = Object.entries(item)
				.filter(([, v]) => !isEmpty(v))
				.map(([k, v]) => `${humanize(k)}: ${describeValue(strings, v)}`);
			if (inner.length > 0) lines.push(`• ${humanize(key)}: ${inner.join('; ')}`);
			continue;
		}
		lines.push(`• ${humanize(key)}: ${describeValue(strings, item)}`);
		// A few entries of a list of records, so the member sees what they are, not just how many.
		if (Array.isArray(item) && item.some(isPlainObject)) {
			for (const entry of item.filter(isPlainObject).slice(0, LIST_PREVIEW)) lines.push(`  – ${describeEntry(strings, entry)}`);
			if (item.length > LIST_PREVIEW) lines.push(`  – ${strings.setup.privacy.andMore(item.length - LIST_PREVIEW)}`);
		}
	}
	return lines;
}

const LIST_PREVIEW = 5;

/** One record of a list in a line: its plain fields, `text: …; status: pending`. */
function describeEntry(strings: Strings, entry: Record<string, unknown>): string {
	const parts = Object.entries(entry)
		.filter(([, v]) => !isEmpty(v) && !isPlainObject(v))
		.map(([k, v]) => `${humanize(k).toLowerCase()}: ${describeValue(strings, v)}`);
	return clip(parts.join('; '), 160);
}

function describeValue(strings: Strings, value: unknown): string {
	const words = strings.setup.privacy;
	if (value === null || value === undefined) return words.empty;
	if (typeof value === 'boolean') return value ? words.yes : words.no;
	if (typeof value === 'string') return clip(value, 120);
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) {
		if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
			const shown = value.slice(0, 10).map(String).join(', ');
			return value.length > 10 ? `${shown} ${words.andMore(value.length - 10)}` : shown;
		}
		return words.entries(value.length);
	}
	if (isPlainObject(value)) return words.entries(Object.keys(value).length);
	return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (isPlainObject(value)) return Object.keys(value).length === 0;
	return false;
}

/** `checkIns` → `Check ins`, `pairing-profile` → `Pairing profile`. */
export function humanize(key: string): string {
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[-_:.]+/g, ' ')
		.trim()
		.toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Joins lines up to `max` characters, ending with "…" when some had to be left out. */
function fitLines(lines: readonly string[], max: number): string {
	let out = '';
	for (const line of lines) {
		const next = out ? `${out}\n${line}` : line;
		if (next.length > max - 2) return out ? `${out}\n…` : clip(line, max);
		out = next;
	}
	return out;
}

function buildEmbed(title: string, description: string | null, fields: Array<{ name: string; value: string }>, footer: string | null): APIEmbed {
	const embed = new EmbedBuilder().setColor(HEARTH_COLOR).setTitle(title);
	let total = title.length + (description?.length ?? 0) + (footer?.length ?? 0);
	if (description) embed.setDescription(description);
	for (const field of fields.slice(0, FIELDS_MAX)) {
		const name = clip(field.name, 256);
		const value = clip(field.value || '—', FIELD_VALUE_MAX);
		if (total + name.length + value.length > EMBED_TOTAL_MAX) break;
		total += name.length + value.length;
		embed.addFields({ name, value });
	}
	if (footer) embed.setFooter({ text: footer });
	return embed.toJSON();
}
