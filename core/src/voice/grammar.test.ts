import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog.js';
import { createIntentRouter } from '../intent/router.js';
import { COMMAND_PHRASES, buildCommandGrammar, expandPhrase, spokenForm } from './grammar.js';

const catalog = createCatalog();
const router = createIntentRouter({ catalog });
const grammar = buildCommandGrammar(catalog, () => true);

describe('spoken command grammar', () => {
  it('routes every phrasing to the intent it is written for', () => {
    const rules = {
      app: ['firefox', 'krita'],
      kind: ['browser', 'drawing'],
      topic: ['memory', 'battery', 'disk space'],
    };
    const wrong: string[] = [];
    for (const { intent, say } of COMMAND_PHRASES) {
      for (const template of say) {
        for (const sentence of expandPhrase(template, rules)) {
          const got = router.route(sentence).intent;
          if (got !== intent) wrong.push(`${sentence} → ${got} (want ${intent})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets a person open every catalog app by a spoken name that routes to it', () => {
    const unreachable: string[] = [];
    for (const app of catalog.apps) {
      const names = grammar.appNames.get(app.id) ?? [];
      const ok = names.some((name) => router.route(`open ${name}`).slots.app === app.id);
      if (!ok) unreachable.push(`${app.id} (${names.join(', ') || 'no spoken name'})`);
    }
    expect(unreachable).toEqual([]);
  });

  it('writes a JSGF grammar whose public rule covers every intent phrasing', () => {
    expect(grammar.jsgf).toMatch(/^#JSGF V1\.0;/);
    expect(grammar.jsgf).toContain('public <command> = [please] ( <app_open> |');
    for (const { intent } of COMMAND_PHRASES) expect(grammar.jsgf).toContain(`<${intent.replace('.', '_')}> = `);
    expect(grammar.words).toContain('firefox');
    expect(grammar.words.every((w) => /^[a-z']+$/.test(w))).toBe(true);
  });

  it('leaves out names it cannot pronounce and says which', () => {
    const partial = buildCommandGrammar(catalog, (w) => w !== 'firefox');
    expect(partial.dropped).toContain('app:firefox:firefox');
    expect(partial.words).not.toContain('firefox');
  });

  it('reads catalog names as plain lower-case words', () => {
    expect(spokenForm('Luanti (Minetest)')).toBe('luanti');
    expect(spokenForm('OBS Studio')).toBe('obs studio');
    expect(spokenForm('mp3')).toBeUndefined();
    expect(spokenForm('ក្រីតា')).toBeUndefined();
  });

  it('expands optional parts and choices', () => {
    expect(expandPhrase('( open | start ) [the] <app>', { app: ['gimp'] }).sort()).toEqual([
      'open gimp',
      'open the gimp',
      'start gimp',
      'start the gimp',
    ]);
  });
});
