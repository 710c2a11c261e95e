package org.pathwaysledger.command.imports;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.command.eventstore.HandledEvents;
import org.pathwaysledger.command.student.StudentBulkWriter;
import org.pathwaysledger.command.student.StudentCommandRunner;
import org.pathwaysledger.command.student.StudentConfiguration;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.RecordIndustryCredential;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.CredentialId;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's bulk path (StudentBulkWriter): a batch's rows decided on their Students and appended in one go must
 * store what the per-command path stores, stay loadable by Axon's repository, add nothing when re-sent, leave nothing
 * in memory when rolled back, and give way to the per-command path when another writer got there first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=command-service")
class BulkAppendTest {

    static final Demographics DEMOGRAPHICS = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), true, false, true, false, false, false, false, false);
    static final LocalDate FALL = LocalDate.of(2025, 8, 15);
    static final EventSource SOURCE = new EventSource(EventSource.Channel.IMPORT, "imp-test/students.csv#2");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    StudentBulkWriter bulk;
    @Autowired
    StudentCommandRunner perCommand;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportRepository imports;
    @Autowired
    @Qualifier(StudentConfiguration.STUDENT_CACHE)
    Cache students;
    @Autowired
    List<HandledEvents> subscribingSources;

    String suffix;
    String region;

    @BeforeEach
    void region() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        region = "R-BLK-" + suffix;
        send(HttpMethod.PUT, "/api/v1/regions/" + region, "{\"name\": \"Bulk region\"}");
        send(HttpMethod.PUT, "/api/v1/regions/" + region + "/pathways/HEALTH", "{\"name\": \"Health\"}");
    }

    @Test
    void the_bulk_path_stores_the_same_rows_as_the_per_command_path_and_axon_loads_them() {
        DistrictId bulkDistrict = member("D-BULK-" + suffix);
        DistrictId commandDistrict = member("D-CMD-" + suffix);

        List<Boolean> bulkOutcome = inBatch(() -> bulk.decideAndAppend(rows(bulkDistrict)));
        List<Boolean> commandOutcome = inBatch(() -> {
            List<Boolean> outcomes = new ArrayList<>();
            for (List<Object> row : rows(commandDistrict)) {
                boolean any = false;
                for (Object command : row) {
                    any |= Boolean.TRUE.equals(perCommand.run(command));
                }
                outcomes.add(any);
            }
            return outcomes;
        });
        // registered, registered, enrolled, credential, corrected, the same credential again (unchanged), a change
        assertThat(bulkOutcome).containsExactly(true, true, true, true, true, false, true).isEqualTo(commandOutcome);

        assertThat(storedRows(bulkDistrict)).hasSize(6);
        assertSameStoredRows(bulkDistrict, commandDistrict);
        // Identity matching ran for the bulk-appended registrations, in the same transaction.
        assertThat(links(bulkDistrict)).isEqualTo(links(commandDistrict)).isEqualTo(2);

        // Axon's repository loads the bulk-written students from the store (not from memory) and decides on them.
        students.remove(bulkDistrict.value() + "/S1");
        assertThat(commands.<Boolean>sendAndWait(credential(bulkDistrict, "S1", "CPR"))).as("already recorded").isFalse();
        assertThat(commands.<Boolean>sendAndWait(credential(bulkDistrict, "S1", "OSHA-10"))).isTrue();
        assertThat(sequences(bulkDistrict.value() + "/S1")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void a_rolled_back_batch_leaves_nothing_in_memory_and_its_rows_are_recorded_when_sent_again() {
        DistrictId district = member("D-RB-" + suffix);
        assertThat(inBatch(() -> bulk.decideAndAppend(List.of(List.of(registration(district, "S1", "HS1")))))).containsExactly(true);
        String cached = district.value() + "/S1";
        assertThat(students.containsKey(cached)).as("kept after the commit").isTrue();

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            assertThat(bulk.decideAndAppend(List.of(List.of(credential(district, "S1", "CPR")), List.of(registration(district, "S2", "HS1")))))
                    .containsExactly(true, true);
            throw new IllegalStateException("the batch fails after the decisions and the append");
        }, RollbackConfigurationType.ANY_THROWABLE);
        assertThat(result.isExceptional()).isTrue();
        assertThat(students.containsKey(cached)).as("the changed student is evicted").isFalse();
        assertThat(students.containsKey(district.value() + "/S2")).as("the new student was never kept").isFalse();
        assertThat(sequences(cached)).containsExactly(0L);

        assertThat(inBatch(() -> bulk.decideAndAppend(List.of(List.of(credential(district, "S1", "CPR")), List.of(registration(district, "S2", "HS1"))))))
                .as("recorded, not answered unchanged").containsExactly(true, true);
        assertThat(sequences(cached)).containsExactly(0L, 1L);
    }

    @Test
    void resubmitting_a_file_adds_no_events() throws Exception {
        DistrictId district = member("D-RS-" + suffix);
        String studentsFile = studentsCsv(district, 250);
        String enrolments = enrolmentsCsv(district, 250);
        ImportStatus first = importFiles(district, studentsFile, enrolments);
        assertThat(first.rowsAccepted()).isEqualTo(500);
        long events = eventCount(district);
        assertThat(events).isEqualTo(500);

        ImportStatus again = importFiles(district, studentsFile, enrolments);
        assertThat(again.rowsUnchanged()).isEqualTo(500);
        assertThat(again.rowsAccepted()).isZero();
        assertThat(again.rowsRejected()).isZero();
        assertThat(eventCount(district)).isEqualTo(events);
    }

    @Test
    void a_batch_that_conflicts_with_another_writer_is_rolled_back_and_written_per_command() throws Exception {
        DistrictId district = member("D-CF-" + suffix);
        String student = district.value() + "/S1";
        assertThat(inBatch(() -> bulk.decideAndAppend(List.of(List.of(registration(district, "S1", "HS1")))))).containsExactly(true);
        assertThat(students.containsKey(student)).isTrue();
        // Another writer (another instance of the service) records a change the Student kept here does not know of.
        otherWriterChanges(district, "S1", 1);

        assertThatThrownBy(() -> inBatch(() -> bulk.decideAndAppend(List.of(List.of(credential(district, "S1", "CPR"))))))
                .isInstanceOf(StudentBulkWriter.Conflict.class);
        assertThat(students.containsKey(student)).as("evicted with the rolled-back batch").isFalse();
        assertThat(sequences(student)).containsExactly(0L, 1L);

        // Through the import: the kept Student is out of date again, the lane's bulk append conflicts and the batch
        // is written per command, which reads the student from the store: nothing lost, nothing twice.
        inBatch(() -> bulk.decideAndAppend(List.of(List.of(credential(district, "S1", "CPR")))));
        assertThat(students.containsKey(student)).isTrue();
        otherWriterChanges(district, "S1", 3);
        ImportStatus status = importCsv(district, ImportKind.CREDENTIALS, "district_id,student_id,credential_id,earned_date\n"
                + district.value() + ",S1,CPR,2026-05-01\n" + district.value() + ",S1,OSHA-10,2026-05-02\n");
        assertThat(payloadTypes(student)).containsExactly("StudentRegistered", "StudentDetailsChanged", "IndustryCredentialEarned",
                "StudentDetailsChanged", "IndustryCredentialEarned");
        assertThat(sequences(student)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(status.rowsRejected()).isZero();
        assertThat(status.rowsUnchanged()).isEqualTo(1);
        assertThat(status.rowsAccepted()).isEqualTo(1);
    }

    @Test
    void rest_commands_on_the_students_of_a_running_import_are_neither_lost_nor_doubled() throws Exception {
        DistrictId district = member("D-CC-" + suffix);
        int count = 400;
        assertThat(importFiles(district, studentsCsv(district, count)).rowsAccepted()).isEqualTo(count);
        StringBuilder credentials = new StringBuilder("district_id,student_id,credential_id,earned_date\n");
        for (int i = 0; i < count; i++) {
            credentials.append(district.value()).append(",S").append(i).append(",CPR,2026-05-01\n");
        }
        ExecutorService rest = Executors.newFixedThreadPool(2);
        try {
            // The REST API's commands on the same students while the import's lanes write their batches.
            List<Future<Boolean>> sent = new ArrayList<>();
            String importId = submit(district, ImportKind.CREDENTIALS, credentials.toString());
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(rest.submit(() -> commands.<Boolean>sendAndWait(credential(district, "S" + n, "OSHA-10"))));
            }
            for (Future<Boolean> answer : sent) {
                assertThat(answer.get()).isTrue();
            }
            ImportStatus status = await(importId);
            assertThat(status.rowsAccepted()).isEqualTo(count);
            assertThat(status.rowsRejected()).isZero();
        } finally {
            rest.shutdownNow();
        }
        for (int i = 0; i < count; i++) {
            String student = district.value() + "/S" + i;
            assertThat(sequences(student)).as(student).containsExactly(0L, 1L, 2L);
            assertThat(payloadTypes(student)).as(student).containsExactly("StudentRegistered", "IndustryCredentialEarned", "IndustryCredentialEarned");
        }
        // Re-sending both adds nothing.
        assertThat(commands.<Boolean>sendAndWait(credential(district, "S7", "OSHA-10"))).isFalse();
        assertThat(importCsv(district, ImportKind.CREDENTIALS, credentials.toString()).rowsUnchanged()).isEqualTo(count);
        assertThat(eventCount(district)).isEqualTo(3L * count);
    }

    @Test
    void a_batch_of_many_events_is_copied_and_stores_what_the_insert_stores() {
        DistrictId copied = member("D-COPY-" + suffix);
        DistrictId inserted = member("D-INS-" + suffix);
        int count = 3 * 8; // three times EventTableEngine.COPY_FROM
        // One batch, one append of 24 events: by COPY. The same rows a batch of one at a time: Axon's insert.
        assertThat(inBatch(() -> bulk.decideAndAppend(registrations(copied, count)))).hasSize(count).containsOnly(true);
        for (List<Object> row : registrations(inserted, count)) {
            assertThat(inBatch(() -> bulk.decideAndAppend(List.of(row)))).containsExactly(true);
        }

        assertThat(storedRows(copied)).hasSize(count);
        assertSameStoredRows(copied, inserted);
        // The copied events are Axon's events like any other: the repository loads them, the publisher's stream has them.
        students.remove(copied.value() + "/S7");
        assertThat(commands.<Boolean>sendAndWait(credential(copied, "S7", "CPR"))).isTrue();
        assertThat(sequences(copied.value() + "/S7")).containsExactly(0L, 1L);
        assertThat(payloadTypes(copied.value() + "/S7")).containsExactly("StudentRegistered", "IndustryCredentialEarned");
    }

    @Test
    void a_copied_batch_that_meets_a_taken_sequence_number_conflicts_and_appends_nothing() {
        DistrictId district = member("D-CPC-" + suffix);
        int count = 12;
        assertThat(inBatch(() -> bulk.decideAndAppend(registrations(district, count)))).hasSize(count).containsOnly(true);
        // Another writer records a change of S5 that the Students kept here do not know of.
        otherWriterChanges(district, "S5", 1);
        List<List<Object>> credentials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            credentials.add(List.of(credential(district, "S" + i, "CPR")));
        }
        assertThatThrownBy(() -> inBatch(() -> bulk.decideAndAppend(credentials)))
                .isInstanceOf(StudentBulkWriter.Conflict.class)
                // Axon's translation of a taken sequence number, as for its insert.
                .hasCauseInstanceOf(org.axonframework.eventsourcing.eventstore.EventStoreException.class)
                .hasMessageContaining("was already inserted");
        assertThat(eventCount(district)).as("the registrations and the other writer's change only").isEqualTo(count + 1);
        assertThat(sequences(district.value() + "/S0")).containsExactly(0L);
        assertThat(sequences(district.value() + "/S5")).containsExactly(0L, 1L);
    }

    /** The two districts' stored events are the same rows, but for the district's id in the aggregate ids and payloads. */
    private void assertSameStoredRows(DistrictId written, DistrictId reference) {
        List<Map<String, Object>> rows = storedRows(written);
        List<Map<String, Object>> expected = storedRows(reference);
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            Map<String, Object> expectedRow = expected.get(i);
            for (String column : List.of("sequence_number", "type", "payload_type", "payload_revision")) {
                assertThat(row.get(column)).as(column + " of row " + i).isEqualTo(expectedRow.get(column));
            }
            assertThat(((String) row.get("aggregate_identifier")).replace(written.value(), reference.value()))
                    .isEqualTo(expectedRow.get("aggregate_identifier"));
            assertThat(text(row.get("payload")).replace(written.value(), reference.value())).as("payload of row " + i)
                    .isEqualTo(text(expectedRow.get("payload")));
            assertThat((byte[]) row.get("meta_data")).isEqualTo((byte[]) expectedRow.get("meta_data"));
            assertThat((String) row.get("time_stamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z")
                    .hasSize(((String) expectedRow.get("time_stamp")).length());
            assertThat(UUID.fromString((String) row.get("event_identifier")).version()).isEqualTo(4);
            assertThat((Long) row.get("global_index")).isPositive();
        }
    }

    private List<List<Object>> registrations(DistrictId district, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of(registration(district, "S" + i, "HS" + (i % 3))));
        }
        return rows;
    }

    @Test
    void no_subscribing_processor_but_identity_matching_takes_a_student_event() {
        // The bulk path calls identity matching's handlers directly; a new subscribing handler of a Student event
        // would be handed the events generically (HandledEvents.deliver). This says which events are concerned today.
        List<Class<?>> studentEvents = java.util.Arrays.stream(org.pathwaysledger.command.student.Student.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(org.axonframework.eventsourcing.EventSourcingHandler.class))
                .<Class<?>>map(method -> method.getParameterTypes()[0]).toList();
        assertThat(studentEvents).hasSizeGreaterThan(10);
        List<String> taken = new ArrayList<>();
        for (HandledEvents source : subscribingSources) {
            for (Class<?> type : studentEvents) {
                if (source.handles(type)) {
                    taken.add(source.handlers().get(0).getSimpleName() + ": " + type.getSimpleName());
                }
            }
        }
        assertThat(taken).containsExactlyInAnyOrder("IdentityMatching: StudentRegistered", "IdentityMatching: StudentDetailsChanged",
                "IdentityMatching: StudentRecordCorrected");
    }

    private List<List<Object>> rows(DistrictId district) {
        return List.of(
                List.of(registration(district, "S1", "HS1")),
                List.of(registration(district, "S2", "HS1")),
                List.of(new EnrollStudentInPathway(district, StudentId.of("S1"), PathwayId.of("HEALTH"), SchoolId.of("HS1"),
                        LocalDate.of(2025, 8, 20), SOURCE)),
                List.of(credential(district, "S1", "CPR")),
                List.of(registration(district, "S1", "HS2")),
                List.of(credential(district, "S1", "CPR")),
                List.of(new RegisterStudent(district, StudentId.of("S2"), registrationOf("S2", "HS3"), FALL.plusMonths(5), SOURCE)));
    }

    private RegisterStudent registration(DistrictId district, String student, String school) {
        return new RegisterStudent(district, StudentId.of(student), registrationOf(student, school), FALL, SOURCE);
    }

    private StudentRegistration registrationOf(String student, String school) {
        return new StudentRegistration("SSID-" + suffix + "-" + student, LocalDate.of(2010, 3, 2), SchoolId.of(school), GradeLevel.G09, 2025,
                DEMOGRAPHICS, null);
    }

    private static RecordIndustryCredential credential(DistrictId district, String student, String credential) {
        return new RecordIndustryCredential(district, StudentId.of(student), CredentialId.of(credential), null, null, false,
                LocalDate.of(2026, 5, 1), SOURCE);
    }

    private void otherWriterChanges(DistrictId district, String student, long sequence) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.execute(() -> storage.appendEvents(List.of(new GenericDomainEventMessage<>("Student", district.value() + "/" + student,
                sequence, new StudentDetailsChanged(district, StudentId.of(student), registrationOf(student, "HS9").withDerivedCohortYear(FALL.plusMonths(sequence)),
                FALL.plusMonths(sequence), EventSource.api("other-instance")), MetaData.emptyInstance()))));
    }

    private <T> T inBatch(Callable<T> work) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        ResultMessage<T> result = batch.executeWithResult(work, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private ImportStatus importFiles(DistrictId district, String studentsFile, String... enrolmentFiles) throws Exception {
        List<ImportJobs.Upload> uploads = new ArrayList<>();
        uploads.add(upload(ImportKind.STUDENTS, studentsFile));
        for (String enrolments : enrolmentFiles) {
            uploads.add(upload(ImportKind.PATHWAY_ENROLLMENTS, enrolments));
        }
        return await(jobs.submit(district, uploads, false));
    }

    private ImportStatus importCsv(DistrictId district, ImportKind kind, String csv) throws Exception {
        return await(submit(district, kind, csv));
    }

    private String submit(DistrictId district, ImportKind kind, String csv) throws Exception {
        return jobs.submit(district, List.of(upload(kind, csv)), false);
    }

    private static ImportJobs.Upload upload(ImportKind kind, String csv) throws Exception {
        Path file = Files.createTempFile("bulk-append-", ".csv");
        Files.writeString(file, csv);
        return new ImportJobs.Upload(kind, kind.fileName() + ".csv", file, Files.size(file));
    }

    private ImportStatus await(String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            ImportStatus status = imports.status(importId).orElseThrow();
            if (status.status() == ImportStatus.Phase.DONE || status.status() == ImportStatus.Phase.FAILED) {
                assertThat(status.status()).isEqualTo(ImportStatus.Phase.DONE);
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + importId + " did not finish");
    }

    private static String studentsCsv(DistrictId district, int count) {
        StringBuilder csv = new StringBuilder("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic\n");
        for (int i = 0; i < count; i++) {
            csv.append(district.value()).append(",S").append(i).append(",2010-03-02,HS1,09,F,N\n");
        }
        return csv.toString();
    }

    private static String enrolmentsCsv(DistrictId district, int count) {
        StringBuilder csv = new StringBuilder("district_id,student_id,pathway_id,school_id,entry_date\n");
        for (int i = 0; i < count; i++) {
            csv.append(district.value()).append(",S").append(i).append(",HEALTH,HS1,2025-08-20\n");
        }
        return csv.toString();
    }

    private DistrictId member(String district) {
        send(HttpMethod.PUT, "/api/v1/regions/" + region + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}");
        return DistrictId.of(district);
    }

    private List<Map<String, Object>> storedRows(DistrictId district) {
        return jdbc.queryForList("select * from events.domain_event_entry where aggregate_identifier like ? order by aggregate_identifier, sequence_number",
                district.value() + "/%");
    }

    private long eventCount(DistrictId district) {
        return jdbc.queryForObject("select count(*) from events.domain_event_entry where aggregate_identifier like ?", Long.class,
                district.value() + "/%");
    }

    private int links(DistrictId district) {
        return (int) jdbc.queryForList("select payload from events.domain_event_entry where payload_type = ?", byte[].class,
                        StudentRecordLinked.class.getName()).stream()
                .map(payload -> new String(payload, StandardCharsets.UTF_8))
                .filter(payload -> payload.contains("\"" + district.value() + "\""))
                .count();
    }

    private List<Long> sequences(String student) {
        return jdbc.queryForList("select sequence_number from events.domain_event_entry where aggregate_identifier = ? order by sequence_number",
                Long.class, student);
    }

    private List<String> payloadTypes(String student) {
        return jdbc.queryForList("select payload_type from events.domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.class, student).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static String text(Object bytes) {
        return bytes == null ? null : new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    private void send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var answer = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(202);
    }
}
