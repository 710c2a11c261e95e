package org.pathwaysledger.query.journey;

import org.pathwaysledger.events.value.StudentKey;
import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.pathwaysledger.query.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class JourneyController {

    private final StudentJourneyQuery journeys;
    private final TransactionalEventConsumer consumer;

    public JourneyController(StudentJourneyQuery journeys, TransactionalEventConsumer consumer) {
        this.journeys = journeys;
        this.consumer = consumer;
    }

    /** The student's pathway journey so far, as known to this read model. */
    @GetMapping("/api/v1/districts/{districtId}/students/{studentId}")
    public StudentJourneyQuery.Journey journey(@PathVariable String districtId, @PathVariable String studentId) {
        StudentKey student = StudentKey.of(districtId, studentId);
        return journeys.fetch(student).orElseThrow(() -> new NotFoundException(
                "Student " + student + " is not known to this read model. If it was just registered, retry in a few seconds; "
                        + "otherwise register it with the command service."));
    }

    /** How fresh the journeys are: the newest event applied and the events not applied yet. */
    @GetMapping("/api/v1/freshness")
    public ProjectionStatus freshness() {
        return consumer.status();
    }
}
