package org.pathwaysledger.analytics.earnings;

import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wage earners among a pathway's graduated entrants (a state wage record in the 2nd quarter after the diploma
 * quarter, the quarter Perkins 3S1 looks at), counted and their median quarterly wage, overall and per group. The
 * medians are computed in PostgreSQL (one pass, grouping sets) so no student-level wage leaves the database.
 */
@Component
public class EarningsQuery {

    /** A group's earners and their median wages (null when none). */
    public record Earners(long count, Double median) {
    }

    public record Medians(Earners all, Map<Dimension, Map<String, Earners>> byDimension, Map<List<Dimension>, Map<String, Earners>> byIntersection) {
    }

    private final JdbcClient jdbc;

    public EarningsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Medians medians(Scope scope, Instant asOf, List<List<Dimension>> intersections) {
        List<String> columns = new ArrayList<>();
        List<String> sets = new ArrayList<>(List.of("()"));
        StringBuilder groupings = new StringBuilder();
        for (Dimension dimension : Dimension.values()) {
            columns.add(dimension.column());
            sets.add("(" + dimension.column() + ")");
            groupings.append(", grouping(").append(dimension.column()).append(") as g_").append(dimension.column());
        }
        for (List<Dimension> pair : intersections) {
            sets.add("(" + pair.get(0).column() + ", " + pair.get(1).column() + ")");
        }
        String demographics = String.join(", ", columns.stream().map(column -> "d." + column).toList());
        String sql = "with earner as (select " + demographics + ", " + OutcomeMetric.secondQuarterWages() + " as wages "
                + PathwayEntryQuery.ENTRANTS_AS_OF_ENTRY + " and (" + OutcomeMetric.LIVING_WAGE.populationCondition() + ")) "
                + "select " + String.join(", ", columns) + groupings + ", count(*) as earners, "
                + "percentile_cont(0.5) within group (order by wages) as median from earner "
                + "group by grouping sets (" + String.join(", ", sets) + ")";
        Map<Dimension, Map<String, Earners>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        Map<List<Dimension>, Map<String, Earners>> byIntersection = new HashMap<>();
        intersections.forEach(pair -> byIntersection.put(pair, new HashMap<>()));
        Earners[] all = {new Earners(0, null)};
        scope.bind(jdbc.sql(sql))
                .param("asOf", Timestamp.from(asOf))
                .query(row -> {
                    Set<Dimension> grouped = EnumSet.noneOf(Dimension.class);
                    for (Dimension dimension : Dimension.values()) {
                        if (row.getInt("g_" + dimension.column()) == 0) {
                            grouped.add(dimension);
                        }
                    }
                    double median = row.getDouble("median");
                    Earners earners = new Earners(row.getLong("earners"), row.wasNull() ? null : Math.round(median * 100) / 100.0);
                    if (grouped.isEmpty()) {
                        all[0] = earners;
                    } else if (grouped.size() == 1) {
                        Dimension dimension = grouped.iterator().next();
                        byDimension.get(dimension).put(dimension.groupOf(row.getObject(dimension.column())), earners);
                    }
                    // A pair of one dimension with itself (SEX*SEX) is answered by that dimension's own grouping set.
                    for (List<Dimension> pair : intersections) {
                        if (grouped.equals(EnumSet.copyOf(pair))) {
                            byIntersection.get(pair).put(pair.get(0).groupOf(row.getObject(pair.get(0).column())) + "|"
                                    + pair.get(1).groupOf(row.getObject(pair.get(1).column())), earners);
                        }
                    }
                });
        return new Medians(all[0], byDimension, byIntersection);
    }
}
