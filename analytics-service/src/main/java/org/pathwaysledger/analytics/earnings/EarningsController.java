package org.pathwaysledger.analytics.earnings;

import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.analytics.outcome.OutcomeController;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Breakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Cell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedCell;
import org.pathwaysledger.analytics.web.AsOf;
import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Median quarterly earnings by group. A median cannot be recovered by subtraction, but the count of earners behind
 * it can, so the counts go through {@link SmallCellSuppression} (minimum n, complementary suppression) like every
 * other count, and a median is shown only where its count is shown.
 */
@RestController
public class EarningsController {

    /** A group as published: {@code earners} and {@code medianQuarterlyWage} are null exactly when suppressed. */
    public record MedianRow(String group, String label, Long earners, Double medianQuarterlyWage, Double medianAnnualisedWage,
                            boolean suppressed, SmallCellSuppression.Reason reason) {
    }

    public record MedianDimension(String dimension, String label, List<MedianRow> groups) {
    }

    public record EarningsAnswer(String metric, String title, Scope scope, Instant asOf, int minimumCellSize, MedianRow all,
                                 List<MedianDimension> dimensions, ProjectionStatus freshness) {
    }

    private final EarningsQuery earnings;
    private final SmallCellSuppression suppression;
    private final RegionSettings region;
    private final TransactionalEventConsumer consumer;

    private final org.pathwaysledger.analytics.outcome.ScopeFamilies families;
    private final org.springframework.beans.factory.ObjectProvider<OutcomeController> outcomes;
    private final org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy;

    public EarningsController(EarningsQuery earnings, SmallCellSuppression suppression, RegionSettings region, TransactionalEventConsumer consumer,
                              org.pathwaysledger.analytics.outcome.ScopeFamilies families,
                              org.springframework.beans.factory.ObjectProvider<OutcomeController> outcomes,
                              org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy) {
        this.asOfPolicy = asOfPolicy;
        this.earnings = earnings;
        this.suppression = suppression;
        this.region = region;
        this.consumer = consumer;
        this.families = families;
        this.outcomes = outcomes;
    }

    @GetMapping("/api/v1/metrics/median-quarterly-earnings")
    public EarningsAnswer medianEarnings(@RequestParam(required = false) String pathway, @RequestParam(required = false) String sector,
                                         @RequestParam(required = false) String region, @RequestParam(required = false) String school,
                                         @RequestParam(required = false) String district, @RequestParam(required = false) List<String> intersect,
                                         @RequestParam(required = false) String asOf) {
        Scope scope = Scope.of(pathway, sector, region, district, school);
        List<List<Dimension>> intersections = OutcomeController.intersections(intersect);
        Instant knownAt = asOfPolicy.resolve(asOf);
        EarningsQuery.Medians medians = earnings.medians(scope, knownAt, intersections);

        List<Breakdown> breakdowns = new ArrayList<>();
        List<Map<String, EarningsQuery.Earners>> cells = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            breakdowns.add(breakdown(dimension.name(), dimension.label(), groups(List.of(dimension)), medians.byDimension().get(dimension)));
            cells.add(medians.byDimension().get(dimension));
        }
        for (List<Dimension> pair : intersections) {
            String label = pair.get(0).label() + " by " + pair.get(1).label();
            breakdowns.add(breakdown(pair.get(0).name() + "*" + pair.get(1).name(), label, groups(pair), medians.byIntersection().get(pair)));
            cells.add(medians.byIntersection().get(pair));
        }
        // Across scopes, the earners are the living-wage rate's population (the same graduates with a wage record): the
        // counts shown are that rate's, as decided over every scope, and a median only where its count is shown.
        SmallCellSuppression.PublishedTable published = families.enabled()
                ? org.pathwaysledger.analytics.suppression.PublishedRates.populationsOf(outcomes.getObject().outcome(
                        org.pathwaysledger.analytics.outcome.OutcomeMetric.LIVING_WAGE.id(), pathway, sector, region, school, district, intersect,
                        asOf, false).table(), medians.all().count(), breakdowns, suppression.minimumCellSize())
                : suppression.publish(medians.all().count(), breakdowns);
        MedianRow all = new MedianRow("ALL", "All students", published.total().count(),
                published.total().suppressed() ? null : medians.all().median(),
                published.total().suppressed() || medians.all().median() == null ? null : medians.all().median() * 4,
                published.total().suppressed(), published.total().reason());
        List<MedianDimension> dimensions = new ArrayList<>();
        for (int d = 0; d < breakdowns.size(); d++) {
            List<MedianRow> rows = new ArrayList<>();
            for (PublishedCell cell : published.breakdowns().get(d).cells()) {
                EarningsQuery.Earners earners = cells.get(d).get(cell.group());
                Double median = cell.suppressed() || earners == null ? null : earners.median();
                rows.add(new MedianRow(cell.group(), cell.label(), cell.count(), median, median == null ? null : median * 4, cell.suppressed(), cell.reason()));
            }
            dimensions.add(new MedianDimension(breakdowns.get(d).dimension(), breakdowns.get(d).label(), rows));
        }
        return new EarningsAnswer(OutcomeController.MEDIAN_EARNINGS.id(), OutcomeController.MEDIAN_EARNINGS.title(), scope, AsOf.shown(knownAt),
                suppression.minimumCellSize(), all, dimensions, consumer.status());
    }

    /** The same answer as CSV, suppressed exactly like the JSON. */
    @GetMapping(path = "/api/v1/metrics/median-quarterly-earnings.csv", produces = "text/csv")
    public void medianEarningsCsv(@RequestParam(required = false) String pathway, @RequestParam(required = false) String sector,
                                  @RequestParam(required = false) String region, @RequestParam(required = false) String school,
                                  @RequestParam(required = false) String district, @RequestParam(required = false) List<String> intersect,
                                  @RequestParam(required = false) String asOf, HttpServletResponse response) throws IOException {
        EarningsAnswer answer = medianEarnings(pathway, sector, region, school, district, intersect, asOf);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + answer.metric() + "-" + answer.scope().label() + ".csv\"");
        PrintWriter out = response.getWriter();
        out.print("metric,scope,dimension,group,earners,median_quarterly_wage,median_annualised_wage,suppressed,reason\r\n");
        line(out, answer, "ALL", answer.all());
        for (MedianDimension dimension : answer.dimensions()) {
            for (MedianRow row : dimension.groups()) {
                line(out, answer, dimension.dimension(), row);
            }
        }
        out.flush();
    }

    private static void line(PrintWriter out, EarningsAnswer answer, String dimension, MedianRow row) {
        out.print(String.join(",", answer.metric(), answer.scope().label(), dimension, row.group(), text(row.earners()),
                text(row.medianQuarterlyWage()), text(row.medianAnnualisedWage()), row.suppressed() ? "yes" : "no",
                row.reason() == null ? "" : row.reason().name()) + "\r\n");
    }

    /** Every group of the dimensions (so an empty group is reported, and suppressed), then any value not in the list. */
    private List<String[]> groups(List<Dimension> dimensions) {
        List<String[]> groups = new ArrayList<>();
        for (Dimension.Group first : dimensions.get(0).groups(region.menaReportedSeparately())) {
            if (dimensions.size() == 1) {
                groups.add(new String[]{first.code(), first.label()});
                continue;
            }
            for (Dimension.Group second : dimensions.get(1).groups(region.menaReportedSeparately())) {
                groups.add(new String[]{first.code() + "|" + second.code(), first.label() + ", " + second.label()});
            }
        }
        return groups;
    }

    private static Breakdown breakdown(String name, String label, List<String[]> groups, Map<String, EarningsQuery.Earners> counted) {
        Map<String, EarningsQuery.Earners> remaining = new HashMap<>(counted);
        List<Cell> cells = new ArrayList<>();
        for (String[] group : groups) {
            EarningsQuery.Earners earners = remaining.remove(group[0]);
            cells.add(new Cell(group[0], group[1], earners == null ? 0 : earners.count()));
        }
        remaining.forEach((code, earners) -> cells.add(new Cell(code, code, earners.count())));
        return new Breakdown(name, label, cells);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
