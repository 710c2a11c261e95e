package org.pathwaysledger.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Takes districts' facts (REST and imports), decides them in Axon aggregates, stores and publishes the events. */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            application().run(args);
        } catch (RuntimeException e) {
            // A failed start can leave Axon processor threads running; do not linger half-started.
            System.exit(1);
        }
    }

    /** The service's application; its settings are in command-service.yml, so several services can share one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).properties("spring.config.name=command-service");
    }
}
