/**
 * Write's templates for Cambodian schools (report, letter, essay, lesson
 * plan), in Khmer and English, and the outline port: an `OutlineGenerator`
 * turns a description into sections. The offline generator uses a template's
 * sections; the AI service (core/src/ai) can implement the same port with
 * Gemini. Nothing here talks to a network.
 */
import type { Deck, ThemeId } from '../slides/model.js';
import { autoLayout } from '../slides/model.js';
import type { Block, OfficeDocument } from './model.js';

export type TemplateId = 'report' | 'letter' | 'essay' | 'lesson-plan';
export const TEMPLATE_IDS: readonly TemplateId[] = ['report', 'letter', 'essay', 'lesson-plan'];
export type OfficeLang = 'km' | 'en';

export interface OutlineSection {
  readonly heading: string;
  /** Points to write about (a paragraph each in a document, a bullet each on a slide). */
  readonly points: readonly string[];
}

export interface Outline {
  readonly title: string;
  readonly sections: readonly OutlineSection[];
}

export interface OutlineRequest {
  /** What the person asked for, e.g. "a report on rice farming in Battambang". */
  readonly description: string;
  readonly template?: TemplateId;
  readonly lang: OfficeLang;
}

/** Makes an outline from a description. Offline: `createTemplateOutlineGenerator`; online: Gemini, in core/src/ai. */
export interface OutlineGenerator {
  outline(request: OutlineRequest): Promise<Outline>;
}

const SECTIONS: Record<TemplateId, Record<OfficeLang, OutlineSection[]>> = {
  report: {
    en: [
      { heading: 'Introduction', points: ['What this report is about and why it matters.'] },
      { heading: 'Background', points: ['What is already known.'] },
      { heading: 'Findings', points: ['What you found, with facts and figures.'] },
      { heading: 'Conclusion', points: ['What the findings mean.'] },
      { heading: 'Recommendations', points: ['What should be done next.'] },
    ],
    km: [
      { heading: 'សេចក្តីផ្តើម', points: ['របាយការណ៍នេះនិយាយអំពីអ្វី ហើយហេតុអ្វីវាសំខាន់។'] },
      { heading: 'ប្រវត្តិ', points: ['អ្វីដែលយើងដឹងរួចហើយ។'] },
      { heading: 'លទ្ធផលនៃការសិក្សា', points: ['អ្វីដែលអ្នករកឃើញ ព្រមទាំងការពិត និងតួលេខ។'] },
      { heading: 'សេចក្តីសន្និដ្ឋាន', points: ['លទ្ធផលទាំងនេះមានន័យដូចម្តេច។'] },
      { heading: 'អនុសាសន៍', points: ['អ្វីដែលគួរធ្វើបន្ទាប់។'] },
    ],
  },
  letter: {
    en: [
      { heading: 'To', points: ['Name and address of the person you write to.'] },
      { heading: 'Subject', points: ['What the letter is about, in one line.'] },
      {
        heading: 'Letter',
        points: ['Dear …,', 'Why you are writing.', 'What you ask for or propose.', 'Yours sincerely,'],
      },
    ],
    km: [
      { heading: 'ជូនចំពោះ', points: ['ឈ្មោះ និងអាសយដ្ឋានរបស់អ្នកទទួល។'] },
      { heading: 'កម្មវត្ថុ', points: ['លិខិតនេះនិយាយអំពីអ្វី ក្នុងមួយបន្ទាត់។'] },
      { heading: 'លិខិត', points: ['គោរពជូន …', 'មូលហេតុដែលអ្នកសរសេរ។', 'អ្វីដែលអ្នកស្នើសុំ។', 'សូមទទួលនូវការគោរពដ៏ខ្ពង់ខ្ពស់អំពីខ្ញុំ។'] },
    ],
  },
  essay: {
    en: [
      { heading: 'Introduction', points: ['Your main idea (thesis) in one or two sentences.'] },
      { heading: 'First argument', points: ['A reason, with an example.'] },
      { heading: 'Second argument', points: ['Another reason, with an example.'] },
      { heading: 'Third argument', points: ['A third reason, or the other side and your answer to it.'] },
      { heading: 'Conclusion', points: ['Your main idea again, and what follows from it.'] },
    ],
    km: [
      { heading: 'សេចក្តីផ្តើម', points: ['គំនិតសំខាន់របស់អ្នក ក្នុងមួយ ឬពីរប្រយោគ។'] },
      { heading: 'អំណះអំណាងទីមួយ', points: ['មូលហេតុមួយ ព្រមទាំងឧទាហរណ៍។'] },
      { heading: 'អំណះអំណាងទីពីរ', points: ['មូលហេតុមួយទៀត ព្រមទាំងឧទាហរណ៍។'] },
      { heading: 'អំណះអំណាងទីបី', points: ['មូលហេតុទីបី ឬទស្សនៈផ្ទុយ និងចម្លើយរបស់អ្នក។'] },
      { heading: 'សេចក្តីសន្និដ្ឋាន', points: ['គំនិតសំខាន់ម្តងទៀត និងលទ្ធផលដែលកើតចេញពីវា។'] },
    ],
  },
  'lesson-plan': {
    en: [
      { heading: 'Objectives', points: ['By the end of the lesson, students can …'] },
      { heading: 'Materials', points: ['Books, worksheets, computers …'] },
      { heading: 'Warm-up (5 minutes)', points: ['A question or game that connects to the last lesson.'] },
      { heading: 'Teaching (20 minutes)', points: ['Explain and show the new idea.'] },
      { heading: 'Practice (15 minutes)', points: ['Students try it in pairs or groups.'] },
      { heading: 'Assessment (5 minutes)', points: ['How you check what students learned.'] },
      { heading: 'Homework', points: ['What students do at home.'] },
    ],
    km: [
      { heading: 'វត្ថុបំណង', points: ['នៅចុងមេរៀន សិស្សអាច …'] },
      { heading: 'សម្ភារៈឧបទេស', points: ['សៀវភៅ សន្លឹកកិច្ចការ កុំព្យូទ័រ …'] },
      { heading: 'សកម្មភាពរំលឹក (៥ នាទី)', points: ['សំណួរ ឬល្បែងដែលភ្ជាប់ទៅមេរៀនមុន។'] },
      { heading: 'ការបង្រៀន (២០ នាទី)', points: ['ពន្យល់ និងបង្ហាញគំនិតថ្មី។'] },
      { heading: 'ការអនុវត្ត (១៥ នាទី)', points: ['សិស្សសាកល្បងជាគូ ឬជាក្រុម។'] },
      { heading: 'ការវាយតម្លៃ (៥ នាទី)', points: ['របៀបពិនិត្យអ្វីដែលសិស្សបានរៀន។'] },
      { heading: 'កិច្ចការផ្ទះ', points: ['អ្វីដែលសិស្សធ្វើនៅផ្ទះ។'] },
    ],
  },
};

const TITLES: Record<TemplateId, Record<OfficeLang, string>> = {
  report: { en: 'Report', km: 'របាយការណ៍' },
  letter: { en: 'Letter', km: 'លិខិត' },
  essay: { en: 'Essay', km: 'តែងសេចក្តី' },
  'lesson-plan': { en: 'Lesson plan', km: 'កិច្ចតែងការបង្រៀន' },
};

/** Guesses the template a description asks for ("a letter to …", "កិច្ចតែងការ …"); a report by default. */
export function templateFor(description: string): TemplateId {
  if (/\bletter\b|លិខិត/iu.test(description)) return 'letter';
  if (/\bessay\b|តែងសេចក្តី|អត្ថបទ/iu.test(description)) return 'essay';
  if (/\blesson\b|កិច្ចតែងការ|មេរៀន/iu.test(description)) return 'lesson-plan';
  return 'report';
}

export function templateOutline(template: TemplateId, lang: OfficeLang, title?: string): Outline {
  return { title: title?.trim() || TITLES[template][lang], sections: SECTIONS[template][lang] };
}

/** The offline generator: the template's sections, titled with the description. */
export function createTemplateOutlineGenerator(): OutlineGenerator {
  return {
    outline: (request) => {
      const template = request.template ?? templateFor(request.description);
      return Promise.resolve(templateOutline(template, request.lang, request.description));
    },
  };
}

export function outlineToDocument(outline: Outline, lang: OfficeLang): OfficeDocument {
  const blocks: Block[] = [{ kind: 'heading', level: 1, runs: [{ text: outline.title }] }];
  for (const section of outline.sections) {
    blocks.push({ kind: 'heading', level: 2, runs: [{ text: section.heading }] });
    for (const point of section.points) blocks.push({ kind: 'paragraph', runs: [{ text: point }] });
  }
  return { title: outline.title, lang: lang === 'km' ? 'km-KH' : 'en-US', blocks };
}

/** A template as a new document, ready to fill in. */
export function templateDocument(template: TemplateId, lang: OfficeLang, title?: string): OfficeDocument {
  return outlineToDocument(templateOutline(template, lang, title), lang);
}

/** An outline as slides: a title slide, then a slide per section with its points as bullets. */
export function outlineToDeck(outline: Outline, theme: ThemeId = 'angkor'): Deck {
  return autoLayout({
    title: outline.title,
    theme,
    slides: [
      { layout: 'title', title: outline.title, bullets: [] },
      ...outline.sections.map((s) => ({
        layout: 'bullets' as const,
        title: s.heading,
        bullets: s.points.map((p) => [{ text: p }]),
      })),
    ],
  });
}
