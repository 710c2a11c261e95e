// Region overview: the cohort funnel (each grade-9 cohort: the trend across cohorts), and the pathway and sector
// tables (entrants, concentrator and completion rates), for the region, one pathway, and optionally one district;
// and one metric's rate per cohort (grade-9 or pathway entry year): the trend across cohorts.
import { state, analytics, el, numberCell, percent, table, csvButton, panel, chart, PALETTE, select, catalogue, members, reasonText } from '../common.js';

/** Catalogue entries that are counts or medians, not outcome rates of entrants: cohorts/trend does not serve them. */
const NOT_BY_COHORT = new Set(['pathway-entry', 'pathway-participation', 'k12swp-cte-students', 'median-quarterly-earnings']);
const COHORT_BASES = [['GRADE_9', 'Grade-9 cohort'], ['PATHWAY_ENTRY', 'Pathway entry school year']];

/** A trend cohort's name: its grade-9 year, or the school year (fall year, from July 1) it entered the pathway. */
function trendCohortName(row, basis) {
  if (row.group === 'UNKNOWN') return basis === 'GRADE_9' ? 'No grade-9 cohort' : 'Cohort unknown';
  const year = Number(row.group);
  return basis === 'PATHWAY_ENTRY' ? `${year}-${String((year + 1) % 100).padStart(2, '0')}` : String(year);
}

/** A cohort's rate: top/bottom-coded rates read as the API shows them (">95%"), hidden ones Suppressed. */
function trendRateCell(row) {
  if (row.reason === 'TOP_BOTTOM_CODED' && row.ratePercent === null) {
    return el('td', { class: 'num', 'data-suppressed': 'coded', title: reasonText(row.reason) }, row.rateShown);
  }
  return numberCell(row.ratePercent, row.suppressed, row.reason, percent);
}

/** A count of a cohort: the API hides successes of a coded or suppressed cohort, and may keep its population. */
function trendCountCell(value, row) {
  return numberCell(value, row.suppressed || row.reason === 'TOP_BOTTOM_CODED', row.reason);
}

/** A grade-9 cohort's name; students without one (adult learners) form their own row. */
function cohortName(cohort) {
  return cohort.cohortYear === null || cohort.cohortYear === undefined ? 'No grade-9 cohort' : String(cohort.cohortYear);
}

function entrantsCell(entry) {
  return numberCell(entry.entrants.count, entry.entrants.suppressed, entry.entrants.reason);
}

function rateCell(answer) {
  const all = answer.table.all;
  return numberCell(all.ratePercent, all.suppressed, all.reason, percent);
}

export async function renderOverview(root, params, navigate) {
  const pathway = params.get('pathway') || '';
  const district = params.get('district') || '';
  const trendMetric = params.get('trend') || 'concentrator-rate';
  const cohortBy = params.get('cohortBy') === 'PATHWAY_ENTRY' ? 'PATHWAY_ENTRY' : 'GRADE_9';
  root.append(el('h1', {}, 'Region overview'));
  if (!state.region) {
    root.append(el('p', {}, 'No region is known yet: define one with the command service.'));
    return;
  }
  // The region-level answers need nothing from the catalogue: ask for them at once, beside it.
  const level = pathway ? { pathway } : { region: state.region };
  const entryAnswer = analytics('metrics/pathway-entry', { ...level, district });
  const funnelAnswer = analytics('cohorts/funnel', { ...level, district });
  const metricsAnswer = analytics('metrics');
  const trendAnswer = analytics('cohorts/trend', { metric: trendMetric, ...level, district, cohortBy });
  const [pathways, regionMembers] = await Promise.all([catalogue(), members()]);
  const districts = regionMembers.filter(m => m.kind !== 'COLLEGE');
  root.append(el('form', { class: 'filters', 'aria-label': 'Filters', onsubmit: e => e.preventDefault() },
    select('pathway', 'Pathway', [['', 'All pathways'], ...pathways.map(p => [p.pathwayId, p.name])], pathway, value => navigate({ pathway: value })),
    select('district', 'District', [['', 'All districts'], ...districts.map(m => [m.memberId, m.name || m.memberId])], district, value => navigate({ district: value }))));

  const sectors = [...new Set(pathways.map(p => p.industrySector).filter(Boolean))].sort();
  const [entry, funnel, metrics, trend, pathwayRows, sectorRows] = await Promise.all([
    entryAnswer,
    funnelAnswer,
    metricsAnswer,
    trendAnswer,
    // The pathway and sector tables in one request (the same numbers as each level's metric answer).
    analytics('overview', { region: state.region, pathway: pathways.map(p => p.pathwayId), sector: sectors, district })
      .then(overview => [overview.pathways, overview.sectors]),
  ]).then(([entry, funnel, metrics, trend, levels]) => [entry, funnel, metrics, trend,
    levels[0].map(row => [row.entry, row.concentrator, row.completion]),
    levels[1].map(row => [row.entry, row.concentrator, row.completion])]);

  const entrants = entry.entrants;
  root.append(el('div', { class: 'kpis' },
    el('div', { class: 'kpi', 'data-kpi': 'entrants' },
      el('div', { class: 'value' }, entrants.suppressed ? el('span', { class: 'suppressed' }, 'Suppressed') : String(entrants.count)),
      el('div', { class: 'label' }, `Pathway entrants${pathway ? ` in ${pathway}` : ' in the region'}${district ? `, ${district}` : ''}`)),
    el('div', { class: 'kpi' }, el('div', { class: 'value' }, String(pathways.length)), el('div', { class: 'label' }, 'Pathways in the catalogue')),
    el('div', { class: 'kpi' }, el('div', { class: 'value' }, state.asOf || 'Now'), el('div', { class: 'label' }, 'As of'))));

  // The funnel: one series per grade-9 cohort; a suppressed stage has no bar and says so in the table.
  const stages = funnel.cohorts.length ? funnel.cohorts[0].stages.map(s => s.label) : [];
  const funnelTable = table('Students reaching each stage, by grade-9 cohort',
    ['Cohort', ...stages.map(text => ({ text, class: 'num' }))],
    funnel.cohorts.map(cohort => [el('th', { scope: 'row' }, cohortName(cohort)),
      ...cohort.stages.map(s => numberCell(s.students, s.suppressed, s.reason))]),
    { 'data-table': 'funnel' });
  const funnelChart = el('div', { class: 'chart', 'data-chart': 'funnel' });
  root.append(panel('Cohort funnel', csvButton('Download CSV', `funnel-${pathway || state.region}.csv`, funnelTable), funnelChart, funnelTable));
  chart(funnelChart, {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 20, right: 20, bottom: 10, top: 50, containLabel: true },
    xAxis: { type: 'category', data: stages, axisLabel: { interval: 0, width: 120, overflow: 'break', color: '#1b1f24' } },
    yAxis: { type: 'value', name: 'Students', axisLabel: { color: '#333' } },
    series: funnel.cohorts.map(cohort => ({
      name: cohortName(cohort), type: 'bar',
      data: cohort.stages.map(s => (s.suppressed ? null : s.students)),
    })),
  }, `Cohort funnel: students reaching each stage for ${funnel.cohorts.length} grade-9 cohorts; suppressed stages have no bar.`);

  renderTrend(root, trend, metrics, { pathway, district, trendMetric, cohortBy }, navigate);

  const pathwayTable = table('Pathways: entrants, concentrators and completers',
    ['Pathway', 'Sector', { text: 'Entrants', class: 'num' }, { text: 'Concentrator rate', class: 'num' }, { text: 'Completion rate', class: 'num' }],
    pathways.map((p, i) => {
      const [entry, concentrator, completion] = pathwayRows[i];
      return [el('th', { scope: 'row' }, el('a', { href: `#/pathways?region=${encodeURIComponent(state.region)}&pathway=${encodeURIComponent(p.pathwayId)}` }, p.name)),
        p.industrySector || '', entrantsCell(entry), rateCell(concentrator), rateCell(completion)];
    }), { 'data-table': 'pathways' });
  root.append(panel('Pathways', csvButton('Download CSV', `pathways-${state.region}.csv`, pathwayTable), pathwayTable));

  const sectorTable = table('Industry sectors (a student in two pathways counts once per pathway)',
    ['Sector', { text: 'Entrants', class: 'num' }, { text: 'Concentrator rate', class: 'num' }, { text: 'Completion rate', class: 'num' }],
    sectors.map((sector, i) => {
      const [entry, concentrator, completion] = sectorRows[i];
      return [el('th', { scope: 'row' }, sector), entrantsCell(entry), rateCell(concentrator), rateCell(completion)];
    }), { 'data-table': 'sectors' });
  root.append(panel('Sectors', csvButton('Download CSV', `sectors-${state.region}.csv`, sectorTable), sectorTable));
}

/**
 * Trends across cohorts: one metric's rate per cohort (oldest first) for the page's scope and as-of date, as a line
 * and a table. A suppressed cohort reads Suppressed in the table and is a gap in the line, never a zero.
 */
function renderTrend(root, trend, metrics, { pathway, district, trendMetric, cohortBy }, navigate) {
  const choices = metrics.filter(m => !NOT_BY_COHORT.has(m.id));
  const basisLabel = COHORT_BASES.find(([b]) => b === cohortBy)[1].toLowerCase();
  const rows = trend.trend.cohorts;
  const all = trend.trend.all;
  const scopeText = `${pathway ? `pathway ${pathway}` : `region ${state.region}`}${district ? `, district ${district}` : ''}${state.asOf ? `, as of ${state.asOf}` : ''}`;
  const controls = el('form', { class: 'filters', 'aria-label': 'Trend options', onsubmit: e => e.preventDefault() },
    select('trend', 'Metric', choices.map(m => [m.id, m.title]), trendMetric, value => navigate({ trend: value })),
    select('cohortBy', 'Cohort by', COHORT_BASES, cohortBy, value => navigate({ cohortBy: value })));
  const trendTable = table(`${trend.title} by ${basisLabel}, ${scopeText}`,
    ['Cohort', { text: 'Students', class: 'num' }, { text: 'Successes', class: 'num' }, { text: 'Rate', class: 'num' }],
    [...rows.map(row => [el('th', { scope: 'row', 'data-cohort': row.group }, trendCohortName(row, cohortBy)),
      trendCountCell(row.population, row), trendCountCell(row.successes, row), trendRateCell(row)]),
    [el('th', { scope: 'row', 'data-cohort': 'ALL' }, 'All cohorts'),
      numberCell(all.population, all.population === null, null), numberCell(all.successes, all.successes === null, null),
      numberCell(all.ratePercent, all.suppressed, null, percent)]],
    { 'data-table': 'trend' });
  const trendChart = el('div', { class: 'chart', 'data-chart': 'trend' });
  root.append(panel('Trends across cohorts', csvButton('Download CSV', `trend-${trendMetric}-${cohortBy}-${pathway || state.region}.csv`, trendTable),
    controls, trendChart, trendTable));
  const hidden = rows.filter(row => row.ratePercent === null).length;
  chart(trendChart, {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: value => (value === null || value === undefined ? 'Suppressed' : `${value}%`) },
    grid: { left: 20, right: 30, bottom: 34, top: 40, containLabel: true },
    xAxis: { type: 'category', name: basisLabel, nameLocation: 'middle', nameGap: 30,
      data: rows.map(row => `${trendCohortName(row, cohortBy)}${row.ratePercent === null ? (row.reason === 'TOP_BOTTOM_CODED' ? ` (${row.rateShown})` : ' (suppressed)') : ''}`),
      axisLabel: { interval: 0, color: '#1b1f24' } },
    yAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { color: '#333' } },
    series: [{
      name: trend.title, type: 'line', connectNulls: false, showAllSymbol: true, symbolSize: 8,
      // null, not 0: a hidden cohort is a gap in the line.
      data: rows.map(row => row.ratePercent),
      label: { show: true, position: 'top', formatter: p => (p.value === null || p.value === undefined ? '' : `${p.value}%`) },
      markLine: all.ratePercent === null ? undefined : { symbol: 'none', data: [{ yAxis: all.ratePercent, name: 'All cohorts' }],
        label: { position: 'insideEndTop', formatter: `All cohorts ${all.ratePercent}%`, color: '#a4161a' }, lineStyle: { color: '#a4161a', type: 'dashed', width: 2 } },
    }],
  }, `${trend.title} by ${basisLabel} for ${rows.length} cohorts, as a line; the dashed line is all cohorts${all.ratePercent === null ? '' : ` at ${all.ratePercent}%`}.`
    + `${hidden ? ` ${hidden} suppressed or coded cohorts are gaps in the line; the table below gives every number.` : ''}`);
}
