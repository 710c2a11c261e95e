package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.wire.EnvelopeReader;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.pathwaysledger.events.wire.PublishedJson;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * CPU per envelope read, on one thread (no database, no Kafka): the consumers' earlier reading (the record as a
 * String, the envelope with its payload tree, then {@code treeToValue}) against {@link EnvelopeReader}, on the
 * analytics benchmark's event mix, in alternating rounds after warm-up. Run with
 * {@code java -cp deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar -Dloader.main=org.pathwaysledger.launcher.EnvelopeReadBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [events]}.
 */
public final class EnvelopeReadBenchmark {

    private EnvelopeReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ObjectMapper json = PublishedJson.mapper();
        List<byte[]> records = records(json, events);
        EnvelopeReader reader = new EnvelopeReader(json);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long check = 0;
        for (int round = 1; round <= 6; round++) {
            long started = cpu.getCurrentThreadCpuTime();
            for (byte[] record : records) {
                EventEnvelope envelope = json.readValue(new String(record, StandardCharsets.UTF_8), EventEnvelope.class);
                check += PublishedEventTypes.read(envelope, json).orElseThrow().hashCode();
            }
            long twoStep = cpu.getCurrentThreadCpuTime();
            for (byte[] record : records) {
                check -= reader.read(record).event().hashCode();
            }
            long onePass = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d%s: tree then treeToValue %.2f µs CPU per envelope, EnvelopeReader %.2f µs%n", round,
                    round <= 2 ? " (warm-up)" : "", (twoStep - started) / 1e3 / events, (onePass - twoStep) / 1e3 / events);
        }
        if (check != 0) {
            throw new IllegalStateException("the two readings gave different events");
        }
    }

    /** The analytics benchmark's mix: half registrations, then enrolments, concentrator statuses and credits. */
    private static List<byte[]> records(ObjectMapper json, int events) throws Exception {
        Demographics who = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), false, false, true, false, false, false, false, false);
        int registrations = Math.max(1, events / 2);
        List<byte[]> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int student = i < registrations ? i : (i - registrations) / 3;
            int kind = i < registrations ? 0 : 1 + (i - registrations) % 3;
            DistrictId district = DistrictId.of("REPLAY-USD");
            StudentId id = StudentId.of("R" + student);
            PublishedEvent event = switch (kind) {
                case 0 -> new StudentRegistered(district, id, new StudentRegistration(null, LocalDate.of(2010, 1, 1), SchoolId.of("HS-1"),
                        GradeLevel.G09, 2025, who), LocalDate.of(2025, 8, 1), EventSource.api("benchmark"));
                case 1 -> new StudentEnrolledInPathway(district, id, PathwayId.of("REPLAY-P"), SchoolId.of("HS-1"), LocalDate.of(2025, 8, 20), 1,
                        EventSource.api("benchmark"));
                case 2 -> new PathwayStatusReached(district, id, PathwayId.of("REPLAY-P"), PathwayStatus.CONCENTRATOR, LocalDate.of(2026, 6, 1),
                        false, CompletionRule.PERKINS_TWO_COURSES, EventSource.api("benchmark"));
                default -> new CollegeCreditEarned(district, id, CollegeCreditType.DUAL, CollegeId.of("CC-1"), "MFG-101", BigDecimal.valueOf(3),
                        new SchoolYear(2025), "FALL", true, null, null, EventSource.api("benchmark"));
            };
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), PublishedEventTypes.nameOf(event), "1", null,
                    "REPLAY-USD", id.value(), kind + 1, Instant.now(), json.valueToTree(event));
            records.add(json.writeValueAsBytes(envelope));
        }
        return records;
    }
}
