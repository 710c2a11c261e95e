package org.pathwaysledger.analytics.suppression;

import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Breakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Cell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedBreakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedCell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedTable;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * A rate metric made safe to publish, by group: the population (denominator) and the successes (numerator) each go
 * through {@link SmallCellSuppression} as their own table, and a rate, its gap to all students and the
 * representation index are published only where every count they are built on is. The equity reading
 * (METRICS.md): rate per group, gap to all students in percentage points, and representation = the group's share
 * of successes divided by its share of the population (1.0 = parity).
 */
public final class PublishedRates {

    /** A group's population and successes, before suppression. */
    public record GroupCounts(String group, String label, long population, long successes) {
    }

    public record Dimension(String dimension, String label, List<GroupCounts> groups) {
    }

    /**
     * One group as published; a null number is hidden, with the reason. {@code rateShown} is what a person reads:
     * the rate, "*" when hidden, or ">95%" / "<5%" where an extreme rate is top- or bottom-coded (the exact rate, gap
     * and successes of such a group would tell that nearly all or nearly none of it succeeded).
     */
    public record Row(String group, String label, Long population, Long successes, Double ratePercent, String rateShown,
                      Double gapPoints, Double representationIndex, boolean suppressed, Reason reason) {
    }

    /** Rates above this (or below 100 minus this) are top/bottom-coded. */
    public static final double CODED_ABOVE = 95.0;

    public record DimensionRows(String dimension, String label, List<Row> groups) {
    }

    public record Overall(Long population, Long successes, Double ratePercent, boolean suppressed) {
    }

    public record Table(int minimumCellSize, Overall all, List<DimensionRows> dimensions) {
    }

    private PublishedRates() {
    }

    public static Table publish(SmallCellSuppression suppression, long population, long successes, List<Dimension> dimensions) {
        return publish(suppression, population, successes, dimensions, false);
    }

    /** A group of a breakdown ({@link Dimension#dimension()} and {@link GroupCounts#group()}). */
    public record CellKey(String dimension, String group) {
    }

    /**
     * Counts to hide although this answer alone would publish them, because another answer hides the same count
     * ({@link Reason#LINKED}) or would give a hidden count back by addition or subtraction across scopes
     * ({@link Reason#CROSS_SCOPE}): populations and successes by group, each with its reason, and the totals (null =
     * not forced).
     */
    public record Forced(java.util.Map<CellKey, Reason> populations, java.util.Map<CellKey, Reason> successes,
                         Reason populationTotal, Reason successesTotal) {
        public static final Forced NONE = new Forced(java.util.Map.of(), java.util.Map.of(), null, null);

        /** Cells hidden because a linked metric hides the same count. */
        public Forced(java.util.Set<CellKey> populations, java.util.Set<CellKey> successes) {
            this(linked(populations), linked(successes), null, null);
        }

        private static java.util.Map<CellKey, Reason> linked(java.util.Set<CellKey> cells) {
            java.util.Map<CellKey, Reason> reasons = new java.util.HashMap<>();
            cells.forEach(cell -> reasons.put(cell, Reason.LINKED));
            return reasons;
        }

        /** Both sets of hides (this one's reason where both hide a count). */
        public Forced and(Forced other) {
            java.util.Map<CellKey, Reason> populations = new java.util.HashMap<>(other.populations());
            populations.putAll(this.populations);
            java.util.Map<CellKey, Reason> successes = new java.util.HashMap<>(other.successes());
            successes.putAll(this.successes);
            return new Forced(populations, successes, populationTotal != null ? populationTotal : other.populationTotal(),
                    successesTotal != null ? successesTotal : other.successesTotal());
        }
    }

    public static Table publish(SmallCellSuppression suppression, long population, long successes, List<Dimension> dimensions,
                                boolean poolMasked) {
        return publish(suppression, population, successes, dimensions, poolMasked, Forced.NONE);
    }

    /**
     * With {@code poolMasked}, each breakdown also gets an "All masked values" row pooling its hidden groups
     * where they are at least two and the pool reaches the minimum. The pool is what the total minus the shown
     * groups already tells, so it reveals nothing new; it only saves the reader the subtraction.
     */
    public static Table publish(SmallCellSuppression suppression, long population, long successes, List<Dimension> dimensions,
                                boolean poolMasked, Forced forced) {
        List<Breakdown> populations = new ArrayList<>();
        List<Breakdown> numerators = new ArrayList<>();
        for (Dimension dimension : dimensions) {
            populations.add(new Breakdown(dimension.dimension(), dimension.label(),
                    dimension.groups().stream().map(g -> new Cell(g.group(), g.label(), g.population())).toList()));
            numerators.add(new Breakdown(dimension.dimension(), dimension.label(),
                    dimension.groups().stream().map(g -> new Cell(g.group(), g.label(), g.successes())).toList()));
        }
        PublishedTable publishedPopulation = suppression.publish(population, populations);
        PublishedTable publishedSuccesses = suppression.publish(successes, numerators);
        Long allPopulation = forced.populationTotal() != null ? null : publishedPopulation.total().count();
        Long allSuccesses = forced.successesTotal() != null ? null : publishedSuccesses.total().count();
        Double allRate = rate(allSuccesses, allPopulation);
        List<DimensionRows> rows = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            PublishedBreakdown pop = publishedPopulation.breakdowns().get(d);
            PublishedBreakdown num = publishedSuccesses.breakdowns().get(d);
            List<Row> groups = new ArrayList<>();
            for (int g = 0; g < pop.cells().size(); g++) {
                PublishedCell n = force(pop.cells().get(g), pop.dimension(), forced.populations());
                PublishedCell k = num.cells().get(g);
                Double rawRate = rate(k.count(), n.count());
                if (rawRate != null && (rawRate > CODED_ABOVE || rawRate < 100 - CODED_ABOVE)) {
                    // Coded: its successes are hidden already, whatever another answer hides.
                    String coded = rawRate > CODED_ABOVE ? ">" + (int) CODED_ABOVE + "%" : "<" + (int) (100 - CODED_ABOVE) + "%";
                    groups.add(new Row(n.group(), n.label(), n.count(), null, null, coded, null, null, false, Reason.TOP_BOTTOM_CODED));
                    continue;
                }
                k = force(k, pop.dimension(), forced.successes());
                Double groupRate = rate(k.count(), n.count());
                Double gap = groupRate == null || allRate == null ? null : round(groupRate - allRate);
                Double representation = k.count() == null || n.count() == null || allSuccesses == null || allPopulation == null
                        || allSuccesses == 0 || n.count() == 0 ? null
                        : round(((double) k.count() / allSuccesses) / ((double) n.count() / allPopulation));
                Reason reason = n.suppressed() ? n.reason() : k.reason();
                groups.add(new Row(n.group(), n.label(), n.count(), k.count(), groupRate, groupRate == null ? "*" : groupRate + "%", gap,
                        representation, n.suppressed() || k.suppressed(), reason));
            }
            List<Row> published = hideSecond(
                    hideSecond(groups, allPopulation != null, Row::population, row -> hidden(row, null, row.successes(), Reason.COMPLEMENTARY)),
                    allSuccesses != null, Row::successes, row -> hidden(row, row.population(), null, Reason.COMPLEMENTARY));
            if (poolMasked) {
                pooled(published, allPopulation, allSuccesses, allRate, suppression.minimumCellSize()).ifPresent(pool -> {
                    published.add(pool);
                });
            }
            rows.add(new DimensionRows(pop.dimension(), pop.label(), published));
        }
        return new Table(suppression.minimumCellSize(), new Overall(allPopulation, allSuccesses, allRate, allRate == null), rows);
    }

    /**
     * The population column of a published rate as a counts-only table over {@code breakdowns} (the same groups, by
     * dimension name and group code): a count answer whose counts are exactly a rate's population (the entrants, the
     * earners with a wage record) shows what the rate's answer shows, so it can never give back what the rate hides.
     * {@code total} is the answer's true total, for the reason of a hidden total.
     */
    public static PublishedTable populationsOf(Table rates, long total, List<Breakdown> breakdowns, int minimumCellSize) {
        Long shown = rates.all().population();
        Reason totalReason = shown != null ? null : total < minimumCellSize ? Reason.TOTAL_BELOW_MINIMUM : Reason.CROSS_SCOPE;
        List<PublishedBreakdown> published = new ArrayList<>();
        for (Breakdown breakdown : breakdowns) {
            java.util.Map<String, Row> rows = new java.util.HashMap<>();
            rates.dimensions().stream().filter(rowsOf -> rowsOf.dimension().equals(breakdown.dimension())).findFirst()
                    .ifPresent(rowsOf -> rowsOf.groups().forEach(row -> rows.put(row.group(), row)));
            List<PublishedCell> cells = new ArrayList<>();
            for (Cell cell : breakdown.cells()) {
                Row row = rows.get(cell.group());
                Long count = row == null ? null : row.population();
                Reason reason = count != null ? null : row == null ? Reason.BELOW_MINIMUM : row.reason() != null ? row.reason() : totalReason;
                cells.add(new PublishedCell(cell.group(), cell.label(), count, count == null, reason));
            }
            published.add(new PublishedBreakdown(breakdown.dimension(), breakdown.label(), cells));
        }
        return new PublishedTable(minimumCellSize, new SmallCellSuppression.PublishedTotal(shown, shown == null, totalReason), published);
    }

    /**
     * Hides a count another answer hides (see {@link Forced}) before anything is built on it: a rate whose population
     * is hidden is neither shown nor coded; a coded rate keeps its range (its successes are hidden anyway).
     */
    private static PublishedCell force(PublishedCell cell, String dimension, java.util.Map<CellKey, Reason> forced) {
        Reason reason = cell.count() == null ? null : forced.get(new CellKey(dimension, cell.group()));
        return reason != null ? new PublishedCell(cell.group(), cell.label(), null, true, reason) : cell;
    }

    /**
     * One hidden count in a breakdown (a coded rate's successes, a population another answer hides) would be the total
     * minus the others, and a hidden total the sum of the groups, so the smallest other count of that column is hidden
     * too.
     */
    private static List<Row> hideSecond(List<Row> groups, boolean totalPublished, java.util.function.Function<Row, Long> column,
                                        java.util.function.UnaryOperator<Row> hide) {
        long hidden = groups.stream().filter(row -> column.apply(row) == null).count() + (totalPublished ? 0 : 1);
        if (hidden != 1) {
            return groups;
        }
        Row smallest = groups.stream().filter(row -> column.apply(row) != null)
                .min(java.util.Comparator.comparing(column)).orElse(null);
        if (smallest == null) {
            return groups;
        }
        List<Row> result = new ArrayList<>(groups.size());
        for (Row row : groups) {
            result.add(row != smallest ? row : hide.apply(row));
        }
        return result;
    }

    /** The row with these counts shown (null = hidden) and nothing built on a hidden one. */
    private static Row hidden(Row row, Long population, Long successes, Reason reason) {
        return new Row(row.group(), row.label(), population, successes, null, "*", null, null, true, reason);
    }

    public static final String POOLED = "ALL_MASKED";

    private static java.util.Optional<Row> pooled(List<Row> rows, Long allPopulation, Long allSuccesses, Double allRate, int minimum) {
        List<Row> masked = rows.stream().filter(row -> row.population() == null).toList();
        if (masked.size() < 2 || allPopulation == null) {
            return java.util.Optional.empty();
        }
        long shownPopulation = rows.stream().filter(row -> row.population() != null).mapToLong(Row::population).sum();
        long pooledPopulation = allPopulation - shownPopulation;
        if (pooledPopulation < minimum) {
            return java.util.Optional.empty();
        }
        Long pooledSuccesses = null;
        if (allSuccesses != null && rows.stream().filter(row -> row.population() != null).allMatch(row -> row.successes() != null)) {
            long shownSuccesses = rows.stream().filter(row -> row.successes() != null).mapToLong(Row::successes).sum();
            long pool = allSuccesses - shownSuccesses;
            pooledSuccesses = pool >= minimum ? pool : null;
        }
        Double pooledRate = rate(pooledSuccesses, pooledPopulation);
        return java.util.Optional.of(new Row(POOLED, "All masked values", pooledPopulation, pooledSuccesses, pooledRate,
                pooledRate == null ? "*" : pooledRate + "%", pooledRate == null || allRate == null ? null : round(pooledRate - allRate), null,
                pooledRate == null, pooledRate == null ? Reason.BELOW_MINIMUM : null));
    }

    private static Double rate(Long successes, Long population) {
        if (successes == null || population == null || population == 0) {
            return null;
        }
        return round(100.0 * successes / population);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
