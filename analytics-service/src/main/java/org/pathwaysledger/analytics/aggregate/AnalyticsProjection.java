package org.pathwaysledger.analytics.aggregate;

import org.pathwaysledger.analytics.entry.EntryProjection;
import org.pathwaysledger.analytics.outcome.CatalogueProjection;
import org.pathwaysledger.analytics.outcome.OutcomeProjection;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.StatementBatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analytics read models fed by one consumer, a polled batch at a time: the student-level rows (entrants,
 * demographics, outcomes, catalogue) written in JDBC batches, and the pre-aggregated equity counts kept exact around
 * them (the touched students' contribution subtracted before, added after), all on the consumer's transaction.
 *
 * <p>A {@linkplain #catchingUp catching-up} projection (a rebuild's copy, replaying the topics from offset 0) writes
 * the student-level rows only: keeping the counts batch by batch would recompute every student once per batch that
 * touches them, while one set-wise {@link EquityAggregates#recomputeAll} once the copy has caught up gives the same
 * counts for a fraction of the work. Its counts are meaningless until then (nothing reads them: the copy is not
 * serving).
 */
public final class AnalyticsProjection implements EventProjection {

    private final EntryProjection entry;
    private final OutcomeProjection outcome = new OutcomeProjection();
    private final CatalogueProjection catalogue = new CatalogueProjection();
    private final boolean maintainCounts;
    /** A table's pending inserts go by COPY from this many rows on (fewer are not worth the staging). */
    private static final int COPY_FROM = 200;
    private final AtomicLong countsNanos = new AtomicLong();
    private final AtomicLong rowsNanos = new AtomicLong();

    /** The serving projection: student-level rows and the equity counts, kept exact batch by batch. */
    public AnalyticsProjection(boolean menaReportedSeparately) {
        this(menaReportedSeparately, true);
    }

    private AnalyticsProjection(boolean menaReportedSeparately, boolean maintainCounts) {
        this.entry = new EntryProjection(menaReportedSeparately);
        this.maintainCounts = maintainCounts;
    }

    /** A projection that writes the student-level rows only; the counts are computed once it has caught up. */
    public static AnalyticsProjection catchingUp(boolean menaReportedSeparately) {
        return new AnalyticsProjection(menaReportedSeparately, false);
    }

    /** Time spent keeping the equity counts and writing the student-level rows (nanoseconds, since start). */
    public String timings() {
        return String.format("equity counts %.1f s, student-level rows %.1f s", countsNanos.get() / 1e9, rowsNanos.get() / 1e9);
    }

    @Override
    public void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        applyBatch(transaction, List.of(new Delivered(envelope, event)));
    }

    @Override
    public void applyBatch(Connection transaction, List<Delivered> events) throws SQLException {
        if (!maintainCounts) {
            long started = System.nanoTime();
            writeRows(transaction, events);
            rowsNanos.addAndGet(System.nanoTime() - started);
            return;
        }
        long started = System.nanoTime();
        Set<List<String>> touched = new LinkedHashSet<>();
        for (Delivered delivered : events) {
            EventEnvelope envelope = delivered.envelope();
            if (envelope.districtId() != null && envelope.studentId() != null) {
                touched.add(List.of(envelope.districtId(), envelope.studentId()));
            }
        }
        List<String[]> students = new ArrayList<>(touched.size());
        touched.forEach(key -> students.add(key.toArray(String[]::new)));
        EquityAggregates.subtract(transaction, students);
        long subtracted = System.nanoTime();
        writeRows(transaction, events);
        long written = System.nanoTime();
        EquityAggregates.add(transaction, students);
        countsNanos.addAndGet(subtracted - started + System.nanoTime() - written);
        rowsNanos.addAndGet(written - subtracted);
    }

    /**
     * Every statement writes one table and reads no other, so the batch keeps the order per table only. Large batches
     * of inserts go by COPY (see {@link StatementBatch#copying}), serving as well as catching up: an import's polls
     * bring hundreds of registrations or enrolments at once, and binding each of their 7 to 18 parameters for the
     * driver's multi-row inserts (timestamps and dates through {@code Calendar}) was about 40% of the serving
     * consumer thread's CPU. The same statement is applied to the same rows either way.
     */
    private void writeRows(Connection transaction, List<Delivered> events) throws SQLException {
        try (StatementBatch batch = StatementBatch.perTable(transaction).copying(COPY_FROM)) {
            for (Delivered delivered : events) {
                entry.apply(batch, delivered.envelope(), delivered.event());
                outcome.apply(batch, delivered.envelope(), delivered.event());
                catalogue.apply(batch, delivered.envelope(), delivered.event());
            }
        }
    }
}
