// The one stylesheet of walkthroughs and lesson pages: light/dark via prefers-color-scheme,
// print opens everything. Colours are CSS variables so dark mode only swaps the palette. Print
// sizes are in px: rem would follow the 16px root, not the 11px print body. Nothing may be wider
// than the page: Chromium then shrinks the whole document to fit, and every page gets tiny text.

/** Leaf colours, light then dark (chosen for contrast with the text colour of each scheme). */
const LIGHT = ['#ffe08a', '#b9e6ff', '#c8f0c0', '#ffc9d6', '#e0d0ff', '#ffd6a8', '#b8f0e6', '#e6e6a0'];
const DARK = ['#6b5400', '#0d4f73', '#245c1c', '#73243a', '#4b3580', '#754010', '#11605a', '#5c5c10'];

const palette = (p: string[]): string => p.map((c, i) => `--c${i}:${c};`).join('');

/** The stylesheet shared by every page. */
export const CSS = `
:root{color-scheme:light dark;--fg:#1d1f21;--muted:#5b6470;--bg:#ffffff;--panel:#f6f7f9;--line:#d7dbe0;--accent:#0b63c5;--bad:#c0202a;--ok:#1d7a32;--lit:#ff7a00;${palette(LIGHT)}
 --mono:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;--sans:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",sans-serif}
@media (prefers-color-scheme:dark){:root{--fg:#e4e6ea;--muted:#9aa4b1;--bg:#15171a;--panel:#1e2226;--line:#363c44;--accent:#6cb0ff;--bad:#ff6b6b;--ok:#5fd37a;--lit:#ffa040;${palette(DARK)}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 var(--sans)}
main{max-width:1180px;margin:0 auto;padding:1.2rem 1.4rem 4rem}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:.4rem 0 .8rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:0}h4{font-size:.9rem;margin:.6rem 0 .3rem;color:var(--muted)}h5{margin:.2rem 0;font-size:.95rem}
code,pre{font-family:var(--mono);font-size:13px}
.sub,.meta,.rfc{color:var(--muted);font-weight:normal;font-size:.85rem}
.toolbar{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--line);padding:.35rem 1.4rem;align-items:center;display:flex;gap:.5rem;flex-wrap:wrap}
.toolbar[hidden],button[hidden]{display:none}
button{font:inherit;font-size:.8rem;border:1px solid var(--line);background:var(--panel);color:var(--fg);border-radius:4px;padding:.05rem .45rem;cursor:pointer}
button:focus-visible,.row:focus-visible,summary:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
.connhead{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem}
.connhead dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.3rem 0 0}
.connhead dt{color:var(--muted)}.connhead dd{margin:0;font-family:var(--mono);font-size:13px;overflow-wrap:anywhere}
.outcome.fail{color:var(--bad);font-weight:bold}.outcome.ok{color:var(--ok)}
.ladderbox{margin:1rem 0;overflow-x:auto}
.ladder text{font-family:var(--sans);font-size:12px;fill:var(--fg)}.ladder .lsub,.ladder .tm{fill:var(--muted);font-family:var(--mono);font-size:11px}
.ladder .lh{font-weight:bold}.ladder .life{stroke:var(--line);stroke-width:2}
.ladder .arr{stroke:var(--accent);stroke-width:1.5}.ladder .ahead{fill:var(--accent)}
.ladder .arr.alert,.ladder .arr.fatal{stroke:var(--bad)}.ladder .lt.alert,.ladder .lt.fatal{fill:var(--bad)}.ladder .lt.fatal{font-weight:bold}
.ladder .arr.tcp{stroke:var(--muted);stroke-dasharray:4 3}
.ladder .arr.plain{stroke:var(--muted)}.ladder .lt.plain{font-family:var(--mono);font-size:11px}
.ladder a:hover text,.ladder a:focus text{text-decoration:underline}
.cell{border:1px solid var(--line);border-radius:6px;margin:1.2rem 0;padding:.7rem .9rem;background:var(--bg)}
.cellhead .dir{color:var(--muted);font-weight:normal;font-size:.85rem;margin:0 .4rem}
.pl{text-decoration:none;color:var(--muted);margin-right:.3rem;font-weight:normal}
.views{display:flex;flex-direction:column;gap:.3rem}
.hexcap{font-size:.8rem;color:var(--muted);margin-top:.4rem}
pre.hex{margin:.2rem 0;padding:.5rem .6rem;background:var(--panel);border-radius:4px;overflow-x:auto;line-height:1.45}
pre.hex .o{color:var(--muted)}pre.hex .skip{color:var(--muted);font-style:italic}
.b.own{text-decoration:underline dotted}
${Array.from({ length: 8 }, (_, i) => `.b.c${i}{background:var(--c${i})}`).join('')}
.b.bad{outline:1px dashed var(--bad)}
.b.lit,.dl.lit{background:var(--lit);color:#000;outline:1px solid var(--lit)}
details.view>summary,details.kb>summary,details.der>summary{cursor:pointer;color:var(--accent);font-size:.9rem;margin:.3rem 0}
.frame{margin:.3rem 0 .8rem}
.ftable{margin:.6rem 0;font-size:13px;overflow-x:auto}
.row{display:grid;grid-template-columns:4.6em 3.4em 11em minmax(14em,1.2fr) minmax(12em,1.5fr) minmax(12em,1fr);gap:0 .6rem;padding:.1rem .2rem;border-bottom:1px solid var(--line);align-items:baseline;min-width:900px}
.row.th{font-weight:bold;color:var(--muted);border-bottom:2px solid var(--line)}
.row .hx{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.row .copy{font-size:10px;padding:0 .3rem;margin-left:.3rem;visibility:hidden}
.row:hover .copy,.row:focus-within .copy,.row.lit .copy{visibility:visible}
.row .off,.row .len,.row .hx{font-family:var(--mono);font-size:12px;color:var(--muted)}
.row .val{font-family:var(--mono);font-size:12px;overflow-wrap:anywhere}
.row .mean{color:var(--muted);font-size:12px}
.row .nm{overflow-wrap:anywhere}
${Array.from({ length: 10 }, (_, i) => `.nm.d${i}{padding-left:${i * 0.9}em}`).join('')}
summary.row{cursor:pointer;list-style:none}summary.row::-webkit-details-marker{display:none}
summary.row .nm::before{content:"▸ ";color:var(--muted)}details[open]>summary.row .nm::before{content:"▾ "}
.row.lit{background:color-mix(in srgb,var(--lit) 30%,transparent)}
.flt{color:var(--muted);font-size:11px;margin-left:.4rem}
.xseg{font-size:11px;color:var(--bad);margin-left:.3rem}
.malformed{color:var(--bad)}
.kbe{border-left:3px solid var(--line);padding:.1rem .7rem;margin:.5rem 0}
.kbe dl{display:grid;grid-template-columns:12em 1fr;gap:.15rem .8rem;margin:.2rem 0;font-size:.88rem}
.kbe dt{color:var(--muted)}.kbe dd{margin:0;overflow-wrap:anywhere}
.kbe code.cmd,.kbe code.flt,.cmdline code{background:var(--panel);padding:.05rem .3rem;border-radius:3px;font-size:12px;color:var(--fg);margin:0}
.ders pre{background:var(--panel);padding:.5rem;border-radius:4px;overflow-x:auto;font-size:12px}
.calct{border-collapse:collapse;width:100%;table-layout:fixed;margin:.4rem 0}
.calct th,.calct td{text-align:left;vertical-align:top;padding:.15rem .6rem .15rem 0;border-bottom:1px solid var(--line)}
.calct th{width:32%;color:var(--muted);font-weight:normal;font-size:.88rem}.calct tr.out th{color:var(--fg);font-weight:bold}
.calct code{word-break:break-all;font-size:12px}
.cmdline code{display:block;white-space:pre-wrap;word-break:break-all;margin:.2rem 0;padding:.3rem .5rem}
.ok{color:var(--ok)}.fail{color:var(--bad)}
.note{border-left:4px solid var(--accent);background:var(--panel);padding:.4rem .9rem;margin:1rem 0;border-radius:0 4px 4px 0}
.shiki-themes{padding:.6rem .8rem;border-radius:4px;overflow-x:auto;background-color:var(--panel);border:1px solid var(--line)}
.shiki-themes span{color:var(--shiki-light)}
@media (prefers-color-scheme:dark){.shiki-themes span{color:var(--shiki-dark)}}
.ftable.compact .row{grid-template-columns:4.6em 3.4em 11em minmax(15em,1.4fr) minmax(12em,1.3fr)}
.row .same{font-family:var(--sans);font-size:11px;margin-left:.4rem}
.folded{color:var(--muted);font-size:.88rem;margin:.3rem 0}
.kbref{color:var(--muted);font-size:.82rem;margin:.3rem 0}
table.adt,table.connidx{border-collapse:collapse;font-size:12px;margin:.4rem 0;width:100%}
table.adt td,table.adt th,table.connidx td,table.connidx th{border-bottom:1px solid var(--line);padding:.1rem .5rem;text-align:left;vertical-align:top}
table.adt th,table.connidx th{color:var(--muted)}table.adt code{font-size:12px}
table.connidx td:nth-child(2),table.connidx td:nth-child(3){font-family:var(--mono)}
.certcard{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:4px;padding:.3rem .8rem;margin:.6rem 0;background:var(--panel)}
.certcard h4{color:var(--fg);margin:.2rem 0 .3rem;overflow-wrap:anywhere}
.certcard dl{display:grid;grid-template-columns:13em 1fr;gap:.1rem .8rem;margin:0;font-size:.86rem}
.certcard dt{color:var(--muted)}.certcard dd{margin:0;overflow-wrap:anywhere}.certcard code{font-size:11px}
.cover{padding-top:2rem}.cover h1{font-size:2.4rem}
ol.toc{padding-left:1.4rem}ol.toc li{display:flex;align-items:baseline;gap:.3rem;margin:.35rem 0}
ol.toc .leader{flex:1;border-bottom:1px dotted var(--muted);min-width:2rem}ol.toc .pg{font-variant-numeric:tabular-nums}
.lessonnav{display:flex;justify-content:space-between;margin:2rem 0 0;padding-top:.6rem;border-top:1px solid var(--line)}
table.md{border-collapse:collapse;margin:.8rem 0}table.md td,table.md th{border:1px solid var(--line);padding:.2rem .5rem}
@media print{
 @page{size:A4;margin:14mm 12mm 16mm}
 :root{--fg:#000;--bg:#fff;--panel:#f3f3f3;--line:#bbb;${palette(LIGHT)}}
 body{font-size:11px}main{max-width:none;padding:0}
 *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
 .toolbar,.copy,.pl{display:none!important}
 details::details-content{content-visibility:visible;display:contents}
 .cell{break-inside:auto;page-break-inside:auto}
 .row{min-width:0;grid-template-columns:4.2em 2.8em 9.5em minmax(12em,1.6fr) minmax(10em,1.2fr)}
 .row .mean{display:none}
 .ftable.compact .row{grid-template-columns:4.2em 2.8em 9.5em minmax(12em,1.6fr) minmax(10em,1.2fr)}
 .ftable{font-size:9.5px}.row{padding:0 .2rem}.row .off,.row .len,.row .hx,.row .val{font-size:9px}.flt{font-size:8px}
 .nm .flt{overflow-wrap:anywhere;word-break:normal}
 h1,h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}
 .note,.calc,tr,p.meta,.hexcap{break-inside:avoid;page-break-inside:avoid}
 p{orphans:3;widows:3}
 code,pre{font-size:10px}pre.hex{line-height:1.35}
 .kbe dl,.certcard dl,.calct th,.sub,.meta,.rfc,.hexcap,.folded,.kbref,.connhead dd{font-size:10px}
 .calct code,.kbe code.cmd,.kbe code.flt,.cmdline code,.certcard code,table.adt,table.connidx,table.adt code{font-size:9px}
 .certcard{break-inside:avoid}
 pre.hex,pre{white-space:pre-wrap;overflow-wrap:anywhere;overflow:visible}
 .pagebreak{break-before:page}
}
`;
