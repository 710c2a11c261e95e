package org.pathwaysledger.events.value;

import java.util.List;
import java.util.Objects;

/**
 * What a district reports about who a student is, coded after CEDS / Ed-Fi: sex, Hispanic ethnicity and races, and
 * the Perkins V special-population and program flags. Races are kept sorted and distinct so equal facts compare
 * equal.
 */
public record Demographics(
        Sex sex,
        boolean hispanic,
        List<RaceCode> races,
        boolean englishLearner,
        boolean disability,
        boolean economicallyDisadvantaged,
        boolean foster,
        boolean homeless,
        boolean migrant,
        boolean militaryConnected,
        boolean singleParent) {

    public Demographics {
        Objects.requireNonNull(sex, "sex");
        races = races == null ? List.of() : races.stream().distinct().sorted().toList();
    }

    public FederalRaceEthnicity raceEthnicity(boolean menaReportedSeparately) {
        return FederalRaceEthnicity.derive(hispanic, races, menaReportedSeparately);
    }
}
