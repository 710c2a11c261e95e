package org.pathwaysledger.analytics.bi;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The read-only schema {@code analytics_bi} for BI tools: views over the published (already suppressed) cells and the
 * region's 4S1 programme list, and the role {@code pathways_bi} that may read only them. Defined at every start
 * (by {@link BiRole}) and again when a rebuild switches copies, because a view is bound to the tables it was created
 * on, not to their names: {@code create or replace} re-points it at the copy now called {@code analytics}.
 */
public final class BiViews {

    public static final String SCHEMA = "analytics_bi";

    private static final List<String> STATEMENTS = List.of(
            "create schema if not exists analytics_bi",
            """
            create or replace view analytics_bi.metric as
            select metric, title, numerator, denominator, population, time_window, source_events from analytics.published_metric""",
            """
            create or replace view analytics_bi.metric_by_group as
            select region_id, metric, dimension, group_code, group_label, population, successes, rate_percent, rate_shown, gap_points,
                   representation_index, median_quarterly_wage, suppressed, reason, minimum_cell_size, refreshed_at
            from analytics.published_cell""",
            "create or replace view analytics_bi.refresh as select region_id, refreshed_at, cells, millis from analytics.published_refresh",
            "create or replace view analytics_bi.nontraditional_field as select cip_prefix, underrepresented_sex, field from analytics.nontraditional_field",
            "comment on schema analytics_bi is 'Pathways Ledger analytics for BI tools: region-level, small-cell suppressed, read-only'",
            "comment on view analytics_bi.metric is 'The metrics catalogue: numerator, denominator, population, time window, source events'",
            "comment on view analytics_bi.metric_by_group is 'Each metric per region for all students (dimension ALL) and each group of 9 dimensions; null = suppressed (see reason)'",
            "comment on view analytics_bi.refresh is 'When each region''s cells were last published'",
            "comment on view analytics_bi.nontraditional_field is 'Programs (CIP code prefixes) counted as nontraditional for Perkins 4S1, with the under-represented sex'",
            // Roles are cluster-wide: created once, never with a password here (BiRole sets it from configuration).
            """
            do $$
            begin
                if not exists (select 1 from pg_roles where rolname = 'pathways_bi') then
                    create role pathways_bi nologin;
                end if;
            end
            $$""",
            "alter role pathways_bi set default_transaction_read_only = on",
            "alter role pathways_bi set search_path = analytics_bi",
            "grant usage on schema analytics_bi to pathways_bi",
            "grant select on all tables in schema analytics_bi to pathways_bi");

    private BiViews() {
    }

    /** Creates or re-points the views and the role's rights; safe to run again at any time. */
    public static void define(Statement statement) throws SQLException {
        for (String sql : STATEMENTS) {
            statement.execute(sql);
        }
    }
}
