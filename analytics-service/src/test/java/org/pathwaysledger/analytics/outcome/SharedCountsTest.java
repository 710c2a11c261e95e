package org.pathwaysledger.analytics.outcome;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.outcome.SharedCounts.Count;
import org.pathwaysledger.analytics.outcome.SharedCounts.Unpublished;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.GroupCounts;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class SharedCountsTest {

    private static final SmallCellSuppression N10 = new SmallCellSuppression(10);

    @Test
    void the_k12swp_counts_and_the_completion_rate_are_published_together() {
        assertThat(SharedCounts.linkedTo(OutcomeMetric.K12SWP_COMPLETERS_WBL)).containsExactlyInAnyOrder(
                OutcomeMetric.K12SWP_COMPLETERS_WBL, OutcomeMetric.K12SWP_COMPLETERS, OutcomeMetric.K12SWP_PARTICIPANTS,
                OutcomeMetric.COMPLETION_RATE, OutcomeMetric.K12SWP_COMPLETERS_EARLY_CREDIT, OutcomeMetric.K12SWP_COMPLETERS_CERTIFICATION);
        assertThat(SharedCounts.linkedTo(OutcomeMetric.PERKINS_4S1)).containsExactlyInAnyOrder(OutcomeMetric.PERKINS_4S1, OutcomeMetric.CONCENTRATOR_RATE);
        assertThat(SharedCounts.linkedTo(OutcomeMetric.WBL_PARTICIPATION)).containsExactly(OutcomeMetric.WBL_PARTICIPATION);
    }

    @Test
    void participants_hidden_by_top_coding_are_hidden_as_the_completers_population_too() {
        // 100 entrants: 40 women of whom 39 participated (97.5%: coded ">95%", count hidden), 35 men (18), 25 non-binary (13,
        // hidden as the complement). The participants are the population of K12 SWP completers.
        Map<OutcomeMetric, Unpublished> answers = new LinkedHashMap<>();
        answers.put(OutcomeMetric.K12SWP_PARTICIPANTS, answer(100, 70, group("F", 40, 39), group("M", 35, 18), group("X", 25, 13)));
        answers.put(OutcomeMetric.K12SWP_COMPLETERS, answer(70, 40, group("F", 39, 20), group("M", 18, 10), group("X", 13, 10)));

        var alone = PublishedRates.publish(N10, 70, 40, answers.get(OutcomeMetric.K12SWP_COMPLETERS).dimensions());
        // Without linking, the completers' population of women is the 39 the participants' answer hides.
        assertThat(alone.dimensions().get(0).groups().get(0).population()).isEqualTo(39L);

        var published = SharedCounts.publish(N10, answers, false);
        List<PublishedRates.Row> participants = published.get(OutcomeMetric.K12SWP_PARTICIPANTS).dimensions().get(0).groups();
        List<PublishedRates.Row> completers = published.get(OutcomeMetric.K12SWP_COMPLETERS).dimensions().get(0).groups();
        assertThat(participants.get(0).rateShown()).isEqualTo(">95%");
        assertThat(participants.get(0).successes()).isNull();
        assertThat(participants.get(2).successes()).isNull();
        assertThat(completers.get(0).population()).isNull();
        assertThat(completers.get(0).reason()).isEqualTo(Reason.LINKED);
        assertThat(completers.get(0).ratePercent()).isNull();
        assertThat(completers.get(2).population()).isNull();
        assertThat(completers.get(1).population()).isEqualTo(18L);
        assertThat(participants.get(1).successes()).isEqualTo(18L);
        assertThat(published.get(OutcomeMetric.K12SWP_COMPLETERS).all().population()).isEqualTo(70L);
    }

    @Test
    void a_4s1_population_smaller_than_the_concentrators_is_another_count_and_hides_nothing_of_the_concentrator_rate() {
        // A traditional pathway: no concentrator is in a nontraditional field, 4S1's population is 0 (all hidden).
        Map<OutcomeMetric, Unpublished> answers = new LinkedHashMap<>();
        answers.put(OutcomeMetric.CONCENTRATOR_RATE, answer(100, 50, group("F", 60, 30), group("M", 40, 20)));
        answers.put(OutcomeMetric.PERKINS_4S1, answer(0, 0, group("F", 0, 0), group("M", 0, 0)));

        var published = SharedCounts.publish(N10, answers, false);

        List<PublishedRates.Row> concentrators = published.get(OutcomeMetric.CONCENTRATOR_RATE).dimensions().get(0).groups();
        assertThat(concentrators.get(0).successes()).isEqualTo(30L);
        assertThat(concentrators.get(1).ratePercent()).isEqualTo(50.0);
        assertThat(published.get(OutcomeMetric.PERKINS_4S1).all().population()).isNull();
    }

    @RepeatedTest(300)
    void no_shared_count_is_shown_in_one_answer_and_hidden_in_another(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 7919L);
        int students = 15 + random.nextInt(400);
        String[][] groups = {{"F", "M", "X"}, {"Y", "N"}, {"A", "B", "C", "D", "E"}};
        double[][] skew = new double[groups.length][];
        for (int d = 0; d < groups.length; d++) {
            skew[d] = new double[groups[d].length];
            for (int g = 0; g < groups[d].length; g++) {
                skew[d][g] = random.nextInt(4) == 0 ? 0.97 + random.nextDouble() * 0.03 : random.nextDouble();
            }
        }
        List<int[]> who = new ArrayList<>();
        List<boolean[]> facts = new ArrayList<>();
        for (int s = 0; s < students; s++) {
            int[] g = {random.nextInt(3), random.nextInt(2), Math.min(4, (int) Math.abs(random.nextGaussian() * 1.5))};
            double p = skew[0][g[0]] * 0.5 + skew[2][g[2]] * 0.5;
            boolean participant = random.nextDouble() < Math.max(p, skew[1][g[1]]);
            boolean completer = participant && random.nextDouble() < skew[2][g[2]];
            boolean concentrator = random.nextDouble() < skew[0][g[0]];
            who.add(g);
            facts.add(new boolean[]{participant, completer, completer && random.nextDouble() < skew[1][g[1]],
                    completer && random.nextBoolean(), completer && random.nextDouble() < 0.9, concentrator,
                    concentrator && g[0] == 0});
        }
        Map<OutcomeMetric, Unpublished> answers = new LinkedHashMap<>();
        answers.put(OutcomeMetric.K12SWP_PARTICIPANTS, count(who, facts, groups, f -> true, f -> f[0]));
        answers.put(OutcomeMetric.K12SWP_COMPLETERS, count(who, facts, groups, f -> f[0], f -> f[1]));
        answers.put(OutcomeMetric.COMPLETION_RATE, count(who, facts, groups, f -> true, f -> f[1]));
        answers.put(OutcomeMetric.K12SWP_COMPLETERS_EARLY_CREDIT, count(who, facts, groups, f -> f[1], f -> f[2]));
        answers.put(OutcomeMetric.K12SWP_COMPLETERS_WBL, count(who, facts, groups, f -> f[1], f -> f[3]));
        answers.put(OutcomeMetric.K12SWP_COMPLETERS_CERTIFICATION, count(who, facts, groups, f -> f[1], f -> f[4]));
        answers.put(OutcomeMetric.CONCENTRATOR_RATE, count(who, facts, groups, f -> true, f -> f[5]));
        answers.put(OutcomeMetric.PERKINS_4S1, count(who, facts, groups, f -> f[5], f -> f[6]));
        boolean pool = random.nextBoolean();

        Map<OutcomeMetric, PublishedRates.Table> published = SharedCounts.publish(N10, answers, pool);

        // For every shared count and group: what each answer carrying it shows (null = hidden) must be the same.
        Map<String, Map<OutcomeMetric, Long>> shown = new HashMap<>();
        published.forEach((metric, table) -> {
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.group().equals(PublishedRates.POOLED)) {
                        continue;
                    }
                    assertThat(row.population() == null || row.population() >= 10 || row.population() == 0).isTrue();
                    assertThat(row.successes() == null || row.successes() >= 10 || row.successes() == 0).isTrue();
                    record(shown, SharedCounts.populationOf(metric), dimension.dimension() + "/" + row.group(), metric, row.population());
                    record(shown, SharedCounts.successesOf(metric), dimension.dimension() + "/" + row.group(), metric, row.successes());
                }
                // Within an answer, never a single hidden cell beside a published total.
                if (table.all().population() != null) {
                    assertThat(dimension.groups().stream().filter(r -> !r.group().equals(PublishedRates.POOLED) && r.population() == null).count()).isNotEqualTo(1L);
                }
                if (table.all().successes() != null) {
                    assertThat(dimension.groups().stream().filter(r -> !r.group().equals(PublishedRates.POOLED) && r.successes() == null).count()).isNotEqualTo(1L);
                }
            }
        });
        shown.forEach((cell, byMetric) -> assertThat(new java.util.HashSet<>(byMetric.values()))
                .as("%s as published by %s", cell, byMetric).hasSize(1));
    }

    private static void record(Map<String, Map<OutcomeMetric, Long>> shown, Optional<Count> count, String cell, OutcomeMetric metric, Long value) {
        count.ifPresent(c -> shown.computeIfAbsent(c + ":" + cell, k -> new HashMap<>()).put(metric, value == null ? -1L : value));
    }

    private static Unpublished count(List<int[]> who, List<boolean[]> facts, String[][] groups, Predicate<boolean[]> inPopulation,
                                     Predicate<boolean[]> success) {
        long population = 0;
        long successes = 0;
        long[][][] cells = new long[groups.length][][];
        for (int d = 0; d < groups.length; d++) {
            cells[d] = new long[groups[d].length][2];
        }
        for (int s = 0; s < who.size(); s++) {
            if (!inPopulation.test(facts.get(s))) {
                continue;
            }
            boolean succeeded = success.test(facts.get(s));
            population++;
            successes += succeeded ? 1 : 0;
            for (int d = 0; d < groups.length; d++) {
                cells[d][who.get(s)[d]][0]++;
                cells[d][who.get(s)[d]][1] += succeeded ? 1 : 0;
            }
        }
        List<PublishedRates.Dimension> dimensions = new ArrayList<>();
        for (int d = 0; d < groups.length; d++) {
            List<GroupCounts> rows = new ArrayList<>();
            for (int g = 0; g < groups[d].length; g++) {
                rows.add(new GroupCounts(groups[d][g], groups[d][g], cells[d][g][0], cells[d][g][1]));
            }
            dimensions.add(new PublishedRates.Dimension("D" + d, "D" + d, rows));
        }
        return new Unpublished(population, successes, dimensions);
    }

    private static GroupCounts group(String code, long population, long successes) {
        return new GroupCounts(code, code, population, successes);
    }

    private static Unpublished answer(long population, long successes, GroupCounts... groups) {
        return new Unpublished(population, successes, List.of(new PublishedRates.Dimension("SEX", "Sex", List.of(groups))));
    }
}
