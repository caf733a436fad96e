/**
 * Cleaning whisper's text for people. Khmer is written without spaces between
 * words (a space marks a pause, like a comma), but whisper's tokens often put
 * one between Khmer words; those go. Whisper's non-speech markers
 * (`[BLANK_AUDIO]`, `(music)`, `♪`) go too. Pure.
 */

import { isKhmer } from '../text/khmer.js';

/** Whisper writes these for silence, noise and music instead of words. */
const NON_SPEECH = /\[[^\]]*\]|\([^)]*\)|[♪♫]+/g;

/**
 * Removes spaces between two Khmer characters and collapses the rest.
 *
 * @example
 * joinKhmerWords(' សូម បើក កម្មវិធី Firefox '); // "សូមបើកកម្មវិធី Firefox"
 */
export function joinKhmerWords(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < collapsed.length; i++) {
    const char = collapsed[i] ?? '';
    if (char === ' ' && isKhmer(collapsed[i - 1] ?? '') && isKhmer(collapsed[i + 1] ?? '')) continue;
    out += char;
  }
  return out;
}

/** Whisper's segments → the text a person sees: markers dropped, Khmer joined, whitespace tidy. */
export function cleanTranscript(segments: readonly string[]): string {
  return joinKhmerWords(segments.join(' ').replace(NON_SPEECH, ' '));
}
