/**
 * A deck as one self-contained HTML file: the Khmer font embedded as base64
 * (`@font-face`), no network, arrow keys / space / click to move between slides.
 */
import { runsText } from '../document/model.js';
import { escapeXml } from '../xml.js';
import { bulletSize, THEMES, type Deck, type Slide } from './model.js';

export interface EmbeddedFont {
  readonly family: string;
  readonly weight: 400 | 700;
  readonly data: Uint8Array;
}

function base64(data: Uint8Array): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i] ?? 0;
    const b = data[i + 1] ?? 0;
    const c = data[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]!;
    out += i + 1 < data.length ? chars[(n >> 6) & 63]! : '=';
    out += i + 2 < data.length ? chars[n & 63]! : '=';
  }
  return out;
}

function slideHtml(slide: Slide, index: number): string {
  const title = escapeXml(slide.title);
  if (slide.layout === 'title' || slide.layout === 'section') {
    return `<section class="slide title" id="s${index + 1}" aria-label="${title}"><h1>${title}</h1>${
      slide.subtitle ? `<p class="subtitle">${escapeXml(slide.subtitle)}</p>` : ''
    }</section>`;
  }
  const items = slide.bullets
    .map(
      (b) =>
        `<li>${b
          .map((r) => {
            let t = escapeXml(r.text);
            if (r.bold) t = `<strong>${t}</strong>`;
            if (r.italic) t = `<em>${t}</em>`;
            if (r.underline) t = `<u>${t}</u>`;
            return t;
          })
          .join('')}</li>`,
    )
    .join('');
  return `<section class="slide ${slide.layout}" id="s${index + 1}" aria-label="${title}"><h2>${title}</h2><ul style="font-size:${bulletSize(slide)}pt">${items}</ul>${
    slide.notes ? `<aside class="notes">${escapeXml(slide.notes)}</aside>` : ''
  }</section>`;
}

export function deckToHtml(deck: Deck, fonts: readonly EmbeddedFont[], lang = 'km'): string {
  const theme = THEMES[deck.theme];
  const faces = fonts
    .map(
      (f) =>
        `@font-face{font-family:'${f.family}';font-weight:${f.weight};src:url(data:font/ttf;base64,${base64(f.data)}) format('truetype');}`,
    )
    .join('\n');
  const family = [...new Set(fonts.map((f) => `'${f.family}'`)), 'sans-serif'].join(',');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="KOOMPI Present">
<title>${escapeXml(deck.title)}</title>
<style>
${faces}
html,body{margin:0;height:100%;background:#222;font-family:${family};}
.slide{display:none;box-sizing:border-box;width:960pt;height:540pt;padding:36pt 54pt;background:${theme.background};color:${theme.textColor};line-height:1.5;transform-origin:0 0;position:absolute;left:0;top:0;}
.slide.active{display:block;}
.slide h2{color:${theme.titleColor};font-size:32pt;margin:0 0 18pt;padding-bottom:8pt;border-bottom:4pt solid ${theme.accent};line-height:1.4;}
.slide.title{background:${theme.titleBackground};color:${theme.titleSlideText};display:none;flex-direction:column;justify-content:center;text-align:center;}
.slide.title.active{display:flex;}
.slide.title h1{font-size:44pt;margin:0;line-height:1.4;}
.slide.title .subtitle{font-size:24pt;color:${theme.accent};}
.slide ul{margin:0;padding-left:1.2em;}
.slide.two-column ul{columns:2;column-gap:36pt;}
.slide li{margin:0 0 8pt;}
.slide li::marker{color:${theme.accent};}
.notes{display:none;}
@media print{.slide{display:block!important;position:relative;transform:none!important;page-break-after:always;}}
</style>
</head>
<body>
${deck.slides.map(slideHtml).join('\n')}
<script>
(function(){
var slides=[].slice.call(document.querySelectorAll('.slide'));var i=Math.max(0,Math.min(slides.length-1,(parseInt(location.hash.slice(2),10)||1)-1));
function fit(){var s=Math.min(innerWidth/1280,innerHeight/720);slides.forEach(function(e){e.style.transform='translate('+(innerWidth-1280*s)/2+'px,'+(innerHeight-720*s)/2+'px) scale('+s+')';});}
function show(n){i=Math.max(0,Math.min(slides.length-1,n));slides.forEach(function(e,k){e.classList.toggle('active',k===i);});history.replaceState(null,'','#s'+(i+1));}
addEventListener('keydown',function(e){if(['ArrowRight','PageDown',' '].indexOf(e.key)>=0)show(i+1);if(['ArrowLeft','PageUp'].indexOf(e.key)>=0)show(i-1);if(e.key==='Home')show(0);if(e.key==='End')show(slides.length-1);});
addEventListener('click',function(){show(i+1);});addEventListener('resize',fit);fit();show(i);
})();
</script>
</body>
</html>
`;
}

/** Everything a deck says, one slide per paragraph: what tests and search compare. */
export function deckText(deck: Deck): string {
  return deck.slides
    .map((s) => [s.title, s.subtitle ?? '', ...s.bullets.map(runsText)].filter(Boolean).join('\n'))
    .join('\n\n');
}
