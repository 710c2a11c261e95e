package org.pathwaysledger.query.ontrack;

import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The district view of its own pathway students: who is off track and why (student-level, one district at a time). */
@RestController
public class PathwayStudentsController {

    public record Rule(OffTrackRule rule, String description, long students) {
    }

    public record PathwayStudentsAnswer(String districtId, String pathwayId, String schoolId, boolean offTrackOnly, Instant answeredAt,
                                        int enrolled, int offTrack, List<Rule> rules, boolean truncated,
                                        List<PathwayStudentsQuery.PathwayStudent> students) {
    }

    private final PathwayStudentsQuery query;

    public PathwayStudentsController(PathwayStudentsQuery query) {
        this.query = query;
    }

    @GetMapping("/api/v1/districts/{districtId}/pathway-students")
    public PathwayStudentsAnswer pathwayStudents(@PathVariable String districtId, @RequestParam(required = false) String pathway,
                                                 @RequestParam(required = false) String school,
                                                 @RequestParam(defaultValue = "false") String offTrack) {
        DistrictId district = DistrictId.of(districtId);
        String pathwayId = pathway == null || pathway.isBlank() ? null : PathwayId.of(pathway).value();
        String schoolId = school == null || school.isBlank() ? null : SchoolId.of(school).value();
        boolean offTrackOnly = switch (offTrack) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException("offTrack", offTrack, "is not true or false");
        };
        List<PathwayStudentsQuery.PathwayStudent> all = query.students(district, pathwayId, schoolId);
        boolean truncated = all.size() > PathwayStudentsQuery.MAXIMUM_ROWS;
        if (truncated) {
            all = all.subList(0, PathwayStudentsQuery.MAXIMUM_ROWS);
        }
        Map<OffTrackRule, Long> byRule = new EnumMap<>(OffTrackRule.class);
        all.forEach(student -> student.reasons().forEach(reason -> byRule.merge(reason, 1L, Long::sum)));
        List<PathwayStudentsQuery.PathwayStudent> offTrackStudents = all.stream().filter(student -> !student.reasons().isEmpty()).toList();
        List<Rule> rules = Arrays.stream(OffTrackRule.values()).map(rule -> new Rule(rule, rule.description(), byRule.getOrDefault(rule, 0L))).toList();
        return new PathwayStudentsAnswer(district.value(), pathwayId, schoolId, offTrackOnly, Instant.now(), all.size(), offTrackStudents.size(),
                rules, truncated, offTrackOnly ? offTrackStudents : all);
    }
}
