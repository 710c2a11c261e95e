package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
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

    private final JdbcClient jdbc;
    private final SmallCellSuppression suppression;
    private final RegionSettings region;

    public CohortTrend(JdbcClient jdbc, SmallCellSuppression suppression, RegionSettings region) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.region = region;
    }

    public Trend trend(OutcomeMetric metric, Scope scope, CohortBasis basis, Instant asOf) {
        // Published together with the metrics that carry some of the same counts, cohort by cohort (SharedCounts).
        Map<OutcomeMetric, SharedCounts.Unpublished> answers = new LinkedHashMap<>();
        for (OutcomeMetric linked : SharedCounts.linkedTo(metric)) {
            answers.put(linked, counts(linked, scope, basis, asOf));
        }
        PublishedRates.Table table = SharedCounts.publish(suppression, answers, false).get(metric);
        return new Trend(table.minimumCellSize(), table.all(), table.dimensions().get(0).groups());
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
