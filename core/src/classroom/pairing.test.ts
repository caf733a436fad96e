import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes.js';
import { cpaceGenerator, decodeLittleEndian, elligator2, onCurve } from './cpace.js';
import { createNodeCrypto } from './node/crypto.js';
import { JoinWindow, deviceIdOf, startStudentPairing, type StudentCard, type TeacherCard } from './pairing.js';

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

const teacherCard = (): TeacherCard => ({
  classId: CLASS,
  className: 'ថ្នាក់ទី៧',
  deviceId: 'TTTTTTTTTTTTTTTT',
  name: 'Teacher',
  publicKey: toBase64Url(crypto.randomBytes(32)),
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
    const finished = window.finish(answer.finish, () => teacher);
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
    expect(window.finish(forged, teacherCard)).toEqual({ kind: 'refused', reason: 'wrong-code' });
    // The session is spent: the real finish after a forged one is refused too.
    expect(window.finish(answer.finish, teacherCard)).toEqual({ kind: 'refused', reason: 'unknown-session' });

    const s2 = startStudentPairing(crypto, '111111', CLASS);
    const h2 = window.hello(s2.hello);
    if (h2.kind !== 'ok') throw new Error('hello refused');
    const liar = { ...studentCard().card, deviceId: 'AAAAAAAAAAAAAAAA' };
    const a2 = s2.answer(h2.reply, liar);
    if (a2.kind !== 'ok') throw new Error('answer failed');
    expect(window.finish(a2.finish, teacherCard)).toEqual({ kind: 'refused', reason: 'malformed' });
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
