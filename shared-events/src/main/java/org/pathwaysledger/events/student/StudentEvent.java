package org.pathwaysledger.events.student;

import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.StudentKey;

/** A fact about one student of one district. Every such event is published on {@code Topics.STUDENT_EVENTS}. */
public sealed interface StudentEvent permits StudentRegistered, StudentDetailsChanged, StudentEnrolledInPathway {

    DistrictId districtId();

    StudentId studentId();

    EventSource source();

    default StudentKey studentKey() {
        return new StudentKey(districtId(), studentId());
    }
}
