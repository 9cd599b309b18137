// consent-gate dashboard: asks for the admin token once per tab, reads
// GET /stats with it and draws the figures. Every value reaches the page
// through textContent or an SVG attribute, never as markup.

const TOKEN_KEY = 'consent-gate.dashboard.token';
const SVG = 'http://www.w3.org/2000/svg';
const CHART = { width: 720, height: 260, left: 52, right: 16, top: 16, bottom: 40 };
const CONSENT_KINDS = [
  ['acceptAll', 'Accepted all'],
  ['rejectAll', 'Rejected all'],
  ['custom', 'Chose categories'],
  ['gpc', 'Refused by GPC signal'],
];

const number = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const $ = (id) => document.getElementById(id);

// sessionStorage may be unavailable (privacy settings): the page then asks again on reload.
const tokenStore = {
  get: () => {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set: (token) => {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* kept in memory only */
    }
  },
  clear: () => {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* nothing stored */
    }
  },
};

let token = tokenStore.get();

function showMessage(text) {
  $('message').textContent = text;
}

function showLogin() {
  $('stats').hidden = true;
  $('sign-out').hidden = true;
  $('login').hidden = false;
}

function signOut(message = '') {
  token = null;
  tokenStore.clear();
  clearFigures();
  showLogin();
  showMessage(message);
  $('token').value = '';
  $('token').focus();
}

/** Load and show the statistics of `range` ({ from, to } or {} for the default). */
async function load(range = {}, { focus = false } = {}) {
  const query = new URLSearchParams(Object.entries(range).filter(([, v]) => v));
  $('status').textContent = 'Loading…';
  let response;
  try {
    response = await fetch(`stats${String(query) ? `?${query}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch (error) {
    $('status').textContent = '';
    showMessage(`The collector could not be reached: ${error.message}`);
    return;
  }
  const body = await response.json().catch(() => ({}));
  $('status').textContent = '';
  if (response.status === 401) {
    signOut('The admin token was refused. Check it and try again.');
    return;
  }
  if (!response.ok) {
    showMessage(`The statistics could not be loaded: ${body.error ?? `HTTP ${response.status}`}`);
    return;
  }
  tokenStore.set(token);
  showMessage('');
  $('login').hidden = true;
  $('stats').hidden = false;
  $('sign-out').hidden = false;
  render(body);
  if (focus) $('overview-title').focus();
}

function render(stats) {
  $('from').value = stats.from;
  $('to').value = stats.to;
  $('status').textContent = `Showing ${stats.from} to ${stats.to} (${stats.days.length} days).`;
  for (const dd of document.querySelectorAll('[data-stat]')) {
    const key = dd.dataset.stat;
    if (key === 'avgVisitSeconds') dd.textContent = duration(stats.avgVisitSeconds);
    else if (key === 'consents') dd.textContent = number.format(stats.consents.total);
    else dd.textContent = number.format(stats[key]);
  }
  drawChart(stats);
  fillTable(
    'days-table',
    stats.days.map((day, i) => [day.date, day.visitors, day.pageviews, stats.consents.days[i]?.total ?? 0]),
  );
  fillTable(
    'pages-table',
    stats.topPages.map((r) => [r.path, r.pageviews]),
  );
  fillTable(
    'referrers-table',
    stats.referrers.map((r) => [r.referrer, r.visits]),
  );
  fillTable(
    'browsers-table',
    stats.browsers.map((r) => [r.browser, r.visitors]),
  );
  drawConsent(stats.consents);
}

function clearFigures() {
  for (const dd of document.querySelectorAll('[data-stat]')) dd.textContent = '';
  for (const id of ['days-table', 'pages-table', 'referrers-table', 'browsers-table', 'consent-table']) {
    $(id).tBodies[0].replaceChildren();
  }
  $('chart').replaceChildren();
  $('consent-bar').replaceChildren();
}

/** Fill a table body; numbers are formatted, a first cell may be a node. */
function fillTable(id, rows) {
  const body = $(id).tBodies[0];
  if (rows.length === 0) {
    const tr = el('tr', { class: 'empty' });
    tr.append(el('td', { colspan: String($(id).tHead.rows[0].cells.length) }, 'No data in this range'));
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const cell of cells) {
        tr.append(el('td', {}, typeof cell === 'number' ? number.format(cell) : cell));
      }
      return tr;
    }),
  );
}

function drawChart(stats) {
  const { width, height, left, right, top, bottom } = CHART;
  const days = stats.days;
  const max = niceMax(Math.max(1, ...days.map((d) => Math.max(d.pageviews, d.visitors))));
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (i) => left + (days.length === 1 ? plotWidth / 2 : (i * plotWidth) / (days.length - 1));
  const y = (value) => top + plotHeight - (value / max) * plotHeight;
  const peak = days.reduce((best, d) => (d.pageviews > best.pageviews ? d : best), days[0]);
  const label =
    `Line chart of visitors and page views per day from ${stats.from} to ${stats.to}: ` +
    `${number.format(stats.pageviews)} page views and ${number.format(stats.visitors)} visitors in total` +
    (peak && peak.pageviews > 0 ? `, most page views on ${peak.date} (${number.format(peak.pageviews)}).` : '.') +
    ' The numbers per day are in the table below.';

  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, id: 'days-chart' });
  svg.append(svgEl('title', {}, label));
  for (const value of [0, max / 2, max]) {
    svg.append(svgEl('line', { class: value === 0 ? 'axis' : 'grid-line', x1: left, x2: width - right, y1: y(value), y2: y(value) }));
    svg.append(svgEl('text', { x: left - 8, y: y(value) + 4, 'text-anchor': 'end' }, number.format(value)));
  }
  svg.append(svgEl('line', { class: 'axis', x1: left, x2: left, y1: top, y2: top + plotHeight }));
  for (const i of new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])) {
    const anchor = days.length === 1 ? 'middle' : i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle';
    svg.append(svgEl('text', { x: x(i), y: height - bottom + 20, 'text-anchor': anchor }, days[i].date));
  }
  for (const series of ['pageviews', 'visitors']) {
    const points = days.map((d, i) => `${round(x(i))},${round(y(d[series]))}`).join(' ');
    svg.append(svgEl('polyline', { class: series, points, 'data-series': series }));
    // Dots keep single days (and a one-day range) visible.
    if (days.length <= 62) {
      for (const [i, d] of days.entries()) svg.append(svgEl('circle', { class: series, cx: round(x(i)), cy: round(y(d[series])), r: 3 }));
    }
  }
  $('chart').replaceChildren(svg);
}

function drawConsent(consents) {
  const rows = CONSENT_KINDS.map(([key, name]) => {
    const cell = el('span', {}, name);
    cell.prepend(el('span', { class: `swatch ${key}`, 'aria-hidden': 'true' }));
    return [cell, number.format(consents[key]), percent.format(consents.shares[key])];
  });
  fillTable('consent-table', consents.total === 0 ? [] : rows);

  const description =
    consents.total === 0
      ? 'No consent decisions in this range.'
      : `Consent decisions: ${CONSENT_KINDS.map(([key, name]) => `${name.toLowerCase()} ${percent.format(consents.shares[key])}`).join(', ')}.`;
  const svg = svgEl('svg', { viewBox: '0 0 100 4', preserveAspectRatio: 'none', role: 'img', 'aria-label': description });
  svg.append(svgEl('title', {}, description));
  if (consents.total === 0) svg.append(svgEl('rect', { class: 'none', x: 0, y: 0, width: 100, height: 4 }));
  let offset = 0;
  for (const [key] of CONSENT_KINDS) {
    const width = (consents[key] / Math.max(1, consents.total)) * 100;
    if (width > 0) svg.append(svgEl('rect', { class: key, x: round(offset), y: 0, width: round(width), height: 4 }));
    offset += width;
  }
  $('consent-bar').replaceChildren(svg);
}

/** 1 h 2 min, 3 min 5 s, 42 s. */
function duration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** A round axis maximum at or above `value`: 1, 2, 5 × 10^n. */
function niceMax(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((f) => f * power).find((candidate) => candidate >= value);
}

const round = (n) => Math.round(n * 10) / 10;

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.append(text);
  return node;
}

function svgEl(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token').value.trim();
  if (!value) {
    showMessage('Enter the admin token.');
    $('token').focus();
    return;
  }
  token = value;
  load({}, { focus: true });
});

$('range-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = $('from').value;
  const to = $('to').value;
  if (!from || !to || from > to) {
    showMessage('Choose a start date on or before the end date.');
    return;
  }
  load({ from, to });
});

$('sign-out').addEventListener('click', () => signOut());

if (token) load();
else showLogin();
