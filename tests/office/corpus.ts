// A Khmer shaping corpus: every consonant alone, with each dependent vowel and
// sign, with coeng subscripts (including coeng-ro, which reorders before the
// base), and words and sentences known to trip shapers (FINDINGS: fontkit
// breaks ត្រូវ, គ្រូបង្រៀន, and ស្ត្រី after a word with ើ).
const CONSONANTS = [...'កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ'];
const VOWELS = [
  '',
  'ា',
  'ិ',
  'ី',
  'ឹ',
  'ឺ',
  'ុ',
  'ូ',
  'ួ',
  'ើ',
  'ឿ',
  'ៀ',
  'េ',
  'ែ',
  'ៃ',
  'ោ',
  'ៅ',
  'ុំ',
  'ំ',
  'ាំ',
  'ះ',
  'ុះ',
  'េះ',
  'ោះ',
];
const SIGNS = ['៉', '៊', '់', '៍', '៌', '៏', '័'];
const SUBSCRIPTS = ['រ', 'ត', 'ក', 'ល', 'ម', 'ស', 'វ', 'ង', 'ញ', 'យ'];

export const WORDS = [
  'ត្រូវ',
  'គ្រូបង្រៀន',
  'ស្ត្រី',
  'ដើរស្ត្រី',
  'លើស្ត្រីម្នាក់',
  'ព្រះរាជាណាចក្រកម្ពុជា',
  'ស្រុកខ្មែរ',
  'វិទ្យាល័យ',
  'សាស្ត្រាចារ្យ',
  'ក្រសួងអប់រំ យុវជន និងកីឡា',
  'ឆ្នាំ២០២៦',
  'ប្រាសាទអង្គរវត្ត',
  'កញ្ញា',
  'ព្រឹក',
  'ស្ត្រ៊ី',
  'ខ្ញុំចង់រៀនភាសាខ្មែរ។',
];

export function khmerCorpus(): string[] {
  const out = new Set<string>(WORDS);
  for (const c of CONSONANTS) {
    for (const v of VOWELS) {
      out.add(c + v);
      for (const s of SUBSCRIPTS) out.add(`${c}្${s}${v}`);
      out.add(`${c}្ត្រ${v}`);
    }
    for (const s of SIGNS) out.add(c + s);
  }
  return [...out];
}
