package org.pathwaysledger.analytics.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the web UI (served by this service) finds the other two services: the district views read the query service
 * (off-track lists) and the command service (imports) from the browser. Set with {@code pathways.ui.command-url} and
 * {@code pathways.ui.query-url}; the all-in-one launcher connects them to the ports it actually opened.
 */
@Component
public class WebUiLinks {

    public record Links(String commandUrl, String queryUrl) {
    }

    private volatile Links links;

    public WebUiLinks(@Value("${pathways.ui.command-url:http://localhost:${PATHWAYS_COMMAND_PORT:8081}}") String commandUrl,
                      @Value("${pathways.ui.query-url:http://localhost:${PATHWAYS_QUERY_PORT:8082}}") String queryUrl) {
        this.links = new Links(commandUrl, queryUrl);
    }

    public Links links() {
        return links;
    }

    /** Called by a launcher that opened the services on ports it chose at start (random ports in tests). */
    public void connect(String commandUrl, String queryUrl) {
        this.links = new Links(commandUrl, queryUrl);
    }
}
