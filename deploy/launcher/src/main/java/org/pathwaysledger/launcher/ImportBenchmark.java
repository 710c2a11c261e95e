package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.caching.Cache;
import org.pathwaysledger.command.student.StudentConfiguration;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The import benchmark (deploy/benchmark-import.sh [rows]): starts the platform on embedded PostgreSQL and Kafka,
 * generates a submission of half students and half pathway enrolments, imports it through the public API, and
 * measures rows/s until the import is done and until every entrant is visible in the analytics metric (end to end).
 * It loads the same rows with PostgreSQL COPY as the ceiling, and reports the peak heap of this JVM (all services).
 */
public final class ImportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int students = rows / 2;
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heapUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        ThreadCpu threadCpu = new ThreadCpu();
        sampler.scheduleAtFixedRate(threadCpu::sample, 0, 500, TimeUnit.MILLISECONDS);

        Path folder = Files.createTempDirectory("pathways-benchmark-");
        Path studentsFile = folder.resolve("students.csv");
        Path enrolmentsFile = folder.resolve("pathway_enrollments.csv");
        generate(students, "BENCH-USD", "BENCH-HEALTH", studentsFile, enrolmentsFile);
        System.out.printf("Generated %,d rows (%,d students, %,d enrolments): %.1f MB%n", rows, students, students,
                (Files.size(studentsFile) + Files.size(enrolmentsFile)) / 1e6);

        try (Platform platform = Platform.start(Platform.Ports.random())) {
            Api api = new Api();
            String region = platform.commandUrl() + "/api/v1/regions/BENCH";
            api.put(region, "{\"name\": \"Benchmark region\"}");
            api.put(region + "/members/BENCH-USD", "{\"kind\": \"K12_DISTRICT\"}");
            api.put(region + "/pathways/BENCH-HEALTH", "{\"name\": \"Health\"}");

            // -Dbenchmark.publish-after-import=true: the publisher is stopped during the import and publishes the whole
            // backlog afterwards, in full batches, so its CPU per event does not depend on how far behind the import it ran.
            // -Dbenchmark.warm-up-rows=N: first the same kind of import of N rows into another district and pathway, followed
            // to analytics, then the measured one: a long-running service's JIT is warm when a district's nightly import comes.
            int warmUpRows = Integer.getInteger("benchmark.warm-up-rows", 0);
            if (warmUpRows > 0) {
                api.put(region + "/members/BENCH-WARM", "{\"kind\": \"K12_DISTRICT\"}");
                api.put(region + "/pathways/BENCH-WARM-P", "{\"name\": \"Warm-up\"}");
                Path warmStudents = folder.resolve("warm/students.csv");
                Path warmEnrolments = folder.resolve("warm/pathway_enrollments.csv");
                Files.createDirectories(warmStudents.getParent());
                generate(warmUpRows / 2, "BENCH-WARM", "BENCH-WARM-P", warmStudents, warmEnrolments);
                long warmStarted = System.nanoTime();
                String warmId = api.upload(platform.commandUrl() + "/api/v1/districts/BENCH-WARM/imports", List.of(warmStudents, warmEnrolments));
                while (!api.get(platform.commandUrl() + "/api/v1/imports/" + warmId).hasNonNull("finishedAt")) {
                    Thread.sleep(1_000);
                }
                Files.delete(warmStudents);
                Files.delete(warmEnrolments);
                Files.delete(warmStudents.getParent());
                while (api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=BENCH-WARM-P").path("entrants").path("count").asLong() < warmUpRows / 2) {
                    Thread.sleep(500);
                }
                System.out.printf("  warm-up: %,d rows imported and visible in analytics in %.1f s; the measured import follows%n",
                        warmUpRows, (System.nanoTime() - warmStarted) / 1e9);
            }
            boolean publishAfterImport = Boolean.getBoolean("benchmark.publish-after-import");
            org.axonframework.eventhandling.EventProcessor publisher = platform.commandBean(org.axonframework.config.EventProcessingConfiguration.class)
                    .eventProcessor("kafka-publisher").orElseThrow();
            if (publishAfterImport) {
                publisher.shutDown();
            }
            long started = System.nanoTime();
            CpuTime cpuAtStart = CpuTime.now();
            threadCpu.start();
            String importId = api.upload(platform.commandUrl() + "/api/v1/districts/BENCH-USD/imports", List.of(studentsFile, enrolmentsFile));
            JsonNode status;
            do {
                Thread.sleep(1_000);
                status = api.get(platform.commandUrl() + "/api/v1/imports/" + importId);
                System.out.println("  " + ImportClient.bar(status));
            } while (!status.hasNonNull("finishedAt"));
            double importSeconds = (System.nanoTime() - started) / 1e9;
            if (publishAfterImport) {
                System.out.println("  publishing the backlog");
                publisher.start();
            }
            long entrants;
            do {
                Thread.sleep(500);
                entrants = api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=BENCH-HEALTH").path("entrants").path("count").asLong();
            } while (entrants < students);
            double endToEndSeconds = (System.nanoTime() - started) / 1e9;
            CpuTime cpu = CpuTime.now().minus(cpuAtStart);
            Map<String, Double> byGroup = threadCpu.byGroup();
            double copyRowsPerSecond = copyCeiling(studentsFile, enrolmentsFile, rows);

            System.out.printf("%nImport benchmark, %,d rows (%s)%n", rows, status.get("status").asText());
            System.out.printf("  accepted %,d, rejected %,d%n", status.get("rowsAccepted").asLong(), status.get("rowsRejected").asLong());
            System.out.printf("  import done:               %8.1f s  %,10.0f rows/s%n", importSeconds, rows / importSeconds);
            System.out.printf("  visible in analytics:      %8.1f s  %,10.0f rows/s (end to end)%n", endToEndSeconds, rows / endToEndSeconds);
            System.out.printf("  PostgreSQL COPY ceiling:              %,10.0f rows/s%n", copyRowsPerSecond);
            System.out.printf("  CPU per 1,000 rows:        %8.2f s  (platform JVM %.2f s, PostgreSQL %.2f s); wall-clock figures above%n"
                            + "                             depend on what else the machine runs, this does not: on %d idle cores it allows%n"
                            + "                             about %,.0f rows/s end to end%n",
                    cpu.totalSeconds() * 1000 / rows, cpu.jvmSeconds() * 1000 / rows, cpu.postgresSeconds() * 1000 / rows,
                    Runtime.getRuntime().availableProcessors(), rows * Runtime.getRuntime().availableProcessors() / cpu.totalSeconds());
            double javaThreads = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("  JVM CPU by thread group:   %8.1f s in all; Java threads %.1f s, JIT compilers, GC and other VM threads %.1f s%n",
                    cpu.jvmSeconds(), javaThreads, cpu.jvmSeconds() - javaThreads);
            byGroup.forEach((group, seconds) -> System.out.printf("    %-44s %7.1f s  %5.1f%%%n", group, seconds, 100 * seconds / cpu.jvmSeconds()));
            System.out.printf("  peak heap (all services):  %8.0f MB (max heap %d MB)%n", peakHeap.get() / 1e6,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            studentCacheHeap(platform, students);
        } finally {
            sampler.shutdownNow();
            Files.deleteIfExists(studentsFile);
            Files.deleteIfExists(enrolmentsFile);
            Files.deleteIfExists(folder);
        }
        System.exit(0);
    }

    /**
     * The heap the command service's student cache holds, measured after everything above (so it moves no figure): the
     * live heap after a full collection with the benchmark's students cached, then again once they are dropped.
     */
    private static void studentCacheHeap(Platform platform, int students) throws InterruptedException {
        Cache cache = platform.commandBean(StudentConfiguration.STUDENT_CACHE, Cache.class);
        int cached = 0;
        for (int i = 0; i < students; i++) {
            cached += cache.containsKey("BENCH-USD/B" + i) ? 1 : 0;
        }
        if (cached == 0) {
            System.out.println("  student cache:             none of the benchmark's students cached");
            return;
        }
        long withStudents = liveHeap();
        cache.removeAll();
        long without = liveHeap();
        System.out.printf("  student cache:             %,d students cached hold %.0f MB of live heap, %,d bytes each%n", cached,
                (withStudents - without) / 1e6, (withStudents - without) / cached);
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return heapUsed();
    }

    private static void generate(int students, String district, String pathway, Path studentsFile, Path enrolmentsFile) throws IOException {
        Random random = new Random(42);
        String[] sexes = {"F", "M", "X", "U"};
        String[] races = {"WHITE", "ASIAN", "BLACK", "AIAN", "NHPI", "WHITE;BLACK", ""};
        try (BufferedWriter out = Files.newBufferedWriter(studentsFile);
             BufferedWriter enrol = Files.newBufferedWriter(enrolmentsFile)) {
            out.write("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races,english_learner,disability,economically_disadvantaged,effective_date\n");
            enrol.write("district_id,student_id,pathway_id,school_id,entry_date\n");
            for (int i = 0; i < students; i++) {
                String id = "B" + i;
                out.write(district + "," + id + ",2010-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + ",HS-" + random.nextInt(20)
                        + ",09," + sexes[random.nextInt(4)] + "," + (random.nextBoolean() ? "Y" : "N") + "," + races[random.nextInt(races.length)]
                        + "," + (random.nextInt(5) == 0 ? "Y" : "N") + "," + (random.nextInt(8) == 0 ? "Y" : "N") + ","
                        + (random.nextBoolean() ? "Y" : "N") + ",2025-08-15\n");
                enrol.write(district + "," + id + "," + pathway + ",HS-1,2025-08-20\n");
            }
        }
    }

    /** The same rows loaded by COPY into a scratch table: the database's own ceiling for this data. */
    private static double copyCeiling(Path studentsFile, Path enrolmentsFile, int rows) throws Exception {
        var postgres = PlatformInfrastructure.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             Statement ddl = connection.createStatement()) {
            ddl.execute("create temporary table copy_students (district_id text, student_id text, birth_date date, school_id text, "
                    + "grade_level text, sex text, hispanic text, races text, english_learner text, disability text, "
                    + "economically_disadvantaged text, effective_date date)");
            ddl.execute("create temporary table copy_enrolments (district_id text, student_id text, pathway_id text, school_id text, entry_date date)");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            try (Reader students = Files.newBufferedReader(studentsFile, StandardCharsets.UTF_8);
                 Reader enrolments = Files.newBufferedReader(enrolmentsFile, StandardCharsets.UTF_8)) {
                copy.copyIn("copy copy_students from stdin with (format csv, header true)", students);
                copy.copyIn("copy copy_enrolments from stdin with (format csv, header true)", enrolments);
            }
            return rows / ((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * CPU time of each Java thread from the import's start, sampled every half second (a thread that ends meanwhile keeps
     * what it had at its last sample), summed by what the thread does. The JIT compilers' and GC threads are not Java
     * threads: they are the JVM's CPU less the sum of these.
     */
    static final class ThreadCpu {
        private static final List<Map.Entry<String, Pattern>> GROUPS = List.of(
                Map.entry("import lanes (decide, append)", Pattern.compile("^import-lane")),
                Map.entry("import runner (read, parse), HTTP", Pattern.compile("^import-|^http-nio")),
                Map.entry("Kafka publisher (Axon tracking processor)", Pattern.compile("EventProcessor\\[kafka-publisher")),
                Map.entry("Kafka producer network", Pattern.compile("^kafka-producer-network")),
                Map.entry("journeys consumer (decode, project)", Pattern.compile("^(projection|decode)-query")),
                Map.entry("analytics consumer (decode, project)", Pattern.compile("^(projection|decode)-analytics")),
                Map.entry("common pool (consumers' parallel decode)", Pattern.compile("^ForkJoinPool")),
                Map.entry("in-process Kafka broker", Pattern.compile("^data-plane|^kafka-|^broker-|^controller-|quorum|raft|ExpirationReaper"
                        + "|TxnMarker|AddPartitions|ThrottledChannel|^executor-|client-metrics|group-coordinator")),
                Map.entry("Axon event store, other", Pattern.compile(".")));
        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, Long> latest = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile Map<Long, Long> atStart = Map.of();

        synchronized void sample() {
            long[] ids = threads.getAllThreadIds();
            java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long nanos = threads.getThreadCpuTime(ids[i]);
                if (nanos >= 0 && infos[i] != null) {
                    latest.put(ids[i], nanos);
                    names.put(ids[i], infos[i].getThreadName());
                }
            }
        }

        synchronized void start() {
            sample();
            atStart = Map.copyOf(latest);
        }

        /** CPU seconds per group since {@link #start}, in the groups' order. */
        synchronized Map<String, Double> byGroup() {
            sample();
            Map<String, Double> seconds = new java.util.LinkedHashMap<>();
            GROUPS.forEach(group -> seconds.put(group.getKey(), 0.0));
            latest.forEach((id, nanos) -> {
                String name = names.get(id);
                String group = GROUPS.stream().filter(g -> g.getValue().matcher(name).find()).findFirst().orElseThrow().getKey();
                seconds.merge(group, (nanos - atStart.getOrDefault(id, 0L)) / 1e9, Double::sum);
            });
            return seconds;
        }
    }

    /** CPU time used so far by this JVM (all services, the broker, the import) and by the embedded PostgreSQL's processes. */
    record CpuTime(double jvmSeconds, double postgresSeconds) {
        static CpuTime now() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            // The embedded server runs detached from this JVM: find its postmaster by port, then count it and its backends.
            String port = " -p " + java.net.URI.create(PlatformInfrastructure.postgres().jdbcUrl().substring("jdbc:".length())).getPort() + " ";
            double postgres = ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().map(line -> line.contains("/postgres ") && line.contains(port)).orElse(false))
                    .flatMap(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants()))
                    .mapToDouble(process -> process.info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0))
                    .sum();
            return new CpuTime(jvm, postgres);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }

        double totalSeconds() {
            return jvmSeconds + postgresSeconds;
        }
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** Minimal HTTP for the benchmark driver. */
    private static final class Api {
        private final HttpClient http = HttpClient.newHttpClient();

        JsonNode get(String url) throws IOException, InterruptedException {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }

        void put(String url, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        String upload(String url, List<Path> files) throws IOException, InterruptedException {
            String boundary = "bench-boundary";
            var parts = new java.util.ArrayList<java.io.InputStream>();
            for (Path file : files) {
                parts.add(new java.io.ByteArrayInputStream(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
                parts.add(Files.newInputStream(file));
                parts.add(new java.io.ByteArrayInputStream("\r\n".getBytes(StandardCharsets.UTF_8)));
            }
            parts.add(new java.io.ByteArrayInputStream(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(java.util.Collections.enumeration(parts))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Upload refused: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("importId").asText();
        }
    }
}
