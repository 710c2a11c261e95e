package org.pathwaysledger.command.eventstore;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Message identifiers: unique, canonical UUIDs, and the ones Axon actually uses. */
class EventIdentifiersTest {

    @Test
    void axon_gives_messages_these_identifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(EventIdentifiers.class);
        String eventId = new GenericEventMessage<>("payload").getIdentifier();
        String next = new GenericEventMessage<>("payload").getIdentifier();
        assertThat(eventId).isNotEqualTo(next);
        assertThat(eventId.substring(0, 19)).as("the same JVM's random half").isEqualTo(next.substring(0, 19));
    }

    @Test
    void identifiers_are_unique_canonical_version_4_uuids_across_threads() {
        EventIdentifiers identifiers = new EventIdentifiers();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> {
            String id = identifiers.generateIdentifier();
            assertThat(seen.add(id)).as("%s is new", id).isTrue();
        });
        assertThat(seen).hasSize(200_000);
        for (String id : seen.stream().limit(1_000).toList()) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void two_factories_do_not_share_identifiers() {
        Set<String> first = new HashSet<>();
        EventIdentifiers one = new EventIdentifiers();
        EventIdentifiers other = new EventIdentifiers();
        for (int i = 0; i < 10_000; i++) {
            first.add(one.generateIdentifier());
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(first).doesNotContain(other.generateIdentifier());
        }
        assertThat(one.generateIdentifier().substring(0, 19)).isNotEqualTo(other.generateIdentifier().substring(0, 19));
    }
}
