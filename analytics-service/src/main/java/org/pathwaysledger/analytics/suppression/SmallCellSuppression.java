package org.pathwaysledger.analytics.suppression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one place where counts are made safe to publish. Every answer that leaves the analytics service goes through
 * {@link #publish}; nothing else decides what is shown.
 *
 * <p>Rules (NCES SLDS Technical Brief 3; METRICS.md "Small-cell suppression"):
 * <ol>
 *   <li>a count below the minimum cell size is suppressed (primary suppression), and so is anything built on it;</li>
 *   <li>when the total itself is below the minimum, every cell is suppressed;</li>
 *   <li>in a breakdown whose cells add up to the published total, a single suppressed cell could be recovered by
 *       subtraction, so the next-smallest cell is suppressed too (complementary suppression).</li>
 * </ol>
 */
public final class SmallCellSuppression {

    public enum Reason {
        /** The count is below the minimum cell size. */
        BELOW_MINIMUM,
        /** The count is large enough, but would reveal a suppressed sibling by subtraction from the total. */
        COMPLEMENTARY,
        /** The whole population is below the minimum cell size. */
        TOTAL_BELOW_MINIMUM,
        /** An extreme rate shown as a range (">95%", "<5%") instead of its value. */
        TOP_BOTTOM_CODED,
        /**
         * The count is large enough here, but another metric publishes the very same students' count (e.g. the
         * completers of one metric are the population of another) and hides it there: hidden alike, or one answer
         * would reveal what the other hides.
         */
        LINKED,
        /**
         * The count is large enough here, but answers at other scopes add up with this one (a pathway is the sum of
         * its districts, a region of its pathways): hidden so that no count hidden there can be worked out from the
         * published ones by addition and subtraction.
         */
        CROSS_SCOPE
    }

    /** One group's count, before suppression. */
    public record Cell(String group, String label, long count) {
    }

    /** A breakdown of the total by one dimension: its cells are disjoint and add up to the total. */
    public record Breakdown(String dimension, String label, List<Cell> cells) {
    }

    /** A cell as published: {@code count} is null exactly when {@code suppressed}. Never a zero in place of a hidden value. */
    public record PublishedCell(String group, String label, Long count, boolean suppressed, Reason reason) {
    }

    public record PublishedBreakdown(String dimension, String label, List<PublishedCell> cells) {
    }

    public record PublishedTotal(Long count, boolean suppressed, Reason reason) {
    }

    public record PublishedTable(int minimumCellSize, PublishedTotal total, List<PublishedBreakdown> breakdowns) {
    }

    private final int minimumCellSize;

    public SmallCellSuppression(int minimumCellSize) {
        if (minimumCellSize < 1 || minimumCellSize > 100) {
            throw new IllegalArgumentException("The minimum cell size must be between 1 and 100 (states use 5 to 30), not " + minimumCellSize);
        }
        this.minimumCellSize = minimumCellSize;
    }

    public int minimumCellSize() {
        return minimumCellSize;
    }

    public PublishedTable publish(long total, List<Breakdown> breakdowns) {
        for (Breakdown breakdown : breakdowns) {
            long sum = breakdown.cells().stream().mapToLong(Cell::count).sum();
            if (sum != total) {
                throw new IllegalArgumentException("Breakdown " + breakdown.dimension() + " adds up to " + sum + ", not the total " + total);
            }
        }
        if (total < minimumCellSize) {
            List<PublishedBreakdown> hidden = breakdowns.stream().map(breakdown -> new PublishedBreakdown(breakdown.dimension(), breakdown.label(),
                    breakdown.cells().stream().map(cell -> hidden(cell, Reason.TOTAL_BELOW_MINIMUM)).toList())).toList();
            return new PublishedTable(minimumCellSize, new PublishedTotal(null, true, Reason.TOTAL_BELOW_MINIMUM), hidden);
        }
        return new PublishedTable(minimumCellSize, new PublishedTotal(total, false, null),
                breakdowns.stream().map(this::publish).toList());
    }

    private PublishedBreakdown publish(Breakdown breakdown) {
        List<Cell> cells = breakdown.cells();
        Reason[] reasons = new Reason[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).count() < minimumCellSize) {
                reasons[i] = Reason.BELOW_MINIMUM;
            }
        }
        long suppressedCount = IntStream.range(0, reasons.length).filter(i -> reasons[i] != null).count();
        if (suppressedCount == 1) {
            IntStream.range(0, cells.size())
                    .filter(i -> reasons[i] == null)
                    .boxed()
                    .min(Comparator.comparingLong((Integer i) -> cells.get(i).count()).thenComparing(i -> i))
                    .ifPresent(i -> reasons[i] = Reason.COMPLEMENTARY);
        }
        List<PublishedCell> published = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            published.add(reasons[i] == null
                    ? new PublishedCell(cell.group(), cell.label(), cell.count(), false, null)
                    : hidden(cell, reasons[i]));
        }
        return new PublishedBreakdown(breakdown.dimension(), breakdown.label(), published);
    }

    private static PublishedCell hidden(Cell cell, Reason reason) {
        return new PublishedCell(cell.group(), cell.label(), null, true, reason);
    }
}
