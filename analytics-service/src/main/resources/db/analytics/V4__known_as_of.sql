-- "As of" a date: every row records when the ledger learned it, and a withdrawn fact is marked, not deleted,
-- so a metric can be recomputed from exactly what was known at any moment.
alter table pathway_entrant add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
alter table student_demographics add column recorded_at timestamptz not null default now();
alter table pathway_status add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
alter table college_credit add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
alter table wbl_placement add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
alter table industry_credential add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
alter table high_school_completion add column recorded_at timestamptz not null default now(), add column withdrawn_at timestamptz;
