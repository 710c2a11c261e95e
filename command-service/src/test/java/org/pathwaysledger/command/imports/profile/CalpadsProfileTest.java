package org.pathwaysledger.command.imports.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathwaysledger.command.imports.ImportKind;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.command.imports.profile.Conversions.content;
import static org.pathwaysledger.command.imports.profile.Conversions.file;
import static org.pathwaysledger.command.imports.profile.Conversions.messages;
import static org.pathwaysledger.command.imports.profile.Conversions.rows;
import static org.pathwaysledger.command.imports.profile.Conversions.samples;

class CalpadsProfileTest {

    private static final MappingProfile CALPADS = Conversions.BUILT_IN.named("calpads").orElseThrow();

    @TempDir
    Path sources;
    @TempDir
    Path output;

    @Test
    void the_sample_extracts_become_the_canonical_files_of_the_sample_region() {
        ConversionResult result = CALPADS.convert("EXAMPLE-USD", samples("calpads"), output);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.canonicalFiles()).containsOnlyKeys(ImportKind.STUDENTS, ImportKind.PATHWAY_ENROLLMENTS,
                ImportKind.COURSE_COMPLETIONS, ImportKind.WBL_PLACEMENTS, ImportKind.MILESTONES);
        assertThat(result.canonicalFiles().get(ImportKind.STUDENTS)).isEqualTo(output.resolve("students.csv"));
        assertThat(content(result, ImportKind.STUDENTS)).isEqualTo(rows(
                "district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,state_student_id,races,english_learner,disability,"
                        + "economically_disadvantaged,foster,homeless,migrant,military_connected,effective_date,first_name,last_name",
                "EXAMPLE-USD,S1001,2010-04-17,HS-1,10,F,Y,9900001001,WHITE,Y,N,Y,N,N,N,N,2025-08-15,Maria,Example",
                "EXAMPLE-USD,S1002,2010-09-02,HS-1,10,M,N,9900001002,ASIAN;WHITE,N,N,N,N,N,N,N,2025-08-15,Kenji,Sample",
                "EXAMPLE-USD,S1003,2009-01-30,HS-1,11,X,N,9900001003,BLACK,N,Y,Y,N,N,N,Y,2025-08-15,Riley,Specimen",
                "EXAMPLE-USD,S1004,2008-11-11,HS-1,12,U,Y,9900001004,AIAN;NHPI,N,N,N,Y,N,N,N,2025-08-15,Avery,Placeholder"));
        assertThat(content(result, ImportKind.PATHWAY_ENROLLMENTS)).isEqualTo(rows(
                "district_id,student_id,pathway_id,school_id,entry_date,exit_date,exit_reason",
                "EXAMPLE-USD,S1001,HEALTH-MED-ASSIST,HS-1,2025-07-01,,",
                "EXAMPLE-USD,S1003,HEALTH-MED-ASSIST,HS-1,2024-07-01,,",
                "EXAMPLE-USD,S1003,HEALTH-MED-ASSIST,HS-1,2025-07-01,,",
                "EXAMPLE-USD,S1004,HEALTH-MED-ASSIST,HS-1,2025-07-01,2026-06-30,COMPLETED"));
        assertThat(content(result, ImportKind.COURSE_COMPLETIONS)).isEqualTo(rows(
                "district_id,student_id,course_id,school_year,term,course_title,cte,credits_attempted,credits_earned,mark,"
                        + "college_credit_type,college_id,college_course_id,college_credits",
                "EXAMPLE-USD,S1001,HLTH-1,2025-26,FY,Health Careers I,Y,10.00,10.00,B+,,,,",
                "EXAMPLE-USD,S1002,ENG-10,2025-26,FY,English 10,N,10.00,10.00,B,,,,",
                "EXAMPLE-USD,S1003,HLTH-1,2024-25,FY,Health Careers I,Y,10.00,10.00,A,,,,",
                "EXAMPLE-USD,S1003,HLTH-2,2025-26,S1,\"Medical Terminology, Dual Enrollment\",Y,5.00,5.00,A-,DUAL,EXAMPLE-CC,HLTH-101,3.0",
                "EXAMPLE-USD,S1004,HLTH-2,2025-26,S1,\"Medical Terminology, Dual Enrollment\",Y,5.00,5.00,P,DUAL,EXAMPLE-CC,HLTH-101,3.0"));
        assertThat(content(result, ImportKind.WBL_PLACEMENTS)).isEqualTo(rows(
                "district_id,student_id,placement_id,activity_type,start_date,hours,calpads_wbl_type",
                "EXAMPLE-USD,S1003,WBL-9001,INTERNSHIP,2025-07-01,120,10",
                "EXAMPLE-USD,S1001,WBL-9003,SIMULATED,2025-07-01,8,20"));
        assertThat(content(result, ImportKind.MILESTONES)).isEqualTo(rows(
                "district_id,student_id,milestone,date,institution_id,detail",
                "EXAMPLE-USD,S1004,HS_DIPLOMA,2026-06-05,HS-1,Standard high school diploma"));
    }

    @Test
    void an_unknown_gender_code_is_refused_naming_the_position_the_value_and_the_codes_accepted() {
        List<SourceFile> files = List.of(
                file(sources, "SINF.txt", sinf("S2001", "20100417", "F"), sinf("S2002", "20100101", "Q")),
                file(sources, "SENR.txt", senr("S2001", "10"), senr("S2002", "10")));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly(
                "SINF.txt line 2, column position 14 (Student Gender Code): 'Q' is not a CALPADS gender code; use F, M, X or N");
        assertThat(content(result, ImportKind.STUDENTS)).contains("S2001").doesNotContain("S2002");
    }

    @Test
    void an_impossible_or_missing_birth_date_is_refused() {
        List<SourceFile> files = List.of(
                file(sources, "SINF.txt", sinf("S2001", "20101345", "F"), sinf("S2002", "", "M"), sinf("S2003", "20100101", "M")),
                file(sources, "SENR.txt", senr("S2001", "10"), senr("S2002", "10"), senr("S2003", "10")));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly(
                "SINF.txt line 1, column position 13 (Student Birth Date): '20101345' is not a date in the form YYYYMMDD",
                "SINF.txt line 2, column position 13 (Student Birth Date): is empty; it gives birth_date, which every students row needs");
        assertThat(content(result, ImportKind.STUDENTS).lines().skip(1).toList())
                .containsExactly("EXAMPLE-USD,S2003,2010-01-01,HS-1,10,M,N,9900002003,WHITE,,,,,,,,2025-08-15,Test,Student");
    }

    @Test
    void a_file_the_profile_does_not_read_is_reported_with_the_file_names_it_accepts() {
        List<SourceFile> files = List.of(file(sources, "roster.csv", "student,grade"));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly("roster.csv line 0: is not a file the calpads profile reads; "
                + "it reads files whose names start with SENR, SINF, SPRG, SELA, SCTE, SCSC or WBLR");
        assertThat(result.canonicalFiles()).isEmpty();
    }

    @Test
    void student_information_without_the_enrolments_that_give_grade_levels_cannot_be_converted() {
        ConversionResult result = CALPADS.convert("EXAMPLE-USD", List.of(file(sources, "SINF.txt", sinf("S2001", "20100417", "F"))), output);

        assertThat(messages(result)).containsExactly("SINF.txt line 0: cannot be converted alone: its rows need "
                + "grade_level (from SENR); convert it together with those files");
    }

    @Test
    void a_student_missing_from_the_enrolments_is_refused_and_the_others_converted() {
        List<SourceFile> files = List.of(
                file(sources, "SINF.txt", sinf("S2001", "20100417", "F"), sinf("S2002", "20100417", "F")),
                file(sources, "SENR.txt", senr("S2001", "10")));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly("SINF.txt line 2, column grade_level: is required, and no SENR record of "
                + "student 'S2002' gives it; include the student's SENR record");
        assertThat(result.warnings()).containsExactly("No SPRG file was given: the students rows carry no economically_disadvantaged, "
                + "foster, homeless, migrant, military_connected, disability (a flag not given reads as N)",
                "No SELA file was given: the students rows carry no english_learner (a flag not given reads as N)");
    }

    @Test
    void a_pathway_code_the_region_does_not_list_is_refused() {
        List<SourceFile> files = List.of(file(sources, "SCTE.txt",
                "SCTE^A^R1^0199999^9990001^2025-2026^9900002001^S2001^999^"));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly(
                "SCTE.txt line 1, column position 9 (CTE Pathway Code): '999' is not a CTE pathway code this region offers; use 173");
    }

    @Test
    void a_file_that_is_not_caret_delimited_is_refused_record_by_record() {
        List<SourceFile> files = List.of(file(sources, "SCTE.txt", "SCTE,A,R1,0199999,9990001,2025-2026,9900002001,S2001,173,"));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(messages(result)).containsExactly("SCTE.txt line 1: the record has 1 field separated by '^' but the SCTE layout "
                + "reads fields up to position 10 (CTE Pathway Completion Academic Year ID); check that this is a SCTE file delimited by '^'");
    }

    @Test
    void the_english_learner_status_with_the_latest_start_date_counts() {
        List<SourceFile> files = List.of(
                file(sources, "SINF.txt", sinf("S2001", "20100417", "F")),
                file(sources, "SENR.txt", senr("S2001", "10")),
                file(sources, "SELA.txt",
                        "SELA^A^L2^0199999^9990001^2025-2026^9900002001^S2001^RFEP^20240515^01",
                        "SELA^A^L1^0199999^9990001^2025-2026^9900002001^S2001^EL^20190901^01"));

        ConversionResult result = CALPADS.convert("EXAMPLE-USD", files, output);

        assertThat(result.errors()).isEmpty();
        assertThat(content(result, ImportKind.STUDENTS).lines().toList()).containsExactly(
                "district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,state_student_id,races,english_learner,disability,"
                        + "economically_disadvantaged,foster,homeless,migrant,military_connected,effective_date,first_name,last_name",
                "EXAMPLE-USD,S2001,2010-04-17,HS-1,10,F,N,9900002001,WHITE,N,,,,,,,2025-08-15,Test,Student");
    }

    @Test
    void a_large_student_information_extract_converts_record_by_record() throws IOException {
        int students = 200_000;
        Path sinf = sources.resolve("SINF_LARGE.txt");
        Path senr = sources.resolve("SENR_LARGE.txt");
        try (BufferedWriter sinfOut = Files.newBufferedWriter(sinf); BufferedWriter senrOut = Files.newBufferedWriter(senr)) {
            for (int i = 0; i < students; i++) {
                String student = "L" + i;
                sinfOut.write(sinf(student, "20100417", i % 2 == 0 ? "F" : "M") + "\r\n");
                senrOut.write(senr(student, "09") + "\r\n");
            }
        }

        ConversionResult result = CALPADS.convert("EXAMPLE-USD",
                List.of(new SourceFile("SINF_LARGE.txt", sinf), new SourceFile("SENR_LARGE.txt", senr)), output);

        assertThat(result.errors()).isEmpty();
        try (var lines = Files.lines(result.canonicalFiles().get(ImportKind.STUDENTS))) {
            assertThat(lines.count()).isEqualTo(students + 1);
        }
    }

    /** A SINF record of the profile's layout: one White, non-Hispanic student at the sample high school. */
    private static String sinf(String student, String birthDate, String gender) {
        return String.join("^", "SINF", "A", "R-" + student, "0199999", "9990001", "2025-2026", ssid(student), student,
                "Test", "", "Student", "", birthDate, gender, "", "CA", "US", "20250815", "N", "N", "700", "", "", "", "", "N");
    }

    private static String senr(String student, String grade) {
        return String.join("^", "SENR", "A", "E-" + student, "0199999", "9990001", "2025-2026", ssid(student), student,
                "Test", "Student", "20100417", "F", "20250820", "10", grade, "", "", "", "", "");
    }

    private static String ssid(String student) {
        return "99000" + String.format("%05d", Integer.parseInt(student.substring(1)));
    }
}
