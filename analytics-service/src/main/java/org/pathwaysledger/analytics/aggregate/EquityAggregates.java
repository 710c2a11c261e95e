package org.pathwaysledger.analytics.aggregate;

import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.subgroup.Dimension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The pre-aggregated equity counts ({@code equity_count}): for each pathway and district, each metric, dimension and
 * group, the entrants in the metric's population and those who succeeded, as known now.
 *
 * <p>There is no second definition of any metric here: a student's contribution is computed by the very SQL the
 * student-level query uses ({@link PathwayEntryQuery#ENTRANTS_AS_OF_ENTRY} and each {@link OutcomeMetric}'s
 * conditions, asked "as of now"). The projection keeps the counts exact by, for every polled batch, subtracting the
 * contribution of the students the batch touches before writing their rows and adding it back after.
 *
 * <p>Metrics whose answer changes with the calendar (a condition on {@code current_date}), with a region setting
 * bound as a parameter, or with the catalogue are not pre-aggregated: they keep the student-level path.
 */
public final class EquityAggregates {

    /** The entrant count itself (the pathway-entry metric): population = entrants, no successes. */
    public static final String ENTRANTS = "pathway-entry";

    /** What {@code AsOf} means by "now": the same instant, so the two paths count the very same rows. */
    private static final String NOW = "cast('9999-12-31T23:59:59Z' as timestamptz)";

    private static final List<OutcomeMetric> METRICS = Arrays.stream(OutcomeMetric.values())
            .filter(metric -> aggregatable(metric.populationCondition()) && aggregatable(metric.successCondition()))
            .toList();

    private static final Set<String> IDS = idsOf();

    /**
     * The touched students: the {@code = any} conditions let the entrant table's primary key (district, student)
     * find them by index whatever the table's size; the pairs make it exact.
     */
    private static final String STUDENTS = " and e.district_id = any(cast(? as varchar[])) and e.student_id = any(cast(? as varchar[]))"
            + " and (e.district_id, e.student_id) in (select * from unnest(cast(? as varchar[]), cast(? as varchar[])))";

    private static final String ADD_ALL = deltaSql("", "+");
    private static final String ADD_STUDENTS = deltaSql(STUDENTS, "+");
    private static final String SUBTRACT_STUDENTS = deltaSql(STUDENTS, "-");
    private static final String SIGNATURE = sha256(ADD_ALL);

    private EquityAggregates() {
    }

    /** Whether {@code metricId} is kept pre-aggregated. */
    public static boolean covers(String metricId) {
        return IDS.contains(metricId);
    }

    public static List<OutcomeMetric> metrics() {
        return METRICS;
    }

    /** Removes the current contribution of these students (call before writing their rows). */
    public static void subtract(Connection tx, List<String[]> students) throws SQLException {
        delta(tx, SUBTRACT_STUDENTS, students);
    }

    /** Adds the current contribution of these students (call after writing their rows). */
    public static void add(Connection tx, List<String[]> students) throws SQLException {
        delta(tx, ADD_STUDENTS, students);
    }

    /**
     * Makes sure the counts were computed with the current definitions; if not (first start after an upgrade, or a
     * changed definition) recomputes them all from the student-level rows, on the connection's schema.
     */
    public static boolean ensureCurrent(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table equity_aggregate_state in exclusive mode");
            try (ResultSet row = statement.executeQuery("select signature from equity_aggregate_state")) {
                if (row.next() && SIGNATURE.equals(row.getString(1))) {
                    connection.commit();
                    return false;
                }
            }
            recomputeAll(connection);
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Recomputes every count from the student-level rows, on the caller's transaction. */
    public static void recomputeAll(Connection tx) throws SQLException {
        try (Statement statement = tx.createStatement()) {
            statement.execute("delete from equity_count");
            statement.execute(ADD_ALL);
        }
        try (PreparedStatement state = tx.prepareStatement("insert into equity_aggregate_state (id, signature, refreshed_at) values (1, ?, now()) "
                + "on conflict (id) do update set signature = excluded.signature, refreshed_at = excluded.refreshed_at")) {
            state.setString(1, SIGNATURE);
            state.executeUpdate();
        }
    }

    private static void delta(Connection tx, String sql, List<String[]> students) throws SQLException {
        if (students.isEmpty()) {
            return;
        }
        String[] districts = new String[students.size()];
        String[] ids = new String[students.size()];
        for (int i = 0; i < students.size(); i++) {
            districts[i] = students.get(i)[0];
            ids[i] = students.get(i)[1];
        }
        try (PreparedStatement statement = tx.prepareStatement(sql)) {
            statement.setArray(1, tx.createArrayOf("varchar", java.util.Arrays.stream(districts).distinct().toArray()));
            statement.setArray(2, tx.createArrayOf("varchar", ids));
            statement.setArray(3, tx.createArrayOf("varchar", districts));
            statement.setArray(4, tx.createArrayOf("varchar", ids));
            statement.executeUpdate();
        }
    }

    /**
     * One statement: each entrant's groups and, per metric, whether it is in the population and succeeded (the
     * student-level definitions, as of now); collapsed to distinct combinations; spread over (metric, dimension,
     * group); added to (or subtracted from) the counts.
     */
    private static String deltaSql(String studentFilter, String sign) {
        StringBuilder select = new StringBuilder("select e.pathway_id, e.district_id");
        StringBuilder keys = new StringBuilder("pathway_id, district_id");
        Dimension[] dimensions = Dimension.values();
        for (int i = 0; i < dimensions.length; i++) {
            String column = "cast(d." + dimensions[i].column() + " as text)";
            // Booleans are reported as Y / N (Dimension.groupOf); other columns by their value.
            select.append(", case ").append(column).append(" when 'true' then 'Y' when 'false' then 'N' else ").append(column)
                    .append(" end as g").append(i);
            keys.append(", g").append(i);
        }
        for (int i = 0; i < METRICS.size(); i++) {
            OutcomeMetric metric = METRICS.get(i);
            select.append(", coalesce((").append(metric.populationCondition()).append("), false) as p").append(i)
                    .append(", coalesce((").append(metric.populationCondition()).append(") and (").append(metric.successCondition())
                    .append("), false) as s").append(i);
            keys.append(", p").append(i).append(", s").append(i);
        }
        String entrants = select + " " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY + studentFilter;
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            groups.append(i == 0 ? "" : ", ").append("('").append(dimensions[i].name()).append("', k.g").append(i).append(")");
        }
        StringBuilder metrics = new StringBuilder("('" + ENTRANTS + "', true, false)");
        for (int i = 0; i < METRICS.size(); i++) {
            metrics.append(", ('").append(METRICS.get(i).id()).append("', k.p").append(i).append(", k.s").append(i).append(")");
        }
        String sql = "with c as (" + entrants + "), "
                + "k as (select " + keys + ", count(*) as n from c group by " + keys + ") "
                + "insert into equity_count (pathway_id, district_id, metric, dimension, group_code, population, successes) "
                + "select k.pathway_id, k.district_id, m.metric, g.dimension, g.group_code, " + sign + "sum(k.n), "
                + sign + "coalesce(sum(k.n) filter (where m.success), 0) "
                + "from k cross join lateral (values " + groups + ") g(dimension, group_code) "
                + "cross join lateral (values " + metrics + ") m(metric, included, success) "
                + "where m.included group by 1, 2, 3, 4, 5 "
                + "on conflict (metric, pathway_id, district_id, dimension, group_code) do update "
                + "set population = equity_count.population + excluded.population, successes = equity_count.successes + excluded.successes";
        // Everyone, now: no scope, and the same "now" instant AsOf uses.
        return sql.replaceAll(":asOf\\b", NOW)
                .replaceAll("cast\\(:(pathway|sector|region|district|school) as varchar\\) is null", "true")
                .replaceAll(":(pathway|sector|region|district|school)\\b", "null");
    }

    /**
     * Whether a condition depends only on the student's own rows: not on the calendar, not on a setting bound as a
     * parameter (e.g. a region's living wage), not on the catalogue (a revised pathway would not touch the
     * students). Anything else keeps the student-level path, where it is always current.
     */
    private static boolean aggregatable(String condition) {
        String lower = condition.toLowerCase();
        boolean calendar = lower.contains("current_date") || lower.contains("now()") || lower.contains("current_timestamp");
        boolean otherParameter = condition.replaceAll(":asOf\\b", "").matches("(?s).*(?<!:):[A-Za-z_]\\w*.*");
        boolean catalogue = lower.contains("catalogue_pathway");
        return !calendar && !otherParameter && !catalogue;
    }

    private static Set<String> idsOf() {
        java.util.HashSet<String> ids = new java.util.HashSet<>();
        ids.add(ENTRANTS);
        METRICS.forEach(metric -> ids.add(metric.id()));
        return Set.copyOf(ids);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
