/**
 * Scores every intent from the evidence. Each rule reads like the sentence
 * patterns it stands for: a verb ("install", "ដំឡើង") is the strongest sign, an
 * object ("firefox", "a browser", "កម្មវិធីគូររូប") confirms it, and some words
 * change the meaning of the whole sentence ("how do I …" asks for help, it
 * does not ask to act). The highest score wins; below `UNKNOWN_BELOW` the
 * router answers `unknown`.
 */
import type { Evidence } from './evidence.js';
import type { IntentId } from './types.js';

export const UNKNOWN_BELOW = 1;

/** Verbs that ask for something to be done. */
const ACTIONS = [
  'install',
  'remove',
  'update',
  'rollback',
  'backup',
  'share',
  'collect',
  'lock',
  'unlock',
  'open',
  'find',
];

const TOPICS = ['topic_memory', 'topic_disk', 'topic_battery', 'topic_network', 'topic_cpu', 'topic_os'] as const;

export type Scores = Partial<Record<IntentId, number>>;

export function scoreIntents(e: Evidence): Scores {
  const w = e.weight;
  const apps = e.tagged('app:');
  const cats = e.tagged('cat:');
  const appObj = apps.length > 0 ? apps[0]!.mention.weight : 0;
  const catObj = cats.length > 0 ? cats[0]!.mention.weight : 0;
  const unknownName = e.leftover.some((i) => e.units[i]!.script === 'latin') ? 0.6 : e.leftover.length > 0 ? 0.4 : 0;
  const object = Math.max(appObj, catObj, unknownName);
  const catalogObject = Math.max(appObj, catObj);
  const appWord = w('app_word');
  const fileish = Math.max(w('file'), e.fileToken ? 1 : 0);
  const snapshot = w('snapshot');
  const topic = Math.max(...TOPICS.map((t) => w(t)));
  const students = w('students');
  const question = Math.max(w('question'), e.questionMark && e.units.length > 0 ? 1 : 0);
  const asksForHow = Math.max(w('howto'), w('why'));

  const s: Scores = {};

  // Packages.
  const update = w('update');
  // "យកតេឡេក្រាមចេញ", "take zoom off": taking something out is removing it.
  const takeOut = Math.min(Math.max(w('acquire'), w('create')), w('out'));
  const acquire = takeOut > 0 ? 0 : w('acquire');
  s['package.install'] =
    3 * w('install') + (w('install') > 0 ? object : 0) + 2.4 * acquire * Math.max(catalogObject, appWord * 0.5);
  if (update > 0 && appObj === 0) s['package.install'] *= 0.4; // "install the updates"
  if (snapshot > 0) s['package.install'] *= 0.3;

  const remove = w('remove');
  // "I don't need VLC anymore", "ខ្ញុំលែងប្រើ zoom ទៀតទេ".
  const noLongerWanted = w('anymore') > 0 ? Math.max(w('acquire'), w('open_weak'), w('negation')) : 0;
  const dropIt = Math.max(takeOut, noLongerWanted) * Math.max(catalogObject, unknownName);
  s['package.remove'] = 3 * Math.max(remove, dropIt) + (remove > 0 ? object : 0);
  if (snapshot > 0 || (fileish > 0 && appObj === 0)) s['package.remove'] *= 0.3;

  const findApp = w('find') * (fileish > 0 && appWord === 0 ? 0 : Math.max(catalogObject, appWord));
  s['package.search'] =
    2.4 * findApp +
    2.6 * w('recommend') * Math.max(catObj, appWord, appObj * 0.8) +
    (question > 0 && w('install') === 0 ? 1.6 * Math.max(catObj * Math.max(appWord, 0.7), appWord * 0.8) : 0);

  // System.
  // "take a snapshot before the update": the update is when, not what.
  const updateIsContext =
    w('before') > 0 && Math.max(snapshot, w('backup'), w('create'), w('rollback'), w('problem')) > 0;
  s['system.update'] = 3.5 * update * (updateIsContext ? 0.3 : 1);
  // "back up the system" is a snapshot; "back up my photos" is a file backup.
  const systemBackup = fileish === 0 && e.tagged('folder:').length === 0 ? Math.min(w('backup'), w('system')) * 0.9 : 0;
  const snapshotish = Math.max(snapshot, systemBackup);
  // "when was the last snapshot taken" asks about snapshots that exist.
  // "show me the restore points": showing snapshots is listing them.
  const listing = Math.max(w('list'), w('how_much'), w('when'), question * 0.8, snapshotish > 0 ? w('recommend') : 0);
  const createVerb = w('when') > 0 ? 0 : Math.max(w('create'), listing > 0 ? 0 : w('backup'));
  s['snapshot.create'] = snapshotish * (1.8 + 1.6 * createVerb);
  s['snapshot.list'] = snapshotish * (1.6 + 2 * listing);
  s['snapshot.rollback'] =
    3 * w('rollback') + (w('rollback') > 0 ? Math.max(snapshot, w('system'), update, w('topic_os')) : 0);
  s['snapshot.delete'] = snapshot * 3.6 * remove;

  s['system.info'] =
    topic > 0
      ? 3 * topic + 0.6 * Math.max(w('info'), w('how_much'), w('possessive'), question)
      : 2.4 * w('info') * Math.max(w('system'), 0.6);
  // "who is online" is about the class; so is the network when students are on it: "សិស្សណាខ្លះនៅលើបណ្ដាញ",
  // "សិស្សណាខ្លះនៅក្នុងបណ្ដាញ", "which students are on the network".
  const studentsOnNetwork = students > 0 && w('online') === 0 ? w('topic_network') : 0;
  if (students > 0 && Math.max(w('online'), studentsOnNetwork) > 0) s['system.info'] *= 0.4;

  // Files.
  // "find my essay", "where is report.docx": people look for their own files; apps are "found" in the store.
  const lookFor = Math.max(w('find'), w('where'));
  const fileTarget =
    fileish > 0 ? 1 : w('possessive') > 0 || w('where') > 0 ? 0.9 : catalogObject > 0 || appWord > 0 ? 0.2 : 0.6;
  s['file.find'] = lookFor > 0 || w('lost') > 0 ? 2.2 * lookFor * fileTarget + fileish + 3 * w('lost') : 0;
  s['file.backup'] = w('backup') * (3 + 0.8 * Math.max(fileish, e.tagged('folder:').length > 0 ? 1 : 0));
  if (snapshot > 0 || (w('system') > 0 && fileish === 0 && e.tagged('folder:').length === 0)) s['file.backup'] *= 0.3;

  // Classroom.
  const audience = Math.max(students, w('lesson'), w('screen') * 0.5);
  s['classroom.share'] = w('share') * (2.4 + audience);
  // "get the homework back", "យកកិច្ចការពីសិស្ស": taking work from students is collecting it.
  const takeWork = w('acquire') * w('work') * Math.max(students, w('back'));
  s['classroom.collect'] = Math.max(w('collect'), takeWork) * (2.6 + Math.max(w('work'), students * 0.6));
  s['classroom.online'] =
    w('online') * (students > 0 ? 3.2 : 0.8) +
    2.6 * studentsOnNetwork +
    (students > 0 && w('how_much') > 0 && w('online') > 0 ? 0.5 : 0);
  s['classroom.lock'] = 3 * w('lock') + 0.6 * Math.max(w('screen'), students);
  s['classroom.unlock'] = 3.4 * w('unlock') + 0.6 * Math.max(w('screen'), students);

  // Apps and settings.
  const open = Math.max(w('open'), 0.5 * w('open_weak'));
  // A bare app name opens it; "is gimp available?" asks about it instead.
  const bareApp = open === 0 ? 1.6 * appObj * (question > 0 || w('recommend') > 0 ? 0.5 : 1) : 0;
  s['app.open'] = open * (1.4 + 1.5 * Math.max(catalogObject, appWord * 0.3)) + bareApp;
  const langName = Math.max(w('lang_km'), w('lang_en'));
  const langNoun = w('language');
  s['settings.language'] = langNoun > 0 || langName > 0 ? 1.6 * langNoun + 1.6 * langName + 1.2 * w('change') : 0;
  if (langNoun === 0 && w('change') === 0) s['settings.language'] = (s['settings.language'] ?? 0) * 0.8;

  // Questions and help: "how do I install …" asks how, it does not ask to install.
  // "what is an operating system" asks for a definition; "what is my battery level" or "what's the wifi
  // name" asks for a reading. "explain", "ជាអ្វី" always ask for a definition.
  const reading = Math.max(w('how_much'), w('list'), w('info'), w('possessive'));
  const defineWeak = w('define_weak');
  const definitionWanted =
    w('recommend') === 0 && snapshot * w('list') === 0 && (topic === 0 || (reading === 0 && w('indefinite') > 0));
  // "is the internet down?" asks for a status; "the wifi is not working" asks for help; "zoom crashes,
  // remove it" asks to remove.
  const action = Math.max(...ACTIONS.map((a) => w(a)));
  const problem = w('problem') * (action > 0 ? 1 : topic > 0 && question > 0 && asksForHow === 0 ? 1.4 : 3.8);
  s.help =
    5 * asksForHow +
    4.2 * w('define') +
    (definitionWanted ? 4.2 * defineWeak : 1.2 * defineWeak) +
    problem +
    (action > 0 ? 0 : 1.8 * w('help')) +
    1.2 * question;

  // "Don't install firefox": a negated command is not a command.
  if (ACTIONS.some((a) => e.negated.has(a)) || (e.negated.has('acquire') && noLongerWanted === 0)) {
    for (const key of Object.keys(s) as IntentId[]) {
      if (key !== 'help' && !(key === 'package.remove' && noLongerWanted > 0)) s[key] = (s[key] ?? 0) * 0.2;
    }
  }
  return s;
}
