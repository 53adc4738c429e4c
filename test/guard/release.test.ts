import { describe, expect, it } from 'vitest';
import { Display, Holdback } from '../../src/guard/release.js';
import { textChunk } from '../../src/guard/responses.js';
import type { GuardStreamEvent, RetractionNotice } from '../../src/guard/stream-events.js';

async function collect(
  events: AsyncGenerator<GuardStreamEvent, void, undefined>,
): Promise<GuardStreamEvent[]> {
  const seen: GuardStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('Holdback', () => {
  it('releases a chunk once the text received after it reaches the holdback', () => {
    const holdback = new Holdback(10);
    expect(holdback.add(textChunk('abcdef'), 'abcdef')).toEqual([]);
    expect(holdback.add(textChunk('ghij'), 'ghij')).toEqual([]);
    const released = holdback.add(textChunk('klmnop'), 'klmnop');
    expect(released.map((held) => held.text)).toEqual(['abcdef']);
    expect(holdback.drain().map((held) => held.text)).toEqual(['ghij', 'klmnop']);
    expect(holdback.drain()).toEqual([]);
  });

  it('releases everything at once with a holdback of zero, text-less chunks included', () => {
    const holdback = new Holdback(0);
    expect(holdback.add(textChunk('a'), 'a')).toHaveLength(1);
    expect(holdback.add(textChunk(''), '')).toHaveLength(1);
  });

  it('forgets what it held after a reset', () => {
    const holdback = new Holdback(100);
    holdback.add(textChunk('abc'), 'abc');
    holdback.reset();
    expect(holdback.drain()).toEqual([]);
  });
});

describe('Display', () => {
  it('retracts to the common prefix and appends the rest of the target as one chunk', async () => {
    const notices: RetractionNotice[] = [];
    const display = new Display((notice) => {
      notices.push(notice);
    });
    display.show(1, { chunk: textChunk('Hello world'), text: 'Hello world' });
    const events = await collect(display.converge('Hello there', 1, 'final'));
    expect(events).toMatchObject([
      { type: 'retract', keep: 6, retracted: 5, cause: 'final', attempt: 1 },
      { type: 'chunk', text: 'there' },
    ]);
    expect(notices).toEqual([{ attempt: 1, keep: 6, retracted: 5, cause: 'final' }]);
    expect(display.text).toBe('Hello there');
  });

  it('does nothing when the display already shows the target', async () => {
    const display = new Display();
    display.show(1, { chunk: textChunk('Same'), text: 'Same' });
    expect(await collect(display.converge('Same', 1, 're-ask'))).toEqual([]);
  });
});
