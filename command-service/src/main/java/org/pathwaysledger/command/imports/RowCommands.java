package org.pathwaysledger.command.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pathwaysledger.command.student.StudentFactRequests;
import org.pathwaysledger.command.student.StudentRequests;
import org.pathwaysledger.command.web.InvalidRequestException;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one canonical CSV row into the commands it states (a course row with college credit states two; an
 * enrolment row with an exit states two), with the same parsing and messages as the REST API.
 */
final class RowCommands {

    /** The commands of a row, for one student. */
    record Parsed(DistrictId district, StudentId student, List<Object> commands) {
    }

    private RowCommands() {
    }

    /**
     * @param row    column name (lower case) to cell; empty cells are "not given"
     * @throws InvalidRequestException with every problem of the row
     */
    static Parsed parse(ImportKind kind, Map<String, String> row, DistrictId submittingDistrict, EventSource source, LocalDate submittedOn) {
        List<InvalidValueException> problems = new ArrayList<>();
        DistrictId district = null;
        StudentId student = null;
        try {
            district = DistrictId.of(row.get("district_id"));
            if (!district.equals(submittingDistrict)) {
                problems.add(new InvalidValueException("district_id", district.value(), "is not the submitting district "
                        + submittingDistrict + "; send each district's rows in that district's own submission"));
            }
        } catch (InvalidValueException e) {
            problems.add(e);
        }
        try {
            student = StudentId.of(row.get("student_id"));
        } catch (InvalidValueException e) {
            problems.add(e);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        row.forEach((column, value) -> {
            if (!column.equals("district_id") && !column.equals("student_id") && value != null && !value.isEmpty()) {
                body.put(column, value);
            }
        });
        List<Object> commands = new ArrayList<>();
        try {
            if (problems.isEmpty()) {
                commands.addAll(commandsOf(kind, district, student, body, source, submittedOn));
            } else {
                // Still read the rest of the row, so the district sees every problem of it at once.
                commandsOf(kind, submittingDistrict, StudentId.of("X"), body, source, submittedOn);
            }
        } catch (InvalidRequestException e) {
            problems.addAll(e.problems());
        } catch (InvalidValueException e) {
            problems.add(e);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Parsed(district, student, commands);
    }

    private static List<Object> commandsOf(ImportKind kind, DistrictId district, StudentId student, ObjectNode body,
                                           EventSource source, LocalDate submittedOn) {
        return switch (kind) {
            case STUDENTS -> List.of(StudentRequests.registration(district, student, body, source, submittedOn));
            case PATHWAY_ENROLLMENTS -> enrolment(district, student, body, source);
            case COURSE_COMPLETIONS -> {
                List<Object> commands = new ArrayList<>();
                StudentFactRequests.creditOfCourse(district, student, body, source).ifPresent(commands::add);
                commands.add(0, StudentFactRequests.course(district, student, body, source));
                yield commands;
            }
            case WBL_PLACEMENTS -> List.of(StudentFactRequests.workBasedLearning(district, student, body, source));
            case CREDENTIALS -> List.of(StudentFactRequests.credential(district, student, body, source));
            case MILESTONES -> List.of(StudentFactRequests.milestone(district, student, body, source));
        };
    }

    private static List<Object> enrolment(DistrictId district, StudentId student, ObjectNode body, EventSource source) {
        ObjectNode exit = JsonNodeFactory.instance.objectNode();
        String exitDate = body.has("exit_date") ? body.remove("exit_date").asText() : null;
        String exitReason = body.has("exit_reason") ? body.remove("exit_reason").asText() : null;
        var enrol = StudentRequests.enrollment(district, student, body, source);
        if (exitDate == null && exitReason == null) {
            return List.of(enrol);
        }
        if (exitDate == null) {
            throw new InvalidValueException("exit_date", null, "is required with exit_reason " + exitReason);
        }
        if (exitReason == null) {
            throw new InvalidValueException("exit_reason", null, "is required with exit_date; use COMPLETED, GRADUATED, TRANSFERRED, MOVED, DROPPED, AGED_OUT or OTHER");
        }
        LocalDate exitOn = IsoDate.required("exit_date", exitDate);
        if (exitOn.isBefore(enrol.entryDate())) {
            throw new InvalidValueException("exit_date", exitDate, "is before entry_date " + enrol.entryDate() + "; an exit cannot come before the entry");
        }
        exit.put("pathway_id", body.get("pathway_id").asText());
        exit.put("exit_date", exitDate);
        exit.put("exit_reason", exitReason);
        return List.of(enrol, StudentFactRequests.exit(district, student, exit, source));
    }
}
