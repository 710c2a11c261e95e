// District views, one district at a time: its imports (history, live progress, error reports, a new upload) and its
// pathway students who are off track, from the query service's read model. Student-level: this district only.
import { state, el, numberCell, table, csvButton, panel, select, catalogue, members, queryService, commandService, getJson, download } from '../common.js';

const ACTIVE = ['QUEUED', 'VALIDATING', 'WRITING'];

function districtKey(district) {
  return sessionStorage.getItem(`district-key:${district}`) || '';
}

function keyHeaders(district) {
  const key = districtKey(district);
  return key ? { 'X-District-Key': key } : {};
}

/** The error report quotes the district's rows: fetched with the district's key (a plain link could not send it), then saved. */
async function downloadErrors(event, importStatus) {
  event.preventDefault();
  const response = await fetch(event.currentTarget.href, { headers: keyHeaders(importStatus.districtId) });
  if (!response.ok) {
    alert(`The error report could not be fetched (${response.status}); check the district's access key.`);
    return;
  }
  download(`${importStatus.importId}-errors.csv`, await response.text());
}

function importRows(imports) {
  return imports.map(i => [
    el('th', { scope: 'row' }, el('code', {}, i.importId), i.dryRun ? el('span', { class: 'muted' }, ' (dry run)') : null),
    i.submittedAt ? new Date(i.submittedAt).toLocaleString() : '',
    (i.files || []).join(', '),
    el('td', { 'data-import-status': i.status }, i.status,
      ACTIVE.includes(i.status) ? el('progress', { class: 'progress', max: '100', value: String(Math.round(i.percentDone || 0)),
        'aria-label': `Progress of import ${i.importId}` }) : null,
      i.etaSeconds && ACTIVE.includes(i.status) ? el('span', { class: 'muted' }, ` ${i.etaSeconds} s left`) : null),
    numberCell(i.rowsRead), numberCell(i.rowsAccepted), numberCell(i.rowsUnchanged), numberCell(i.rowsRejected),
    i.rowsRejected > 0 || (i.warnings || []).length
      ? el('a', { href: `${state.settings.commandUrl}/api/v1/imports/${encodeURIComponent(i.importId)}/errors.csv`, download: `${i.importId}-errors.csv`,
        'data-errors-csv': i.importId, onclick: event => downloadErrors(event, i) }, 'Error report (CSV)')
      : el('span', { class: 'muted' }, 'No errors'),
  ]);
}

const IMPORT_HEADINGS = ['Import', 'Submitted', 'Files', 'Status', { text: 'Rows read', class: 'num' }, { text: 'Accepted', class: 'num' },
  { text: 'Unchanged', class: 'num' }, { text: 'Rejected', class: 'num' }, 'Errors'];

export async function renderDistrict(root, params, navigate) {
  root.append(el('h1', {}, 'District'));
  if (!state.region) {
    root.append(el('p', {}, 'No region is known yet.'));
    return;
  }
  const [pathways, regionMembers] = await Promise.all([catalogue(), members()]);
  const districts = regionMembers.filter(m => m.kind !== 'COLLEGE');
  const district = params.get('district') || (districts[0] && districts[0].memberId) || '';
  const pathway = params.get('pathway') || '';
  const reason = params.get('reason') || '';
  const everyone = params.get('all') === 'true';
  if (!district) {
    root.append(el('p', {}, 'The region has no districts yet.'));
    return;
  }
  const keyInput = el('input', { type: 'password', id: 'f-key', name: 'key', value: districtKey(district), autocomplete: 'off' });
  root.append(el('form', { class: 'filters', 'aria-label': 'District', onsubmit: e => {
    e.preventDefault();
    sessionStorage.setItem(`district-key:${district}`, keyInput.value);
    navigate({ refreshed: String(Date.now()) });
  } },
    select('district', 'District', districts.map(m => [m.memberId, m.name || m.memberId]), district, value => navigate({ district: value, pathway: '', reason: '' })),
    el('label', { for: 'f-key' }, 'District access key', keyInput),
    el('button', { type: 'submit' }, 'Open')));
  root.append(el('p', { class: 'muted' }, state.asOf
    ? `District lists show the read model as it is now; the as-of date (${state.asOf}) applies to the region's metrics.`
    : 'Student-level lists for this district only; they are never shared with other districts or the region.'));

  const [imports, students] = await Promise.all([
    commandService(`districts/${encodeURIComponent(district)}/imports`, {}, { headers: keyHeaders(district) }),
    queryService(`districts/${encodeURIComponent(district)}/pathway-students`, { offTrack: everyone ? 'false' : 'true', pathway }, keyHeaders(district)),
  ]);

  // Imports: history with live progress while any is running, and a new submission.
  const importTable = table(`Imports of ${district} (newest first)`, IMPORT_HEADINGS, importRows(imports), { 'data-table': 'imports' });
  const files = el('input', { type: 'file', id: 'f-files', name: 'files', multiple: true, accept: '.csv,.txt,.json' });
  const dryRun = el('input', { type: 'checkbox', id: 'f-dry-run', name: 'dryRun' });
  const uploadStatus = el('span', { role: 'status', class: 'muted' });
  const upload = el('form', { class: 'filters', 'aria-label': 'Send files', onsubmit: async e => {
    e.preventDefault();
    if (!files.files.length) { uploadStatus.textContent = 'Choose one or more files first.'; return; }
    const body = new FormData();
    for (const file of files.files) body.append('files', file, file.name);
    uploadStatus.textContent = 'Sending…';
    try {
      const accepted = await commandService(`districts/${encodeURIComponent(district)}/imports`, { dryRun: dryRun.checked ? 'true' : '' },
        { method: 'POST', body, headers: keyHeaders(district) });
      uploadStatus.textContent = `Import ${accepted.importId} accepted: ${accepted.status}.`;
      files.value = '';
      await refreshImports(importTable, district, true);
    } catch (error) {
      uploadStatus.textContent = error.message;
    }
  } },
    el('label', { for: 'f-files' }, 'Files (students.csv, pathway_enrollments.csv…)', files),
    el('label', { class: 'inline', for: 'f-dry-run' }, dryRun, 'Dry run (check only)'),
    el('button', { type: 'submit' }, 'Send'), uploadStatus);
  root.append(panel('Imports', csvButton('Download CSV', `imports-${district}.csv`, importTable), upload, importTable));
  if (imports.some(i => ACTIVE.includes(i.status))) refreshImports(importTable, district, false);

  // Off-track students.
  const rules = students.rules;
  const listed = students.students.filter(s => !reason || s.reasons.includes(reason));
  const counts = el('div', { class: 'kpis' },
    el('div', { class: 'kpi', 'data-kpi': 'enrolled' }, el('div', { class: 'value' }, String(students.enrolled)), el('div', { class: 'label' }, 'Students in a pathway')),
    el('div', { class: 'kpi', 'data-kpi': 'off-track' }, el('div', { class: 'value' }, String(students.offTrack)), el('div', { class: 'label' }, 'Off track')),
    rules.map(r => el('div', { class: 'kpi', 'data-kpi': r.rule }, el('div', { class: 'value' }, String(r.students)), el('div', { class: 'label' }, r.description))));
  const studentTable = table(`${everyone ? 'Pathway students' : 'Off-track pathway students'} of ${district}${pathway ? ` in ${pathway}` : ''}${reason ? `: ${rules.find(r => r.rule === reason)?.description}` : ''}`,
    ['Student', 'School', 'Grade', 'Pathway', { text: 'Pathway courses passed', class: 'num' }, { text: 'Concentrator courses', class: 'num' },
      { text: 'Work-based learning', class: 'num' }, { text: 'College credits', class: 'num' }, 'Why off track'],
    listed.map(s => [el('th', { scope: 'row', 'data-student': s.studentId }, s.studentId), s.schoolId, s.gradeLevel, s.pathwayName || s.pathwayId,
      numberCell(s.pathwayCourses), numberCell(s.concentratorCourses), numberCell(s.workBasedLearning),
      numberCell(Number(s.collegeCredits).toString(), false, null, v => (s.earlyCollege ? v : `${v} (not early college)`)),
      el('td', { 'data-csv': s.reasons.map(r => rules.find(x => x.rule === r)?.description || r).join('; ') },
        s.reasons.length ? s.reasons.map(r => el('span', { class: 'reason', 'data-reason': r }, rules.find(x => x.rule === r)?.description || r)) : 'On track')]),
    { 'data-table': 'students' });
  root.append(panel(everyone ? 'Pathway students' : 'Off-track students',
    csvButton('Download CSV', `${everyone ? 'pathway' : 'off-track'}-students-${district}.csv`, studentTable),
    el('form', { class: 'filters', 'aria-label': 'Student filters', onsubmit: e => e.preventDefault() },
      select('pathway', 'Pathway', [['', 'All pathways'], ...pathways.map(p => [p.pathwayId, p.name])], pathway, value => navigate({ pathway: value })),
      select('reason', 'Reason', [['', 'Any reason'], ...rules.map(r => [r.rule, r.description])], reason, value => navigate({ reason: value })),
      el('label', { class: 'inline', for: 'f-all' },
        el('input', { type: 'checkbox', id: 'f-all', checked: everyone, onchange: e => navigate({ all: e.target.checked ? 'true' : '' }) }),
        'Show students on track too')),
    counts, studentTable,
    students.truncated ? el('p', { class: 'muted' }, 'Only the first 5,000 are listed: narrow by pathway.') : null));
}

/** Polls the district's imports every second while any is running, updating the table in place. */
async function refreshImports(importTable, district, once) {
  const body = importTable.tBodies[0];
  for (;;) {
    if (!document.contains(importTable) && !once) return;
    const imports = await getJson(`${state.settings.commandUrl}/api/v1/districts/${encodeURIComponent(district)}/imports`,
      { headers: keyHeaders(district) }).catch(() => null);
    if (!imports) return;
    body.replaceChildren(...importRows(imports).map(row => el('tr', {}, row.map(cell => (cell instanceof Node ? cell : el('td', {}, cell ?? ''))))));
    once = false;
    if (!imports.some(i => ACTIVE.includes(i.status))) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
