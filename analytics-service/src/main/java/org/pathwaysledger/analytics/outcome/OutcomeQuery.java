package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.aggregate.EquityAggregateQuery;
import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts, per group of every dimension, a pathway's entrants and those of them who met a metric's success. */
@Component
public class OutcomeQuery {

    /** Entrants (n) and successes (k), overall and by group. */
    public record Counts(long population, long successes, Map<Dimension, Map<String, long[]>> byDimension,
                         Map<List<Dimension>, Map<String, long[]>> byIntersection) {
    }

    private final JdbcClient jdbc;
    private final RegionSettings region;
    private final EquityAggregateQuery aggregates;

    public OutcomeQuery(JdbcClient jdbc, RegionSettings region, EquityAggregateQuery aggregates) {
        this.jdbc = jdbc;
        this.region = region;
        this.aggregates = aggregates;
    }

    /**
     * The base from which a pathway draws its entrants: the K-12 students in grades 9 to 12 of the district (or of
     * all districts; of a school: those whose latest record is at that school), each with the latest demographics the
     * ledger knew at {@code :asOf}.
     */
    static final String ENROLLED_BASE = """
            from (select distinct on (h.district_id, h.student_id) h.* from student_demographics h
                  where h.recorded_at <= :asOf and (cast(:district as varchar) is null or h.district_id = :district)
                  order by h.district_id, h.student_id, h.effective_date desc, h.sequence desc) d
            where d.grade_level in ('09', '10', '11', '12') and (cast(:school as varchar) is null or d.school_id = :school)
            """;

    /**
     * The base student {@code d} entered a pathway of the scope. At a school, the school's students who entered, whatever
     * school their enrolment names: a school's answers then add up to the district's (each student counted at the
     * school of their latest record), which suppression across scopes relies on.
     */
    static final String ENTERED = "exists (select 1 from pathway_entrant e where e.district_id = d.district_id and e.student_id = d.student_id "
            + "and " + Scope.ENTRANT_IN_PATHWAYS + " and e.recorded_at <= :asOf and (e.withdrawn_at is null or e.withdrawn_at > :asOf))";

    /** Counts by every dimension, and by each requested two-way intersection (group codes joined with '|'). */
    public Counts count(OutcomeMetric metric, Scope scope, java.time.Instant asOf, List<List<Dimension>> intersections) {
        if (EquityAggregateQuery.answers(metric.id(), scope, asOf, intersections)) {
            // "Now", no school, no intersection: the pre-aggregated counts (the same definitions, kept by the projection).
            EquityAggregateQuery.Counts counts = aggregates.count(metric.id(), scope);
            return new Counts(counts.population(), counts.successes(), counts.byDimension(), Map.of());
        }
        return countFromStudents(metric, scope, asOf, intersections);
    }

    /**
     * {@code linked}'s counts as a metric published together with another needs them ({@link SharedCounts}): "now",
     * Perkins 4S1, whose population (concentrators in nontraditional fields) is not pre-aggregated as such, gets that
     * population from the concentrator rate's pre-aggregated counts and no successes (which no other metric shares), so
     * that the concentrator rate's answer needs no pass over the student-level rows.
     */
    public Counts countLinked(OutcomeMetric linked, Scope scope, java.time.Instant asOf, List<List<Dimension>> intersections) {
        if (linked == OutcomeMetric.PERKINS_4S1 && SharedCounts.successesOf(linked).isEmpty()
                && EquityAggregateQuery.answers(OutcomeMetric.CONCENTRATOR_RATE.id(), scope, asOf, intersections)) {
            EquityAggregateQuery.Counts counts = aggregates.nontraditionalConcentrators(scope);
            return new Counts(counts.population(), 0, counts.byDimension(), Map.of());
        }
        return count(linked, scope, asOf, intersections);
    }

    /** The same counts computed from the student-level rows: any date, any scope, intersections. */
    public Counts countFromStudents(OutcomeMetric metric, Scope scope, java.time.Instant asOf, List<List<Dimension>> intersections) {
        return aggregate(metric.successCondition(), PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY + " and (" + metric.populationCondition() + ")",
                scope, asOf, intersections);
    }

    /**
     * The counts of every pathway in every district (the units every scope adds up from), for one metric: from the
     * pre-aggregated counts "now", else from the student-level rows as of {@code asOf}.
     */
    public Map<ScopeFamily.Unit, Counts> countByUnit(OutcomeMetric metric, java.time.Instant asOf) {
        Map<ScopeFamily.Unit, Counts> units = new HashMap<>();
        if (EquityAggregateQuery.answers(metric.id(), new Scope(null, null, null, null, null), asOf, List.of())) {
            jdbc.sql("select pathway_id, district_id, dimension, group_code, population, successes from equity_count where metric = :metric")
                    .param("metric", metric.id())
                    .query(row -> {
                        Dimension dimension = Dimension.named(row.getString("dimension")).orElse(null);
                        if (dimension == null) {
                            return;
                        }
                        Counts counts = units.computeIfAbsent(new ScopeFamily.Unit(row.getString("pathway_id"), row.getString("district_id")),
                                key -> emptyCounts());
                        counts.byDimension().get(dimension).put(row.getString("group_code"),
                                new long[]{row.getLong("population"), row.getLong("successes")});
                    });
            Map<ScopeFamily.Unit, Counts> withTotals = new HashMap<>();
            units.forEach((unit, counts) -> {
                long population = 0;
                long successes = 0;
                for (long[] cell : counts.byDimension().get(Dimension.SEX).values()) {
                    population += cell[0];
                    successes += cell[1];
                }
                if (population > 0) {
                    withTotals.put(unit, new Counts(population, successes, counts.byDimension(), Map.of()));
                }
            });
            return withTotals;
        }
        return countByUnitFromStudents(metric, asOf, new Scope(null, null, null, null, null), "e.district_id");
    }

    /**
     * The counts of every pathway in every school of {@code district}, from the student-level rows as of {@code asOf}:
     * the units a district's school answers add up from, as {@link ScopeFamily.Unit}s whose "district" is the school
     * ({@link ScopeFamily#NO_SCHOOL} for entrants recorded without one).
     */
    public Map<ScopeFamily.Unit, Counts> countBySchool(OutcomeMetric metric, java.time.Instant asOf, org.pathwaysledger.events.value.DistrictId district) {
        return countByUnitFromStudents(metric, asOf, new Scope(null, null, null, district, null),
                "coalesce(e.school_id, '" + ScopeFamily.NO_SCHOOL + "')");
    }

    /**
     * The districts where {@code school} has entrants (or, for participation, students: their latest demographics' school);
     * at most two: one is the answer, two an ambiguity.
     */
    public List<String> districtsOfSchool(org.pathwaysledger.events.value.SchoolId school, boolean students) {
        return jdbc.sql("select distinct district_id from " + (students ? "student_demographics" : "pathway_entrant")
                        + " where school_id = :school order by district_id limit 2")
                .param("school", school.value()).query(String.class).list();
    }

    private Map<ScopeFamily.Unit, Counts> countByUnitFromStudents(OutcomeMetric metric, java.time.Instant asOf, Scope scope, String unitColumn) {
        Map<ScopeFamily.Unit, Counts> units = new HashMap<>();
        StringBuilder columns = new StringBuilder();
        for (Dimension dimension : Dimension.values()) {
            columns.append(", d.").append(dimension.column());
        }
        String sql = "select e.pathway_id, " + unitColumn + " as unit" + columns + ", count(*) as population, count(*) filter (where "
                + metric.successCondition() + ") as successes " + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY + " and ("
                + metric.populationCondition() + ") group by e.pathway_id, " + unitColumn + columns;
        Map<ScopeFamily.Unit, long[]> totals = new HashMap<>();
        scope.bind(jdbc.sql(sql))
                .param("asOf", java.sql.Timestamp.from(asOf))
                .param("livingWageQuarterly", region.livingWageQuarterly())
                .query(row -> {
                    ScopeFamily.Unit unit = new ScopeFamily.Unit(row.getString("pathway_id"), row.getString("unit"));
                    Counts counts = units.computeIfAbsent(unit, key -> emptyCounts());
                    long populationCount = row.getLong("population");
                    long successes = row.getLong("successes");
                    long[] total = totals.computeIfAbsent(unit, key -> new long[2]);
                    total[0] += populationCount;
                    total[1] += successes;
                    for (Dimension dimension : Dimension.values()) {
                        long[] cell = counts.byDimension().get(dimension).computeIfAbsent(dimension.groupOf(row.getObject(dimension.column())), key -> new long[2]);
                        cell[0] += populationCount;
                        cell[1] += successes;
                    }
                });
        Map<ScopeFamily.Unit, Counts> withTotals = new HashMap<>();
        units.forEach((unit, counts) -> withTotals.put(unit, new Counts(totals.get(unit)[0], totals.get(unit)[1], counts.byDimension(), Map.of())));
        return withTotals;
    }

    private static Counts emptyCounts() {
        return new Counts(0, 0, emptyByDimension(), Map.of());
    }

    /** An empty (population, successes) cell map for every dimension, to be filled group by group. */
    static Map<Dimension, Map<String, long[]>> emptyByDimension() {
        Map<Dimension, Map<String, long[]>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        return byDimension;
    }

    /** The regions' catalogues: which pathways each region's and each sector's counts add up from. */
    public List<ScopeFamily.CataloguePathway> catalogue() {
        return jdbc.sql("select region_id, pathway_id, industry_sector from catalogue_pathway order by region_id, pathway_id")
                .query((row, i) -> new ScopeFamily.CataloguePathway(row.getString("region_id"), row.getString("pathway_id"),
                        row.getString("industry_sector")))
                .list();
    }

    /** Participation: of the grade 9-12 students who could enter the pathway, those who did. */
    public Counts countParticipation(Scope scope, java.time.Instant asOf, List<List<Dimension>> intersections) {
        return aggregate(ENTERED, ENROLLED_BASE, scope, asOf, intersections);
    }

    /**
     * The participation base of every district as of {@code asOf}, in groups: the grade 9-12 students with the same
     * district, demographics and set of pathways entered (what {@link ParticipationFamily} adds up into every scope).
     */
    public List<ParticipationFamily.BaseGroup> participationBase(java.time.Instant asOf) {
        return participationBase(asOf, new Scope(null, null, null, null, null), "d.district_id");
    }

    /** The same for the schools of {@code district}: each group's "district" is the school ({@link ScopeFamily#NO_SCHOOL} if none). */
    public List<ParticipationFamily.BaseGroup> participationBaseBySchool(java.time.Instant asOf, org.pathwaysledger.events.value.DistrictId district) {
        return participationBase(asOf, new Scope(null, null, null, district, null), "coalesce(d.school_id, '" + ScopeFamily.NO_SCHOOL + "')");
    }

    private List<ParticipationFamily.BaseGroup> participationBase(java.time.Instant asOf, Scope scope, String unitColumn) {
        StringBuilder columns = new StringBuilder();
        for (Dimension dimension : Dimension.values()) {
            columns.append(", ").append(dimension.column());
        }
        String inner = columns.toString().replace(", ", ", d.");
        String sql = "select unit" + columns + ", pathways, count(*) as students from (select " + unitColumn + " as unit" + inner
                + ", (select string_agg(distinct e.pathway_id, ',') from pathway_entrant e where e.district_id = d.district_id"
                + " and e.student_id = d.student_id and e.recorded_at <= :asOf and (e.withdrawn_at is null or e.withdrawn_at > :asOf)) as pathways "
                + ENROLLED_BASE + ") b group by unit" + columns + ", pathways";
        return scope.bind(jdbc.sql(sql))
                .param("asOf", java.sql.Timestamp.from(asOf))
                .query((row, i) -> {
                    Map<Dimension, Object> values = new EnumMap<>(Dimension.class);
                    for (Dimension dimension : Dimension.values()) {
                        values.put(dimension, row.getObject(dimension.column()));
                    }
                    String pathways = row.getString("pathways");
                    return new ParticipationFamily.BaseGroup(row.getString("unit"), values,
                            pathways == null ? java.util.Set.of() : java.util.Set.of(pathways.split(",")), row.getLong("students"));
                }).list();
    }

    private Counts aggregate(String successCondition, String population, Scope scope, java.time.Instant asOf,
                             List<List<Dimension>> intersections) {
        StringBuilder columns = new StringBuilder();
        for (Dimension dimension : Dimension.values()) {
            columns.append(columns.isEmpty() ? "" : ", ").append("d.").append(dimension.column());
        }
        String sql = "select " + columns + ", count(*) as population, count(*) filter (where " + successCondition
                + ") as successes " + population + " group by " + columns;
        Map<Dimension, Map<String, long[]>> byDimension = emptyByDimension();
        Map<List<Dimension>, Map<String, long[]>> byIntersection = new HashMap<>();
        intersections.forEach(pair -> byIntersection.put(pair, new HashMap<>()));
        long[] totals = new long[2];
        scope.bind(jdbc.sql(sql))
                .param("asOf", java.sql.Timestamp.from(asOf))
                .param("livingWageQuarterly", region.livingWageQuarterly())
                .query(row -> {
                    long populationCount = row.getLong("population");
                    long successes = row.getLong("successes");
                    totals[0] += populationCount;
                    totals[1] += successes;
                    for (Dimension dimension : Dimension.values()) {
                        long[] cell = byDimension.get(dimension).computeIfAbsent(dimension.groupOf(row.getObject(dimension.column())), key -> new long[2]);
                        cell[0] += populationCount;
                        cell[1] += successes;
                    }
                    for (List<Dimension> pair : intersections) {
                        String group = pair.get(0).groupOf(row.getObject(pair.get(0).column())) + "|" + pair.get(1).groupOf(row.getObject(pair.get(1).column()));
                        long[] cell = byIntersection.get(pair).computeIfAbsent(group, key -> new long[2]);
                        cell[0] += populationCount;
                        cell[1] += successes;
                    }
                });
        return new Counts(totals[0], totals[1], byDimension, byIntersection);
    }
}
