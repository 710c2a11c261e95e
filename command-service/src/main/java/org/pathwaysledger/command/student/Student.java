package org.pathwaysledger.command.student;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.command.catalogue.RegionDirectory;
import org.pathwaysledger.command.catalogue.RegionDirectory.CataloguePathway;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.AssertPathwayStatus;
import org.pathwaysledger.events.student.AwardCollegeCredit;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.CorrectStudentRecord;
import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.ExitStudentFromPathway;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.LogWorkBasedLearning;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.RecordCourseCompletion;
import org.pathwaysledger.events.student.RecordIndustryCredential;
import org.pathwaysledger.events.student.RecordMilestone;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.RetractStudentFact;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentExitedPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.AgreementKind;
import org.pathwaysledger.events.value.ContinuumStage;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.StudentKey;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One student of one district, as the ledger knows them. It decides which of a district's statements are new facts:
 * a repeated statement is answered {@code false} and leaves the log untouched, so re-sending never double counts.
 * Each fact has a natural key (a course in a term, a placement id, a credential id...); the same key sent with other
 * values is recorded again as that fact's revision.
 */
@Aggregate(commandTargetResolver = StudentCommandTargets.BEAN, cache = StudentConfiguration.STUDENT_CACHE,
        lockFactory = StudentConfiguration.STUDENT_LOCKS)
public class Student {

    /** How far ahead of today a district may date a pathway entry (next term's enrolments are sent early). */
    static final int MAX_DAYS_AHEAD = 366;

    @AggregateIdentifier
    private StudentKey studentKey;
    private StudentRegistration registration;
    private LocalDate registrationEffectiveDate;
    private final Map<PathwayId, PathwayProgress> pathways = new HashMap<>();
    /** The latest fact recorded under each natural key, for idempotency. */
    private final Map<String, PublishedEvent> factsByKey = new HashMap<>();
    /** Retractable facts by their sequence number, with their natural key. */
    private final Map<Long, String> keysBySequence = new HashMap<>();

    protected Student() {
        // Rebuilt from its events by Axon.
    }

    /**
     * Registers the student, or records what the district now says: a change when it holds from a new date, a
     * correction when it restates the date already recorded; {@code false} when nothing differs.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterStudent command) {
        StudentRegistration stated = command.registration().withDerivedCohortYear(command.effectiveDate());
        if (studentKey == null) {
            apply(new StudentRegistered(command.districtId(), command.studentId(), stated, command.effectiveDate(), command.source()));
            return true;
        }
        if (stated.equals(registration)) {
            return false;
        }
        if (command.effectiveDate().equals(registrationEffectiveDate)) {
            // Other values for the same date: what was recorded for that date was wrong, not changed since.
            apply(new StudentRecordCorrected(command.districtId(), command.studentId(), stated, command.effectiveDate(),
                    "Restated for " + command.effectiveDate() + " by " + command.source().channel() + " " + command.source().reference(),
                    command.source()));
            return true;
        }
        apply(new StudentDetailsChanged(command.districtId(), command.studentId(), stated, command.effectiveDate(), command.source()));
        return true;
    }

    /** Replaces what was recorded from a date because it was wrong (a FERPA amendment); the wrong record stays in the log. */
    @CommandHandler
    public boolean handle(CorrectStudentRecord command) {
        StudentRegistration corrected = command.registration().withDerivedCohortYear(command.effectiveDate());
        if (corrected.equals(registration) && command.effectiveDate().equals(registrationEffectiveDate)) {
            return false;
        }
        apply(new StudentRecordCorrected(command.districtId(), command.studentId(), corrected, command.effectiveDate(),
                command.reason(), command.source()));
        return true;
    }

    /** Enrols the student in a pathway of the district's region; {@code false} when already enrolled in it. */
    @CommandHandler
    public boolean handle(EnrollStudentInPathway command, RegionDirectory directory) {
        LocalDate entry = command.entryDate();
        if (entry.isBefore(registration.birthDate())) {
            throw new RuleViolation("entry_date", entry.toString(),
                    "is before the student's birth date (" + registration.birthDate() + "); check the entry date");
        }
        if (entry.isAfter(LocalDate.now().plusDays(MAX_DAYS_AHEAD))) {
            throw new RuleViolation("entry_date", entry.toString(),
                    "is more than a year from today; send enrolments at most one school year ahead");
        }
        CataloguePathway pathway = cataloguePathway(directory, command.pathwayId());
        if (pathway.isRetiredOn(entry)) {
            throw new RuleViolation("pathway_id", command.pathwayId().value(),
                    "was retired on " + pathway.retiredOn() + "; no enrolments from that date");
        }
        PathwayProgress progress = pathways.get(command.pathwayId());
        if (progress != null && (progress.isActive() || entry.equals(progress.entryDate()))) {
            // Already enrolled, or this is the enrolment the recorded exit closed (a re-sent file): nothing new.
            return false;
        }
        if (progress != null && entry.isBefore(progress.exitDate())) {
            throw new RuleViolation("entry_date", entry.toString(),
                    "is before the student's exit from this pathway on " + progress.exitDate() + "; a re-entry starts after the exit");
        }
        apply(new StudentEnrolledInPathway(command.districtId(), command.studentId(), command.pathwayId(),
                command.schoolId(), entry, pathway.version(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(ExitStudentFromPathway command) {
        PathwayProgress progress = pathways.get(command.pathwayId());
        if (progress == null) {
            throw new RuleViolation("pathway_id", command.pathwayId().value(),
                    "is not a pathway this student entered; send the enrolment first");
        }
        if (!progress.isActive()) {
            if (command.exitDate().equals(progress.exitDate()) && command.exitReason() == progress.exitReason()) {
                return false;
            }
            throw new RuleViolation("exit_date", command.exitDate().toString(),
                    "the student already left this pathway on " + progress.exitDate() + "; send a re-entry first");
        }
        if (command.exitDate().isBefore(progress.entryDate())) {
            throw new RuleViolation("exit_date", command.exitDate().toString(),
                    "is before the entry date " + progress.entryDate() + "; an exit cannot come before the entry");
        }
        apply(new StudentExitedPathway(command.districtId(), command.studentId(), command.pathwayId(), command.exitDate(),
                command.exitReason(), command.source()));
        return true;
    }

    /**
     * Records a completed course and derives, under the region's rule for the course's pathway, any pathway status
     * the student reaches with it (participant, concentrator, completer).
     */
    @CommandHandler
    public boolean handle(RecordCourseCompletion command, RegionDirectory directory) {
        PathwayId pathwayId = command.pathwayId() != null ? command.pathwayId() : pathwayOfCourse(command, directory);
        CourseRole role = command.courseRole() != null || pathwayId == null ? command.courseRole()
                : pathwayIn(directory, directory.regionOf(command.districtId()).orElse(null), pathwayId)
                        .map(pathway -> pathway.courses().get(command.courseId())).orElse(null);
        CourseCompleted fact = new CourseCompleted(command.districtId(), command.studentId(), command.courseId(),
                command.courseTitle(), command.schoolYear(), command.term(), command.gradeLevel(), pathwayId,
                role, command.cte(), command.creditsAttempted(), command.creditsEarned(), command.hours(),
                command.mark(), command.source());
        if (!recordFact(courseKey(fact), fact)) {
            return false;
        }
        if (pathwayId != null) {
            pathwayIn(directory, directory.regionOf(command.districtId()).orElse(null), pathwayId).ifPresent(pathway -> {
                PathwayProgress progress = pathways.get(pathwayId);
                for (var reached : progress.statusesReachedBy(pathway.completionRule(), fact.schoolYear().lastDay())) {
                    apply(new PathwayStatusReached(command.districtId(), command.studentId(), pathwayId, reached.status(),
                            reached.reachedOn(), true, pathway.completionRule(), command.source()));
                }
            });
        }
        return true;
    }

    /** Awards college credit; refused unless an agreement of the right kind covers the college course in that year. */
    @CommandHandler
    public boolean handle(AwardCollegeCredit command, RegionDirectory directory) {
        AgreementId agreement = directory.agreementCovering(command.districtId(), command.collegeId(), command.collegeCourseId(),
                        command.creditType().requiredAgreement(), command.schoolYear())
                .orElseThrow(() -> new RuleViolation("college_course_id", command.collegeCourseId(),
                        "is not covered by an active " + describe(command.creditType().requiredAgreement()) + " agreement between district "
                                + command.districtId() + " and college " + command.collegeId() + " in " + command.schoolYear()
                                + "; the region must record the agreement before this credit can be awarded"));
        return recordFact("credit:" + command.collegeId() + "/" + command.collegeCourseId() + "/" + command.schoolYear() + "/" + command.term(),
                new CollegeCreditEarned(command.districtId(), command.studentId(), command.creditType(), command.collegeId(),
                        command.collegeCourseId(), command.credits(), command.schoolYear(), command.term(), command.transferable(),
                        agreement, command.highSchoolCourseId(), command.source()));
    }

    @CommandHandler
    public boolean handle(LogWorkBasedLearning command) {
        ContinuumStage stage = command.continuumStage() != null ? command.continuumStage() : command.activityType().defaultStage();
        return recordFact("wbl:" + command.placementId(),
                new WorkBasedLearningLogged(command.districtId(), command.studentId(), command.placementId(), command.activityType(),
                        stage, command.employerId(), command.employerName(), command.sector(), command.startDate(), command.endDate(),
                        command.hours(), command.paid(), command.calpadsWblType(), command.employerEvaluation(), command.source()));
    }

    @CommandHandler
    public boolean handle(RecordIndustryCredential command) {
        return recordFact("credential:" + command.credentialId(),
                new IndustryCredentialEarned(command.districtId(), command.studentId(), command.credentialId(), command.credentialName(),
                        command.issuer(), command.industryRecognized(), command.earnedDate(), command.source()));
    }

    /** The district asserts a status under the rule it applied; {@code false} when the student already has it. */
    @CommandHandler
    public boolean handle(AssertPathwayStatus command) {
        PathwayProgress progress = pathways.get(command.pathwayId());
        if (progress == null) {
            throw new RuleViolation("pathway_id", command.pathwayId().value(),
                    "is not a pathway this student entered; send the enrolment first");
        }
        if (progress.hasReached(command.status())) {
            return false;
        }
        apply(new PathwayStatusReached(command.districtId(), command.studentId(), command.pathwayId(), command.status(),
                command.reachedOn(), false, command.rule(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordMilestone command) {
        if (command.date().isBefore(registration.birthDate())) {
            throw new RuleViolation("date", command.date().toString(), "is before the student's birth date; check the date");
        }
        String detail = command.detail();
        return switch (command.milestone()) {
            case HS_DIPLOMA, HS_EQUIVALENCY, CERTIFICATE_OF_COMPLETION -> recordFact("hs:" + command.milestone(),
                    new HighSchoolCompleted(command.districtId(), command.studentId(), command.milestone(), command.date(), detail, command.source()));
            case POSTSECONDARY_ENROLLED -> recordFact("ps-enrolled:" + command.institutionId() + "/" + command.date(),
                    new PostsecondaryEnrolled(command.districtId(), command.studentId(), command.institutionId(), command.date(), detail, command.source()));
            case POSTSECONDARY_CREDENTIAL -> recordFact("ps-credential:" + command.institutionId() + "/" + detail,
                    new PostsecondaryCredentialEarned(command.districtId(), command.studentId(), command.institutionId(), command.date(), detail, command.source()));
            case EMPLOYED -> recordFact("wage:" + command.yearQuarter() + "/" + command.institutionId(),
                    new QuarterlyWageRecorded(command.districtId(), command.studentId(), command.yearQuarter(), command.quarterlyWage(),
                            command.institutionId(), command.source()));
        };
    }

    /** Withdraws a wrongly reported fact by its sequence number; the fact stays in the log, marked as withdrawn. */
    @CommandHandler
    public boolean handle(RetractStudentFact command) {
        String key = keysBySequence.get(command.sequence());
        if (key == null) {
            throw new RuleViolation("sequence", String.valueOf(command.sequence()),
                    "is not a fact of this student that can be withdrawn (or it was withdrawn already); see the journey timeline for sequence numbers");
        }
        apply(new StudentFactRetracted(command.districtId(), command.studentId(), command.sequence(),
                factsByKey.get(key).getClass().getSimpleName(), command.reason(), command.source()));
        return true;
    }

    /** Applies the fact unless the same values (wherever they came from) are already recorded under its key. */
    private boolean recordFact(String key, PublishedEvent fact) {
        PublishedEvent recorded = factsByKey.get(key);
        if (recorded != null && withoutSource(recorded).equals(withoutSource(fact))) {
            return false;
        }
        apply(fact);
        return true;
    }

    private static List<Object> withoutSource(PublishedEvent fact) {
        List<Object> values = new ArrayList<>();
        for (RecordComponent component : fact.getClass().getRecordComponents()) {
            if (!component.getName().equals("source")) {
                try {
                    values.add(component.getAccessor().invoke(fact));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + component.getName() + " of " + fact, e);
                }
            }
        }
        return values;
    }

    private RegionId regionOf(RegionDirectory directory) {
        return directory.regionOf(studentKey.districtId()).orElseThrow(() -> new RuleViolation("district_id",
                studentKey.districtId().value(), "is not a member of any region; ask the region to add the district first"));
    }

    private CataloguePathway cataloguePathway(RegionDirectory directory, PathwayId pathwayId) {
        RegionId region = regionOf(directory);
        return pathwayIn(directory, region, pathwayId).orElseThrow(() -> new RuleViolation("pathway_id", pathwayId.value(),
                "is not in the pathway catalogue of region " + region + "; use a pathway id the region has defined"));
    }

    /** A course without a pathway id counts for the pathway the student is enrolled in whose sequence lists it. */
    private PathwayId pathwayOfCourse(RecordCourseCompletion command, RegionDirectory directory) {
        if (pathways.isEmpty()) {
            return null;
        }
        RegionId region = directory.regionOf(command.districtId()).orElse(null);
        if (region == null) {
            return null;
        }
        for (PathwayId candidate : pathways.keySet().stream().sorted((a, b) -> a.value().compareTo(b.value())).toList()) {
            var pathway = pathwayIn(directory, region, candidate);
            if (pathway.isPresent() && pathway.get().courses().containsKey(command.courseId())) {
                return candidate;
            }
        }
        return null;
    }

    private static Optional<CataloguePathway> pathwayIn(RegionDirectory directory, RegionId region, PathwayId pathway) {
        return region == null ? Optional.empty() : directory.pathway(region, pathway);
    }

    private static String courseKey(CourseCompleted course) {
        return "course:" + course.courseId() + "/" + course.schoolYear() + "/" + course.term();
    }

    private static String describe(AgreementKind kind) {
        return kind == AgreementKind.ARTICULATION ? "articulation" : "dual-enrollment";
    }

    @EventSourcingHandler
    void on(StudentRegistered event) {
        studentKey = event.studentKey();
        registration = event.registration();
        registrationEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(StudentDetailsChanged event) {
        if (!event.effectiveDate().isBefore(registrationEffectiveDate)) {
            registration = event.registration();
            registrationEffectiveDate = event.effectiveDate();
        }
    }

    @EventSourcingHandler
    void on(StudentRecordCorrected event) {
        if (!event.effectiveDate().isBefore(registrationEffectiveDate)) {
            registration = event.registration();
            registrationEffectiveDate = event.effectiveDate();
        }
    }

    @EventSourcingHandler
    void on(StudentEnrolledInPathway event, @SequenceNumber long sequence) {
        pathways.computeIfAbsent(event.pathwayId(), PathwayProgress::new).enter(event.entryDate());
        keysBySequence.put(sequence, "enrolment:" + event.pathwayId() + "/" + sequence);
        factsByKey.put("enrolment:" + event.pathwayId() + "/" + sequence, event);
    }

    @EventSourcingHandler
    void on(StudentExitedPathway event) {
        pathways.get(event.pathwayId()).exit(event.exitDate(), event.exitReason());
    }

    @EventSourcingHandler
    void on(CourseCompleted event, @SequenceNumber long sequence) {
        remember(courseKey(event), event, sequence);
        if (event.pathwayId() != null) {
            pathways.computeIfAbsent(event.pathwayId(), PathwayProgress::new).countCourse(courseKey(event), event);
        }
    }

    @EventSourcingHandler
    void on(PathwayStatusReached event) {
        pathways.computeIfAbsent(event.pathwayId(), PathwayProgress::new).reached(event.status());
    }

    @EventSourcingHandler
    void on(CollegeCreditEarned event, @SequenceNumber long sequence) {
        remember("credit:" + event.collegeId() + "/" + event.collegeCourseId() + "/" + event.schoolYear() + "/" + event.term(), event, sequence);
    }

    @EventSourcingHandler
    void on(WorkBasedLearningLogged event, @SequenceNumber long sequence) {
        remember("wbl:" + event.placementId(), event, sequence);
    }

    @EventSourcingHandler
    void on(IndustryCredentialEarned event, @SequenceNumber long sequence) {
        remember("credential:" + event.credentialId(), event, sequence);
    }

    @EventSourcingHandler
    void on(HighSchoolCompleted event, @SequenceNumber long sequence) {
        remember("hs:" + event.completion(), event, sequence);
    }

    @EventSourcingHandler
    void on(PostsecondaryEnrolled event, @SequenceNumber long sequence) {
        remember("ps-enrolled:" + event.institutionId() + "/" + event.enrolledOn(), event, sequence);
    }

    @EventSourcingHandler
    void on(PostsecondaryCredentialEarned event, @SequenceNumber long sequence) {
        remember("ps-credential:" + event.institutionId() + "/" + event.detail(), event, sequence);
    }

    @EventSourcingHandler
    void on(QuarterlyWageRecorded event, @SequenceNumber long sequence) {
        remember("wage:" + event.yearQuarter() + "/" + event.employerId(), event, sequence);
    }

    @EventSourcingHandler
    void on(StudentFactRetracted event) {
        String key = keysBySequence.remove(event.retractedSequence());
        PublishedEvent fact = factsByKey.remove(key);
        if (fact instanceof StudentEnrolledInPathway enrolment) {
            pathways.remove(enrolment.pathwayId());
        } else if (fact instanceof CourseCompleted course && course.pathwayId() != null) {
            pathways.get(course.pathwayId()).uncountCourse(key);
        }
    }

    private void remember(String key, PublishedEvent fact, long sequence) {
        keysBySequence.values().remove(key);
        keysBySequence.put(sequence, key);
        factsByKey.put(key, fact);
    }
}
