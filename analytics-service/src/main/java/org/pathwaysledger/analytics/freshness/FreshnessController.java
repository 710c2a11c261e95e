package org.pathwaysledger.analytics.freshness;

import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FreshnessController {

    private final TransactionalEventConsumer consumer;

    public FreshnessController(TransactionalEventConsumer consumer) {
        this.consumer = consumer;
    }

    /** How fresh the metrics are: the newest event applied, and how many events are not applied yet (lag). */
    @GetMapping("/api/v1/freshness")
    public ProjectionStatus freshness() {
        return consumer.status();
    }
}
