package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.AdditiveCells;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.CellKey;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every scope's answer of a metric, suppressed together. A region's count is the sum of its pathways', a sector's the
 * sum of its pathways', any scope's the sum of its districts'; so a count hidden in one answer could be worked out
 * from others (the pathway's answer minus its other districts'). The answers of every scope, at every level, are
 * therefore published from one decision: each answer's own rules ({@link PublishedRates}: small counts, totals,
 * top/bottom coding, its complements) and then {@link AdditiveCells} across answers, hiding more until no hidden
 * count can be recovered by addition and subtraction, and back again until neither adds anything. Metrics that
 * publish the same students' count ({@link SharedCounts}) are in the same family, tied by equality.
 *
 * <p>The result is what each answer must hide on top of its own rules ({@link Forced}), for every scope at once:
 * whichever scope is asked, the same decision is read, so two answers never disagree on a shared count.
 */
public final class ScopeFamily {

    /** The finest level counted: one pathway's entrants in one district. */
    public record Unit(String pathway, String district) {
    }

    /** A pathway of a region's catalogue, with its industry sector (may be null). */
    public record CataloguePathway(String region, String pathway, String sector) {
    }

    /** A pathway; an industry sector (across regions); a region's catalogue; a sector within one region's catalogue. */
    public enum Level { PATHWAY, SECTOR, REGION, REGION_SECTOR }

    static String regionSector(String region, String sector) {
        return region + "\u0000" + sector;
    }

    /** An answerable scope: a pathway, sector or region, in one district or in all ({@code district} null). */
    public record Node(Level level, String id, String district) {
    }

    enum Kind { POPULATION, SUCCESSES }

    private static final String TOTAL = "ALL";

    private ScopeFamily() {
    }

    /**
     * What each (metric, scope) answer hides on top of its own rules. {@code counts} are by unit for each metric of
     * the family (linked metrics included); {@code dimensions} lists a node's groups as the answer shows them.
     */
    public static Map<OutcomeMetric, Map<Node, Forced>> decide(SmallCellSuppression suppression,
                                                             Map<OutcomeMetric, Map<Unit, OutcomeQuery.Counts>> counts,
                                                             List<CataloguePathway> catalogue,
                                                             Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        return decide(suppression, counts, catalogue, dimensions, Map.of());
    }

    /**
     * As {@link #decide(SmallCellSuppression, Map, List, Function)}, below answers already decided: the nodes of
     * {@code frozen} (those with a null district) are published with the hides given there and may not change; only the
     * other nodes' answers get more hides. This is how the schools of one district are decided (see
     * {@link #decideSchools}): the units' "district" is then the school, and the enclosing answers are the district's.
     */
    static Map<OutcomeMetric, Map<Node, Forced>> decide(SmallCellSuppression suppression,
                                                      Map<OutcomeMetric, Map<Unit, OutcomeQuery.Counts>> counts,
                                                      List<CataloguePathway> catalogue,
                                                      Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions,
                                                      Map<OutcomeMetric, Map<Node, Forced>> frozen) {
        return decideAnswers(counts, catalogue, dimensions, frozen, rates(suppression), ScopeFamily::relateLinkedMetrics);
    }

    /** How one answer is published with the hides decided so far (its own rules, then {@code forced}). */
    interface Publisher<K> {
        PublishedRates.Table publish(K answer, Node node, long[] total, PublishedRates.Dimension[] dimensions, Forced forced);
    }

    /** Relations between the answers' counts beyond the sums across scopes (e.g. linked metrics), and cells to freeze. */
    interface Relations<K> {
        void relate(Cells<K> cells, Map<K, Map<Node, PublishedRates.Dimension[]>> answers, Map<K, Map<Node, long[]>> totals);
    }

    /** The rates' own rules ({@link PublishedRates}). */
    static <K> Publisher<K> rates(SmallCellSuppression suppression) {
        return (answer, node, total, dimensions, forced) -> PublishedRates.publish(suppression, total[0], total[1], List.of(dimensions), false, forced);
    }

    /**
     * The decision over every scope of any family of answers keyed by {@code K}: each answer's counts by unit, its
     * groups ({@code dimensions}), how it is published ({@code publisher}) and what ties its counts to the other
     * answers' besides the sums across scopes ({@code more}). See {@link #decide(SmallCellSuppression, Map, List, Function, Map)}.
     */
    static <K> Map<K, Map<Node, Forced>> decideAnswers(Map<K, Map<Unit, OutcomeQuery.Counts>> counts, List<CataloguePathway> catalogue,
                                                     Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions,
                                                     Map<K, Map<Node, Forced>> frozen, Publisher<K> publisher, Relations<K> more) {
        return decideAnswers(counts, catalogue, dimensions, frozen, publisher, more, false);
    }

    /** As above; with {@code groupsOnly}, only the groups' successes are published counts (see {@link Cells#groupsOnly}). */
    static <K> Map<K, Map<Node, Forced>> decideAnswers(Map<K, Map<Unit, OutcomeQuery.Counts>> counts, List<CataloguePathway> catalogue,
                                                     Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions,
                                                     Map<K, Map<Node, Forced>> frozen, Publisher<K> publisher, Relations<K> more,
                                                     boolean groupsOnly) {
        Map<Node, List<Unit>> allNodes = nodes(counts, catalogue);
        // Scopes made of the same units (a sector of one pathway, a pathway in one district only, a sector within the
        // only region that has it) are the same counts: decided once, as one answer, and read by each of them. Below
        // frozen answers, a frozen answer is the one read (a school that is all of its district's scope is the district).
        Map<List<Unit>, Node> byUnits = new HashMap<>();
        Map<Node, Node> canonical = new LinkedHashMap<>();
        Map<Node, List<Unit>> nodes = new LinkedHashMap<>();
        List<Map.Entry<Node, List<Unit>>> ordered = new ArrayList<>(allNodes.entrySet());
        if (!frozen.isEmpty()) {
            ordered.sort(java.util.Comparator.comparing(entry -> entry.getKey().district() != null));
        }
        ordered.forEach(entry -> {
            Node node = entry.getKey();
            Node first = byUnits.computeIfAbsent(entry.getValue(), key -> node);
            canonical.put(node, first);
            if (first == node) {
                nodes.put(node, entry.getValue());
            }
        });
        Map<K, Map<Node, PublishedRates.Dimension[]>> answers = new LinkedHashMap<>();
        Map<K, Map<Node, long[]>> totals = new LinkedHashMap<>();
        for (Map.Entry<K, Map<Unit, OutcomeQuery.Counts>> metric : counts.entrySet()) {
            Map<Node, PublishedRates.Dimension[]> byNode = new LinkedHashMap<>();
            Map<Node, long[]> totalByNode = new LinkedHashMap<>();
            nodes.forEach((node, units) -> {
                OutcomeQuery.Counts sum = sum(units.stream().map(metric.getValue()::get).filter(java.util.Objects::nonNull).toList());
                byNode.put(node, dimensions.apply(sum).toArray(PublishedRates.Dimension[]::new));
                totalByNode.put(node, new long[]{sum.population(), sum.successes()});
            });
            answers.put(metric.getKey(), byNode);
            totals.put(metric.getKey(), totalByNode);
        }
        Map<K, Map<Node, Forced>> initial = new LinkedHashMap<>();
        answers.forEach((metric, byNode) -> {
            Map<Node, Forced> none = new HashMap<>();
            byNode.keySet().forEach(node -> none.put(node, node.district() == null
                    ? frozen.getOrDefault(metric, Map.of()).getOrDefault(node, Forced.NONE) : Forced.NONE));
            initial.put(metric, none);
        });
        Map<K, Map<Node, Forced>> forced = settle(publisher, answers, totals, initial,
                node -> !frozen.isEmpty() && node.district() == null, cells -> {
                    relateScopes(cells, answers, allNodes.keySet(), canonical, catalogue);
                    more.relate(cells, answers, totals);
                }, groupsOnly);
        Map<K, Map<Node, Forced>> everyScope = new LinkedHashMap<>();
        forced.forEach((metric, byNode) -> {
            Map<Node, Forced> all = new LinkedHashMap<>();
            canonical.forEach((node, same) -> all.put(node, byNode.get(same)));
            everyScope.put(metric, all);
        });
        return everyScope;
    }

    /**
     * The fixpoint every family's decision reaches: each answer (by answer key {@code K} and scope) published with its
     * hides so far, all their counts put in one {@link AdditiveCells} with each answer's breakdowns tied to its totals
     * and {@code relate}'s sums across answers, then {@link AdditiveCells#protect()}; its new hides are added to the
     * answers' and all is done again, until it adds none. Answers whose node is {@code frozen} keep their hides.
     */
    static <K> Map<K, Map<Node, Forced>> settle(Publisher<K> publisher, Map<K, Map<Node, PublishedRates.Dimension[]>> answers,
                                               Map<K, Map<Node, long[]>> totals, Map<K, Map<Node, Forced>> initial,
                                               java.util.function.Predicate<Node> frozen, java.util.function.Consumer<Cells<K>> relate) {
        return settle(publisher, answers, totals, initial, frozen, relate, false);
    }

    /** As above; with {@code groupsOnly}, only the answers' group successes are counts (see {@link Cells#groupsOnly}). */
    static <K> Map<K, Map<Node, Forced>> settle(Publisher<K> publisher, Map<K, Map<Node, PublishedRates.Dimension[]>> answers,
                                               Map<K, Map<Node, long[]>> totals, Map<K, Map<Node, Forced>> initial,
                                               java.util.function.Predicate<Node> frozen, java.util.function.Consumer<Cells<K>> relate,
                                               boolean groupsOnly) {
        Map<K, Map<Node, Forced>> forced = new LinkedHashMap<>();
        initial.forEach((key, byNode) -> forced.put(key, new HashMap<>(byNode)));
        while (true) {
            Cells<K> cells = new Cells<>(groupsOnly);
            answers.forEach((metric, byNode) -> byNode.forEach((node, dims) -> {
                long[] total = totals.get(metric).get(node);
                PublishedRates.Table table = publisher.publish(metric, node, total, dims, forced.get(metric).getOrDefault(node, Forced.NONE));
                cells.addAnswer(metric, node, table, frozen.test(node));
            }));
            relate.accept(cells);
            Map<Integer, Reason> added = cells.additive.protect();
            if (added.isEmpty()) {
                return forced;
            }
            added.forEach((cell, reason) -> {
                Cells.Ref<K> ref = cells.refs.get(cell);
                Forced current = forced.get(ref.metric()).getOrDefault(ref.node(), Forced.NONE);
                Reason why = reason == null ? Reason.COMPLEMENTARY : reason;
                Forced more;
                if (ref.key() == null) {
                    more = new Forced(Map.of(), Map.of(), ref.kind() == Kind.POPULATION ? why : null, ref.kind() == Kind.SUCCESSES ? why : null);
                } else {
                    more = new Forced(ref.kind() == Kind.POPULATION ? Map.of(ref.key(), why) : Map.of(),
                            ref.kind() == Kind.SUCCESSES ? Map.of(ref.key(), why) : Map.of(), null, null);
                }
                forced.get(ref.metric()).put(ref.node(), current.and(more));
            });
        }
    }

    /** The "school" of entrants recorded without one: never an identifier (identifiers have no parentheses or spaces). */
    public static final String NO_SCHOOL = "(no school)";

    /**
     * What each school's answers in {@code district} hide on top of their own rules, below the district's answers as
     * {@code decided} for every scope ({@link #decide(SmallCellSuppression, Map, List, Function)}): a district's count is
     * the sum of its schools' (and of its entrants recorded without a school), and a school's region or sector the sum
     * of its pathways', so a count hidden in one school's answer could otherwise be worked out from the district's answer
     * and the other schools'. The district's answers are frozen (what they publish was decided with every other scope);
     * the schools' answers get the further hides. Entrants without a school count as one more school whose answer is
     * not served: treated as published, the safe assumption.
     *
     * @param bySchool the counts by unit of every metric of the family, the unit's "district" being the school
     *                 ({@link OutcomeQuery#countBySchool})
     * @return by metric, each school's answer at every scope: {@code Node(level, id, school)}
     */
    public static Map<OutcomeMetric, Map<Node, Forced>> decideSchools(SmallCellSuppression suppression, String district,
                                                                    Map<OutcomeMetric, Map<Unit, OutcomeQuery.Counts>> bySchool,
                                                                    List<CataloguePathway> catalogue,
                                                                    Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions,
                                                                    Map<OutcomeMetric, Map<Node, Forced>> decided) {
        return decide(suppression, bySchool, catalogue, dimensions, enclosing(district, decided));
    }

    /**
     * The answers of {@code district} in a decision over every scope, as the frozen enclosing answers of a decision over
     * its schools (their district left out); none if the district has no answer (no entrant: nothing to decide against).
     */
    public static <K> Map<K, Map<Node, Forced>> enclosing(String district, Map<K, Map<Node, Forced>> decided) {
        Map<K, Map<Node, Forced>> frozen = new LinkedHashMap<>();
        decided.forEach((metric, byNode) -> {
            Map<Node, Forced> enclosing = new HashMap<>();
            byNode.forEach((node, forced) -> {
                if (district.equals(node.district())) {
                    enclosing.put(new Node(node.level(), node.id(), null), forced);
                }
            });
            frozen.put(metric, enclosing);
        });
        return frozen.values().stream().allMatch(Map::isEmpty) ? Map.of() : frozen;
    }

    /** Each scope's counts: the sum of its units' (for benchmarks and audits). */
    public static Map<Node, OutcomeQuery.Counts> scopes(Map<Unit, OutcomeQuery.Counts> units, List<CataloguePathway> catalogue) {
        Map<Node, OutcomeQuery.Counts> scopes = new LinkedHashMap<>();
        nodes(Map.of(OutcomeMetric.values()[0], units), catalogue).forEach((node, members) ->
                scopes.put(node, sum(members.stream().map(units::get).filter(java.util.Objects::nonNull).toList())));
        return scopes;
    }

    /** Every scope a unit counts in: its pathway, the pathway's sectors and regions; each in the unit's district and in all. */
    public static <K> Map<Node, List<Unit>> nodes(Map<K, Map<Unit, OutcomeQuery.Counts>> counts, List<CataloguePathway> catalogue) {
        Map<String, List<CataloguePathway>> entries = new HashMap<>();
        catalogue.forEach(entry -> entries.computeIfAbsent(entry.pathway(), key -> new ArrayList<>()).add(entry));
        Set<Unit> units = new java.util.TreeSet<>(java.util.Comparator.comparing(Unit::pathway).thenComparing(Unit::district));
        counts.values().forEach(byUnit -> units.addAll(byUnit.keySet()));
        Map<Node, List<Unit>> nodes = new LinkedHashMap<>();
        for (Unit unit : units) {
            Set<Node> scopes = new LinkedHashSet<>();
            scopes.add(new Node(Level.PATHWAY, unit.pathway(), null));
            for (CataloguePathway entry : entries.getOrDefault(unit.pathway(), List.of())) {
                scopes.add(new Node(Level.REGION, entry.region(), null));
                if (entry.sector() != null) {
                    scopes.add(new Node(Level.SECTOR, entry.sector(), null));
                    scopes.add(new Node(Level.REGION_SECTOR, regionSector(entry.region(), entry.sector()), null));
                }
            }
            for (Node scope : scopes) {
                nodes.computeIfAbsent(scope, key -> new ArrayList<>()).add(unit);
                nodes.computeIfAbsent(new Node(scope.level(), scope.id(), unit.district()), key -> new ArrayList<>()).add(unit);
            }
        }
        return nodes;
    }

    /** A scope is the sum of its districts; a region or a sector (in a district or all) the sum of its pathways. */
    static <K> void relateScopes(Cells<K> cells, Map<K, Map<Node, PublishedRates.Dimension[]>> answers,
                                 Set<Node> nodes, Map<Node, Node> canonical, List<CataloguePathway> catalogue) {
        // Two kinds of sums, kept apart: a scope over its districts, and a region or sector over its pathways.
        Map<Node, List<Node>> byDistrict = new LinkedHashMap<>();
        Map<Node, List<Node>> byPathway = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.district() != null) {
                addPart(byDistrict, new Node(node.level(), node.id(), null), node);
            }
        }
        for (CataloguePathway entry : catalogue) {
            for (Node node : nodes) {
                if (node.level() != Level.PATHWAY || !node.id().equals(entry.pathway())) {
                    continue;
                }
                Node region = new Node(Level.REGION, entry.region(), node.district());
                if (nodes.contains(region)) {
                    addPart(byPathway, region, node);
                }
                if (entry.sector() != null) {
                    for (Node sector : List.of(new Node(Level.SECTOR, entry.sector(), node.district()),
                            new Node(Level.REGION_SECTOR, regionSector(entry.region(), entry.sector()), node.district()))) {
                        if (nodes.contains(sector)) {
                            addPart(byPathway, sector, node);
                        }
                    }
                }
            }
        }
        // On the scopes decided once (see decide): a sum whose whole is one of its parts says nothing; the same sum
        // reached from two names of one scope is kept once.
        List<Map.Entry<Node, List<Node>>> distinct = new ArrayList<>();
        java.util.Set<List<Node>> seen = new java.util.HashSet<>();
        for (Map<Node, List<Node>> sums : List.of(byDistrict, byPathway)) {
            sums.forEach((whole, wholeParts) -> {
                Node same = canonical.get(whole);
                List<Node> sameParts = wholeParts.stream().map(canonical::get).filter(part -> !part.equals(same)).distinct().toList();
                List<Node> key = new ArrayList<>(sameParts);
                key.add(0, same);
                if (!sameParts.isEmpty() && seen.add(key)) {
                    distinct.add(Map.entry(same, sameParts));
                }
            });
        }
        for (K metric : answers.keySet()) {
            distinct.forEach(sum -> {
                Node whole = sum.getKey();
                List<Node> wholeParts = sum.getValue();
                for (Kind kind : Kind.values()) {
                    for (String key : cells.keys(metric, whole, kind)) {
                        Integer wholeCell = cells.cell(metric, whole, kind, key);
                        int[] partCells = wholeParts.stream().map(part -> cells.cell(metric, part, kind, key))
                                .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
                        if (wholeCell != null) {
                            cells.additive.relate(wholeCell, partCells, Reason.CROSS_SCOPE, true);
                        }
                    }
                }
            });
        }
    }

    private static void addPart(Map<Node, List<Node>> parts, Node whole, Node part) {
        List<Node> list = parts.computeIfAbsent(whole, key -> new ArrayList<>());
        if (!list.contains(part)) {
            list.add(part);
        }
    }

    /**
     * A count two metrics publish (see {@link SharedCounts}: the successes of one are the population of another) is
     * the same number in both answers of a scope: tied by equality, hidden in both or in neither.
     */
    private static void relateLinkedMetrics(Cells<OutcomeMetric> cells, Map<OutcomeMetric, Map<Node, PublishedRates.Dimension[]>> answers,
                                            Map<OutcomeMetric, Map<Node, long[]>> totals) {
        if (answers.size() < 2) {
            return;
        }
        Set<Node> nodes = answers.values().iterator().next().keySet();
        for (Node node : nodes) {
            Map<SharedCounts.Count, List<Map.Entry<OutcomeMetric, Kind>>> carriers = new EnumMap<>(SharedCounts.Count.class);
            Map<SharedCounts.Count, Long> largest = new EnumMap<>(SharedCounts.Count.class);
            for (OutcomeMetric metric : answers.keySet()) {
                long[] total = totals.get(metric).get(node);
                SharedCounts.populationOf(metric).ifPresent(count -> largest.merge(count, total[0], Math::max));
                SharedCounts.successesOf(metric).ifPresent(count -> largest.merge(count, total[1], Math::max));
            }
            for (OutcomeMetric metric : answers.keySet()) {
                long[] total = totals.get(metric).get(node);
                Optional<SharedCounts.Count> population = SharedCounts.populationOf(metric).filter(count -> largest.get(count) == total[0]);
                Optional<SharedCounts.Count> successes = SharedCounts.successesOf(metric).filter(count -> largest.get(count) == total[1]);
                population.ifPresent(count -> carriers.computeIfAbsent(count, key -> new ArrayList<>()).add(Map.entry(metric, Kind.POPULATION)));
                successes.ifPresent(count -> carriers.computeIfAbsent(count, key -> new ArrayList<>()).add(Map.entry(metric, Kind.SUCCESSES)));
            }
            carriers.values().forEach(list -> {
                Map.Entry<OutcomeMetric, Kind> first = list.get(0);
                for (Map.Entry<OutcomeMetric, Kind> other : list.subList(1, list.size())) {
                    for (String key : cells.keys(first.getKey(), node, first.getValue())) {
                        Integer a = cells.cell(first.getKey(), node, first.getValue(), key);
                        Integer b = cells.cell(other.getKey(), node, other.getValue(), key);
                        if (a != null && b != null) {
                            cells.additive.relate(a, new int[]{b}, Reason.LINKED);
                        }
                    }
                }
            });
        }
    }

    /** The sum of units' counts: every dimension's groups, and any other breakdown they carry (e.g. cohorts, see CohortTrend). */
    public static OutcomeQuery.Counts sum(List<OutcomeQuery.Counts> parts) {
        long population = 0;
        long successes = 0;
        Map<Dimension, Map<String, long[]>> byDimension = OutcomeQuery.emptyByDimension();
        Map<List<Dimension>, Map<String, long[]>> byIntersection = new HashMap<>();
        for (OutcomeQuery.Counts part : parts) {
            population += part.population();
            successes += part.successes();
            part.byDimension().forEach((dimension, groups) -> groups.forEach((group, cell) -> {
                long[] sum = byDimension.get(dimension).computeIfAbsent(group, key -> new long[2]);
                sum[0] += cell[0];
                sum[1] += cell[1];
            }));
            part.byIntersection().forEach((pair, groups) -> groups.forEach((group, cell) -> {
                long[] sum = byIntersection.computeIfAbsent(pair, key -> new HashMap<>()).computeIfAbsent(group, key -> new long[2]);
                sum[0] += cell[0];
                sum[1] += cell[1];
            }));
        }
        return new OutcomeQuery.Counts(population, successes, byDimension, byIntersection);
    }

    /** The counts of every answer as cells of one {@link AdditiveCells}, each answer's breakdowns related to its totals. */
    static final class Cells<K> {
        record Ref<K>(K metric, Node node, Kind kind, CellKey key) {
        }

        final AdditiveCells additive = new AdditiveCells();
        final List<Ref<K>> refs = new ArrayList<>();
        final Map<Ref<K>, Integer> ids = new HashMap<>();
        final Map<String, List<String>> keysByAnswer = new HashMap<>();
        /**
         * Only the groups' successes are counts: answers that publish neither a total nor a population (the cohort
         * funnel's stage counts), so no total is tied to its groups and nothing else needs protecting.
         */
        final boolean groupsOnly;

        Cells() {
            this(false);
        }

        Cells(boolean groupsOnly) {
            this.groupsOnly = groupsOnly;
        }

        void addAnswer(K metric, Node node, PublishedRates.Table table, boolean frozen) {
            int firstCell = refs.size();
            addAnswer(metric, node, table);
            if (frozen) {
                for (int cell = firstCell; cell < refs.size(); cell++) {
                    additive.freeze(cell);
                }
            }
        }

        void addAnswer(K metric, Node node, PublishedRates.Table table) {
            if (groupsOnly) {
                List<String> keys = new ArrayList<>();
                for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                    for (PublishedRates.Row row : dimension.groups()) {
                        add(metric, node, Kind.SUCCESSES, new CellKey(dimension.dimension(), row.group()), row.successes());
                        keys.add(dimension.dimension() + "\u0000" + row.group());
                    }
                }
                keysByAnswer.put(metric + "/" + node + "/" + Kind.SUCCESSES, keys);
                return;
            }
            for (Kind kind : Kind.values()) {
                Long total = kind == Kind.POPULATION ? table.all().population() : table.all().successes();
                int totalCell = add(metric, node, kind, null, total);
                List<String> keys = new ArrayList<>();
                keys.add(TOTAL);
                for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                    List<Integer> groups = new ArrayList<>();
                    for (PublishedRates.Row row : dimension.groups()) {
                        Long count = kind == Kind.POPULATION ? row.population() : row.successes();
                        CellKey key = new CellKey(dimension.dimension(), row.group());
                        groups.add(add(metric, node, kind, key, count));
                        keys.add(dimension.dimension() + "\u0000" + row.group());
                    }
                    additive.relate(totalCell, groups.stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY);
                }
                keysByAnswer.put(metric + "/" + node + "/" + kind, keys);
            }
        }

        private int add(K metric, Node node, Kind kind, CellKey key, Long published) {
            Ref<K> ref = new Ref<>(metric, node, kind, key);
            // The count itself is needed to choose the smallest; the table shows null for a hidden one, so hidden
            // counts are taken at their size class only (hidden first, never chosen again).
            int id = additive.add(published == null ? Long.MAX_VALUE : published, published == null);
            refs.add(ref);
            ids.put(ref, id);
            return id;
        }

        List<String> keys(K metric, Node node, Kind kind) {
            return keysByAnswer.getOrDefault(metric + "/" + node + "/" + kind, List.of());
        }

        Integer cell(K metric, Node node, Kind kind, String key) {
            CellKey cellKey = key.equals(TOTAL) ? null : new CellKey(key.substring(0, key.indexOf('\u0000')), key.substring(key.indexOf('\u0000') + 1));
            return ids.get(new Ref<>(metric, node, kind, cellKey));
        }
    }
}
