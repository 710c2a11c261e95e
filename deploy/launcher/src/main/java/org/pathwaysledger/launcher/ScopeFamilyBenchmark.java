package org.pathwaysledger.launcher;

import org.pathwaysledger.analytics.outcome.OutcomeController;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.outcome.OutcomeQuery;
import org.pathwaysledger.analytics.outcome.ScopeFamily;
import org.pathwaysledger.analytics.outcome.SharedCounts;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What deciding one metric family's suppression across every scope costs (no database: synthetic unit counts), for a
 * region of {@code pathways} pathways in {@code sectors} sectors and {@code districts} districts with about
 * {@code students} entrants in all: {@code java -cp deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar
 * -Dloader.main=org.pathwaysledger.launcher.ScopeFamilyBenchmark org.springframework.boot.loader.launch.PropertiesLauncher
 * [pathways] [districts] [sectors] [students] [schools per district]}. With schools, each district's schools are then
 * decided below it ({@link ScopeFamily#decideSchools}), timed per district.
 */
public final class ScopeFamilyBenchmark {

    private ScopeFamilyBenchmark() {
    }

    public static void main(String[] args) {
        int pathways = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int districts = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int sectors = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int students = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int schools = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Random random = new Random(42);
        List<ScopeFamily.CataloguePathway> catalogue = new ArrayList<>();
        for (int p = 0; p < pathways; p++) {
            catalogue.add(new ScopeFamily.CataloguePathway("R", "P" + p, "S" + (p % sectors)));
        }
        // Unit sizes spread like real ones: a few large programmes, many small ones, some pathways absent from a district.
        double[] weights = new double[pathways * districts];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4) == 0 ? 0 : Math.pow(random.nextDouble(), 3);
            sum += weights[i];
        }
        OutcomeMetric metric = OutcomeMetric.EARLY_COLLEGE_CREDIT;
        Map<ScopeFamily.Unit, OutcomeQuery.Counts> units = new LinkedHashMap<>();
        Map<String, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> bySchool = new LinkedHashMap<>();
        for (int p = 0; p < pathways; p++) {
            for (int d = 0; d < districts; d++) {
                int size = (int) Math.round(students * weights[p * districts + d] / sum);
                if (size > 0 && schools == 0) {
                    units.put(new ScopeFamily.Unit("P" + p, "D" + d), counts(size, random));
                } else if (size > 0) {
                    // Schools of uneven sizes: the unit's entrants split by random weights (a school may have none).
                    double[] shares = new double[schools];
                    double total = 0;
                    for (int s = 0; s < schools; s++) {
                        shares[s] = random.nextInt(5) == 0 ? 0 : random.nextDouble();
                        total += shares[s];
                    }
                    List<OutcomeQuery.Counts> parts = new ArrayList<>();
                    for (int s = 0; s < schools && total > 0; s++) {
                        int schoolSize = (int) Math.round(size * shares[s] / total);
                        if (schoolSize > 0) {
                            OutcomeQuery.Counts part = counts(schoolSize, random);
                            bySchool.computeIfAbsent("D" + d, key -> new LinkedHashMap<>()).put(new ScopeFamily.Unit("P" + p, "D" + d + "-S" + s), part);
                            parts.add(part);
                        }
                    }
                    if (!parts.isEmpty()) {
                        units.put(new ScopeFamily.Unit("P" + p, "D" + d), ScopeFamily.sum(parts));
                    }
                }
            }
        }
        Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = Map.of(metric, units);
        System.out.printf("%nScope family: %d pathways in %d sectors, %d districts, %,d units, %,d entrants; metric %s (%d linked)%n",
                pathways, sectors, districts, units.size(), students, metric.id(), SharedCounts.linkedTo(metric).size());
        SmallCellSuppression suppression = new SmallCellSuppression(10);
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            Map<OutcomeMetric, Map<ScopeFamily.Node, org.pathwaysledger.analytics.suppression.PublishedRates.Forced>> decided =
                    ScopeFamily.decide(suppression, counts, catalogue, unit -> OutcomeController.dimensions(unit, List.of(), false));
            long millis = (System.nanoTime() - started) / 1_000_000;
            long[] cells = new long[3]; // counts published in all, hidden by each answer's own rules, hidden in the end
            ScopeFamily.scopes(units, catalogue).forEach((node, scopeCounts) -> {
                var dimensions = OutcomeController.dimensions(scopeCounts, List.of(), false);
                hidden(org.pathwaysledger.analytics.suppression.PublishedRates.publish(suppression, scopeCounts.population(), scopeCounts.successes(), dimensions, false,
                        org.pathwaysledger.analytics.suppression.PublishedRates.Forced.NONE), cells, 1);
                hidden(org.pathwaysledger.analytics.suppression.PublishedRates.publish(suppression, scopeCounts.population(), scopeCounts.successes(), dimensions, false,
                        decided.get(metric).get(node)), cells, 2);
            });
            System.out.printf("  round %d: %,d ms for %,d scopes; of %,d counts, %,d hidden by each answer's own rules (%.0f%%), %,d across scopes (%.0f%%)%n",
                    round + 1, millis, decided.get(metric).size(), cells[0], cells[1], 100.0 * cells[1] / cells[0], cells[2], 100.0 * cells[2] / cells[0]);
            if (!bySchool.isEmpty()) {
                long schoolsStarted = System.nanoTime();
                long slowest = 0;
                long[] schoolCells = new long[3];
                int schoolScopes = 0;
                for (Map.Entry<String, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> district : bySchool.entrySet()) {
                    long districtStarted = System.nanoTime();
                    Map<OutcomeMetric, Map<ScopeFamily.Node, org.pathwaysledger.analytics.suppression.PublishedRates.Forced>> schoolsDecided =
                            ScopeFamily.decideSchools(suppression, district.getKey(), Map.of(metric, district.getValue()), catalogue,
                                    unit -> OutcomeController.dimensions(unit, List.of(), false), decided);
                    slowest = Math.max(slowest, (System.nanoTime() - districtStarted) / 1_000_000);
                    for (Map.Entry<ScopeFamily.Node, OutcomeQuery.Counts> scope : ScopeFamily.scopes(district.getValue(), catalogue).entrySet()) {
                        if (scope.getKey().district() == null) {
                            continue; // the district's own answer, counted above
                        }
                        schoolScopes++;
                        OutcomeQuery.Counts scopeCounts = scope.getValue();
                        var dimensions = OutcomeController.dimensions(scopeCounts, List.of(), false);
                        var enclosing = decided.get(metric).get(new ScopeFamily.Node(scope.getKey().level(), scope.getKey().id(), district.getKey()));
                        hidden(org.pathwaysledger.analytics.suppression.PublishedRates.publish(suppression, scopeCounts.population(), scopeCounts.successes(), dimensions, false,
                                enclosing), schoolCells, 1);
                        hidden(org.pathwaysledger.analytics.suppression.PublishedRates.publish(suppression, scopeCounts.population(), scopeCounts.successes(), dimensions, false,
                                schoolsDecided.get(metric).get(scope.getKey())), schoolCells, 2);
                    }
                }
                System.out.printf("           schools: %,d ms for %d districts (slowest %,d ms), %,d school scopes; of %,d counts, %,d hidden with the district's hides only (%.0f%%), %,d decided with the other schools (%.0f%%)%n",
                        (System.nanoTime() - schoolsStarted) / 1_000_000, bySchool.size(), slowest, schoolScopes, schoolCells[0], schoolCells[1],
                        100.0 * schoolCells[1] / schoolCells[0], schoolCells[2], 100.0 * schoolCells[2] / schoolCells[0]);
            }
        }
        participation(catalogue, districts, students * 2, random, suppression);
        funnel(catalogue, units, random);
    }

    /** Stages of the funnel in order (as {@code CohortFunnel.Stage}), each reached by a share of the one before. */
    private static final String[] STAGES = {"ENTERED", "CONCENTRATOR", "COMPLETER", "GRADUATED", "COLLEGE", "CREDENTIAL", "EMPLOYED"};

    /**
     * The cohort funnel's decision ({@link org.pathwaysledger.analytics.outcome.FunnelFamily}) over the same units: each
     * unit's entrants split into eight cohorts and the unknown one, every stage by every year (1 to 10, each at least the
     * year before) and at any time; 77 answers per scope. The trends' hides are left out, so every answer is decided here
     * (the larger case). The own rule: a count or its remainder below 10.
     */
    private static void funnel(List<ScopeFamily.CataloguePathway> catalogue, Map<ScopeFamily.Unit, OutcomeQuery.Counts> units, Random random) {
        int maxYears = 10;
        Map<org.pathwaysledger.analytics.outcome.FunnelFamily.Answer, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
        units.forEach((unit, unitCounts) -> {
            long entrants = unitCounts.population();
            Map<String, Long> cohorts = new LinkedHashMap<>();
            for (long i = 0; i < entrants; i++) {
                String cohort = random.nextInt(30) == 0 ? "UNKNOWN" : Integer.toString(2018 + random.nextInt(8));
                cohorts.merge(cohort, 1L, Long::sum);
            }
            Map<String, Map<String, long[]>> byAnswer = new LinkedHashMap<>(); // "stage/year" -> cohort -> {entered, reached}
            cohorts.forEach((cohort, entered) -> {
                long reached = entered;
                for (String stage : STAGES) {
                    reached = stage.equals("ENTERED") ? entered : Math.round(reached * (0.5 + random.nextDouble() * 0.45));
                    long byYear = 0;
                    for (int year = 1; year <= maxYears; year++) {
                        byYear = cohort.equals("UNKNOWN") ? 0 : Math.min(reached, byYear + Math.round(reached * random.nextDouble() * 0.5));
                        byAnswer.computeIfAbsent(stage + "/" + year, key -> new LinkedHashMap<>()).put(cohort, new long[]{entered, byYear});
                    }
                    byAnswer.computeIfAbsent(stage + "/0", key -> new LinkedHashMap<>()).put(cohort, new long[]{entered, reached});
                }
            });
            byAnswer.forEach((key, byCohort) -> {
                String[] parts = key.split("/");
                long population = byCohort.values().stream().mapToLong(cell -> cell[0]).sum();
                long successes = byCohort.values().stream().mapToLong(cell -> cell[1]).sum();
                counts.computeIfAbsent(new org.pathwaysledger.analytics.outcome.FunnelFamily.Answer(parts[0], Integer.parseInt(parts[1])),
                        answer -> new LinkedHashMap<>()).put(unit, new OutcomeQuery.Counts(population, successes, Map.of(), Map.of(List.of(), byCohort)));
            });
        });
        org.pathwaysledger.analytics.outcome.FunnelFamily.OwnRule ownRule = (answer, entered, reached) ->
                answer.stage().equals("ENTERED") && answer.year() == 0 ? entered < 10 : reached < 10 || entered - reached < 10;
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            var decided = org.pathwaysledger.analytics.outcome.FunnelFamily.decide(counts, catalogue, "GRADE_9", ownRule, Map.of(), Map.of(), Map.of());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long[] cells = new long[3]; // counts, hidden by the own rule, hidden across scopes on top
            decided.forEach((answer, byNode) -> {
                Map<ScopeFamily.Node, OutcomeQuery.Counts> scopes = ScopeFamily.scopes(counts.get(answer), catalogue);
                byNode.forEach((node, forced) -> scopes.get(node).byIntersection().get(List.of()).forEach((cohort, cell) -> {
                    cells[0]++;
                    if (ownRule.hides(answer, cell[0], cell[1])) {
                        cells[1]++;
                    } else if (forced.successes().containsKey(new org.pathwaysledger.analytics.suppression.PublishedRates.CellKey("GRADE_9", cohort))) {
                        cells[2]++;
                    }
                }));
            });
            System.out.printf("  funnel round %d: %,d ms for %,d answers x %,d scopes; of %,d counts, %,d hidden by the own rule (%.0f%%), %,d more across scopes and years (%.0f%%)%n",
                    round + 1, millis, decided.size(), decided.values().iterator().next().size(), cells[0], cells[1], 100.0 * cells[1] / cells[0],
                    cells[2], 100.0 * cells[2] / cells[0]);
        }
    }

    /**
     * Participation's decision ({@link org.pathwaysledger.analytics.outcome.ParticipationFamily}) over the same catalogue:
     * a grade 9-12 base of {@code students} in the districts, a fifth of whom entered one pathway or two.
     */
    private static void participation(List<ScopeFamily.CataloguePathway> catalogue, int districts, int students, Random random,
                                      SmallCellSuppression suppression) {
        Map<List<Object>, long[]> groups = new LinkedHashMap<>();
        for (int i = 0; i < students; i++) {
            java.util.Set<String> entered = new java.util.TreeSet<>();
            if (random.nextInt(5) == 0) {
                entered.add(catalogue.get((int) (Math.pow(random.nextDouble(), 2) * catalogue.size())).pathway());
                if (random.nextInt(5) == 0) {
                    entered.add(catalogue.get(random.nextInt(catalogue.size())).pathway());
                }
            }
            Map<Dimension, Object> columns = new EnumMap<>(Dimension.class);
            for (Dimension dimension : Dimension.values()) {
                List<Dimension.Group> all = dimension.groups(false);
                columns.put(dimension, switch (dimension) {
                    case RACE_ETHNICITY -> all.get(Math.min(all.size() - 1, (int) (Math.pow(random.nextDouble(), 2) * all.size()))).code();
                    case SEX -> all.get(random.nextInt(20) == 0 ? 2 + random.nextInt(2) : random.nextInt(2)).code();
                    default -> random.nextInt(dimension.ordinal() % 2 == 0 ? 4 : 12) == 0;
                });
            }
            groups.computeIfAbsent(List.of("D" + random.nextInt(districts), columns, entered), key -> new long[1])[0]++;
        }
        List<org.pathwaysledger.analytics.outcome.ParticipationFamily.BaseGroup> base = new ArrayList<>();
        groups.forEach((key, count) -> base.add(new org.pathwaysledger.analytics.outcome.ParticipationFamily.BaseGroup((String) key.get(0),
                castColumns(key.get(1)), castPathways(key.get(2)), count[0])));
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            var decided = org.pathwaysledger.analytics.outcome.ParticipationFamily.decide(suppression, base, catalogue,
                    counts -> OutcomeController.dimensions(counts, List.of(), false));
            long forcedCells = decided.values().stream().mapToLong(forced -> forced.populations().size() + forced.successes().size()
                    + (forced.populationTotal() != null ? 1 : 0) + (forced.successesTotal() != null ? 1 : 0)).sum();
            System.out.printf("  participation round %d: %,d ms for %,d scopes (base %,d students in %,d groups); %,d counts hidden across scopes on top of the answers' own rules%n",
                    round + 1, (System.nanoTime() - started) / 1_000_000, decided.size(), students, base.size(), forcedCells);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Dimension, Object> castColumns(Object columns) {
        return (Map<Dimension, Object>) columns;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> castPathways(Object pathways) {
        return (java.util.Set<String>) pathways;
    }

    /** Adds the table's counts (populations and successes, totals included) to cells[0] and its hidden ones to cells[slot]. */
    private static void hidden(org.pathwaysledger.analytics.suppression.PublishedRates.Table table, long[] cells, int slot) {
        List<Long> counts = new ArrayList<>();
        counts.add(table.all().population());
        counts.add(table.all().successes());
        table.dimensions().forEach(rows -> rows.groups().forEach(row -> {
            counts.add(row.population());
            counts.add(row.successes());
        }));
        if (slot == 1) {
            cells[0] += counts.size();
        }
        cells[slot] += counts.stream().filter(java.util.Objects::isNull).count();
    }

    private static OutcomeQuery.Counts counts(int size, Random random) {
        Map<Dimension, Map<String, long[]>> byDimension = new EnumMap<>(Dimension.class);
        long successes = 0;
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
        double rate = random.nextDouble();
        for (int i = 0; i < size; i++) {
            boolean success = random.nextDouble() < rate;
            successes += success ? 1 : 0;
            for (Dimension dimension : Dimension.values()) {
                List<Dimension.Group> groups = dimension.groups(false);
                String group = switch (dimension) {
                    case RACE_ETHNICITY -> groups.get(Math.min(groups.size() - 1, (int) (Math.pow(random.nextDouble(), 2) * groups.size()))).code();
                    case SEX -> groups.get(random.nextInt(20) == 0 ? 2 + random.nextInt(2) : random.nextInt(2)).code();
                    default -> random.nextInt(dimension.ordinal() % 2 == 0 ? 4 : 12) == 0 ? "Y" : "N";
                };
                long[] cell = byDimension.get(dimension).computeIfAbsent(group, key -> new long[2]);
                cell[0]++;
                cell[1] += success ? 1 : 0;
            }
        }
        return new OutcomeQuery.Counts(size, successes, byDimension, Map.of());
    }
}
