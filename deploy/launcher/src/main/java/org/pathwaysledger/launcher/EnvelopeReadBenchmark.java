package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.wire.EnvelopeReader;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.pathwaysledger.events.wire.PublishedJson;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per envelope read, on one thread (no database, no Kafka): the consumers' earlier reading (the record as a
 * String, the envelope with its payload tree, then {@code treeToValue}) against {@link EnvelopeReader}, on the
 * analytics benchmark's event mix, in alternating rounds after warm-up. Run with
 * {@code java -cp deploy/launcher/target/launcher-0.1.0-SNAPSHOT.jar -Dloader.main=org.pathwaysledger.launcher.EnvelopeReadBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [events]}.
 */
public final class EnvelopeReadBenchmark {

    private EnvelopeReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ObjectMapper json = PublishedJson.mapper();
        List<byte[]> records = records(json, events);
        EnvelopeReader reader = new EnvelopeReader(json);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long check = 0;
        for (int round = 1; round <= 6; round++) {
            long started = cpu.getCurrentThreadCpuTime();
            for (byte[] record : records) {
                EventEnvelope envelope = json.readValue(new String(record, StandardCharsets.UTF_8), EventEnvelope.class);
                check += PublishedEventTypes.read(envelope, json).orElseThrow().hashCode();
            }
            long twoStep = cpu.getCurrentThreadCpuTime();
            for (byte[] record : records) {
                check -= reader.read(record).event().hashCode();
            }
            long onePass = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d%s: tree then treeToValue %.2f µs CPU per envelope, EnvelopeReader %.2f µs%n", round,
                    round <= 2 ? " (warm-up)" : "", (twoStep - started) / 1e3 / events, (onePass - twoStep) / 1e3 / events);
        }
        if (check != 0) {
            throw new IllegalStateException("the two readings gave different events");
        }
    }

    /** The analytics benchmark's mix: half registrations, then enrolments, concentrator statuses and credits. */
    private static List<byte[]> records(ObjectMapper json, int events) throws Exception {
        List<byte[]> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            records.add(json.writeValueAsBytes(AnalyticsBenchmark.replayEnvelope(i, events)));
        }
        return records;
    }
}
