package org.pathwaysledger.analytics.entry;

import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.outcome.CatalogueProjection;
import org.pathwaysledger.analytics.outcome.OutcomeProjection;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration
public class EntryConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public TransactionalEventConsumer analyticsConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                                        @Value("${pathways.analytics.consumer-group}") String consumerGroup,
                                                        @Value("${pathways.analytics.max-poll-records}") int maxPollRecords,
                                                        RegionSettings region, DataSource dataSource) {
        return new TransactionalEventConsumer(bootstrapServers, consumerGroup, "analytics", dataSource,
                EventProjection.all(new EntryProjection(region.menaReportedSeparately()), new OutcomeProjection(), new CatalogueProjection()), maxPollRecords);
    }
}
