package org.pathwaysledger.command.imports.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathwaysledger.command.imports.ImportKind;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.command.imports.profile.Conversions.content;
import static org.pathwaysledger.command.imports.profile.Conversions.file;
import static org.pathwaysledger.command.imports.profile.Conversions.messages;
import static org.pathwaysledger.command.imports.profile.Conversions.rows;
import static org.pathwaysledger.command.imports.profile.Conversions.samples;

class EdFiProfileTest {

    private static final MappingProfile ED_FI = Conversions.BUILT_IN.named("ed-fi").orElseThrow();

    @TempDir
    Path sources;
    @TempDir
    Path output;

    @Test
    void the_sample_resources_become_the_canonical_files_of_the_sample_region() {
        ConversionResult result = ED_FI.convert("EXAMPLE-USD", samples("ed-fi"), output);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.canonicalFiles()).containsOnlyKeys(ImportKind.STUDENTS, ImportKind.PATHWAY_ENROLLMENTS, ImportKind.COURSE_COMPLETIONS);
        assertThat(content(result, ImportKind.STUDENTS)).isEqualTo(rows(
                "district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,state_student_id,races,english_learner,disability,"
                        + "economically_disadvantaged,foster,homeless,migrant,military_connected,single_parent,first_name,last_name",
                "EXAMPLE-USD,S1001,2010-04-17,HS-1,10,F,Y,9900001001,WHITE,Y,N,Y,N,N,N,N,N,Maria,Example",
                "EXAMPLE-USD,S1002,2010-09-02,HS-1,10,M,N,9900001002,ASIAN;WHITE,N,N,N,N,N,Y,N,N,Kenji,Sample",
                "EXAMPLE-USD,S1003,2009-01-30,HS-1,11,X,N,9900001003,BLACK,N,Y,Y,N,N,N,Y,N,Riley,Specimen",
                "EXAMPLE-USD,S1004,2008-11-11,HS-1,12,U,Y,9900001004,AIAN;NHPI,N,N,N,Y,Y,N,N,N,Avery,Placeholder"));
        assertThat(content(result, ImportKind.PATHWAY_ENROLLMENTS)).isEqualTo(rows(
                "district_id,student_id,pathway_id,school_id,entry_date,exit_date,exit_reason",
                "EXAMPLE-USD,S1001,HEALTH-MED-ASSIST,HS-1,2025-08-20,,",
                "EXAMPLE-USD,S1002,HEALTH-MED-ASSIST,HS-1,2025-08-20,2026-01-30,TRANSFERRED",
                "EXAMPLE-USD,S1003,HEALTH-MED-ASSIST,HS-1,2024-08-21,,",
                "EXAMPLE-USD,S1004,HEALTH-MED-ASSIST,HS-1,2024-08-21,2026-06-05,COMPLETED"));
        assertThat(content(result, ImportKind.COURSE_COMPLETIONS)).isEqualTo(rows(
                "district_id,student_id,course_id,school_year,term,course_title,grade_level,credits_attempted,credits_earned,mark,"
                        + "college_credit_type,college_id,college_course_id,college_credits",
                "EXAMPLE-USD,S1001,HLTH-1,2025-26,FY,Health Careers I,10,10.0,10.0,B+,,,,",
                "EXAMPLE-USD,S1003,HLTH-1,2024-25,FY,Health Careers I,10,10.0,10.0,A,,,,",
                "EXAMPLE-USD,S1003,HLTH-2,2025-26,S1,\"Medical Terminology, Dual Enrollment\",11,5.0,5.0,A-,DUAL,EXAMPLE-CC,HLTH-101,3.0"));
    }

    @Test
    void an_unknown_descriptor_is_refused_naming_the_property_the_value_and_the_code_values_accepted() {
        List<SourceFile> files = List.of(
                file(sources, "Student.json", "[", student("S2001"), "]"),
                file(sources, "StudentSchoolAssociation.json", "[", schoolAssociation("S2001"), "]"),
                file(sources, "StudentEducationOrganizationAssociation.json", "[",
                        "{\"studentReference\": {\"studentUniqueId\": \"S2001\"}, \"hispanicLatinoEthnicity\": false,",
                        " \"sexDescriptor\": \"uri://ed-fi.org/SexDescriptor#Unknown\"}", "]"));

        ConversionResult result = ED_FI.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly(
                "StudentEducationOrganizationAssociation.json line 2, column sexDescriptor: 'uri://ed-fi.org/SexDescriptor#Unknown' "
                        + "is not a SexDescriptor; use Female, Male, Non-binary or Not Selected",
                "Student.json line 2, column sex: is required, and no StudentEducationOrganizationAssociation record of student 'S2001' "
                        + "gives it; include the student's StudentEducationOrganizationAssociation record");
    }

    @Test
    void an_impossible_birth_date_is_refused() {
        List<SourceFile> files = List.of(
                file(sources, "Student.json", "[", "{\"studentUniqueId\": \"S2001\", \"birthDate\": \"2010-02-30\"}", "]"),
                file(sources, "StudentSchoolAssociation.json", "[", schoolAssociation("S2001"), "]"),
                file(sources, "StudentEducationOrganizationAssociation.json", "[",
                        "{\"studentReference\": {\"studentUniqueId\": \"S2001\"}, \"hispanicLatinoEthnicity\": false, \"sexDescriptor\": \"Female\"}", "]"));

        ConversionResult result = ED_FI.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly("Student.json line 2, column birthDate: '2010-02-30' is not a date in the form YYYY-MM-DD");
    }

    @Test
    void a_file_that_is_not_a_json_array_of_resources_is_refused() {
        List<SourceFile> files = List.of(file(sources, "CourseTranscript.json", "{\"value\": []}"));

        ConversionResult result = ED_FI.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly("CourseTranscript.json line 1: the file is not a JSON array; export the "
                + "CourseTranscript resources as the Ed-Fi API returns them, a JSON array of objects");
    }

    @Test
    void an_ed_fi_resource_the_profile_does_not_read_is_reported() {
        List<SourceFile> files = List.of(file(sources, "StudentParentAssociation.json", "[]"));

        ConversionResult result = ED_FI.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).singleElement().asString()
                .startsWith("StudentParentAssociation.json line 0: is not a file the ed-fi profile reads; it reads files whose names start with Student., ");
    }

    private static String student(String id) {
        return "{\"studentUniqueId\": \"" + id + "\", \"birthDate\": \"2010-04-17\", \"firstName\": \"Test\", \"lastSurname\": \"Student\"}";
    }

    private static String schoolAssociation(String id) {
        return "{\"studentReference\": {\"studentUniqueId\": \"" + id + "\"}, \"schoolReference\": {\"schoolId\": 255901001},"
                + " \"entryDate\": \"2025-08-20\", \"entryGradeLevelDescriptor\": \"uri://ed-fi.org/GradeLevelDescriptor#Tenth grade\"}";
    }
}
