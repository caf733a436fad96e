import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, vetSubmissions } from './collect.js';

describe('what the teacher lets in', () => {
  const limits = { ...DEFAULT_LIMITS, maxFileBytes: 100, maxStudentBytes: 150 };
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

  it('counts empty files against the file limit', () => {
    const files = Array.from({ length: 5000 }, (_, i) => ({ path: `f${String(i).padStart(4, '0')}.txt`, size: 0 }));
    const r = vetSubmissions(files, { ...DEFAULT_LIMITS, maxStudentFiles: 100 });
    expect(r.allowed).toHaveLength(100);
    expect(r.allowed[0]).toBe('f0000.txt');
    expect(r.refused).toHaveLength(4900);
    expect(new Set(r.refused.map((x) => x.reason))).toEqual(new Set(['too-many-files']));
  });
});
