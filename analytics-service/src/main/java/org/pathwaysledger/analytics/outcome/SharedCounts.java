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
 * answer that carries it, until nothing changes (hiding only ever adds, so this ends).
 *
 * <p>4S1's population is the concentrators only where every pathway of the scope (with concentrators) is in a
 * nontraditional field; elsewhere it is a subset, and a different count. A carrier is linked only when its total is
 * the count's largest total among the answers: a subset with the same total is the same set.
 */
public final class SharedCounts {

    /** A count published by several metrics. */
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
        Map<Count, Set<CellKey>> hidden = new EnumMap<>(Count.class);
        while (true) {
            Map<OutcomeMetric, PublishedRates.Table> tables = new LinkedHashMap<>();
            answers.forEach((metric, answer) -> tables.put(metric, PublishedRates.publish(suppression, answer.population(), answer.successes(),
                    answer.dimensions(), poolMasked, forced(populations.get(metric), successes.get(metric), hidden))));
            boolean changed = false;
            for (Map.Entry<OutcomeMetric, PublishedRates.Table> entry : tables.entrySet()) {
                Optional<Count> population = populations.get(entry.getKey());
                Optional<Count> success = successes.get(entry.getKey());
                for (PublishedRates.DimensionRows dimension : entry.getValue().dimensions()) {
                    for (PublishedRates.Row row : dimension.groups()) {
                        if (row.group().equals(PublishedRates.POOLED)) {
                            continue;
                        }
                        CellKey key = new CellKey(dimension.dimension(), row.group());
                        if (row.population() == null && population.isPresent()) {
                            changed |= hidden.computeIfAbsent(population.get(), c -> new HashSet<>()).add(key);
                        }
                        if (row.successes() == null && success.isPresent()) {
                            changed |= hidden.computeIfAbsent(success.get(), c -> new HashSet<>()).add(key);
                        }
                    }
                }
            }
            if (!changed) {
                return tables;
            }
        }
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
