package org.pathwaysledger.launcher;

import org.pathwaysledger.analytics.AnalyticsServiceApplication;
import org.pathwaysledger.analytics.ui.WebUiLinks;
import org.pathwaysledger.command.CommandServiceApplication;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.pathwaysledger.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The three services in one JVM, each in its own Spring context, sharing the configured (or embedded) PostgreSQL
 * and Kafka. They still meet only through Kafka and HTTP: each has its own schema, consumer group and port.
 * Used by the all-in-one launcher and by the end-to-end tests.
 */
public final class Platform implements AutoCloseable {

    public record Ports(int command, int query, int analytics) {
        public static Ports random() {
            return new Ports(0, 0, 0);
        }
    }

    private final Ports ports;
    private final Map<String, Object> extraProperties;
    private ConfigurableApplicationContext command;
    private ConfigurableApplicationContext query;
    private ConfigurableApplicationContext analytics;

    private Platform(Ports ports, Map<String, Object> extraProperties) {
        this.ports = ports;
        this.extraProperties = extraProperties;
    }

    public static Platform start(Ports ports) {
        return start(ports, Map.of());
    }

    /** Starts the three services; {@code extraProperties} apply to all of them (e.g. a region setting). */
    public static Platform start(Ports ports, Map<String, Object> extraProperties) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // Three contexts must not each re-initialise logging (concurrently, duplicating output): logback.xml rules.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        // Start the shared servers once, before the services race for them.
        PlatformInfrastructure.postgres();
        PlatformInfrastructure.kafkaBootstrapServers();
        Platform platform = new Platform(ports, extraProperties);
        CompletableFuture<ConfigurableApplicationContext> command = CompletableFuture.supplyAsync(platform::startCommand);
        CompletableFuture<ConfigurableApplicationContext> query = CompletableFuture.supplyAsync(platform::startQuery);
        CompletableFuture<ConfigurableApplicationContext> analytics = CompletableFuture.supplyAsync(platform::startAnalytics);
        try {
            platform.command = command.join();
            platform.query = query.join();
            platform.analytics = analytics.join();
            platform.connectWebUi();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private ConfigurableApplicationContext startCommand() {
        return run(CommandServiceApplication::application, ports.command(), false);
    }

    private ConfigurableApplicationContext startQuery() {
        return run(QueryServiceApplication::application, ports.query(), true);
    }

    private ConfigurableApplicationContext startAnalytics() {
        return run(AnalyticsServiceApplication::application, ports.analytics(), true);
    }

    private ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> application, int port, boolean withoutAxon) {
        Map<String, Object> properties = new LinkedHashMap<>(extraProperties);
        properties.put("server.port", port);
        properties.put("spring.main.banner-mode", "off");
        if (withoutAxon) {
            // Axon is on this JVM's classpath for the command service only; the other services must not pick it up.
            properties.put("spring.autoconfigure.exclude", String.join(",", axonAutoConfigurations()));
        }
        // As arguments, not default properties: they must win over each service's own settings (its port, say).
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        return application.get().run(arguments);
    }

    /** Stops the analytics service (as a crash or a deployment would), leaving the others running. */
    public void stopAnalytics() {
        analytics.close();
        analytics = null;
    }

    public void restartAnalytics() {
        if (analytics != null) {
            stopAnalytics();
        }
        analytics = startAnalytics();
        connectWebUi();
    }

    /** The web UI (served by the analytics service) calls the other two from the browser, on the ports they opened. */
    private void connectWebUi() {
        analytics.getBean(WebUiLinks.class).connect(commandUrl(), queryUrl());
    }

    /** The command service's bean of that name (for the import benchmark's heap figures). */
    <T> T commandBean(String name, Class<T> type) {
        return command.getBean(name, type);
    }

    /** The command service's bean of that type (for the import benchmark's publisher-after-import mode). */
    <T> T commandBean(Class<T> type) {
        return command.getBean(type);
    }

    public String commandUrl() {
        return url(command);
    }

    public String queryUrl() {
        return url(query);
    }

    public String analyticsUrl() {
        return url(analytics);
    }

    /** The web UI: dashboards, equity view, program finder and district views. */
    public String webUiUrl() {
        return url(analytics) + "/";
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static List<String> axonAutoConfigurations() {
        List<String> classes = new ArrayList<>();
        try {
            Enumeration<URL> files = Platform.class.getClassLoader()
                    .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
            while (files.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(String::trim).filter(line -> line.startsWith("org.axonframework.")).forEach(classes::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not list Spring Boot auto-configurations", e);
        }
        return classes;
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{analytics, query, command}) {
            if (context != null) {
                context.close();
            }
        }
    }
}
