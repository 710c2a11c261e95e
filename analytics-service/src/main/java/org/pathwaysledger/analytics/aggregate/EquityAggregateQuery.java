package org.pathwaysledger.analytics.aggregate;

import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.web.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "one metric, every group, at pathway / sector / region level (optionally one district), now" from the
 * pre-aggregated counts. Anything else (as of a past date, one school, intersections, metrics not pre-aggregated)
 * is for the student-level queries.
 */
@Component
public class EquityAggregateQuery {

    /** Population (n) and successes (k) overall and per group of every dimension. */
    public record Counts(long population, long successes, Map<Dimension, Map<String, long[]>> byDimension) {
    }

    /** The scope's rows of {@code equity_count a}: a pathway, sector or region, in one district or all. */
    private static final String IN_SCOPE = """
              and (cast(:pathway as varchar) is null or a.pathway_id = :pathway)
              and (cast(:sector as varchar) is null or a.pathway_id in (select c.pathway_id from catalogue_pathway c where c.industry_sector = :sector))
              and (cast(:region as varchar) is null or a.pathway_id in (select c.pathway_id from catalogue_pathway c where c.region_id = :region))
              and (cast(:district as varchar) is null or a.district_id = :district)
            """;

    private static final String SQL = """
            select a.dimension, a.group_code, sum(a.population) as population, sum(a.successes) as successes
            from equity_count a
            where a.metric = :metric
            """ + IN_SCOPE + """
            group by a.dimension, a.group_code
            having sum(a.population) > 0""";

    /**
     * Perkins 4S1's population (concentrators of pathways whose field is nontraditional, the field's under-represented
     * sex known: {@code OutcomeMetric.Populations.UNDERREPRESENTED_SEX}) is the concentrator rate's successes in those
     * pathways: the same entrants, the same demographics as of entry.
     */
    private static final String NONTRADITIONAL_CONCENTRATORS = """
            select a.dimension, a.group_code, sum(a.successes) as population, 0 as successes
            from equity_count a
            where a.metric = 'concentrator-rate'
              and (select n.underrepresented_sex from catalogue_pathway c join nontraditional_field n on c.cip_code like n.cip_prefix || '%'
                   where c.pathway_id = a.pathway_id order by length(n.cip_prefix) desc limit 1) is not null
            """ + IN_SCOPE + """
            group by a.dimension, a.group_code
            having sum(a.successes) > 0""";

    private static final Instant NOW = AsOf.parse(null);

    private final JdbcClient jdbc;

    public EquityAggregateQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this question can be answered from the pre-aggregated counts. */
    public static boolean answers(String metricId, Scope scope, Instant asOf, List<?> intersections) {
        return NOW.equals(asOf) && scope.school() == null && (intersections == null || intersections.isEmpty())
                && EquityAggregates.covers(metricId);
    }

    public Counts count(String metricId, Scope scope) {
        return count(SQL, metricId, scope);
    }

    /**
     * "Now": Perkins 4S1's population by group (its successes left at zero), from the concentrator rate's pre-aggregated
     * successes; what a metric published together with 4S1 needs of it (the concentrators they share).
     */
    public Counts nontraditionalConcentrators(Scope scope) {
        return count(NONTRADITIONAL_CONCENTRATORS, null, scope);
    }

    private Counts count(String sql, String metricId, Scope scope) {
        Map<Dimension, Map<String, long[]>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        var statement = jdbc.sql(sql);
        if (metricId != null) {
            statement = statement.param("metric", metricId);
        }
        statement
                .param("pathway", scope.pathway() == null ? null : scope.pathway().value())
                .param("sector", scope.sector())
                .param("region", scope.region() == null ? null : scope.region().value())
                .param("district", scope.district() == null ? null : scope.district().value())
                .query(row -> {
                    Dimension dimension = Dimension.named(row.getString("dimension")).orElse(null);
                    if (dimension != null) {
                        byDimension.get(dimension).put(row.getString("group_code"), new long[]{row.getLong("population"), row.getLong("successes")});
                    }
                });
        // Every entrant is in exactly one group of each dimension: the totals are any dimension's sum.
        long population = 0;
        long successes = 0;
        for (long[] cell : byDimension.get(Dimension.SEX).values()) {
            population += cell[0];
            successes += cell[1];
        }
        return new Counts(population, successes, byDimension);
    }
}
