package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.outcome.ScopeFamily.CataloguePathway;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Level;
import org.pathwaysledger.analytics.outcome.ScopeFamily.Node;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every scope's participation answer ("who enters": of the grade 9-12 students of the district, or of every district,
 * those who entered a pathway of the scope), suppressed together, as {@link ScopeFamily} does for the outcome rates.
 * The ties differ: a scope's answer in all districts is the sum of its districts' (population and entrants); the
 * population of a district is the same students in every scope's answer (its grade 9-12 base), so those counts are
 * tied by equality across scopes. A region's or sector's entrants are not the sum of its pathways' (a student who
 * entered two pathways counts once), so no sum over pathways ties them. Scopes of the same pathways are the same
 * counts, decided once.
 */
public final class ParticipationFamily {

    /** The base students of one district with the same groups who entered the same pathways (none: an empty set). */
    public record BaseGroup(String district, Map<Dimension, Object> columns, Set<String> pathways, long students) {
    }

    private static final String ANSWER = "participation";

    private ParticipationFamily() {
    }

    /** What each scope's participation answer (every catalogue scope, each district and all) hides on top of its own rules. */
    public static Map<Node, Forced> decide(SmallCellSuppression suppression, List<BaseGroup> base, List<CataloguePathway> catalogue,
                                           Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        return decide(suppression, base, catalogue, dimensions, Map.of());
    }

    /**
     * The schools of one district, below the district's answers as {@code decided} for every scope: {@code bySchool}'s
     * groups have the school as their "district" ({@link ScopeFamily#NO_SCHOOL} for students recorded without one,
     * decided as one more school, never served). The district's answers are fixed; the schools' answers get the further
     * hides, so a school's hidden count is not the district's minus the other schools'.
     *
     * @return each school's answer at every scope: {@code Node(level, id, school)}
     */
    public static Map<Node, Forced> decideSchools(SmallCellSuppression suppression, String district, List<BaseGroup> bySchool,
                                                  List<CataloguePathway> catalogue,
                                                  Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions,
                                                  Map<Node, Forced> decided) {
        Map<Node, Forced> frozen = new HashMap<>();
        decided.forEach((node, forced) -> {
            if (district.equals(node.district())) {
                frozen.put(new Node(node.level(), node.id(), null), forced);
            }
        });
        return decide(suppression, bySchool, catalogue, dimensions, frozen);
    }

    /** As {@link #decide(SmallCellSuppression, List, List, Function)}, the all-districts answers fixed at {@code frozen}'s hides if given. */
    private static Map<Node, Forced> decide(SmallCellSuppression suppression, List<BaseGroup> base, List<CataloguePathway> catalogue,
                                            Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions, Map<Node, Forced> frozen) {
        // Each catalogue scope by the pathways it holds; a pathway outside every catalogue is a scope of its own.
        Map<Node, Set<String>> pathwaysOf = new LinkedHashMap<>();
        for (CataloguePathway entry : catalogue) {
            pathwaysOf.computeIfAbsent(new Node(Level.PATHWAY, entry.pathway(), null), key -> new TreeSet<>()).add(entry.pathway());
            pathwaysOf.computeIfAbsent(new Node(Level.REGION, entry.region(), null), key -> new TreeSet<>()).add(entry.pathway());
            if (entry.sector() != null) {
                pathwaysOf.computeIfAbsent(new Node(Level.SECTOR, entry.sector(), null), key -> new TreeSet<>()).add(entry.pathway());
                pathwaysOf.computeIfAbsent(new Node(Level.REGION_SECTOR, ScopeFamily.regionSector(entry.region(), entry.sector()), null),
                        key -> new TreeSet<>()).add(entry.pathway());
            }
        }
        base.forEach(group -> group.pathways().forEach(pathway ->
                pathwaysOf.computeIfAbsent(new Node(Level.PATHWAY, pathway, null), key -> new TreeSet<>()).add(pathway)));
        Map<Set<String>, Node> byPathways = new HashMap<>();
        Map<Node, Node> canonicalScope = new LinkedHashMap<>();
        pathwaysOf.forEach((scope, pathways) -> canonicalScope.put(scope, byPathways.computeIfAbsent(pathways, key -> scope)));
        Map<String, List<Node>> scopesOfPathway = new HashMap<>();
        byPathways.forEach((pathways, scope) -> pathways.forEach(pathway -> scopesOfPathway.computeIfAbsent(pathway, key -> new ArrayList<>()).add(scope)));

        // Counts of every (canonical scope, district) and (scope, all districts): the district's base, its entrants.
        Set<String> districts = new TreeSet<>();
        base.forEach(group -> districts.add(group.district()));
        Map<Node, Tally> tallies = new LinkedHashMap<>();
        for (Node scope : byPathways.values()) {
            tallies.put(scope, new Tally());
            districts.forEach(district -> tallies.put(new Node(scope.level(), scope.id(), district), new Tally()));
        }
        for (BaseGroup group : base) {
            Set<Node> entered = new LinkedHashSet<>();
            group.pathways().forEach(pathway -> entered.addAll(scopesOfPathway.getOrDefault(pathway, List.of())));
            for (Node scope : byPathways.values()) {
                boolean success = entered.contains(scope);
                tallies.get(scope).add(group, success);
                tallies.get(new Node(scope.level(), scope.id(), group.district())).add(group, success);
            }
        }
        Map<Node, PublishedRates.Dimension[]> answers = new LinkedHashMap<>();
        Map<Node, long[]> totals = new LinkedHashMap<>();
        tallies.forEach((node, tally) -> {
            OutcomeQuery.Counts counts = tally.counts();
            answers.put(node, dimensions.apply(counts).toArray(PublishedRates.Dimension[]::new));
            totals.put(node, new long[]{counts.population(), counts.successes()});
        });
        Map<Node, Node> identity = new LinkedHashMap<>();
        answers.keySet().forEach(node -> identity.put(node, node));
        Map<String, Map<Node, Forced>> forced = ScopeFamily.settle(ScopeFamily.rates(suppression), Map.of(ANSWER, answers), Map.of(ANSWER, totals),
                Map.of(ANSWER, frozen), node -> !frozen.isEmpty() && node.district() == null, cells -> {
                    // A scope in all districts = the sum of its districts (no sums over pathways: see above).
                    ScopeFamily.relateScopes(cells, Map.of(ANSWER, answers), answers.keySet(), identity, List.of());
                    // A district's base (all districts' base) is the same count in every scope's answer.
                    Map<String, List<Node>> byDistrict = new LinkedHashMap<>();
                    answers.keySet().forEach(node -> byDistrict.computeIfAbsent(String.valueOf(node.district()), key -> new ArrayList<>()).add(node));
                    byDistrict.values().forEach(nodes -> {
                        Node first = nodes.get(0);
                        for (String key : cells.keys(ANSWER, first, ScopeFamily.Kind.POPULATION)) {
                            Integer a = cells.cell(ANSWER, first, ScopeFamily.Kind.POPULATION, key);
                            for (Node other : nodes.subList(1, nodes.size())) {
                                Integer b = cells.cell(ANSWER, other, ScopeFamily.Kind.POPULATION, key);
                                if (a != null && b != null) {
                                    cells.additive.relate(a, new int[]{b}, Reason.CROSS_SCOPE);
                                }
                            }
                        }
                    });
                });
        Map<Node, Forced> everyScope = new LinkedHashMap<>();
        canonicalScope.forEach((scope, same) -> {
            everyScope.put(scope, forced.get(ANSWER).getOrDefault(same, frozen.getOrDefault(scope, Forced.NONE)));
            districts.forEach(district -> everyScope.put(new Node(scope.level(), scope.id(), district),
                    forced.get(ANSWER).getOrDefault(new Node(same.level(), same.id(), district), Forced.NONE)));
        });
        return everyScope;
    }

    /** One answer's counts, group by group. */
    private static final class Tally {
        private long population;
        private long successes;
        private final Map<Dimension, Map<String, long[]>> byDimension = OutcomeQuery.emptyByDimension();

        void add(BaseGroup group, boolean success) {
            population += group.students();
            successes += success ? group.students() : 0;
            group.columns().forEach((dimension, value) -> {
                long[] cell = byDimension.get(dimension).computeIfAbsent(dimension.groupOf(value), key -> new long[2]);
                cell[0] += group.students();
                cell[1] += success ? group.students() : 0;
            });
        }

        OutcomeQuery.Counts counts() {
            return new OutcomeQuery.Counts(population, successes, byDimension, Map.of());
        }
    }
}
