package org.pathwaysledger.analytics.suppression;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedRatesTest {

    @Test
    void an_extreme_rate_is_shown_as_a_range_and_cannot_be_recovered_from_the_total() {
        var table = PublishedRates.publish(new SmallCellSuppression(10), 100, 70, List.of(new PublishedRates.Dimension("SEX", "Sex", List.of(
                new PublishedRates.GroupCounts("F", "Female", 40, 39),
                new PublishedRates.GroupCounts("M", "Male", 35, 18),
                new PublishedRates.GroupCounts("X", "Non-binary", 25, 13)))));

        List<PublishedRates.Row> rows = table.dimensions().get(0).groups();
        assertThat(rows.get(0).rateShown()).isEqualTo(">95%");
        assertThat(rows.get(0).successes()).isNull();
        assertThat(rows.get(0).reason()).isEqualTo(SmallCellSuppression.Reason.TOP_BOTTOM_CODED);
        // 70 - 18 - 13 would give Female's 39: the smallest other group's successes are hidden too.
        assertThat(rows.get(2).successes()).isNull();
        assertThat(rows.get(2).reason()).isEqualTo(SmallCellSuppression.Reason.COMPLEMENTARY);
        assertThat(rows.get(1).ratePercent()).isEqualTo(51.4);
    }

    @Test
    void masked_groups_can_be_pooled_into_all_masked_values_when_the_pool_is_large_enough() {
        var table = PublishedRates.publish(new SmallCellSuppression(10), 107, 51, List.of(new PublishedRates.Dimension("RACE", "Race", List.of(
                new PublishedRates.GroupCounts("A", "A", 50, 20),
                new PublishedRates.GroupCounts("B", "B", 40, 20),
                new PublishedRates.GroupCounts("C", "C", 9, 6),
                new PublishedRates.GroupCounts("D", "D", 8, 5)))), true);

        PublishedRates.Row pool = table.dimensions().get(0).groups().get(4);
        assertThat(pool.group()).isEqualTo("ALL_MASKED");
        assertThat(pool.population()).isEqualTo(17);
        assertThat(pool.successes()).isEqualTo(11);
        assertThat(pool.ratePercent()).isEqualTo(64.7);
        assertThat(table.dimensions().get(0).groups().get(2).population()).isNull();

        var small = PublishedRates.publish(new SmallCellSuppression(10), 95, 43, List.of(new PublishedRates.Dimension("RACE", "Race", List.of(
                new PublishedRates.GroupCounts("A", "A", 50, 20),
                new PublishedRates.GroupCounts("B", "B", 40, 20),
                new PublishedRates.GroupCounts("C", "C", 3, 2),
                new PublishedRates.GroupCounts("D", "D", 2, 1)))), true);
        assertThat(small.dimensions().get(0).groups()).hasSize(4);
    }

    @Test
    void with_two_groups_one_small_success_count_hides_the_other_too() {
        var table = PublishedRates.publish(new SmallCellSuppression(10), 30, 15, List.of(new PublishedRates.Dimension("EL", "English learner", List.of(
                new PublishedRates.GroupCounts("Y", "Yes", 20, 12),
                new PublishedRates.GroupCounts("N", "No", 10, 3)))));

        assertThat(table.dimensions().get(0).groups()).allMatch(row -> row.ratePercent() == null && row.successes() == null);
        assertThat(table.dimensions().get(0).groups().get(0).population()).isEqualTo(20);
    }

    @Test
    void a_rate_gap_and_representation_are_worked_out_from_published_counts_only() {
        var table = PublishedRates.publish(new SmallCellSuppression(10), 30, 15, List.of(new PublishedRates.Dimension("SEX", "Sex", List.of(
                new PublishedRates.GroupCounts("F", "Female", 20, 12),
                new PublishedRates.GroupCounts("M", "Male", 10, 3),
                new PublishedRates.GroupCounts("X", "Non-binary", 0, 0),
                new PublishedRates.GroupCounts("U", "Not selected", 0, 0)))));

        assertThat(table.all().ratePercent()).isEqualTo(50.0);
        PublishedRates.Row female = table.dimensions().get(0).groups().get(0);
        assertThat(female.ratePercent()).isEqualTo(60.0);
        assertThat(female.gapPoints()).isEqualTo(10.0);
        assertThat(female.representationIndex()).isEqualTo(1.2);
        PublishedRates.Row male = table.dimensions().get(0).groups().get(1);
        assertThat(male.successes()).isNull();
        assertThat(male.ratePercent()).isNull();
        assertThat(male.gapPoints()).isNull();
    }

    /** Property: no rate, gap or representation is ever published on a hidden or small count. */
    @RepeatedTest(300)
    void on_random_data_no_rate_is_built_on_a_hidden_count(RepetitionInfo repetition) {
        Random random = new Random(7_000 + repetition.getCurrentRepetition());
        int minimum = 5 + random.nextInt(26);
        int groups = 2 + random.nextInt(7);
        List<PublishedRates.GroupCounts> counts = new ArrayList<>();
        long population = 0;
        long successes = 0;
        for (int g = 0; g < groups; g++) {
            long n = random.nextInt(3) == 0 ? random.nextInt(minimum) : random.nextInt(200);
            long k = n == 0 ? 0 : random.nextInt((int) n + 1);
            counts.add(new PublishedRates.GroupCounts("G" + g, "Group " + g, n, k));
            population += n;
            successes += k;
        }

        var table = PublishedRates.publish(new SmallCellSuppression(minimum), population, successes,
                List.of(new PublishedRates.Dimension("D", "Dimension", counts)));

        long hiddenPopulations = table.dimensions().get(0).groups().stream().filter(row -> row.population() == null).count();
        long hiddenSuccesses = table.dimensions().get(0).groups().stream().filter(row -> row.successes() == null).count();
        if (table.all().population() != null) {
            assertThat(hiddenPopulations).isNotEqualTo(1);
        }
        if (table.all().successes() != null) {
            assertThat(hiddenSuccesses).isNotEqualTo(1);
        }
        for (PublishedRates.Row row : table.dimensions().get(0).groups()) {
            if (row.ratePercent() != null || row.gapPoints() != null || row.representationIndex() != null) {
                assertThat(row.population()).isNotNull().isGreaterThanOrEqualTo(minimum);
                assertThat(row.successes()).isNotNull().isGreaterThanOrEqualTo(minimum);
            }
            if (row.population() != null) {
                assertThat(row.population()).isGreaterThanOrEqualTo(minimum);
            }
            if (row.ratePercent() != null) {
                assertThat(row.ratePercent()).isBetween(5.0, 95.0);
            }
        }
    }
}
