package org.pathwaysledger.analytics.ui;

import org.pathwaysledger.analytics.entry.PathwayEntryController;
import org.pathwaysledger.analytics.outcome.OutcomeController;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedTotal;
import org.pathwaysledger.events.value.InvalidValueException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * The region overview's pathway and sector tables in one answer: for each pathway (and each sector, within the
 * region) the entrants and the concentrator and completion rates for all students. Each number is the "all students"
 * part of the public metric answer for that level, computed and suppressed by the same controllers, so the table
 * shows exactly what the metric API shows; one request instead of three per row is what makes the first view fast.
 */
@RestController
public class OverviewController {

    private static final int MAX_LEVELS = 200;

    /** One row: the shapes are those of the metric answers ({@code entrants}, {@code table.all}), trimmed. */
    public record Row(String id, Entry entry, Rate concentrator, Rate completion) {
    }

    public record Entry(PublishedTotal entrants) {
    }

    public record Rate(Table table) {
    }

    public record Table(PublishedRates.Overall all) {
    }

    public record Overview(String regionId, String districtId, List<Row> pathways, List<Row> sectors) {
    }

    private final PathwayEntryController entry;
    private final OutcomeController outcomes;

    public OverviewController(PathwayEntryController entry, OutcomeController outcomes) {
        this.entry = entry;
        this.outcomes = outcomes;
    }

    @GetMapping("/api/v1/overview")
    public Overview overview(@RequestParam String region,
                             @RequestParam(name = "pathway", required = false) List<String> pathways,
                             @RequestParam(name = "sector", required = false) List<String> sectors,
                             @RequestParam(required = false) String district,
                             @RequestParam(required = false) String asOf) {
        List<String> pathwayIds = pathways == null ? List.of() : pathways;
        List<String> sectorNames = sectors == null ? List.of() : sectors;
        if (pathwayIds.size() + sectorNames.size() > MAX_LEVELS) {
            throw new InvalidValueException("pathway", null, "ask for at most " + MAX_LEVELS + " pathways and sectors together");
        }
        List<Row> pathwayRows = new ArrayList<>();
        for (String pathway : pathwayIds) {
            pathwayRows.add(row(pathway, pathway, null, region, district, asOf));
        }
        List<Row> sectorRows = new ArrayList<>();
        for (String sector : sectorNames) {
            // Within the region: a sector alone would span every region of the deployment.
            sectorRows.add(row(sector, null, sector, region, district, asOf));
        }
        return new Overview(region, district, pathwayRows, sectorRows);
    }

    private Row row(String id, String pathway, String sector, String region, String district, String asOf) {
        String scopeRegion = pathway == null ? region : null;
        var entrants = entry.pathwayEntry(pathway, sector, scopeRegion, district, null, asOf).entrants();
        return new Row(id, new Entry(entrants), rate("concentrator-rate", pathway, sector, scopeRegion, district, asOf),
                rate("completion-rate", pathway, sector, scopeRegion, district, asOf));
    }

    private Rate rate(String metric, String pathway, String sector, String region, String district, String asOf) {
        return new Rate(new Table(outcomes.overall(metric, pathway, sector, region, district, asOf)));
    }
}
