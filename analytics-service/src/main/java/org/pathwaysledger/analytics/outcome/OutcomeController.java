package org.pathwaysledger.analytics.outcome;

import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.pathwaysledger.analytics.web.AsOf;

import java.io.IOException;
import java.time.Instant;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The metrics catalogue and the outcome rates of a pathway's entrants, by group, suppressed. JSON or CSV. */
@RestController
public class OutcomeController {

    public record MetricDescription(String id, String title, String numerator, String denominator, String population,
                                    String timeWindow, String sourceEvents, String url) {
    }

    public record OutcomeAnswer(String metric, String title, String numerator, String denominator, String pathwayId,
                                String districtId, Scope scope, Instant asOf, PublishedRates.Table table, ProjectionStatus freshness) {
    }

    private final OutcomeQuery outcomes;
    private final SmallCellSuppression suppression;
    private final RegionSettings region;
    private final TransactionalEventConsumer consumer;
    private final ScopeFamilies families;
    private final org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy;

    public OutcomeController(OutcomeQuery outcomes, SmallCellSuppression suppression, RegionSettings region, TransactionalEventConsumer consumer,
                             ScopeFamilies families, org.pathwaysledger.analytics.web.AsOfPolicy asOfPolicy) {
        this.outcomes = outcomes;
        this.suppression = suppression;
        this.region = region;
        this.consumer = consumer;
        this.families = families;
        this.asOfPolicy = asOfPolicy;
    }

    @GetMapping("/api/v1/metrics")
    public List<MetricDescription> catalogue() {
        List<MetricDescription> metrics = new ArrayList<>();
        metrics.add(new MetricDescription("pathway-entry", "Pathway entrants", "Students who entered the pathway",
                "none (a count)", "Students with a pathway enrolment, by their demographics on the day of entry",
                "all enrolments known now", "StudentEnrolledInPathway, StudentRegistered / DetailsChanged / RecordCorrected",
                "/api/v1/metrics/pathway-entry?pathway={pathwayId}"));
        metrics.add(PARTICIPATION);
        for (OutcomeMetric metric : OutcomeMetric.values()) {
            metrics.add(describe(metric));
        }
        metrics.add(CTE_STUDENTS);
        metrics.add(MEDIAN_EARNINGS);
        return metrics;
    }

    /** The K12 SWP count of CTE students: the "who enters" count, over the same grade 9-12 base as participation. */
    static final MetricDescription CTE_STUDENTS = new MetricDescription("k12swp-cte-students", "K12 SWP: CTE students",
            "Students in grades 9-12 enrolled in a CTE pathway of the scope (each student once, however many pathways)",
            "K-12 students in grades 9 to 12 of the district (or of every district; of a school: by their latest record)",
            "Registered students in grades 9-12, with their latest demographics", "all events known at asOf (default now)",
            "StudentRegistered / DetailsChanged / RecordCorrected, StudentEnrolledInPathway", "/api/v1/metrics/k12swp-cte-students?pathway={pathwayId}");

    /** Served by {@link org.pathwaysledger.analytics.earnings.EarningsController}: a median, not a rate. */
    public static final MetricDescription MEDIAN_EARNINGS = new MetricDescription("median-quarterly-earnings",
            "Median quarterly earnings in the second quarter after high school",
            "Median of the wages (all employers) earned in the 2nd quarter after the diploma quarter; x4 for annual (SWP)",
            "Entrants of the pathway who graduated (HS_DIPLOMA) and have a state wage record in that quarter; "
                    + "a median is shown only where its count is",
            "Graduated entrants with wage records, by their demographics on the day of entry", "all events known at asOf (default now)",
            "HighSchoolCompleted (HS_DIPLOMA), QuarterlyWageRecorded", "/api/v1/metrics/median-quarterly-earnings?pathway={pathwayId}");

    /** Who enters: of the students who could, the share that entered; its representation index compares entrants to the base. */
    static final MetricDescription PARTICIPATION = new MetricDescription("pathway-participation", "Pathway participation (who enters)",
            "Students who entered the pathway", "K-12 students in grades 9 to 12 of the district (or of every district; of a school: by their latest record)",
            "Registered students in grades 9-12, with their latest demographics", "all events known at asOf (default now)",
            "StudentRegistered / DetailsChanged / RecordCorrected, StudentEnrolledInPathway", "/api/v1/metrics/pathway-participation?pathway={pathwayId}");

    private static MetricDescription describe(OutcomeMetric metric) {
        return new MetricDescription(metric.id(), metric.title(), metric.numerator(), metric.denominator(),
                "Entrants of one pathway (optionally of one district)", "all events known at asOf (default now)", metric.sourceEvents(),
                "/api/v1/metrics/" + metric.id() + "?pathway={pathwayId}");
    }

    @GetMapping("/api/v1/metrics/{metricId}")
    public OutcomeAnswer outcome(@PathVariable String metricId, @RequestParam(required = false) String pathway,
                                 @RequestParam(required = false) String sector, @RequestParam(required = false) String region,
                                 @RequestParam(required = false) String school,
                                 @RequestParam(required = false) String district,
                                 @RequestParam(required = false) List<String> intersect,
                                 @RequestParam(required = false) String asOf,
                                 @RequestParam(defaultValue = "false") boolean pool) {
        return answer(metricId, pathway, sector, region, school, district, intersect, asOf, pool, true);
    }

    /**
     * The answer for the all-students line only ({@link PublishedRates.Table#all()}): group cells are published
     * without the linked metrics' hides, which never touch the all-students counts. Callers must read only {@code all()}.
     */
    public PublishedRates.Overall overall(String metricId, String pathway, String sector, String region, String district, String asOf) {
        return answer(metricId, pathway, sector, region, null, district, null, asOf, false, false).table().all();
    }

    private OutcomeAnswer answer(String metricId, String pathway, String sector, String region, String school, String district,
                                 List<String> intersect, String asOf, boolean pool, boolean linked) {
        boolean participation = metricId.equals(PARTICIPATION.id()) || metricId.equals(CTE_STUDENTS.id());
        OutcomeMetric metric = participation ? null : OutcomeMetric.byId(metricId).orElseThrow(() -> new InvalidValueException("metric", metricId,
                "is not a metric; use pathway-entry, pathway-participation, k12swp-cte-students, median-quarterly-earnings or one of "
                        + String.join(", ", Arrays.stream(OutcomeMetric.values()).map(OutcomeMetric::id).toList())));
        Scope scope = Scope.of(pathway, sector, region, district, school);
        List<List<Dimension>> intersections = intersections(intersect);
        Instant knownAt = asOfPolicy.resolve(asOf);
        OutcomeQuery.Counts counts = participation
                ? outcomes.countParticipation(scope, knownAt, intersections)
                : outcomes.count(metric, scope, knownAt, intersections);
        PublishedRates.Table table = participation
                ? PublishedRates.publish(suppression, counts.population(), counts.successes(), dimensions(counts, intersections), pool,
                        families.participation(scope, knownAt, unit -> dimensions(unit, List.of())))
                : !linked ? PublishedRates.publish(suppression, counts.population(), counts.successes(), dimensions(counts, intersections), pool)
                : publishLinked(metric, counts, scope, knownAt, intersections, pool);
        // An intersection's cells add up to its dimensions' groups, not only to the total.
        table = org.pathwaysledger.analytics.suppression.IntersectionSuppression.protect(table);
        MetricDescription described = participation ? (metricId.equals(CTE_STUDENTS.id()) ? CTE_STUDENTS : PARTICIPATION) : describe(metric);
        return new OutcomeAnswer(described.id(), described.title(), described.numerator(), described.denominator(),
                scope.pathway() == null ? null : scope.pathway().value(), scope.district() == null ? null : scope.district().value(),
                scope, AsOf.shown(knownAt), table, consumer.status());
    }

    /**
     * Publishes {@code metric}'s answer together with the metrics that publish some of the same counts (see
     * {@link SharedCounts}); with suppression across scopes switched on, consistently with every other scope's too
     * ({@link ScopeFamily}: a count hidden in a district's answer cannot be worked out from the pathway's and the other
     * districts').
     */
    private PublishedRates.Table publishLinked(OutcomeMetric metric, OutcomeQuery.Counts counts, Scope scope, Instant knownAt,
                                               List<List<Dimension>> intersections, boolean pool) {
        PublishedRates.Forced acrossScopes = families.forced(metric, scope, knownAt, unit -> dimensions(unit, List.of()));
        if (families.enabled() && intersections.isEmpty()) {
            // The family's decision already holds this scope's linked metrics and every other scope (for a school, every
            // other school of its district, below the district's answers): read it as it is.
            return PublishedRates.publish(suppression, counts.population(), counts.successes(), dimensions(counts, intersections), pool,
                    acrossScopes);
        }
        // Intersections: the hides of the same scope's answer without them, plus its own and its linked metrics'.
        Map<OutcomeMetric, SharedCounts.Unpublished> answers = new java.util.LinkedHashMap<>();
        for (OutcomeMetric linked : SharedCounts.linkedTo(metric)) {
            OutcomeQuery.Counts linkedCounts = linked == metric ? counts : outcomes.countLinked(linked, scope, knownAt, intersections);
            answers.put(linked, new SharedCounts.Unpublished(linkedCounts.population(), linkedCounts.successes(), dimensions(linkedCounts, intersections)));
        }
        Map<OutcomeMetric, PublishedRates.Forced> enclosing = new java.util.HashMap<>();
        for (OutcomeMetric linked : families.enabled() ? answers.keySet() : java.util.Set.<OutcomeMetric>of()) {
            enclosing.put(linked, linked == metric ? acrossScopes : families.forced(linked, scope, knownAt, unit -> dimensions(unit, List.of())));
        }
        return SharedCounts.publish(suppression, answers, pool, enclosing).get(metric);
    }

    /** Every group of every dimension (zero where none), then the intersections asked for. */
    private List<PublishedRates.Dimension> dimensions(OutcomeQuery.Counts counts, List<List<Dimension>> intersections) {
        return dimensions(counts, intersections, this.region.menaReportedSeparately());
    }

    /** Every group of every dimension (zero where none), then the intersections asked for. */
    public static List<PublishedRates.Dimension> dimensions(OutcomeQuery.Counts counts, List<List<Dimension>> intersections, boolean mena) {
        List<PublishedRates.Dimension> dimensions = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            Map<String, long[]> remaining = new HashMap<>(counts.byDimension().get(dimension));
            List<PublishedRates.GroupCounts> groups = new ArrayList<>();
            for (Dimension.Group group : dimension.groups(mena)) {
                long[] cell = remaining.remove(group.code());
                groups.add(new PublishedRates.GroupCounts(group.code(), group.label(), cell == null ? 0 : cell[0], cell == null ? 0 : cell[1]));
            }
            remaining.forEach((code, cell) -> groups.add(new PublishedRates.GroupCounts(code, code, cell[0], cell[1])));
            dimensions.add(new PublishedRates.Dimension(dimension.name(), dimension.label(), groups));
        }
        for (List<Dimension> pair : intersections) {
            Map<String, long[]> remaining = new HashMap<>(counts.byIntersection().get(pair));
            List<PublishedRates.GroupCounts> groups = new ArrayList<>();
            for (Dimension.Group first : pair.get(0).groups(mena)) {
                for (Dimension.Group second : pair.get(1).groups(mena)) {
                    long[] cell = remaining.remove(first.code() + "|" + second.code());
                    groups.add(new PublishedRates.GroupCounts(first.code() + "|" + second.code(), first.label() + ", " + second.label(),
                            cell == null ? 0 : cell[0], cell == null ? 0 : cell[1]));
                }
            }
            remaining.forEach((code, cell) -> groups.add(new PublishedRates.GroupCounts(code, code, cell[0], cell[1])));
            dimensions.add(new PublishedRates.Dimension(pair.get(0).name() + "*" + pair.get(1).name(),
                    pair.get(0).label() + " by " + pair.get(1).label(), groups));
        }
        return dimensions;
    }

    /** The same answer as CSV, suppressed exactly like the JSON: hidden cells are empty, with the reason. */
    @GetMapping(path = "/api/v1/metrics/{metricId}.csv", produces = "text/csv")
    public void outcomeCsv(@PathVariable String metricId, @RequestParam(required = false) String pathway,
                           @RequestParam(required = false) String sector, @RequestParam(required = false) String region,
                           @RequestParam(required = false) String school, @RequestParam(required = false) String district, @RequestParam(required = false) List<String> intersect,
                           @RequestParam(required = false) String asOf, @RequestParam(defaultValue = "false") boolean pool,
                           HttpServletResponse response) throws IOException {
        OutcomeAnswer answer = outcome(metricId, pathway, sector, region, school, district, intersect, asOf, pool);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + answer.metric() + "-" + answer.scope().label() + ".csv\"");
        PrintWriter out = response.getWriter();
        out.print("metric,pathway,district,dimension,group,population,successes,rate_percent,gap_points,representation_index,suppressed,reason\r\n");
        var all = answer.table().all();
        out.print(String.join(",", answer.metric(), answer.scope().label(), text(answer.districtId()), "ALL", "ALL", text(all.population()),
                text(all.successes()), text(all.ratePercent()), "", "", all.suppressed() ? "yes" : "no", "") + "\r\n");
        for (var dimension : answer.table().dimensions()) {
            for (var row : dimension.groups()) {
                out.print(String.join(",", answer.metric(), answer.scope().label(), text(answer.districtId()), dimension.dimension(), row.group(),
                        text(row.population()), text(row.successes()),
                        row.reason() == org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.TOP_BOTTOM_CODED ? row.rateShown() : text(row.ratePercent()),
                        text(row.gapPoints()),
                        text(row.representationIndex()), row.suppressed() ? "yes" : "no", row.reason() == null ? "" : row.reason().name()) + "\r\n");
            }
        }
        out.flush();
    }

    /** {@code intersect=RACE_ETHNICITY*ENGLISH_LEARNER}, repeatable, at most 3: two-way intersections on demand. */
    public static List<List<Dimension>> intersections(List<String> requested) {
        List<List<Dimension>> pairs = new ArrayList<>();
        if (requested == null) {
            return pairs;
        }
        if (requested.size() > 3) {
            throw new InvalidValueException("intersect", null, "asks for more than 3 intersections; ask for at most 3 at a time");
        }
        for (String pair : requested) {
            String[] names = pair.split("\\*");
            if (names.length != 2) {
                throw new InvalidValueException("intersect", pair, "is not a two-way intersection; use two dimensions joined by *, e.g. RACE_ETHNICITY*ENGLISH_LEARNER");
            }
            List<Dimension> dimensions = new ArrayList<>();
            for (String name : names) {
                dimensions.add(Dimension.named(name).orElseThrow(() -> new InvalidValueException("intersect", name,
                        "is not a dimension; use " + String.join(", ", Arrays.stream(Dimension.values()).map(Dimension::name).toList()))));
            }
            pairs.add(dimensions);
        }
        return pairs;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
