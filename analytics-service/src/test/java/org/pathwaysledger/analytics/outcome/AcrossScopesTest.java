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

/**
 * With {@code pathways.analytics.suppression.across-scopes=true}, on real PostgreSQL and Kafka: an analyst who asks
 * for every scope of a region (each pathway, the sector, the region, each in every district and in all) and adds and
 * subtracts the answers can work out no hidden count; with the default setting, the same answers can be (which is why
 * the README describes the default's limit).
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
    void answered_one_by_one_the_same_counts_give_hidden_ones_away() {
        // The same service's answers decided one by one (the default): the audit finds a recoverable count.
        OutcomeController oneByOne = new OutcomeController(strict.context.getBean(OutcomeQuery.class),
                strict.context.getBean(org.pathwaysledger.analytics.suppression.SmallCellSuppression.class),
                strict.context.getBean(org.pathwaysledger.analytics.region.RegionSettings.class),
                strict.context.getBean(org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer.class),
                new ScopeFamilies(null, null, null, false));
        Map<ScopeFamily.Node, PublishedRates.Table> answers = answers(oneByOne);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScopeFamilyTest.assertNothingHiddenIsRecoverable(answers, catalogue()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("hidden counts an analyst can work out");
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
