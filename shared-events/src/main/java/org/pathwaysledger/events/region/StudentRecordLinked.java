package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** A district's student record was linked to a region-level person, with the evidence for the match. */
@Revision("1")
public record StudentRecordLinked(
        RegionId regionId,
        PersonId personId,
        DistrictId districtId,
        StudentId studentId,
        MatchEvidence evidence,
        EventSource source) implements RegionEvent {
}
