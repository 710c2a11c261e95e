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

/**
 * The analytics read models fed by one consumer, a polled batch at a time: the student-level rows (entrants,
 * demographics, outcomes, catalogue) written in JDBC batches, and the pre-aggregated equity counts kept exact around
 * them (the touched students' contribution subtracted before, added after), all on the consumer's transaction.
 */
public final class AnalyticsProjection implements EventProjection {

    private final EntryProjection entry;
    private final OutcomeProjection outcome = new OutcomeProjection();
    private final CatalogueProjection catalogue = new CatalogueProjection();

    public AnalyticsProjection(boolean menaReportedSeparately) {
        this.entry = new EntryProjection(menaReportedSeparately);
    }

    @Override
    public void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        applyBatch(transaction, List.of(new Delivered(envelope, event)));
    }

    @Override
    public void applyBatch(Connection transaction, List<Delivered> events) throws SQLException {
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
        try (StatementBatch batch = new StatementBatch(transaction)) {
            for (Delivered delivered : events) {
                entry.apply(batch, delivered.envelope(), delivered.event());
                outcome.apply(batch, delivered.envelope(), delivered.event());
                catalogue.apply(batch, delivered.envelope(), delivered.event());
            }
        }
        EquityAggregates.add(transaction, students);
    }
}
