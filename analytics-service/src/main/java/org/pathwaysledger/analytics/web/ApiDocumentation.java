package org.pathwaysledger.analytics.web;

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
                .title("Pathways Ledger analytics service")
                .version("v1")
                .description("Aggregate metrics by subgroup; every count below the region's minimum cell size is suppressed."));
    }
}
