import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';

export type Logger = PinoLogger;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured logs, one JSON line per event. The token is redacted wherever it might appear. */
export function createLogger(level: LogLevel = 'info', token?: string, destination?: NodeJS.WritableStream): Logger {
	const options: LoggerOptions = {
		level,
		base: { app: 'hearth' },
		redact: { paths: ['token', '*.token', 'config.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
		hooks: token
			? {
					// Belt and braces: a token that slips into a message or error text is masked too.
					logMethod(args, method) {
						method.apply(
							this,
							args.map((arg) => (typeof arg === 'string' ? arg.replaceAll(token, '[redacted]') : arg)) as Parameters<typeof method>,
						);
					},
				}
			: {},
		serializers: {
			err: (err: unknown) => {
				const serialized = pino.stdSerializers.err(err as Error);
				if (token && serialized) {
					serialized.message = serialized.message?.replaceAll(token, '[redacted]');
					serialized.stack = serialized.stack?.replaceAll(token, '[redacted]');
				}
				return serialized;
			},
		},
	};
	return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** A logger that writes nothing, for tests and benchmarks. */
export function silentLogger(): Logger {
	return pino({ level: 'silent' });
}
