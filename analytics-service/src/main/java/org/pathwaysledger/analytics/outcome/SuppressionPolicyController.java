package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What the service's suppression does, as configured: so an analyst (or an auditor) can tell how a hidden cell was
 * decided, and what a combination of answers is or is not protected against, without reading the README.
 */
@RestController
public class SuppressionPolicyController {

    public record Policy(int minimumCellSize, String topBottomCoding, boolean acrossScopes, String asOfGranularity, List<String> withinEveryAnswer,
                         List<String> acrossAnswers, List<String> notProtected) {
    }

    private final SmallCellSuppression suppression;
    private final ScopeFamilies families;
    private final org.pathwaysledger.analytics.web.AsOfPolicy asOf;

    public SuppressionPolicyController(SmallCellSuppression suppression, ScopeFamilies families, org.pathwaysledger.analytics.web.AsOfPolicy asOf) {
        this.suppression = suppression;
        this.families = families;
        this.asOf = asOf;
    }

    @GetMapping("/api/v1/suppression")
    public Policy policy() {
        int n = suppression.minimumCellSize();
        int above = (int) PublishedRates.CODED_ABOVE;
        List<String> within = List.of(
                "A count below " + n + " is hidden (BELOW_MINIMUM); an answer whose total is below " + n + " hides everything (TOTAL_BELOW_MINIMUM).",
                "A rate above " + above + "% or below " + (100 - above) + "% is shown as a range and its successes hidden (TOP_BOTTOM_CODED).",
                "Where one count of a breakdown is hidden, the next smallest is hidden too, so the total gives neither back (COMPLEMENTARY).",
                "An intersection's cells are protected against their groups and the total by an exact audit (COMPLEMENTARY).",
                "Metrics that publish the same students' count hide it alike (LINKED).");
        List<String> across = families.enabled() ? List.of(
                "The outcome rates: every pathway, sector, region and region's sector, in each district and in all, decided together (CROSS_SCOPE).",
                "A district's schools, decided together below the district's answers.",
                "Pathway entry and the earners of the earnings answer: the population column of the rate with the same students.",
                "Participation and K12 SWP CTE students: every scope, each district and its schools.",
                "Trends by cohort.",
                "The cohort funnel: every stage, at any time and year by year, across scopes and years (a hidden year's count between "
                        + "two shown counts of the same number is protected); its stages that a trend also publishes as the trend decides them.")
                : List.of();
        String differences = asOf.granularity() == org.pathwaysledger.analytics.web.AsOfPolicy.Granularity.INSTANT
                ? "Differences between two answers at different moments (asOf, or now a moment later): the students recorded in between; "
                        + "set pathways.analytics.as-of.granularity=day or month to answer as of period ends only."
                : "Differences between two answers of different " + asOf.granularity().name().toLowerCase(java.util.Locale.ROOT)
                        + "s: the students recorded in between (every answer is as of the end of a complete period).";
        List<String> open = families.enabled() ? List.of(differences,
                "Bounds: a hidden count is known to lie between 0 and its total, and a funnel's count between its neighbouring years'.")
                : List.of(
                "Across scopes: a count hidden in one answer may be another scope's count minus its other parts (e.g. a pathway's minus "
                        + "the other districts'); set pathways.analytics.suppression.across-scopes=true to decide answers together.",
                differences);
        return new Policy(n, ">" + above + "% / <" + (100 - above) + "%", families.enabled(), asOf.granularity().name().toLowerCase(java.util.Locale.ROOT),
                within, across, open);
    }
}
