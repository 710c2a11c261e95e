package org.pathwaysledger.analytics.suppression;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.suppression.PublishedRates.GroupCounts;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IntersectionSuppressionTest {

    private static final SmallCellSuppression SUPPRESSION = new SmallCellSuppression(10);
    private static final List<String> RACES = List.of("HISPANIC", "WHITE", "ASIAN");
    private static final List<String> SEXES = List.of("F", "M");

    @Test
    void a_hidden_intersection_cell_is_not_its_group_minus_its_published_sibling() {
        // 50 Hispanic students: 5 girls, 45 boys; 40 White: 20 and 20. Against the total alone, only the 5 is small,
        // and its complement would be the smallest other cell (a White cell): Hispanic 50 - boys 45 = 5.
        int[][] population = {{5, 45}, {20, 20}, {0, 0}};
        int[][] successes = {{0, 20}, {10, 10}, {0, 0}};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNothingRecoverable(publish(population, successes)))
                .as("suppressed against the total only").isInstanceOf(AssertionError.class);
        PublishedRates.Table table = IntersectionSuppression.protect(publish(population, successes));

        Long hispanic = row(table, "RACE", "HISPANIC").population();
        Long hispanicBoys = row(table, "RACE*SEX", "HISPANIC|M").population();
        assertThat(row(table, "RACE*SEX", "HISPANIC|F").population()).isNull();
        assertThat(hispanic == null || hispanicBoys == null).as("50 - 45 would give the 5 away").isTrue();
        assertThat(hispanic).as("the groups are published as without the intersection").isEqualTo(50L);
        assertNothingRecoverable(table);
    }

    @RepeatedTest(60)
    void on_random_answers_no_hidden_count_is_recoverable_from_groups_and_intersections(RepetitionInfo repetition) {
        Random random = new Random(31L * repetition.getCurrentRepetition());
        int[][] population = new int[RACES.size()][SEXES.size()];
        int[][] successes = new int[RACES.size()][SEXES.size()];
        for (int r = 0; r < RACES.size(); r++) {
            for (int s = 0; s < SEXES.size(); s++) {
                population[r][s] = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(60);
                successes[r][s] = (int) Math.round(population[r][s] * random.nextDouble());
            }
        }
        PublishedRates.Table before = publish(population, successes);
        PublishedRates.Table table = IntersectionSuppression.protect(before);

        for (PublishedRates.DimensionRows dimension : table.dimensions()) {
            if (!dimension.dimension().contains("*")) {
                assertThat(dimension).as("groups unchanged").isEqualTo(before.dimensions().get(table.dimensions().indexOf(dimension)));
            }
            for (PublishedRates.Row row : dimension.groups()) {
                assertThat(row.population() == null || row.population() >= 10).isTrue();
                assertThat(row.successes() == null || row.successes() >= 10).isTrue();
                assertThat(row.ratePercent() == null || (row.population() != null && row.successes() != null)).isTrue();
            }
        }
        assertNothingRecoverable(table);
    }

    private static PublishedRates.Table publish(int[][] population, int[][] successes) {
        long totalPopulation = 0;
        long totalSuccesses = 0;
        List<GroupCounts> races = new ArrayList<>();
        List<GroupCounts> sexes = new ArrayList<>();
        List<GroupCounts> both = new ArrayList<>();
        for (int r = 0; r < RACES.size(); r++) {
            long n = 0;
            long k = 0;
            for (int s = 0; s < SEXES.size(); s++) {
                n += population[r][s];
                k += successes[r][s];
                both.add(new GroupCounts(RACES.get(r) + "|" + SEXES.get(s), RACES.get(r) + ", " + SEXES.get(s), population[r][s], successes[r][s]));
            }
            races.add(new GroupCounts(RACES.get(r), RACES.get(r), n, k));
            totalPopulation += n;
            totalSuccesses += k;
        }
        for (int s = 0; s < SEXES.size(); s++) {
            long n = 0;
            long k = 0;
            for (int r = 0; r < RACES.size(); r++) {
                n += population[r][s];
                k += successes[r][s];
            }
            sexes.add(new GroupCounts(SEXES.get(s), SEXES.get(s), n, k));
        }
        return PublishedRates.publish(SUPPRESSION, totalPopulation, totalSuccesses, List.of(new PublishedRates.Dimension("RACE", "Race", races),
                new PublishedRates.Dimension("SEX", "Sex", sexes), new PublishedRates.Dimension("RACE*SEX", "Race by sex", both)));
    }

    /** The reader's sums, worked out here: total = each breakdown; each race = its cells; each sex = its cells. */
    private static void assertNothingRecoverable(PublishedRates.Table table) {
        for (boolean populations : new boolean[]{true, false}) {
            AdditiveCells audit = new AdditiveCells();
            Long total = populations ? table.all().population() : table.all().successes();
            int totalCell = audit.add(total == null ? 0 : total, total == null);
            Map<String, Integer> cells = new HashMap<>();
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                List<Integer> parts = new ArrayList<>();
                for (PublishedRates.Row row : dimension.groups()) {
                    Long count = populations ? row.population() : row.successes();
                    int id = audit.add(count == null ? 0 : count, count == null);
                    cells.put(row.group(), id);
                    parts.add(id);
                }
                audit.relate(totalCell, parts.stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY);
            }
            Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
            for (String race : RACES) {
                for (String sex : SEXES) {
                    byGroup.computeIfAbsent(race, key -> new ArrayList<>()).add(cells.get(race + "|" + sex));
                    byGroup.computeIfAbsent(sex, key -> new ArrayList<>()).add(cells.get(race + "|" + sex));
                }
            }
            byGroup.forEach((group, parts) -> audit.relate(cells.get(group), parts.stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY));
            assertThat(audit.recoverable()).as(populations ? "populations" : "successes").isEmpty();
        }
    }

    private static PublishedRates.Row row(PublishedRates.Table table, String dimension, String group) {
        return table.dimensions().stream().filter(rows -> rows.dimension().equals(dimension)).findFirst().orElseThrow()
                .groups().stream().filter(row -> row.group().equals(group)).findFirst().orElseThrow();
    }
}
