-- Pre-aggregated equity counts (issue 5, speed): per pathway, district, metric, dimension and group, how many
-- entrants are in the metric's population and how many of them succeeded, counting what is known now. Kept by the
-- projection in the same transaction as the student-level rows (each batch subtracts the touched students' old
-- contribution and adds their new one), so "one metric, all groups, one region" reads a few hundred rows. As-of
-- questions, school narrowing and intersections still use the student-level rows.
create table equity_count (
    pathway_id  varchar(64) not null,
    district_id varchar(64) not null,
    metric      varchar(64) not null,
    dimension   varchar(64) not null,
    group_code  varchar(64) not null,
    population  bigint      not null,
    successes   bigint      not null,
    primary key (metric, pathway_id, district_id, dimension, group_code)
);

-- Which definitions the counts were computed with: when a metric definition changes, the service recomputes them
-- all from the student-level rows at start-up.
create table equity_aggregate_state (
    id           integer primary key check (id = 1),
    signature    varchar(64) not null,
    refreshed_at timestamptz not null
);
