package org.pathwaysledger.command.student;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Students kept in memory between commands (the {@code studentCache}) answer as the event store would: a change that
 * was rolled back (an import batch refused as a whole) must not survive in memory, or the row written again on its
 * own would be answered "unchanged" and its event silently lost.
 */
@SpringBootTest(properties = "spring.config.name=command-service")
class RecentStudentsTest {

    static final Demographics DEMOGRAPHICS = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), true, false, true, false, false, false, false, false);
    static final LocalDate FALL = LocalDate.of(2025, 8, 15);

    @Autowired
    CommandGateway commands;
    @Autowired
    StudentCommandRunner studentCommands;
    @Autowired
    TransactionManager transactions;
    @Autowired
    @Qualifier(StudentConfiguration.STUDENT_CACHE)
    Cache recentStudents;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_change_rolled_back_with_its_batch_is_forgotten_and_recorded_when_sent_again() {
        DistrictId district = DistrictId.of("D-" + UUID.randomUUID().toString().substring(0, 8));
        StudentId student = StudentId.of("S1");
        String key = district.value() + "/S1";
        RegisterStudent register = registration(district, student, "HS1");
        RegisterStudent moved = registration(district, student, "HS2");
        assertThat(commands.<Boolean>sendAndWait(register)).isTrue();
        assertThat(recentStudents.containsKey(key)).as("kept after its command").isTrue();

        // As in an import batch: the change is decided on the kept student, then the batch fails and rolls back.
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        var result = batch.executeWithResult(() -> {
            assertThat(studentCommands.run(moved)).isEqualTo(true);
            throw new IllegalStateException("another row of the batch was refused");
        }, RollbackConfigurationType.ANY_THROWABLE);
        assertThat(result.isExceptional()).isTrue();
        assertThat(storedEvents(key)).containsExactly("StudentRegistered");

        assertThat(commands.<Boolean>sendAndWait(moved)).as("recorded, not answered unchanged").isTrue();
        assertThat(commands.<Boolean>sendAndWait(moved)).as("the second time it is unchanged").isFalse();
        assertThat(storedEvents(key)).containsExactly("StudentRegistered", "StudentRecordCorrected");
    }

    private List<String> storedEvents(String key) {
        return jdbc.queryForList("select payload_type from events.domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.class, key).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static RegisterStudent registration(DistrictId district, StudentId student, String school) {
        return new RegisterStudent(district, student, new StudentRegistration(null, LocalDate.of(2010, 3, 2), SchoolId.of(school),
                GradeLevel.G09, 2025, DEMOGRAPHICS), FALL, EventSource.api("test"));
    }
}
