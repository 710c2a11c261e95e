package org.pathwaysledger.infrastructure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a Spring service at its PostgreSQL and Kafka before anything connects: Spring's own
 * {@code spring.datasource.*} / {@code spring.kafka.bootstrap-servers} win, then the {@code PATHWAYS_*} settings,
 * then the embedded servers of {@link PlatformInfrastructure}.
 */
public class InfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "pathwaysInfrastructure";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> resolved = new HashMap<>();
        if (isBlank(environment.getProperty("spring.datasource.url"))) {
            PlatformInfrastructure.PostgresEndpoint postgres = PlatformInfrastructure.postgres(environment::getProperty);
            resolved.put("spring.datasource.url", postgres.jdbcUrl());
            resolved.put("spring.datasource.username", postgres.username());
            resolved.put("spring.datasource.password", postgres.password());
        }
        if (isBlank(environment.getProperty("spring.kafka.bootstrap-servers"))) {
            resolved.put("spring.kafka.bootstrap-servers", PlatformInfrastructure.kafkaBootstrapServers(environment::getProperty));
        }
        if (!resolved.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, resolved));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public int getOrder() {
        // After application.yml and the environment are loaded, so that configured servers are seen.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
