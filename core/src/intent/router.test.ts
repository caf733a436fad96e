import { describe, expect, it } from 'vitest';
import { createIntentRouter } from './router.js';
import { INTENT_IDS, type IntentId, type IntentSlots } from './types.js';

const router = createIntentRouter();

type Case = readonly [text: string, intent: IntentId, slots?: IntentSlots];

/** At least one English and one Khmer sentence for every intent, with the slots the contract promises. */
const CASES: Record<IntentId, { en: readonly Case[]; km: readonly Case[] }> = {
  'package.install': {
    en: [
      ['please install firefox', 'package.install', { app: 'firefox' }],
      ['I need a drawing app', 'package.install', { app: 'krita' }],
      ['instal blender', 'package.install', { app: 'blender' }],
    ],
    km: [
      ['សូមដំឡើង Firefox ផង', 'package.install', { app: 'firefox' }],
      ['ដំឡើងកម្មវិធីគូររូប', 'package.install', { app: 'krita' }],
      ['ដំលើងហ្វាយហ្វក', 'package.install', { app: 'firefox' }],
    ],
  },
  'package.remove': {
    en: [['uninstall vlc', 'package.remove', { app: 'vlc' }]],
    km: [
      ['លុប zoom ចោល', 'package.remove', { app: 'zoom' }],
      ['យកតេឡេក្រាមចេញ', 'package.remove', { app: 'telegram' }],
    ],
  },
  'package.search': {
    en: [['search for a drawing app', 'package.search', { query: 'drawing' }]],
    km: [['ស្វែងរកកម្មវិធីគូររូប', 'package.search', { query: 'គូររូប' }]],
  },
  'system.update': {
    en: [['pls update my pc', 'system.update', {}]],
    km: [['ធ្វើបច្ចុប្បន្នភាពកុំព្យូទ័រ', 'system.update', {}]],
  },
  'snapshot.create': {
    en: [['take a snapshot before the update', 'snapshot.create', {}]],
    km: [['បង្កើតចំណុចស្ដារ', 'snapshot.create', {}]],
  },
  'snapshot.list': {
    en: [['show my restore points', 'snapshot.list', {}]],
    km: [['បង្ហាញចំណុចស្ដារទាំងអស់', 'snapshot.list', {}]],
  },
  'snapshot.rollback': {
    en: [['undo the last update', 'snapshot.rollback', {}]],
    km: [['ត្រឡប់ប្រព័ន្ធទៅវិញ', 'snapshot.rollback', {}]],
  },
  'snapshot.delete': {
    en: [['delete old snapshots', 'snapshot.delete', {}]],
    km: [['លុបចំណុចស្ដារចាស់ៗ', 'snapshot.delete', {}]],
  },
  'system.info': {
    en: [
      ['how much memory is used', 'system.info', { topic: 'memory' }],
      ['how much disk space is left', 'system.info', { topic: 'disk' }],
      ["what's my battery level", 'system.info', { topic: 'battery' }],
      ['am I connected to the internet', 'system.info', { topic: 'network' }],
      ['what cpu do I have', 'system.info', { topic: 'cpu' }],
      ['what os is this', 'system.info', { topic: 'os' }],
    ],
    km: [
      ['មើល RAM', 'system.info', { topic: 'memory' }],
      ['ទំហំផ្ទុកនៅសល់ប៉ុន្មាន', 'system.info', { topic: 'disk' }],
      ['ថ្មនៅសល់ប៉ុន្មាន', 'system.info', { topic: 'battery' }],
      ['ពិនិត្យបណ្ដាញអ៊ីនធឺណិត', 'system.info', { topic: 'network' }],
      ['ស៊ីភីយូប្រើប៉ុន្មានភាគរយ', 'system.info', { topic: 'cpu' }],
      ['ប្រព័ន្ធប្រតិបត្តិការកំណែអ្វី', 'system.info', { topic: 'os' }],
    ],
  },
  'file.find': {
    en: [['where is report.docx', 'file.find', { query: 'report.docx' }]],
    km: [['រកឯកសារ budget.xlsx', 'file.find', { query: 'budget.xlsx' }]],
  },
  'file.backup': {
    en: [['back up my documents', 'file.backup', { path: '~/Documents' }]],
    km: [['បម្រុងទុករូបភាពរបស់ខ្ញុំ', 'file.backup', { path: '~/Pictures' }]],
  },
  'classroom.share': {
    en: [['share the lesson with students', 'classroom.share', {}]],
    km: [['ចែកមេរៀននេះទៅសិស្សទាំងអស់', 'classroom.share', {}]],
  },
  'classroom.collect': {
    en: [['collect homework', 'classroom.collect', {}]],
    km: [['ប្រមូលកិច្ចការពីសិស្ស', 'classroom.collect', {}]],
  },
  'classroom.online': {
    en: [['who is online', 'classroom.online', {}]],
    km: [['សិស្សណាខ្លះកំពុងអនឡាញ', 'classroom.online', {}]],
  },
  'classroom.lock': {
    en: [['lock all screens', 'classroom.lock', {}]],
    km: [['ចាក់សោអេក្រង់សិស្សទាំងអស់', 'classroom.lock', {}]],
  },
  'classroom.unlock': {
    en: [['unlock the students', 'classroom.unlock', {}]],
    km: [['ដោះសោអេក្រង់សិស្ស', 'classroom.unlock', {}]],
  },
  'app.open': {
    en: [
      ['open chat', 'app.open', { app: 'chat' }],
      ['launch write', 'app.open', { app: 'write' }],
      ['start the presentation app', 'app.open', { app: 'present' }],
      ['open the calculator', 'app.open', { app: 'calculate' }],
      ['open classroom', 'app.open', { app: 'classroom' }],
    ],
    km: [
      ['បើកកម្មវិធីជជែក', 'app.open', { app: 'chat' }],
      ['open ម៉ាស៊ីនគិតលេខ', 'app.open', { app: 'calculate' }],
      ['បើកបទបង្ហាញ', 'app.open', { app: 'present' }],
    ],
  },
  'settings.language': {
    en: [['switch to khmer', 'settings.language', { language: 'km' }]],
    km: [['ប្ដូរភាសាទៅអង់គ្លេស', 'settings.language', { language: 'en' }]],
  },
  help: {
    en: [['how do I install firefox', 'help', {}]],
    km: [['ធ្វើម៉េចដើម្បីបង្កើតស្លាយ?', 'help', {}]],
  },
  unknown: {
    en: [['the weather is nice', 'unknown', {}]],
    km: [['ខ្ញុំចូលចិត្តញ៉ាំបាយ', 'unknown', {}]],
  },
};

describe('intent router', () => {
  it('has cases for every intent in both languages', () => {
    for (const id of INTENT_IDS) {
      expect(CASES[id].en.length, id).toBeGreaterThan(0);
      expect(CASES[id].km.length, id).toBeGreaterThan(0);
    }
  });

  for (const id of INTENT_IDS) {
    for (const lang of ['en', 'km'] as const) {
      it.each(CASES[id][lang].map((c) => [...c] as [string, IntentId, IntentSlots?]))(
        `${id} (${lang}): %s`,
        (text, intent, slots) => {
          const result = router.route(text);
          expect(result.intent).toBe(intent);
          expect(result.slots).toEqual(slots ?? {});
        },
      );
    }
  }

  it('gives a confidence between 0 and 1, higher for clear commands than for unknown text', () => {
    const clear = router.route('install firefox');
    const vague = router.route('blue elephant tuesday');
    expect(clear.confidence).toBeGreaterThan(0.7);
    expect(clear.confidence).toBeLessThanOrEqual(1);
    expect(vague.intent).toBe('unknown');
    expect(vague.confidence).toBeGreaterThanOrEqual(0);
  });

  it('understands the glossary words the UI now teaches and the old words people still type', () => {
    const cases: [string, string][] = [
      ['បង្ហាញសិស្សដែលនៅលើបណ្ដាញ', 'classroom.online'],
      ['សិស្សណាខ្លះអនឡាញ', 'classroom.online'],
      // The network, when students are on it, is the class: not this computer's network.
      ['សិស្សណាខ្លះនៅលើបណ្ដាញ', 'classroom.online'],
      ['សិស្សណាខ្លះនៅក្នុងបណ្ដាញ', 'classroom.online'],
      ['which students are on the network', 'classroom.online'],
      ['am I on the network', 'system.info'],
      ['បង្កើតចំណុចស្ដារ', 'snapshot.create'],
      ['ថតរូបថតប្រព័ន្ធ', 'snapshot.create'],
      ['ប្រមូលកិច្ចការ', 'classroom.collect'],
      ['ប្រមូលស្នាដៃ', 'classroom.collect'],
      ['បើកស្ថានីយ', 'app.open'],
      ['បើកទែមីណល', 'app.open'],
    ];
    expect(cases.map(([text]) => [text, router.route(text).intent])).toEqual(cases);
  });

  it('ignores politeness words and zero-width spaces', () => {
    expect(router.route('ជួយ​ដំឡើង​ VLC ​ឲ្យ​ខ្ញុំ​ផង​បាទ').slots).toEqual({ app: 'vlc' });
    expect(router.route('could you please kindly install vlc thanks').slots).toEqual({ app: 'vlc' });
  });

  it('treats a negated command as no command', () => {
    expect(router.route("don't install firefox").intent).toBe('unknown');
    expect(router.route('កុំដំឡើង firefox').intent).toBe('unknown');
  });

  it('tells a how-to question from the command it mentions', () => {
    expect(router.route('how do I lock the screens').intent).toBe('help');
    expect(router.route('lock the screens').intent).toBe('classroom.lock');
  });

  it('keeps the case of a path the person typed', () => {
    expect(router.route('backup ~/Projects/Science').slots).toEqual({ path: '~/Projects/Science' });
  });

  it('routes empty or punctuation-only text to unknown', () => {
    expect(router.route('').intent).toBe('unknown');
    expect(router.route('?!។').intent).toBe('unknown');
  });

  it('explains its choice', () => {
    const why = router.explain('ដំឡើង firefox');
    expect(why.result.intent).toBe('package.install');
    expect(why.mentions.map((m) => m.term)).toContain('ដំឡើង');
    expect(why.scores['package.install']).toBeGreaterThan(why.scores['app.open'] ?? 0);
  });
});
