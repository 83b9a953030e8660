import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => { h.emu.assertNoUnknownRoutes(); await h.stop(); });

it('posts the first prompt at 09:00, once', async () => {
  h = await startHarness({ start: '2026-11-23T08:55:00Z' });
  await (await h.command({ name: 'prompt-admin', subcommand: 'channel', options: { channel: h.channelId } })).reply();
  await (await h.command({ name: 'prompt-admin', subcommandGroup: 'schedule', subcommand: 'daily', options: { time: '09:00' } })).reply();
  await h.advance(10);                       // moves the clock and runs the scheduler tick each minute
  await h.restart();                         // a process restart on the same store
  await h.advance(10);
  expect(h.emu.messages(h.channelId).filter((m) => m.embeds.length > 0)).toHaveLength(1);
});
