package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.StatementBatch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps each pathway's region, industry sector and CIP code, so metrics can be asked for a sector or a whole region,
 * and Perkins 4S1 knows which field the pathway leads to.
 */
public class CatalogueProjection implements EventProjection {

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        try (StatementBatch batch = new StatementBatch(tx)) {
            apply(batch, envelope, event);
        }
    }

    /** Adds the event's statements to {@code batch} (sent in order, in JDBC batches). */
    public void apply(StatementBatch tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        if (event instanceof PathwayDefined defined) {
            upsert(tx, defined.regionId().value(), defined.pathwayId().value(), defined.definition().industrySector(), defined.definition().cipCode());
        } else if (event instanceof PathwayRevised revised) {
            upsert(tx, revised.regionId().value(), revised.pathwayId().value(), revised.definition().industrySector(), revised.definition().cipCode());
        }
    }

    private static void upsert(StatementBatch tx, String region, String pathway, String sector, String cipCode) throws SQLException {
        tx.addUpsert("insert into catalogue_pathway (region_id, pathway_id, industry_sector, cip_code) values (?, ?, ?, ?) "
                + "on conflict (region_id, pathway_id) do update set industry_sector = excluded.industry_sector, cip_code = excluded.cip_code",
                java.util.List.of(region, pathway), region, pathway, sector, cipCode);
    }
}
