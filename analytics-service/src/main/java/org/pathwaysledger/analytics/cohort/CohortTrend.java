package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.outcome.OutcomeQuery;
import org.pathwaysledger.analytics.outcome.ScopeFamilies;
import org.pathwaysledger.analytics.outcome.ScopeFamily;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.pathwaysledger.analytics.outcome.SharedCounts;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric's rate per cohort, oldest first: the trend across cohorts. The cohorts of a scope add up to the metric's
 * all-students answer, so they are published as one breakdown through {@link PublishedRates}: a small cohort is
 * hidden, and so is the next-smallest, or it could be recovered from the metric's total.
 */
@Component
public class CohortTrend {

    /** Entrants with no known cohort year (no grade-9 year reported) form their own group, so the cohorts add up. */
    static final String UNKNOWN = "UNKNOWN";

    public record Trend(int minimumCellSize, PublishedRates.Overall all, List<PublishedRates.Row> cohorts) {
    }

    /** The cohorts of a unit's counts, kept in {@link OutcomeQuery.Counts#byIntersection()} under this key (no dimension pair). */
    private static final List<org.pathwaysledger.analytics.subgroup.Dimension> COHORTS = List.of();

    private record Key(OutcomeMetric head, CohortBasis basis, Instant asOf, long eventsApplied, Instant lastAppliedAt, String district) {
    }

    private final JdbcClient jdbc;
    private final SmallCellSuppression suppression;
    private final RegionSettings region;
    private final ScopeFamilies families;
    private final OutcomeQuery outcomes;
    private final TransactionalEventConsumer consumer;
    /** A family's decision and the counts by unit it was made on. */
    private record Decided(Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts,
                           Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> forced) {
    }

    private final org.pathwaysledger.analytics.outcome.DecisionCache<Key, Decided> decisions =
            new org.pathwaysledger.analytics.outcome.DecisionCache<>();

    public CohortTrend(JdbcClient jdbc, SmallCellSuppression suppression, RegionSettings region, ScopeFamilies families,
                       OutcomeQuery outcomes, TransactionalEventConsumer consumer) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.region = region;
        this.families = families;
        this.outcomes = outcomes;
        this.consumer = consumer;
    }

    public Trend trend(OutcomeMetric metric, Scope scope, CohortBasis basis, Instant asOf) {
        PublishedRates.Table table;
        if (families.enabled()) {
            // Across scopes: a scope's cohorts are the sum of its districts' and a region's of its pathways', as for the
            // groups of an answer; the family's decision covers every scope and the linked metrics; a district's schools
            // are decided below it.
            ScopeFamily.Node node = ScopeFamilies.node(scope);
            String district = scope.school() == null ? null : families.districtOf(scope, false);
            Forced forced = scope.school() != null && district == null ? Forced.NONE
                    : acrossScopes(metric, basis, asOf, district).forced().getOrDefault(metric, Map.of()).getOrDefault(
                            scope.school() == null ? node : new ScopeFamily.Node(node.level(), node.id(), scope.school().value()), Forced.NONE);
            SharedCounts.Unpublished answer = counts(metric, scope, basis, asOf);
            table = PublishedRates.publish(suppression, answer.population(), answer.successes(), answer.dimensions(), false, forced);
        } else {
            // Published together with the metrics that carry some of the same counts, cohort by cohort (SharedCounts).
            Map<OutcomeMetric, SharedCounts.Unpublished> answers = new LinkedHashMap<>();
            for (OutcomeMetric linked : SharedCounts.linkedTo(metric)) {
                answers.put(linked, counts(linked, scope, basis, asOf));
            }
            table = SharedCounts.publish(suppression, answers, false).get(metric);
        }
        return new Trend(table.minimumCellSize(), table.all(), table.dimensions().get(0).groups());
    }

    /**
     * The family's trends decided over every scope ({@link ScopeFamily}), cohorts as the one breakdown, or ({@code district}
     * given) that district's schools below it; cached per data position.
     */
    private Decided acrossScopes(OutcomeMetric metric, CohortBasis basis, Instant asOf, String district) {
        List<OutcomeMetric> family = SharedCounts.linkedTo(metric).stream().sorted().toList();
        var status = consumer.status();
        Key key = new Key(family.get(0), basis, asOf, status.eventsApplied(), status.lastAppliedAt(), district);
        return decisions.get(key, () -> {
            Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
            for (OutcomeMetric member : family) {
                counts.put(member, district == null ? countsByUnit(member, basis, asOf, new Scope(null, null, null, null, null), "e.district_id")
                        : countsByUnit(member, basis, asOf, new Scope(null, null, null, org.pathwaysledger.events.value.DistrictId.of(district), null),
                        "coalesce(e.school_id, '" + ScopeFamily.NO_SCHOOL + "')"));
            }
            java.util.function.Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions =
                    unit -> List.of(cohorts(basis, unit.byIntersection().getOrDefault(COHORTS, Map.of())));
            return new Decided(counts, district == null ? ScopeFamily.decide(suppression, counts, outcomes.catalogue(), dimensions)
                    : ScopeFamily.decideSchools(suppression, district, counts, outcomes.catalogue(), dimensions,
                            acrossScopes(metric, basis, asOf, null).forced()));
        });
    }

    /**
     * Across scopes: the cohorts whose population ({@code population}) or successes {@code metric}'s trend hides, at every
     * scope of the decision (every scope's node, or with {@code district} given that district's schools' nodes, the
     * school in the node's district, and the district's own answers with no district: frozen in that decision as the
     * decision over every scope made them, over the same counts): what the trend shows there.
     */
    public Map<ScopeFamily.Node, java.util.Set<String>> hiddenCohorts(OutcomeMetric metric, CohortBasis basis, Instant asOf, String district,
                                                                     boolean population) {
        Decided decided = acrossScopes(metric, basis, asOf, district);
        Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = decided.counts().getOrDefault(metric, Map.of());
        Map<ScopeFamily.Node, Forced> forced = decided.forced().getOrDefault(metric, Map.of());
        Map<ScopeFamily.Node, java.util.Set<String>> hidden = new LinkedHashMap<>();
        ScopeFamily.nodes(Map.of(metric, units), outcomes.catalogue()).forEach((node, members) -> {
            OutcomeQuery.Counts sum = ScopeFamily.sum(members.stream().map(units::get).filter(java.util.Objects::nonNull).toList());
            PublishedRates.Table table = PublishedRates.publish(suppression, sum.population(), sum.successes(),
                    List.of(cohorts(basis, sum.byIntersection().getOrDefault(COHORTS, Map.of()))), false, forced.getOrDefault(node, Forced.NONE));
            java.util.Set<String> cohorts = new java.util.HashSet<>();
            table.dimensions().get(0).groups().forEach(row -> {
                if ((population ? row.population() : row.successes()) == null) {
                    cohorts.add(row.group());
                }
            });
            hidden.put(node, cohorts);
        });
        return hidden;
    }

    /** Every pathway's cohorts in every {@code unit} (a district, or a school of the scope's district). */
    private Map<ScopeFamily.Unit, OutcomeQuery.Counts> countsByUnit(OutcomeMetric metric, CohortBasis basis, Instant asOf, Scope scope, String unit) {
        String sql = "select e.pathway_id, " + unit + " as unit, " + basis.expression() + " as cohort_year, count(*) as population, count(*) filter (where "
                + metric.successCondition() + ") as successes " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY
                + " and (" + metric.populationCondition() + ") group by 1, 2, 3";
        Map<ScopeFamily.Unit, Map<String, long[]>> cohorts = new LinkedHashMap<>();
        scope.bind(jdbc.sql(sql))
                .param("asOf", Timestamp.from(asOf))
                .param("livingWageQuarterly", region.livingWageQuarterly())
                .query(row -> {
                    Object year = row.getObject("cohort_year");
                    cohorts.computeIfAbsent(new ScopeFamily.Unit(row.getString("pathway_id"), row.getString("unit")), key -> new LinkedHashMap<>())
                            .put(year == null ? UNKNOWN : year.toString(), new long[]{row.getLong("population"), row.getLong("successes")});
                });
        Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
        cohorts.forEach((key, byCohort) -> {
            long population = byCohort.values().stream().mapToLong(cell -> cell[0]).sum();
            long successes = byCohort.values().stream().mapToLong(cell -> cell[1]).sum();
            units.put(key, new OutcomeQuery.Counts(population, successes, Map.of(), Map.of(COHORTS, byCohort)));
        });
        return units;
    }

    /** The cohorts as the answer shows them: oldest first, the unknown cohort last. */
    private static PublishedRates.Dimension cohorts(CohortBasis basis, Map<String, long[]> byCohort) {
        List<String> codes = new ArrayList<>(byCohort.keySet());
        codes.sort(java.util.Comparator.comparing((String code) -> code.equals(UNKNOWN)).thenComparing(java.util.Comparator.naturalOrder()));
        List<PublishedRates.GroupCounts> groups = new ArrayList<>();
        for (String code : codes) {
            long[] cell = byCohort.get(code);
            groups.add(new PublishedRates.GroupCounts(code, code.equals(UNKNOWN) ? "Cohort unknown" : "Cohort " + code, cell[0], cell[1]));
        }
        return new PublishedRates.Dimension(basis.name(), basis.label(), groups);
    }

    private SharedCounts.Unpublished counts(OutcomeMetric metric, Scope scope, CohortBasis basis, Instant asOf) {
        String sql = "select " + basis.expression() + " as cohort_year, count(*) as population, count(*) filter (where "
                + metric.successCondition() + ") as successes " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY
                + " and (" + metric.populationCondition() + ") group by 1 order by 1 nulls last";
        List<PublishedRates.GroupCounts> cohorts = new ArrayList<>();
        long[] totals = new long[2];
        scope.bind(jdbc.sql(sql))
                .param("asOf", Timestamp.from(asOf))
                .param("livingWageQuarterly", region.livingWageQuarterly())
                .query(row -> {
                    Object year = row.getObject("cohort_year");
                    long population = row.getLong("population");
                    long successes = row.getLong("successes");
                    totals[0] += population;
                    totals[1] += successes;
                    String code = year == null ? UNKNOWN : year.toString();
                    cohorts.add(new PublishedRates.GroupCounts(code, year == null ? "Cohort unknown" : "Cohort " + year, population, successes));
                });
        return new SharedCounts.Unpublished(totals[0], totals[1], List.of(new PublishedRates.Dimension(basis.name(), basis.label(), cohorts)));
    }
}
