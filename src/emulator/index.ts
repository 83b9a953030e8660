/** Hearth's local Discord: REST v10 + gateway on 127.0.0.1 for an unmodified discord.js client. See test/README.md. */
export { DiscordEmulator } from './emulator.js';
export type {
	ChannelInfo,
	EmulatorOptions,
	GuildInfo,
	JournalView,
	MemberInfo,
	RoleInfo,
	ThreadView,
	UnknownRouteRecord,
} from './emulator.js';
export type { MessageView, SentFile } from './core.js';
export { InteractionHandle } from './interactions.js';
export type { InteractionResponseRecord, ShownModal } from './interactions.js';
export type { AutocompleteInvocation, ComponentInvocation, ModalInvocation, OptionValue, SelectInvocation, SlashCommandInvocation } from './invoke.js';
export type {
	DispatchRecord,
	InteractionKind,
	InteractionResponseKind,
	JournalEvent,
	JournalEventBody,
	JournalEventOf,
	JournalEventType,
	MessageSource,
	RequestRecord,
} from './journal.js';
export { describeEvent } from './journal.js';
export type { InjectedRateLimit, RouteLimit } from './ratelimits.js';
export type { TranscriptOptions } from './transcript.js';
export { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.js';
