package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.DecisionCache;
import org.pathwaysledger.analytics.outcome.FunnelFamily;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.outcome.OutcomeQuery;
import org.pathwaysledger.analytics.outcome.ScopeFamilies;
import org.pathwaysledger.analytics.outcome.ScopeFamily;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Breakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Cell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedCell;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pathway's entrants followed by cohort (grade-9 or pathway entry year, {@link CohortBasis}): entered, concentrator, completer, graduated, college,
 * credential, employed. Each stage is published as "reached / not reached" of the entrants, through the same
 * suppression as every metric, so neither a small stage nor a small remainder (entrants minus stage) is shown.
 */
@Component
public class CohortFunnel {

    public enum Stage {
        ENTERED("Entered the pathway", "BY(e.entry_date)"),
        CONCENTRATOR("Became a concentrator", "exists (select 1 from pathway_status s where s.district_id = e.district_id and s.student_id = e.student_id "
                + "and s.pathway_id = e.pathway_id and s.status = 'CONCENTRATOR' and BY(s.reached_on) and " + known("s") + ")"),
        COMPLETER("Completed the pathway", "exists (select 1 from pathway_status s where s.district_id = e.district_id and s.student_id = e.student_id "
                + "and s.pathway_id = e.pathway_id and s.status = 'COMPLETER' and BY(s.reached_on) and " + known("s") + ")"),
        GRADUATED("Graduated from high school", "exists (select 1 from high_school_completion h where h.district_id = e.district_id "
                + "and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA' and BY(h.completed_on) and " + known("h") + ")"),
        COLLEGE("Enrolled in postsecondary education", "exists (select 1 from postsecondary_enrollment p where p.district_id = e.district_id "
                + "and p.student_id = e.student_id and BY(p.enrolled_on) and " + known("p") + ")"),
        CREDENTIAL("Earned a credential (industry or postsecondary)", "(exists (select 1 from industry_credential i where i.district_id = e.district_id "
                + "and i.student_id = e.student_id and BY(i.earned_date) and " + known("i") + ") or exists (select 1 from postsecondary_credential c "
                + "where c.district_id = e.district_id and c.student_id = e.student_id and BY(c.earned_on) and " + known("c") + "))"),
        EMPLOYED("Employed (a state wage record)", "exists (select 1 from wage_record w where w.district_id = e.district_id "
                + "and w.student_id = e.student_id and BY_QUARTER(w.year_quarter) and " + known("w") + ")");

        private final String label;
        private final String condition;

        Stage(String label, String condition) {
            this.label = label;
            this.condition = condition;
        }

        public String label() {
            return label;
        }

        /** Reached at any time (known at {@code :asOf}). */
        String condition() {
            return by(condition, "true", "true");
        }

        /** Reached on or before the date {@code bound} (SQL). */
        String conditionBy(String bound) {
            return by(condition, "$1 <= " + bound, "$1 <= to_char(" + bound + ", 'YYYY\"Q\"Q')");
        }

        private static String by(String condition, String date, String quarter) {
            return condition.replaceAll("BY_QUARTER\\(([\\w.]+)\\)", quarter).replaceAll("BY\\(([\\w.]+)\\)", date);
        }

        private static String known(String alias) {
            return "(" + alias + ".recorded_at <= :asOf and (" + alias + ".withdrawn_at is null or " + alias + ".withdrawn_at > :asOf))";
        }
    }

    public record StageCount(String stage, String label, Long students, boolean suppressed, SmallCellSuppression.Reason reason) {
    }

    /** How far the cohort had come by the end (June 30) of its {@code year}-th school year, e.g. year 4 of grade-9 cohort 2024 ends 2028-06-30. */
    public record YearStages(int year, List<StageCount> stages) {
    }

    /** {@code years} is null unless year-by-year was asked for. */
    public record Funnel(Integer cohortYear, List<StageCount> stages, List<YearStages> years) {
    }

    /** At most this many years are followed year by year (four of high school, then six after). */
    public static final int MAX_YEARS = 10;

    private final JdbcClient jdbc;
    private final SmallCellSuppression suppression;
    private final CohortTrend trend;
    private final ScopeFamilies families;
    private final OutcomeQuery outcomes;
    private final TransactionalEventConsumer consumer;

    /** {@code district} null: the decision over every scope; else over that district's schools. */
    private record Key(CohortBasis basis, Instant asOf, long eventsApplied, Instant lastAppliedAt, String district) {
    }

    private final DecisionCache<Key, Map<FunnelFamily.Answer, Map<ScopeFamily.Node, Forced>>> decisions = new DecisionCache<>();

    public CohortFunnel(JdbcClient jdbc, SmallCellSuppression suppression, CohortTrend trend, ScopeFamilies families,
                        OutcomeQuery outcomes, TransactionalEventConsumer consumer) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.trend = trend;
        this.families = families;
        this.outcomes = outcomes;
        this.consumer = consumer;
    }

    /** One funnel per grade-9 cohort (or the one asked for), oldest first: the trend across cohorts. */
    public List<Funnel> funnels(Scope scope, Integer cohortYear, Instant asOf) {
        return funnels(scope, CohortBasis.GRADE_9, cohortYear, 0, asOf);
    }

    /**
     * One funnel per cohort of the basis (grade-9 or pathway entry year; or the one asked for), oldest first, and,
     * with {@code years > 0}, where the cohort stood at the end of each of its first {@code years} school years.
     */
    public List<Funnel> funnels(Scope scope, CohortBasis basis, Integer cohortYear, int years, Instant asOf) {
        if (years < 0 || years > MAX_YEARS) {
            throw new IllegalArgumentException("years must be between 0 and " + MAX_YEARS);
        }
        StringBuilder select = new StringBuilder("select " + basis.expression() + " as cohort_year");
        for (Stage stage : Stage.values()) {
            select.append(", count(*) filter (where ").append(stage.condition()).append(") as ").append(stage.name().toLowerCase());
            for (int year = 1; year <= years; year++) {
                String endOfYear = "make_date(" + basis.expression() + " + " + year + ", 6, 30)";
                select.append(", count(*) filter (where ").append(stage.conditionBy(endOfYear)).append(") as y").append(year).append("_")
                        .append(stage.name().toLowerCase());
            }
        }
        String sql = select + " " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY
                + " and (cast(:cohort as integer) is null or " + basis.expression() + " = :cohort) group by 1 order by 1 nulls last";
        List<Funnel> funnels = new ArrayList<>();
        Map<Stage, Set<String>> hiddenByTrends = hiddenByTrends(scope, basis, asOf);
        // Across scopes: every count of the funnel decided with every scope's (FunnelFamily); a school's below its district.
        Map<FunnelFamily.Answer, Forced> acrossScopes = acrossScopes(scope, basis, asOf);
        scope.bind(jdbc.sql(sql))
                .param("asOf", Timestamp.from(asOf))
                .param("cohort", cohortYear)
                .query(row -> {
                    long entered = row.getLong(Stage.ENTERED.name().toLowerCase());
                    Object year0 = row.getObject("cohort_year");
                    String cohort = year0 == null ? CohortTrend.UNKNOWN : year0.toString();
                    List<StageCount> stages = new ArrayList<>();
                    for (Stage stage : Stage.values()) {
                        stages.add(decided(acrossScopes, basis, stage, 0, cohort, linked(hiddenByTrends, stage, cohort,
                                publish(stage, entered, row.getLong(stage.name().toLowerCase()), stage == Stage.ENTERED))));
                    }
                    List<YearStages> byYear = years == 0 ? null : new ArrayList<>();
                    for (int year = 1; year <= years; year++) {
                        List<StageCount> reached = new ArrayList<>();
                        for (Stage stage : Stage.values()) {
                            reached.add(decided(acrossScopes, basis, stage, year, cohort, linked(hiddenByTrends, stage, cohort,
                                    publish(stage, entered, row.getLong("y" + year + "_" + stage.name().toLowerCase()), false))));
                        }
                        byYear.add(new YearStages(year, reached));
                    }
                    funnels.add(new Funnel((Integer) row.getObject("cohort_year"), stages, byYear));
                });
        return funnels;
    }

    /** The hides decided across scopes for {@code scope}'s funnel, by answer (none unless across scopes is on). */
    private Map<FunnelFamily.Answer, Forced> acrossScopes(Scope scope, CohortBasis basis, Instant asOf) {
        if (!families.enabled()) {
            return Map.of();
        }
        ScopeFamily.Node node = ScopeFamilies.node(scope);
        String district = null;
        if (scope.school() != null) {
            district = families.districtOf(scope, false);
            if (district == null) {
                return Map.of(); // no entrant at the school: every count is zero, hidden by the own rule
            }
            node = new ScopeFamily.Node(node.level(), node.id(), scope.school().value());
        }
        Map<FunnelFamily.Answer, Forced> forced = new HashMap<>();
        ScopeFamily.Node at = node;
        decision(basis, asOf, district).forEach((answer, byNode) -> forced.put(answer, byNode.getOrDefault(at, Forced.NONE)));
        return forced;
    }

    private static StageCount decided(Map<FunnelFamily.Answer, Forced> acrossScopes, CohortBasis basis, Stage stage, int year, String cohort,
                                      StageCount count) {
        Forced forced = acrossScopes.get(new FunnelFamily.Answer(stage.name(), year));
        SmallCellSuppression.Reason reason = forced == null ? null : forced.successes().get(new PublishedRates.CellKey(basis.name(), cohort));
        return count.students() != null && reason != null ? new StageCount(count.stage(), count.label(), null, true, reason) : count;
    }

    /**
     * The funnel's counts decided over every scope ({@code district} null) or over one district's schools, below the
     * district's, for every year the funnel can show; cached per data position.
     */
    private Map<FunnelFamily.Answer, Map<ScopeFamily.Node, Forced>> decision(CohortBasis basis, Instant asOf, String district) {
        var status = consumer.status();
        Key key = new Key(basis, asOf, status.eventsApplied(), status.lastAppliedAt(), district);
        return decisions.get(key, () -> {
            // The whole-cohort counts the trends show (as hiddenByTrends reads them): the entrants are the population of
            // two trends, known where either shows them; the funnel hides the years where either hides them.
            Map<ScopeFamily.Node, Set<String>> completionEntrants = trend.hiddenCohorts(OutcomeMetric.COMPLETION_RATE, basis, asOf, district, true);
            Map<ScopeFamily.Node, Set<String>> concentratorEntrants = trend.hiddenCohorts(OutcomeMetric.CONCENTRATOR_RATE, basis, asOf, district, true);
            Map<ScopeFamily.Node, Set<String>> hiddenByBoth = new HashMap<>();
            Map<ScopeFamily.Node, Set<String>> hiddenByEither = new HashMap<>();
            Set<ScopeFamily.Node> nodes = new HashSet<>(completionEntrants.keySet());
            nodes.addAll(concentratorEntrants.keySet());
            for (ScopeFamily.Node node : nodes) {
                Set<String> both = new HashSet<>(completionEntrants.getOrDefault(node, Set.of()));
                both.retainAll(concentratorEntrants.getOrDefault(node, Set.of()));
                Set<String> either = new HashSet<>(completionEntrants.getOrDefault(node, Set.of()));
                either.addAll(concentratorEntrants.getOrDefault(node, Set.of()));
                hiddenByBoth.put(node, both);
                hiddenByEither.put(node, either);
            }
            Map<String, Map<ScopeFamily.Node, Set<String>>> fixed = new HashMap<>();
            fixed.put(Stage.COMPLETER.name(), trend.hiddenCohorts(OutcomeMetric.COMPLETION_RATE, basis, asOf, district, false));
            fixed.put(Stage.CONCENTRATOR.name(), trend.hiddenCohorts(OutcomeMetric.CONCENTRATOR_RATE, basis, asOf, district, false));
            fixed.put(Stage.GRADUATED.name(), trend.hiddenCohorts(OutcomeMetric.POSTSECONDARY_WITHIN_ONE_YEAR, basis, asOf, district, true));
            Map<String, Map<ScopeFamily.Node, Set<String>>> followed = new HashMap<>(fixed);
            fixed.put(Stage.ENTERED.name(), hiddenByBoth);
            followed.put(Stage.ENTERED.name(), hiddenByEither);
            FunnelFamily.OwnRule ownRule = (answer, entered, reached) -> {
                Stage stage = Stage.valueOf(answer.stage());
                return publish(stage, entered, reached, stage == Stage.ENTERED && answer.year() == 0).students() == null;
            };
            Map<FunnelFamily.Answer, Map<ScopeFamily.Node, Forced>> frozen = district == null ? Map.of()
                    : ScopeFamily.enclosing(district, decision(basis, asOf, null));
            return FunnelFamily.decide(countsByUnit(basis, asOf, district), outcomes.catalogue(), basis.name(), ownRule, fixed, followed, frozen);
        });
    }

    /**
     * Every stage's count by every year (0: at any time) of every cohort, by unit: each pathway in each district, or
     * ({@code district} given) in each of its schools (entrants recorded without a school as one more). Public for audits.
     */
    public Map<FunnelFamily.Answer, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> countsByUnit(CohortBasis basis, Instant asOf, String district) {
        StringBuilder select = new StringBuilder("select e.pathway_id, ")
                .append(district == null ? "e.district_id" : "coalesce(e.school_id, '" + ScopeFamily.NO_SCHOOL + "')")
                .append(" as unit, ").append(basis.expression()).append(" as cohort_year");
        for (Stage stage : Stage.values()) {
            for (int year = 0; year <= MAX_YEARS; year++) {
                String condition = year == 0 ? stage.condition() : stage.conditionBy("make_date(" + basis.expression() + " + " + year + ", 6, 30)");
                select.append(", count(*) filter (where ").append(condition).append(") as y").append(year).append("_").append(stage.name().toLowerCase());
            }
        }
        String sql = select + " " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY + " group by 1, 2, 3";
        Scope everyone = new Scope(null, null, null, district == null ? null : org.pathwaysledger.events.value.DistrictId.of(district), null);
        Map<FunnelFamily.Answer, Map<ScopeFamily.Unit, Map<String, long[]>>> cohorts = new HashMap<>();
        everyone.bind(jdbc.sql(sql))
                .param("asOf", Timestamp.from(asOf))
                .query(row -> {
                    Object year0 = row.getObject("cohort_year");
                    String cohort = year0 == null ? CohortTrend.UNKNOWN : year0.toString();
                    ScopeFamily.Unit unit = new ScopeFamily.Unit(row.getString("pathway_id"), row.getString("unit"));
                    long entered = row.getLong("y0_entered");
                    for (Stage stage : Stage.values()) {
                        for (int year = 0; year <= MAX_YEARS; year++) {
                            cohorts.computeIfAbsent(new FunnelFamily.Answer(stage.name(), year), key -> new HashMap<>())
                                    .computeIfAbsent(unit, key -> new HashMap<>())
                                    .put(cohort, new long[]{entered, row.getLong("y" + year + "_" + stage.name().toLowerCase())});
                        }
                    }
                });
        Map<FunnelFamily.Answer, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
        cohorts.forEach((answer, byUnit) -> {
            Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
            byUnit.forEach((unit, byCohort) -> units.put(unit, new OutcomeQuery.Counts(
                    byCohort.values().stream().mapToLong(cell -> cell[0]).sum(), byCohort.values().stream().mapToLong(cell -> cell[1]).sum(),
                    Map.of(), Map.of(List.of(), byCohort))));
            counts.put(answer, units);
        });
        return counts;
    }

    /**
     * Stages whose count per cohort a metric's trend also publishes (its population or successes per cohort): the
     * cohorts a trend hides (e.g. as the complement of a small cohort, recoverable from the metric's total otherwise)
     * are hidden here too, in the whole-cohort count and every year (a late year's count is often the same number).
     */
    private Map<Stage, Set<String>> hiddenByTrends(Scope scope, CohortBasis basis, Instant asOf) {
        Map<Stage, Set<String>> hidden = new EnumMap<>(Stage.class);
        CohortTrend.Trend completion = trend.trend(OutcomeMetric.COMPLETION_RATE, scope, basis, asOf);
        CohortTrend.Trend concentrators = trend.trend(OutcomeMetric.CONCENTRATOR_RATE, scope, basis, asOf);
        CohortTrend.Trend graduates = trend.trend(OutcomeMetric.POSTSECONDARY_WITHIN_ONE_YEAR, scope, basis, asOf);
        hidden.put(Stage.ENTERED, cohorts(completion, row -> row.population() == null));
        hidden.get(Stage.ENTERED).addAll(cohorts(concentrators, row -> row.population() == null));
        hidden.put(Stage.COMPLETER, cohorts(completion, row -> row.successes() == null));
        hidden.put(Stage.CONCENTRATOR, cohorts(concentrators, row -> row.successes() == null));
        hidden.put(Stage.GRADUATED, cohorts(graduates, row -> row.population() == null));
        return hidden;
    }

    private static Set<String> cohorts(CohortTrend.Trend trend, java.util.function.Predicate<PublishedRates.Row> hidden) {
        Set<String> cohorts = new HashSet<>();
        trend.cohorts().stream().filter(hidden).forEach(row -> cohorts.add(row.group()));
        return cohorts;
    }

    private static StageCount linked(Map<Stage, Set<String>> hiddenByTrends, Stage stage, String cohort, StageCount count) {
        return count.students() != null && hiddenByTrends.getOrDefault(stage, Set.of()).contains(cohort)
                ? new StageCount(count.stage(), count.label(), null, true, SmallCellSuppression.Reason.LINKED) : count;
    }

    /**
     * A stage of a cohort as "reached / not reached" of its entrants, suppressed together; the entered stage itself
     * (the cohort's size) is the total.
     */
    private StageCount publish(Stage stage, long entered, long reached, boolean cohortSize) {
        var published = suppression.publish(entered, List.of(new Breakdown(stage.name(), stage.label(), List.of(
                new Cell("REACHED", stage.label(), reached), new Cell("NOT_REACHED", "Not " + stage.label(), entered - reached)))));
        PublishedCell cell = cohortSize
                ? new PublishedCell("REACHED", stage.label(), published.total().count(), published.total().suppressed(), published.total().reason())
                : published.breakdowns().get(0).cells().get(0);
        return new StageCount(stage.name(), stage.label(), cell.count(), cell.suppressed(), cell.reason());
    }
}
