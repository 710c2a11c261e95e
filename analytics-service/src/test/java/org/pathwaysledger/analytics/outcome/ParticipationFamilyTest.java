package org.pathwaysledger.analytics.outcome;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.AdditiveCells;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Participation answers at every scope, read together as an analyst could: a scope in all districts is the sum of its
 * districts, and a district's grade 9-12 base is the same count in every scope's answer. No hidden count may be
 * worked out from all of them.
 */
class ParticipationFamilyTest {

    private static final SmallCellSuppression SUPPRESSION = new SmallCellSuppression(10);

    @Test
    void a_districts_hidden_entrants_are_not_the_region_minus_the_other_district() {
        // Pathway P: district A's base has 40 foster youth, 3 of whom entered; district B's 40, of whom 20 entered.
        // Alone, A hides its 3 while B and the all-districts answer publish 20 and 23.
        List<ParticipationFamily.BaseGroup> base = new ArrayList<>();
        base.add(group("A", true, Set.of("P"), 3));
        base.add(group("A", true, Set.of(), 37));
        base.add(group("A", false, Set.of("P"), 30));
        base.add(group("A", false, Set.of(), 60));
        base.add(group("B", true, Set.of("P"), 20));
        base.add(group("B", true, Set.of(), 20));
        base.add(group("B", false, Set.of("P"), 30));
        base.add(group("B", false, Set.of(), 60));
        List<ScopeFamily.CataloguePathway> catalogue = List.of(new ScopeFamily.CataloguePathway("R", "P", "S"),
                new ScopeFamily.CataloguePathway("R", "Q", "S"));
        Map<ScopeFamily.Node, PublishedRates.Table> alone = publishAll(base, catalogue, false);
        Map<ScopeFamily.Node, PublishedRates.Table> decided = publishAll(base, catalogue, true);

        ScopeFamily.Node a = new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", "A");
        ScopeFamily.Node b = new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", "B");
        ScopeFamily.Node all = new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", null);
        assertThat(foster(alone.get(a)).successes()).as("3 foster youth of A entered P").isNull();
        assertThat(foster(alone.get(b)).successes()).isEqualTo(20);
        assertThat(foster(alone.get(all)).successes()).isEqualTo(23);
        assertThatThrownBy(() -> assertNothingHiddenIsRecoverable(alone)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("hidden counts an analyst can work out");

        assertThat(foster(decided.get(a)).successes()).isNull();
        assertThat(foster(decided.get(b)).successes() == null || foster(decided.get(all)).successes() == null)
                .as("B's 20 or the 23 of all districts is hidden too").isTrue();
        assertNothingHiddenIsRecoverable(decided);
    }

    @RepeatedTest(15)
    void on_random_bases_no_published_count_is_small_and_no_hidden_count_is_recoverable_from_all_scopes(RepetitionInfo repetition) {
        Random random = new Random(15_485_863L * repetition.getCurrentRepetition());
        List<ScopeFamily.CataloguePathway> catalogue = new ArrayList<>();
        int pathways = 2 + random.nextInt(4);
        for (int p = 0; p < pathways; p++) {
            catalogue.add(new ScopeFamily.CataloguePathway("R" + random.nextInt(2), "P" + p, random.nextInt(4) == 0 ? null : "S" + random.nextInt(2)));
        }
        List<ParticipationFamily.BaseGroup> base = new ArrayList<>();
        int districts = 2 + random.nextInt(3);
        for (int d = 0; d < districts; d++) {
            int students = 20 + random.nextInt(300);
            double fosterShare = random.nextDouble() * 0.2;
            for (int i = 0; i < students; i++) {
                Set<String> entered = new java.util.TreeSet<>();
                for (int p = 0; p < pathways; p++) {
                    if (random.nextDouble() < 0.12) {
                        entered.add("P" + p);
                    }
                }
                base.add(group("D" + d, random.nextDouble() < fosterShare, entered, 1, random));
            }
        }
        Map<ScopeFamily.Node, PublishedRates.Table> published = publishAll(base, catalogue, true);
        published.forEach((node, table) -> {
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.population() != null) {
                        assertThat(row.population()).as("%s %s %s", node, dimension.dimension(), row.group()).isGreaterThanOrEqualTo(10);
                    }
                    if (row.successes() != null) {
                        assertThat(row.successes()).isGreaterThanOrEqualTo(10);
                    }
                }
            }
        });
        assertNothingHiddenIsRecoverable(published);
    }

    @RepeatedTest(12)
    void on_random_bases_no_hidden_count_is_recoverable_from_the_districts_and_their_schools(RepetitionInfo repetition) {
        Random random = new Random(32_452_843L * repetition.getCurrentRepetition());
        List<ScopeFamily.CataloguePathway> catalogue = new ArrayList<>();
        int pathways = 2 + random.nextInt(3);
        for (int p = 0; p < pathways; p++) {
            catalogue.add(new ScopeFamily.CataloguePathway("R", "P" + p, random.nextInt(3) == 0 ? null : "S" + random.nextInt(2)));
        }
        List<ParticipationFamily.BaseGroup> base = new ArrayList<>();
        Map<ParticipationFamily.BaseGroup, String> schoolOf = new java.util.IdentityHashMap<>();
        int districts = 1 + random.nextInt(3);
        for (int d = 0; d < districts; d++) {
            int schools = 2 + random.nextInt(3);
            for (int school = 0; school < schools; school++) {
                int students = random.nextInt(5) == 0 ? random.nextInt(12) : 20 + random.nextInt(150);
                double fosterShare = random.nextDouble() * 0.2;
                for (int i = 0; i < students; i++) {
                    Set<String> entered = new java.util.TreeSet<>();
                    for (int p = 0; p < pathways; p++) {
                        if (random.nextDouble() < 0.15) {
                            entered.add("P" + p);
                        }
                    }
                    ParticipationFamily.BaseGroup group = group("D" + d, random.nextDouble() < fosterShare, entered, 1, random);
                    base.add(group);
                    // A fifth of one district's students recorded without a school: decided as one more school, not served.
                    schoolOf.put(group, d == 0 && school == 0 && random.nextInt(5) == 0 ? null : "S" + school);
                }
            }
        }
        java.util.function.Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions = counts -> OutcomeController.dimensions(counts, List.of(), false);
        Map<ScopeFamily.Node, Forced> decided = ParticipationFamily.decide(SUPPRESSION, base, catalogue, dimensions);
        Map<ScopeFamily.Node, PublishedRates.Table> published = publishAll(base, catalogue, decided);
        for (int d = 0; d < districts; d++) {
            String district = "D" + d;
            List<ParticipationFamily.BaseGroup> bySchool = base.stream().filter(group -> group.district().equals(district))
                    .map(group -> new ParticipationFamily.BaseGroup(schoolOf.get(group) == null ? ScopeFamily.NO_SCHOOL : schoolOf.get(group),
                            group.columns(), group.pathways(), group.students())).toList();
            Map<ScopeFamily.Node, Forced> schools = ParticipationFamily.decideSchools(SUPPRESSION, district, bySchool, catalogue, dimensions, decided);
            publishAll(bySchool, catalogue, schools).forEach((node, table) -> {
                if (node.district() != null) {
                    published.put(new ScopeFamily.Node(node.level(), node.id(), district + "/" + node.district()), table);
                } else {
                    assertThat(table).as("the district's answer, unchanged below its schools").isEqualTo(published.get(
                            new ScopeFamily.Node(node.level(), node.id(), district)));
                }
            });
        }
        assertThat(published.keySet()).anyMatch(node -> node.district() != null && node.district().contains("/"));
        published.forEach((node, table) -> {
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.successes() != null) {
                        assertThat(row.successes()).as("%s %s %s", node, dimension.dimension(), row.group()).isGreaterThanOrEqualTo(10);
                    }
                }
            }
        });
        assertNothingHiddenIsRecoverable(published);
    }

    /** Every scope's participation answer, in each district and all: the family's decision applied, or each on its own rules. */
    private static Map<ScopeFamily.Node, PublishedRates.Table> publishAll(List<ParticipationFamily.BaseGroup> base,
                                                                         List<ScopeFamily.CataloguePathway> catalogue, boolean decide) {
        return publishAll(base, catalogue, decide ? ParticipationFamily.decide(SUPPRESSION, base, catalogue,
                counts -> OutcomeController.dimensions(counts, List.of(), false)) : Map.of());
    }

    /** Every scope's answer in each "district" of {@code base} and in all, with {@code decided}'s hides. */
    private static Map<ScopeFamily.Node, PublishedRates.Table> publishAll(List<ParticipationFamily.BaseGroup> base,
                                                                         List<ScopeFamily.CataloguePathway> catalogue, Map<ScopeFamily.Node, Forced> decided) {
        java.util.function.Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions = counts -> OutcomeController.dimensions(counts, List.of(), false);
        // The scopes, written out here from the catalogue: each pathway, region, sector, region's sector.
        Map<ScopeFamily.Node, Set<String>> scopes = new LinkedHashMap<>();
        for (ScopeFamily.CataloguePathway entry : catalogue) {
            scopes.computeIfAbsent(new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, entry.pathway(), null), key -> new java.util.HashSet<>()).add(entry.pathway());
            scopes.computeIfAbsent(new ScopeFamily.Node(ScopeFamily.Level.REGION, entry.region(), null), key -> new java.util.HashSet<>()).add(entry.pathway());
            if (entry.sector() != null) {
                scopes.computeIfAbsent(new ScopeFamily.Node(ScopeFamily.Level.SECTOR, entry.sector(), null), key -> new java.util.HashSet<>()).add(entry.pathway());
                scopes.computeIfAbsent(new ScopeFamily.Node(ScopeFamily.Level.REGION_SECTOR, ScopeFamily.regionSector(entry.region(), entry.sector()), null),
                        key -> new java.util.HashSet<>()).add(entry.pathway());
            }
        }
        List<String> districts = base.stream().map(ParticipationFamily.BaseGroup::district).distinct().sorted().toList();
        Map<ScopeFamily.Node, PublishedRates.Table> published = new LinkedHashMap<>();
        scopes.forEach((scope, pathways) -> {
            List<String> in = new ArrayList<>(districts);
            in.add(null);
            for (String district : in) {
                long population = 0;
                long successes = 0;
                Map<Dimension, Map<String, long[]>> byDimension = OutcomeQuery.emptyByDimension();
                for (ParticipationFamily.BaseGroup group : base) {
                    if (district != null && !district.equals(group.district())) {
                        continue;
                    }
                    boolean entered = group.pathways().stream().anyMatch(pathways::contains);
                    population += group.students();
                    successes += entered ? group.students() : 0;
                    group.columns().forEach((dimension, value) -> {
                        long[] cell = byDimension.get(dimension).computeIfAbsent(dimension.groupOf(value), key -> new long[2]);
                        cell[0] += group.students();
                        cell[1] += entered ? group.students() : 0;
                    });
                }
                OutcomeQuery.Counts counts = new OutcomeQuery.Counts(population, successes, byDimension, Map.of());
                ScopeFamily.Node node = new ScopeFamily.Node(scope.level(), scope.id(), district);
                published.put(node, PublishedRates.publish(SUPPRESSION, population, successes, dimensions.apply(counts), false,
                        decided.getOrDefault(node, Forced.NONE)));
            }
        });
        return published;
    }

    /**
     * The analyst's view of participation answers: each answer's breakdowns add up to its totals; a scope in all
     * districts is the sum of its districts, in a district the sum of its schools (answers of a school have the district
     * "district/school"); a district's, a school's, all districts' base is the same in every scope.
     */
    static void assertNothingHiddenIsRecoverable(Map<ScopeFamily.Node, PublishedRates.Table> published) {
        AdditiveCells audit = new AdditiveCells();
        Map<String, Integer> cell = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        ScopeFamilyTest.addAnswers(audit, published, cell, keys);
        for (ScopeFamily.Node whole : published.keySet()) {
            if (whole.district() != null && whole.district().contains("/")) {
                continue;
            }
            // All districts = the sum of the districts; a district = the sum of its schools ("district/school").
            List<ScopeFamily.Node> parts = published.keySet().stream().filter(part -> part.district() != null
                    && part.level() == whole.level() && part.id().equals(whole.id())
                    && (whole.district() == null ? !part.district().contains("/") : part.district().startsWith(whole.district() + "/"))).toList();
            for (String key : keys) {
                int[] partCells = parts.stream().map(part -> cell.get(part + key)).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
                Integer wholeCell = cell.get(whole + key);
                if (wholeCell != null && partCells.length > 0) {
                    audit.relate(wholeCell, partCells, Reason.CROSS_SCOPE);
                }
            }
        }
        Map<String, List<ScopeFamily.Node>> byDistrict = new LinkedHashMap<>();
        published.keySet().forEach(node -> byDistrict.computeIfAbsent(String.valueOf(node.district()), key -> new ArrayList<>()).add(node));
        byDistrict.values().forEach(nodes -> keys.stream().filter(key -> key.startsWith("n")).forEach(key -> {
            for (ScopeFamily.Node other : nodes.subList(1, nodes.size())) {
                Integer a = cell.get(nodes.get(0) + key);
                Integer b = cell.get(other + key);
                if (a != null && b != null) {
                    audit.relate(a, new int[]{b}, Reason.CROSS_SCOPE);
                }
            }
        }));
        cell.forEach((name, id) -> names.put(String.valueOf(id), name));
        assertThat(audit.recoverable().stream().map(id -> names.get(String.valueOf(id))).toList())
                .as("hidden counts an analyst can work out from all answers").isEmpty();
    }

    private static PublishedRates.Row foster(PublishedRates.Table table) {
        return table.dimensions().stream().filter(rows -> rows.dimension().equals("FOSTER")).findFirst().orElseThrow()
                .groups().stream().filter(row -> row.group().equals("Y")).findFirst().orElseThrow();
    }

    private static ParticipationFamily.BaseGroup group(String district, boolean foster, Set<String> pathways, long students) {
        return group(district, foster, pathways, students, null);
    }

    /** Everyone else in the largest groups (or random ones), so that the test's small cells are the ones it sets. */
    private static ParticipationFamily.BaseGroup group(String district, boolean foster, Set<String> pathways, long students, Random random) {
        Map<Dimension, Object> columns = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            List<Dimension.Group> all = dimension.groups(false);
            Object value = switch (dimension) {
                case FOSTER -> foster;
                case RACE_ETHNICITY -> random == null ? all.get(0).code() : all.get(random.nextInt(3) == 0 ? random.nextInt(all.size()) : 0).code();
                case SEX -> random == null ? all.get(0).code() : all.get(random.nextInt(2)).code();
                default -> random != null && random.nextInt(4) == 0;
            };
            columns.put(dimension, value);
        }
        return new ParticipationFamily.BaseGroup(district, columns, pathways, students);
    }
}
