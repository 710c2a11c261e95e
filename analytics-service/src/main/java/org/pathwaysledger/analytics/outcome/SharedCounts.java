package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.CellKey;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Counts that more than one metric publishes: the same students, split by the same groups (demographics on the day of
 * entry). The successes of one metric are then the population of another (K12 SWP participants are the population of
 * K12 SWP completers; the completers are the successes of the completion rate and the population of the three
 * "completers with ..." counts; the concentrators are the population of Perkins 4S1 where the scope's pathways are in
 * nontraditional fields). Suppression is complementary within an answer; across answers, a count one metric hides (a
 * top-coded rate hides its successes, and its complement goes too) would be read off the other metric's population.
 * So the answers of linked metrics are published together: a count hidden in one is hidden ({@code LINKED}) in every
 * answer that carries it. A metric's own hides are taken with its population's hides already applied (a rate hidden
 * because its population is, is not top-coded, so it hides no successes of its own).
 *
 * <p>4S1's population is the concentrators only where every pathway of the scope (with concentrators) is in a
 * nontraditional field; elsewhere it is a subset, and a different count. A carrier is linked only when its total is
 * the count's largest total among the answers: a subset with the same total is the same set.
 */
public final class SharedCounts {

    /** A count published by several metrics; a metric's population count is declared before its success count. */
    public enum Count {
        PARTICIPANTS, COMPLETERS, CONCENTRATORS
    }

    /** One metric's answer before suppression. */
    public record Unpublished(long population, long successes, List<PublishedRates.Dimension> dimensions) {
    }

    private SharedCounts() {
    }

    public static Optional<Count> populationOf(OutcomeMetric metric) {
        return Optional.ofNullable(switch (metric) {
            case K12SWP_COMPLETERS -> Count.PARTICIPANTS;
            case K12SWP_COMPLETERS_EARLY_CREDIT, K12SWP_COMPLETERS_WBL, K12SWP_COMPLETERS_CERTIFICATION -> Count.COMPLETERS;
            case PERKINS_4S1 -> Count.CONCENTRATORS;
            default -> null;
        });
    }

    public static Optional<Count> successesOf(OutcomeMetric metric) {
        return Optional.ofNullable(switch (metric) {
            case K12SWP_PARTICIPANTS -> Count.PARTICIPANTS;
            case K12SWP_COMPLETERS, COMPLETION_RATE -> Count.COMPLETERS;
            case CONCENTRATOR_RATE -> Count.CONCENTRATORS;
            default -> null;
        });
    }

    /** The metrics whose answers must be published together with {@code metric}'s (itself first); often just itself. */
    public static List<OutcomeMetric> linkedTo(OutcomeMetric metric) {
        List<OutcomeMetric> linked = new ArrayList<>(List.of(metric));
        for (int i = 0; i < linked.size(); i++) {
            Set<Count> counts = counts(linked.get(i));
            for (OutcomeMetric other : OutcomeMetric.values()) {
                if (!linked.contains(other) && counts(other).stream().anyMatch(counts::contains)) {
                    linked.add(other);
                }
            }
        }
        return linked;
    }

    /** Publishes linked answers together (the map's metrics, as given by {@link #linkedTo}). */
    public static Map<OutcomeMetric, PublishedRates.Table> publish(SmallCellSuppression suppression, Map<OutcomeMetric, Unpublished> answers,
                                                                   boolean poolMasked) {
        return publish(suppression, answers, poolMasked, Map.of());
    }

    /** The same, with hides each answer takes from elsewhere ({@code extra}: e.g. the enclosing scope's, see {@link ScopeFamily}). */
    public static Map<OutcomeMetric, PublishedRates.Table> publish(SmallCellSuppression suppression, Map<OutcomeMetric, Unpublished> answers,
                                                                   boolean poolMasked, Map<OutcomeMetric, Forced> extra) {
        Map<Count, Long> largest = new EnumMap<>(Count.class);
        answers.forEach((metric, answer) -> {
            populationOf(metric).ifPresent(count -> largest.merge(count, answer.population(), Math::max));
            successesOf(metric).ifPresent(count -> largest.merge(count, answer.successes(), Math::max));
        });
        Map<OutcomeMetric, Optional<Count>> populations = new LinkedHashMap<>();
        Map<OutcomeMetric, Optional<Count>> successes = new LinkedHashMap<>();
        answers.forEach((metric, answer) -> {
            populations.put(metric, populationOf(metric).filter(count -> largest.get(count) == answer.population()));
            successes.put(metric, successesOf(metric).filter(count -> largest.get(count) == answer.successes()));
        });
        // Count by count, in the enum's order (a metric's population count comes before its success count): the cells of a
        // count hidden in any answer carrying it, with the earlier counts' hides already applied, until nothing is added.
        // Later counts do not change an earlier count's cells (forced successes never touch populations).
        Map<Count, Set<CellKey>> hidden = new EnumMap<>(Count.class);
        for (Count count : Count.values()) {
            Set<CellKey> cells = new HashSet<>();
            hidden.put(count, cells);
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<OutcomeMetric, Unpublished> answer : answers.entrySet()) {
                    Optional<Count> population = populations.get(answer.getKey()).filter(hidden::containsKey);
                    Optional<Count> success = successes.get(answer.getKey()).filter(hidden::containsKey);
                    if (population.filter(count::equals).isEmpty() && success.filter(count::equals).isEmpty()) {
                        continue;
                    }
                    PublishedRates.Table table = PublishedRates.publish(suppression, answer.getValue().population(), answer.getValue().successes(),
                            answer.getValue().dimensions(), poolMasked,
                            forced(population, success, hidden).and(extra.getOrDefault(answer.getKey(), Forced.NONE)));
                    for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                        for (PublishedRates.Row row : dimension.groups()) {
                            if (row.group().equals(PublishedRates.POOLED)) {
                                continue;
                            }
                            CellKey key = new CellKey(dimension.dimension(), row.group());
                            if (row.population() == null && population.filter(count::equals).isPresent()) {
                                changed |= cells.add(key);
                            }
                            if (row.successes() == null && success.filter(count::equals).isPresent()) {
                                changed |= cells.add(key);
                            }
                        }
                    }
                }
            }
        }
        Map<OutcomeMetric, PublishedRates.Table> tables = new LinkedHashMap<>();
        answers.forEach((metric, answer) -> {
            Forced elsewhere = extra.getOrDefault(metric, Forced.NONE);
            PublishedRates.Table table = PublishedRates.publish(suppression, answer.population(), answer.successes(),
                    answer.dimensions(), poolMasked, forced(populations.get(metric), successes.get(metric), hidden).and(elsewhere));
            PublishedRates.Table own = PublishedRates.publish(suppression, answer.population(), answer.successes(),
                    answer.dimensions(), poolMasked, forced(populations.get(metric), Optional.empty(), hidden).and(elsewhere));
            tables.put(metric, ownReasons(table, own));
        });
        return tables;
    }

    /**
     * A cell this answer hides for a reason of its own (coded, small, its own complement) says so rather than
     * {@code LINKED}, though the linked counts hide it too: only the label changes, never what is hidden.
     */
    private static PublishedRates.Table ownReasons(PublishedRates.Table table, PublishedRates.Table own) {
        List<PublishedRates.DimensionRows> dimensions = new java.util.ArrayList<>();
        for (int d = 0; d < table.dimensions().size(); d++) {
            PublishedRates.DimensionRows rows = table.dimensions().get(d);
            Map<String, PublishedRates.Row> ownRows = new java.util.HashMap<>();
            own.dimensions().get(d).groups().forEach(row -> ownRows.put(row.group(), row));
            List<PublishedRates.Row> relabelled = new java.util.ArrayList<>();
            for (PublishedRates.Row row : rows.groups()) {
                PublishedRates.Row ownRow = ownRows.get(row.group());
                boolean ownReason = row.reason() == SmallCellSuppression.Reason.LINKED && ownRow != null && ownRow.reason() != null
                        && ownRow.reason() != SmallCellSuppression.Reason.LINKED && ownRow.reason() != SmallCellSuppression.Reason.TOP_BOTTOM_CODED;
                relabelled.add(!ownReason ? row : new PublishedRates.Row(row.group(), row.label(), row.population(), row.successes(),
                        row.ratePercent(), row.rateShown(), row.gapPoints(), row.representationIndex(), row.suppressed(), ownRow.reason()));
            }
            dimensions.add(new PublishedRates.DimensionRows(rows.dimension(), rows.label(), relabelled));
        }
        return new PublishedRates.Table(table.minimumCellSize(), table.all(), dimensions);
    }

    private static Forced forced(Optional<Count> population, Optional<Count> successes, Map<Count, Set<CellKey>> hidden) {
        return new Forced(population.map(count -> Set.copyOf(hidden.getOrDefault(count, Set.of()))).orElse(Set.of()),
                successes.map(count -> Set.copyOf(hidden.getOrDefault(count, Set.of()))).orElse(Set.of()));
    }

    private static Set<Count> counts(OutcomeMetric metric) {
        Set<Count> counts = new HashSet<>();
        populationOf(metric).ifPresent(counts::add);
        successesOf(metric).ifPresent(counts::add);
        return counts;
    }
}
