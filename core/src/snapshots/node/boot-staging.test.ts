import { describe, expect, it } from 'vitest';
import { stagedEntry } from './boot-staging.js';

describe('stagedEntry', () => {
  it('copies the current entry onto @staged, titled and sorted first', () => {
    const current = [
      'title KOOMPI OS',
      'sort-key koompi',
      'version 2026.11.0',
      'linux /vmlinuz-linux',
      'initrd /initramfs-linux.img',
      'options root=UUID=abcd rootflags=subvol=@,compress=zstd rw quiet',
      '',
    ].join('\n');
    expect(stagedEntry(current, 'rollback to snapshot 7')).toBe(
      [
        'title KOOMPI OS (rollback to snapshot 7)',
        'version 2026.11.0.staged',
        'sort-key koompi',
        'linux /vmlinuz-linux',
        'initrd /initramfs-linux.img',
        'options root=UUID=abcd rootflags=subvol=@staged,compress=zstd rw quiet',
        '',
      ].join('\n'),
    );
  });

  it('adds rootflags when the entry has none, and keeps only safe title characters', () => {
    const entry = stagedEntry('title X\noptions root=UUID=1 rw\n', 'ត្រឡប់ទៅរូបថតលេខ 3\noptions init=/bin/sh');
    expect(entry).toMatch(/^options root=UUID=1 rw rootflags=subvol=@staged$/m);
    expect(entry.split('\n').filter((l) => l.startsWith('options'))).toHaveLength(1);
    expect(entry).toMatch(/^title KOOMPI OS \(ត្រឡប់ទៅរូបថតលេខ 3options initbinsh\)$/m);
  });
});
