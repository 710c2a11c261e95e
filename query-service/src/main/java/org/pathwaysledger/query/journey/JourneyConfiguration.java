package org.pathwaysledger.query.journey;

import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.pathwaysledger.query.catalogue.CatalogueProjection;
import org.pathwaysledger.query.ontrack.PathwayProgressProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration
public class JourneyConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public TransactionalEventConsumer journeyConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                                      @Value("${pathways.query.consumer-group}") String consumerGroup,
                                                      @Value("${pathways.query.max-poll-records}") int maxPollRecords,
                                                      DataSource dataSource) {
        return new TransactionalEventConsumer(bootstrapServers, consumerGroup, "read_model", dataSource, EventProjection.all(new JourneyProjection(), new CatalogueProjection(), new PathwayProgressProjection()), maxPollRecords);
    }
}
