package org.pathwaysledger.analytics.entry;

import org.pathwaysledger.analytics.aggregate.AnalyticsProjection;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

@Configuration
public class EntryConfiguration {

    /** The serving projection (a bean so its timings can be read, e.g. by the benchmark). */
    @Bean
    public AnalyticsProjection analyticsProjection(RegionSettings region) {
        return new AnalyticsProjection(region.menaReportedSeparately());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public TransactionalEventConsumer analyticsConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                                        @Value("${pathways.analytics.consumer-group}") String consumerGroup,
                                                        @Value("${pathways.analytics.max-poll-records}") int maxPollRecords,
                                                        AnalyticsProjection projection, DataSource dataSource) throws SQLException {
        // Before the first batch: the pre-aggregated counts must match the current metric definitions.
        try (Connection connection = dataSource.getConnection()) {
            if (EquityAggregates.ensureCurrent(connection)) {
                LoggerFactory.getLogger(EntryConfiguration.class).info("Equity counts recomputed from the student-level rows");
            }
        }
        return new TransactionalEventConsumer(bootstrapServers, consumerGroup, "analytics", dataSource,
                projection, maxPollRecords);
    }
}
