package org.pathwaysledger.query.ontrack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The reasons a pathway student is off track, in one place. A student still enrolled in a pathway is off track when
 * they reach grade 11 without a passed concentrator (or capstone) course of the pathway and without being a
 * concentrator; reach grade 12 without any work-based learning; or reach grade 12 in an early-college pathway (one
 * whose college partner has a dual-enrollment agreement with the district) with fewer than 12 college credits.
 */
public enum OffTrackRule {

    NO_CONCENTRATOR_COURSE("No concentrator course by grade 11"),
    NO_WORK_BASED_LEARNING("No work-based learning by grade 12"),
    FEWER_THAN_12_COLLEGE_CREDITS("Fewer than 12 college credits by grade 12 in an early-college pathway");

    public static final BigDecimal EARLY_COLLEGE_CREDITS = BigDecimal.valueOf(12);

    private final String description;

    OffTrackRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The progress of one student in one pathway, as the rules need it. {@code grade} is null outside grades 9-12. */
    public record Progress(Integer grade, boolean concentrator, int concentratorCourses, int workBasedLearning,
                           BigDecimal collegeCredits, boolean earlyCollege) {
    }

    public static List<OffTrackRule> reasons(Progress progress) {
        List<OffTrackRule> reasons = new ArrayList<>();
        if (progress.grade() == null) {
            return reasons;
        }
        if (progress.grade() >= 11 && progress.concentratorCourses() == 0 && !progress.concentrator()) {
            reasons.add(NO_CONCENTRATOR_COURSE);
        }
        if (progress.grade() >= 12 && progress.workBasedLearning() == 0) {
            reasons.add(NO_WORK_BASED_LEARNING);
        }
        if (progress.grade() >= 12 && progress.earlyCollege() && progress.collegeCredits().compareTo(EARLY_COLLEGE_CREDITS) < 0) {
            reasons.add(FEWER_THAN_12_COLLEGE_CREDITS);
        }
        return reasons;
    }
}
