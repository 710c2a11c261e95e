package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.outcome.ScopeFamily.CataloguePathway;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Kind;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Node;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Unit;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.CellKey;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cohort funnel's counts, decided over every scope ({@link ScopeFamily}): each count of the funnel (a stage reached
 * by a cohort's entrants, at any time or by the end of one of its school years) is the sum of its districts' at any
 * scope, and a region's or sector's the sum of its pathways', like every other answer, so a count hidden at one scope
 * could otherwise be worked out from the others.
 *
 * <p>One answer per (stage, year): its counts are the stage's, one per cohort; nothing else of the answer is published
 * (the funnel shows no total over cohorts, and its entrants are the trends', see below). Three kinds of ties:
 * <ul>
 *   <li>the sums across scopes, as for every family;</li>
 *   <li>a cohort's count of one stage can only grow from year to year, so a hidden count between two shown counts of
 *   the same number (by an earlier and a later year, or at any time) is that number: tied to them, so that one of them
 *   is hidden too (see {@link #sandwiches});</li>
 *   <li>the whole-cohort counts a trend by cohort also publishes ({@code fixed}: the entrants, concentrators,
 *   completers, graduates) were decided with the trends: frozen here, as known wherever a trend shows them (the
 *   funnel's own rule may hide one more, which protects nothing). The trends' hides apply to every year of the stage,
 *   as the funnel always did.</li>
 * </ul>
 * Bounds are not protected beyond that: a hidden count is known to lie between its neighbouring years' counts, as any
 * hidden count lies between 0 and its total.
 * The decision always covers every year the funnel can show ({@code years}), so that a funnel asked with fewer years
 * shows exactly the same counts.
 */
public final class FunnelFamily {

    /** One count of the funnel: a stage by the end of a cohort's {@code year} (0: at any time, the funnel's totals). */
    public record Answer(String stage, int year) {
    }

    /** The funnel's own rule: does it hide this stage count (reached) of a cohort of {@code entered} entrants on its own? */
    public interface OwnRule {
        boolean hides(Answer answer, long entered, long reached);
    }

    private FunnelFamily() {
    }

    /**
     * What each (stage, year) answer hides at each scope on top of its own rule and the trends' hides.
     *
     * @param counts    by answer and unit: the cohort's entrants (population) and those who reached the stage (successes),
     *                  cohort by cohort under the {@code byIntersection} key {@code List.of()}
     * @param dimension the cohorts' name in the answer (the basis), as in the hides' {@link CellKey}s
     * @param fixed     by stage, the stages whose whole-cohort count a trend by cohort publishes: at each node, the
     *                  cohorts where no trend shows it (the count is known where one does, whatever the funnel shows)
     * @param followed    by stage, the cohorts whose year-by-year counts the funnel hides because a trend hides the
     *                  whole-cohort count, at each node
     * @param frozen    the enclosing answers when a district's schools are decided ({@link ScopeFamily#enclosing}), else empty
     */
    public static Map<Answer, Map<Node, Forced>> decide(Map<Answer, Map<Unit, OutcomeQuery.Counts>> counts, List<CataloguePathway> catalogue,
                                                      String dimension, OwnRule ownRule, Map<String, Map<Node, Set<String>>> fixed,
                                                      Map<String, Map<Node, Set<String>>> followed, Map<Answer, Map<Node, Forced>> frozen) {
        ScopeFamily.Publisher<Answer> publisher = (answer, node, total, dimensions, forced) -> {
            boolean decidedElsewhere = answer.year() == 0 && fixed.containsKey(answer.stage());
            Set<String> hiddenThere = (decidedElsewhere ? fixed : followed).getOrDefault(answer.stage(), Map.of()).getOrDefault(node, Set.of());
            List<PublishedRates.Row> rows = new ArrayList<>();
            for (PublishedRates.GroupCounts cohort : dimensions[0].groups()) {
                // A count a trend shows is known, even where the funnel's own rule hides it.
                Reason reason = decidedElsewhere ? (hiddenThere.contains(cohort.group()) ? Reason.LINKED : null)
                        : ownRule.hides(answer, cohort.population(), cohort.successes()) ? Reason.BELOW_MINIMUM
                        : hiddenThere.contains(cohort.group()) ? Reason.LINKED
                        : forced.successes().get(new CellKey(dimension, cohort.group()));
                rows.add(new PublishedRates.Row(cohort.group(), cohort.label(), null, reason == null ? cohort.successes() : null, null, "*",
                        null, null, reason != null, reason));
            }
            return new PublishedRates.Table(0, new PublishedRates.Overall(null, null, null, true),
                    List.of(new PublishedRates.DimensionRows(dimension, dimension, rows)));
        };
        ScopeFamily.Relations<Answer> ties = (cells, answers, totals) -> {
            Map<Node, Map<String, List<Answer>>> byNodeAndStage = new HashMap<>();
            answers.forEach((answer, byNode) -> byNode.keySet().forEach(node ->
                    byNodeAndStage.computeIfAbsent(node, key -> new HashMap<>()).computeIfAbsent(answer.stage(), key -> new ArrayList<>()).add(answer)));
            byNodeAndStage.forEach((node, stages) -> stages.forEach((stage, stageAnswers) -> {
                boolean decidedElsewhere = fixed.containsKey(stage);
                Map<String, List<long[]>> byCohort = new HashMap<>(); // cohort -> (year, count, cell)
                for (Answer answer : stageAnswers) {
                    if (decidedElsewhere && answer.year() == 0) {
                        freezeAll(cells, answer, node);
                    }
                    for (PublishedRates.GroupCounts cohort : answers.get(answer).get(node)[0].groups()) {
                        Integer cell = cells.cell(answer, node, Kind.SUCCESSES, dimension + "\u0000" + cohort.group());
                        if (cell != null) {
                            byCohort.computeIfAbsent(cohort.group(), key -> new ArrayList<>()).add(new long[]{answer.year(), cohort.successes(), cell});
                        }
                    }
                }
                byCohort.values().forEach(chain -> sandwiches(cells, chain));
            }));
        };
        // Nothing ties one stage's counts to another's, nor one cohort's to another's (the funnel shows no total over
        // cohorts): each (stage, cohort) is decided on its own, a small system instead of one large one.
        Map<String, Set<String>> cohortsByStage = new java.util.TreeMap<>();
        counts.forEach((answer, units) -> units.values().forEach(unit ->
                cohortsByStage.computeIfAbsent(answer.stage(), key -> new java.util.TreeSet<>())
                        .addAll(unit.byIntersection().getOrDefault(List.of(), Map.of()).keySet())));
        Map<Answer, Map<Node, Forced>> decided = new java.util.LinkedHashMap<>();
        cohortsByStage.forEach((stage, cohorts) -> {
            for (String cohort : cohorts) {
                Map<Answer, Map<Unit, OutcomeQuery.Counts>> part = new java.util.LinkedHashMap<>();
                counts.forEach((answer, units) -> {
                    if (!answer.stage().equals(stage)) {
                        return;
                    }
                    Map<Unit, OutcomeQuery.Counts> ofCohort = new java.util.LinkedHashMap<>();
                    units.forEach((unit, unitCounts) -> {
                        long[] cell = unitCounts.byIntersection().getOrDefault(List.of(), Map.of()).get(cohort);
                        if (cell != null) {
                            ofCohort.put(unit, new OutcomeQuery.Counts(cell[0], cell[1], Map.of(), Map.of(List.of(), Map.of(cohort, cell))));
                        }
                    });
                    part.put(answer, ofCohort);
                });
                ScopeFamily.decideAnswers(part, catalogue, unit -> List.of(cohorts(dimension, unit)), frozen, publisher, ties, true)
                        .forEach((answer, byNode) -> {
                            Map<Node, Forced> merged = decided.computeIfAbsent(answer, key -> new HashMap<>());
                            byNode.forEach((node, forced) -> merged.merge(node, forced, Forced::and));
                        });
            }
        });
        return decided;
    }

    /**
     * A cohort's count of one stage only grows from year to year (and "at any time" is the largest), so a hidden count
     * is known when a shown count by an earlier year and one by a later year (or at any time) are the same number: it is
     * that number. Each such hidden count is tied to the earlier shown one, which the next round hides (or another
     * of the run). {@code chain}: (year, count, cell), in any order.
     */
    private static void sandwiches(ScopeFamily.Cells<Answer> cells, List<long[]> chain) {
        chain.sort(Comparator.comparingLong(year -> year[0] == 0 ? Long.MAX_VALUE : year[0]));
        for (int i = 0; i < chain.size(); i++) {
            int cell = (int) chain.get(i)[2];
            if (!cells.additive.hidden(cell)) {
                continue;
            }
            long count = chain.get(i)[1];
            Integer earlier = null;
            for (int j = i - 1; j >= 0 && chain.get(j)[1] == count; j--) {
                if (!cells.additive.hidden((int) chain.get(j)[2])) {
                    earlier = (int) chain.get(j)[2];
                }
            }
            boolean later = false;
            for (int j = i + 1; j < chain.size() && chain.get(j)[1] == count; j++) {
                later |= !cells.additive.hidden((int) chain.get(j)[2]);
            }
            if (earlier != null && later) {
                cells.additive.relate(earlier, new int[]{cell}, Reason.LINKED);
            }
        }
    }

    private static void freezeAll(ScopeFamily.Cells<Answer> cells, Answer answer, Node node) {
        for (Kind kind : Kind.values()) {
            for (String key : cells.keys(answer, node, kind)) {
                Integer cell = cells.cell(answer, node, kind, key);
                if (cell != null) {
                    cells.additive.freeze(cell);
                }
            }
        }
    }

    private static PublishedRates.Dimension cohorts(String dimension, OutcomeQuery.Counts counts) {
        List<PublishedRates.GroupCounts> groups = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>(new java.util.TreeSet<>(counts.byIntersection().getOrDefault(List.of(), Map.of()).keySet()));
        for (String code : codes) {
            long[] cell = counts.byIntersection().get(List.of()).get(code);
            groups.add(new PublishedRates.GroupCounts(code, code, cell[0], cell[1]));
        }
        return new PublishedRates.Dimension(dimension, dimension, groups);
    }
}
