/**
 * The page's stylesheet. System fonts only (a web font would be a request). Grade colours follow
 * the terminal report (green, yellow, red, cyan, grey, magenta) as light tints with dark text, and
 * every cell also says its grade in words, so nothing depends on telling colours apart.
 *
 * Each row of the matrix is its own grid (a `<summary>` cannot sit in a table), so all rows share
 * one column template; `targets` sets its number of target columns.
 */

const GRADE_COLOURS: readonly (readonly [string, string, string])[] = [
  // class, background, text (also the border of a result block)
  ['pass', '#d4f1da', '#0c5a1e'],
  ['non-strict', '#fcecad', '#654700'],
  ['fail', '#fbd1d1', '#9d1111'],
  ['info', '#d0edf7', '#08566e'],
  ['unimplemented', '#e3e5e9', '#474c55'],
  ['skipped', '#f1f1f2', '#62666d'],
  ['error', '#f0d5f6', '#72118a'],
];

const BASE = `
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{color-scheme:light}
body{margin:0;padding:0 1.25rem 3rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2025;background:#fff}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
h1{font-size:1.35rem;margin:1rem 0 .15rem;overflow-wrap:anywhere}
nav.toc{margin:.3rem 0 0;font-size:.85rem}
nav.toc a{color:#1f4fb8;margin-right:.9rem}
h2{font-size:1.05rem;margin:1.25rem 0 .5rem}
.meta{margin:0;color:#5b626c}
.scroll{overflow-x:auto}
table.grid{border-collapse:collapse}
table.grid th,table.grid td{border:1px solid #d8dce2;padding:.3rem .55rem;text-align:left;vertical-align:top}
table.grid thead th{background:#f3f5f7;font-size:.8rem}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.when{white-space:nowrap}
td.zero{color:#a0a5ad;text-align:right}
.tname{font-weight:600}
.url{color:#5b626c}
.targets{margin-top:.5rem}
.targets summary{cursor:pointer;color:#1f4fb8}
.target h3{font-size:.95rem;margin:.75rem 0 .25rem}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.4rem 0}
dl.kv dt{color:#5b626c}
dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}
code.kw{background:#eef1f4;border-radius:3px;padding:0 .25rem;margin-right:.15rem}
.legend{display:grid;grid-template-columns:repeat(auto-fill,minmax(25rem,1fr));gap:.25rem 1.25rem;margin:0;font-size:.8rem}
.legend div{display:flex;gap:.5rem;align-items:baseline}
.legend dd{margin:0;color:#3d434b}
.badge{display:inline-block;flex:none;min-width:7.6rem;text-align:center;border-radius:3px;padding:0 .35rem;font-size:.72rem;font-weight:700;letter-spacing:.02em}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:1.25rem 0 .5rem;padding:.6rem .75rem;background:#f3f5f7;border:1px solid #d8dce2;border-radius:4px}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}
.filters legend{float:left;margin-right:.3rem}
.chip{border-radius:3px;padding:.1rem .4rem;font-size:.75rem;font-weight:600;cursor:pointer;white-space:nowrap}
.chip.zero{opacity:.55}
.chip .n,.dis .n,.sec-h .n{font-weight:400;color:#5b626c}
.filters output{margin-left:auto;color:#5b626c}
.filters select,.filters input[type=search],.filters button{font:inherit;font-size:.85rem}
.matrix{--cols:minmax(20rem,1fr) 5.6rem repeat(var(--targets),minmax(6.8rem,12rem));min-width:calc(26rem + var(--targets) * 6.8rem)}
.row{display:grid;grid-template-columns:var(--cols);align-items:stretch}
.mhead{position:sticky;top:0;z-index:2;background:#2a2f37;color:#fff;font-weight:600;font-size:.8rem}
.mhead>span{padding:.4rem .55rem;overflow-wrap:anywhere;align-self:end}
.mhead .tcol{text-align:center;border-left:1px solid #4a515c}
.rfc-h{margin:1.1rem 0 0;padding:.3rem .55rem;background:#e7ebf0;font-size:1rem}
.sec-h{margin:0;padding:.35rem .55rem .2rem;font-size:.85rem;color:#3d434b;border-bottom:1px solid #d8dce2}
.sec-h b{color:#1d2025}
details.check{border-bottom:1px solid #e4e7eb;scroll-margin-top:5.5rem}
summary.row{list-style:none;cursor:pointer}
summary.row::-webkit-details-marker{display:none}
summary.row:hover{background:#f7f9fb}
summary.row:focus-visible{outline:2px solid #2463eb;outline-offset:-2px}
details.check:target>summary{box-shadow:inset 4px 0 #2463eb}
.c-check{padding:.3rem .55rem .3rem 1.4rem;position:relative;min-width:0;overflow-wrap:anywhere}
summary .c-check::before{content:"▸";position:absolute;left:.45rem;top:.3rem;color:#6b727c;transition:transform .1s}
details[open]>summary .c-check::before{transform:rotate(90deg)}
.slug{color:#1d2025;font-weight:600}
.title{color:#3d434b}
.c-level{padding:.3rem .4rem;font-size:.72rem;font-weight:700;align-self:center}
.lvl-must{color:#9d1111}
.lvl-should{color:#7a5200}
.lvl-may{color:#1f4fb8}
.lvl-info{color:#5b626c}
.cell{display:flex;flex-direction:column;align-items:center;justify-content:center;font-size:.72rem;font-weight:700;border-left:2px solid #fff;padding:.15rem .25rem;line-height:1.2}
.cell small{font-weight:400;opacity:.8;font-size:.68rem}
.body{padding:.4rem .75rem .9rem 1.4rem;background:#fbfcfd;border-top:1px dashed #d8dce2}
.req{margin:.3rem 0;font-size:.95rem}
.req .lvl{font-weight:700;margin-right:.3rem}
.results{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr))}
.res{border:1px solid #d8dce2;border-left-width:5px;border-radius:3px;padding:.35rem .6rem;background:#fff;min-width:0}
.res h4{margin:.1rem 0 .2rem;font-size:.85rem;display:flex;gap:.5rem;align-items:baseline}
.res .ms{color:#5b626c;font-weight:400;margin-left:auto}
ul.alts{margin:0;padding-left:1.1rem}
code.actual{white-space:pre-wrap}
.reason{white-space:pre-wrap}
pre.transcript{margin:.4rem 0 0;padding:.45rem .55rem;max-height:26rem;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f7f9;border:1px solid #e1e4e8;border-radius:3px;line-height:1.4}
.ts{color:#1848a8}
.tr{color:#17622a}
.tls{background:#f1ecfb}
.te{color:#6f757e;font-style:italic}
.tf{color:#8a5a00;font-style:italic}
.none{color:#5b626c;font-style:italic;margin:.3rem 0}
.empty{padding:1rem;color:#5b626c}
.ext-table td.ext{font-size:.8rem}
.ext-yes{background:#eef8f0}
.ext-no{background:#f6f6f7;color:#6a6d73}
.ext .beh{color:#3d434b}
.g-none,.b-none{background:repeating-linear-gradient(45deg,#fafafa 0 6px,#efefef 6px 12px);color:#80858c}
`;

function gradeRules(): string {
  return GRADE_COLOURS.map(([cls, bg, fg]) => `.g-${cls}{background:${bg};color:${fg}}\n.b-${cls}{border-left-color:${fg}}`).join('\n');
}

const RULES = `${BASE.trim()}\n${gradeRules()}\n`;

export function htmlStyle(targets: number): string {
  return `.matrix{--targets:${Math.max(1, Math.floor(targets))}}\n${RULES}`;
}
