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
import java.util.Map;
import java.util.Set;

/**
 * The pre-aggregated equity counts ({@code equity_count}): for each pathway and district, each metric, dimension and
 * group, the entrants in the metric's population and those who succeeded, as known now.
 *
 * <p>A student's contribution is the entrant lookup of the student-level query
 * ({@link PathwayEntryQuery#ENTRANTS_AS_OF_ENTRY}, demographics on the day of entry) with each {@link OutcomeMetric}'s
 * population and success, asked "as of now", in their set-wise form ({@link SetWise}: each fact table reduced per
 * student by a group-by and joined, instead of subqueries per student and metric; tests hold it equal to the
 * per-student definitions) when all students are counted at once ({@link #recomputeAll}: a rebuilt copy once it has
 * caught up, an upgrade), and by the per-student definitions themselves for the students of one batch: the projection
 * keeps the counts exact by, for every polled batch, subtracting the contribution of the students the batch touches
 * before writing their rows and adding it back after.
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
     * The touched students, each pair once, and their entrants found from them by the entrant table's primary key
     * (district, student): one index probe per student whatever the table's size. (Filtering the entrants by
     * {@code = any} of the arrays and {@code (district, student) in (unnest ...)} instead left the planner an
     * estimate of a handful of entrants, on which it sometimes chose a nested loop over the unnested pairs per
     * entrant: quadratic, 200 ms for 1,000 new entrants; BENCHMARKS.md, round 4.)
     */
    private static final String STUDENTS = "from (select distinct * from unnest(cast(? as varchar[]), cast(? as varchar[])) b(district_id, student_id)) b "
            + "join pathway_entrant e on e.district_id = b.district_id and e.student_id = b.student_id";

    /**
     * A batch's students, by the per-student definitions. (Their set-wise form, filtered to the batch's students, was
     * tried and measured no faster, but before the plan fix in {@link #delta}; it is not used, see BENCHMARKS.md.)
     */
    private static final String ADD_STUDENTS = deltaSql(STUDENTS, "+");
    private static final String SUBTRACT_STUDENTS = deltaSql(STUDENTS, "-");
    /** Every student at once: the same counts from joins and group-bys instead of subqueries per student. */
    private static final String ADD_ALL = SetWise.sql();
    /** The definitions the counts follow: the per-student SQL (the metric definitions) and its set-wise form. */
    private static final String SIGNATURE = sha256(deltaSql(null, "+") + ADD_ALL);

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
            // Every entrant's groups and flags are grouped in memory (a hash), not sorted by their ~40 columns.
            statement.execute("set local work_mem = '256MB'");
            statement.execute("delete from equity_count");
            statement.execute(ADD_ALL);
        }
        markRefreshed(tx);
    }

    /** Records that the counts follow the current definitions ({@link #ensureCurrent} recomputes them otherwise). */
    private static void markRefreshed(Connection tx) throws SQLException {
        try (PreparedStatement state = tx.prepareStatement("insert into equity_aggregate_state (id, signature, refreshed_at) values (1, ?, now()) "
                + "on conflict (id) do update set signature = excluded.signature, refreshed_at = excluded.refreshed_at")) {
            state.setString(1, SIGNATURE);
            state.executeUpdate();
        }
    }

    /** The table the parts of {@link #recomputeAllInParallel} append their counts to (unlogged, dropped after). */
    static final String PARTS = "equity_count_parts";

    /**
     * {@link #recomputeAll} on {@code parts} connections at once (a rebuilt copy once it has caught up): each counts
     * its share of the students (by a hash of the student id) into an unlogged table, then one transaction replaces
     * the counts with their sums. The data source's connections must work in the copy's schema.
     */
    public static void recomputeAllInParallel(javax.sql.DataSource dataSource, int parts) throws SQLException, InterruptedException {
        if (parts <= 1) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                recomputeAll(connection);
                connection.commit();
            }
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("drop table if exists " + PARTS);
            statement.execute("create unlogged table " + PARTS + " (like equity_count)");
        }
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> workers = new java.util.ArrayList<>();
        for (int part = 0; part < parts; part++) {
            String sql = SetWise.sql(parts, part);
            Thread worker = new Thread(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set local work_mem = '256MB'");
                        statement.execute(sql);
                    }
                    connection.commit();
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }, "equity-counts-part-" + part);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failed.get() != null) {
            throw failed.get() instanceof SQLException e ? e : new SQLException("counting a part failed: " + failed.get().getMessage(), failed.get());
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("delete from equity_count");
                statement.execute("insert into equity_count (pathway_id, district_id, metric, dimension, group_code, population, successes) "
                        + "select pathway_id, district_id, metric, dimension, group_code, sum(population), sum(successes) from " + PARTS
                        + " group by 1, 2, 3, 4, 5");
                statement.execute("drop table " + PARTS);
            }
            markRefreshed(connection);
            connection.commit();
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
        try (Statement setting = tx.createStatement()) {
            // The plan must see how many students the arrays hold: a generic plan (chosen after a few executions of
            // the driver's prepared statement) cannot, and may scan every entrant per batch.
            setting.execute("set local plan_cache_mode = force_custom_plan");
        }
        try (PreparedStatement statement = tx.prepareStatement(sql)) {
            statement.setArray(1, tx.createArrayOf("varchar", districts));
            statement.setArray(2, tx.createArrayOf("varchar", ids));
            statement.executeUpdate();
        }
    }

    /**
     * One statement: each entrant's groups and, per metric, whether it is in the population and succeeded, by the
     * student-level definitions (subqueries per entrant), as of now; counted per (dimension, group) with one count per
     * metric flag; spread over the metrics; added to (or subtracted from) the counts.
     *
     * <p>Shaped for a batch of a few hundred students (measured on a read model of 330,000 entrants, BENCHMARKS.md
     * "Consumers' PostgreSQL cost, round 4"): each distinct condition text is evaluated once per entrant
     * ({@link Flags}: the definitions share their populations and several successes, and PostgreSQL runs every copy of
     * a subquery), and the rows are counted per (pathway, district, dimension, group) in one hash
     * aggregate with a {@code count(*) filter} per flag, instead of grouping by every group and flag (43 keys, a sort)
     * and then by (metric, dimension, group) again. The same counts: a (metric, dimension, group) row is written when
     * at least one entrant is in the metric's population, as before.
     */
    private static String deltaSql(String students, String sign) {
        Flags flags = Flags.of(METRICS);
        String from = PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY;
        String withFlags = from.replaceFirst("\\) d on true", java.util.regex.Matcher.quoteReplacement(") d on true" + flags.lateral()));
        String ofStudents = students == null ? withFlags
                : withFlags.replaceFirst("^\\s*from pathway_entrant e\\b", java.util.regex.Matcher.quoteReplacement(students));
        if (withFlags.equals(from) || (students != null && ofStudents.equals(withFlags))) {
            throw new IllegalStateException("The entrant query no longer has the shape the batch's counts join to: " + from);
        }
        String entrants = entrantsSelect(flags.columns()::get) + " " + ofStudents;
        Dimension[] dimensions = Dimension.values();
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            groups.append(i == 0 ? "" : ", ").append("('").append(dimensions[i].name()).append("', c.g").append(i).append(")");
        }
        StringBuilder counts = new StringBuilder("count(*) as n");
        StringBuilder metrics = new StringBuilder("('" + ENTRANTS + "', t.n, 0)");
        for (int i = 0; i < METRICS.size(); i++) {
            // s implies p (s is "in the population and succeeded"), so the successes are those of the population.
            counts.append(", count(*) filter (where c.p").append(i).append(") as p").append(i)
                    .append(", count(*) filter (where c.s").append(i).append(") as s").append(i);
            metrics.append(", ('").append(METRICS.get(i).id()).append("', t.p").append(i).append(", t.s").append(i).append(")");
        }
        // c materialized: its subqueries run once per entrant, not once per (entrant, dimension) row of t.
        String sql = "with c as materialized (" + entrants + "), "
                + "t as (select c.pathway_id, c.district_id, g.dimension, g.group_code, " + counts
                + " from c cross join lateral (values " + groups + ") g(dimension, group_code) group by 1, 2, 3, 4) "
                + "insert into equity_count (pathway_id, district_id, metric, dimension, group_code, population, successes) "
                + "select t.pathway_id, t.district_id, m.metric, t.dimension, t.group_code, " + sign + "m.population, " + sign + "m.successes "
                + "from t cross join lateral (values " + metrics + ") m(metric, population, successes) where m.population > 0 "
                + "on conflict (metric, pathway_id, district_id, dimension, group_code) do update "
                + "set population = equity_count.population + excluded.population, successes = equity_count.successes + excluded.successes";
        return everyoneNow(sql);
    }

    /**
     * The per-entrant flags of the batch's statement, each distinct condition text evaluated once per entrant: every
     * population and every success some metric asks of all its entrants (population "true") in a first lateral
     * subquery {@code f}; the other successes in a second one {@code h}, each only for the entrants in its metric's
     * population ({@code case when}), as the per-student form's "and" skipped them. {@code columns}: per metric, the
     * {population, success} expressions over those columns (p = population, s = population and success, as before).
     */
    record Flags(String lateral, Map<OutcomeMetric, String[]> columns) {

        static Flags of(List<OutcomeMetric> metrics) {
            List<String> everyone = new java.util.ArrayList<>();
            for (OutcomeMetric metric : metrics) {
                addOnce(everyone, metric.populationCondition());
                if (metric.populationCondition().equals("true")) {
                    addOnce(everyone, metric.successCondition());
                }
            }
            List<String> guarded = new java.util.ArrayList<>();
            Map<OutcomeMetric, String[]> columns = new java.util.EnumMap<>(OutcomeMetric.class);
            for (OutcomeMetric metric : metrics) {
                String population = "f.f" + everyone.indexOf(metric.populationCondition());
                int success = everyone.indexOf(metric.successCondition());
                if (success >= 0) {
                    columns.put(metric, new String[]{population, "f.f" + success});
                } else {
                    String onlyForPopulation = "case when " + population + " then (" + metric.successCondition() + ") end";
                    addOnce(guarded, onlyForPopulation);
                    columns.put(metric, new String[]{population, "h.h" + guarded.indexOf(onlyForPopulation)});
                }
            }
            // offset 0: each kept a subquery evaluated once per entrant, not pulled up into every reference to a column.
            StringBuilder lateral = new StringBuilder(" cross join lateral (select ");
            for (int i = 0; i < everyone.size(); i++) {
                lateral.append(i == 0 ? "" : ", ").append("(").append(everyone.get(i)).append(") as f").append(i);
            }
            lateral.append(" offset 0) f");
            if (!guarded.isEmpty()) {
                lateral.append(" cross join lateral (select ");
                for (int i = 0; i < guarded.size(); i++) {
                    lateral.append(i == 0 ? "" : ", ").append(guarded.get(i)).append(" as h").append(i);
                }
                lateral.append(" offset 0) h");
            }
            return new Flags(lateral.toString(), columns);
        }

        private static void addOnce(List<String> conditions, String condition) {
            if (!conditions.contains(condition)) {
                conditions.add(condition);
            }
        }
    }

    /** "Now" and "everyone": no scope, and the same "now" instant AsOf uses. */
    private static String everyoneNow(String sql) {
        return sql.replaceAll(":asOf\\b", NOW)
                .replaceAll("cast\\(:(pathway|sector|region|district|school) as varchar\\) is null", "true")
                .replaceAll(":(pathway|sector|region|district|school)\\b", "null");
    }

    /**
     * The select list of one row per entrant {@code e} with demographics {@code d}: pathway, district, the groups g0..
     * and, per metric, p (in the population) and s (in it and succeeded), from each metric's {population, success}.
     */
    private static String entrantsSelect(java.util.function.Function<OutcomeMetric, String[]> conditions) {
        StringBuilder select = new StringBuilder("select e.pathway_id, e.district_id");
        Dimension[] dimensions = Dimension.values();
        for (int i = 0; i < dimensions.length; i++) {
            String column = "cast(d." + dimensions[i].column() + " as text)";
            // Booleans are reported as Y / N (Dimension.groupOf); other columns by their value.
            select.append(", case ").append(column).append(" when 'true' then 'Y' when 'false' then 'N' else ").append(column)
                    .append(" end as g").append(i);
        }
        for (int i = 0; i < METRICS.size(); i++) {
            String[] condition = conditions.apply(METRICS.get(i));
            select.append(", coalesce((").append(condition[0]).append("), false) as p").append(i)
                    .append(", coalesce((").append(condition[0]).append(") and (").append(condition[1])
                    .append("), false) as s").append(i);
        }
        return select.toString();
    }

    private static String keys() {
        StringBuilder keys = new StringBuilder("pathway_id, district_id");
        for (int i = 0; i < Dimension.values().length; i++) {
            keys.append(", g").append(i);
        }
        for (int i = 0; i < METRICS.size(); i++) {
            keys.append(", p").append(i).append(", s").append(i);
        }
        return keys.toString();
    }

    /**
     * The statement around a query {@code entrants} of one row per entrant (pathway, district, groups g0.., population
     * and success flags p0.., s0..): collapsed to distinct combinations, spread over (metric, dimension, group), added
     * to (or subtracted from) the counts; "now" and "everyone" substituted.
     */
    private static String spread(String with, String entrants, String sign) {
        String keys = keys();
        Dimension[] dimensions = Dimension.values();
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            groups.append(i == 0 ? "" : ", ").append("('").append(dimensions[i].name()).append("', k.g").append(i).append(")");
        }
        StringBuilder metrics = new StringBuilder("('" + ENTRANTS + "', true, false)");
        for (int i = 0; i < METRICS.size(); i++) {
            metrics.append(", ('").append(METRICS.get(i).id()).append("', k.p").append(i).append(", k.s").append(i).append(")");
        }
        String sql = "with " + with + "c as (" + entrants + "), "
                + "k as (select " + keys + ", count(*) as n from c group by " + keys + ") "
                + "insert into equity_count (pathway_id, district_id, metric, dimension, group_code, population, successes) "
                + "select k.pathway_id, k.district_id, m.metric, g.dimension, g.group_code, " + sign + "sum(k.n), "
                + sign + "coalesce(sum(k.n) filter (where m.success), 0) "
                + "from k cross join lateral (values " + groups + ") g(dimension, group_code) "
                + "cross join lateral (values " + metrics + ") m(metric, included, success) "
                + "where m.included group by 1, 2, 3, 4, 5 "
                + "on conflict (metric, pathway_id, district_id, dimension, group_code) do update "
                + "set population = equity_count.population + excluded.population, successes = equity_count.successes + excluded.successes";
        return everyoneNow(sql);
    }

    /**
     * The counts of every student at once, for {@link #recomputeAll} (a rebuilt copy once it has caught up, an upgrade).
     * The per-student SQL asks, for each entrant and metric, subqueries on the student's facts: fine for the students
     * of one batch, but at a million entrants that is tens of millions of index probes (minutes). Here each kind of
     * fact is reduced once per student (or student and pathway) by a group-by, joined to the entrants by hash joins,
     * and each metric's population and success become flags over those columns. The demographics on the day of entry
     * are the very lookup the student-level query uses.
     *
     * <p>These flags restate the metric definitions of {@link OutcomeMetric} set-wise: {@code EquityAggregatesTest}
     * and {@code CatchUpRebuildTest} check on random ledgers (corrections, retractions, re-entries, duplicates) that
     * they give the same counts as the per-student SQL. A metric without a set-wise form here keeps its per-student
     * conditions inside the same statement (correct, only slower).
     */
    static final class SetWise {

        private static String known(String alias) {
            return "(" + alias + ".recorded_at <= :asOf and (" + alias + ".withdrawn_at is null or " + alias + ".withdrawn_at > :asOf))"
                    + PART_MARK.replace("{alias}", alias);
        }

        /** Where {@link #sql(int, int)} puts its part's condition on a student-level row ({@code {alias}}: the table's alias). */
        private static final String PART_MARK = "{part:{alias}}";

        /** Each kind of fact reduced per student (and pathway), as known now. */
        private static final String FACTS = "status as (select s.district_id, s.student_id, s.pathway_id, "
                + "bool_or(s.status = 'CONCENTRATOR') as concentrator, bool_or(s.status = 'COMPLETER') as completer, "
                + "bool_or(s.status in ('PARTICIPANT', 'CONCENTRATOR', 'COMPLETER')) as participant "
                + "from pathway_status s where " + known("s") + " group by 1, 2, 3), "
                + "diploma as (select h.district_id, h.student_id, min(h.completed_on) as diploma_on from high_school_completion h "
                + "where " + known("h") + " and h.completion = 'HS_DIPLOMA' group by 1, 2), "
                + "credit as (select c.district_id, c.student_id, "
                + "coalesce(sum(c.credits) filter (where c.year_end <= coalesce(g.diploma_on, date 'infinity')), 0) as by_diploma "
                + "from college_credit c left join diploma g on g.district_id = c.district_id and g.student_id = c.student_id "
                + "where " + known("c") + " group by 1, 2), "
                + "wbl as (select distinct w.district_id, w.student_id from wbl_placement w where " + known("w") + "), "
                + "industry as (select distinct i.district_id, i.student_id from industry_credential i where " + known("i") + "), "
                + "college_credential as (select distinct c.district_id, c.student_id from postsecondary_credential c where " + known("c") + "), "
                + "college as (select p.district_id, p.student_id, min(p.enrolled_on) as first_enrolled_on from postsecondary_enrollment p "
                + "where " + known("p") + " group by 1, 2), "
                + "second_quarter_wage as (select distinct w.district_id, w.student_id from wage_record w "
                + "join diploma g on g.district_id = w.district_id and g.student_id = w.student_id "
                + "where " + known("w") + " and w.year_quarter = to_char(g.diploma_on + interval '6 months', 'YYYY\"Q\"Q')), ";

        private static final String JOINS = " left join status st on st.district_id = e.district_id and st.student_id = e.student_id and st.pathway_id = e.pathway_id"
                + " left join diploma dip on dip.district_id = e.district_id and dip.student_id = e.student_id"
                + " left join credit cr on cr.district_id = e.district_id and cr.student_id = e.student_id"
                + " left join wbl wb on wb.district_id = e.district_id and wb.student_id = e.student_id"
                + " left join industry ind on ind.district_id = e.district_id and ind.student_id = e.student_id"
                + " left join college_credential pc on pc.district_id = e.district_id and pc.student_id = e.student_id"
                + " left join college col on col.district_id = e.district_id and col.student_id = e.student_id"
                + " left join second_quarter_wage wq on wq.district_id = e.district_id and wq.student_id = e.student_id ";

        private static final String CONCENTRATOR = "coalesce(st.concentrator, false)";
        private static final String COMPLETER = "coalesce(st.completer, false)";
        private static final String PARTICIPANT = "coalesce(st.participant, false)";
        private static final String GRADUATED = "dip.diploma_on is not null";
        private static final String CREDIT = "cr.district_id is not null";
        private static final String WBL = "wb.district_id is not null";
        private static final String INDUSTRY = "ind.district_id is not null";
        private static final String GRADUATED_CONCENTRATOR = CONCENTRATOR + " and " + GRADUATED;

        /** {population, success} of each metric over the reduced facts. */
        private static final Map<OutcomeMetric, String[]> FLAGS = Map.ofEntries(
                Map.entry(OutcomeMetric.CONCENTRATOR_RATE, new String[]{"true", CONCENTRATOR}),
                Map.entry(OutcomeMetric.COMPLETION_RATE, new String[]{"true", COMPLETER}),
                Map.entry(OutcomeMetric.EARLY_COLLEGE_CREDIT, new String[]{"true", CREDIT}),
                Map.entry(OutcomeMetric.TWELVE_COLLEGE_CREDITS, new String[]{"true", "coalesce(cr.by_diploma, 0) >= 12"}),
                Map.entry(OutcomeMetric.WBL_PARTICIPATION, new String[]{"true", WBL}),
                Map.entry(OutcomeMetric.INDUSTRY_CREDENTIAL, new String[]{"true", INDUSTRY}),
                Map.entry(OutcomeMetric.POSTSECONDARY_WITHIN_ONE_YEAR, new String[]{GRADUATED,
                        "coalesce(col.first_enrolled_on <= dip.diploma_on + 365, false)"}),
                Map.entry(OutcomeMetric.PERKINS_3S1, new String[]{GRADUATED_CONCENTRATOR,
                        "coalesce(col.first_enrolled_on < date_trunc('quarter', dip.diploma_on + interval '9 months'), false) or wq.district_id is not null"}),
                Map.entry(OutcomeMetric.PERKINS_5S1, new String[]{GRADUATED_CONCENTRATOR, INDUSTRY + " or pc.district_id is not null"}),
                Map.entry(OutcomeMetric.PERKINS_5S2, new String[]{GRADUATED_CONCENTRATOR, CREDIT}),
                Map.entry(OutcomeMetric.PERKINS_5S3, new String[]{GRADUATED_CONCENTRATOR, WBL}),
                Map.entry(OutcomeMetric.K12SWP_PARTICIPANTS, new String[]{"true", PARTICIPANT}),
                Map.entry(OutcomeMetric.K12SWP_COMPLETERS, new String[]{PARTICIPANT, COMPLETER}),
                Map.entry(OutcomeMetric.K12SWP_COMPLETERS_EARLY_CREDIT, new String[]{COMPLETER, CREDIT}),
                Map.entry(OutcomeMetric.K12SWP_COMPLETERS_WBL, new String[]{COMPLETER, WBL}),
                Map.entry(OutcomeMetric.K12SWP_COMPLETERS_CERTIFICATION, new String[]{COMPLETER, INDUSTRY}));

        /** Every student's counts, to add to empty counts. */
        static String sql() {
            return sql(1, 0);
        }

        /**
         * The counts of part {@code part} of {@code parts} of the students (split by a hash of the student id, so a
         * student's entrant rows and facts are in one part), appended to {@link #PARTS} without summing (parts run at
         * once, on their own connections). With one part, every student's, added to {@code equity_count}: {@link #sql()}.
         */
        static String sql(int parts, int part) {
            String from = PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY;
            String joined = from.replaceFirst("\\) d on true", ") d on true" + java.util.regex.Matcher.quoteReplacement(JOINS));
            if (joined.equals(from)) {
                throw new IllegalStateException("The entrant query no longer has the shape the set-wise counts join to: " + from);
            }
            String entrants = entrantsSelect(metric -> FLAGS.getOrDefault(metric,
                    new String[]{metric.populationCondition(), metric.successCondition()})) + " " + joined + PART_MARK.replace("{alias}", "e");
            String sql = spread(FACTS, entrants, "+");
            if (parts > 1) {
                int onConflict = sql.indexOf(" on conflict (metric, pathway_id, district_id, dimension, group_code)");
                sql = sql.substring(0, onConflict).replace("insert into equity_count ", "insert into " + PARTS + " ");
            }
            // hashtext is an int4; shifted to be non-negative, then the part's remainder.
            return sql.replaceAll("\\{part:(\\w+)\\}", parts > 1 ? " and mod(cast(hashtext($1.student_id) as bigint) + 2147483648, " + parts + ") = " + part : "");
        }

        /** Whether every pre-aggregated metric has its set-wise form (else it is computed per student in the same statement). */
        static boolean complete() {
            return FLAGS.keySet().containsAll(METRICS);
        }
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
