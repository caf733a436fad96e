import { describe, expect, it } from 'vitest';
import {
  REPLAY_WINDOW,
  EMPTY_REPLAY_STATE,
  checkReplay,
  nextSequence,
  signMessage,
  verifyMessage,
  type ReplayState,
} from './envelope.js';
import { isLessonOffer, isReceipt } from './lessons.js';
import { createNodeCrypto } from './node/crypto.js';
import { isTeacherCommand, type TeacherCommand } from './protocol.js';

const crypto = createNodeCrypto();
const teacher = crypto.generateSigningKey();
const student = crypto.generateSigningKey();
const NOW = 1_750_000_000_000;
const isCommand = (x: unknown): x is TeacherCommand => isTeacherCommand(x, isLessonOffer, isReceipt);

function setup() {
  let replay: ReplayState = EMPTY_REPLAY_STATE;
  const options = (now = NOW) => ({
    classId: 'class-1',
    self: 'student-1',
    acceptBroadcast: true,
    keyOf: (id: string) => (id === 'teacher' ? teacher.publicKey : undefined),
    replayOf: () => replay,
    nowMs: now,
    clockOffsetMs: 0,
    maxAgeMs: 600_000,
    isMessage: isCommand,
  });
  const accept = (wire: unknown, now = NOW) => {
    const r = verifyMessage(crypto, wire, options(now));
    if (r.kind === 'ok') replay = r.replay;
    return r.kind === 'ok' ? 'ok' : r.reason;
  };
  return { accept };
}

const sender = { deviceId: 'teacher', classId: 'class-1', privateKey: teacher.privateKey };

describe('signed commands', () => {
  it('obeys the paired teacher, once', () => {
    const { accept } = setup();
    const { signed } = signMessage(crypto, sender, 'student-1', nextSequence(0, NOW), NOW, {
      kind: 'lock',
      message: '',
    });
    expect(accept(signed)).toBe('ok');
    expect(accept(signed)).toBe('replayed');
  });

  it('refuses a lock forged by another device, even one in the class', () => {
    const { accept } = setup();
    const forged = signMessage(crypto, { ...sender, privateKey: student.privateKey }, 'student-1', NOW * 1000, NOW, {
      kind: 'lock',
      message: '',
    });
    expect(accept(forged.signed)).toBe('bad-signature');
    const asItself = signMessage(
      crypto,
      { ...sender, deviceId: 'student-2', privateKey: student.privateKey },
      '*',
      NOW * 1000,
      NOW,
      {
        kind: 'lock',
        message: '',
      },
    );
    // Signed correctly by a classmate, but only the teacher's key is trusted for commands.
    expect(accept(asItself.signed)).toBe('unknown-sender');
    const unknown = signMessage(crypto, { ...sender, deviceId: 'stranger' }, 'student-1', NOW * 1000, NOW, {
      kind: 'unlock',
    });
    expect(accept(unknown.signed)).toBe('unknown-sender');
  });

  it('refuses an altered body, another class, another device, an old message and a strange command', () => {
    const { accept } = setup();
    const { signed } = signMessage(crypto, sender, 'student-1', NOW * 1000, NOW, { kind: 'message', text: 'hi' });
    expect(accept({ ...signed, body: signed.body.replace('hi', 'ha') })).toBe('bad-signature');
    expect(
      accept(
        signMessage(crypto, { ...sender, classId: 'class-2' }, 'student-1', NOW * 1000 + 1, NOW, { kind: 'unlock' })
          .signed,
      ),
    ).toBe('wrong-class');
    expect(accept(signMessage(crypto, sender, 'student-9', NOW * 1000 + 2, NOW, { kind: 'unlock' }).signed)).toBe(
      'not-for-us',
    );
    expect(
      accept(signMessage(crypto, sender, 'student-1', NOW * 1000 + 3, NOW - 3_600_000, { kind: 'unlock' }).signed),
    ).toBe('stale');
    expect(accept(signMessage(crypto, sender, 'student-1', NOW * 1000 + 4, NOW, { kind: 'format-disk' }).signed)).toBe(
      'unexpected-message',
    );
    expect(
      accept(
        signMessage(crypto, sender, 'student-1', NOW * 1000 + 5, NOW, { kind: 'open-link', url: 'file:///etc/passwd' })
          .signed,
      ),
    ).toBe('unexpected-message');
    expect(accept('not json at all')).toBe('malformed');
    expect(accept({ body: '{', sig: 'AA' })).toBe('malformed');
  });

  it('takes commands a little out of order but never one below the window', () => {
    const { accept } = setup();
    const base = NOW * 1000;
    const msg = { kind: 'unlock' } as const;
    expect(accept(signMessage(crypto, sender, '*', base + 10, NOW, msg).signed)).toBe('ok');
    expect(accept(signMessage(crypto, sender, '*', base + 5, NOW, msg).signed)).toBe('ok');
    expect(accept(signMessage(crypto, sender, '*', base + 5, NOW, msg).signed)).toBe('replayed');
    expect(accept(signMessage(crypto, sender, '*', base + 10 - REPLAY_WINDOW, NOW, msg).signed)).toBe('replayed');
  });
});

describe('replay window', () => {
  it('stays bounded and refuses everything at or below what it forgot', () => {
    let state: ReplayState = EMPTY_REPLAY_STATE;
    for (let i = 1; i <= 5000; i++) {
      const r = checkReplay(state, 1_000_000_000 + i);
      if (r.kind !== 'fresh') throw new Error('unexpected replay');
      state = r.next;
    }
    expect(state.seen.length).toBeLessThanOrEqual(4096);
    expect(checkReplay(state, 1_000_000_001).kind).toBe('replayed');
    expect(checkReplay(state, 1_000_005_001).kind).toBe('fresh');
  });

  it('counts forward across a restart with a lost counter', () => {
    expect(nextSequence(0, NOW)).toBe(NOW * 1000);
    expect(nextSequence(NOW * 1000 + 5, NOW)).toBe(NOW * 1000 + 6);
  });
});
