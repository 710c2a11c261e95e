package org.pathwaysledger.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executors;

@Configuration
public class CommandServiceConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * Two requests for the same student at once race for the next sequence number; the loser is retried on the
     * student's new state instead of failing the district's request.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(runnable -> {
                            Thread thread = new Thread(runnable, "command-retry");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        .retryInterval(20)
                        .maxRetryCount(5)
                        .build())
                .build();
    }
}
