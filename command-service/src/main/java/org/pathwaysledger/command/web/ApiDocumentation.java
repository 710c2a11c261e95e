package org.pathwaysledger.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description at /v3/api-docs, browsable at /swagger-ui.html (served locally, no outside calls). */
@Configuration
public class ApiDocumentation {

    @Bean
    public OpenAPI apiDescription() {
        return new OpenAPI().info(new Info()
                .title("Pathways Ledger command service")
                .version("v1")
                .description("Districts and regions record facts: students, pathway enrolments, courses, college credit, work-based learning, credentials, outcomes, corrections; region catalogue, agreements and identity links. Field names are the import format's columns. Every accepted fact becomes an immutable event."));
    }
}
