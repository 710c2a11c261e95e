package org.pathwaysledger.events.student;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.StudentKey;

/** A fact about one student of one district. Every such event is published on {@code Topics.STUDENT_EVENTS}. */
public interface StudentEvent extends PublishedEvent {

    DistrictId districtId();

    StudentId studentId();

    default StudentKey studentKey() {
        return new StudentKey(districtId(), studentId());
    }

    @Override
    default String partitionKey() {
        return studentKey().toString();
    }
}
