/**
 * Pronunciations (CMU ARPAbet, as in pocketsphinx's `cmudict-en-us.dict`) for
 * words the catalog uses that the CMU dictionary lacks: brand names, mostly.
 * A grammar alternative with a word found in neither is left out of the
 * command grammar (grammar.ts reports it), so add a line here when an app name
 * cannot be said.
 */
// prettier-ignore
export const EXTRA_PRONUNCIATIONS: Readonly<Record<string, string>> = {
  koompi: 'K UW M P IY',
  chatbot: 'CH AE T B AA T',
  slideshow: 'S L AY D SH OW',
  calc: 'K AE L K',
  konsole: 'K AA N S OW L',
  snipping: 'S N IH P IH NG',
  kcalc: 'K EY K AE L K',
  mozilla: 'M OW Z IH L AH',
  libreoffice: 'L IY B R AH AO F AH S',
  libre: 'L IY B R AH',
  openoffice: 'OW P AH N AO F AH S',
  gimp: 'G IH M P',
  krita: 'K R IY T AH',
  kolourpaint: 'K AH L ER P EY N T',
  tuxpaint: 'T AH K S P EY N T',
  inkscape: 'IH NG K S K EY P',
  vlc: 'V IY EH L S IY',
  kdenlive: 'K EY D EH N L AY V',
  shotcut: 'SH AA T K AH T',
  obs: 'OW B IY EH S',
  okular: 'AA K Y AH L ER',
  thonny: 'TH AA N IY',
  vscode: 'V IY EH S K OW D',
  gcompris: 'JH IY K AA M P R IY',
  compris: 'K AA M P R IY',
  ktouch: 'K EY T AH CH',
  geogebra: 'JH IY OW JH IY B R AH',
  gebra: 'JH IY B R AH',
  stellarium: 'S T AH L EH R IY AH M',
  kalzium: 'K AE L Z IY AH M',
  anki: 'AE NG K IY',
  jitsi: 'JH IH T S IY',
  luanti: 'L UW AA N T IY',
  minetest: 'M AY N T EH S T',
  supertuxkart: 'S UW P ER T AH K S K AA R T',
  tuxkart: 'T AH K S K AA R T',
  kart: 'K AA R T',
  ebook: 'IY B UH K',
  maths: 'M AE TH S',
  wifi: 'W AY F AY',
};
