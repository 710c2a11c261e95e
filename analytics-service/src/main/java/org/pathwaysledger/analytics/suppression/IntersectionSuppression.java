package org.pathwaysledger.analytics.suppression;

import org.pathwaysledger.analytics.suppression.PublishedRates.Row;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An intersection's cells add up to the groups of each of its dimensions: Hispanic girls plus Hispanic boys (and the
 * other sexes) are the Hispanic students. {@link PublishedRates} suppresses each breakdown against the total only, so
 * a hidden intersection cell could be the published group minus its published siblings (and a hidden group the sum of
 * its published intersection cells). This hides further intersection cells, never a group or the total (they are
 * published as in the answer without the intersection), until no hidden count of the answer can be worked out
 * ({@link AdditiveCells}), for the populations and the successes alike.
 */
public final class IntersectionSuppression {

    private IntersectionSuppression() {
    }

    /** {@code table} with the intersections' further hides; intersections are the breakdowns named "A*B". */
    public static PublishedRates.Table protect(PublishedRates.Table table) {
        if (table.dimensions().stream().noneMatch(rows -> rows.dimension().contains("*"))) {
            return table;
        }
        Map<String, Map<String, Row>> rows = new LinkedHashMap<>();
        table.dimensions().forEach(dimension -> {
            Map<String, Row> byGroup = new LinkedHashMap<>();
            dimension.groups().stream().filter(row -> !row.group().equals(PublishedRates.POOLED)).forEach(row -> byGroup.put(row.group(), row));
            rows.put(dimension.dimension(), byGroup);
        });
        Map<String, Map<String, Boolean>> hidePopulation = hides(table.all().population(), rows, Row::population);
        Map<String, Map<String, Boolean>> hideSuccesses = hides(table.all().successes(), rows, Row::successes);
        List<PublishedRates.DimensionRows> dimensions = new ArrayList<>();
        for (PublishedRates.DimensionRows dimension : table.dimensions()) {
            List<Row> groups = new ArrayList<>();
            for (Row row : dimension.groups()) {
                boolean population = hidePopulation.getOrDefault(dimension.dimension(), Map.of()).getOrDefault(row.group(), false);
                boolean successes = hideSuccesses.getOrDefault(dimension.dimension(), Map.of()).getOrDefault(row.group(), false);
                if (row.group().equals(PublishedRates.POOLED) && dimension.dimension().contains("*")
                        && (hidePopulation.containsKey(dimension.dimension()) || hideSuccesses.containsKey(dimension.dimension()))) {
                    continue; // the pool was worked out from the cells shown before these hides
                }
                groups.add(!population && !successes ? row : new Row(row.group(), row.label(), population ? null : row.population(),
                        successes ? null : row.successes(), null, "*", null, null, true, Reason.COMPLEMENTARY));
            }
            dimensions.add(new PublishedRates.DimensionRows(dimension.dimension(), dimension.label(), groups));
        }
        return new PublishedRates.Table(table.minimumCellSize(), table.all(), dimensions);
    }

    /** Intersection cells to hide further (dimension -> group -> true), for one column (populations or successes). */
    private static Map<String, Map<String, Boolean>> hides(Long total, Map<String, Map<String, Row>> rows, Function<Row, Long> column) {
        AdditiveCells cells = new AdditiveCells();
        Map<String, Map<String, Integer>> ids = new HashMap<>();
        int totalCell = cells.add(total == null ? 0 : total, total == null);
        cells.freeze(totalCell);
        rows.forEach((dimension, byGroup) -> {
            Map<String, Integer> groupIds = new LinkedHashMap<>();
            byGroup.forEach((group, row) -> {
                Long count = column.apply(row);
                int id = cells.add(count == null ? Long.MAX_VALUE : count, count == null);
                if (!dimension.contains("*")) {
                    cells.freeze(id);
                }
                groupIds.put(group, id);
            });
            ids.put(dimension, groupIds);
            cells.relate(totalCell, groupIds.values().stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY);
        });
        for (String dimension : rows.keySet()) {
            if (!dimension.contains("*")) {
                continue;
            }
            String[] pair = dimension.split("\\*", 2);
            for (int side = 0; side < 2; side++) {
                Map<String, Integer> groups = ids.get(pair[side]);
                if (groups == null) {
                    continue;
                }
                Map<String, List<Integer>> parts = new LinkedHashMap<>();
                int which = side;
                ids.get(dimension).forEach((code, id) -> {
                    String[] codes = code.split("\\|", 2);
                    if (codes.length == 2) {
                        parts.computeIfAbsent(codes[which], key -> new ArrayList<>()).add(id);
                    }
                });
                parts.forEach((group, partIds) -> {
                    Integer whole = groups.get(group);
                    if (whole != null) {
                        cells.relate(whole, partIds.stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY);
                    }
                });
            }
        }
        Map<Integer, Reason> added = cells.protect();
        Map<String, Map<String, Boolean>> hides = new HashMap<>();
        ids.forEach((dimension, groups) -> groups.forEach((group, id) -> {
            if (added.containsKey(id)) {
                hides.computeIfAbsent(dimension, key -> new HashMap<>()).put(group, true);
            }
        }));
        return hides;
    }
}
