package org.pathwaysledger.analytics.outcome;

import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.outcome.FunnelFamily.Answer;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Level;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Node;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Unit;
import org.pathwaysledger.analytics.suppression.PublishedRates.CellKey;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cohort funnel's counts decided across scopes and years, on hand-made counts whose right answers are worked out
 * here: one pathway P in two districts A and B, cohort 2024, minimum 10 (the own rule: a count or its remainder below 10).
 */
class FunnelFamilyTest {

    private static final List<ScopeFamily.CataloguePathway> CATALOGUE = List.of(new ScopeFamily.CataloguePathway("R", "P", null));
    private static final FunnelFamily.OwnRule OWN_RULE = (answer, entered, reached) -> reached < 10 || entered - reached < 10;
    private static final Node P = new Node(Level.PATHWAY, "P", null);
    private static final Node P_IN_A = new Node(Level.PATHWAY, "P", "A");
    private static final Node P_IN_B = new Node(Level.PATHWAY, "P", "B");

    @Test
    void a_district_count_hidden_by_its_own_rule_is_not_the_pathway_minus_the_other_district() {
        // College at any time: A 4 of 40 (hidden: below 10), B 25 of 60 (shown alone), P 29 of 100 (shown alone):
        // P's minus B's gives A's 4, so one of them is hidden too; B's 25 is most of P's, so the whole, P's, is hidden.
        var counts = Map.of(new Answer("COLLEGE", 0), units(new long[]{40, 4}, new long[]{60, 25}));
        var decided = FunnelFamily.decide(counts, CATALOGUE, "GRADE_9", OWN_RULE, Map.of(), Map.of(), Map.of());
        assertThat(hidden(decided, new Answer("COLLEGE", 0), P)).isTrue();
        assertThat(hidden(decided, new Answer("COLLEGE", 0), P_IN_B)).isFalse();
        assertThat(hidden(decided, new Answer("COLLEGE", 0), P_IN_A)).isFalse(); // hidden by the own rule, not forced
    }

    @Test
    void a_year_hidden_between_two_shown_years_of_the_same_count_is_hidden_with_one_of_them() {
        // Credential, three districts. By year 2: A 20 of 35, B 3 of 50 (hidden: below 10), C 40 of 60, P 63: B's 3 is
        // P minus A minus C, so the smallest part that is not most of P, A's 20, is hidden.
        // A by years 1, 2, 3 and at any time: 20 each. With year 2 hidden, years 1 and 3 showing 20 would give it back
        // (a stage only grows), so one of them is hidden as well.
        Map<Answer, Map<Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
        counts.put(new Answer("CREDENTIAL", 1), units(new long[]{35, 20}, new long[]{50, 30}, new long[]{60, 40}));
        counts.put(new Answer("CREDENTIAL", 2), units(new long[]{35, 20}, new long[]{50, 3}, new long[]{60, 40}));
        counts.put(new Answer("CREDENTIAL", 3), units(new long[]{35, 20}, new long[]{50, 30}, new long[]{60, 40}));
        counts.put(new Answer("CREDENTIAL", 0), units(new long[]{35, 20}, new long[]{50, 30}, new long[]{60, 40}));
        var decided = FunnelFamily.decide(counts, CATALOGUE, "GRADE_9", OWN_RULE, Map.of(), Map.of(), Map.of());
        assertThat(hidden(decided, new Answer("CREDENTIAL", 2), P_IN_A)).isTrue();
        assertThat(hidden(decided, new Answer("CREDENTIAL", 1), P_IN_A) || hidden(decided, new Answer("CREDENTIAL", 3), P_IN_A)).isTrue();
        // Without B's small count by year 2, nothing is hidden beyond the own rule.
        counts.put(new Answer("CREDENTIAL", 2), units(new long[]{35, 20}, new long[]{50, 30}, new long[]{60, 40}));
        var plain = FunnelFamily.decide(counts, CATALOGUE, "GRADE_9", OWN_RULE, Map.of(), Map.of(), Map.of());
        assertThat(plain.values()).allMatch(byNode -> byNode.values().stream().allMatch(forced -> forced.successes().isEmpty()));
    }

    @Test
    void a_whole_cohort_count_a_trend_shows_is_known_and_never_changed() {
        // Completers at any time: decided with the completion trend (here said to hide A's 12 and show B's 30 and P's 42):
        // frozen, nothing added. The trend's hide of A follows A's years (the funnel always hid the years of a cohort a
        // trend hides): by year 4, A 12 is hidden, so B's 30 or P's 42 by year 4 is hidden too.
        Map<Answer, Map<Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
        counts.put(new Answer("COMPLETER", 0), units(new long[]{40, 12}, new long[]{60, 30}));
        counts.put(new Answer("COMPLETER", 4), units(new long[]{40, 12}, new long[]{60, 30}));
        Map<String, Map<Node, Set<String>>> trendHides = Map.of("COMPLETER", Map.of(P_IN_A, Set.of("2024")));
        var decided = FunnelFamily.decide(counts, CATALOGUE, "GRADE_9", OWN_RULE, trendHides, trendHides, Map.of());
        assertThat(decided.get(new Answer("COMPLETER", 0)).values()).allMatch(forced -> forced.successes().isEmpty());
        // A's year 4 is hidden (the trend's hide), so B's or P's year 4 is hidden too, or A's would be P minus B.
        assertThat(hidden(decided, new Answer("COMPLETER", 4), P_IN_B) || hidden(decided, new Answer("COMPLETER", 4), P)).isTrue();
    }

    /** Cohort 2024's {entrants, reached} of P in A, B (and C). */
    private static Map<Unit, OutcomeQuery.Counts> units(long[]... byDistrict) {
        Map<Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
        String[] districts = {"A", "B", "C"};
        for (int d = 0; d < byDistrict.length; d++) {
            long[] cell = byDistrict[d];
            units.put(new Unit("P", districts[d]), new OutcomeQuery.Counts(cell[0], cell[1], Map.of(), Map.of(List.of(), Map.of("2024", cell))));
        }
        return units;
    }

    private static boolean hidden(Map<Answer, Map<Node, Forced>> decided, Answer answer, Node node) {
        return decided.get(answer).getOrDefault(node, Forced.NONE).successes().containsKey(new CellKey("GRADE_9", "2024"));
    }
}
