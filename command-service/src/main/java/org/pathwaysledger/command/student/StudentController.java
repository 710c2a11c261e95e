package org.pathwaysledger.command.student;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.StudentId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A district's students, one request at a time. Both calls answer 202 once the fact is in the event store: the
 * read models follow within moments. {@code recorded=false} means the ledger already knew it.
 */
@RestController
public class StudentController {

    private final CommandGateway commands;
    private final Clock clock;

    public StudentController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public record Accepted(String districtId, String studentId, boolean recorded, String message) {
    }

    @PutMapping(path = "/api/v1/districts/{districtId}/students/{studentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted register(@PathVariable String districtId, @PathVariable String studentId,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId,
                             @RequestBody JsonNode body) {
        DistrictId district = DistrictId.of(districtId);
        StudentId student = StudentId.of(studentId);
        var command = StudentRequests.registration(district, student, body, source(requestId), LocalDate.now(clock));
        boolean recorded = commands.sendAndWait(command);
        return accepted(districtId, studentId, recorded);
    }

    @PostMapping(path = "/api/v1/districts/{districtId}/students/{studentId}/pathway-enrollments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted enroll(@PathVariable String districtId, @PathVariable String studentId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId,
                           @RequestBody JsonNode body) {
        var command = StudentRequests.enrollment(DistrictId.of(districtId), StudentId.of(studentId), body, source(requestId));
        boolean recorded = commands.sendAndWait(command);
        return accepted(districtId, studentId, recorded);
    }

    static Accepted accepted(String districtId, String studentId, boolean recorded) {
        return new Accepted(districtId, studentId, recorded,
                recorded ? "Recorded; the journey view and metrics follow within seconds" : "Already recorded with these values; nothing changed");
    }

    static EventSource source(String requestId) {
        String reference = requestId == null || requestId.isBlank() || requestId.length() > 100 ? UUID.randomUUID().toString() : requestId;
        return EventSource.api(reference);
    }
}
