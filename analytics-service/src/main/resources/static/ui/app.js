// The web UI's shell: settings, the region and as-of pickers, and a hash router (#/view?param=...) so every view
// is a link that can be shared and reloaded. Each view renders from its parameters, so changing a filter or the
// as-of date reruns it.
import { state, getJson, queryService, el } from './common.js';
import { renderOverview } from './views/overview.js';
import { renderEquity } from './views/equity.js';
import { renderPathways } from './views/pathways.js';
import { renderDistrict } from './views/district.js';

const VIEWS = { overview: renderOverview, equity: renderEquity, pathways: renderPathways, district: renderDistrict };
const GLOBAL = ['region', 'asOf'];

function parseHash() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { view: VIEWS[path] ? path : 'overview', params: new URLSearchParams(search) };
}

/** Changes some parameters of the current view (or moves to another view) and reruns it. */
export function navigate(changes, view) {
  const current = parseHash();
  const params = view && view !== current.view ? new URLSearchParams() : current.params;
  for (const key of GLOBAL) {
    const value = key === 'region' ? state.region : state.asOf;
    if (value) params.set(key, value); else params.delete(key);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key); else params.set(key, value);
  }
  const text = params.toString();
  location.hash = `#/${view || current.view}${text ? `?${text}` : ''}`;
}

let renderCount = 0;

async function render() {
  const { view, params } = parseHash();
  if (params.get('region')) state.region = params.get('region');
  state.asOf = params.get('asOf') || null;
  document.getElementById('region').value = state.region || '';
  document.getElementById('as-of').value = state.asOf || '';
  for (const link of document.querySelectorAll('nav a')) {
    link.toggleAttribute('aria-current', link.dataset.view === view);
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
  }
  const status = document.getElementById('status');
  status.replaceChildren();
  const main = document.getElementById('main');
  const mine = ++renderCount;
  main.setAttribute('aria-busy', 'true');
  main.dataset.ready = 'false';
  const content = el('div', {});
  try {
    await VIEWS[view](content, params, navigate);
    if (mine !== renderCount) return;
    main.replaceChildren(content);
    document.title = `${content.querySelector('h1')?.textContent || 'Pathways Ledger'} · Pathways Ledger`;
  } catch (e) {
    if (mine !== renderCount) return;
    main.replaceChildren(content);
    status.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
  } finally {
    if (mine === renderCount) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.ready = 'true';
      main.dataset.view = view;
      main.dataset.render = String(mine);
      if (mine === 1) window.firstViewMs = Math.round(performance.now());
    }
  }
  showFreshness();
}

async function showFreshness() {
  try {
    const freshness = await getJson('api/v1/freshness');
    const newest = freshness.lastEventOccurredAt ? new Date(freshness.lastEventOccurredAt).toLocaleString() : 'none yet';
    document.getElementById('freshness').textContent =
      `Newest event in the metrics: ${newest}; events not yet applied: ${freshness.lag ?? 'unknown'}.`;
  } catch {
    document.getElementById('freshness').textContent = '';
  }
}

async function start() {
  state.settings = await getJson('ui/settings');
  try {
    state.regions = await queryService('regions');
  } catch (e) {
    state.regions = [];
  }
  const regionSelect = document.getElementById('region');
  regionSelect.replaceChildren(...state.regions.map(r => el('option', { value: r.regionId }, `${r.name} (${r.regionId})`)));
  const fromHash = parseHash().params.get('region');
  state.region = fromHash || (state.regions[0] && state.regions[0].regionId) || null;
  regionSelect.addEventListener('change', () => { state.region = regionSelect.value; navigate({}); });
  const asOf = document.getElementById('as-of');
  asOf.addEventListener('change', () => { state.asOf = asOf.value || null; navigate({}); });
  document.getElementById('as-of-clear').addEventListener('click', () => { state.asOf = null; navigate({}); });
  window.addEventListener('hashchange', render);
  await render();
}

start().catch(e => {
  document.getElementById('status').replaceChildren(el('p', { class: 'error', role: 'alert' }, `The UI could not start: ${e.message}`));
});
