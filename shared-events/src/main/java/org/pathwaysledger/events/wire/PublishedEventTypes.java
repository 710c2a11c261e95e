package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.CollegeAgreementEnded;
import org.pathwaysledger.events.region.CollegeAgreementSigned;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayRetired;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.region.RegionDefined;
import org.pathwaysledger.events.region.RegionEvent;
import org.pathwaysledger.events.region.RegionMemberAdded;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.region.StudentRecordUnlinked;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentExitedPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the published language, by its wire name (the record's simple name), and its topic. */
public final class PublishedEventTypes {

    private static final List<Class<? extends PublishedEvent>> ALL = List.of(
            StudentRegistered.class, StudentDetailsChanged.class, StudentRecordCorrected.class,
            StudentEnrolledInPathway.class, StudentExitedPathway.class, CourseCompleted.class,
            CollegeCreditEarned.class, WorkBasedLearningLogged.class, IndustryCredentialEarned.class,
            PathwayStatusReached.class, HighSchoolCompleted.class, PostsecondaryEnrolled.class,
            PostsecondaryCredentialEarned.class, QuarterlyWageRecorded.class, StudentFactRetracted.class,
            RegionDefined.class, RegionMemberAdded.class, PathwayDefined.class, PathwayRevised.class,
            PathwayRetired.class, CollegeAgreementSigned.class, CollegeAgreementEnded.class,
            StudentRecordLinked.class, StudentRecordUnlinked.class);

    private static final Map<String, Class<? extends PublishedEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private PublishedEventTypes() {
    }

    public static List<Class<? extends PublishedEvent>> all() {
        return ALL;
    }

    public static String nameOf(PublishedEvent event) {
        return nameOf(event.getClass());
    }

    /** The wire name of an event type, for a publisher that has the type but has not read the event. */
    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }

    public static String topicOf(PublishedEvent event) {
        return topicOf(event.getClass());
    }

    public static String topicOf(Class<?> type) {
        return RegionEvent.class.isAssignableFrom(type) ? Topics.REGION_EVENTS : Topics.STUDENT_EVENTS;
    }

    /** The event in an envelope, or empty for a type this reader does not know (a newer producer: skip it). */
    public static Optional<PublishedEvent> read(EventEnvelope envelope, ObjectMapper mapper) {
        Class<? extends PublishedEvent> type = BY_NAME.get(envelope.eventType());
        if (type == null) {
            return Optional.empty();
        }
        try {
            if (envelope.payload() instanceof POJONode raw && raw.getPojo() instanceof RawValue text) {
                // Read by EnvelopeReader: the payload kept as its JSON text.
                return Optional.of(mapper.readValue(text.rawValue().toString(), type));
            }
            return Optional.of(mapper.treeToValue(envelope.payload(), type));
        } catch (JsonProcessingException e) {
            throw notTheContract(envelope.eventId(), envelope.eventType(), e);
        }
    }

    static IllegalArgumentException notTheContract(String eventId, String eventType, JsonProcessingException e) {
        return new IllegalArgumentException("Event " + eventId + " of type " + eventType
                + " does not match the published contract: " + e.getOriginalMessage(), e);
    }
}
