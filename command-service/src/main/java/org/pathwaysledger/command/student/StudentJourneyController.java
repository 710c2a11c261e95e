package org.pathwaysledger.command.student;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.pathwaysledger.command.student.StudentController.Accepted;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.StudentId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The facts of a registered student's 9-14 journey, one request per fact. Each answers 202 once stored;
 * {@code recorded=false} means the ledger already had exactly this fact.
 */
@RestController
@RequestMapping(path = "/api/v1/districts/{districtId}/students/{studentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
public class StudentJourneyController {

    private final CommandGateway commands;
    private final Clock clock;

    public StudentJourneyController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/pathway-exits")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted exit(@PathVariable String districtId, @PathVariable String studentId,
                         @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.exit(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    /** A completed course; a row with college credit also awards it (refused without a covering agreement). */
    @PostMapping("/course-completions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted course(@PathVariable String districtId, @PathVariable String studentId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        EventSource source = StudentController.source(requestId);
        var course = StudentFactRequests.course(district(districtId), student(studentId), body, source);
        var credit = StudentFactRequests.creditOfCourse(district(districtId), student(studentId), body, source);
        boolean creditRecorded = credit.map(award -> (Boolean) commands.sendAndWait(award)).orElse(false);
        boolean courseRecorded = commands.sendAndWait(course);
        return StudentController.accepted(districtId, studentId, courseRecorded || creditRecorded);
    }

    @PostMapping("/college-credits")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted credit(@PathVariable String districtId, @PathVariable String studentId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.credit(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    @PostMapping("/wbl-placements")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted workBasedLearning(@PathVariable String districtId, @PathVariable String studentId,
                                      @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.workBasedLearning(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    @PostMapping("/credentials")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted credential(@PathVariable String districtId, @PathVariable String studentId,
                               @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.credential(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    @PostMapping("/pathway-statuses")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted status(@PathVariable String districtId, @PathVariable String studentId,
                           @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.status(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    @PostMapping("/milestones")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted milestone(@PathVariable String districtId, @PathVariable String studentId,
                              @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.milestone(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    /** Corrects what was recorded from {@code effective_date} (a FERPA amendment); {@code reason} is required. */
    @PostMapping("/corrections")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted correction(@PathVariable String districtId, @PathVariable String studentId,
                               @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.correction(district(districtId), student(studentId), body,
                StudentController.source(requestId), LocalDate.now(clock)));
    }

    /** Withdraws a wrongly reported fact, named by its sequence number in the journey; {@code reason} is required. */
    @PostMapping("/retractions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted retraction(@PathVariable String districtId, @PathVariable String studentId,
                               @RequestHeader(name = "X-Request-Id", required = false) String requestId, @RequestBody JsonNode body) {
        return send(districtId, studentId, StudentFactRequests.retraction(district(districtId), student(studentId), body, StudentController.source(requestId)));
    }

    private Accepted send(String districtId, String studentId, Object command) {
        boolean recorded = commands.sendAndWait(command);
        return StudentController.accepted(districtId, studentId, recorded);
    }

    private static DistrictId district(String value) {
        return DistrictId.of(value);
    }

    private static StudentId student(String value) {
        return StudentId.of(value);
    }
}
