package org.pathwaysledger.command.eventstore;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The identifiers Axon gives messages (every event's {@code eventId}, every command and result), found by Axon through
 * its {@link IdentifierFactory} service-loader hook ({@code META-INF/services}). Axon's default draws a fresh
 * {@code SecureRandom} UUID for each, 5% of an import lane's CPU; what an identifier needs is to be unique, not to be
 * unpredictable. Each JVM draws 60 random bits once, and numbers its identifiers with a 62-bit counter that starts at
 * a random value: unique within the JVM for 2^62 messages, and two JVMs (restarts, more instances) share the random half
 * with probability 2^-60. The text is a canonical UUID (version 4 and variant bits set), as consumers expect.
 */
public final class EventIdentifiers extends IdentifierFactory {

    private static final long VERSION_MASK = 0xFFFF_FFFF_FFFF_0FFFL;
    private static final long VERSION_4 = 0x0000_0000_0000_4000L;
    private static final long COUNTER_BITS = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final long VARIANT_RFC_4122 = 0x8000_0000_0000_0000L;

    private final long mostSignificant;
    private final AtomicLong counter;

    public EventIdentifiers() {
        SecureRandom random = new SecureRandom();
        this.mostSignificant = (random.nextLong() & VERSION_MASK) | VERSION_4;
        this.counter = new AtomicLong(random.nextLong());
    }

    @Override
    public String generateIdentifier() {
        return new UUID(mostSignificant, (counter.getAndIncrement() & COUNTER_BITS) | VARIANT_RFC_4122).toString();
    }
}
