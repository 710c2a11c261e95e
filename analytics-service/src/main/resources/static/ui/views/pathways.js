// Program finder: the region's pathways with sector, occupations, wage and demand (LMI), college partner,
// credential, and how many students enter and complete; searchable and filterable. ?pathway= shows one pathway.
import { state, analytics, el, numberCell, percent, money, table, csvButton, panel, select, catalogue, members } from '../common.js';

function matches(pathway, text) {
  if (!text) return true;
  const d = pathway.definition || {};
  const haystack = [pathway.pathwayId, pathway.name, pathway.industrySector, d.careerCluster, d.cipCode, d.postsecondaryCredential,
    ...(d.occupations || []).flatMap(o => [o.title, o.socCode])].filter(Boolean).join(' ').toLowerCase();
  return text.toLowerCase().split(/\s+/).every(word => haystack.includes(word));
}

export async function renderPathways(root, params, navigate) {
  root.append(el('h1', {}, 'Program finder'));
  if (!state.region) {
    root.append(el('p', {}, 'No region is known yet.'));
    return;
  }
  const [pathways, regionMembers] = await Promise.all([catalogue(), members()]);
  const names = Object.fromEntries(regionMembers.map(m => [m.memberId, m.name || m.memberId]));
  const sectors = [...new Set(pathways.map(p => p.industrySector).filter(Boolean))].sort();
  const sector = params.get('sector') || '';
  const chosen = params.get('pathway') || '';
  const district = params.get('district') || '';
  const [outcomes, entries] = await Promise.all([
    Promise.all(pathways.map(p => analytics('metrics/completion-rate', { pathway: p.pathwayId, district }))),
    Promise.all(pathways.map(p => analytics('metrics/pathway-entry', { pathway: p.pathwayId, district })))]);

  const search = el('input', { type: 'search', id: 'f-search', name: 'q', value: params.get('q') || '', placeholder: 'occupation, credential, sector…',
    'aria-describedby': 'search-count' });
  const count = el('span', { id: 'search-count', class: 'muted', 'aria-live': 'polite' });
  root.append(el('form', { class: 'filters', 'aria-label': 'Find a program', role: 'search', onsubmit: e => e.preventDefault() },
    el('label', { for: 'f-search' }, 'Search', search),
    select('sector', 'Sector', [['', 'All sectors'], ...sectors.map(s => [s, s])], sector, value => navigate({ sector: value })),
    select('district', 'Students of', [['', 'All districts'], ...regionMembers.filter(m => m.kind !== 'COLLEGE').map(m => [m.memberId, m.name || m.memberId])],
      district, value => navigate({ district: value })),
    count));

  const shown = pathways.map((p, i) => ({ p, outcome: outcomes[i], entry: entries[i].entrants })).filter(({ p }) => !sector || p.industrySector === sector);
  const rows = shown.map(({ p, outcome, entry }) => {
    const d = p.definition || {};
    const occupations = d.occupations || [];
    const all = outcome.table.all;
    return [el('th', { scope: 'row' }, el('a', { href: `#/pathways?region=${encodeURIComponent(state.region)}&pathway=${encodeURIComponent(p.pathwayId)}` }, p.name),
        p.retiredOn ? el('span', { class: 'muted' }, ` (retired ${p.retiredOn})`) : null),
      p.industrySector || '',
      occupations.map(o => `${o.title} (${o.socCode})`).join('; '),
      el('td', { class: 'num' }, occupations.map(o => (o.medianAnnualWage ? money(o.medianAnnualWage) : '—')).join('; ')),
      el('td', { class: 'num' }, occupations.map(o => (o.projectedAnnualOpenings ?? '—')).join('; ')),
      d.collegePartnerId ? names[d.collegePartnerId] || d.collegePartnerId : '—',
      d.postsecondaryCredential || '—',
      numberCell(entry.count, entry.suppressed, entry.reason), numberCell(all.successes, all.suppressed, all.reason),
      numberCell(all.ratePercent, all.suppressed, all.reason, percent)];
  });
  const finder = table(`Pathways of ${state.region}${district ? ` (students of ${district})` : ''}`,
    ['Pathway', 'Sector', 'Occupations', { text: 'Median wage', class: 'num' }, { text: 'Openings a year', class: 'num' }, 'College partner',
      'Credential', { text: 'Entered', class: 'num' }, { text: 'Completed', class: 'num' }, { text: 'Completion rate', class: 'num' }],
    rows, { 'data-table': 'finder' });
  shown.forEach(({ p }, i) => { finder.tBodies[0].rows[i].dataset.pathway = p.pathwayId; });

  const filterRows = () => {
    let visible = 0;
    shown.forEach(({ p }, i) => {
      const row = finder.tBodies[0].rows[i];
      row.hidden = !matches(p, search.value);
      if (!row.hidden) visible += 1;
    });
    count.textContent = `${visible} of ${pathways.length} pathways`;
    const hash = new URL(location.href);
    const hashParams = new URLSearchParams(location.hash.split('?')[1] || '');
    if (search.value) hashParams.set('q', search.value); else hashParams.delete('q');
    history.replaceState(null, '', `${hash.pathname}${hash.search}#/pathways?${hashParams}`);
  };
  search.addEventListener('input', filterRows);
  filterRows();

  if (chosen) {
    const p = pathways.find(x => x.pathwayId === chosen);
    if (p) root.append(detail(p, names, outcomes[pathways.indexOf(p)], entries[pathways.indexOf(p)].entrants));
  }
  root.append(panel('Pathways', csvButton('Download CSV', `programs-${state.region}.csv`, finder), finder));
}

function detail(p, names, outcome, entry) {
  const d = p.definition || {};
  const courses = table('Course sequence', ['Course', 'Title', 'Role'], (d.courses || []).map(c => [c.courseId, c.title || '', c.role || '']));
  const all = outcome.table.all;
  return el('section', { class: 'panel', 'aria-label': `Pathway ${p.name}`, 'data-detail': p.pathwayId },
    el('h2', {}, p.name),
    el('div', { class: 'cards' },
      el('div', { class: 'card' }, el('h3', {}, 'The program'), el('dl', {},
        el('dt', {}, 'Sector'), el('dd', {}, p.industrySector || '—'),
        el('dt', {}, 'CIP code'), el('dd', {}, d.cipCode || '—'),
        el('dt', {}, 'College partner'), el('dd', {}, d.collegePartnerId ? names[d.collegePartnerId] || d.collegePartnerId : '—'),
        el('dt', {}, 'Credential'), el('dd', {}, d.postsecondaryCredential || '—'),
        el('dt', {}, 'Completion rule'), el('dd', {}, d.completionRule || '—'),
        el('dt', {}, 'Catalogue version'), el('dd', {}, String(p.version)))),
      el('div', { class: 'card' }, el('h3', {}, 'Careers'), el('dl', {},
        (d.occupations || []).flatMap(o => [el('dt', {}, `${o.title} (${o.socCode})`),
          el('dd', {}, `${o.medianAnnualWage ? money(o.medianAnnualWage) : '—'} median wage, ${o.projectedAnnualOpenings ?? '—'} openings a year`)]))),
      el('div', { class: 'card' }, el('h3', {}, 'Students'), el('dl', {},
        el('dt', {}, 'Entered'), el('dd', {}, entry.count === null ? el('span', { class: 'suppressed' }, 'Suppressed') : String(entry.count)),
        el('dt', {}, 'Completed'), el('dd', {}, all.successes === null ? el('span', { class: 'suppressed' }, 'Suppressed') : String(all.successes))),
        el('p', {}, el('a', { href: `#/overview?region=${encodeURIComponent(state.region)}&pathway=${encodeURIComponent(p.pathwayId)}` }, 'Cohort funnel'), ' · ',
          el('a', { href: `#/equity?region=${encodeURIComponent(state.region)}&level=pathway&pathway=${encodeURIComponent(p.pathwayId)}` }, 'Equity view')))),
    courses);
}
