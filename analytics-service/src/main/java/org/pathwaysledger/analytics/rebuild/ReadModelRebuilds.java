package org.pathwaysledger.analytics.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.pathwaysledger.analytics.bi.BiViews;
import org.pathwaysledger.analytics.aggregate.AnalyticsProjection;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.analytics.region.RegionSettings;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.InMemoryProcessedIds;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the analytics read model from the Kafka topics while the current one keeps serving, then switches.
 *
 * <ol>
 *   <li>A fresh schema {@code analytics_v<N>} is created and migrated by Flyway with the service's own migrations.</li>
 *   <li>A new consumer group ({@code consumers} of them, sharing the partitions) replays both topics from offset 0
 *       into it in catch-up mode: the student-level rows only, large polls, COPY (see
 *       {@link AnalyticsProjection#catchingUp}); when caught up the equity counts are computed once, set-wise. As
 *       with the serving copy it is exactly once: its offsets and processed ids live in the new schema (the ids found
 *       in memory and written without their primary key, built once caught up: {@link InMemoryProcessedIds}).</li>
 *   <li>When it has caught up (lag at most {@code switch-lag}), its consumers stop, its counts are computed and,
 *       between two batches of the
 *       serving consumer, one PostgreSQL transaction renames {@code analytics} to {@code analytics_retired_<N>} and
 *       the new schema to {@code analytics}, and hands the new copy's stored offsets to the serving consumer group.
 *       Every query, view and the serving consumer name the schema {@code analytics}, so all of them move at once;
 *       the serving consumer continues from the new copy's offsets (events it had applied to the old copy in the
 *       meantime are read again, and applied once to the new one).</li>
 *   <li>The old schema is dropped, unless objects outside it (e.g. a BI user's own views) depend on it: then it is
 *       kept and the progress says so.</li>
 * </ol>
 * One rebuild at a time per service instance.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final String SERVING_SCHEMA = "analytics";
    /** Tables that are not projections of the topics: carried from the serving copy into the new one at the switch. */
    private static final java.util.List<String> CARRIED_OVER = java.util.List.of("nontraditional_field", "published_metric", "published_cell", "published_refresh");
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final DataSource dataSource;
    private final TransactionalEventConsumer serving;
    private final RegionSettings region;
    private final String bootstrapServers;
    private final String servingGroup;
    private final int maxPollRecords;
    private final int consumerCount;
    private final long switchLag;
    private final int dedupCapacity;
    private final boolean logThenFold;
    /** Connections folding tables (log, then fold), besides the one building the processed ids' key, then counting at once. */
    private final int foldConnections;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final AtomicReference<Rebuild> running = new AtomicReference<>();

    public ReadModelRebuilds(DataSource dataSource, TransactionalEventConsumer serving, RegionSettings region,
                             @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                             @Value("${pathways.analytics.consumer-group}") String servingGroup,
                             @Value("${pathways.analytics.rebuild.max-poll-records:20000}") int maxPollRecords,
                             @Value("${pathways.analytics.rebuild.switch-lag:1000}") long switchLag,
                             @Value("${pathways.analytics.rebuild.consumers:2}") int consumerCount,
                             @Value("${pathways.analytics.rebuild.dedup-capacity:2000000}") int dedupCapacity,
                             @Value("${pathways.analytics.rebuild.log-then-fold:true}") boolean logThenFold,
                             @Value("${pathways.analytics.rebuild.fold-connections:2}") int foldConnections) {
        this.dataSource = dataSource;
        this.serving = serving;
        this.region = region;
        this.bootstrapServers = bootstrapServers;
        this.servingGroup = servingGroup;
        this.maxPollRecords = maxPollRecords;
        this.switchLag = switchLag;
        this.consumerCount = Math.max(1, consumerCount);
        this.dedupCapacity = dedupCapacity;
        this.logThenFold = logThenFold;
        this.foldConnections = Math.max(1, foldConnections);
    }

    /** Thrown when a rebuild is asked while another is running. */
    public static final class AlreadyRunning extends RuntimeException {
        public final String runningId;

        AlreadyRunning(String runningId) {
            super("A rebuild is already running: " + runningId);
            this.runningId = runningId;
        }
    }

    /** Starts a rebuild; it runs in the background. */
    public RebuildProgress start() throws SQLException {
        String id = UUID.randomUUID().toString();
        Rebuild rebuild = new Rebuild(id);
        if (!running.compareAndSet(null, rebuild)) {
            throw new AlreadyRunning(running.get().id);
        }
        try {
            rebuild.number = nextNumber();
            rebuild.schema = "analytics_v" + rebuild.number;
            rebuild.group = servingGroup + ".rebuild-" + rebuild.number;
            rebuilds.put(id, rebuild);
            Thread thread = new Thread(rebuild::run, "analytics-rebuild-" + rebuild.number);
            thread.setDaemon(true);
            thread.start();
            return rebuild.progress();
        } catch (SQLException | RuntimeException e) {
            running.set(null);
            throw e;
        }
    }

    /** On shutdown a rebuild in progress stops; its schema is left unswitched (start a new rebuild later). */
    @jakarta.annotation.PreDestroy
    void stop() {
        Rebuild current = running.get();
        if (current != null && current.state == RebuildProgress.State.BUILDING) {
            current.consumers.forEach(TransactionalEventConsumer::close);
        }
    }

    public Optional<RebuildProgress> progress(String id) {
        return Optional.ofNullable(rebuilds.get(id)).map(Rebuild::progress);
    }

    public List<RebuildProgress> all() {
        return rebuilds.values().stream().map(Rebuild::progress).sorted((a, b) -> b.startedAt().compareTo(a.startedAt())).toList();
    }

    private int nextNumber() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select coalesce(max(cast(substring(nspname from '^analytics_(?:v|retired_)([0-9]+)$') as integer)), 1) "
                     + "from pg_namespace where nspname ~ '^analytics_(v|retired_)[0-9]+$'")) {
            row.next();
            return row.getInt(1) + 1;
        }
    }

    private final class Rebuild {
        final String id;
        final Instant startedAt = Instant.now();
        volatile int number;
        volatile String schema;
        volatile String group;
        volatile RebuildProgress.State state = RebuildProgress.State.BUILDING;
        /** The rebuild's consumers, one group: Kafka shares the partitions among them (a student's events stay on one). */
        volatile List<TransactionalEventConsumer> consumers = List.of();
        /** Every partition of the topics replayed ("topic-partition"), as the progress names them. */
        volatile java.util.Set<String> partitions = java.util.Set.of();
        /** Events applied by consumers already closed (the catch-up's, once the tail's run). */
        volatile long appliedBefore;
        volatile long finalApplied;
        volatile Instant caughtUpAt;
        volatile Instant switchedAt;
        volatile String retiredSchema;
        volatile boolean retiredDropped;
        volatile String message = "migrating the new schema";
        /** Seconds spent in each finished phase, in order. */
        final Map<String, Double> phases = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        Rebuild(String id) {
            this.id = id;
        }

        void run() {
            HikariDataSource target = null;
            try {
                target = dataSourceFor(schema);
                Flyway.configure().dataSource(target).schemas(schema).defaultSchema(schema)
                        .locations("classpath:db/analytics").load().migrate();
                try (Connection connection = target.getConnection()) {
                    EquityAggregates.ensureCurrent(connection);
                    if (dedupCapacity > 0) {
                        InMemoryProcessedIds.dropPrimaryKey(connection, schema);
                    }
                    if (logThenFold) {
                        CatchUpLog.createLogs(connection, schema);
                    }
                }
                // The fresh copy's processed ids: found in memory, written by COPY, their primary key built once caught up.
                InMemoryProcessedIds processedIds = dedupCapacity > 0 ? new InMemoryProcessedIds(schema, dedupCapacity) : null;
                // Log, then fold (the default): each event's rows only appended to staging tables while replaying,
                // the read-model tables computed from them set-wise once caught up. Otherwise the student-level rows
                // are upserted batch by batch (the previous catch-up, kept for comparison).
                CatchUpLog catchUpLog = logThenFold ? new CatchUpLog(region.menaReportedSeparately()) : null;
                EventProjection projection = logThenFold ? catchUpLog : AnalyticsProjection.catchingUp(region.menaReportedSeparately());
                // Several consumers, so one's JSON reading overlaps another's database work. Each writes its own
                // partitions' rows and offsets (a student's events are on one partition), and no counts per batch.
                List<TransactionalEventConsumer> started = new java.util.ArrayList<>();
                for (int i = 0; i < consumerCount; i++) {
                    TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrapServers, group, schema, target, projection, maxPollRecords);
                    if (processedIds != null) {
                        consumer.processedIdsInMemory(processedIds);
                    }
                    if (consumerCount > 1) {
                        // Each consumer reads its polls on its own decoding thread: together they use the cores.
                        consumer.decodeOnOneThread();
                    }
                    started.add(consumer.start());
                }
                consumers = List.copyOf(started);
                partitions = allPartitions().stream().map(partition -> partition.topic() + "-" + partition.partition()).collect(java.util.stream.Collectors.toSet());
                message = logThenFold
                        ? "replaying the topics from offset 0 into " + schema + " (each event's rows appended to staging tables, "
                                + "folded into the read-model tables once caught up); the current read model keeps serving"
                        : "replaying the topics from offset 0 into " + schema + " (student-level rows only; the equity counts are "
                                + "computed once caught up); the current read model keeps serving";
                log.info("Rebuild {}: replaying into {} with consumer group {}", id, schema, group);
                while (!caughtUp()) {
                    if (consumers.stream().anyMatch(consumer -> !consumer.status().running())) {
                        throw new IllegalStateException("a rebuild consumer stopped");
                    }
                    Thread.sleep(CHECK_EVERY.toMillis());
                }
                caughtUpAt = Instant.now();
                consumers.forEach(TransactionalEventConsumer::close);
                appliedBefore = applied();
                consumers = List.of();
                phases.put("replaying", seconds(startedAt, caughtUpAt));
                log.info("Rebuild {}: caught up, {} events in {} s ({}; {})", id, appliedBefore, phases.get("replaying"),
                        started.stream().map(consumer -> consumer.timings().toString()).collect(java.util.stream.Collectors.joining("; ")),
                        logThenFold ? catchUpLog.timings() : ((AnalyticsProjection) projection).timings());
                // The processed ids' primary key does not depend on the fold: built meanwhile, on another connection.
                HikariDataSource copy = target;
                java.util.concurrent.CompletableFuture<Double> indexingIds = processedIds == null ? null
                        : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            Instant indexing = Instant.now();
                            try {
                                processedIds.ensurePrimaryKey(copy);
                            } catch (SQLException e) {
                                throw new IllegalStateException("building processed_event's primary key failed: " + e.getMessage(), e);
                            }
                            return seconds(indexing, Instant.now());
                        });
                if (logThenFold) {
                    message = "caught up; folding the logged events into the read-model tables of " + schema
                            + " (one set-wise statement per table, then its keys and indexes, on " + foldConnections
                            + " connections); the current read model keeps serving";
                    double seconds = CatchUpLog.foldInParallel(target, schema, foldConnections);
                    phases.put("folding", Math.round(seconds * 1000) / 1000.0);
                    log.info("Rebuild {}: folded, keys and indexes built, in {} s", id, phases.get("folding"));
                }
                if (processedIds != null) {
                    // The serving consumer de-duplicates against processed_event's primary key: built in one sort
                    // (it fails, and the rebuild with it, if an id had been applied twice).
                    try {
                        phases.put("indexingProcessedIds", indexingIds.join());
                    } catch (java.util.concurrent.CompletionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                    log.info("Rebuild {}: {} processed ids{}, primary key built in {} s", id, processedIds.size(),
                            processedIds.overflowed() ? " in memory until the capacity was reached" : " found in memory", phases.get("indexingProcessedIds"));
                }
                // The copy was fed without its equity counts: compute them all at once, set-wise, from its rows as
                // they are now. Events after its stored offsets reach it through the serving consumer after the
                // switch, which keeps the counts batch by batch from there.
                message = "caught up; computing the equity counts from the student-level rows of " + schema + "; the current read model keeps serving";
                Instant counting = Instant.now();
                // In parts on several connections at once: one set-wise statement is one core's work.
                EquityAggregates.recomputeAllInParallel(target, foldConnections);
                phases.put("computingCounts", seconds(counting, Instant.now()));
                log.info("Rebuild {}: equity counts computed in {} s", id, phases.get("computingCounts"));
                if (logThenFold) {
                    tail(target);
                }
                finalApplied = appliedBefore + applied();
                message = "caught up, counts computed; switching queries to the new copy";
                state = RebuildProgress.State.SWITCHING;
                Instant switching = Instant.now();
                serving.exclusively(this::switchSchemas);
                switchedAt = Instant.now();
                phases.put("switching", seconds(switching, switchedAt));
                message = "switched; retiring the old copy";
                retire();
                // SWITCHED once the old copy is dealt with, so the state a caller sees is final.
                state = RebuildProgress.State.SWITCHED;
                log.info("Rebuild {}: switched to the new copy; old copy {} {}", id, retiredSchema, retiredDropped ? "dropped" : "kept");
            } catch (Exception e) {
                log.error("Rebuild {} failed: {}", id, e.getMessage(), e);
                consumers.forEach(TransactionalEventConsumer::close);
                if (switchedAt == null) {
                    state = RebuildProgress.State.FAILED;
                    message = "failed: " + e.getMessage() + " (the current read model was not changed; " + schema + " is left for inspection)";
                } else {
                    state = RebuildProgress.State.SWITCHED;
                    message = "switched, but retiring the old copy failed: " + e.getMessage();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                if (target != null) {
                    target.close();
                }
                running.set(null);
            }
        }

        /**
         * Every consumer knows its lag, together they are within {@code switch-lag} of the end, and something was
         * applied. (Switching a little early is safe: the serving consumer continues from the copy's stored offsets.)
         */
        private boolean caughtUp() {
            Long lag = lag();
            boolean anyApplied = consumers.stream().anyMatch(consumer -> consumer.status().lastAppliedAt() != null);
            // Every partition counted: while the group rebalances a consumer knows only some of them, and the sum of
            // the others' lag alone could pass for caught up.
            return lag != null && lag <= switchLag && lagByPartition().keySet().containsAll(partitions) && anyApplied;
        }

        /**
         * The events published while the copy folded and counted its rows, applied in the normal mode (batch by batch,
         * equity counts kept), until within {@code switch-lag} of the end. Skipped when already within it.
         */
        private void tail(HikariDataSource target) throws SQLException, InterruptedException {
            long remaining = remainingLag(target);
            if (remaining <= switchLag) {
                return;
            }
            message = "caught up, folded; applying the " + remaining + " events published meanwhile batch by batch (with the equity counts)";
            Instant tailing = Instant.now();
            TransactionalEventConsumer tail = new TransactionalEventConsumer(bootstrapServers, group, schema, target,
                    new AnalyticsProjection(region.menaReportedSeparately()), maxPollRecords);
            consumers = List.of(tail.start());
            while (!caughtUp()) {
                if (!tail.status().running()) {
                    throw new IllegalStateException("the rebuild's tail consumer stopped");
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
            tail.close();
            phases.put("tail", seconds(tailing, Instant.now()));
        }

        /** Events on the topics after the copy's stored offsets. */
        private long remainingLag(HikariDataSource target) throws SQLException {
            Map<org.apache.kafka.common.TopicPartition, Long> stored = new java.util.HashMap<>();
            try (Connection connection = target.getConnection();
                 PreparedStatement select = connection.prepareStatement("select topic, partition, next_offset from consumer_offset where consumer_group = ?")) {
                select.setString(1, group);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stored.put(new org.apache.kafka.common.TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                    }
                }
            }
            try (var offsets = offsetsReader()) {
                long remaining = 0;
                for (var end : offsets.endOffsets(allPartitions()).entrySet()) {
                    remaining += Math.max(0, end.getValue() - stored.getOrDefault(end.getKey(), 0L));
                }
                return remaining;
            }
        }

        /** Every partition of the two topics a rebuild replays. */
        private List<org.apache.kafka.common.TopicPartition> allPartitions() {
            try (var metadata = offsetsReader()) {
                List<org.apache.kafka.common.TopicPartition> partitions = new java.util.ArrayList<>();
                for (String topic : List.of(org.pathwaysledger.events.wire.Topics.STUDENT_EVENTS, org.pathwaysledger.events.wire.Topics.REGION_EVENTS)) {
                    metadata.partitionsFor(topic).forEach(info -> partitions.add(new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())));
                }
                return partitions;
            }
        }

        private org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> offsetsReader() {
            java.util.Properties properties = new java.util.Properties();
            properties.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            return new org.apache.kafka.clients.consumer.KafkaConsumer<>(properties,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        }

        private long applied() {
            return consumers.stream().mapToLong(consumer -> consumer.status().eventsApplied()).sum();
        }

        /** The events left on all partitions, or null while a consumer does not know its own yet. */
        private Long lag() {
            long total = 0;
            for (TransactionalEventConsumer consumer : consumers) {
                long lag = consumer.status().lag();
                if (lag < 0) {
                    return null;
                }
                total += lag;
            }
            return consumers.isEmpty() ? null : total;
        }

        private Map<String, Long> lagByPartition() {
            Map<String, Long> byPartition = new TreeMap<>();
            consumers.forEach(consumer -> consumer.lagByPartition().forEach((partition, partitionLag) ->
                    byPartition.put(partition.topic() + "-" + partition.partition(), partitionLag)));
            return byPartition;
        }

        /** One transaction: the new copy becomes "analytics", the serving group continues from the new copy's offsets. */
        private void switchSchemas() throws SQLException {
            retiredSchema = "analytics_retired_" + number;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("alter schema " + SERVING_SCHEMA + " rename to " + retiredSchema);
                    statement.execute("alter schema " + schema + " rename to " + SERVING_SCHEMA);
                    // Not projections: the region's 4S1 programme list (configuration) and the BI cells last published
                    // (outputs) move to the new copy as they are; then the BI views are re-pointed at it.
                    for (String table : CARRIED_OVER) {
                        statement.execute("delete from " + SERVING_SCHEMA + "." + table);
                        statement.execute("insert into " + SERVING_SCHEMA + "." + table + " select * from " + retiredSchema + "." + table);
                    }
                    BiViews.define(statement);
                    try (PreparedStatement offsets = connection.prepareStatement("delete from " + SERVING_SCHEMA + ".consumer_offset where consumer_group = ?")) {
                        offsets.setString(1, servingGroup);
                        offsets.executeUpdate();
                    }
                    try (PreparedStatement offsets = connection.prepareStatement(
                            "update " + SERVING_SCHEMA + ".consumer_offset set consumer_group = ? where consumer_group = ?")) {
                        offsets.setString(1, servingGroup);
                        offsets.setString(2, group);
                        offsets.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }

        /** Drops the old copy unless something outside it depends on it (a view a BI user made, say). */
        private void retire() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                long dependents;
                try (PreparedStatement outside = connection.prepareStatement("""
                        select count(distinct v.oid) from pg_depend dep
                        join pg_rewrite r on r.oid = dep.objid
                        join pg_class v on v.oid = r.ev_class
                        join pg_class t on t.oid = dep.refobjid
                        join pg_namespace tn on tn.oid = t.relnamespace
                        where tn.nspname = ? and v.relnamespace <> t.relnamespace""")) {
                    outside.setString(1, retiredSchema);
                    try (ResultSet row = outside.executeQuery()) {
                        row.next();
                        dependents = row.getLong(1);
                    }
                }
                if (dependents > 0) {
                    message = "switched; the old copy " + retiredSchema + " is kept because " + dependents
                            + " view(s) in other schemas depend on it: repoint them, then drop it";
                    return;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop schema " + retiredSchema + " cascade");
                }
                retiredDropped = true;
                message = "switched; the old copy was dropped";
            }
        }

        RebuildProgress progress() {
            long applied = state == RebuildProgress.State.BUILDING || state == RebuildProgress.State.FAILED ? appliedBefore + applied() : finalApplied;
            Long lag = null;
            Map<String, Long> byPartition = new TreeMap<>();
            if (state == RebuildProgress.State.BUILDING) {
                byPartition = lagByPartition();
                lag = lag();
            } else if (state == RebuildProgress.State.SWITCHING || state == RebuildProgress.State.SWITCHED) {
                lag = 0L;
            }
            Instant until = caughtUpAt == null ? Instant.now() : caughtUpAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, until).toMillis() / 1000.0);
            double rate = applied / seconds;
            Long eta = lag == null || rate <= 0 ? null : Math.round(lag / rate);
            Map<String, Double> finished;
            synchronized (phases) {
                finished = new java.util.LinkedHashMap<>(phases);
            }
            return new RebuildProgress(id, state, schema, group, startedAt, applied, lag, byPartition, Math.round(rate * 10) / 10.0, eta,
                    switchedAt, retiredSchema, retiredDropped, message, finished);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** A small pool on the same database whose connections work in {@code schema}. */
    private HikariDataSource dataSourceFor(String schema) throws SQLException {
        HikariDataSource main = dataSource.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setDataSourceProperties(main.getDataSourceProperties());
        config.setSchema(schema);
        // One connection per rebuild consumer or per folding connection (whichever are more), one for the processed
        // ids' key, the counts and the switch.
        config.setMaximumPoolSize(Math.max(consumerCount, foldConnections) + 1);
        config.setPoolName("analytics-rebuild-" + schema);
        return new HikariDataSource(config);
    }

}
