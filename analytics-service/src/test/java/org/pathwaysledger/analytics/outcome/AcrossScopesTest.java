package org.pathwaysledger.analytics.outcome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;
import org.pathwaysledger.analytics.suppression.PublishedRates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code pathways.analytics.suppression.across-scopes=true}, on real PostgreSQL and Kafka: an analyst who asks
 * for every scope of a region (each pathway, the sector, the region, each in every district and in all) and adds and
 * subtracts the answers can work out no hidden count; with the default setting, the same answers can be (which is why
 * the README describes the default's limit). Intersections, protected in every mode, are checked here too.
 */
class AcrossScopesTest {

    static AnalyticsServiceRunning strict;
    static SyntheticLedger ledger;

    @BeforeAll
    static void publishARegion() throws Exception {
        strict = AnalyticsServiceRunning.start("--pathways.analytics.suppression.across-scopes=true");
        ledger = new SyntheticLedger("XS", 20261126);
        int events = ledger.generate(240);
        ledger.publish(strict.bootstrapServers());
        strict.awaitApplied(ledger.prefix, events);
    }

    @AfterAll
    static void stop() {
        strict.close();
    }

    @Test
    void no_hidden_count_can_be_worked_out_from_all_scopes_answers() {
        Map<ScopeFamily.Node, PublishedRates.Table> strictAnswers = answers(strict.context.getBean(OutcomeController.class));
        ScopeFamilyTest.assertNothingHiddenIsRecoverable(strictAnswers, catalogue());
        long hiddenAcrossScopes = strictAnswers.values().stream().flatMap(table -> table.dimensions().stream())
                .flatMap(rows -> rows.groups().stream()).filter(row -> row.reason() == org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.CROSS_SCOPE)
                .count();
        assertThat(hiddenAcrossScopes).as("counts hidden only because other scopes' answers would give a hidden one away").isPositive();
    }

    @Test
    void no_hidden_count_can_be_worked_out_from_the_districts_and_their_schools_answers() {
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        Map<ScopeFamilyTest.Scoped, PublishedRates.Table> answers = new LinkedHashMap<>();
        answers(controller).forEach((node, table) -> answers.put(new ScopeFamilyTest.Scoped(node.level(), node.id(), node.district(), null), table));
        // A school's answer where the school has no entrant of the scope is left out: the analyst learns that the school
        // has no entrant there (a zero of the school, not of any student), as if the answer did not exist.
        OutcomeQuery truth = strict.context.getBean(OutcomeQuery.class);
        java.time.Instant now = org.pathwaysledger.analytics.web.AsOf.parse(null);
        int schoolAnswers = 0;
        for (String district : ledger.districts) {
            for (String school : SCHOOLS) {
                Map<ScopeFamilyTest.Scoped, String[]> scopes = new LinkedHashMap<>();
                for (String pathway : ledger.pathways) {
                    scopes.put(new ScopeFamilyTest.Scoped(ScopeFamily.Level.PATHWAY, pathway, district, school), new String[]{pathway, null, null});
                }
                scopes.put(new ScopeFamilyTest.Scoped(ScopeFamily.Level.SECTOR, ledger.sector, district, school), new String[]{null, ledger.sector, null});
                scopes.put(new ScopeFamilyTest.Scoped(ScopeFamily.Level.REGION, ledger.region, district, school), new String[]{null, null, ledger.region});
                for (Map.Entry<ScopeFamilyTest.Scoped, String[]> scope : scopes.entrySet()) {
                    String[] asked = scope.getValue();
                    if (truth.count(OutcomeMetric.CONCENTRATOR_RATE, org.pathwaysledger.analytics.scope.Scope.of(asked[0], asked[1], asked[2], district, school),
                            now, List.of()).population() == 0) {
                        continue;
                    }
                    PublishedRates.Table table = controller.outcome("concentrator-rate", asked[0], asked[1], asked[2], school, district, null, null, false).table();
                    answers.put(scope.getKey(), table);
                    schoolAnswers += table.all().population() == null ? 0 : 1;
                }
            }
        }
        assertThat(schoolAnswers).as("school answers whose total is published").isPositive();
        ScopeFamilyTest.assertNothingHiddenIsRecoverableWithSchools(answers, catalogue());
        // The same schools' answers each on their own (below their district's hides, as before) give some away.
        OutcomeQuery outcomes = strict.context.getBean(OutcomeQuery.class);
        var suppression = strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class);
        ScopeFamilies families = strict.context.getBean(ScopeFamilies.class);
        Map<ScopeFamilyTest.Scoped, PublishedRates.Table> alone = new LinkedHashMap<>();
        answers.forEach((scoped, table) -> {
            if (scoped.school() == null) {
                alone.put(scoped, table);
                return;
            }
            org.pathwaysledger.analytics.scope.Scope scope = org.pathwaysledger.analytics.scope.Scope.of(
                    scoped.level() == ScopeFamily.Level.PATHWAY ? scoped.id() : null, scoped.level() == ScopeFamily.Level.SECTOR ? scoped.id() : null,
                    scoped.level() == ScopeFamily.Level.REGION ? scoped.id() : null, scoped.district(), scoped.school());
            OutcomeQuery.Counts counts = outcomes.count(OutcomeMetric.CONCENTRATOR_RATE, scope, now, List.of());
            PublishedRates.Forced district = families.forced(OutcomeMetric.CONCENTRATOR_RATE,
                    org.pathwaysledger.analytics.scope.Scope.of(scope.pathway() == null ? null : scope.pathway().value(), scope.sector(),
                            scope.region() == null ? null : scope.region().value(), scoped.district(), null),
                    now, unit -> OutcomeController.dimensions(unit, List.of(), false));
            alone.put(scoped, PublishedRates.publish(suppression, counts.population(), counts.successes(),
                    OutcomeController.dimensions(counts, List.of(), false), false, district));
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScopeFamilyTest.assertNothingHiddenIsRecoverableWithSchools(alone, catalogue()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("hidden counts an analyst can work out");
    }

    @Test
    void the_entrant_counts_hide_what_the_rates_hide_across_scopes() {
        // The entrants are the population of the concentrator rate (and of every rate over all entrants): published on
        // their own rules, the pathway-entry answer would show counts the rates hide across scopes.
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        var strictEntry = strict.context.getBean(org.pathwaysledger.analytics.entry.PathwayEntryController.class);
        var ownRulesEntry = new org.pathwaysledger.analytics.entry.PathwayEntryController(
                strict.context.getBean(org.pathwaysledger.analytics.entry.PathwayEntryQuery.class),
                strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class),
                strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class),
                strict.context.getBean(org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer.class),
                new ScopeFamilies(null, null, null, false), null, org.pathwaysledger.analytics.web.AsOfPolicy.instant());
        int givenAwayOnOwnRules = 0;
        int compared = 0;
        List<String> districts = new ArrayList<>(ledger.districts);
        districts.add(null);
        for (String district : districts) {
            for (String school : district == null ? java.util.Collections.<String>singletonList(null) : java.util.Arrays.asList(null, "HS-A", "HS-B")) {
                for (String pathway : ledger.pathways) {
                    PublishedRates.Table rates = controller.outcome("concentrator-rate", pathway, null, null, school, district, null, null, false).table();
                    var entry = strictEntry.pathwayEntry(pathway, null, null, district, school, null);
                    var ownRules = ownRulesEntry.pathwayEntry(pathway, null, null, district, school, null);
                    assertThat(entry.entrants().count()).isEqualTo(rates.all().population());
                    // Every rate over all entrants is decided in its own family; their population columns must agree.
                    for (OutcomeMetric overAllEntrants : java.util.Arrays.stream(OutcomeMetric.values())
                            .filter(metric -> metric.populationCondition().equals("true")).toList()) {
                        PublishedRates.Table other = controller.outcome(overAllEntrants.id(), pathway, null, null, school, district, null, null, false).table();
                        assertThat(populations(other)).as("%s against concentrator-rate, %s %s %s", overAllEntrants.id(), pathway, district, school)
                                .isEqualTo(populations(rates));
                    }
                    for (PublishedRates.DimensionRows dimension : rates.dimensions()) {
                        var entryCells = entry.breakdowns().stream().filter(b -> b.dimension().equals(dimension.dimension())).findFirst().orElseThrow().cells();
                        var ownCells = ownRules.breakdowns().stream().filter(b -> b.dimension().equals(dimension.dimension())).findFirst().orElseThrow().cells();
                        for (PublishedRates.Row row : dimension.groups()) {
                            var cell = entryCells.stream().filter(c -> c.group().equals(row.group())).findFirst().orElseThrow();
                            var own = ownCells.stream().filter(c -> c.group().equals(row.group())).findFirst().orElseThrow();
                            assertThat(cell.count()).as("%s %s %s %s %s", pathway, district, school, dimension.dimension(), row.group()).isEqualTo(row.population());
                            if (cell.count() != null) {
                                assertThat(cell.count()).isGreaterThanOrEqualTo(10);
                            }
                            compared++;
                            givenAwayOnOwnRules += row.population() == null && own.count() != null ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertThat(compared).isPositive();
        assertThat(givenAwayOnOwnRules).as("entrant counts the rates hide across scopes, shown by the entry answer on its own rules").isPositive();
    }

    @Test
    void no_hidden_participation_count_can_be_worked_out_from_all_scopes_answers() {
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        Map<ScopeFamily.Node, PublishedRates.Table> decided = new LinkedHashMap<>();
        // Every district's base is in the all-districts answers, including other tests' districts in this database.
        List<String> districts = new ArrayList<>(strict.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select distinct district_id from student_demographics order by 1").query(String.class).list());
        assertThat(districts).containsAll(ledger.districts);
        districts.add(null);
        for (String district : districts) {
            List<Object[]> scopes = new ArrayList<>();
            ledger.pathways.forEach(pathway -> scopes.add(new Object[]{ScopeFamily.Level.PATHWAY, pathway, pathway, null, null}));
            scopes.add(new Object[]{ScopeFamily.Level.SECTOR, ledger.sector, null, ledger.sector, null});
            scopes.add(new Object[]{ScopeFamily.Level.REGION, ledger.region, null, null, ledger.region});
            for (Object[] scope : scopes) {
                ScopeFamily.Node node = new ScopeFamily.Node((ScopeFamily.Level) scope[0], (String) scope[1], district);
                PublishedRates.Table table = controller.outcome("pathway-participation", (String) scope[2], (String) scope[3], (String) scope[4],
                        null, district, null, null, false).table();
                decided.put(node, table);
                // The K12 SWP count of CTE students is the same answer under another name.
                assertThat(controller.outcome("k12swp-cte-students", (String) scope[2], (String) scope[3], (String) scope[4], null, district, null, null, false)
                        .table()).isEqualTo(table);
            }
        }
        assertThat(decided.values()).anyMatch(table -> table.all().successes() != null);
        ParticipationFamilyTest.assertNothingHiddenIsRecoverable(decided);
        // With the schools of the ledger's districts (a student at the school of their latest record): still nothing.
        List<Map<String, Object>> schools = strict.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select distinct district_id, school_id from student_demographics where district_id like 'XS-%' order by 1, 2").query().listOfRows();
        assertThat(schools).allMatch(row -> row.get("school_id") != null);
        for (Map<String, Object> row : schools) {
            String district = (String) row.get("district_id");
            String school = (String) row.get("school_id");
            ledger.pathways.forEach(pathway -> decided.put(new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, pathway, district + "/" + school),
                    controller.outcome("pathway-participation", pathway, null, null, school, district, null, null, false).table()));
            decided.put(new ScopeFamily.Node(ScopeFamily.Level.SECTOR, ledger.sector, district + "/" + school),
                    controller.outcome("pathway-participation", null, ledger.sector, null, school, district, null, null, false).table());
            decided.put(new ScopeFamily.Node(ScopeFamily.Level.REGION, ledger.region, district + "/" + school),
                    controller.outcome("pathway-participation", null, null, ledger.region, school, district, null, null, false).table());
        }
        assertThat(decided.keySet().stream().filter(node -> node.district() != null && node.district().contains("/")).count()).isGreaterThan(6);
        ParticipationFamilyTest.assertNothingHiddenIsRecoverable(decided);
        // Whether the same answers each on their own rules give a count away here depends on the other test classes'
        // districts in this database (their bases are in the all-districts answers): ParticipationFamilyTest shows the
        // leak on a hand-made base instead.
    }

    @Test
    void no_hidden_count_of_a_trend_by_cohort_can_be_worked_out_from_all_scopes_trends() {
        var trends = strict.context.getBean(org.pathwaysledger.analytics.cohort.CohortTrend.class);
        var ownRules = new org.pathwaysledger.analytics.cohort.CohortTrend(strict.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class),
                strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class),
                strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class), new ScopeFamilies(null, null, null, false), null, null);
        java.time.Instant now = org.pathwaysledger.analytics.web.AsOf.parse(null);
        int leaksOnOwnRules = 0;
        for (OutcomeMetric metric : List.of(OutcomeMetric.CONCENTRATOR_RATE, OutcomeMetric.EARLY_COLLEGE_CREDIT)) {
            for (var basis : org.pathwaysledger.analytics.cohort.CohortBasis.values()) {
                Map<ScopeFamily.Node, PublishedRates.Table> decided = new LinkedHashMap<>();
                Map<ScopeFamily.Node, PublishedRates.Table> alone = new LinkedHashMap<>();
                List<String> districts = new ArrayList<>(ledger.districts);
                districts.add(null);
                for (String district : districts) {
                    for (var scope : scopes(district, null)) {
                        decided.put(ScopeFamilies.node(scope), table(trends.trend(metric, scope, basis, now), basis));
                        alone.put(ScopeFamilies.node(scope), table(ownRules.trend(metric, scope, basis, now), basis));
                    }
                }
                assertThat(decided.values()).anyMatch(table -> table.dimensions().get(0).groups().stream().anyMatch(row -> row.population() != null));
                ScopeFamilyTest.assertNothingHiddenIsRecoverable(decided, catalogue());
                // With every school's trend where the school has entrants: a district's cohorts are the sum of its schools'.
                Map<ScopeFamilyTest.Scoped, PublishedRates.Table> withSchools = new LinkedHashMap<>();
                decided.forEach((node, table) -> withSchools.put(new ScopeFamilyTest.Scoped(node.level(), node.id(), node.district(), null), table));
                OutcomeQuery truth = strict.context.getBean(OutcomeQuery.class);
                for (String district : ledger.districts) {
                    for (String school : SCHOOLS) {
                        for (var scope : scopes(district, school)) {
                            if (truth.count(metric, scope, now, List.of()).population() == 0) {
                                continue;
                            }
                            ScopeFamily.Node node = ScopeFamilies.node(scope);
                            withSchools.put(new ScopeFamilyTest.Scoped(node.level(), node.id(), district, school), table(trends.trend(metric, scope, basis, now), basis));
                        }
                    }
                }
                assertThat(withSchools.keySet()).anyMatch(scoped -> scoped.school() != null);
                ScopeFamilyTest.assertNothingHiddenIsRecoverableWithSchools(withSchools, catalogue());
                try {
                    ScopeFamilyTest.assertNothingHiddenIsRecoverable(alone, catalogue());
                } catch (AssertionError leak) {
                    leaksOnOwnRules++;
                }
            }
        }
        assertThat(leaksOnOwnRules).as("trends that, each on its own rules, give hidden cohorts away").isPositive();
    }

    @Test
    void no_hidden_count_of_a_cohort_funnel_can_be_worked_out_from_every_scopes_funnel_year_by_year() {
        var funnels = strict.context.getBean(org.pathwaysledger.analytics.cohort.CohortFunnel.class);
        var trends = strict.context.getBean(org.pathwaysledger.analytics.cohort.CohortTrend.class);
        var jdbc = strict.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var suppression = strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class);
        var ownRulesTrend = new org.pathwaysledger.analytics.cohort.CohortTrend(jdbc, suppression,
                strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class), new ScopeFamilies(null, null, null, false), null, null);
        var ownRules = new org.pathwaysledger.analytics.cohort.CohortFunnel(jdbc, suppression, ownRulesTrend, new ScopeFamilies(null, null, null, false), null, null);
        java.time.Instant now = org.pathwaysledger.analytics.web.AsOf.parse(null);
        int years = org.pathwaysledger.analytics.cohort.CohortFunnel.MAX_YEARS;
        int leaksOnOwnRules = 0;
        long hiddenAcrossScopes = 0;
        for (var basis : org.pathwaysledger.analytics.cohort.CohortBasis.values()) {
            Map<ScopeFamilyTest.Scoped, List<org.pathwaysledger.analytics.cohort.CohortFunnel.Funnel>> decided = new LinkedHashMap<>();
            Map<ScopeFamilyTest.Scoped, List<org.pathwaysledger.analytics.cohort.CohortFunnel.Funnel>> alone = new LinkedHashMap<>();
            Map<String, Long> decidedTrends = new java.util.HashMap<>();
            Map<String, Long> aloneTrends = new java.util.HashMap<>();
            List<String> districts = new ArrayList<>(ledger.districts);
            districts.add(null);
            List<String> schools = new ArrayList<>(SCHOOLS);
            schools.add(null);
            for (String district : districts) {
                for (String school : district == null ? java.util.Collections.<String>singletonList(null) : schools) {
                    for (var scope : scopes(district, school)) {
                        var served = funnels.funnels(scope, basis, null, years, now);
                        if (served.isEmpty()) {
                            continue; // the school has no entrant in the scope (see above)
                        }
                        ScopeFamily.Node node = ScopeFamilies.node(scope);
                        ScopeFamilyTest.Scoped scoped = new ScopeFamilyTest.Scoped(node.level(), node.id(), district, school);
                        decided.put(scoped, served);
                        alone.put(scoped, ownRules.funnels(scope, basis, null, years, now));
                        shownByTrends(trends, scope, scoped, basis, now, decidedTrends);
                        shownByTrends(ownRulesTrend, scope, scoped, basis, now, aloneTrends);
                    }
                }
            }
            assertThat(decided.keySet()).anyMatch(scoped -> scoped.school() != null);
            Map<String, Long> truth = funnelTruth(funnels, basis, now);
            assertThat(recoverableInFunnels(decided, decidedTrends, truth)).as("hidden funnel counts an analyst can work out, cohorts by %s", basis).isEmpty();
            leaksOnOwnRules += recoverableInFunnels(alone, aloneTrends, truth).size();
            hiddenAcrossScopes += decided.values().stream().flatMap(List::stream)
                    .flatMap(funnel -> java.util.stream.Stream.concat(funnel.stages().stream(), funnel.years().stream().flatMap(year -> year.stages().stream())))
                    .filter(stage -> stage.reason() == org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.CROSS_SCOPE).count();
        }
        assertThat(hiddenAcrossScopes).as("funnel counts hidden only because other scopes' would give a hidden one away").isPositive();
        assertThat(leaksOnOwnRules).as("funnel counts that, each funnel on its own rules, can be worked out").isPositive();
    }

    /** The funnel's whole-cohort counts that the trends at the same scope show (known to whoever reads both). */
    private static void shownByTrends(org.pathwaysledger.analytics.cohort.CohortTrend trends, org.pathwaysledger.analytics.scope.Scope scope,
                                      ScopeFamilyTest.Scoped scoped, org.pathwaysledger.analytics.cohort.CohortBasis basis, java.time.Instant now,
                                      Map<String, Long> shown) {
        Map<OutcomeMetric, List<String>> stages = Map.of(OutcomeMetric.COMPLETION_RATE, List.of("ENTERED", "COMPLETER"),
                OutcomeMetric.CONCENTRATOR_RATE, List.of("ENTERED", "CONCENTRATOR"), OutcomeMetric.POSTSECONDARY_WITHIN_ONE_YEAR, java.util.Arrays.asList("GRADUATED", null));
        stages.forEach((metric, populationAndSuccesses) -> trends.trend(metric, scope, basis, now).cohorts().forEach(row -> {
            if (row.population() != null) {
                shown.put(scoped + "/" + populationAndSuccesses.get(0) + "/0/" + row.group(), row.population());
            }
            if (row.successes() != null && populationAndSuccesses.get(1) != null) {
                shown.put(scoped + "/" + populationAndSuccesses.get(1) + "/0/" + row.group(), row.successes());
            }
        }));
    }

    /** Pathways, the sector and the region, in {@code district} (or all) and {@code school} (or all of the district's). */
    private static List<org.pathwaysledger.analytics.scope.Scope> scopes(String district, String school) {
        List<org.pathwaysledger.analytics.scope.Scope> scopes = new ArrayList<>();
        ledger.pathways.forEach(pathway -> scopes.add(org.pathwaysledger.analytics.scope.Scope.of(pathway, null, null, district, school)));
        scopes.add(org.pathwaysledger.analytics.scope.Scope.of(null, ledger.sector, null, district, school));
        scopes.add(org.pathwaysledger.analytics.scope.Scope.of(null, null, ledger.region, district, school));
        return scopes;
    }

    /** Each funnel count's true value, by {@code scoped + "/" + stage + "/" + year + "/" + cohort}, from the counts by unit. */
    private static Map<String, Long> funnelTruth(org.pathwaysledger.analytics.cohort.CohortFunnel funnels,
                                                 org.pathwaysledger.analytics.cohort.CohortBasis basis, java.time.Instant now) {
        Map<String, Long> truth = new java.util.HashMap<>();
        List<String> districts = new ArrayList<>(ledger.districts);
        districts.add(null);
        for (String district : districts) {
            funnels.countsByUnit(basis, now, district).forEach((answer, units) ->
                    ScopeFamily.nodes(Map.of(answer, units), catalogue()).forEach((node, members) -> {
                        OutcomeQuery.Counts sum = ScopeFamily.sum(members.stream().map(units::get).filter(java.util.Objects::nonNull).toList());
                        // In a decision over a district's schools the node's "district" is the school; no district: the district itself.
                        ScopeFamilyTest.Scoped scoped = district == null ? new ScopeFamilyTest.Scoped(node.level(), node.id(), node.district(), null)
                                : new ScopeFamilyTest.Scoped(node.level(), node.id(), district, node.district());
                        sum.byIntersection().getOrDefault(List.of(), Map.of()).forEach((cohort, cell) ->
                                truth.put(scoped + "/" + answer.stage() + "/" + answer.year() + "/" + cohort, cell[1]));
                    }));
        }
        return truth;
    }

    /**
     * The hidden counts of these funnels an analyst can work out: a count at one scope is the sum of its parts' (districts,
     * schools, pathways), cohort by cohort, stage by stage and year by year; and a hidden count of a stage between two
     * shown counts of the same number (by an earlier and a later year) is that number (a stage only grows). A whole-cohort count
     * a trend shows ({@code shownByTrends}) is known whatever the funnel shows.
     */
    private static List<String> recoverableInFunnels(Map<ScopeFamilyTest.Scoped, List<org.pathwaysledger.analytics.cohort.CohortFunnel.Funnel>> served,
                                                     Map<String, Long> shownByTrends, Map<String, Long> truth) {
        org.pathwaysledger.analytics.suppression.AdditiveCells audit = new org.pathwaysledger.analytics.suppression.AdditiveCells();
        Map<String, Integer> cells = new LinkedHashMap<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        served.forEach((scoped, funnelsServed) -> funnelsServed.forEach(funnel -> {
            String cohort = funnel.cohortYear() == null ? "UNKNOWN" : funnel.cohortYear().toString();
            List<org.pathwaysledger.analytics.cohort.CohortFunnel.StageCount> counts = new ArrayList<>();
            List<Integer> yearsOf = new ArrayList<>();
            funnel.stages().forEach(stage -> { counts.add(stage); yearsOf.add(0); });
            funnel.years().forEach(year -> year.stages().forEach(stage -> { counts.add(stage); yearsOf.add(year.year()); }));
            for (int i = 0; i < counts.size(); i++) {
                String key = counts.get(i).stage() + "/" + yearsOf.get(i) + "/" + cohort;
                Long shown = counts.get(i).students() != null ? counts.get(i).students() : shownByTrends.get(scoped + "/" + key);
                Long value = shown != null ? shown : truth.get(scoped + "/" + key);
                assertThat(value).as("the true count of %s %s", scoped, key).isNotNull();
                if (shown != null) {
                    assertThat(shown).as("%s %s as counted", scoped, key).isEqualTo(truth.get(scoped + "/" + key));
                }
                cells.put(scoped + "/" + key, audit.add(value, shown == null));
                keys.add(key);
            }
        }));
        for (ScopeFamilyTest.Scoped whole : served.keySet()) {
            List<ScopeFamilyTest.Scoped> parts = ScopeFamilyTest.parts(whole, served.keySet(), catalogue());
            for (String key : keys) {
                Integer wholeCell = cells.get(whole + "/" + key);
                int[] partCells = parts.stream().map(part -> cells.get(part + "/" + key)).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
                if (wholeCell != null && partCells.length > 0) {
                    audit.relate(wholeCell, partCells, org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.CROSS_SCOPE);
                }
            }
        }
        // A stage only grows from year to year ("at any time", year 0, is the largest): a hidden count between two shown
        // counts of the same number, by an earlier and a later year, is that number.
        Map<String, java.util.TreeMap<Integer, String>> chains = new LinkedHashMap<>();
        cells.keySet().forEach(name -> {
            String[] parts = name.split("/");
            int n = parts.length;
            int year = Integer.parseInt(parts[n - 2]);
            chains.computeIfAbsent(String.join("/", java.util.Arrays.copyOf(parts, n - 2)) + "/" + parts[n - 1], key -> new java.util.TreeMap<>())
                    .put(year == 0 ? Integer.MAX_VALUE : year, name);
        });
        chains.values().forEach(chain -> {
            List<String> names = new ArrayList<>(chain.values());
            for (int i = 0; i < names.size(); i++) {
                long value = truth.get(names.get(i));
                if (!audit.hidden(cells.get(names.get(i)))) {
                    continue;
                }
                String earlier = null;
                boolean later = false;
                for (int j = i - 1; j >= 0 && truth.get(names.get(j)) == value; j--) {
                    earlier = audit.hidden(cells.get(names.get(j))) ? earlier : names.get(j);
                }
                for (int j = i + 1; j < names.size() && truth.get(names.get(j)) == value; j++) {
                    later |= !audit.hidden(cells.get(names.get(j)));
                }
                if (earlier != null && later) {
                    audit.relate(cells.get(earlier), new int[]{cells.get(names.get(i))},
                            org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.LINKED);
                }
            }
        });
        Map<Integer, String> names = new java.util.HashMap<>();
        cells.forEach((name, id) -> names.put(id, name));
        return audit.recoverable().stream().map(names::get).toList();
    }

    private static PublishedRates.Table table(org.pathwaysledger.analytics.cohort.CohortTrend.Trend trend, org.pathwaysledger.analytics.cohort.CohortBasis basis) {
        return new PublishedRates.Table(trend.minimumCellSize(), trend.all(), List.of(new PublishedRates.DimensionRows(basis.name(), basis.label(), trend.cohorts())));
    }

    @Test
    void the_earners_counts_are_the_living_wage_rates_population_as_decided_across_scopes() throws Exception {
        // A larger region of its own: a tenth of entrants graduate with a wage record.
        SyntheticLedger ledger = new SyntheticLedger("XE", 20261127);
        int events = ledger.generate(1500);
        ledger.publish(strict.bootstrapServers());
        strict.awaitApplied(ledger.prefix, events);
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        var earnings = strict.context.getBean(org.pathwaysledger.analytics.earnings.EarningsController.class);
        int shown = 0;
        List<String> districts = new ArrayList<>(ledger.districts);
        districts.add(null);
        List<String[]> scopes = new ArrayList<>();
        ledger.pathways.forEach(pathway -> scopes.add(new String[]{pathway, null, null}));
        scopes.add(new String[]{null, ledger.sector, null});
        scopes.add(new String[]{null, null, ledger.region});
        for (String district : districts) {
            for (String[] scope : scopes) {
                String pathway = scope[0];
                PublishedRates.Table rates = controller.outcome("living-wage", scope[0], scope[1], scope[2], null, district, null, null, false).table();
                var answer = earnings.medianEarnings(scope[0], scope[1], scope[2], null, district, null, null);
                shown += answer.all().earners() == null ? 0 : 1;
                assertThat(answer.all().earners()).isEqualTo(rates.all().population());
                for (PublishedRates.DimensionRows dimension : rates.dimensions()) {
                    var rows = answer.dimensions().stream().filter(d -> d.dimension().equals(dimension.dimension())).findFirst().orElseThrow().groups();
                    for (PublishedRates.Row row : dimension.groups()) {
                        var earners = rows.stream().filter(r -> r.group().equals(row.group())).findFirst().orElseThrow();
                        assertThat(earners.earners()).as("%s %s %s %s: %s / %s", pathway, district, dimension.dimension(), row.group(), row, earners).isEqualTo(row.population());
                        assertThat(earners.medianQuarterlyWage() == null).isEqualTo(earners.earners() == null);
                        shown += earners.earners() == null ? 0 : 1;
                    }
                }
            }
        }
        assertThat(shown).as("counts of earners shown").isPositive();
    }

    @Test
    void the_suppression_policy_says_what_is_decided_across_scopes_and_what_is_not() {
        var strictPolicy = strict.context.getBean(SuppressionPolicyController.class).policy();
        assertThat(strictPolicy.acrossScopes()).isTrue();
        assertThat(strictPolicy.minimumCellSize()).isEqualTo(10);
        assertThat(strictPolicy.acrossAnswers()).anyMatch(line -> line.contains("schools"));
        assertThat(strictPolicy.acrossAnswers()).anyMatch(line -> line.contains("funnel") && line.contains("year by year"));
        assertThat(strictPolicy.notProtected()).anyMatch(line -> line.contains("asOf"));
        assertThat(strictPolicy.asOfGranularity()).isEqualTo("instant");
        var ownRules = new SuppressionPolicyController(strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class),
                new ScopeFamilies(null, null, null, false), new org.pathwaysledger.analytics.web.AsOfPolicy("month")).policy();
        assertThat(ownRules.acrossScopes()).isFalse();
        assertThat(ownRules.acrossAnswers()).isEmpty();
        assertThat(ownRules.notProtected()).anyMatch(line -> line.contains("across-scopes=true"));
        assertThat(ownRules.asOfGranularity()).isEqualTo("month");
        assertThat(ownRules.notProtected()).anyMatch(line -> line.contains("different months"));
    }

    @Test
    void a_school_id_found_in_two_districts_is_asked_with_its_district() throws Exception {
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> controller.outcome("concentrator-rate", ledger.pathways.get(0), null, null,
                        "HS-A", null, null, null, false))
                .isInstanceOf(org.pathwaysledger.events.value.InvalidValueException.class)
                .hasMessageContaining("more than one district").hasMessageContaining("district=");
        // Over HTTP: a 400 problem naming the fix, no stack trace.
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                strict.url() + "/api/v1/metrics/concentrator-rate?pathway=" + ledger.pathways.get(0) + "&school=HS-A")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("more than one district").contains("district={districtId}").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(controller.outcome("concentrator-rate", ledger.pathways.get(0), null, null, "HS-A", ledger.districts.get(0), null, null, false)
                .table().all()).isNotNull();
    }

    /** A table's population column: total first, then every group's (null where hidden). */
    private static List<Long> populations(PublishedRates.Table table) {
        List<Long> column = new ArrayList<>();
        column.add(table.all().population());
        table.dimensions().forEach(rows -> rows.groups().forEach(row -> column.add(row.population())));
        return column;
    }

    /** The synthetic ledger's schools (the same ids in every district). */
    private static final List<String> SCHOOLS = List.of("HS-A", "HS-B", "HS-C");

    @Test
    void answered_one_by_one_the_same_counts_give_hidden_ones_away() {
        // The same service's answers decided one by one (the default): the audit finds a recoverable count.
        OutcomeController oneByOne = new OutcomeController(strict.context.getBean(OutcomeQuery.class),
                strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class),
                strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class),
                strict.context.getBean(org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer.class),
                new ScopeFamilies(null, null, null, false), org.pathwaysledger.analytics.web.AsOfPolicy.instant());
        Map<ScopeFamily.Node, PublishedRates.Table> answers = answers(oneByOne);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScopeFamilyTest.assertNothingHiddenIsRecoverable(answers, catalogue()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("hidden counts an analyst can work out");
    }

    @Test
    void an_intersection_read_from_the_service_gives_no_hidden_count_away_against_its_groups() {
        // Intersections are protected in every mode. The same counts suppressed against the total only leak in some
        // scope of this region (the test's data exercises the case); the service's answers never do.
        OutcomeController controller = strict.context.getBean(OutcomeController.class);
        OutcomeQuery outcomes = strict.context.getBean(OutcomeQuery.class);
        var suppression = strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class);
        boolean mena = strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class).menaReportedSeparately();
        int leakingAgainstTheTotalOnly = 0;
        List<String> districts = new ArrayList<>(ledger.districts);
        districts.add(null);
        for (String intersect : List.of("RACE_ETHNICITY*SEX", "SEX*ECONOMICALLY_DISADVANTAGED", "ENGLISH_LEARNER*DISABILITY")) {
            List<List<org.pathwaysledger.analytics.subgroup.Dimension>> pair = OutcomeController.intersections(List.of(intersect));
            for (String pathway : ledger.pathways) {
                for (String district : districts) {
                    PublishedRates.Table served = controller.outcome("concentrator-rate", pathway, null, null, null, district,
                            List.of(intersect), null, false).table();
                    assertThat(recoverable(served)).as("%s, %s in %s", intersect, pathway, district).isEmpty();
                    OutcomeQuery.Counts counts = outcomes.count(OutcomeMetric.CONCENTRATOR_RATE,
                            org.pathwaysledger.analytics.scope.Scope.of(pathway, null, null, district, null),
                            org.pathwaysledger.analytics.web.AsOf.parse(null), pair);
                    PublishedRates.Table totalOnly = PublishedRates.publish(suppression, counts.population(), counts.successes(),
                            OutcomeController.dimensions(counts, pair, mena));
                    leakingAgainstTheTotalOnly += recoverable(totalOnly).isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(leakingAgainstTheTotalOnly).isPositive();
    }

    /** Hidden counts (populations or successes) an answer's own sums give back: total = each breakdown; a group = its intersection cells. */
    private static List<Integer> recoverable(PublishedRates.Table table) {
        List<Integer> found = new ArrayList<>();
        for (boolean populations : new boolean[]{true, false}) {
            org.pathwaysledger.analytics.suppression.AdditiveCells audit = new org.pathwaysledger.analytics.suppression.AdditiveCells();
            Long total = populations ? table.all().population() : table.all().successes();
            int totalCell = audit.add(total == null ? 0 : total, total == null);
            Map<String, Integer> cells = new java.util.HashMap<>();
            Map<String, List<Integer>> groupParts = new LinkedHashMap<>();
            for (PublishedRates.DimensionRows dimension : table.dimensions()) {
                List<Integer> parts = new ArrayList<>();
                for (PublishedRates.Row row : dimension.groups()) {
                    if (row.group().equals(PublishedRates.POOLED)) {
                        continue;
                    }
                    Long count = populations ? row.population() : row.successes();
                    int id = audit.add(count == null ? 0 : count, count == null);
                    parts.add(id);
                    if (dimension.dimension().contains("*")) {
                        String[] dimensions = dimension.dimension().split("\\*");
                        String[] groups = row.group().split("\\|");
                        groupParts.computeIfAbsent(dimensions[0] + "=" + groups[0], key -> new ArrayList<>()).add(id);
                        groupParts.computeIfAbsent(dimensions[1] + "=" + groups[1], key -> new ArrayList<>()).add(id);
                    } else {
                        cells.put(dimension.dimension() + "=" + row.group(), id);
                    }
                }
                audit.relate(totalCell, parts.stream().mapToInt(Integer::intValue).toArray(), org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.COMPLEMENTARY);
            }
            groupParts.forEach((group, parts) -> audit.relate(cells.get(group), parts.stream().mapToInt(Integer::intValue).toArray(),
                    org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason.COMPLEMENTARY));
            found.addAll(audit.recoverable());
        }
        return found;
    }

    private static Map<ScopeFamily.Node, PublishedRates.Table> answers(OutcomeController controller) {
        Map<ScopeFamily.Node, PublishedRates.Table> answers = new LinkedHashMap<>();
        List<String> districts = new ArrayList<>(ledger.districts);
        districts.add(null);
        for (String district : districts) {
            for (String pathway : ledger.pathways) {
                answers.put(new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, pathway, district),
                        controller.outcome("concentrator-rate", pathway, null, null, null, district, null, null, false).table());
            }
            answers.put(new ScopeFamily.Node(ScopeFamily.Level.SECTOR, ledger.sector, district),
                    controller.outcome("concentrator-rate", null, ledger.sector, null, null, district, null, null, false).table());
            answers.put(new ScopeFamily.Node(ScopeFamily.Level.REGION, ledger.region, district),
                    controller.outcome("concentrator-rate", null, null, ledger.region, null, district, null, null, false).table());
        }
        return answers;
    }

    private static List<ScopeFamily.CataloguePathway> catalogue() {
        return ledger.pathways.stream().map(pathway -> new ScopeFamily.CataloguePathway(ledger.region, pathway, ledger.sector)).toList();
    }
}
