// The dashboard `release collect` serves: one HTML page, drawn on the server from the summary,
// with SVG charts and no script at all (so its CSP allows none). Per channel: a table of
// versions (installs, proofs, failure and crash rates with intervals, p95 by size class, halted
// or not), a chart of the two rates per version with their intervals as whiskers, a chart of
// p95 times, and the halts with why.
import type { HaltRecord, ReleaseHealthRow, ReleaseHealthSummary } from './releaseHealthSummary.js';
import type { RateInterval } from './rateInterval.js';

export const dashboardCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

function rateCell(r: RateInterval): string {
  return `${fmt(r.per100)} <span class="ci">(${fmt(r.low)}–${fmt(r.high)})</span>`;
}

/** Bars for each version's failure and crash rate per 100 proofs, whiskers for the intervals. */
function rateChart(channel: string, rows: ReleaseHealthRow[]): string {
  const width = 640;
  const rowHeight = 34;
  const left = 150;
  const height = rows.length * rowHeight + 30;
  const max = Math.max(1, ...rows.flatMap((r) => [r.failures.high, r.crashes.high]));
  const x = (v: number) => left + (v / max) * (width - left - 20);
  const bars = rows
    .map((r, i) => {
      const y = 10 + i * rowHeight;
      const bar = (rate: RateInterval, dy: number, cls: string, label: string) =>
        `<g class="${cls}" data-version="${esc(r.version)}"><title>${esc(r.version)} ${label}: ${fmt(rate.per100)} per 100 proofs (${fmt(rate.low)}–${fmt(rate.high)})</title>` +
        `<rect x="${left}" y="${y + dy}" width="${Math.max(1, x(rate.per100) - left).toFixed(1)}" height="11"></rect>` +
        `<line x1="${x(rate.low).toFixed(1)}" x2="${x(rate.high).toFixed(1)}" y1="${y + dy + 5.5}" y2="${y + dy + 5.5}" class="whisker"></line></g>`;
      return `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${esc(r.version)}</text>` + bar(r.failures, 0, 'failures', 'failed proofs') + bar(r.crashes, 13, 'crashes', 'crashes');
    })
    .join('');
  const axis = `<text x="${left}" y="${height - 4}">0</text><text x="${width - 20}" y="${height - 4}" text-anchor="end">${fmt(max)} per 100 proofs</text>`;
  return `<svg class="chart rates" role="img" aria-label="Failure and crash rates per version on ${esc(channel)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}${axis}</svg>`;
}

/** p95 prove time per version, one bar per size class. */
function timingChart(channel: string, rows: ReleaseHealthRow[]): string {
  const entries = rows.flatMap((r) => r.timings.map((t) => ({ version: r.version, ...t })));
  if (entries.length === 0) return '<p class="empty">No prove times reported yet.</p>';
  const width = 640;
  const left = 150;
  const rowHeight = 18;
  const height = entries.length * rowHeight + 30;
  const max = Math.max(1, ...entries.map((e) => e.p95Ms));
  const bars = entries
    .map((e, i) => {
      const y = 10 + i * rowHeight;
      const w = Math.max(1, (e.p95Ms / max) * (width - left - 80));
      return (
        `<g class="p95" data-version="${esc(e.version)}"><title>${esc(e.version)} 2^${e.domainPower}: p95 ${e.p95Ms} ms over ${e.proofs} proofs</title>` +
        `<text x="${left - 8}" y="${y + 11}" text-anchor="end">${esc(e.version)} · 2^${e.domainPower}</text>` +
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="13"></rect><text x="${(left + w + 6).toFixed(1)}" y="${y + 11}">${e.p95Ms} ms</text></g>`
      );
    })
    .join('');
  return `<svg class="chart timings" role="img" aria-label="p95 prove time per version and size on ${esc(channel)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg>`;
}

function haltOf(halts: HaltRecord[], row: ReleaseHealthRow): HaltRecord | undefined {
  return halts.find((h) => h.channel === row.channel && h.version.split(',').includes(row.version));
}

function channelSection(channel: string, rows: ReleaseHealthRow[], halts: HaltRecord[]): string {
  const body = rows
    .map((r) => {
      const halt = haltOf(halts, r);
      const timing = r.timings.map((t) => `2^${t.domainPower}: ${t.p95Ms} ms`).join(', ') || '–';
      const codes = r.topFailureCodes.map((c) => `${esc(c.code)} ×${c.count}`).join(', ') || '–';
      return (
        `<tr data-version="${esc(r.version)}"${halt ? ' class="halted"' : ''}><th scope="row">${esc(r.version)}</th><td class="installs">${r.installs}</td><td class="proofs">${r.proofs}</td>` +
        `<td class="failure-rate">${rateCell(r.failures)}</td><td class="crash-rate">${rateCell(r.crashes)}</td><td>${esc(timing)}</td><td>${codes}</td>` +
        `<td class="status">${halt ? `halted (${esc(halt.by)})` : 'rolling out'}</td></tr>`
      );
    })
    .join('');
  return (
    `<section class="channel" data-channel="${esc(channel)}" aria-labelledby="channel-${esc(channel)}"><h2 id="channel-${esc(channel)}">${esc(channel)}</h2>` +
    `<table><thead><tr><th scope="col">Version</th><th scope="col">Installs reporting</th><th scope="col">Proofs</th>` +
    `<th scope="col">Failed per 100 proofs (95 % interval)</th><th scope="col">Crashes per 100 proofs (95 % interval)</th><th scope="col">p95 prove time</th>` +
    `<th scope="col">Commonest failures</th><th scope="col">Rollout</th></tr></thead><tbody>${body}</tbody></table>` +
    `<h3>Failure and crash rates</h3><p class="legend"><span class="key failures"></span> failed proofs <span class="key crashes"></span> crashes and out-of-memory stops; the line across each bar is its 95 % interval.</p>${rateChart(channel, rows)}` +
    `<h3>p95 prove time</h3>${timingChart(channel, rows)}</section>`
  );
}

export function renderHealthDashboard(summary: ReleaseHealthSummary): string {
  const channels = [...new Set(summary.releases.map((r) => r.channel))];
  const sections = channels.map((c) => channelSection(c, summary.releases.filter((r) => r.channel === c), summary.halts)).join('');
  const halts = summary.halts.length
    ? `<ul class="halts">${summary.halts.map((h) => `<li data-version="${esc(h.version)}"><time>${esc(h.at)}</time> ${esc(h.channel)} ${esc(h.version)} halted by <code>${esc(h.by)}</code>${h.why ? `: ${esc(h.why)}` : ''}</li>`).join('')}</ul>`
    : '<p class="empty">No rollout has been halted.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zkdesk release health</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #d8dce4; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
tr.halted th, tr.halted td { background: #fdecea; }
.ci { color: #5b6475; }
.chart text { font-size: 11px; fill: #1d2330; }
.failures rect, .key.failures { fill: #c0392b; background: #c0392b; }
.crashes rect, .key.crashes { fill: #8e44ad; background: #8e44ad; }
.p95 rect { fill: #2471a3; }
.whisker { stroke: #1d2330; stroke-width: 2; }
.key { display: inline-block; width: 0.8em; height: 0.8em; margin: 0 0.2em 0 0.8em; }
.empty { color: #5b6475; }
</style></head>
<body><main><h1>zkdesk release health</h1>
<p>From the health reports installs sent (opt-in). Generated ${esc(summary.generatedAt)}. Rates are per 100 proofs with a 95 % Wilson interval; p95 is the installs' p95s weighted by their proofs.</p>
${sections || '<p class="empty">No reports received yet.</p>'}
<section aria-labelledby="halted-title"><h2 id="halted-title">Halted rollouts</h2>${halts}</section>
</main></body></html>
`;
}
