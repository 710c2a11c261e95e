package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.expectAccepted;

/**
 * A district submits its canonical CSV files (the shipped examples) and a dirty file: every good row lands, every
 * bad row is reported with its line, column, value and fix, and re-submitting the same files adds nothing.
 */
class DistrictImportTest {

    static final Path EXAMPLES = Path.of("..", "examples", "imports");
    static final List<String> KINDS = List.of("students", "pathway_enrollments", "course_completions", "wbl_placements",
            "credentials", "milestones");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Platform.Ports.random());
        String region = platform.commandUrl() + "/api/v1/regions/EXAMPLE-REGION";
        expectAccepted(Api.put(region, "{\"name\": \"Example region\"}"));
        expectAccepted(Api.put(region + "/members/EXAMPLE-USD", "{\"kind\": \"K12_DISTRICT\"}"));
        expectAccepted(Api.put(region + "/members/EXAMPLE-CC", "{\"kind\": \"COLLEGE\"}"));
        expectAccepted(Api.put(region + "/pathways/HEALTH-MED-ASSIST", "{\"name\": \"Medical Assisting\"}"));
        for (String district : List.of("EXAMPLE-USD", "CALPADS-USD", "EDFI-USD")) {
            expectAccepted(Api.put(region + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}"));
            expectAccepted(Api.put(region + "/agreements/MOU-" + district, """
                    {"kind": "DUAL_ENROLLMENT", "district_id": "%s", "college_id": "EXAMPLE-CC", "college_course_ids": ["HLTH-101"],
                     "effective_from": "2024-07-01", "effective_to": "2028-06-30"}""".formatted(district)));
        }
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @Test
    void the_example_files_of_every_kind_import_cleanly_and_resubmitting_them_three_times_adds_nothing() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        // Sent in reverse dependency order on purpose: the platform reads students first.
        for (int i = KINDS.size() - 1; i >= 0; i--) {
            String kind = KINDS.get(i);
            files.put(kind + ".csv", Files.readAllBytes(EXAMPLES.resolve(kind + ".csv")));
        }

        JsonNode first = finished(submit("EXAMPLE-USD", files, ""));

        assertThat(first.get("status").asText()).isEqualTo("DONE");
        assertThat(first.get("rowsRejected").asLong()).as(errorsOf(first)).isZero();
        assertThat(first.get("rowsRead").asLong()).isEqualTo(15);
        assertThat(first.get("rowsAccepted").asLong()).isEqualTo(15);
        assertThat(first.get("files").get(0).asText()).isEqualTo("students.csv (students)");

        JsonNode journey = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/S1003"),
                answer -> answer.status() == 200 && answer.body().get("timeline").size() == 12, "S1003's journey").body();
        List<String> types = new ArrayList<>();
        journey.get("timeline").forEach(step -> types.add(step.get("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("StudentRegistered", "StudentEnrolledInPathway", "CourseCompleted", "PathwayStatusReached",
                "CollegeCreditEarned", "CourseCompleted", "PathwayStatusReached", "WorkBasedLearningLogged", "IndustryCredentialEarned",
                "HighSchoolCompleted", "PostsecondaryEnrolled", "QuarterlyWageRecorded");
        assertThat(journey.get("timeline").get(0).get("detail").get("source").get("reference").asText())
                .isEqualTo(first.get("importId").asText() + "/students.csv#4");
        // Another student, maybe on another partition: awaited in its own right.
        JsonNode transferred = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/S1002"),
                answer -> answer.status() == 200 && answer.body().get("pathways").size() >= 1
                        && answer.body().get("pathways").get(0).hasNonNull("exitReason"), "S1002's exit").body();
        assertThat(transferred.get("pathways").get(0).get("exitReason").asText()).isEqualTo("TRANSFERRED");

        for (int resubmission = 1; resubmission <= 3; resubmission++) {
            JsonNode again = finished(submit("EXAMPLE-USD", files, ""));
            assertThat(again.get("rowsRead").asLong()).isEqualTo(15);
            assertThat(again.get("rowsAccepted").asLong()).as("events added by resubmission " + resubmission).isZero();
            assertThat(again.get("rowsUnchanged").asLong()).isEqualTo(15);
        }
        Thread.sleep(1_000);
        assertThat(Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/S1003").body().get("timeline")).hasSize(12);
    }

    @Test
    void a_dirty_file_yields_exact_row_errors_and_every_good_row_is_imported() throws Exception {
        String dirty = "\uFEFF" + String.join("\r\n",
                "District_ID,student_id,birth_date,school_id,grade_level,sex,hispanic,races,favourite_colour",
                "EXAMPLE-USD,D-GOOD-1,2010-01-05,HS-1,09,F,N,WHITE,blue",
                "EXAMPLE-USD,D-BAD-RACE,2010-01-05,HS-1,09,F,N,Hisp,red",
                "EXAMPLE-USD,D-BAD-DATE,17/04/2010,HS-1,09,M,N,ASIAN,red",
                "OTHER-USD,D-OTHER,2010-01-05,HS-1,09,M,N,ASIAN,red",
                "EXAMPLE-USD,D-GOOD-1,2010-01-05,HS-1,09,F,N,WHITE,blue",
                "EXAMPLE-USD,D-QUOTE,2010-01-05,HS\"1,09,F,N,WHITE,green",
                "EXAMPLE-USD,D-SHORT,2010-01-05,HS-1,09",
                "\"EXAMPLE-USD\",\"D-GOOD-2\",\"2010-02-06\",\"HS-1\",\"10\",\"U\",\"Y\",\"\",\"a, quoted comma\"") + "\r\n";
        String enrolments = String.join("\n",
                "district_id,student_id,pathway_id,school_id,entry_date,exit_date,exit_reason",
                "EXAMPLE-USD,D-GOOD-1,HEALTH-MED-ASSIST,HS-1,2025-08-20,,",
                "EXAMPLE-USD,NOBODY,HEALTH-MED-ASSIST,HS-1,2025-08-20,,",
                "EXAMPLE-USD,D-GOOD-2,HEALTH-MED-ASSIST,HS-1,2025-08-20,2025-08-01,MOVED",
                "EXAMPLE-USD,D-GOOD-2,NOT-A-PATHWAY,HS-1,2025-08-20,,") + "\n";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("students_dirty.csv", dirty.getBytes(StandardCharsets.UTF_8));
        files.put("pathway_enrollments_dirty.csv", enrolments.getBytes(StandardCharsets.UTF_8));
        files.put("credentials_no_date.csv", "district_id,student_id,credential_id\nEXAMPLE-USD,D-GOOD-1,CPR\n".getBytes(StandardCharsets.UTF_8));
        files.put("milestones_latin1.csv", "district_id,student_id,milestone,date,detail\nEXAMPLE-USD,D-GOOD-1,HS_DIPLOMA,2029-06-01,Diplôme\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        JsonNode status = finished(submit("EXAMPLE-USD", files, ""));
        List<String> errors = errorLines(status);

        assertThat(errors).containsExactly(
                "students_dirty.csv line 3, column races: 'Hisp' is not a race code; use AIAN, ASIAN, BLACK, NHPI, WHITE or MENA, and hispanic=Y for Hispanic or Latino",
                "students_dirty.csv line 4, column birth_date: '17/04/2010' is not a date; use YYYY-MM-DD, e.g. 2025-08-20",
                "students_dirty.csv line 5, column district_id: 'OTHER-USD' is not the submitting district EXAMPLE-USD; send each district's rows in that district's own submission",
                "students_dirty.csv line 7, column school_id: 'HS\"1' is not a valid identifier; use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                "students_dirty.csv line 8: the row has 5 fields but the header has 9; check for an unquoted comma or a missing cell",
                "pathway_enrollments_dirty.csv line 3, column student_id: 'NOBODY' is not registered in district EXAMPLE-USD; include the student in the students file of this submission, or register them first",
                "pathway_enrollments_dirty.csv line 4, column exit_date: '2025-08-01' is before entry_date 2025-08-20; an exit cannot come before the entry",
                "pathway_enrollments_dirty.csv line 5, column pathway_id: 'NOT-A-PATHWAY' is not in the pathway catalogue of region EXAMPLE-REGION; use a pathway id the region has defined",
                "credentials_no_date.csv line 1, column earned_date: is missing from the header; a credentials file needs the columns district_id, student_id, credential_id, earned_date (missing: earned_date); nothing in this file was imported",
                "milestones_latin1.csv line 2: the file is not UTF-8 text; export it as CSV UTF-8 (in Excel: Save As, CSV UTF-8 (Comma delimited)); the rest of this file was not read");
        assertThat(status.get("warnings").toString()).contains("students_dirty.csv: column 'favourite_colour' is not part of the students format and was ignored");
        assertThat(status.get("rowsAccepted").asLong()).isEqualTo(3);
        assertThat(status.get("rowsUnchanged").asLong()).isEqualTo(1);
        // The query service's journeys follow the topics: seen there within seconds, not at the moment the import is done.
        await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/D-GOOD-2"), answer -> answer.status() == 200, "D-GOOD-2 registered");
        await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/D-GOOD-1"),
                answer -> answer.status() == 200 && answer.body().get("pathways").size() == 1, "D-GOOD-1 enrolled");
    }

    @Test
    void hundreds_of_rows_of_one_kind_reach_the_journeys_whole() throws Exception {
        // Polls of hundreds of rows of one kind, which the journeys projection sends by COPY (runs of 200+), jsonb columns included.
        int count = 600;
        StringBuilder students = new StringBuilder("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races\n");
        StringBuilder enrolments = new StringBuilder("district_id,student_id,pathway_id,school_id,entry_date,exit_date,exit_reason\n");
        for (int i = 1; i <= count; i++) {
            students.append("EXAMPLE-USD,COPY-").append(i).append(",2010-0").append(1 + i % 9).append("-1").append(i % 10)
                    .append(",HS-1,09,").append(i % 2 == 0 ? "F" : "M").append(",").append(i % 3 == 0 ? "Y" : "N").append(",WHITE\n");
            enrolments.append("EXAMPLE-USD,COPY-").append(i).append(",HEALTH-MED-ASSIST,HS-1,2025-08-1").append(i % 10).append(",,\n");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("students.csv", students.toString().getBytes(StandardCharsets.UTF_8));
        files.put("pathway_enrollments.csv", enrolments.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode status = finished(submit("EXAMPLE-USD", files, ""));
        assertThat(status.get("rowsRejected").asLong()).as(errorsOf(status)).isZero();
        assertThat(status.get("rowsAccepted").asLong()).isEqualTo(2L * count);

        await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/pathway-students?pathway=HEALTH-MED-ASSIST"), answer -> {
            long copied = 0;
            for (JsonNode student : answer.body().get("students")) {
                copied += student.get("studentId").asText().startsWith("COPY-") ? 1 : 0;
            }
            return copied == count;
        }, "all " + count + " enrolled students");
        for (int i : new int[]{1, 299, 600}) {
            JsonNode journey = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/COPY-" + i),
                    answer -> answer.status() == 200 && answer.body().get("timeline").size() == 2, "COPY-" + i + "'s journey").body();
            assertThat(journey.get("current").get("birthDate").asText()).isEqualTo("2010-0" + (1 + i % 9) + "-1" + (i % 10));
            assertThat(journey.get("current").get("demographics").toString()).contains(i % 3 == 0 ? "\"hispanic\":true" : "\"hispanic\":false");
            assertThat(journey.get("pathways").get(0).get("entryDate").asText()).isEqualTo("2025-08-1" + (i % 10));
            List<String> references = new ArrayList<>();
            journey.get("timeline").forEach(step -> references.add(step.get("type").asText() + " " + step.get("detail").get("source").get("reference").asText()));
            assertThat(references).containsExactlyInAnyOrder(
                    "StudentRegistered " + status.get("importId").asText() + "/students.csv#" + (i + 1),
                    "StudentEnrolledInPathway " + status.get("importId").asText() + "/pathway_enrollments.csv#" + (i + 1));
        }
    }

    @Test
    void a_dry_run_validates_without_writing_and_wrong_requests_are_refused_clearly() throws Exception {
        Map<String, byte[]> files = Map.of("students.csv", ("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic\n"
                + "EXAMPLE-USD,DRY-1,2010-01-05,HS-1,09,F,N\nEXAMPLE-USD,DRY-2,2010-01-05,HS-1,9th,F,N\n").getBytes(StandardCharsets.UTF_8));

        JsonNode dry = finished(submit("EXAMPLE-USD", files, "?dryRun=true"));

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("rowsAccepted").asLong()).isEqualTo(1);
        assertThat(errorLines(dry)).containsExactly("students.csv line 3, column grade_level: '9th' is not a grade level; use KG, 01 to 12, or AD for adult education");
        Thread.sleep(1_000);
        assertThat(Api.get(platform.queryUrl() + "/api/v1/districts/EXAMPLE-USD/students/DRY-1").status()).isEqualTo(404);

        HttpResponse<String> noKind = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl() + "/api/v1/districts/EXAMPLE-USD/imports"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a,b\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKind.statusCode()).isEqualTo(400);
        assertThat(noKind.body()).contains("name the file after its kind");

        HttpResponse<String> body = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl() + "/api/v1/districts/EXAMPLE-USD/imports?kind=students"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(
                        "district_id,student_id,birth_date,school_id,grade_level,sex,hispanic\nEXAMPLE-USD,BODY-1,2010-01-05,HS-1,09,F,N\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(body.statusCode()).isEqualTo(202);
        assertThat(body.headers().firstValue("Location").orElseThrow()).startsWith("/api/v1/imports/imp-");
        assertThat(finished(JSON.readTree(body.body())).get("rowsAccepted").asLong()).isEqualTo(1);

        assertThat(Api.get(platform.commandUrl() + "/api/v1/imports/imp-unknown").status()).isEqualTo(404);
    }

    @Test
    void the_command_line_client_uploads_a_folder_follows_the_progress_and_exits_non_zero_on_rejected_rows() throws Exception {
        ByteArrayOutputStream examplesOut = new ByteArrayOutputStream();
        int examples = ImportClient.run(new String[]{"--url", platform.commandUrl(), "--district", "EXAMPLE-USD", "--fail-on-rejected",
                EXAMPLES.toString()}, new java.io.PrintStream(examplesOut, true, StandardCharsets.UTF_8), System.err, false);

        assertThat(examples).isEqualTo(ImportClient.DONE);
        assertThat(examplesOut.toString(StandardCharsets.UTF_8)).contains("Submitted 6 file(s) as import imp-")
                .contains("[####################] 100.0% DONE").contains("DONE: 15 rows read");

        Path folder = Files.createTempDirectory("nightly-");
        Files.writeString(folder.resolve("students.csv"), "district_id,student_id,birth_date,school_id,grade_level,sex,hispanic\n"
                + "EXAMPLE-USD,CLI-1,2010-01-05,HS-1,09,F,N\nEXAMPLE-USD,CLI-2,2010-01-05,HS-1,09,Q,N\n");
        ByteArrayOutputStream dirtyOut = new ByteArrayOutputStream();
        int dirty = ImportClient.run(new String[]{"--district", "EXAMPLE-USD", "--url", platform.commandUrl(), "--fail-on-rejected",
                folder.toString()}, new java.io.PrintStream(dirtyOut, true, StandardCharsets.UTF_8), System.err, false);

        assertThat(dirty).isEqualTo(ImportClient.REJECTED_ROWS);
        assertThat(dirtyOut.toString(StandardCharsets.UTF_8))
                .contains("DONE: 2 rows read, 1 accepted, 0 unchanged, 1 rejected")
                .contains("students.csv line 3, column sex: 'Q' is not a sex code; use F, M, X (non-binary) or U (not selected)");
        assertThat(ImportClient.run(new String[]{"--district", "EXAMPLE-USD"}, System.out, new java.io.PrintStream(new ByteArrayOutputStream()), false))
                .isEqualTo(ImportClient.USAGE);
    }

    @Test
    void a_districts_own_calpads_and_ed_fi_exports_import_through_their_mapping_profiles() throws Exception {
        for (String[] profile : new String[][]{{"calpads", "CALPADS-USD"}, {"ed-fi", "EDFI-USD"}}) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (var listing = Files.list(EXAMPLES.resolve(profile[0]))) {
                for (Path file : listing.sorted().toList()) {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }

            JsonNode status = finished(submit(profile[1], files, "?profile=" + profile[0]));

            assertThat(status.get("status").asText()).isEqualTo("DONE");
            assertThat(status.get("rowsRejected").asLong()).as(profile[0] + ": " + errorsOf(status)).isZero();
            assertThat(status.get("rowsAccepted").asLong()).as(profile[0]).isGreaterThan(10);
            assertThat(status.get("files").get(0).asText()).isEqualTo("students.csv from " + profile[0] + " (students)");
            JsonNode journey = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + profile[1] + "/students/S1001"),
                    answer -> answer.status() == 200 && answer.body().get("pathways").size() == 1, profile[0] + " S1001's journey").body();
            assertThat(journey.get("current").get("birthDate").asText()).isEqualTo("2010-04-17");
            assertThat(journey.get("pathways").get(0).get("pathwayId").asText()).isEqualTo("HEALTH-MED-ASSIST");
        }

        Map<String, byte[]> wrong = Map.of("SINF_X.txt", "SINF^A^1^2^3\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> unknownProfile = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl()
                        + "/api/v1/districts/EXAMPLE-USD/imports?profile=powerschool"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.csv\"\r\n\r\na\r\n--b--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownProfile.statusCode()).isEqualTo(400);
        assertThat(unknownProfile.body()).contains("'powerschool' is not a mapping profile; use one of ");
        assertThat(wrong).isNotEmpty();
    }

    @Test
    void a_million_row_file_streams_through_with_flat_memory_and_its_one_bad_row_reported() throws Exception {
        // Dry run: the reading, parsing and checking of every row, without the write path (whose speed is a benchmark).
        Path file = Files.createTempFile("pathways-million-", ".csv");
        int rows = 1_000_000;
        try {
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races,english_learner\n");
                for (int i = 1; i < rows; i++) {
                    out.write("EXAMPLE-USD,M" + i + ",2010-0" + (1 + i % 9) + "-1" + (i % 10) + ",HS-" + (i % 20) + ",09,"
                            + (i % 2 == 0 ? "F" : "M") + ",N,WHITE," + (i % 5 == 0 ? "Y" : "N") + "\n");
                }
                out.write("EXAMPLE-USD,M-LAST,2010-02-30,HS-1,09,F,N,WHITE,N\n");
            }
            long baseline = liveHeapAfterCollection();

            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl()
                            + "/api/v1/districts/EXAMPLE-USD/imports?kind=students&dryRun=true"))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String url = platform.commandUrl() + "/api/v1/imports/" + JSON.readTree(response.body()).get("importId").asText();

            long peak = baseline;
            JsonNode status;
            long deadline = System.currentTimeMillis() + 600_000;
            do {
                Thread.sleep(1_000);
                peak = Math.max(peak, liveHeapAfterCollection());
                status = Api.get(url).body();
            } while (!status.hasNonNull("finishedAt") && System.currentTimeMillis() < deadline);

            assertThat(status.get("status").asText()).isEqualTo("DONE");
            assertThat(status.get("rowsRead").asLong()).isEqualTo(rows);
            assertThat(status.get("rowsAccepted").asLong()).isEqualTo(rows - 1);
            assertThat(errorLines(status)).containsExactly(
                    "students.csv line 1000001, column birth_date: '2010-02-30' is not a date; use YYYY-MM-DD, e.g. 2025-08-20");
            // The file is ~70 MB; held in memory as rows it would take several times that. Streaming keeps the live heap flat.
            assertThat((peak - baseline) / 1_000_000).as("growth of the live heap while 1M rows were read, MB").isLessThan(150);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The heap still in use after a full collection: what the platform holds, not what it has yet to collect. */
    private static long liveHeapAfterCollection() {
        System.gc();
        long used = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private JsonNode submit(String district, Map<String, byte[]> files, String query) throws IOException, InterruptedException {
        String boundary = "pathways-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl() + "/api/v1/districts/" + district + "/imports" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private JsonNode finished(JsonNode submitted) {
        String url = platform.commandUrl() + "/api/v1/imports/" + submitted.get("importId").asText();
        return await(() -> Api.get(url), answer -> answer.body().get("finishedAt") != null && !answer.body().get("finishedAt").isNull(),
                "the import to finish").body();
    }

    private List<String> errorLines(JsonNode status) throws IOException, InterruptedException {
        String csv = HTTP.send(HttpRequest.newBuilder(URI.create(platform.commandUrl() + status.get("errorsCsv").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> lines = new ArrayList<>(Arrays.asList(csv.split("\r\n")));
        assertThat(lines.remove(0)).isEqualTo("file,line,column,value,problem,message");
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            messages.add(lastCell(line));
        }
        return messages;
    }

    /** The message column of an error-report row (the last cell, quoted when it holds commas or quotes). */
    private static String lastCell(String row) {
        if (!row.endsWith("\"")) {
            return row.substring(row.lastIndexOf(',') + 1);
        }
        int start = row.length() - 2;
        while (true) {
            int quote = row.lastIndexOf('"', start);
            if (quote > 0 && row.charAt(quote - 1) == '"') {
                start = quote - 2;
                continue;
            }
            return row.substring(quote + 1, row.length() - 1).replace("\"\"", "\"");
        }
    }

    private String errorsOf(JsonNode status) {
        try {
            return String.join("\n", errorLines(status));
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
