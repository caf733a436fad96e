import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes.js';
import { cpaceGenerator, decodeLittleEndian, elligator2, onCurve } from './cpace.js';
import { createNodeCrypto } from './node/crypto.js';
import {
  JoinWindow,
  deviceIdOf,
  startStudentPairing,
  teacherFingerprint,
  type StudentCard,
  type TeacherCard,
} from './pairing.js';

const crypto = createNodeCrypto();
const CLASS = 'class-abcdefgh';

function studentCard(name = 'Sok Dara'): { card: StudentCard; privateKey: Uint8Array } {
  const keys = crypto.generateSigningKey();
  return {
    privateKey: keys.privateKey,
    card: {
      deviceId: deviceIdOf(crypto, keys.publicKey),
      name,
      publicKey: toBase64Url(keys.publicKey),
      port: 7741,
      syncthingId: '',
    },
  };
}

const teacherKeys = crypto.generateSigningKey();
const prove = (transcript: Uint8Array): Uint8Array => crypto.sign(teacherKeys.privateKey, transcript);
const teacherCard = (): TeacherCard => ({
  classId: CLASS,
  className: 'ថ្នាក់ទី៧',
  deviceId: deviceIdOf(crypto, teacherKeys.publicKey),
  name: 'Teacher',
  publicKey: toBase64Url(teacherKeys.publicKey),
  classKey: toBase64Url(crypto.randomBytes(32)),
  syncthingId: '',
  syncthingPort: 22000,
  port: 7740,
  now: 1_700_000_000_000,
});

describe('Elligator 2', () => {
  it('maps every field element onto the curve, never onto its twist', () => {
    for (let i = 0; i < 50; i++) {
      const u = elligator2(decodeLittleEndian(crypto.randomBytes(31)));
      expect(onCurve(u)).toBe(true);
    }
    expect(onCurve(elligator2(0n))).toBe(true);
  });

  it('gives a different generator for a different code, class or session', () => {
    const sid = crypto.randomBytes(16);
    const g = toBase64Url(cpaceGenerator(crypto, '123456', CLASS, sid));
    expect(toBase64Url(cpaceGenerator(crypto, '123456', CLASS, sid))).toBe(g);
    expect(toBase64Url(cpaceGenerator(crypto, '123457', CLASS, sid))).not.toBe(g);
    expect(toBase64Url(cpaceGenerator(crypto, '123456', 'other-class', sid))).not.toBe(g);
    expect(toBase64Url(cpaceGenerator(crypto, '123456', CLASS, crypto.randomBytes(16)))).not.toBe(g);
  });
});

describe('pairing with the class code', () => {
  it('pairs a student who knows the code: both sides get the other card, sealed', () => {
    const window = new JoinWindow(crypto, '482913', CLASS);
    const { card } = studentCard('សុខ ដារា');
    const student = startStudentPairing(crypto, '482913', CLASS);
    const hello = window.hello(student.hello);
    expect(hello.kind).toBe('ok');
    if (hello.kind !== 'ok') return;
    const answer = student.answer(hello.reply, card);
    expect(answer.kind).toBe('ok');
    if (answer.kind !== 'ok') return;
    const teacher = teacherCard();
    const finished = window.finish(answer.finish, () => teacher, prove);
    expect(finished.kind).toBe('ok');
    if (finished.kind !== 'ok') return;
    expect(finished.student).toEqual(card);
    expect(student.open(finished.reply, answer.isk)).toEqual({ kind: 'ok', teacher });
    expect(window.failedAttempts).toBe(0);
  });

  it('tells a student with the wrong code so, and the teacher never sees the student card', () => {
    const window = new JoinWindow(crypto, '482913', CLASS);
    const student = startStudentPairing(crypto, '482914', CLASS);
    const hello = window.hello(student.hello);
    if (hello.kind !== 'ok') throw new Error('hello refused');
    expect(student.answer(hello.reply, studentCard().card)).toEqual({ kind: 'wrong-code' });
    expect(window.failedAttempts).toBe(1);
  });

  it('refuses a finish whose proof is forged, and one whose card claims a device id it does not own', () => {
    const window = new JoinWindow(crypto, '111111', CLASS);
    const student = startStudentPairing(crypto, '111111', CLASS);
    const hello = window.hello(student.hello);
    if (hello.kind !== 'ok') throw new Error('hello refused');
    const answer = student.answer(hello.reply, studentCard().card);
    if (answer.kind !== 'ok') throw new Error('answer failed');
    const forged = { ...answer.finish, confirm: toBase64Url(crypto.randomBytes(32)) };
    expect(window.finish(forged, teacherCard, prove)).toEqual({ kind: 'refused', reason: 'wrong-code' });
    // The session is spent: the real finish after a forged one is refused too.
    expect(window.finish(answer.finish, teacherCard, prove)).toEqual({ kind: 'refused', reason: 'unknown-session' });

    const s2 = startStudentPairing(crypto, '111111', CLASS);
    const h2 = window.hello(s2.hello);
    if (h2.kind !== 'ok') throw new Error('hello refused');
    const liar = { ...studentCard().card, deviceId: 'AAAAAAAAAAAAAAAA' };
    const a2 = s2.answer(h2.reply, liar);
    if (a2.kind !== 'ok') throw new Error('answer failed');
    expect(window.finish(a2.finish, teacherCard, prove)).toEqual({ kind: 'refused', reason: 'malformed' });
  });

  it('closes joining after too many unproven attempts', () => {
    const window = new JoinWindow(crypto, '222222', CLASS, 3);
    for (let i = 0; i < 3; i++)
      expect(window.hello(startStudentPairing(crypto, '000000', CLASS).hello).kind).toBe('ok');
    expect(window.hello(startStudentPairing(crypto, '222222', CLASS).hello)).toEqual({
      kind: 'refused',
      reason: 'too-many-attempts',
    });
    expect(window.open).toBe(false);
  });

  it('refuses a source after its unproven attempts, and lets the rest of the class in', () => {
    const window = new JoinWindow(crypto, '444444', CLASS);
    for (let i = 0; i < 10; i++)
      expect(window.hello(startStudentPairing(crypto, '000000', CLASS).hello, '10.0.0.66').kind).toBe('ok');
    for (let i = 0; i < 50; i++)
      expect(window.hello(startStudentPairing(crypto, '000000', CLASS).hello, '10.0.0.66')).toEqual({
        kind: 'refused',
        reason: 'too-many-attempts',
      });
    expect(window.open).toBe(true);
    const honest = startStudentPairing(crypto, '444444', CLASS);
    const hello = window.hello(honest.hello, '10.0.0.7');
    if (hello.kind !== 'ok') throw new Error('hello refused');
    const answer = honest.answer(hello.reply, studentCard().card);
    if (answer.kind !== 'ok') throw new Error('answer failed');
    expect(window.finish(answer.finish, teacherCard, prove).kind).toBe('ok');
  });

  it("a card whose key did not sign this session is unproven (a classmate who knows the code can't pass off another key)", () => {
    const window = new JoinWindow(crypto, '555555', CLASS);
    const student = startStudentPairing(crypto, '555555', CLASS);
    const hello = window.hello(student.hello);
    if (hello.kind !== 'ok') throw new Error('hello refused');
    const answer = student.answer(hello.reply, studentCard().card);
    if (answer.kind !== 'ok') throw new Error('answer failed');
    // The fake teacher puts the real teacher's key in its card but signs with its own.
    const fake = crypto.generateSigningKey();
    const finished = window.finish(answer.finish, teacherCard, (t) => crypto.sign(fake.privateKey, t));
    if (finished.kind !== 'ok') throw new Error('finish refused');
    expect(student.open(finished.reply, answer.isk)).toEqual({ kind: 'unproven' });
  });

  it('the fingerprint depends on the key and the code', () => {
    const fp = teacherFingerprint(crypto, teacherKeys.publicKey, '123456');
    expect(fp).toMatch(/^\d{8}$/);
    expect(teacherFingerprint(crypto, teacherKeys.publicKey, '123456')).toBe(fp);
    expect(teacherFingerprint(crypto, teacherKeys.publicKey, '123457')).not.toBe(fp);
    expect(teacherFingerprint(crypto, crypto.generateSigningKey().publicKey, '123456')).not.toBe(fp);
  });

  it('refuses malformed and low-order shares', () => {
    const window = new JoinWindow(crypto, '333333', CLASS);
    expect(window.hello({ sid: 'x', share: 'y' }).kind).toBe('refused');
    const zero = toBase64Url(new Uint8Array(32));
    expect(window.hello({ sid: toBase64Url(crypto.randomBytes(16)), share: zero })).toEqual({
      kind: 'refused',
      reason: 'malformed',
    });
    expect(fromBase64Url(zero)?.length).toBe(32);
  });
});
