package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** A wrong link between a student record and a person was undone, with the reason. */
@Revision("1")
public record StudentRecordUnlinked(
        RegionId regionId,
        PersonId personId,
        DistrictId districtId,
        StudentId studentId,
        String reason,
        EventSource source) implements RegionEvent {
}
