/**
 * An error meant for the member or admin who caused it: its message is shown to them privately, in plain words.
 * Anything that is not a UserError is unexpected: the member gets a short apology with an incident id.
 */
export class UserError extends Error {
	override readonly name = 'UserError';
	constructor(message: string) {
		super(message);
	}
}
