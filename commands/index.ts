import type { Command } from '../src/discord/command.js';
import about from './about.js';
import challengeAdmin from './challenge-admin.js';
import challenge from './challenge.js';
import help from './help.js';
import pair from './pair.js';
import pairAdmin from './pair-admin.js';
import config from './config.js';
import privacy from './privacy.js';
import prompt from './prompt.js';
import promptAdmin from './prompt-admin.js';
import setup from './setup.js';

/** Every slash command Hearth has. The bot and the deploy script both read this list. */
export const commands: readonly Command[] = [help, about, prompt, promptAdmin, pair, pairAdmin, challenge, challengeAdmin, setup, config, privacy];
