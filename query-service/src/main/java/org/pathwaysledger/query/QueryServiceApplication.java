package org.pathwaysledger.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Student-level read models for districts: each student's journey, fed from Kafka, visible to their own district. */
@SpringBootApplication
public class QueryServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service's application; its settings are in query-service.yml, so several services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).properties("spring.config.name=query-service");
    }
}
