package org.pathwaysledger.analytics.subgroup;

import org.pathwaysledger.events.value.FederalRaceEthnicity;
import org.pathwaysledger.events.value.Sex;

import java.util.Arrays;
import java.util.List;

/**
 * The ways a population is disaggregated, each with its complete list of groups (so a group with no students is
 * still reported, and suppressed, rather than silently missing) and the read-model column that holds it.
 */
public enum Dimension {
    RACE_ETHNICITY("Race/ethnicity", "race_ethnicity"),
    SEX("Sex", "sex"),
    ENGLISH_LEARNER("English learner", "english_learner"),
    DISABILITY("Students with disabilities (IDEA)", "disability"),
    ECONOMICALLY_DISADVANTAGED("Economically disadvantaged", "economically_disadvantaged"),
    FOSTER("Youth in foster care", "foster"),
    HOMELESS("Homeless", "homeless"),
    MIGRANT("Migrant", "migrant"),
    MILITARY_CONNECTED("Parent on active military duty", "military_connected");

    public record Group(String code, String label) {
    }

    private final String label;
    private final String column;

    Dimension(String label, String column) {
        this.label = label;
        this.column = column;
    }

    public String label() {
        return label;
    }

    /** The read-model column; a fixed identifier, never user input. */
    public String column() {
        return column;
    }

    public List<Group> groups(boolean menaReportedSeparately) {
        return switch (this) {
            case RACE_ETHNICITY -> FederalRaceEthnicity.reported(menaReportedSeparately).stream()
                    .map(category -> new Group(category.name(), category.label())).toList();
            case SEX -> Arrays.stream(Sex.values()).map(sex -> new Group(sex.code(), sex.label())).toList();
            default -> List.of(new Group("Y", "Yes"), new Group("N", "No"));
        };
    }

    public static java.util.Optional<Dimension> named(String name) {
        return java.util.Arrays.stream(values()).filter(dimension -> dimension.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** The group code of a stored value of this dimension's column. */
    public String groupOf(Object columnValue) {
        if (columnValue instanceof Boolean flag) {
            return flag ? "Y" : "N";
        }
        return String.valueOf(columnValue);
    }
}
