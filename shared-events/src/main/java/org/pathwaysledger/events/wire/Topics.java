package org.pathwaysledger.events.wire;

/** The Kafka topics of the published language. Topic names carry the envelope's major version. */
public final class Topics {

    /** Every {@code StudentEvent}, keyed by {@code StudentKey} ("district/student"), as {@link EventEnvelope} JSON. */
    public static final String STUDENT_EVENTS = "pathways.student-events.v1";

    /** Partitions are the unit of consumer scale-out; one student's events always share a partition. */
    public static final int STUDENT_EVENTS_PARTITIONS = 6;

    /** Every {@code RegionEvent} (members, catalogue, agreements, identity links), keyed by region. */
    public static final String REGION_EVENTS = "pathways.region-events.v1";

    public static final int REGION_EVENTS_PARTITIONS = 3;

    private Topics() {
    }
}
