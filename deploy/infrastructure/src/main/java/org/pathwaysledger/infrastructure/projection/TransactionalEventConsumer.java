package org.pathwaysledger.infrastructure.projection;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.pathwaysledger.events.wire.EnvelopeReader;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.Topics;
import org.pathwaysledger.infrastructure.KafkaTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Feeds a read model from the published topics (student and region events) with exactly-once effect.
 *
 * <p>Each polled batch is applied in one PostgreSQL transaction that also records, in the service's own schema,
 * the next offset of every partition and the id of every event applied. After a crash the consumer resumes from
 * the offsets stored with the data (not Kafka's), so nothing is applied twice or skipped; an event the publisher
 * sent twice (delivery is at least once) is recognised by its id and skipped. A message that does not match the
 * published contract is kept in {@code rejected_event} with the reason, and the stream goes on.
 *
 * <p>Reading a poll's JSON needs no database, writing it needs little JVM: the consumer reads poll N+1 on its decoding
 * thread (and, for a large poll, on all cores) while poll N's transaction is written. Polls are still applied one at a
 * time, in order, each in its own transaction; a poll read ahead is applied before the partitions it came from are
 * given up in a rebalance, and dropped (never applied) when {@link #exclusively} changed the stored offsets.
 *
 * <p>Scale-out is Kafka's: run more instances with the same consumer group and the partitions are shared.
 * The tables it needs ({@code consumer_offset}, {@code processed_event}, {@code rejected_event}) are created by
 * each service's own Flyway migration in its schema.
 */
public final class TransactionalEventConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalEventConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** Polls at least this large are read in parallel (a replay); smaller ones on the consumer thread. */
    private static final int PARALLEL_DECODE_FROM = 500;

    private final String consumerGroup;
    private final String schema;
    private final DataSource dataSource;
    private final EventProjection projection;
    private final List<String> topics;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Reads each record's bytes once, straight into the envelope and its event (no intermediate tree). */
    private final EnvelopeReader envelopes = new EnvelopeReader(PublishedJson.mapper());
    private final Thread thread;
    /** Reads the next poll while the consumer thread writes the current one. */
    private final ExecutorService decoder;
    /** The poll read ahead (decoding or decoded), not applied yet; only the consumer thread touches it. */
    private Polled readAhead;
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    /** Where the consumer thread's time went (nanoseconds, summed over batches), for benchmarks and logs. */
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong dedupNanos = new AtomicLong();
    private final AtomicLong projectionNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private volatile boolean running = true;
    private volatile Instant lastEventOccurredAt;
    private volatile Instant lastAppliedAt;
    private volatile long lag = -1;
    private volatile Map<TopicPartition, Long> lagByPartition = Map.of();
    /** Held while a batch is applied; {@link #exclusively} takes it to change what the stored offsets are. */
    private final ReentrantLock applying = new ReentrantLock();
    private volatile boolean reseek;
    /** A rebuild's fresh copy: processed ids found in memory and written by COPY; null: the database de-duplicates. */
    private volatile InMemoryProcessedIds inMemory;
    /** Large polls read on all cores (one consumer); off when several consumers already read in parallel. */
    private volatile boolean parallelDecode = true;

    public TransactionalEventConsumer(String bootstrapServers, String consumerGroup, String schema,
                                      DataSource dataSource, EventProjection projection, int maxPollRecords) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema must be a plain lower-case name: " + schema);
        }
        this.consumerGroup = consumerGroup;
        this.schema = schema;
        this.dataSource = dataSource;
        this.projection = projection;
        this.topics = List.of(Topics.STUDENT_EVENTS, Topics.REGION_EVENTS);
        KafkaTopics.ensure(bootstrapServers, Topics.STUDENT_EVENTS, Topics.STUDENT_EVENTS_PARTITIONS, (short) 1);
        KafkaTopics.ensure(bootstrapServers, Topics.REGION_EVENTS, Topics.REGION_EVENTS_PARTITIONS, (short) 1);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Large fetches, so a replay fills a poll of maxPollRecords in one go instead of a few hundred records.
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        // While events stream in, wait up to 100 ms for 256 KB rather than applying a handful per transaction:
        // each batch has fixed costs (its transaction, set-wise statements); freshness stays well within a second.
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "projection-" + consumerGroup);
        this.thread.setDaemon(true);
        this.decoder = Executors.newSingleThreadExecutor(task -> {
            Thread decoding = new Thread(task, "decode-" + consumerGroup);
            decoding.setDaemon(true);
            return decoding;
        });
    }

    /** A poll's records and their events, being read on the decoding thread (see {@link #decode}). */
    private record Polled(List<ConsumerRecord<String, byte[]>> records, CompletableFuture<Object[]> decoded) {
    }

    /**
     * For a read model built from scratch (a rebuild's fresh copy, thrown away if the rebuild fails), before
     * {@link #start}: duplicates are found in {@code ids} (shared by the rebuild's consumers) instead of by
     * {@code processed_event}'s primary key, which the caller has dropped and builds when caught up; see
     * {@link InMemoryProcessedIds}.
     */
    public TransactionalEventConsumer processedIdsInMemory(InMemoryProcessedIds ids) {
        this.inMemory = ids;
        return this;
    }

    /**
     * Reads every poll on this consumer's decoding thread only. For several consumers of one group on a few cores (a
     * rebuild's): their decoding threads already keep the cores busy, and a parallel stream's caller waiting for the
     * pool's share of the poll spins ({@code ForkJoinPool.helpComplete}) while other work holds the cores.
     */
    public TransactionalEventConsumer decodeOnOneThread() {
        this.parallelDecode = false;
        return this;
    }

    public TransactionalEventConsumer start() {
        thread.start();
        return this;
    }

    /**
     * Time spent per phase of applying batches, summed since start. {@code decode} is the time the consumer thread
     * waited for a poll's events (read ahead on the decoding thread while the previous poll was written).
     */
    public record Timings(long batches, long decodeNanos, long dedupNanos, long projectionNanos, long commitNanos) {
        @Override
        public String toString() {
            return String.format("%,d batches: decode %.1f s, dedup %.1f s, projection %.1f s, offsets+commit %.1f s", batches,
                    decodeNanos / 1e9, dedupNanos / 1e9, projectionNanos / 1e9, commitNanos / 1e9);
        }
    }

    public Timings timings() {
        return new Timings(batches.get(), decodeNanos.get(), dedupNanos.get(), projectionNanos.get(), commitNanos.get());
    }

    public ProjectionStatus status() {
        return new ProjectionStatus(consumerGroup, running && thread.isAlive(), lastEventOccurredAt, lastAppliedAt,
                eventsApplied.get(), duplicatesSkipped.get(), lag);
    }

    private void run() {
        try {
            consumer.subscribe(topics, new ResumeFromStoredOffsets());
            while (running) {
                // With a poll read ahead, only what is already fetched: that poll is written right after.
                ConsumerRecords<String, byte[]> records = consumer.poll(readAhead == null ? Duration.ofMillis(250) : Duration.ZERO);
                Polled next = records.isEmpty() ? null : readAhead(records);
                if (!applyReadAhead() && next != null) {
                    // Polled from the positions the exclusive work replaced: dropped as well.
                    next.decoded().cancel(false);
                    next = null;
                }
                readAhead = next;
                lag = currentLag();
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Consumer {} woken up unexpectedly", consumerGroup, e);
            }
        } catch (RuntimeException e) {
            log.error("Consumer {} stopped: {}", consumerGroup, e.getMessage(), e);
        } finally {
            // Stopped first, so leaving the group does not apply the poll read ahead (its offsets are not stored).
            running = false;
            consumer.close(Duration.ofSeconds(5));
            decoder.shutdownNow();
        }
    }

    /** Starts reading a poll's JSON on the decoding thread. */
    private Polled readAhead(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
        records.forEach(polled::add);
        return new Polled(polled, CompletableFuture.supplyAsync(() -> decodeAll(polled), decoder));
    }

    /**
     * Applies the poll read ahead, if any, between two exclusive works. Returns false, dropping it, if an exclusive
     * work changed the stored offsets since it was polled: every partition then continues from the stored offsets.
     */
    private boolean applyReadAhead() {
        Polled polled = readAhead;
        readAhead = null;
        applying.lock();
        try {
            if (reseek) {
                // The stored offsets were changed under us (a read model switched): what was polled from the old
                // positions is dropped and every partition continues from the stored offsets.
                reseek = false;
                if (polled != null) {
                    polled.decoded().cancel(false);
                }
                seekToStoredOffsets(consumer.assignment());
                return false;
            }
            if (polled != null) {
                applyWithRetry(polled);
            }
            return true;
        } finally {
            applying.unlock();
        }
    }

    private void applyWithRetry(Polled polled) {
        long waiting = System.nanoTime();
        Object[] decoded = polled.decoded().join();
        decodeNanos.addAndGet(System.nanoTime() - waiting);
        while (running) {
            try {
                apply(polled.records(), decoded);
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("Consumer {} could not apply a batch of {} events ({}); retrying in {} s",
                        consumerGroup, polled.records().size(), e.getMessage(), RETRY_BACKOFF.toSeconds());
                sleep(RETRY_BACKOFF);
            }
        }
    }

    /** Work done while no batch is being applied, e.g. switching the read model's schema; see {@link #exclusively}. */
    @FunctionalInterface
    public interface ExclusiveWork {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} between two batches, then makes the consumer continue every partition from the offsets
     * stored with the read model (which the work may have changed), dropping whatever it had polled but not applied.
     */
    public void exclusively(ExclusiveWork work) throws SQLException {
        applying.lock();
        try {
            work.run();
            reseek = true;
        } finally {
            applying.unlock();
        }
    }

    /** The events on each partition this consumer has not read yet (as of its last poll). */
    public Map<TopicPartition, Long> lagByPartition() {
        return lagByPartition;
    }

    /**
     * Each record's event, in order (see {@link #decode}). Reading the JSON is most of the JVM's work per event and
     * needs no database: a large poll (a replay) is read on all cores.
     */
    private Object[] decodeAll(List<ConsumerRecord<String, byte[]>> polled) {
        Object[] decodedRecords = new Object[polled.size()];
        IntStream indexes = IntStream.range(0, polled.size());
        (parallelDecode && polled.size() >= PARALLEL_DECODE_FROM ? indexes.parallel() : indexes).forEach(i -> decodedRecords[i] = decode(polled.get(i)));
        return decodedRecords;
    }

    private void apply(List<ConsumerRecord<String, byte[]>> polled, Object[] decodedRecords) throws SQLException {
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        long duplicates = 0;
        Instant newest = null;
        long started = System.nanoTime();
        InMemoryProcessedIds inMemory = this.inMemory;
        Set<String> claimed = null;
        try (Connection transaction = dataSource.getConnection()) {
            transaction.setAutoCommit(false);
            List<EventProjection.Delivered> read = new ArrayList<>(polled.size());
            for (int i = 0; i < polled.size(); i++) {
                ConsumerRecord<String, byte[]> record = polled.get(i);
                nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                if (decodedRecords[i] instanceof EventProjection.Delivered delivered) {
                    read.add(delivered);
                } else if (decodedRecords[i] instanceof Exception e) {
                    reject(transaction, record, e.getMessage());
                }
            }
            long decoded = System.nanoTime();
            // Duplicates are found set-wise: one statement records every id of the batch and returns the new ones; or,
            // building a fresh copy, in memory, the new ids then written by COPY.
            Set<String> fresh;
            if (inMemory != null && (claimed = claimIds(inMemory, read)) != null) {
                fresh = new HashSet<>(claimed);
                copyProcessed(transaction, claimed);
            } else {
                if (inMemory != null) {
                    // Past the in-memory capacity: the database de-duplicates from now on, with the primary key.
                    inMemory.ensurePrimaryKey(dataSource);
                }
                fresh = markProcessed(transaction, read);
            }
            long deduplicated = System.nanoTime();
            List<EventProjection.Delivered> toApply = new ArrayList<>(read.size());
            for (EventProjection.Delivered delivered : read) {
                if (!fresh.remove(delivered.envelope().eventId())) {
                    duplicates++;
                    continue;
                }
                toApply.add(delivered);
                Instant occurredAt = delivered.envelope().occurredAt();
                if (occurredAt != null && (newest == null || occurredAt.isAfter(newest))) {
                    newest = occurredAt;
                }
            }
            if (!toApply.isEmpty()) {
                projection.applyBatch(transaction, toApply);
            }
            long projected = System.nanoTime();
            storeOffsets(transaction, nextOffsets);
            transaction.commit();
            eventsApplied.addAndGet(toApply.size());
            batches.incrementAndGet();
            decodeNanos.addAndGet(decoded - started);
            dedupNanos.addAndGet(deduplicated - decoded);
            projectionNanos.addAndGet(projected - deduplicated);
            commitNanos.addAndGet(System.nanoTime() - projected);
        } catch (SQLException | RuntimeException e) {
            if (claimed != null) {
                inMemory.release(claimed);
            }
            throw e;
        }
        duplicatesSkipped.addAndGet(duplicates);
        if (newest != null) {
            lastEventOccurredAt = newest;
        }
        lastAppliedAt = Instant.now();
        Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> kafkaOffsets.put(partition, new OffsetAndMetadata(offset)));
        // Informational only (lag tools read it); the offsets stored with the data are the ones that count.
        consumer.commitAsync(kafkaOffsets, null);
    }

    /** The event of a record; null for a type this reader does not know (skipped); the exception if unreadable. */
    private Object decode(ConsumerRecord<String, byte[]> record) {
        try {
            EnvelopeReader.Read read = envelopes.read(record.value());
            if (read.envelope().eventId() == null || read.envelope().eventId().isEmpty()) {
                // Nothing to de-duplicate it by: kept aside (before, the batch failed on the null id and was retried forever).
                throw new IllegalArgumentException("An event envelope without an eventId");
            }
            return read.event() != null
                    ? new EventProjection.Delivered(read.envelope(), read.event(), EventProjection.Delivered.position(record.partition(), record.offset()))
                    : null;
        } catch (Exception e) {
            return e;
        }
    }

    /** Records the batch's event ids as processed; returns those not processed before (each id once). */
    private Set<String> markProcessed(Connection transaction, List<EventProjection.Delivered> read) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (read.isEmpty()) {
            return fresh;
        }
        String[] ids = read.stream().map(delivered -> delivered.envelope().eventId()).toArray(String[]::new);
        try (PreparedStatement insert = transaction.prepareStatement("insert into " + schema + ".processed_event (event_id) "
                + "select unnest(cast(? as varchar[])) on conflict do nothing returning event_id")) {
            insert.setArray(1, transaction.createArrayOf("varchar", ids));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
        }
        return fresh;
    }

    private static Set<String> claimIds(InMemoryProcessedIds inMemory, List<EventProjection.Delivered> read) {
        List<String> ids = new ArrayList<>(read.size());
        for (EventProjection.Delivered delivered : read) {
            ids.add(delivered.envelope().eventId());
        }
        return inMemory.claim(ids);
    }

    /** The batch's new ids into {@code processed_event} by COPY (no unique index to maintain during a rebuild). */
    private void copyProcessed(Connection transaction, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        CopyText text = new CopyText(ids.size() * 37);
        for (String id : ids) {
            text.text(id).endRow();
        }
        text.copyInto(transaction, schema + ".processed_event (event_id)");
    }

    private void reject(Connection transaction, ConsumerRecord<String, byte[]> record, String reason) throws SQLException {
        log.warn("Consumer {} rejected a message at {}-{}@{}: {}", consumerGroup, record.topic(), record.partition(), record.offset(), reason);
        try (PreparedStatement insert = transaction.prepareStatement(
                "insert into " + schema + ".rejected_event (topic, partition, kafka_offset, message, reason) values (?, ?, ?, ?, ?) "
                        + "on conflict do nothing")) {
            insert.setString(1, record.topic());
            insert.setInt(2, record.partition());
            insert.setLong(3, record.offset());
            insert.setString(4, record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
            insert.setString(5, reason == null ? "unreadable" : reason.substring(0, Math.min(reason.length(), 1000)));
            insert.executeUpdate();
        }
    }

    private void storeOffsets(Connection transaction, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = transaction.prepareStatement(
                "insert into " + schema + ".consumer_offset (consumer_group, topic, partition, next_offset) values (?, ?, ?, ?) "
                        + "on conflict (consumer_group, topic, partition) do update set next_offset = excluded.next_offset")) {
            for (var entry : nextOffsets.entrySet()) {
                upsert.setString(1, consumerGroup);
                upsert.setString(2, entry.getKey().topic());
                upsert.setInt(3, entry.getKey().partition());
                upsert.setLong(4, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The events not applied yet: not read from Kafka, or read ahead and not written. */
    private long currentLag() {
        long total = 0;
        Map<TopicPartition, Long> byPartition = new HashMap<>();
        Map<TopicPartition, Long> readAheadOnly = new HashMap<>();
        if (readAhead != null) {
            readAhead.records().forEach(record -> readAheadOnly.merge(new TopicPartition(record.topic(), record.partition()), 1L, Long::sum));
        }
        for (TopicPartition partition : consumer.assignment()) {
            var partitionLag = consumer.currentLag(partition);
            if (partitionLag.isEmpty()) {
                return lag;
            }
            long notApplied = partitionLag.getAsLong() + readAheadOnly.getOrDefault(partition, 0L);
            total += notApplied;
            byPartition.put(partition, notApplied);
        }
        lagByPartition = Map.copyOf(byPartition);
        return total;
    }

    private void seekToStoredOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select topic, partition, next_offset from " + schema + ".consumer_offset where consumer_group = ?")) {
            select.setString(1, consumerGroup);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read stored offsets of " + consumerGroup + ": " + e.getMessage(), e);
        }
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
        }
    }

    /** On every (re)assignment, continue each partition from the offset stored with the read model. */
    private final class ResumeFromStoredOffsets implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStoredOffsets(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // The poll read ahead came (partly) from these partitions: applied now, before another consumer may take
            // them over from the stored offsets. Every batch applied before is committed together with its offsets.
            // Stopping, it is dropped instead: the stored offsets say where to resume.
            if (running) {
                applyReadAhead();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
