package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.web.AsOf;
import org.pathwaysledger.events.value.InvalidValueException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@RestController
public class CohortController {

    public record FunnelAnswer(Scope scope, CohortBasis cohortBy, Instant asOf, List<CohortFunnel.Funnel> cohorts) {
    }

    public record TrendAnswer(String metric, String title, Scope scope, CohortBasis cohortBy, Instant asOf, CohortTrend.Trend trend) {
    }

    private final CohortFunnel funnel;
    private final CohortTrend trend;

    private final org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy;

    public CohortController(CohortFunnel funnel, CohortTrend trend, org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy) {
        this.funnel = funnel;
        this.trend = trend;
        this.asOfPolicy = asOfPolicy;
    }

    /**
     * The longitudinal funnel of a pathway's entrants per cohort (grade-9 or pathway entry year; all cohorts: the trend),
     * with {@code years=N} also where each cohort stood at the end of each of its first N school years; suppressed.
     */
    @GetMapping("/api/v1/cohorts/funnel")
    public FunnelAnswer funnel(@RequestParam(required = false) String pathway, @RequestParam(required = false) String sector,
                               @RequestParam(required = false) String region, @RequestParam(required = false) String district,
                               @RequestParam(required = false) String school,
                               @RequestParam(required = false) Integer cohortYear, @RequestParam(required = false) String cohortBy,
                               @RequestParam(defaultValue = "0") int years, @RequestParam(required = false) String asOf) {
        Scope scope = Scope.of(pathway, sector, region, district, school);
        CohortBasis basis = CohortBasis.parse(cohortBy);
        if (cohortYear != null && (cohortYear < 1950 || cohortYear > 2100)) {
            throw new InvalidValueException("cohortYear", cohortYear.toString(), "is not a cohort (entry) year; use e.g. 2025");
        }
        if (years < 0 || years > CohortFunnel.MAX_YEARS) {
            throw new InvalidValueException("years", Integer.toString(years), "is not a number of years to follow; use 1 to "
                    + CohortFunnel.MAX_YEARS + " (or leave it out for the totals only)");
        }
        Instant knownAt = asOfPolicy.resolve(asOf);
        return new FunnelAnswer(scope, basis, AsOf.shown(knownAt), funnel.funnels(scope, basis, cohortYear, years, knownAt));
    }

    /** One metric's rate per cohort, oldest first, suppressed as one breakdown of the metric's total. */
    @GetMapping("/api/v1/cohorts/trend")
    public TrendAnswer trend(@RequestParam(required = false) String metric, @RequestParam(required = false) String pathway,
                             @RequestParam(required = false) String sector, @RequestParam(required = false) String region,
                             @RequestParam(required = false) String district, @RequestParam(required = false) String school,
                             @RequestParam(required = false) String cohortBy, @RequestParam(required = false) String asOf) {
        if (metric == null || metric.isBlank()) {
            throw new InvalidValueException("metric", null, "is required; use one of " + metricIds());
        }
        OutcomeMetric outcome = OutcomeMetric.byId(metric.trim()).orElseThrow(() -> new InvalidValueException("metric",
                metric.length() > 60 ? metric.substring(0, 60) + "..." : metric,
                "has no trend by cohort (cohorts follow entrants); use one of " + metricIds()));
        Scope scope = Scope.of(pathway, sector, region, district, school);
        CohortBasis basis = CohortBasis.parse(cohortBy);
        Instant knownAt = asOfPolicy.resolve(asOf);
        return new TrendAnswer(outcome.id(), outcome.title(), scope, basis, AsOf.shown(knownAt), trend.trend(outcome, scope, basis, knownAt));
    }

    private static String metricIds() {
        return String.join(", ", Arrays.stream(OutcomeMetric.values()).map(OutcomeMetric::id).toList());
    }
}
