package org.pathwaysledger.analytics.web;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Which moments answers are given "as of" ({@code pathways.analytics.as-of.granularity}). With {@code instant} (the
 * default) any instant may be asked and "now" is the latest event: the freshest answers, but two answers a moment
 * apart differ by the students recorded in between, and a difference of one student is not suppressed. With
 * {@code day} or {@code month}, every answer, "now" included, is as of the end of the last complete day or month (UTC)
 * on or before the moment asked: answers then change once per period, as periodic releases do, and a difference
 * covers everyone recorded in a whole period. The answer's {@code asOf} shows the moment used.
 */
@Component
public class AsOfPolicy {

    public enum Granularity { INSTANT, DAY, MONTH }

    private static final Duration TICK = Duration.ofNanos(1000);

    private final Granularity granularity;
    private final Clock clock;

    @Autowired
    public AsOfPolicy(@Value("${pathways.analytics.as-of.granularity:instant}") String granularity) {
        this(parse(granularity), Clock.systemUTC());
    }

    public AsOfPolicy(Granularity granularity, Clock clock) {
        this.granularity = granularity;
        this.clock = clock;
    }

    /** Any instant, "now" the latest event (the default). */
    public static AsOfPolicy instant() {
        return new AsOfPolicy(Granularity.INSTANT, Clock.systemUTC());
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The moment an answer is given as of: {@link AsOf#parse} of the asked value, moved back to a period's end if so configured. */
    public Instant resolve(String asked) {
        Instant moment = AsOf.parse(asked);
        if (granularity == Granularity.INSTANT) {
            return moment;
        }
        Instant now = clock.instant();
        return periodEndOnOrBefore(moment.isAfter(now) ? now : moment);
    }

    private Instant periodEndOnOrBefore(Instant moment) {
        // A period's end is the instant just before the next period starts, as a date's end is in AsOf.
        LocalDate day = moment.plus(TICK).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = granularity == Granularity.DAY ? day : day.withDayOfMonth(1);
        return start.atStartOfDay(ZoneOffset.UTC).toInstant().minus(TICK);
    }

    private static Granularity parse(String value) {
        try {
            return Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pathways.analytics.as-of.granularity is '" + value + "'; use instant, day or month");
        }
    }
}
