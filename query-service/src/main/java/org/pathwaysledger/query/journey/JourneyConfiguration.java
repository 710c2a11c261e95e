package org.pathwaysledger.query.journey;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.pathwaysledger.query.catalogue.CatalogueProjection;
import org.pathwaysledger.query.ontrack.PathwayProgressProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

@Configuration
public class JourneyConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public TransactionalEventConsumer journeyConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                                      @Value("${pathways.query.consumer-group}") String consumerGroup,
                                                      @Value("${pathways.query.max-poll-records}") int maxPollRecords,
                                                      DataSource dataSource) {
        return new TransactionalEventConsumer(bootstrapServers, consumerGroup, "read_model", dataSource, readModels(), maxPollRecords);
    }

    /**
     * The journeys (written a polled batch at a time), then the catalogue and the on-track facts event by event. They
     * share no table and none reads another's, so applying them one after the other leaves the same rows as
     * interleaving them event by event.
     */
    static EventProjection readModels() {
        JourneyProjection journeys = new JourneyProjection();
        EventProjection others = EventProjection.all(new CatalogueProjection(), new PathwayProgressProjection());
        return new EventProjection() {
            @Override
            public void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) throws SQLException {
                applyBatch(transaction, List.of(new Delivered(envelope, event)));
            }

            @Override
            public void applyBatch(Connection transaction, List<Delivered> events) throws SQLException {
                journeys.applyBatch(transaction, events);
                others.applyBatch(transaction, events);
            }
        };
    }
}
