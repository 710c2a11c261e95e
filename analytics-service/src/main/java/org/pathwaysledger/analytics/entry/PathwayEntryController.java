package org.pathwaysledger.analytics.entry;

import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Breakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Cell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedBreakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedTable;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedTotal;
import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.web.AsOf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RestController
public class PathwayEntryController {

    static final String DEFINITION = "Students who entered the pathway (distinct students with a pathway enrolment), "
            + "by their demographics on the day of entry. Counts below the minimum cell size are suppressed, and so is "
            + "the next-smallest group where one suppressed group could otherwise be recovered from the total.";

    private final PathwayEntryQuery entrants;
    private final SmallCellSuppression suppression;
    private final RegionSettings region;
    private final TransactionalEventConsumer consumer;
    private final org.pathwaysledger.analytics.outcome.ScopeFamilies families;
    private final org.springframework.beans.factory.ObjectProvider<org.pathwaysledger.analytics.outcome.OutcomeController> outcomes;
    private final org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy;

    public PathwayEntryController(PathwayEntryQuery entrants, SmallCellSuppression suppression, RegionSettings region,
                                  TransactionalEventConsumer consumer, org.pathwaysledger.analytics.outcome.ScopeFamilies families,
                                  org.springframework.beans.factory.ObjectProvider<org.pathwaysledger.analytics.outcome.OutcomeController> outcomes,
                                  org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy) {
        this.asOfPolicy = asOfPolicy;
        this.entrants = entrants;
        this.suppression = suppression;
        this.region = region;
        this.consumer = consumer;
        this.families = families;
        this.outcomes = outcomes;
    }

    public record PathwayEntryAnswer(String metric, String definition, String pathwayId, String districtId, Scope scope, Instant asOf,
                                     int minimumCellSize, PublishedTotal entrants, List<PublishedBreakdown> breakdowns,
                                     ProjectionStatus freshness) {
    }

    @GetMapping("/api/v1/metrics/pathway-entry")
    public PathwayEntryAnswer pathwayEntry(@RequestParam(required = false) String pathway,
                                           @RequestParam(required = false) String sector,
                                           @RequestParam(required = false) String region,
                                           @RequestParam(required = false) String district,
                                           @RequestParam(required = false) String school,
                                           @RequestParam(required = false) String asOf) {
        Scope scope = Scope.of(pathway, sector, region, district, school);
        Instant knownAt = asOfPolicy.resolve(asOf);
        PathwayEntryQuery.EntrantCounts counts = entrants.count(scope, knownAt);
        List<Breakdown> breakdowns = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            breakdowns.add(breakdown(dimension, counts.byDimension().get(dimension)));
        }
        PublishedTable table = families.enabled() ? acrossScopes(counts, breakdowns, pathway, sector, region, district, school, asOf)
                : suppression.publish(counts.total(), breakdowns);
        return new PathwayEntryAnswer("pathway-entry", DEFINITION, scope.pathway() == null ? null : scope.pathway().value(),
                scope.district() == null ? null : scope.district().value(), scope, AsOf.shown(knownAt),
                table.minimumCellSize(), table.total(), table.breakdowns(), consumer.status());
    }

    /**
     * With suppression across scopes: the entrants are the population of every rate whose population is all entrants
     * (the concentrator rate, the completion rate, ...), whose answers hide some of these counts across scopes. Published
     * here on their own rules only, they would give those back; so this answer is the concentrator rate's population
     * column, as that metric's decision across every scope publishes it (the same counts: one definition of entry).
     */
    private PublishedTable acrossScopes(PathwayEntryQuery.EntrantCounts counts, List<Breakdown> breakdowns, String pathway, String sector,
                                        String region, String district, String school, String asOf) {
        org.pathwaysledger.analytics.suppression.PublishedRates.Table rates = outcomes.getObject().outcome(
                org.pathwaysledger.analytics.outcome.OutcomeMetric.CONCENTRATOR_RATE.id(), pathway, sector, region, school, district, null, asOf, false).table();
        return org.pathwaysledger.analytics.suppression.PublishedRates.populationsOf(rates, counts.total(), breakdowns, suppression.minimumCellSize());
    }

    private Breakdown breakdown(Dimension dimension, Map<String, Long> counts) {
        Map<String, Long> remaining = new HashMap<>(counts);
        List<Cell> cells = new ArrayList<>();
        for (Dimension.Group group : dimension.groups(region.menaReportedSeparately())) {
            Long count = remaining.remove(group.code());
            cells.add(new Cell(group.code(), group.label(), count == null ? 0 : count));
        }
        // Values recorded under an earlier region setting still count, under their own code.
        remaining.forEach((code, count) -> cells.add(new Cell(code, code, count)));
        return new Breakdown(dimension.name(), dimension.label(), cells);
    }
}
