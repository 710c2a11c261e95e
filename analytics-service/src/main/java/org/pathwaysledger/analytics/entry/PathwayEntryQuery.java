package org.pathwaysledger.analytics.entry;

import org.pathwaysledger.analytics.aggregate.EquityAggregateQuery;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the students who entered a pathway, by every dimension, using each student's demographics as they stood
 * on the day of entry: the latest record effective on or before the entry date (or, for a student whose first
 * record is dated after entry, that first record).
 */
@Component
public class PathwayEntryQuery {

    public record EntrantCounts(long total, Map<Dimension, Map<String, Long>> byDimension) {
    }

    /**
     * The entrants in the asked {@link Scope} as {@code e}, each with {@code d}, the
     * demographics record that held on the day of entry, counting only what the ledger knew at {@code :asOf}
     * (a withdrawn enrolment counts until it was withdrawn). The one definition of "who entered", used by every metric.
     */
    public static final String ENTRANTS_AS_OF_ENTRY = """
            from pathway_entrant e
            join lateral (
                select * from student_demographics h
                where h.district_id = e.district_id and h.student_id = e.student_id and h.recorded_at <= :asOf
                order by (h.effective_date <= e.entry_date) desc,
                         case when h.effective_date <= e.entry_date then h.effective_date end desc nulls last,
                         h.effective_date asc, h.sequence desc
                limit 1) d on true
            where """ + Scope.ENTRANT_IN_SCOPE + """
              and e.recorded_at <= :asOf and (e.withdrawn_at is null or e.withdrawn_at > :asOf)
            """;

    private final JdbcClient jdbc;
    private final EquityAggregateQuery aggregates;

    public PathwayEntryQuery(JdbcClient jdbc, EquityAggregateQuery aggregates) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
    }

    public EntrantCounts count(Scope scope, java.time.Instant asOf) {
        if (EquityAggregateQuery.answers(EquityAggregates.ENTRANTS, scope, asOf, List.of())) {
            // "Now" and no school: the pre-aggregated counts (the same definition, kept by the projection).
            EquityAggregateQuery.Counts counts = aggregates.count(EquityAggregates.ENTRANTS, scope);
            Map<Dimension, Map<String, Long>> byDimension = new EnumMap<>(Dimension.class);
            counts.byDimension().forEach((dimension, groups) -> {
                Map<String, Long> entrants = new HashMap<>();
                groups.forEach((group, cell) -> entrants.put(group, cell[0]));
                byDimension.put(dimension, entrants);
            });
            return new EntrantCounts(counts.population(), byDimension);
        }
        return countFromStudents(scope, asOf);
    }

    /** The same counts computed from the student-level rows: any date, any scope. */
    public EntrantCounts countFromStudents(Scope scope, java.time.Instant asOf) {
        List<String> columns = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            columns.add("d." + dimension.column());
        }
        String groupColumns = String.join(", ", columns);
        String sql = "select " + groupColumns + ", count(*) as entrants " + ENTRANTS_AS_OF_ENTRY + " group by " + groupColumns;
        Map<Dimension, Map<String, Long>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        long[] total = {0};
        scope.bind(jdbc.sql(sql))
                .param("asOf", java.sql.Timestamp.from(asOf))
                .query(row -> {
                    long entrants = row.getLong("entrants");
                    total[0] += entrants;
                    for (Dimension dimension : Dimension.values()) {
                        byDimension.get(dimension).merge(dimension.groupOf(row.getObject(dimension.column())), entrants, Long::sum);
                    }
                });
        return new EntrantCounts(total[0], byDimension);
    }
}
