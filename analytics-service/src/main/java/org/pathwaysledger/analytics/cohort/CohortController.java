package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.web.AsOf;
import org.pathwaysledger.events.value.InvalidValueException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
public class CohortController {

    public record FunnelAnswer(Scope scope, Instant asOf, List<CohortFunnel.Funnel> cohorts) {
    }

    private final CohortFunnel funnel;

    public CohortController(CohortFunnel funnel) {
        this.funnel = funnel;
    }

    /** The longitudinal funnel of a pathway's entrants per grade-9 cohort (all cohorts: the trend), suppressed. */
    @GetMapping("/api/v1/cohorts/funnel")
    public FunnelAnswer funnel(@RequestParam(required = false) String pathway, @RequestParam(required = false) String sector,
                               @RequestParam(required = false) String region, @RequestParam(required = false) String district,
                               @RequestParam(required = false) String school,
                               @RequestParam(required = false) Integer cohortYear, @RequestParam(required = false) String asOf) {
        Scope scope = Scope.of(pathway, sector, region, district, school);
        if (cohortYear != null && (cohortYear < 1950 || cohortYear > 2100)) {
            throw new InvalidValueException("cohortYear", cohortYear.toString(), "is not a grade-9 entry year; use e.g. 2025");
        }
        Instant knownAt = AsOf.parse(asOf);
        return new FunnelAnswer(scope, AsOf.shown(knownAt), funnel.funnels(scope, cohortYear, knownAt));
    }
}
