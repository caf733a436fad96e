import { describe, expect, it } from 'vitest';
import { Conversation, MAX_MESSAGE_LENGTH } from './conversation.js';

describe('Conversation', () => {
  it('keeps submitted Khmer text, trimmed, in order, and tells listeners', () => {
    const seen: string[] = [];
    const chat = new Conversation(() => new Date(0));
    chat.onChange((c) => seen.push(`${c.kind}:${c.message.author}:${c.message.text}`));
    expect(chat.submit('  សួស្តី  ').kind).toBe('sent');
    chat.append('assistant', 'ជម្រាបសួរ');
    expect(chat.messages.map((m) => m.text)).toEqual(['សួស្តី', 'ជម្រាបសួរ']);
    expect(chat.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(seen).toEqual(['added:person:សួស្តី', 'added:assistant:ជម្រាបសួរ']);
    chat.update(2, 'ជម្រាបសួរ!');
    chat.update(2, 'ជម្រាបសួរ!');
    chat.update(99, 'nobody');
    expect(seen.at(-1)).toBe('changed:assistant:ជម្រាបសួរ!');
    expect(seen).toHaveLength(3);
  });

  it('refuses blank and oversized messages without adding them', () => {
    const chat = new Conversation();
    expect(chat.submit(' \n\t ')).toEqual({ kind: 'empty' });
    expect(chat.submit('ក'.repeat(MAX_MESSAGE_LENGTH + 1))).toEqual({ kind: 'too-long', max: MAX_MESSAGE_LENGTH });
    expect(chat.messages).toHaveLength(0);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const chat = new Conversation();
    let calls = 0;
    const off = chat.onChange(() => calls++);
    chat.submit('one');
    off();
    chat.submit('two');
    expect(calls).toBe(1);
  });
});
