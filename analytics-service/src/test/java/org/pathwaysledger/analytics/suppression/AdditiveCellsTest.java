package org.pathwaysledger.analytics.suppression;

import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class AdditiveCellsTest {

    @Test
    void one_hidden_part_of_a_published_sum_is_found_and_protected() {
        AdditiveCells cells = new AdditiveCells();
        int pathway = cells.add(23, false);
        int districtA = cells.add(3, true);
        int districtB = cells.add(20, false);
        cells.relate(pathway, new int[]{districtA, districtB}, Reason.CROSS_SCOPE);

        assertThat(cells.recoverable()).containsExactly(districtA); // 23 - 20

        assertThat(cells.protect()).containsOnlyKeys(districtB).containsEntry(districtB, Reason.CROSS_SCOPE);
        assertThat(cells.recoverable()).isEmpty();
    }

    /**
     * Two blocks of four hidden counts, each safe alone (every row and column has two hidden), tied by one more hidden
     * count: every line has two or more hidden, yet adding two rows and subtracting two columns gives that count back.
     * A rule that only counts hidden cells per line misses it; the exact audit does not.
     */
    @Test
    void a_count_bridging_two_safe_blocks_is_recoverable_although_every_line_has_two_hidden() {
        // A 4 x 4 table with row totals, column totals and a grand total, all published but the hidden ones.
        boolean[][] hidden = {
                {true, true, true, false},
                {true, true, false, false},
                {false, false, true, true},
                {false, false, true, true}};
        AdditiveCells cells = new AdditiveCells();
        int[][] id = new int[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                id[r][c] = cells.add(10 + r * 4 + c, hidden[r][c]);
            }
        }
        int grand = cells.add(0, false);
        int[] rowTotals = new int[4];
        int[] columnTotals = new int[4];
        for (int i = 0; i < 4; i++) {
            rowTotals[i] = cells.add(0, false);
            columnTotals[i] = cells.add(0, false);
            int line = i;
            cells.relate(rowTotals[i], java.util.stream.IntStream.range(0, 4).map(c -> id[line][c]).toArray(), Reason.COMPLEMENTARY);
            cells.relate(columnTotals[i], java.util.stream.IntStream.range(0, 4).map(r -> id[r][line]).toArray(), Reason.COMPLEMENTARY);
        }
        cells.relate(grand, rowTotals, Reason.COMPLEMENTARY);
        cells.relate(grand, columnTotals, Reason.COMPLEMENTARY);

        assertThat(cells.recoverable()).containsExactly(id[0][2]);

        cells.protect();
        assertThat(cells.recoverable()).isEmpty();
    }

    @Test
    void frozen_counts_keep_their_state_and_the_finer_counts_are_hidden_instead() {
        AdditiveCells cells = new AdditiveCells();
        int district = cells.add(12, false);
        int schoolA = cells.add(4, true);
        int schoolB = cells.add(3, false);
        int schoolC = cells.add(5, false);
        cells.freeze(district);
        cells.relate(district, new int[]{schoolA, schoolB, schoolC}, Reason.CROSS_SCOPE);

        cells.protect();

        assertThat(cells.hidden(district)).isFalse();
        assertThat(cells.hidden(schoolB)).as("the smallest published part").isTrue();
        assertThat(cells.hidden(schoolC)).isFalse();
        assertThat(cells.recoverable()).isEmpty();
    }

    @Test
    void the_same_count_published_twice_is_hidden_in_both_or_neither() {
        AdditiveCells cells = new AdditiveCells();
        int completersOfOneMetric = cells.add(7, true);
        int populationOfAnother = cells.add(7, false);
        cells.relate(completersOfOneMetric, new int[]{populationOfAnother}, Reason.LINKED);

        assertThat(cells.protect()).containsEntry(populationOfAnother, Reason.LINKED);
    }
}
