// Equity view: one metric at one level (region, sector or pathway; optionally one district), its rates by group with
// the gap to all students and the representation index, as a chart and a table. Suppressed groups say so.
import { state, analytics, el, numberCell, percent, points, table, csvButton, panel, chart, select, catalogue, members, query, reasonText } from '../common.js';

const DIMENSIONS = [['RACE_ETHNICITY', 'Race/ethnicity'], ['SEX', 'Sex'], ['ENGLISH_LEARNER', 'English learner'], ['DISABILITY', 'Disability'],
  ['ECONOMICALLY_DISADVANTAGED', 'Economically disadvantaged'], ['FOSTER', 'Foster'], ['HOMELESS', 'Homeless'], ['MIGRANT', 'Migrant'],
  ['MILITARY_CONNECTED', 'Military-connected']];

function rateCell(row) {
  if (row.suppressed && row.reason === 'TOP_BOTTOM_CODED') {
    return el('td', { class: 'num', 'data-suppressed': 'coded', title: reasonText(row.reason) }, row.rateShown);
  }
  return numberCell(row.ratePercent, row.suppressed, row.reason, percent);
}

export async function renderEquity(root, params, navigate) {
  root.append(el('h1', {}, 'Equity'));
  if (!state.region) {
    root.append(el('p', {}, 'No region is known yet.'));
    return;
  }
  const [metrics, pathways, regionMembers] = await Promise.all([analytics('metrics'), catalogue(), members()]);
  const rateMetrics = metrics.filter(m => m.id !== 'pathway-entry');
  const metric = params.get('metric') || 'concentrator-rate';
  const level = params.get('level') || 'region';
  const sectors = [...new Set(pathways.map(p => p.industrySector).filter(Boolean))].sort();
  const pathway = params.get('pathway') || (pathways[0] && pathways[0].pathwayId) || '';
  const sector = params.get('sector') || sectors[0] || '';
  const district = params.get('district') || '';
  const dimension = params.get('dimension') || 'RACE_ETHNICITY';
  const intersect = params.get('intersect') || '';
  const pool = params.get('pool') === 'true';
  const districts = regionMembers.filter(m => m.kind !== 'COLLEGE');

  const filters = el('form', { class: 'filters', 'aria-label': 'Filters', onsubmit: e => e.preventDefault() },
    select('metric', 'Metric', rateMetrics.map(m => [m.id, m.title]), metric, value => navigate({ metric: value })),
    select('level', 'Level', [['region', 'Whole region'], ['sector', 'Industry sector'], ['pathway', 'Pathway']], level, value => navigate({ level: value })),
    level === 'pathway' ? select('pathway', 'Pathway', pathways.map(p => [p.pathwayId, p.name]), pathway, value => navigate({ pathway: value })) : null,
    level === 'sector' ? select('sector', 'Sector', sectors.map(s => [s, s]), sector, value => navigate({ sector: value })) : null,
    select('district', 'District', [['', 'All districts'], ...districts.map(m => [m.memberId, m.name || m.memberId])], district, value => navigate({ district: value })),
    select('dimension', 'Groups', DIMENSIONS, dimension, value => navigate({ dimension: value })),
    select('intersect', 'Intersection (on demand)', [['', 'None'], ...DIMENSIONS.filter(([d]) => d !== dimension).map(([d, label]) => [`${dimension}*${d}`, `${DIMENSIONS.find(x => x[0] === dimension)[1]} by ${label}`])],
      intersect.startsWith(`${dimension}*`) ? intersect : '', value => navigate({ intersect: value })),
    el('label', { class: 'inline', for: 'f-pool' },
      el('input', { type: 'checkbox', id: 'f-pool', name: 'pool', checked: pool, onchange: e => navigate({ pool: e.target.checked ? 'true' : '' }) }),
      'Pool hidden groups'));
  root.append(filters);

  const scope = level === 'pathway' ? { pathway } : level === 'sector' ? { sector } : { region: state.region };
  const apiParams = { ...scope, district, intersect: intersect.startsWith(`${dimension}*`) ? intersect : '', pool: pool ? 'true' : '' };
  const answer = await analytics(`metrics/${metric}`, apiParams);
  const described = rateMetrics.find(m => m.id === metric);
  const all = answer.table.all;
  const shown = answer.table.dimensions.filter(d => d.dimension === dimension || d.dimension === apiParams.intersect);
  const scopeText = level === 'pathway' ? (pathways.find(p => p.pathwayId === pathway)?.name || pathway) : level === 'sector' ? sector : `region ${state.region}`;

  root.append(el('p', {}, el('strong', {}, answer.title), ` for ${scopeText}${district ? `, district ${district}` : ''}${state.asOf ? `, as of ${state.asOf}` : ''}: `,
    `${described ? described.numerator : ''} of ${described ? described.denominator.toLowerCase() : 'the population'}.`));
  root.append(el('div', { class: 'kpis' },
    el('div', { class: 'kpi', 'data-kpi': 'all-rate' }, el('div', { class: 'value' }, all.ratePercent === null ? el('span', { class: 'suppressed' }, 'Suppressed') : percent(all.ratePercent)),
      el('div', { class: 'label' }, 'All students')),
    el('div', { class: 'kpi', 'data-kpi': 'all-population' }, el('div', { class: 'value' }, all.population === null ? el('span', { class: 'suppressed' }, 'Suppressed') : String(all.population)),
      el('div', { class: 'label' }, 'Students in the population'))));

  for (const breakdown of shown) {
    const groupTable = table(`${answer.title} by ${breakdown.label.toLowerCase()}`,
      ['Group', { text: 'Students', class: 'num' }, { text: 'Successes', class: 'num' }, { text: 'Rate', class: 'num' },
        { text: 'Gap to all students', class: 'num' }, { text: 'Representation index', class: 'num' }],
      breakdown.groups.map(g => [el('th', { scope: 'row', 'data-group': g.group }, g.label),
        numberCell(g.population, g.suppressed, g.reason), numberCell(g.successes, g.suppressed, g.reason),
        rateCell(g), numberCell(g.gapPoints, g.suppressed, g.reason, points),
        numberCell(g.representationIndex, g.suppressed, g.reason, v => Number(v).toFixed(2))]),
      { 'data-table': `groups-${breakdown.dimension}` });
    const chartElement = el('div', { class: 'chart', 'data-chart': `groups-${breakdown.dimension}`,
      style: `height:${Math.max(260, 34 * breakdown.groups.length + 80)}px` });
    const apiCsv = `api/v1/metrics/${metric}.csv${query({ ...apiParams, asOf: state.asOf })}`;
    root.append(panel(`Rates by ${breakdown.label.toLowerCase()}`,
      [csvButton('Download table (CSV)', `${metric}-${breakdown.dimension}.csv`, groupTable), ' ',
        el('a', { href: apiCsv, download: '', 'data-api-csv': 'true' }, 'All groups (CSV from the API)')],
      chartElement, groupTable));
    const labels = breakdown.groups.map(g => (g.suppressed && g.ratePercent === null ? `${g.label} (${g.reason === 'TOP_BOTTOM_CODED' ? g.rateShown : 'suppressed'})` : g.label));
    chart(chartElement, {
      color: ['#0b5cad'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 10, right: 60, top: 36, bottom: 30, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { color: '#333' } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 320, overflow: 'truncate', color: '#1b1f24' } },
      series: [{
        name: answer.title, type: 'bar',
        data: breakdown.groups.map(g => g.ratePercent),
        label: { show: true, position: 'right', formatter: p => (p.value === null || p.value === undefined ? '' : `${p.value}%`) },
        markLine: all.ratePercent === null ? undefined : { symbol: 'none', data: [{ xAxis: all.ratePercent, name: 'All students' }],
          label: { position: 'start', formatter: `All students ${all.ratePercent}%`, color: '#a4161a' }, lineStyle: { color: '#a4161a', type: 'dashed', width: 2 } },
      }],
    }, `${answer.title} by ${breakdown.label}: bar per group; the dashed line is all students${all.ratePercent === null ? '' : ` at ${all.ratePercent}%`}. Suppressed groups have no bar.`);
  }
}
