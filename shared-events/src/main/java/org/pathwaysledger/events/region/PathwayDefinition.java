package org.pathwaysledger.events.region;

import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;

import java.util.List;

/**
 * A pathway / program of study as the region defines it: where it leads (sector, cluster, CIP, occupations with
 * LMI, the college partner and credential), its course sequence, and the rule that says who completes it.
 */
public record PathwayDefinition(
        String name,
        String industrySector,
        String careerCluster,
        String cipCode,
        List<Occupation> occupations,
        List<PathwayCourse> courses,
        CollegeId collegePartnerId,
        String postsecondaryCredential,
        CompletionRule completionRule) {

    public PathwayDefinition {
        occupations = occupations == null ? List.of() : List.copyOf(occupations);
        courses = courses == null ? List.of() : List.copyOf(courses);
        completionRule = completionRule == null ? CompletionRule.PERKINS_TWO_COURSES : completionRule;
    }
}
