package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;

/**
 * A student entered a pathway at a school on {@code entryDate}, under version {@code pathwayVersion} of the
 * region's definition of it.
 *
 * <p>Revision 2 added {@code pathwayVersion}. Revision 1 events (before the catalogue was versioned) are read as
 * version 1, the only version that existed then: the command service upcasts them in its event store
 * (StudentEnrolledInPathwayUpcaster) and readers of the topic treat a missing version as 1.
 */
@Revision("2")
public record StudentEnrolledInPathway(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        SchoolId schoolId,
        LocalDate entryDate,
        int pathwayVersion,
        EventSource source) implements StudentEvent {

    public StudentEnrolledInPathway {
        pathwayVersion = pathwayVersion < 1 ? 1 : pathwayVersion;
    }
}
