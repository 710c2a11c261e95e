package org.pathwaysledger.events.value;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The federal reporting categories for race and ethnicity, and the one place that derives a student's category
 * from what the district reported: Hispanic or Latino takes precedence over any race; more than one race is
 * "Two or more races". Middle Eastern or North African (2024 standard) is its own category only where the region
 * reports it separately; otherwise it is counted as White, as under the 1997 standard.
 */
public enum FederalRaceEthnicity {
    AMERICAN_INDIAN_OR_ALASKA_NATIVE("American Indian or Alaska Native"),
    ASIAN("Asian"),
    BLACK_OR_AFRICAN_AMERICAN("Black or African American"),
    HISPANIC_OR_LATINO("Hispanic or Latino"),
    MIDDLE_EASTERN_OR_NORTH_AFRICAN("Middle Eastern or North African"),
    NATIVE_HAWAIIAN_OR_OTHER_PACIFIC_ISLANDER("Native Hawaiian or Other Pacific Islander"),
    WHITE("White"),
    TWO_OR_MORE_RACES("Two or more races"),
    NOT_REPORTED("Not reported");

    private final String label;

    FederalRaceEthnicity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FederalRaceEthnicity derive(boolean hispanic, Collection<RaceCode> races, boolean menaReportedSeparately) {
        if (hispanic) {
            return HISPANIC_OR_LATINO;
        }
        Set<FederalRaceEthnicity> categories = EnumSet.noneOf(FederalRaceEthnicity.class);
        for (RaceCode race : races) {
            categories.add(switch (race) {
                case AIAN -> AMERICAN_INDIAN_OR_ALASKA_NATIVE;
                case ASIAN -> ASIAN;
                case BLACK -> BLACK_OR_AFRICAN_AMERICAN;
                case NHPI -> NATIVE_HAWAIIAN_OR_OTHER_PACIFIC_ISLANDER;
                case WHITE -> WHITE;
                case MENA -> menaReportedSeparately ? MIDDLE_EASTERN_OR_NORTH_AFRICAN : WHITE;
            });
        }
        if (categories.isEmpty()) {
            return NOT_REPORTED;
        }
        return categories.size() > 1 ? TWO_OR_MORE_RACES : categories.iterator().next();
    }

    /** The categories a region reports, in display order. */
    public static Set<FederalRaceEthnicity> reported(boolean menaReportedSeparately) {
        Set<FederalRaceEthnicity> reported = EnumSet.allOf(FederalRaceEthnicity.class);
        if (!menaReportedSeparately) {
            reported.remove(MIDDLE_EASTERN_OR_NORTH_AFRICAN);
        }
        return reported;
    }
}
