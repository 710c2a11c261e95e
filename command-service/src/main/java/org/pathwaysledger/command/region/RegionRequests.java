package org.pathwaysledger.command.region;

import com.fasterxml.jackson.databind.JsonNode;
import org.pathwaysledger.command.web.FieldReader;
import org.pathwaysledger.command.web.InvalidRequestException;
import org.pathwaysledger.events.region.AddRegionMember;
import org.pathwaysledger.events.region.DefinePathway;
import org.pathwaysledger.events.region.DefineRegion;
import org.pathwaysledger.events.region.EndCollegeAgreement;
import org.pathwaysledger.events.region.LinkStudentRecord;
import org.pathwaysledger.events.region.Occupation;
import org.pathwaysledger.events.region.PathwayCourse;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.RetirePathway;
import org.pathwaysledger.events.region.SignCollegeAgreement;
import org.pathwaysledger.events.region.UnlinkStudentRecord;
import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.AgreementKind;
import org.pathwaysledger.events.value.Checks;
import org.pathwaysledger.events.value.Codes;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.MatchEvidence;
import org.pathwaysledger.events.value.MemberKind;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PersonId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.StudentId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns region-level request bodies (catalogue, members, agreements, identity links) into commands. */
final class RegionRequests {

    private static final int MAX_LIST = 100;

    private RegionRequests() {
    }

    static DefineRegion region(RegionId region, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("name"));
        String name = fields.read("name", value -> required("name", value, 200));
        fields.complete();
        return new DefineRegion(region, name, source);
    }

    static AddRegionMember member(RegionId region, String memberId, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("kind", "name"));
        MemberKind kind = fields.read("kind", value -> MemberKind.parse("kind", value));
        String name = fields.read("name", value -> Codes.text("name", value, 200));
        fields.complete();
        return fields.build(() -> new AddRegionMember(region, DistrictId.of(memberId).value(), kind, name, source));
    }

    static DefinePathway pathway(RegionId region, PathwayId pathway, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("name", "industry_sector", "career_cluster", "cip_code", "occupations",
                "courses", "college_partner_id", "postsecondary_credential", "completion_rule"));
        String name = fields.read("name", value -> required("name", value, 200));
        String sector = fields.read("industry_sector", value -> Codes.text("industry_sector", value, 200));
        String cluster = fields.read("career_cluster", value -> Codes.text("career_cluster", value, 200));
        String cip = fields.read("cip_code", value -> {
            if (value != null && !value.isBlank() && !value.trim().matches("\\d{2}\\.\\d{2,4}")) {
                throw new InvalidValueException("cip_code", value, "is not a CIP code; use the form 51.0801");
            }
            return Codes.text("cip_code", value, 10);
        });
        CollegeId partner = fields.read("college_partner_id", value -> value == null || value.isBlank() ? null : CollegeId.of(value));
        String credential = fields.read("postsecondary_credential", value -> Codes.text("postsecondary_credential", value, 200));
        CompletionRule rule = fields.read("completion_rule", value -> CompletionRule.parse("completion_rule", value));
        List<Occupation> occupations = new ArrayList<>();
        forEach(fields, body.get("occupations"), "occupations", (item, at) -> {
            String soc = text(item, "soc_code");
            if (soc == null || !soc.matches("\\d{2}-\\d{4}")) {
                throw new InvalidValueException(at + ".soc_code", soc, "is not a SOC code; use the form 31-9092");
            }
            occupations.add(new Occupation(soc, Codes.text(at + ".title", text(item, "title"), 200),
                    Codes.nonNegative(at + ".median_annual_wage", text(item, "median_annual_wage"), BigDecimal.valueOf(10_000_000)),
                    integer(at + ".projected_annual_openings", text(item, "projected_annual_openings"))));
        });
        List<PathwayCourse> courses = new ArrayList<>();
        forEach(fields, body.get("courses"), "courses", (item, at) -> {
            Checks.required(at + ".course_id", text(item, "course_id"));
            CourseRole role = CourseRole.parse(at + ".role", text(item, "role"));
            courses.add(new PathwayCourse(CourseId.of(text(item, "course_id")), Codes.text(at + ".title", text(item, "title"), 200),
                    role == null ? CourseRole.NONE : role));
        });
        fields.complete();
        return fields.build(() -> new DefinePathway(region, pathway,
                new PathwayDefinition(name, sector, cluster, cip, occupations, courses, partner, credential, rule), source));
    }

    static RetirePathway retirement(RegionId region, PathwayId pathway, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("retired_on", "reason"));
        LocalDate retiredOn = fields.read("retired_on", value -> IsoDate.required("retired_on", value));
        String reason = fields.read("reason", value -> Codes.text("reason", value, 500));
        fields.complete();
        return new RetirePathway(region, pathway, retiredOn, reason, source);
    }

    static SignCollegeAgreement agreement(RegionId region, AgreementId agreement, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("kind", "district_id", "college_id", "college_course_ids",
                "high_school_course_ids", "effective_from", "effective_to"));
        AgreementKind kind = fields.read("kind", value -> AgreementKind.parse("kind", value));
        DistrictId district = fields.read("district_id", value -> DistrictId.of(value));
        CollegeId college = fields.read("college_id", value -> CollegeId.of(value));
        List<String> collegeCourses = new ArrayList<>();
        for (String course : fields.list("college_course_ids")) {
            collegeCourses.add(fields.attempt(() -> Codes.text("college_course_ids", course, 64)));
        }
        List<CourseId> highSchoolCourses = new ArrayList<>();
        for (String course : fields.list("high_school_course_ids")) {
            highSchoolCourses.add(fields.attempt(() -> CourseId.of(course)));
        }
        LocalDate from = fields.read("effective_from", value -> IsoDate.required("effective_from", value));
        LocalDate to = fields.read("effective_to", value -> IsoDate.required("effective_to", value));
        fields.complete();
        return fields.build(() -> new SignCollegeAgreement(region, agreement, kind, district, college, collegeCourses,
                highSchoolCourses, from, to, source));
    }

    static EndCollegeAgreement agreementEnd(RegionId region, AgreementId agreement, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("ended_on", "reason"));
        LocalDate endedOn = fields.read("ended_on", value -> IsoDate.required("ended_on", value));
        String reason = fields.read("reason", value -> Codes.text("reason", value, 500));
        fields.complete();
        return new EndCollegeAgreement(region, agreement, endedOn, reason, source);
    }

    static LinkStudentRecord link(RegionId region, PersonId person, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("district_id", "student_id", "evidence"));
        DistrictId district = fields.read("district_id", DistrictId::of);
        StudentId student = fields.read("student_id", StudentId::of);
        MatchEvidence evidence = fields.read("evidence", value -> MatchEvidence.parse("evidence", value));
        fields.complete();
        return new LinkStudentRecord(region, person, district, student, evidence, source);
    }

    static UnlinkStudentRecord unlink(RegionId region, PersonId person, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, Set.of("district_id", "student_id", "reason"));
        DistrictId district = fields.read("district_id", DistrictId::of);
        StudentId student = fields.read("student_id", StudentId::of);
        String reason = fields.text("reason");
        fields.complete();
        return fields.build(() -> new UnlinkStudentRecord(region, person, district, student, reason, source));
    }

    private interface ItemReader {
        void read(JsonNode item, String at);
    }

    private static void forEach(FieldReader fields, JsonNode list, String field, ItemReader reader) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray() || list.size() > MAX_LIST) {
            fields.addProblem(new InvalidValueException(field, null, "must be a list of at most " + MAX_LIST + " objects"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = field + "[" + i + "]";
            if (!item.isObject()) {
                fields.addProblem(new InvalidValueException(at, null, "must be an object"));
                continue;
            }
            fields.attempt(() -> {
                reader.read(item, at);
                return null;
            });
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("\\d{1,9}")) {
            throw new InvalidValueException(field, value, "is not a whole number");
        }
        return Integer.parseInt(value.trim());
    }

    private static String required(String field, String value, int maxLength) {
        Checks.required(field, value);
        return Codes.text(field, value, maxLength);
    }

    static InvalidRequestException invalid(InvalidValueException problem) {
        return new InvalidRequestException(List.of(problem));
    }
}
