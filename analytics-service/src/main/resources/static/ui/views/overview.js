// Region overview: the cohort funnel (each grade-9 cohort: the trend across cohorts), and the pathway and sector
// tables (entrants, concentrator and completion rates), for the region, one pathway, and optionally one district.
import { state, analytics, el, numberCell, percent, table, csvButton, panel, chart, PALETTE, select, catalogue, members } from '../common.js';

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
  root.append(el('h1', {}, 'Region overview'));
  if (!state.region) {
    root.append(el('p', {}, 'No region is known yet: define one with the command service.'));
    return;
  }
  const [pathways, regionMembers] = await Promise.all([catalogue(), members()]);
  const districts = regionMembers.filter(m => m.kind !== 'COLLEGE');
  root.append(el('form', { class: 'filters', 'aria-label': 'Filters', onsubmit: e => e.preventDefault() },
    select('pathway', 'Pathway', [['', 'All pathways'], ...pathways.map(p => [p.pathwayId, p.name])], pathway, value => navigate({ pathway: value })),
    select('district', 'District', [['', 'All districts'], ...districts.map(m => [m.memberId, m.name || m.memberId])], district, value => navigate({ district: value }))));

  const level = pathway ? { pathway } : { region: state.region };
  const sectors = [...new Set(pathways.map(p => p.industrySector).filter(Boolean))].sort();
  const [entry, funnel, pathwayRows, sectorRows] = await Promise.all([
    analytics('metrics/pathway-entry', { ...level, district }),
    analytics('cohorts/funnel', { ...level, district }),
    Promise.all(pathways.map(p => Promise.all([
      analytics('metrics/pathway-entry', { pathway: p.pathwayId, district }),
      analytics('metrics/concentrator-rate', { pathway: p.pathwayId, district }),
      analytics('metrics/completion-rate', { pathway: p.pathwayId, district })]))),
    Promise.all(sectors.map(sector => Promise.all([
      analytics('metrics/pathway-entry', { sector, district }),
      analytics('metrics/concentrator-rate', { sector, district }),
      analytics('metrics/completion-rate', { sector, district })]))),
  ]);

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
