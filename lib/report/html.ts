// report.html: one self-contained file (inline CSS and JS, no fetch), readable from file:// and on paper.
import type { ResultsFile } from '../types.ts';
import { jsonChunks } from './stream.ts';
import { sortFailuresFirst } from './summary.ts';

/** JSON safe inside <script>: no "</script>", no "<!--", no U+2028/2029 surprises. */
export function jsonForScript(v: unknown): string {
  return scriptSafe(JSON.stringify(v));
}
/** the escaping of jsonForScript, character by character: applied to chunks it gives the same text */
const scriptSafe = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const CSS = `
:root{--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--error:#8250df;--skip:#6e7781;--waived:#0969da;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328}
body{margin:0 auto;max-width:1400px;padding:16px}h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.1em;margin:18px 0 6px}
.meta{color:#59636e;font-size:.9em}.counts{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}
.count{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;min-width:70px}.count b{display:block;font-size:1.5em}
.s-pass{color:var(--pass)}.s-fail{color:var(--fail)}.s-warn{color:var(--warn)}.s-error{color:var(--error)}.s-skip{color:var(--skip)}.s-waived{color:var(--waived)}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:.8em;font-weight:600;color:#fff}
.b-pass{background:var(--pass)}.b-fail{background:var(--fail)}.b-warn{background:var(--warn)}.b-error{background:var(--error)}.b-skip{background:var(--skip)}.b-waived{background:var(--waived)}
.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:center;position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid #d0d7de;z-index:1}
select,input{font:inherit;padding:3px 6px}table.matrix{border-collapse:collapse;font-size:.75em}
.matrix th,.matrix td{border:1px solid #d0d7de;padding:2px 4px;text-align:center;white-space:nowrap}.matrix td.c{cursor:pointer;color:#fff;font-weight:600}
.matrix th.h{writing-mode:vertical-rl;transform:rotate(180deg);max-height:12em}
details.r{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:6px 10px}details.r summary{cursor:pointer}
pre{background:#f6f8fa;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:4px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:#59636e}dd{margin:0}
button{font:inherit}.more{margin:8px 0}
@media print{.filters,.more,button{display:none}details.r{break-inside:avoid}details.r:not([open]) > *:not(summary){display:block}}
`;

const JS = `
(function(){
const data = JSON.parse(document.getElementById('kv-data').textContent);
const ORDER = ['error','fail','warn','waived','skip','pass'];
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const roles = Object.fromEntries(data.hosts.map((h) => [h.name, h.roles || []]));
const f = { status: '', host: '', phase: '', severity: '', role: '', q: '' };
let limit = 200;
function fill(id, values) { const el = $(id); for (const v of values) { const o = document.createElement('option'); o.value = v; o.textContent = v; el.appendChild(o); } }
fill('#f-status', ORDER); fill('#f-host', [...new Set(data.results.map((r) => r.host))].sort());
fill('#f-phase', data.phases); fill('#f-severity', ['error','warn']); fill('#f-role', ['control-plane','worker','registry']);
function match(r) {
  if (f.status && r.status !== f.status) return false;
  if (f.host && r.host !== f.host) return false;
  if (f.phase && r.phase !== f.phase) return false;
  if (f.severity && r.severity !== f.severity) return false;
  if (f.role && !(roles[r.host] || []).includes(f.role)) return false;
  if (f.q) { const t = (r.id + ' ' + r.host + ' ' + r.title + ' ' + r.observed + ' ' + r.expected + ' ' + (r.reason||'') + ' ' + r.evidence.join(' ')).toLowerCase(); if (!t.includes(f.q)) return false; }
  return true;
}
function render() {
  const rs = data.results.filter(match);
  const counts = Object.fromEntries(ORDER.map((s) => [s, 0])); for (const r of rs) counts[r.status]++;
  for (const s of ORDER) $('#c-' + s).textContent = counts[s];
  $('#c-total').textContent = rs.length;
  const list = $('#results'); list.innerHTML = '';
  for (const r of rs.slice(0, limit)) {
    const d = document.createElement('details'); d.className = 'r'; d.id = 'r-' + r.id + '-' + r.host; d.dataset.testid = 'result-row'; d.dataset.status = r.status; d.dataset.host = r.host;
    d.innerHTML = '<summary><span class="badge b-' + r.status + '">' + r.status.toUpperCase() + '</span> <b>' + esc(r.id) + '</b> [' + esc(r.host) + '] ' + esc(r.title) + '</summary>' +
      '<dl><dt>observed</dt><dd>' + esc(r.observed) + '</dd><dt>expected</dt><dd>' + esc(r.expected) + '</dd>' + (r.reason ? '<dt>reason</dt><dd>' + esc(r.reason) + '</dd>' : '') +
      '<dt>severity</dt><dd>' + esc(r.severity) + '</dd><dt>phase</dt><dd>' + esc(r.phase) + ' / ' + esc(r.group) + '</dd><dt>source</dt><dd>' + esc(r.source) + '</dd>' +
      (r.waiver ? '<dt>waiver</dt><dd>' + esc(r.waiver.reason) + (r.waiver.approver ? ' — ' + esc(r.waiver.approver) : '') + (r.waiver.expires ? ' (until ' + esc(r.waiver.expires) + ')' : '') + (r.waiver.expired ? ' <b>EXPIRED</b>' : '') + '</dd>' : '') + '</dl>' +
      (r.evidence.length ? '<div>evidence</div><pre>' + esc(r.evidence.join('\\n')) + '</pre>' : '') +
      (r.status !== 'pass' ? '<div>remediation</div><pre>' + esc(r.remediation) + '</pre>' : '');
    list.appendChild(d);
  }
  $('#more').style.display = rs.length > limit ? '' : 'none';
  $('#more').textContent = 'Show more (' + (rs.length - limit) + ' hidden)';
}
for (const k of ['status','host','phase','severity','role']) $('#f-' + k).addEventListener('change', (e) => { f[k] = e.target.value; limit = 200; render(); });
$('#f-q').addEventListener('input', (e) => { f.q = e.target.value.toLowerCase(); limit = 200; render(); });
$('#more').addEventListener('click', () => { limit += 500; render(); });
// requirement x host matrix
const ids = [...new Set(data.results.map((r) => r.id))]; const hosts = [...new Set(data.results.map((r) => r.host))];
const cell = new Map(data.results.map((r) => [r.id + '\\u0000' + r.host, r]));
let html = '<tr><th></th>' + hosts.map((h) => '<th class="h">' + esc(h) + '</th>').join('') + '</tr>';
for (const id of ids) { html += '<tr><th>' + esc(id) + '</th>' + hosts.map((h) => { const r = cell.get(id + '\\u0000' + h); return r ? '<td class="c b-' + r.status + '" title="' + esc(r.status + ': ' + r.observed) + '" data-id="' + esc(id) + '" data-host="' + esc(h) + '">' + r.status[0].toUpperCase() + '</td>' : '<td></td>'; }).join('') + '</tr>'; }
$('#matrix').innerHTML = html;
$('#matrix').addEventListener('click', (e) => { const t = e.target.closest('td.c'); if (!t) return; f.host = t.dataset.host; $('#f-host').value = f.host; f.q = t.dataset.id.toLowerCase(); $('#f-q').value = t.dataset.id; render(); const d = document.getElementById('r-' + t.dataset.id + '-' + t.dataset.host); if (d) { d.open = true; d.scrollIntoView(); } });
window.addEventListener('beforeprint', () => { limit = Infinity; render(); document.querySelectorAll('details.r').forEach((d) => d.open = true); });
render();
})();
`;

export function toHtml(file: ResultsFile): string {
  return [...htmlChunks(file)].join('');
}

/** report.html as chunks: the page, then the results' JSON one result at a time (lib/report/write.ts streams them). */
export function* htmlChunks(file: ResultsFile): Generator<string> {
  const data = { ...file, results: sortFailuresFirst(file.results) };
  const p = file.profile as Record<string, unknown>;
  const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const counts = ['error', 'fail', 'warn', 'waived', 'skip', 'pass']
    .map((s) => `<div class="count s-${s}" data-testid="count-${s}"><b id="c-${s}">${file.summary[s as keyof typeof file.summary]}</b>${s}</div>`)
    .join('');
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>kubeadm-verify report</title><style>${CSS}</style></head>
<body>
<h1>kubeadm-verify report</h1>
<div class="meta">phases ${esc(file.phases.join(', '))} · Kubernetes ${esc(p.kubernetesVersion)} · ${file.hosts.length} host(s) · started ${esc(file.startedAt)} · finished ${esc(file.finishedAt)} · kubeadm-verify ${esc(file.tool.version)}</div>
<div class="counts" data-testid="summary">${counts}<div class="count" data-testid="count-total"><b id="c-total">${file.summary.total}</b>shown</div></div>
<div class="filters">
<label>status <select id="f-status" data-testid="filter-status"><option value="">all</option></select></label>
<label>host <select id="f-host" data-testid="filter-host"><option value="">all</option></select></label>
<label>phase <select id="f-phase" data-testid="filter-phase"><option value="">all</option></select></label>
<label>severity <select id="f-severity" data-testid="filter-severity"><option value="">all</option></select></label>
<label>role <select id="f-role" data-testid="filter-role"><option value="">all</option></select></label>
<input id="f-q" type="search" placeholder="search ID, host, evidence…" data-testid="search">
</div>
${file.changes ? `<h2>Changes since the compared run</h2><table class="matrix" data-testid="changes">${file.changes.length ? file.changes.map((c) => `<tr><td class="c b-${c.kind === 'regression' ? 'fail' : c.kind === 'fixed' ? 'pass' : c.kind === 'waived' ? 'waived' : 'skip'}">${esc(c.kind)}</td><th>${esc(c.id)}</th><td>${esc(c.host)}</td><td>${esc(c.from ?? '—')} → ${esc(c.to ?? '—')}</td></tr>`).join('') : '<tr><td>no change</td></tr>'}</table>` : ''}
${file.unusedWaivers?.length ? `<h2>Waivers that matched nothing</h2><ul>${file.unusedWaivers.map((w) => `<li>${esc(w.id)} [${esc(w.host)}]: ${esc(w.reason)}</li>`).join('')}</ul>` : ''}
<h2>Results (failures first)</h2>
<div id="results"></div><button id="more" class="more" data-testid="show-more">Show more</button>
<h2>Requirement × host</h2>
<details open><summary>matrix</summary><div style="overflow:auto"><table class="matrix" id="matrix"></table></div></details>
<h2>Hosts</h2>
<table class="matrix">${file.hosts.map((h) => `<tr><th>${esc(h.name)}</th><td>${esc(h.address)}</td><td>${esc(h.roles.join(', '))}</td><td>${h.reachable ? 'probed' : `<span class="s-error">not probed: ${esc(h.error)}</span>`}</td><td>${h.probeMs ?? ''} ms</td></tr>`).join('')}</table>
<h2>Profile</h2><pre>${esc(JSON.stringify(p, null, 2))}</pre>
<script type="application/json" id="kv-data">`;
  for (const c of jsonChunks(data)) yield scriptSafe(c);
  yield `</script>
<script>${JS}</script>
</body></html>
`;
}
