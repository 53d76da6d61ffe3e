package main

import "html/template"

// reportTemplate is the report's page: one file, its style sheet inline,
// no script, no font, image or link to anything outside it. html/template
// escapes every text from the scenario; the SVG pictures are cascade's.
var reportTemplate = template.Must(template.New("report").Parse(reportHTML))

const reportHTML = `<!DOCTYPE html>
<html lang="en"{{if .Large}} class="large"{{end}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cascade {{.Version}}">
<title>{{.Name}} — cascade report</title>
<style>
:root { --ink: #1d2330; --muted: #5a6475; --rule: #d5dae3; --band: #f3f5f8; --accent: #1f5fa8;
  --ok: #17663a; --ok-bg: #e3f4e8; --fail: #a3161c; --fail-bg: #fbe4e4; --warn: #7a5200; --warn-bg: #fdf0d2;
  --input: #55606f; --calibrated: #7a4a00; --emergent: #1f5fa8; }
* { box-sizing: border-box; }
html { font-size: 16px; -webkit-text-size-adjust: 100%; }
html.large { font-size: 24px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
header.top { background: #1d2330; color: #fff; padding: 1.5rem 0 1.25rem; }
header.top .inner { padding: 0 1rem; }
header.top .inner, main, nav .inner, footer { max-width: 80rem; margin: 0 auto; }
header.top h1 { margin: 0 0 .25rem; font-size: 1.9rem; line-height: 1.2; overflow-wrap: anywhere; }
header.top p.headline { margin: 0; font-size: 1.15rem; color: #d8deea; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--rule); }
nav .inner { display: flex; gap: .25rem 1rem; padding: .5rem 1rem; overflow-x: auto; white-space: nowrap; }
nav a { color: var(--accent); text-decoration: none; font-size: .95rem; }
nav a:hover { text-decoration: underline; }
main { padding: 0 1rem 2rem; }
section { padding-top: 1.5rem; }
h2 { font-size: 1.45rem; margin: 0 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); scroll-margin-top: 3rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; max-width: 60rem; }
.muted { color: var(--muted); }
.description { overflow-wrap: anywhere; max-width: 60rem; }
.verdict { font-size: 1.25rem; font-weight: 600; margin: .75rem 0; padding: .75rem 1rem; background: var(--band); border-left: 4px solid var(--accent); max-width: 60rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; border: 1px solid var(--rule); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); font-weight: 600; white-space: nowrap; }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 0; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.wide { min-width: 16rem; }
td.kind, td.name { white-space: nowrap; }
td.param code { white-space: nowrap; overflow-wrap: normal; }
tr.documented td { background: #f6f1fa; }
th[scope=row] { text-align: left; font-weight: 600; }
td.note, .note { color: var(--muted); font-size: .9em; }
code, .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .85em; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.badge.emergent { color: var(--emergent); }
.badge.calibrated { color: var(--calibrated); }
.badge.input { color: var(--input); }
.badge.documented { color: var(--ok); }
.badge.estimate { color: var(--calibrated); }
.badge.set { color: var(--accent); }
.ok { color: var(--ok); background: var(--ok-bg); }
.fail { color: var(--fail); background: var(--fail-bg); }
.warn { color: var(--warn); background: var(--warn-bg); }
td.ok, td.fail, td.warn { font-weight: 600; white-space: nowrap; }
td.sig { background: #eef4fb; }
figure { margin: 1rem 0 1.5rem; }
figure svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .35rem; }
.topology .scroll { border: 0; }
.topology .scroll svg { max-width: none; }
footer { padding: 1rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
html.large table { font-size: .9rem; }
html.large nav a { font-size: .85rem; }
html.large figure.plot svg { width: 100%; }
@media (max-width: 40rem) {
  header.top h1 { font-size: 1.5rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .35rem; }
  .verdict { font-size: 1.1rem; }
  table { font-size: .9rem; }
  td.wide { min-width: 13rem; }
  td.kind, td.name { white-space: normal; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, html.large { font-size: 10.5pt; }
  nav, .screen { display: none; }
  header.top { background: none; color: var(--ink); padding: 0 0 .5rem; border-bottom: 2px solid var(--ink); }
  header.top .inner { padding: 0; }
  header.top p.headline { color: var(--muted); }
  main { padding: 0; }
  section { padding-top: .8rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .scroll { overflow: visible; border: 0; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure, .verdict, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-height: 235mm; width: auto; margin: 0 auto; }
  .topology .scroll svg { max-width: 100%; }
  td.wide { min-width: 0; }
  a { color: inherit; text-decoration: none; }
  .ok, .fail, .warn, td.sig { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header class="top"><div class="inner">
<h1>{{.Name}}</h1>
<p class="headline">{{.Headline}}</p>
</div></header>
<nav aria-label="sections"><div class="inner">
<a href="#summary">Summary</a>
<a href="#topology">Topology</a>
{{if .Checks}}<a href="#checks">Documented vs simulated</a>{{end}}
<a href="#timeline">Timeline</a>
<a href="#plots">Plots</a>
{{if .Params}}<a href="#params">Params</a>{{end}}
{{if .WhatIf}}<a href="#whatif">What-ifs</a>{{end}}
{{if .Compare}}<a href="#compare">Comparison</a>{{end}}
</div></nav>
<main>
<section id="summary">
<h2>Summary</h2>
<p class="verdict">{{.Verdict}}</p>
{{range .Description}}<p class="description">{{.}}</p>
{{end}}
<dl class="facts">
{{range .Facts}}<dt>{{.Name}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
<h3>Populations</h3>
<div class="scroll"><table>
<thead><tr><th>population</th><th>users</th><th>requests</th><th>availability</th><th>lowest in a step</th><th>p99 latency</th><th>impacted users</th><th>outage</th><th>note</th></tr></thead>
<tbody>
{{range .Populations}}<tr><td>{{.Name}}</td><td class="num">{{.Users}}</td><td class="num">{{.Requests}}</td><td class="num">{{.Availability}}</td><td class="num">{{.MinAvailability}}</td><td class="num">{{.P99}}</td><td class="num">{{.Impacted}}</td><td class="num">{{.Outage}}</td><td class="note">{{.Note}}</td></tr>
{{end}}</tbody></table></div>
</section>

<section id="topology">
<h2>Topology</h2>
<figure class="topology"><div class="scroll">{{.Topology}}</div>
<figcaption>Populations, components and their calls, the network and the sites; the faults in red.{{if .TopologyWide}}<span class="screen"> Drawn at its own size: scroll the picture sideways for the rest.</span>{{end}}</figcaption></figure>
</section>

{{if .Checks}}<section id="checks">
<h2>Documented vs simulated</h2>
<p>{{.ChecksNote}}</p>
<div class="scroll"><table>
<thead><tr><th>figure</th><th>kind</th><th>documented</th><th>simulated</th><th>tolerance</th><th>check</th><th>source</th><th>rests on</th></tr></thead>
<tbody>
{{range .Checks}}<tr><td class="name">{{.Name}}</td><td class="kind"><span class="badge {{.Kind}}">{{.Kind}}</span></td><td class="num">{{.Documented}}</td><td class="num">{{.Simulated}}</td><td class="num">{{.Tolerance}}</td><td class="{{.ResultClass}}">{{.Result}}</td><td class="wide">{{.Source}}{{if .Note}}<br><span class="note">{{.Note}}</span>{{end}}</td><td class="wide note">{{.Basis}}</td></tr>
{{end}}</tbody></table></div>
</section>
{{end}}
<section id="timeline">
<h2>Timeline</h2>
{{if .Timeline}}<h3>Documented moments</h3>
<div class="scroll"><table>
<thead><tr><th>documented</th><th>moment</th><th>simulated</th><th>difference</th><th>evidence</th><th>source</th></tr></thead>
<tbody>
{{range .Timeline}}<tr><td class="time">{{.Documented}}</td><td class="name">{{.Name}}</td><td class="time">{{.Simulated}}</td><td class="time">{{.Diff}}</td><td>{{if .Evidence}}<span class="badge {{.Evidence}}">{{.Evidence}}</span>{{end}}</td><td class="wide">{{.Source}}{{if .Basis}}<br><span class="note">rests on: {{.Basis}}</span>{{end}}{{if .Note}}<br><span class="note">{{.Note}}</span>{{end}}</td></tr>
{{end}}</tbody></table></div>
{{end}}<h3>The simulated story</h3>
<div class="scroll"><table>
<thead><tr><th>time</th><th>kind</th><th>what happened</th><th>availability and load then</th></tr></thead>
<tbody>
{{range .Story}}<tr{{if eq .Kind "documented"}} class="documented"{{end}}><td class="time">{{.At}}</td><td class="kind">{{.Kind}}</td><td class="wide">{{if .Who}}<b>{{.Who}}</b>: {{end}}{{.Text}}</td><td class="note">{{.State}}</td></tr>
{{end}}</tbody></table></div>
</section>

<section id="plots">
<h2>Plots</h2>
{{range .Plots}}<figure class="plot">{{.SVG}}<figcaption>{{.Title}}</figcaption></figure>
{{end}}</section>

{{if .Params}}<section id="params">
<h2>Params</h2>
<p>Where each value comes from: <span class="badge documented">documented</span> with its source, <span class="badge estimate">estimate</span> when nobody published it, or <span class="badge set">set for this run</span> by an override.</p>
<div class="scroll"><table>
<thead><tr><th>param</th><th>value</th><th>unit</th><th>from</th><th>what it is</th></tr></thead>
<tbody>
{{range .Params}}<tr><td class="param"><code>{{.Name}}</code></td><td class="num">{{.Value}}{{if .Default}}<br><span class="note">default {{.Default}}</span>{{end}}</td><td>{{.Unit}}</td><td><span class="badge {{.FromClass}}">{{.From}}</span>{{if .Source}}<br><span class="note">{{.Source}}</span>{{end}}</td><td class="wide">{{.Description}}</td></tr>
{{end}}</tbody></table></div>
</section>
{{end}}
{{with .WhatIf}}<section id="whatif">
<h2>What-ifs</h2>
<p>The main run beside each what-if (the same scenario and seed unless a run folder says otherwise).</p>
<div class="scroll"><table>
<thead><tr><th></th>{{range .Runs}}<th>{{.Label}}{{if .Sets}}<br><code class="note">{{.Sets}}</code>{{end}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row">{{.Name}}{{if .Kind}} <span class="badge {{.Kind}}">{{.Kind}}</span>{{end}}</th>{{range .Cells}}<td class="{{.Class}}">{{.Text}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
{{range .Runs}}{{if .Plots}}<h3>What-if: {{.Label}}</h3>
{{range .Plots}}<figure class="plot">{{.SVG}}<figcaption>{{.Title}}</figcaption></figure>
{{end}}{{end}}{{end}}</section>
{{end}}
{{with .Compare}}<section id="compare">
<h2>Comparison</h2>
<p>From the folder <code>{{.Folder}}</code> (cascade compare): scenario {{.Scenario}}, {{.Reps}} replications per variant on the baseline's seeds (study seed {{.Seed}}); under each variant's mean, its difference from the baseline over paired runs and the 95% interval of that difference. Shaded: the interval excludes 0. A check's row is the share of runs in which it held.</p>
<div class="scroll"><table>
<thead><tr><th>figure</th><th>baseline</th>{{range .Variants}}<th>{{.Name}}{{if .Sets}}<br><code class="note">{{.Sets}}</code>{{end}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row"><code>{{.Figure}}</code></th><td class="num">{{.Baseline}}</td>{{range .Cells}}<td class="num {{.Class}}">{{.Mean}}{{if .Diff}}<br><span class="note">{{.Diff}}{{if .Interval}} ({{.Interval}}){{end}}</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
</section>
{{end}}</main>
<footer>Written by cascade {{.Version}} (<code>cascade report</code>). The same scenario, seed and cascade version give the same page.</footer>
</body>
</html>
`
