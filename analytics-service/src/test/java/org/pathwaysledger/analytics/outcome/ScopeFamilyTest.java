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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers at different scopes add up: these tests read every scope's published answer, as an analyst could, and
 * check that no hidden count can be worked out from all of them together.
 */
class ScopeFamilyTest {

    private static final SmallCellSuppression SUPPRESSION = new SmallCellSuppression(10);
    /** A metric no other metric shares counts with. */
    private static final OutcomeMetric METRIC = java.util.Arrays.stream(OutcomeMetric.values())
            .filter(metric -> SharedCounts.linkedTo(metric).size() == 1).findFirst().orElseThrow();

    /** One synthetic entrant: a group per dimension and whether they succeeded. */
    private record Entrant(String pathway, String district, Map<Dimension, String> groups, boolean success, String school) {
        Entrant at(String school) {
            return new Entrant(pathway, district, groups, success, school);
        }
    }

    /** A published answer's scope, schools included: {@code school} null for a district's (or every district's) answer. */
    record Scoped(ScopeFamily.Level level, String id, String district, String school) {
    }

    @Test
    void a_districts_hidden_count_is_not_the_pathway_minus_the_other_district() {
        // Pathway P: district A has 3 foster youth of 40 entrants, district B 20 of 40. Alone, A hides its 3 (and its
        // 37 as the complement) while B and the pathway publish 20 and 23: 23 - 20 = 3.
        List<Entrant> entrants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entrants.add(entrant("P", "A", i < 3, i % 2 == 0));
            entrants.add(entrant("P", "B", i < 20, i % 2 == 0));
        }
        Map<ScopeFamily.Node, PublishedRates.Table> published = publishAll(entrants, List.of(new ScopeFamily.CataloguePathway("R", "P", "S")));

        Long pathway = population(published, new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", null), "FOSTER", "Y");
        Long districtA = population(published, new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", "A"), "FOSTER", "Y");
        Long districtB = population(published, new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, "P", "B"), "FOSTER", "Y");
        assertThat(districtA).as("3 foster youth in district A").isNull();
        assertThat(pathway == null || districtB == null).as("pathway %s and district B %s would give A's away", pathway, districtB).isTrue();
        // The region (one pathway) and the sector publish the pathway's count: hidden there too.
        assertThat(population(published, new ScopeFamily.Node(ScopeFamily.Level.REGION, "R", null), "FOSTER", "Y")).isEqualTo(pathway);
        assertThat(published.values().stream().flatMap(table -> table.dimensions().stream()).flatMap(rows -> rows.groups().stream())
                .anyMatch(row -> row.reason() == Reason.CROSS_SCOPE)).as("a count hidden across scopes says so").isTrue();
        assertNothingHiddenIsRecoverable(published, List.of(new ScopeFamily.CataloguePathway("R", "P", "S")));
    }

    @RepeatedTest(15)
    void on_random_regions_no_published_count_is_small_and_no_hidden_count_is_recoverable_from_all_scopes(RepetitionInfo repetition) {
        Random random = new Random(7919L * repetition.getCurrentRepetition());
        List<ScopeFamily.CataloguePathway> catalogue = new ArrayList<>();
        int regions = 1 + random.nextInt(2);
        int pathways = 2 + random.nextInt(4);
        for (int p = 0; p < pathways; p++) {
            String region = "R" + random.nextInt(regions);
            String sector = random.nextInt(4) == 0 ? null : "S" + random.nextInt(2);
            catalogue.add(new ScopeFamily.CataloguePathway(region, "P" + p, sector));
        }
        int districts = 2 + random.nextInt(3);
        List<Entrant> entrants = new ArrayList<>();
        for (int p = 0; p < pathways; p++) {
            for (int d = 0; d < districts; d++) {
                int size = random.nextInt(5) == 0 ? random.nextInt(8) : random.nextInt(70);
                double fosterShare = random.nextDouble() * 0.3;
                double successShare = random.nextDouble();
                for (int i = 0; i < size; i++) {
                    entrants.add(entrant("P" + p, "D" + d, random.nextDouble() < fosterShare, random.nextDouble() < successShare, random));
                }
            }
        }
        Map<ScopeFamily.Node, PublishedRates.Table> published = publishAll(entrants, catalogue);

        for (PublishedRates.Table table : published.values()) {
            if (table.all().population() != null) {
                assertThat(table.all().population()).isGreaterThanOrEqualTo(10);
            }
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.population() != null) {
                        assertThat(row.population()).as("%s %s", dimension.dimension(), row.group()).isGreaterThanOrEqualTo(10);
                    }
                    if (row.successes() != null) {
                        assertThat(row.successes()).isGreaterThanOrEqualTo(10);
                    }
                }
            }
        }
        assertNothingHiddenIsRecoverable(published, catalogue);
    }

    @Test
    void a_schools_hidden_count_is_not_the_district_minus_the_other_school() {
        // District A, pathway P: school S1 has 3 foster youth of 40 entrants, school S2 20 of 40 (district B has 40
        // more, so that the district's own answer is not the pathway's). Alone, S1 hides its 3 while the district and
        // S2 publish 23 and 20: 23 - 20 = 3.
        List<Entrant> entrants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entrants.add(entrant("P", "A", i < 3, i % 2 == 0).at("S1"));
            entrants.add(entrant("P", "A", i < 20, i % 2 == 0).at("S2"));
            entrants.add(entrant("P", "B", i < 20, i % 2 == 0).at("S3"));
        }
        List<ScopeFamily.CataloguePathway> catalogue = List.of(new ScopeFamily.CataloguePathway("R", "P", "S"));
        Map<Scoped, PublishedRates.Table> decided = publishWithSchools(entrants, catalogue, true);
        Map<Scoped, PublishedRates.Table> alone = publishWithSchools(entrants, catalogue, false);

        Scoped district = new Scoped(ScopeFamily.Level.PATHWAY, "P", "A", null);
        Scoped s1 = new Scoped(ScopeFamily.Level.PATHWAY, "P", "A", "S1");
        Scoped s2 = new Scoped(ScopeFamily.Level.PATHWAY, "P", "A", "S2");
        assertThat(row(alone.get(s1), "FOSTER", "Y").population()).as("3 foster youth at S1").isNull();
        assertThat(row(alone.get(district), "FOSTER", "Y").population()).as("the district publishes 23").isEqualTo(23);
        assertThat(row(alone.get(s2), "FOSTER", "Y").population()).as("alone, S2 publishes 20").isEqualTo(20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNothingHiddenIsRecoverableWithSchools(alone, catalogue))
                .isInstanceOf(AssertionError.class).hasMessageContaining("hidden counts an analyst can work out");

        assertThat(row(decided.get(district), "FOSTER", "Y").population()).as("the district's answer does not change").isEqualTo(23);
        PublishedRates.Row s2Foster = row(decided.get(s2), "FOSTER", "Y");
        assertThat(s2Foster.population()).as("S2's 20 would give S1's 3 away").isNull();
        assertThat(s2Foster.reason()).isEqualTo(Reason.CROSS_SCOPE);
        assertNothingHiddenIsRecoverableWithSchools(decided, catalogue);
    }

    @RepeatedTest(12)
    void on_random_districts_no_hidden_count_is_recoverable_from_the_districts_and_their_schools(RepetitionInfo repetition) {
        Random random = new Random(104_729L * repetition.getCurrentRepetition());
        List<ScopeFamily.CataloguePathway> catalogue = new ArrayList<>();
        int pathways = 2 + random.nextInt(3);
        for (int p = 0; p < pathways; p++) {
            catalogue.add(new ScopeFamily.CataloguePathway("R", "P" + p, random.nextInt(3) == 0 ? null : "S" + random.nextInt(2)));
        }
        int districts = 1 + random.nextInt(3);
        List<Entrant> entrants = new ArrayList<>();
        for (int d = 0; d < districts; d++) {
            int schools = 2 + random.nextInt(3);
            boolean someWithoutSchool = random.nextInt(3) == 0;
            for (int p = 0; p < pathways; p++) {
                for (int school = 0; school < schools + (someWithoutSchool ? 1 : 0); school++) {
                    int size = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(50);
                    double fosterShare = random.nextDouble() * 0.3;
                    double successShare = random.nextDouble();
                    String schoolId = school == schools ? null : "D" + d + "-S" + school;
                    for (int i = 0; i < size; i++) {
                        entrants.add(entrant("P" + p, "D" + d, random.nextDouble() < fosterShare, random.nextDouble() < successShare, random).at(schoolId));
                    }
                }
            }
        }
        Map<Scoped, PublishedRates.Table> published = publishWithSchools(entrants, catalogue, true);

        assertThat(published.keySet()).anyMatch(scoped -> scoped.school() != null);
        published.forEach((scoped, table) -> {
            if (table.all().population() != null) {
                assertThat(table.all().population()).isGreaterThanOrEqualTo(10);
            }
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.population() != null) {
                        assertThat(row.population()).as("%s %s %s", scoped, dimension.dimension(), row.group()).isGreaterThanOrEqualTo(10);
                    }
                    if (row.successes() != null) {
                        assertThat(row.successes()).isGreaterThanOrEqualTo(10);
                    }
                }
            }
        });
        assertNothingHiddenIsRecoverableWithSchools(published, catalogue);
    }

    /**
     * Every scope's answer in all districts, each district and each school, as the controller publishes them: with
     * {@code acrossSchools}, the schools' answers decided with their district's ({@link ScopeFamily#decideSchools});
     * without, each school's answer on its own rules below its district's hides (what the service did before).
     */
    private static Map<Scoped, PublishedRates.Table> publishWithSchools(List<Entrant> entrants, List<ScopeFamily.CataloguePathway> catalogue, boolean acrossSchools) {
        Map<ScopeFamily.Unit, List<Entrant>> byUnit = new LinkedHashMap<>();
        entrants.forEach(entrant -> byUnit.computeIfAbsent(new ScopeFamily.Unit(entrant.pathway(), entrant.district()), key -> new ArrayList<>()).add(entrant));
        Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
        byUnit.forEach((unit, list) -> units.put(unit, counts(list)));
        Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = Map.of(METRIC, units);
        java.util.function.Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions = unit -> OutcomeController.dimensions(unit, List.of(), false);
        Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> decided = ScopeFamily.decide(SUPPRESSION, counts, catalogue, dimensions);
        Map<Scoped, PublishedRates.Table> answers = new LinkedHashMap<>();
        ScopeFamily.nodes(counts, catalogue).forEach((node, nodeUnits) -> {
            OutcomeQuery.Counts sum = counts(nodeUnits.stream().flatMap(unit -> byUnit.get(unit).stream()).toList());
            answers.put(new Scoped(node.level(), node.id(), node.district(), null), PublishedRates.publish(SUPPRESSION, sum.population(),
                    sum.successes(), dimensions.apply(sum), false, decided.get(METRIC).get(node)));
        });
        for (String district : entrants.stream().map(Entrant::district).distinct().toList()) {
            Map<ScopeFamily.Unit, List<Entrant>> bySchool = new LinkedHashMap<>();
            entrants.stream().filter(entrant -> entrant.district().equals(district)).forEach(entrant -> bySchool.computeIfAbsent(
                    new ScopeFamily.Unit(entrant.pathway(), entrant.school() == null ? ScopeFamily.NO_SCHOOL : entrant.school()),
                    key -> new ArrayList<>()).add(entrant));
            Map<ScopeFamily.Unit, OutcomeQuery.Counts> schoolUnits = new LinkedHashMap<>();
            bySchool.forEach((unit, list) -> schoolUnits.put(unit, counts(list)));
            Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> schoolCounts = Map.of(METRIC, schoolUnits);
            Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> schools = acrossSchools
                    ? ScopeFamily.decideSchools(SUPPRESSION, district, schoolCounts, catalogue, dimensions, decided) : null;
            ScopeFamily.nodes(schoolCounts, catalogue).forEach((node, nodeUnits) -> {
                if (node.district() == null) {
                    return; // the district's own answer, published above
                }
                OutcomeQuery.Counts sum = counts(nodeUnits.stream().flatMap(unit -> bySchool.get(unit).stream()).toList());
                Forced forced = acrossSchools ? schools.get(METRIC).get(node)
                        : decided.get(METRIC).get(new ScopeFamily.Node(node.level(), node.id(), district));
                Scoped scoped = new Scoped(node.level(), node.id(), district, node.district());
                answers.put(scoped, PublishedRates.publish(SUPPRESSION, sum.population(), sum.successes(), dimensions.apply(sum), false, forced));
            });
        }
        return answers;
    }

    private static PublishedRates.Row row(PublishedRates.Table table, String dimension, String group) {
        return table.dimensions().stream().filter(rows -> rows.dimension().equals(dimension)).findFirst().orElseThrow()
                .groups().stream().filter(row -> row.group().equals(group)).findFirst().orElseThrow();
    }

    /** Every scope's answer, as the controller publishes it: its own rules plus the family's decision. */
    private static Map<ScopeFamily.Node, PublishedRates.Table> publishAll(List<Entrant> entrants, List<ScopeFamily.CataloguePathway> catalogue) {
        Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
        Map<ScopeFamily.Unit, List<Entrant>> byUnit = new LinkedHashMap<>();
        entrants.forEach(entrant -> byUnit.computeIfAbsent(new ScopeFamily.Unit(entrant.pathway(), entrant.district()), key -> new ArrayList<>()).add(entrant));
        byUnit.forEach((unit, list) -> units.put(unit, counts(list)));
        Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = Map.of(METRIC, units);
        Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> decided = ScopeFamily.decide(SUPPRESSION, counts, catalogue,
                unit -> OutcomeController.dimensions(unit, List.of(), false));
        Map<ScopeFamily.Node, PublishedRates.Table> published = new LinkedHashMap<>();
        ScopeFamily.nodes(counts, catalogue).forEach((node, nodeUnits) -> {
            OutcomeQuery.Counts sum = counts(nodeUnits.stream().flatMap(unit -> byUnit.get(unit).stream()).toList());
            published.put(node, PublishedRates.publish(SUPPRESSION, sum.population(), sum.successes(),
                    OutcomeController.dimensions(sum, List.of(), false), false, decided.get(METRIC).get(node)));
        });
        return published;
    }

    /**
     * The analyst's view: every published answer, the sums that tie them (worked out here from the catalogue, not by
     * the code under test), and an exact check that no hidden count is determined by them.
     */
    static void assertNothingHiddenIsRecoverable(Map<ScopeFamily.Node, PublishedRates.Table> published,
                                                         List<ScopeFamily.CataloguePathway> catalogue) {
        Map<Scoped, PublishedRates.Table> answers = new LinkedHashMap<>();
        published.forEach((node, table) -> answers.put(new Scoped(node.level(), node.id(), node.district(), null), table));
        assertNothingHiddenIsRecoverableWithSchools(answers, catalogue);
    }

    /**
     * The same, schools included: a district's answer is the sum of its schools'. The entrants recorded without a school
     * are audited as one more school whose answer (own rules) the analyst knows: no one is served it, and what the
     * analyst could learn from it is at most what the audit already assumes known.
     */
    static void assertNothingHiddenIsRecoverableWithSchools(Map<Scoped, PublishedRates.Table> published, List<ScopeFamily.CataloguePathway> catalogue) {
        AdditiveCells audit = new AdditiveCells();
        Map<String, Integer> cell = new HashMap<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        addAnswers(audit, published, cell, keys);
        for (Scoped whole : published.keySet()) {
            List<Scoped> parts = parts(whole, published.keySet(), catalogue);
            if (parts.isEmpty()) {
                continue;
            }
            for (String key : keys) {
                Integer wholeCell = cell.get(whole + key);
                int[] partCells = parts.stream().map(part -> cell.get(part + key)).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
                if (wholeCell != null) {
                    audit.relate(wholeCell, partCells, Reason.CROSS_SCOPE);
                }
            }
        }
        Map<Integer, String> names = new HashMap<>();
        cell.forEach((name, id) -> names.put(id, name));
        assertThat(audit.recoverable().stream().map(names::get).toList()).as("hidden counts an analyst can work out from all answers").isEmpty();
    }

    /**
     * The answers of {@code answered} that add up to {@code whole}'s: a scope's districts, a district's schools, or a
     * region's or sector's pathways (in the same district and school).
     */
    static List<Scoped> parts(Scoped whole, java.util.Collection<Scoped> answered, List<ScopeFamily.CataloguePathway> catalogue) {
        List<Scoped> parts = new ArrayList<>();
        for (Scoped part : answered) {
            boolean sameCatalogueNode = part.level() == whole.level() && part.id().equals(whole.id());
            if (sameCatalogueNode && whole.district() == null && part.district() != null && part.school() == null) {
                parts.add(part); // a scope = the sum of its districts
            }
            if (sameCatalogueNode && whole.district() != null && whole.school() == null
                    && whole.district().equals(part.district()) && part.school() != null) {
                parts.add(part); // a district's scope = the sum of its schools
            }
            if (part.level() == ScopeFamily.Level.PATHWAY && whole.level() != ScopeFamily.Level.PATHWAY
                    && java.util.Objects.equals(part.district(), whole.district()) && java.util.Objects.equals(part.school(), whole.school())
                    && catalogue.stream().anyMatch(entry -> entry.pathway().equals(part.id()) && contains(whole.level(), whole.id(), entry))) {
                parts.add(part); // a region / sector = the sum of its pathways
            }
        }
        return parts;
    }

    /**
     * Every published count of every answer as a cell of {@code audit} (hidden where the answer hides it), named
     * {@code node + "n"|"k" + key} in {@code cell}, each breakdown tied to its total; {@code keys} collects the keys.
     */
    static void addAnswers(AdditiveCells audit, Map<?, PublishedRates.Table> published, Map<String, Integer> cell, java.util.Set<String> keys) {
        published.forEach((node, table) -> {
            for (String kind : List.of("n", "k")) {
                Long total = kind.equals("n") ? table.all().population() : table.all().successes();
                int totalCell = audit.add(total == null ? 0 : total, total == null);
                cell.put(node + kind + "ALL", totalCell);
                keys.add(kind + "ALL");
                for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                    List<Integer> parts = new ArrayList<>();
                    for (PublishedRates.Row row : dimension.groups()) {
                        Long count = kind.equals("n") ? row.population() : row.successes();
                        int id = audit.add(count == null ? 0 : count, count == null);
                        cell.put(node + kind + dimension.dimension() + "|" + row.group(), id);
                        keys.add(kind + dimension.dimension() + "|" + row.group());
                        parts.add(id);
                    }
                    audit.relate(totalCell, parts.stream().mapToInt(Integer::intValue).toArray(), Reason.COMPLEMENTARY);
                }
            }
        });
    }

    private static boolean contains(ScopeFamily.Level level, String id, ScopeFamily.CataloguePathway entry) {
        return switch (level) {
            case REGION -> id.equals(entry.region());
            case SECTOR -> id.equals(entry.sector());
            case REGION_SECTOR -> entry.sector() != null && id.equals(ScopeFamily.regionSector(entry.region(), entry.sector()));
            case PATHWAY -> false;
        };
    }

    private static Long population(Map<ScopeFamily.Node, PublishedRates.Table> published, ScopeFamily.Node node, String dimension, String group) {
        return row(published, node, dimension, group).population();
    }

    private static PublishedRates.Row row(Map<ScopeFamily.Node, PublishedRates.Table> published, ScopeFamily.Node node, String dimension, String group) {
        return published.get(node).dimensions().stream().filter(rows -> rows.dimension().equals(dimension)).findFirst().orElseThrow()
                .groups().stream().filter(row -> row.group().equals(group)).findFirst().orElseThrow();
    }

    private static Entrant entrant(String pathway, String district, boolean foster, boolean success) {
        return entrant(pathway, district, foster, success, null);
    }

    /** Everyone else in the largest groups, so that the test's small cells are the ones it sets (or random ones). */
    private static Entrant entrant(String pathway, String district, boolean foster, boolean success, Random random) {
        Map<Dimension, String> groups = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            List<Dimension.Group> all = dimension.groups(false);
            String group = switch (dimension) {
                case FOSTER -> foster ? "Y" : "N";
                case RACE_ETHNICITY -> random == null ? all.get(0).code() : all.get(random.nextInt(3) == 0 ? random.nextInt(all.size()) : 0).code();
                case SEX -> random == null ? all.get(0).code() : all.get(random.nextInt(2)).code();
                default -> random != null && random.nextInt(4) == 0 ? "Y" : "N";
            };
            groups.put(dimension, group);
        }
        return new Entrant(pathway, district, groups, success, null);
    }

    private static OutcomeQuery.Counts counts(List<Entrant> entrants) {
        Map<Dimension, Map<String, long[]>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        long successes = 0;
        for (Entrant entrant : entrants) {
            successes += entrant.success() ? 1 : 0;
            entrant.groups().forEach((dimension, group) -> {
                long[] cell = byDimension.get(dimension).computeIfAbsent(group, key -> new long[2]);
                cell[0]++;
                cell[1] += entrant.success() ? 1 : 0;
            });
        }
        return new OutcomeQuery.Counts(entrants.size(), successes, byDimension, Map.of());
    }
}
