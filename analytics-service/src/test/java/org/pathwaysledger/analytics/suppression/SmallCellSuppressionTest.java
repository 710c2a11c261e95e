package org.pathwaysledger.analytics.suppression;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Breakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Cell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedBreakdown;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedCell;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.PublishedTable;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallCellSuppressionTest {

    private final SmallCellSuppression suppression = new SmallCellSuppression(10);

    private static Breakdown breakdown(long... counts) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            cells.add(new Cell("G" + i, "Group " + i, counts[i]));
        }
        return new Breakdown("D", "Dimension", cells);
    }

    private static List<Reason> reasons(PublishedTable table) {
        return table.breakdowns().get(0).cells().stream().map(PublishedCell::reason).toList();
    }

    @Test
    void counts_at_or_above_the_minimum_are_published_as_they_are() {
        PublishedTable table = suppression.publish(45, List.of(breakdown(10, 15, 20)));

        assertThat(table.total().count()).isEqualTo(45);
        assertThat(table.breakdowns().get(0).cells()).extracting(PublishedCell::count).containsExactly(10L, 15L, 20L);
    }

    @Test
    void a_single_small_cell_takes_the_next_smallest_with_it() {
        PublishedTable table = suppression.publish(50, List.of(breakdown(4, 30, 16)));

        assertThat(reasons(table)).containsExactly(Reason.BELOW_MINIMUM, null, Reason.COMPLEMENTARY);
        assertThat(table.breakdowns().get(0).cells()).extracting(PublishedCell::count).containsExactly(null, 30L, null);
    }

    @Test
    void two_small_cells_need_no_complement() {
        PublishedTable table = suppression.publish(50, List.of(breakdown(4, 3, 43)));

        assertThat(reasons(table)).containsExactly(Reason.BELOW_MINIMUM, Reason.BELOW_MINIMUM, null);
    }

    @Test
    void an_empty_group_is_suppressed_too_never_shown_as_zero() {
        PublishedTable table = suppression.publish(25, List.of(breakdown(0, 25)));

        assertThat(reasons(table)).containsExactly(Reason.BELOW_MINIMUM, Reason.COMPLEMENTARY);
    }

    @Test
    void a_population_below_the_minimum_is_suppressed_whole() {
        PublishedTable table = suppression.publish(7, List.of(breakdown(3, 4)));

        assertThat(table.total().suppressed()).isTrue();
        assertThat(table.total().count()).isNull();
        assertThat(reasons(table)).containsOnly(Reason.TOTAL_BELOW_MINIMUM);
    }

    @Test
    void the_minimum_cell_size_is_a_region_setting_within_sane_bounds() {
        assertThat(new SmallCellSuppression(5).publish(20, List.of(breakdown(5, 15))).breakdowns().get(0).cells())
                .extracting(PublishedCell::count).containsExactly(5L, 15L);
        assertThatThrownBy(() -> new SmallCellSuppression(0)).hasMessageContaining("between 1 and 100");
    }

    @Test
    void a_breakdown_that_does_not_add_up_to_the_total_is_refused() {
        assertThatThrownBy(() -> suppression.publish(50, List.of(breakdown(10, 30))))
                .hasMessageContaining("adds up to 40, not the total 50");
    }

    /** Property: on any data, no published count is below the minimum and no hidden count can be subtracted out. */
    @RepeatedTest(500)
    void on_random_data_nothing_small_is_published_and_nothing_hidden_is_recoverable(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int minimum = 5 + random.nextInt(26);
        SmallCellSuppression rules = new SmallCellSuppression(minimum);
        List<Breakdown> breakdowns = new ArrayList<>();
        long total = random.nextInt(3) == 0 ? random.nextInt(2 * minimum) : random.nextInt(500);
        for (int dimension = 0; dimension < 1 + random.nextInt(4); dimension++) {
            int groups = 2 + random.nextInt(8);
            long[] counts = new long[groups];
            for (long student = 0; student < total; student++) {
                // Skewed, so that small groups are common.
                counts[Math.min(groups - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * groups / 2.5))]++;
            }
            breakdowns.add(breakdown(counts));
        }

        PublishedTable table = rules.publish(total, breakdowns);

        if (table.total().suppressed()) {
            assertThat(total).isLessThan(minimum);
            table.breakdowns().forEach(b -> assertThat(b.cells()).allMatch(PublishedCell::suppressed));
            return;
        }
        for (PublishedBreakdown published : table.breakdowns()) {
            long hidden = published.cells().stream().filter(PublishedCell::suppressed).count();
            assertThat(hidden).as("hidden cells in a breakdown of a published total").isNotEqualTo(1);
            for (PublishedCell cell : published.cells()) {
                assertThat(cell.suppressed()).isEqualTo(cell.count() == null);
                if (!cell.suppressed()) {
                    assertThat(cell.count()).isGreaterThanOrEqualTo(minimum);
                }
            }
        }
    }
}
