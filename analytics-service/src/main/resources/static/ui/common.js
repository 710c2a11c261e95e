// Shared helpers of the views: the services' addresses, fetching with readable errors, suppressed cells, CSV, charts.

export const state = { settings: null, region: null, asOf: null, regions: [] };

export class ProblemError extends Error {}

/** Fetches JSON; a problem+json answer becomes an error whose message is the service's own explanation. */
export async function getJson(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json', ...(options.headers || {}) }, method: options.method || 'GET', body: options.body });
  } catch (e) {
    throw new ProblemError(`The service at ${new URL(url, location.href).origin} did not answer (${e.message}).`);
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ProblemError(body && (body.detail || body.title) ? `${body.title || 'Error'}: ${body.detail || ''}` : `HTTP ${response.status}`);
  }
  return body;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** An analytics call (same origin), with the global as-of date applied. */
export function analytics(path, params = {}) {
  return getJson(`api/v1/${path}${query({ ...params, asOf: state.asOf })}`);
}

export function queryService(path, params = {}, headers = {}) {
  return getJson(`${state.settings.queryUrl}/api/v1/${path}${query(params)}`, { headers });
}

export function commandService(path, params = {}, options = {}) {
  return getJson(`${state.settings.commandUrl}/api/v1/${path}${query(params)}`, options);
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const REASONS = {
  BELOW_MINIMUM: () => `fewer than ${state.settings.minimumCellSize} students`,
  COMPLEMENTARY: () => 'hidden so that a smaller group cannot be recovered by subtraction',
  TOTAL_BELOW_MINIMUM: () => `the whole group has fewer than ${state.settings.minimumCellSize} students`,
  TOP_BOTTOM_CODED: () => 'rate above 95% or below 5% is shown coded',
  LINKED: () => 'hidden because another metric publishes the same students\' count and hides it there',
};

export function reasonText(reason) {
  return reason && REASONS[reason] ? REASONS[reason]() : 'small cell';
}

/** A table cell for a published number; a number the API hid (null and suppressed) reads Suppressed, never zero. */
export function numberCell(value, suppressed, reason, format = String) {
  if (value !== null && value !== undefined) {
    return el('td', { class: 'num' }, format(value));
  }
  if (suppressed) {
    return el('td', { class: 'num', 'data-suppressed': 'true', 'data-reason': reason || '' },
      el('span', { class: 'suppressed', title: `Suppressed: ${reasonText(reason)}` }, 'Suppressed'));
  }
  return el('td', { class: 'num muted' }, '—');
}

export const percent = value => `${Number(value).toFixed(1)}%`;
export const points = value => `${value > 0 ? '+' : ''}${Number(value).toFixed(1)} pp`;
export const money = value => `$${Math.round(Number(value)).toLocaleString('en-US')}`;

/** A table with a caption, column headings and rows of cells (td elements or values). */
export function table(caption, headings, rows, attributes = {}) {
  return el('table', attributes,
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map(h => typeof h === 'string'
      ? el('th', { scope: 'col' }, h) : el('th', { scope: 'col', class: h.class }, h.text)))),
    el('tbody', {}, rows.map(row => el('tr', {}, row.map(cell => cell instanceof Node ? cell : el('td', {}, cell ?? ''))))));
}

function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table exactly as shown (suppressed cells say Suppressed; rows a search hides are left out), as CSV. */
export function tableCsv(tableElement) {
  return Array.from(tableElement.querySelectorAll('tr')).filter(row => !row.hidden)
    .map(row => Array.from(row.children).map(cell => csvField((cell.dataset.csv ?? cell.textContent).trim().replace(/\s+/g, ' '))).join(','))
    .join('\r\n') + '\r\n';
}

export function download(fileName, text) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' })), download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function csvButton(label, fileName, tableElement) {
  return el('button', { type: 'button', class: 'secondary', 'data-csv': fileName,
    onclick: () => download(fileName, tableCsv(tableElement)) }, label);
}

/** A panel: heading, download buttons, then its content. */
export function panel(title, actions, ...content) {
  return el('section', { class: 'panel', 'aria-label': title },
    el('div', { class: 'panel-head' }, el('h2', {}, title), el('div', {}, actions)), ...content);
}

/** An ECharts chart in an element; the table next to it is its accessible text alternative. */
export function chart(container, option, description) {
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', description);
  if (!window.echarts) {
    container.textContent = 'The chart library did not load; the table below has the same numbers.';
    return null;
  }
  const instance = window.echarts.init(container, null, { renderer: 'svg' });
  instance.setOption({ aria: { enabled: true, decal: { show: true } }, animation: false, textStyle: { fontSize: 13 }, ...option });
  new ResizeObserver(() => instance.resize()).observe(container);
  return instance;
}

export const PALETTE = ['#0b5cad', '#c45a00', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457', '#5d4037'];

export function select(name, label, options, value, onchange, attributes = {}) {
  const control = el('select', { name, id: `f-${name}`, ...attributes, onchange: event => onchange(event.target.value) },
    options.map(([optionValue, text]) => el('option', { value: optionValue, selected: optionValue === value }, text)));
  return el('label', { for: `f-${name}` }, label, control);
}

export async function catalogue() {
  if (!state.region) return [];
  return queryService(`regions/${encodeURIComponent(state.region)}/pathways`);
}

export async function members() {
  if (!state.region) return [];
  return queryService(`regions/${encodeURIComponent(state.region)}/members`);
}
