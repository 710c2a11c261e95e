package org.pathwaysledger.events;

import org.pathwaysledger.events.value.EventSource;

/** Every event of the published language: a past-tense fact with its source, published on one Kafka topic. */
public interface PublishedEvent {

    EventSource source();

    /** The Kafka key: events with the same key keep their order. */
    String partitionKey();
}
