package org.pathwaysledger.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.ContinuumStage;
import org.pathwaysledger.events.value.CredentialId;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.Milestone;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;
import org.pathwaysledger.events.value.PlacementId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.WblActivityType;
import org.pathwaysledger.events.value.YearQuarter;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.pathwaysledger.events.wire.PublishedJson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random but reproducible region of synthetic students, published onto the real topics as the command service
 * would: registrations, later detail changes, corrections, pathway entries (some students in two pathways),
 * statuses, college credit, WBL, credentials, diplomas, college and wages, retractions of entries and facts, and
 * some events delivered twice.
 */
public final class SyntheticLedger {

    private static final ObjectMapper JSON = PublishedJson.mapper();
    private static final EventSource SOURCE = EventSource.api("test");

    public final String prefix;
    public final String region;
    public final String sector;
    public final List<String> pathways;
    public final List<String> districts;
    private final Random random;
    private final List<EventEnvelope> envelopes = new ArrayList<>();
    private int eventNumber;
    private boolean edgeCases;
    private PublishedEvent lastCredit;
    private PublishedEvent lastEnrolment;

    public SyntheticLedger(String prefix, long seed) {
        this.prefix = prefix;
        this.region = prefix + "-R";
        this.sector = prefix + " Manufacturing";
        this.pathways = List.of(prefix + "-P1", prefix + "-P2");
        this.districts = List.of(prefix + "-D1", prefix + "-D2", prefix + "-D3");
        this.random = new Random(seed);
    }

    /**
     * Adds, per student, the cases where the projections' rules on repeated keys decide the result: enrolments again
     * (earlier, later or the same date, another school) with and without retractions between, a status reached again
     * earlier, a credit earned again with other values and retractions of the old or new sequence, two retractions of
     * one fact, retractions delivered before the fact they name (a credit earned once or again), facts published again under a new event id with other
     * values and the same sequence, and pathway revisions.
     */
    public SyntheticLedger withEdgeCases() {
        this.edgeCases = true;
        return this;
    }

    /** Everything generated so far, in publishing order (duplicate deliveries included). */
    public List<EventEnvelope> deliveries() {
        return List.copyOf(envelopes);
    }

    /** The Kafka key the envelope is published with (a student's events, a region's, share a partition). */
    public static String keyOf(EventEnvelope envelope) {
        return envelope.studentId() == null ? envelope.regionId() : envelope.districtId() + "/" + envelope.studentId();
    }

    /** Generates the region's catalogue and {@code students} students; returns the number of distinct events. */
    public int generate(int students) {
        for (String pathway : pathways) {
            region(new PathwayDefined(RegionId.of(region), PathwayId.of(pathway), 1, new PathwayDefinition("Pathway " + pathway,
                    sector, "Manufacturing", "48.0501", List.of(), List.of(), null, null, CompletionRule.PERKINS_TWO_COURSES), SOURCE));
        }
        for (int i = 0; i < students; i++) {
            student(DistrictId.of(districts.get(i % districts.size())), StudentId.of("S" + i));
        }
        if (edgeCases) {
            for (String pathway : pathways) {
                for (int version = 2; version <= 1 + random.nextInt(3); version++) {
                    region(new PathwayRevised(RegionId.of(region), PathwayId.of(pathway), version, new PathwayDefinition("Pathway " + pathway,
                            sector, "Manufacturing", "48.05" + version, List.of(), List.of(), null, null, CompletionRule.PERKINS_TWO_COURSES), SOURCE));
                }
            }
        }
        int distinct = envelopes.size();
        for (int i = 0; i < distinct / 20; i++) {
            envelopes.add(envelopes.get(random.nextInt(distinct)));
        }
        return distinct;
    }

    private void student(DistrictId district, StudentId student) {
        long[] sequence = {0};
        SchoolId school = SchoolId.of(random.nextBoolean() ? "HS-A" : "HS-B");
        int cohort = 2021 + random.nextInt(4);
        GradeLevel grade = GradeLevel.values()[9 + random.nextInt(4)];
        emit(district, student, ++sequence[0], new StudentRegistered(district, student,
                registration(school, grade, cohort), LocalDate.of(2024, 8, 1), SOURCE));
        if (random.nextInt(10) == 0) {
            // A correction of the registration: same effective date, replaces it for every entry.
            emit(district, student, ++sequence[0], new StudentRecordCorrected(district, student,
                    registration(school, grade, cohort), LocalDate.of(2024, 8, 1), "typo", SOURCE));
        }
        if (random.nextInt(5) == 0) {
            // A change mid-year: entries after it see the new demographics, earlier ones the old.
            emit(district, student, ++sequence[0], new StudentDetailsChanged(district, student,
                    registration(school, grade, cohort), LocalDate.of(2025, 1, 15), SOURCE));
        }
        for (int p = 0; p < pathways.size(); p++) {
            if (random.nextInt(10) >= (p == 0 ? 7 : 3)) {
                continue;
            }
            PathwayId pathway = PathwayId.of(pathways.get(p));
            long entry = ++sequence[0];
            emit(district, student, entry, new StudentEnrolledInPathway(district, student, pathway, school,
                    LocalDate.of(2024, 9, 1).plusDays(random.nextInt(280)), 1, SOURCE));
            if (random.nextInt(12) == 0) {
                emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, entry, "StudentEnrolledInPathway", "entered in error", SOURCE));
                if (random.nextBoolean()) {
                    // Entered again later: the same entrant key twice in one batch (one upsert per statement).
                    emit(district, student, ++sequence[0], new StudentEnrolledInPathway(district, student, pathway, school,
                            LocalDate.of(2025, 7, 1), 1, SOURCE));
                }
            }
            if (edgeCases && random.nextInt(3) == 0) {
                edgeEnrolments(district, student, pathway, school, entry, sequence);
            }
            if (random.nextInt(2) == 0) {
                long concentrator = ++sequence[0];
                emit(district, student, concentrator, new PathwayStatusReached(district, student, pathway, PathwayStatus.CONCENTRATOR,
                        LocalDate.of(2025, 6, 1), false, CompletionRule.PERKINS_TWO_COURSES, SOURCE));
                if (random.nextInt(10) == 0) {
                    emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, concentrator, "PathwayStatusReached", "wrong course", SOURCE));
                }
                if (edgeCases && random.nextInt(3) == 0) {
                    // Reached again, earlier: reached_on is the least, the sequence stays the first one's.
                    long again = ++sequence[0];
                    emit(district, student, again, new PathwayStatusReached(district, student, pathway, PathwayStatus.CONCENTRATOR,
                            LocalDate.of(2025, 1 + random.nextInt(12), 1), false, CompletionRule.PERKINS_TWO_COURSES, SOURCE));
                    int retract = random.nextInt(3);
                    if (retract > 0) {
                        emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, retract == 1 ? concentrator : again,
                                "PathwayStatusReached", "wrong course", SOURCE));
                    }
                }
                if (random.nextInt(5) < 2) {
                    emit(district, student, ++sequence[0], new PathwayStatusReached(district, student, pathway, PathwayStatus.COMPLETER,
                            LocalDate.of(2026, 6, 1), false, CompletionRule.PERKINS_TWO_COURSES, SOURCE));
                }
            }
        }
        int credits = random.nextInt(5) < 2 ? 1 + random.nextInt(4) : 0;
        for (int c = 0; c < credits; c++) {
            if (edgeCases && random.nextInt(4) == 0) {
                // A retraction delivered before the credit it names (earned once or again below): it withdraws nothing.
                emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, sequence[0] + 1,
                        "CollegeCreditEarned", "early", SOURCE));
            }
            long credit = ++sequence[0];
            emit(district, student, credit, new CollegeCreditEarned(district, student, CollegeCreditType.DUAL, CollegeId.of("CC-1"),
                    "MFG-" + c, BigDecimal.valueOf(3 + random.nextInt(4)), new SchoolYear(2023 + random.nextInt(3)), "FALL", true, null, null, SOURCE));
            if (random.nextInt(10) == 0) {
                emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, credit, "CollegeCreditEarned", "not transcripted", SOURCE));
            }
            if (edgeCases && random.nextInt(3) == 0) {
                // Earned again (same course, year and term: same key) with other credits: the last one's values count,
                // and only a retraction of its sequence withdraws it.
                CollegeCreditEarned first = (CollegeCreditEarned) lastCredit;
                if (random.nextInt(4) == 0) {
                    // A retraction delivered before the fact it names: nothing to withdraw when it arrives.
                    emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, sequence[0] + 1,
                            "CollegeCreditEarned", "early", SOURCE));
                }
                long again = ++sequence[0];
                emit(district, student, again, new CollegeCreditEarned(district, student, CollegeCreditType.DUAL, first.collegeId(),
                        first.collegeCourseId(), BigDecimal.valueOf(1 + random.nextInt(6)), first.schoolYear(), first.term(), random.nextBoolean(),
                        null, null, SOURCE));
                int retract = random.nextInt(3);
                if (retract > 0) {
                    emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, retract == 1 ? credit : again,
                            "CollegeCreditEarned", "not transcripted", SOURCE));
                }
            }
        }
        if (random.nextInt(10) < 3) {
            emit(district, student, ++sequence[0], new WorkBasedLearningLogged(district, student, PlacementId.of("W" + sequence[0]),
                    WblActivityType.INTERNSHIP, ContinuumStage.PREPARATION, "E-1", "Employer", "Manufacturing", LocalDate.of(2025, 3, 1),
                    LocalDate.of(2025, 5, 1), BigDecimal.valueOf(80), true, null, null, SOURCE));
        }
        if (random.nextInt(5) == 0) {
            emit(district, student, ++sequence[0], new IndustryCredentialEarned(district, student, CredentialId.of("NIMS-1"), "NIMS",
                    "NIMS", true, LocalDate.of(2025, 5, 1), SOURCE));
        }
        if (random.nextInt(2) == 0) {
            LocalDate diploma = LocalDate.of(2024 + random.nextInt(2), 6, 10);
            long graduated = ++sequence[0];
            emit(district, student, graduated, new HighSchoolCompleted(district, student, Milestone.HS_DIPLOMA, diploma, null, SOURCE));
            if (random.nextInt(15) == 0) {
                emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, graduated, "HighSchoolCompleted", "wrong student", SOURCE));
            }
            if (random.nextInt(3) == 0) {
                emit(district, student, ++sequence[0], new PostsecondaryEnrolled(district, student, "CC-1", diploma.plusDays(random.nextInt(500)), null, SOURCE));
            }
            if (random.nextInt(8) == 0) {
                emit(district, student, ++sequence[0], new PostsecondaryCredentialEarned(district, student, "CC-1", diploma.plusYears(1), null, SOURCE));
            }
            if (random.nextInt(5) == 0) {
                LocalDate wageDay = diploma.plusMonths(6);
                long wage = ++sequence[0];
                emit(district, student, wage, new QuarterlyWageRecorded(district, student,
                        new YearQuarter(wageDay.getYear(), (wageDay.getMonthValue() - 1) / 3 + 1), BigDecimal.valueOf(9000), "E-1", SOURCE));
                if (edgeCases && random.nextInt(2) == 0) {
                    // Published again under a new id, other amount, same sequence: the first row stays. Then retracted
                    // once or twice (the last retraction's time is the withdrawal's).
                    emit(district, student, wage, new QuarterlyWageRecorded(district, student,
                            new YearQuarter(wageDay.getYear(), (wageDay.getMonthValue() - 1) / 3 + 1), BigDecimal.valueOf(7000), "E-2", SOURCE));
                    for (int r = random.nextInt(3); r > 0; r--) {
                        emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, wage, "QuarterlyWageRecorded", "wrong person", SOURCE));
                    }
                }
            }
        }
    }

    /** Enrolments in a pathway again, with retractions before, between or after them, and one named before it is delivered. */
    private void edgeEnrolments(DistrictId district, StudentId student, PathwayId pathway, SchoolId school, long entry, long[] sequence) {
        if (random.nextInt(4) == 0) {
            // A retraction of a sequence not delivered yet: nothing to withdraw when it arrives.
            emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, sequence[0] + 1, "StudentEnrolledInPathway",
                    "early", SOURCE));
        }
        int again = 1 + random.nextInt(2);
        long[] entries = {entry, 0, 0};
        for (int i = 1; i <= again; i++) {
            SchoolId other = SchoolId.of(random.nextBoolean() ? "HS-C" : school.value());
            LocalDate date = switch (random.nextInt(3)) {
                case 0 -> LocalDate.of(2024, 8, 1).plusDays(random.nextInt(30));
                case 1 -> LocalDate.of(2025, 9, 1).plusDays(random.nextInt(30));
                default -> ((StudentEnrolledInPathway) lastEnrolment).entryDate();
            };
            entries[i] = ++sequence[0];
            emit(district, student, entries[i], new StudentEnrolledInPathway(district, student, pathway, other, date, 1, SOURCE));
            if (random.nextInt(3) == 0) {
                emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, entries[random.nextInt(i + 1)],
                        "StudentEnrolledInPathway", "entered in error", SOURCE));
            }
        }
        if (random.nextInt(3) == 0) {
            emit(district, student, ++sequence[0], new StudentFactRetracted(district, student, entries[random.nextInt(again + 1)],
                    "StudentEnrolledInPathway", "entered in error", SOURCE));
        }
        if (random.nextInt(4) == 0) {
            // A registration published again under a new id with the same sequence and another school: the first stays.
            emit(district, student, 1, new StudentRegistered(district, student, registration(SchoolId.of("HS-Z"), GradeLevel.G12, 2030),
                    LocalDate.of(2024, 8, 1), SOURCE));
        }
    }

    private StudentRegistration registration(SchoolId school, GradeLevel grade, int cohort) {
        RaceCode[] codes = RaceCode.values();
        List<RaceCode> races = new ArrayList<>();
        races.add(codes[random.nextInt(codes.length)]);
        if (random.nextInt(6) == 0) {
            races.add(codes[random.nextInt(codes.length)]);
        }
        Sex sex = Sex.values()[random.nextInt(Sex.values().length)];
        Demographics who = new Demographics(sex, random.nextInt(3) == 0, races, random.nextInt(5) == 0, random.nextInt(8) == 0,
                random.nextBoolean(), random.nextInt(20) == 0, random.nextInt(15) == 0, random.nextInt(25) == 0, random.nextInt(20) == 0, false);
        return new StudentRegistration(null, LocalDate.of(2009, 5, 1), school, grade, cohort, who, null);
    }

    private void emit(DistrictId district, StudentId student, long sequence, PublishedEvent event) {
        if (event instanceof CollegeCreditEarned) {
            lastCredit = event;
        }
        if (event instanceof StudentEnrolledInPathway) {
            lastEnrolment = event;
        }
        envelopes.add(new EventEnvelope(prefix + "-" + (++eventNumber), PublishedEventTypes.nameOf(event), "1", null,
                district.value(), student.value(), sequence, Instant.now(), JSON.valueToTree(event)));
    }

    private void region(PublishedEvent event) {
        envelopes.add(new EventEnvelope(prefix + "-" + (++eventNumber), PublishedEventTypes.nameOf(event), "1", region, null, null,
                1, Instant.now(), JSON.valueToTree(event)));
    }

    /** Publishes everything generated so far (in order per student: same key, same partition), and forgets it. */
    public void publish(String bootstrapServers) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (EventEnvelope envelope : envelopes) {
                PublishedEvent event = PublishedEventTypes.read(envelope, JSON).orElseThrow();
                String key = envelope.studentId() == null ? envelope.regionId() : envelope.districtId() + "/" + envelope.studentId();
                sent.add(producer.send(new ProducerRecord<>(PublishedEventTypes.topicOf(event), key, JSON.writeValueAsString(envelope))));
            }
            for (var future : sent) {
                future.get();
            }
        }
        envelopes.clear();
    }
}
