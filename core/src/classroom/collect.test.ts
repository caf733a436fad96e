import { describe, expect, it } from 'vitest';
import { vetSubmissions } from './collect.js';

describe('what the teacher lets in', () => {
  const limits = { maxFileBytes: 100, maxStudentBytes: 150 };
  it('takes checked names within the size limit and the quota, in name order', () => {
    const r = vetSubmissions(
      [
        { path: 'b.odt', size: 80 },
        { path: 'a.odt', size: 60 },
        { path: 'c.odt', size: 20 },
        { path: 'huge.bin', size: 10 * 1024 ** 3 },
        { path: '../../etc/passwd', size: 1 },
        { path: 'bell\u0007.txt', size: 1 },
      ],
      limits,
    );
    expect(r.allowed).toEqual(['a.odt', 'b.odt']);
    expect(r.refused).toEqual([
      { path: '../../etc/passwd', reason: 'traversal' },
      { path: 'bell.txt', reason: 'control-characters' },
      { path: 'c.odt', reason: 'over-quota' },
      { path: 'huge.bin', reason: 'too-large' },
    ]);
  });
});
