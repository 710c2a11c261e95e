package org.pathwaysledger.analytics;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The analytics service started for a test class, on the JVM's embedded PostgreSQL and Kafka. */
public final class AnalyticsServiceRunning implements AutoCloseable {

    public final ConfigurableApplicationContext context;

    private AnalyticsServiceRunning(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AnalyticsServiceRunning start(String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--spring.main.banner-mode=off";
        System.arraycopy(settings, 0, args, 2, settings.length);
        return new AnalyticsServiceRunning(AnalyticsServiceApplication.application().run(args));
    }

    public String url() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String bootstrapServers() {
        return context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** Waits until every distinct event whose id starts with {@code prefix} is applied. */
    public void awaitApplied(String prefix, int events) {
        await(() -> jdbc().sql("select count(*) from processed_event where event_id like :prefix")
                .param("prefix", prefix + "-%").query(Long.class).single() >= events, Duration.ofSeconds(120), events + " events of " + prefix);
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
