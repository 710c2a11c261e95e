package org.pathwaysledger.query.web;

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
                .title("Pathways Ledger query service")
                .version("v1")
                .description("Student-level journeys for a student's own district, and the region's pathway catalogue."));
    }
}
