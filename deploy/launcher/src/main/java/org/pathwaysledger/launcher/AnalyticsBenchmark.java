package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import java.math.BigDecimal;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.Topics;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The analytics benchmark (deploy/benchmark-analytics.sh [students] [events]):
 * <ol>
 *   <li>query latency: loads {@code students} entrants of one pathway of region BENCH-R straight into the analytics
 *       tables (COPY), computes the pre-aggregated equity counts from them, then times the equity queries (one
 *       metric, all groups, one region) through the API: p50 / p95 / max;</li>
 *   <li>replay: publishes {@code events} events (registrations, then as many enrolments, statuses and credits for
 *       a quarter of those students) onto the student topic and times the analytics consumer until it has applied
 *       them all: events/s;</li>
 *   <li>rebuild: asks the admin endpoint for a rebuild of the read model from the topics and times it until the
 *       switch (the COPY-loaded entrants are not on the topics, so the switched copy holds only the replayed
 *       events).</li>
 * </ol>
 */
public final class AnalyticsBenchmark {

    private static final ObjectMapper JSON = PublishedJson.mapper();

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        // "rebuild-only": no serving replay (its consumer is stopped before anything is published), so a replay of
        // millions of events can be timed as a rebuild alone: publish, then rebuild from the topics.
        boolean rebuildOnly = args.length > 2 && args[2].equals("rebuild-only");
        // The analytics service alone (on the embedded PostgreSQL and Kafka): the command and query services would
        // only compete for the CPU (the query service's consumer reads the same topics).
        try (AnalyticsOnly platform = AnalyticsOnly.start()) {
            loadEntrants(students);
            HttpClient http = HttpClient.newHttpClient();
            System.out.printf("%nAnalytics benchmark: %,d entrants of one pathway of region BENCH-R%n", students);
            // Baseline: the cheapest endpoint (no SQL), to show what the machine adds to any request.
            List<String> paths = new ArrayList<>(List.of("/api/v1/freshness"));
            for (String metric : List.of("pathway-entry", "concentrator-rate", "early-college-credit")) {
                paths.add("/api/v1/metrics/" + metric + "?region=BENCH-R");
            }
            for (String path : paths) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 22; i++) {
                    Thread.sleep(50);
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                    }
                    if (i >= 2) {
                        millis.add((System.nanoTime() - started) / 1_000_000);
                    }
                }
                Collections.sort(millis);
                System.out.printf("  %-50s p50 %,6d ms   p95 %,6d ms   max %,6d ms  (20 requests after 2 warm-up)%n", path,
                        millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
            }
            // The same question in-process, without HTTP: what the pre-aggregated read itself costs.
            var aggregates = platform.context().getBean(org.pathwaysledger.analytics.aggregate.EquityAggregateQuery.class);
            var region = org.pathwaysledger.analytics.scope.Scope.of(null, null, "BENCH-R", null, null);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 102; i++) {
                long started = System.nanoTime();
                aggregates.count("concentrator-rate", region);
                if (i >= 2) {
                    micros.add((System.nanoTime() - started) / 1_000);
                }
            }
            Collections.sort(micros);
            System.out.printf("  %-50s p50 %,6.1f ms   p95 %,6.1f ms   max %,6.1f ms  (100 reads after 2 warm-up)%n",
                    "in-process read of the counts (no HTTP)", micros.get(49) / 1e3, micros.get(94) / 1e3, micros.get(99) / 1e3);
            if (rebuildOnly) {
                platform.context().getBean(org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer.class).close();
                publish(events);
            } else {
                double replay = replay(platform, http, events);
                System.out.printf("  replay into analytics:  %,10.0f events/s (%,d events: registrations, then enrolments, statuses, credits)%n", replay, events);
            }
            if (rebuildOnly) {
                // A service rebuilds while it runs, its code long compiled by then; this JVM has only published. So
                // the rebuild runs twice: first with the replay path still cold (the JIT compiles it meanwhile,
                // on the same two cores), then again, warm.
                System.out.println("  first rebuild (the replay path not yet compiled by the JIT):");
                rebuild(platform, http);
                System.out.println("  second rebuild (warm):");
            }
            rebuild(platform, http);
        }
        System.exit(0);
    }

    /** Entrants with demographics and a third of them concentrators, written straight into the read model. */
    private static void loadEntrants(int students) throws Exception {
        var postgres = PlatformInfrastructure.postgres();
        Random random = new Random(11);
        String[] races = {"HISPANIC_OR_LATINO", "WHITE", "ASIAN", "BLACK_OR_AFRICAN_AMERICAN", "TWO_OR_MORE_RACES", "AMERICAN_INDIAN_OR_ALASKA_NATIVE"};
        String[] sexes = {"F", "M", "X", "U"};
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            int chunk = 100_000;
            for (int from = 0; from < students; from += chunk) {
                StringBuilder demographics = new StringBuilder();
                StringBuilder entrants = new StringBuilder();
                StringBuilder statuses = new StringBuilder();
                for (int i = from; i < Math.min(students, from + chunk); i++) {
                    String id = "BS" + i;
                    demographics.append("BENCH-USD,").append(id).append(",0,2025-08-01,HS-1,09,2025,").append(races[random.nextInt(races.length)])
                            .append(',').append(sexes[random.nextInt(4)]).append(',').append(random.nextInt(5) == 0).append(',').append(random.nextInt(8) == 0)
                            .append(',').append(random.nextBoolean()).append(",false,false,false,false,false,2026-01-01T00:00:00Z\n");
                    entrants.append("BENCH-USD,").append(id).append(",BENCH-P,HS-1,2025-08-20,1,2026-01-01T00:00:00Z\n");
                    if (random.nextInt(3) == 0) {
                        statuses.append("BENCH-USD,").append(id).append(",BENCH-P,CONCENTRATOR,2026-06-30,5,2026-07-01T00:00:00Z\n");
                    }
                }
                copy.copyIn("copy analytics.student_demographics (district_id, student_id, sequence, effective_date, school_id, grade_level, cohort_year, "
                        + "race_ethnicity, sex, english_learner, disability, economically_disadvantaged, foster, homeless, migrant, military_connected, "
                        + "single_parent, recorded_at) from stdin with (format csv)", new StringReader(demographics.toString()));
                copy.copyIn("copy analytics.pathway_entrant (district_id, student_id, pathway_id, school_id, entry_date, entry_sequence, recorded_at) "
                        + "from stdin with (format csv)", new StringReader(entrants.toString()));
                copy.copyIn("copy analytics.pathway_status (district_id, student_id, pathway_id, status, reached_on, sequence, recorded_at) "
                        + "from stdin with (format csv)", new StringReader(statuses.toString()));
            }
            connection.createStatement().execute("insert into analytics.catalogue_pathway (region_id, pathway_id, industry_sector) "
                    + "values ('BENCH-R', 'BENCH-P', 'Manufacturing and Product Development') on conflict do nothing");
            connection.createStatement().execute("analyze");
            System.out.printf("Loaded %,d entrants into the analytics tables in %.1f s%n", students, (System.nanoTime() - started) / 1e9);
            // The rows bypassed the projection: compute the pre-aggregated counts from them, as an upgrade would.
            long aggregating = System.nanoTime();
            connection.setAutoCommit(false);
            connection.createStatement().execute("set search_path to analytics");
            EquityAggregates.recomputeAll(connection);
            connection.commit();
            connection.setAutoCommit(true);
            System.out.printf("Computed the pre-aggregated equity counts from them in %.1f s%n", (System.nanoTime() - aggregating) / 1e9);
        }
    }

    /** Publishes the replay events (nothing consumes them but a rebuild). */
    private static void publish(int events) throws Exception {
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                EventEnvelope envelope = replayEnvelope(i, events);
                producer.send(new ProducerRecord<>(Topics.STUDENT_EVENTS, "REPLAY-USD/" + envelope.studentId(), JSON.writeValueAsString(envelope)));
            }
        }
        System.out.printf("  published %,d events in %.1f s (serving consumer stopped: rebuild only); load average %s%n", events,
                (System.nanoTime() - started) / 1e9, loadAverage());
    }

    private static double replay(AnalyticsOnly platform, HttpClient http, int events) throws Exception {
        long before = freshness(platform, http).get("eventsApplied").asLong();
        long started = System.nanoTime();
        CpuMeter cpu = new CpuMeter();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                EventEnvelope envelope = replayEnvelope(i, events);
                producer.send(new ProducerRecord<>(Topics.STUDENT_EVENTS, "REPLAY-USD/" + envelope.studentId(), JSON.writeValueAsString(envelope)));
            }
        }
        while (freshness(platform, http).get("eventsApplied").asLong() < before + events) {
            cpu.sample();
            Thread.sleep(200);
        }
        double rate = events / ((System.nanoTime() - started) / 1e9);
        double jvm = cpu.jvmSeconds();
        double postgres = cpu.postgresSeconds();
        System.out.printf("  replay CPU: %.1f s (this JVM: producer, broker, consumer %.1f s; PostgreSQL backends %.1f s), %,.0f events per CPU-second; load average %s%n",
                jvm + postgres, jvm, postgres, events / (jvm + postgres), loadAverage());
        var consumer = platform.context().getBean(org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer.class);
        System.out.printf("  replay consumer thread: %s (%s)%n", consumer.timings(),
                platform.context().getBean(org.pathwaysledger.analytics.aggregate.AnalyticsProjection.class).timings());
        System.out.printf("  replay JVM CPU by thread: %s%n", cpu.topThreads(10));
        return rate;
    }

    /** Rebuilds the read model from the topics through the admin endpoint and times it until the switch. */
    private static void rebuild(AnalyticsOnly platform, HttpClient http) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + "/api/v1/admin/rebuilds"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("id").asText();
        CpuMeter cpu = new CpuMeter();
        JsonNode progress;
        // Samples while replaying: wall time, events applied, CPU (JVM, PostgreSQL), for the steady-state rate.
        List<double[]> replaying = new ArrayList<>();
        do {
            Thread.sleep(500);
            progress = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + "/api/v1/admin/rebuilds/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (progress.get("message").asText().startsWith("replaying")) {
                replaying.add(new double[] {(System.nanoTime() - started) / 1e9, progress.get("eventsApplied").asLong(), cpu.jvmSeconds(), cpu.postgresSeconds()});
            } else {
                cpu.sample();
            }
        } while (!List.of("SWITCHED", "FAILED").contains(progress.get("state").asText()));
        System.out.printf("  rebuild from the topics: %s in %.1f s, %,d events applied at %,.0f events/s (%s)%n", progress.get("state").asText(),
                (System.nanoTime() - started) / 1e9, progress.get("eventsApplied").asLong(), progress.get("eventsPerSecond").asDouble(),
                progress.get("message").asText());
        double jvm = cpu.jvmSeconds();
        double postgres = cpu.postgresSeconds();
        System.out.printf("  rebuild CPU: %.1f s (JVM %.1f s, PostgreSQL %.1f s), %,.0f events per CPU-second; load average %s%n", jvm + postgres,
                jvm, postgres, progress.get("eventsApplied").asLong() / (jvm + postgres), loadAverage());
        System.out.printf("  rebuild phases (s): %s%n", progress.get("phaseSeconds"));
        if (replaying.size() >= 4) {
            // The second half of the replaying phase: from the first sample past half the events to the last sample.
            double[] last = replaying.get(replaying.size() - 1);
            double[] half = replaying.stream().filter(sample -> sample[1] >= last[1] / 2).findFirst().orElse(replaying.get(0));
            double events = last[1] - half[1];
            double seconds = last[0] - half[0];
            double jvmCpu = last[2] - half[2];
            double pgCpu = last[3] - half[3];
            if (events > 0 && seconds > 0) {
                System.out.printf("  replaying phase, second half: %,.0f events in %.1f s = %,.0f events/s; CPU %.1f s (JVM %.1f, PostgreSQL %.1f) = %.1f us/event%n",
                        events, seconds, events / seconds, jvmCpu + pgCpu, jvmCpu, pgCpu, (jvmCpu + pgCpu) * 1e6 / events);
            }
        }
        System.out.printf("  rebuild JVM CPU by thread: %s%n", cpu.topThreads(10));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU time used by this JVM and by the embedded PostgreSQL (its postmaster, found by port, and backends),
     * sampled, so that a rate can be given per CPU-second as well as per wall-clock second on a machine shared with
     * other work. A backend first seen after the start counts from zero.
     */
    static final class CpuMeter {
        private final long jvmStart = cpuNanos(ProcessHandle.current());
        private final Map<String, Long> threadsStart = threadTicks();
        private final Map<Long, long[]> postgres = new java.util.HashMap<>();
        private final java.util.Optional<ProcessHandle> postmaster;
        private boolean started;

        CpuMeter() {
            String port = " -p " + URI.create(PlatformInfrastructure.postgres().jdbcUrl().substring(5)).getPort() + " ";
            postmaster = ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().map(line -> line.contains("/bin/postgres") && line.contains(port)).orElse(false))
                    .findFirst();
            sample();
            started = true;
        }

        void sample() {
            postmaster.ifPresent(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()).forEach(process -> {
                long used = cpuNanos(process);
                long[] seen = postgres.computeIfAbsent(process.pid(), pid -> new long[]{started ? 0 : used, used});
                seen[1] = Math.max(used, seen[1]);
            }));
        }

        double seconds() {
            return jvmSeconds() + postgresSeconds();
        }

        double jvmSeconds() {
            return (cpuNanos(ProcessHandle.current()) - jvmStart) / 1e9;
        }

        double postgresSeconds() {
            sample();
            long total = 0;
            for (long[] process : postgres.values()) {
                total += process[1] - process[0];
            }
            return total / 1e9;
        }

        /** Where this JVM's CPU went since the start, by thread name (Linux /proc; GC and JIT threads included). */
        String topThreads(int count) {
            Map<String, Long> now = threadTicks();
            Map<String, Long> used = new java.util.HashMap<>();
            now.forEach((name, ticks) -> used.merge(name, ticks - threadsStart.getOrDefault(name, 0L), Long::sum));
            return used.entrySet().stream().filter(entry -> entry.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count).map(entry -> String.format("%s %.1f s", entry.getKey(), entry.getValue() / 100.0))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        /** CPU ticks (1/100 s) per thread name, threads of the same name (digits dropped) summed. */
        private static Map<String, Long> threadTicks() {
            Map<String, Long> ticks = new java.util.HashMap<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                    } catch (java.io.IOException | RuntimeException e) {
                        // a thread that ended meanwhile
                    }
                });
            } catch (java.io.IOException e) {
                // not Linux: no breakdown
            }
            return ticks;
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
    }

    /** The analytics service started on its own, on a random port. */
    record AnalyticsOnly(org.springframework.context.ConfigurableApplicationContext context) implements AutoCloseable {

        static AnalyticsOnly start() {
            return new AnalyticsOnly(org.pathwaysledger.analytics.AnalyticsServiceApplication.application().run("--server.port=0",
                    "--spring.main.banner-mode=off", "--spring.autoconfigure.exclude=" + String.join(",", Platform.axonAutoConfigurations())));
        }

        String analyticsUrl() {
            return "http://localhost:" + ((org.springframework.boot.web.context.WebServerApplicationContext) context).getWebServer().getPort();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static JsonNode freshness(AnalyticsOnly platform, HttpClient http) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + "/api/v1/freshness")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static final Demographics REPLAY_WHO = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), false, false, true, false, false, false,
            false, false);

    /**
     * The {@code i}-th of {@code events} replay events: first registrations (half of them); then, for the first
     * students, an enrolment, a concentrator status and a college credit. Shared with {@link EnvelopeReadBenchmark}.
     */
    static EventEnvelope replayEnvelope(int i, int events) {
        int registrations = Math.max(1, events / 2);
        int student = i < registrations ? i : (i - registrations) / 3;
        int kind = i < registrations ? 0 : 1 + (i - registrations) % 3;
        DistrictId district = DistrictId.of("REPLAY-USD");
        StudentId id = StudentId.of("R" + student);
        PublishedEvent event = switch (kind) {
            case 0 -> new StudentRegistered(district, id, new StudentRegistration(null, LocalDate.of(2010, 1, 1), SchoolId.of("HS-1"),
                    GradeLevel.G09, 2025, REPLAY_WHO), LocalDate.of(2025, 8, 1), EventSource.api("benchmark"));
            case 1 -> new StudentEnrolledInPathway(district, id, PathwayId.of("REPLAY-P"), SchoolId.of("HS-1"), LocalDate.of(2025, 8, 20), 1,
                    EventSource.api("benchmark"));
            case 2 -> new PathwayStatusReached(district, id, PathwayId.of("REPLAY-P"), PathwayStatus.CONCENTRATOR, LocalDate.of(2026, 6, 1),
                    false, CompletionRule.PERKINS_TWO_COURSES, EventSource.api("benchmark"));
            default -> new CollegeCreditEarned(district, id, CollegeCreditType.DUAL, CollegeId.of("CC-1"), "MFG-101", BigDecimal.valueOf(3),
                    new SchoolYear(2025), "FALL", true, null, null, EventSource.api("benchmark"));
        };
        return new EventEnvelope(UUID.randomUUID().toString(), PublishedEventTypes.nameOf(event), "1", null, "REPLAY-USD",
                id.value(), kind + 1, Instant.now(), JSON.valueToTree(event));
    }
}
