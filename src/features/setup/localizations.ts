import type { LocalizationMap } from 'discord-api-types/v10';

/**
 * Command names and descriptions in other languages, shown by Discord to members whose client uses that language.
 * Names follow Discord's rules (lowercase, no spaces, at most 32 characters); descriptions at most 100 characters.
 * Keyed by the command path: 'privacy', 'privacy export', 'config set key' (an option).
 */
export interface CommandWords {
	name?: LocalizationMap;
	description?: LocalizationMap;
}

/** Anything with Discord's localization setters: slash commands, subcommands, groups and options (@discordjs/builders). */
export interface Localizable {
	setNameLocalizations(localizedNames: LocalizationMap | null): unknown;
	setDescriptionLocalizations(localizedDescriptions: LocalizationMap | null): unknown;
}

/**
 * Adds the localizations of `path` to a builder and returns it, so it chains inside a builder expression:
 * `.addSubcommand((s) => localized(s.setName('show').setDescription('…'), commandLocales, 'privacy show'))`.
 * A path without an entry leaves the builder as it is (English only).
 */
export function localized<T extends Localizable>(builder: T, table: Readonly<Record<string, CommandWords>>, path: string): T {
	const words = table[path];
	if (words?.name && Object.keys(words.name).length > 0) builder.setNameLocalizations(words.name);
	if (words?.description && Object.keys(words.description).length > 0) builder.setDescriptionLocalizations(words.description);
	return builder;
}

/** French, German and Spanish for /setup, /config and /privacy. */
export const setupCommandLocales: Readonly<Record<string, CommandWords>> = {
	setup: {
		name: { fr: 'installation', de: 'einrichten', 'es-ES': 'configurar' },
		description: {
			fr: 'Configurer Hearth en quelques étapes : salons, horaires et un premier défi',
			de: 'Hearth in wenigen Schritten einrichten: Kanäle, Zeiten und eine erste Challenge',
			'es-ES': 'Configura Hearth en pocos pasos: canales, horarios y un primer reto',
		},
	},
	'setup timezone': {
		name: { fr: 'fuseau', de: 'zeitzone', 'es-ES': 'zona-horaria' },
		description: {
			fr: 'Le fuseau horaire du serveur (tapez une ville ou une région)',
			de: 'Die Zeitzone des Servers (Stadt oder Region eingeben)',
			'es-ES': 'La zona horaria del servidor (escribe una ciudad o región)',
		},
	},
	config: {
		name: { fr: 'réglages', de: 'einstellungen', 'es-ES': 'ajustes' },
		description: {
			fr: 'Voir et modifier les réglages de Hearth sur ce serveur',
			de: 'Hearths Einstellungen für diesen Server ansehen und ändern',
			'es-ES': 'Ver y cambiar los ajustes de Hearth en este servidor',
		},
	},
	'config show': {
		name: { fr: 'afficher', de: 'anzeigen', 'es-ES': 'ver' },
		description: {
			fr: 'Tous les réglages de Hearth sur ce serveur, au même endroit',
			de: 'Alle Hearth-Einstellungen dieses Servers auf einen Blick',
			'es-ES': 'Todos los ajustes de Hearth en este servidor, en un solo lugar',
		},
	},
	'config set': {
		name: { fr: 'modifier', de: 'ändern', 'es-ES': 'cambiar' },
		description: { fr: 'Modifier un réglage', de: 'Eine Einstellung ändern', 'es-ES': 'Cambiar un ajuste' },
	},
	'config set key': {
		name: { fr: 'clé', de: 'schlüssel', 'es-ES': 'clave' },
		description: { fr: 'Le réglage à modifier', de: 'Die Einstellung, die geändert wird', 'es-ES': 'El ajuste que quieres cambiar' },
	},
	'config set value': {
		name: { fr: 'valeur', de: 'wert', 'es-ES': 'valor' },
		description: {
			fr: 'La nouvelle valeur (none pour effacer)',
			de: 'Der neue Wert (none zum Leeren)',
			'es-ES': 'El nuevo valor (none para borrarlo)',
		},
	},
	'config reset': {
		name: { fr: 'réinitialiser', de: 'zurücksetzen', 'es-ES': 'restablecer' },
		description: {
			fr: 'Remettre tous les réglages par défaut (les données des membres sont gardées)',
			de: 'Alle Einstellungen zurücksetzen (Daten der Mitglieder bleiben erhalten)',
			'es-ES': 'Volver a los ajustes por defecto (los datos de los miembros se conservan)',
		},
	},
	'config audit': {
		name: { fr: 'historique', de: 'verlauf', 'es-ES': 'historial' },
		description: {
			fr: 'Qui a modifié quel réglage, et quand',
			de: 'Wer welche Einstellung wann geändert hat',
			'es-ES': 'Quién cambió cada ajuste, y cuándo',
		},
	},
	privacy: {
		name: { fr: 'confidentialité', de: 'datenschutz', 'es-ES': 'privacidad' },
		description: {
			fr: 'Voir, exporter ou supprimer ce que Hearth garde sur vous ici',
			de: 'Ansehen, exportieren oder löschen, was Hearth hier über dich speichert',
			'es-ES': 'Ver, exportar o borrar lo que Hearth guarda sobre ti aquí',
		},
	},
	'privacy show': {
		name: { fr: 'afficher', de: 'anzeigen', 'es-ES': 'ver' },
		description: {
			fr: 'Ce que Hearth garde sur vous sur ce serveur',
			de: 'Was Hearth auf diesem Server über dich speichert',
			'es-ES': 'Lo que Hearth guarda sobre ti en este servidor',
		},
	},
	'privacy export': {
		name: { fr: 'exporter', de: 'exportieren', 'es-ES': 'exportar' },
		description: {
			fr: 'En recevoir une copie complète dans un fichier',
			de: 'Eine vollständige Kopie als Datei erhalten',
			'es-ES': 'Recibir una copia completa en un archivo',
		},
	},
	'privacy delete': {
		name: { fr: 'supprimer', de: 'löschen', 'es-ES': 'borrar' },
		description: { fr: 'Tout supprimer', de: 'Alles löschen', 'es-ES': 'Borrarlo todo' },
	},
};
