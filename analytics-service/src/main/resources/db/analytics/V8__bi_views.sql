-- SQL for BI tools (issue 5): the tables behind a read-only schema of views, already suppressed for region-level use.
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

-- The analytics_bi schema, its views over these tables and the read-only role pathways_bi are defined by the service
-- at every start (bi.BiViews), not here: a rebuild migrates a fresh copy of this schema beside the serving one, and
-- the views must always point at the copy that serves (the rebuild re-points them when it switches).
