package org.pathwaysledger.analytics;

import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Equity and outcome metrics for analysts and regions: aggregates only, always through small-cell suppression. */
@SpringBootApplication
@EnableConfigurationProperties(RegionSettings.class)
public class AnalyticsServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service's application; its settings are in analytics-service.yml, so several services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AnalyticsServiceApplication.class).properties("spring.config.name=analytics-service");
    }

    @Bean
    SmallCellSuppression smallCellSuppression(RegionSettings region) {
        return new SmallCellSuppression(region.minimumCellSize());
    }
}
