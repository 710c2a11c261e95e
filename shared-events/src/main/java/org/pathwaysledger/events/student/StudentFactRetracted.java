package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** A fact recorded for the student was wrong and is withdrawn, with the reason; it stays in the log, marked as withdrawn. */
@Revision("1")
public record StudentFactRetracted(
        DistrictId districtId,
        StudentId studentId,
        long retractedSequence,
        String retractedEventType,
        String reason,
        EventSource source) implements StudentEvent {
}
