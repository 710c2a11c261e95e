-- SQL for BI tools (issue 5): a read-only schema of views, already suppressed for region-level use.
--
-- The views read published cells, not student-level tables: the cells are the analytics API's own answers, written
-- here by the service (bi.BiPublisher), so small-cell suppression stays in one place (SmallCellSuppression) and is
-- never re-implemented in SQL. A suppressed value is stored as null, so no query over the views can see it.

create table published_metric (
    metric        varchar(64)  primary key,
    title         varchar(300) not null,
    numerator     text         not null,
    denominator   text         not null,
    population    text         not null,
    time_window   text         not null,
    source_events text         not null
);

create table published_cell (
    region_id              varchar(64)   not null,
    metric                 varchar(64)   not null,
    dimension              varchar(200)  not null,
    group_code             varchar(200)  not null,
    group_label            varchar(300)  not null,
    population             bigint,
    successes              bigint,
    rate_percent           numeric(5, 1),
    rate_shown             varchar(12),
    gap_points             numeric(6, 1),
    representation_index   numeric(8, 2),
    median_quarterly_wage  numeric(12, 2),
    suppressed             boolean       not null,
    reason                 varchar(30),
    minimum_cell_size      integer       not null,
    refreshed_at           timestamptz   not null,
    primary key (region_id, metric, dimension, group_code)
);

create table published_refresh (
    region_id    varchar(64) primary key,
    refreshed_at timestamptz not null,
    cells        integer     not null,
    millis       bigint      not null
);

create schema analytics_bi;

create view analytics_bi.metric as
select metric, title, numerator, denominator, population, time_window, source_events from analytics.published_metric;

-- One row per region, metric and group ('ALL' / 'ALL' for all students); nulls are suppressed values.
create view analytics_bi.metric_by_group as
select region_id, metric, dimension, group_code, group_label, population, successes, rate_percent, rate_shown, gap_points,
       representation_index, median_quarterly_wage, suppressed, reason, minimum_cell_size, refreshed_at
from analytics.published_cell;

create view analytics_bi.refresh as
select region_id, refreshed_at, cells, millis from analytics.published_refresh;

comment on schema analytics_bi is 'Pathways Ledger analytics for BI tools: region-level, small-cell suppressed, read-only';
comment on view analytics_bi.metric is 'The metrics catalogue: numerator, denominator, population, time window, source events';
comment on view analytics_bi.metric_by_group is 'Each metric per region for all students (dimension ALL) and each group of 9 dimensions; null = suppressed (see reason)';
comment on view analytics_bi.refresh is 'When each region''s cells were last published';

-- The BI role: read-only, sees only analytics_bi. Created once per cluster (roles are cluster-wide); its password
-- (and LOGIN) is set at startup from pathways.bi.password (bi.BiRole), never stored in a migration.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'pathways_bi') then
        create role pathways_bi nologin;
    end if;
end
$$;

alter role pathways_bi set default_transaction_read_only = on;
alter role pathways_bi set search_path = analytics_bi;
grant usage on schema analytics_bi to pathways_bi;
grant select on all tables in schema analytics_bi to pathways_bi;
