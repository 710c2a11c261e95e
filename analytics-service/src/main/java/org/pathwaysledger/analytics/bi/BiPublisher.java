package org.pathwaysledger.analytics.bi;

import org.pathwaysledger.analytics.earnings.EarningsController;
import org.pathwaysledger.analytics.outcome.OutcomeController;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes, per region, every metric's region-level answer (all students and each group of the 9 dimensions) into
 * the cells the BI views read. The cells are the API's own answers, built by the controllers and so through
 * {@code SmallCellSuppression}: SQL users see exactly what the API shows a region, never a raw count.
 *
 * <p>Only region-level answers are published: a region's total is the sum of its pathways, so publishing pathway
 * tables beside it would let a hidden pathway cell be recovered by subtraction across tables. Pathway-level answers
 * stay behind the API.
 */
@Component
public class BiPublisher {

    private static final Logger log = LoggerFactory.getLogger(BiPublisher.class);
    private static final String ALL = "ALL";

    public record Refreshed(int regions, int cells) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final OutcomeController outcomes;
    private final EarningsController earnings;
    private final Duration initialDelay;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public BiPublisher(JdbcClient jdbc, DataSource dataSource, OutcomeController outcomes, EarningsController earnings,
                       @Value("${pathways.bi.password:}") String biPassword,
                       @Value("${pathways.bi.initial-delay:PT1M}") Duration initialDelay,
                       @Value("${pathways.bi.refresh-interval:PT10M}") Duration interval) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.outcomes = outcomes;
        this.earnings = earnings;
        this.initialDelay = initialDelay;
        // No BI password, no BI reader: no work (and no load on benchmarks) for cells nobody can read.
        this.interval = biPassword == null || biPassword.isBlank() ? Duration.ZERO : interval;
    }

    /** Refreshes every interval (zero or negative, or no BI password: never), on one background thread. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "analytics-bi-publisher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long started = System.nanoTime();
                Refreshed refreshed = refresh();
                log.info("Published {} suppressed BI cells for {} regions in {} ms", refreshed.cells(), refreshed.regions(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | SQLException e) {
                log.warn("Publishing the BI cells failed (the previous cells stay): {}", e.toString());
            }
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Publishes the catalogue and each region's cells, one transaction per region (readers never see half a region). */
    public Refreshed refresh() throws SQLException {
        publishCatalogue();
        List<String> regions = jdbc.sql("select distinct region_id from catalogue_pathway order by region_id").query(String.class).list();
        int cells = 0;
        for (String region : regions) {
            cells += publishRegion(region);
        }
        return new Refreshed(regions.size(), cells);
    }

    private void publishCatalogue() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("delete from published_metric");
                 PreparedStatement insert = connection.prepareStatement("insert into published_metric values (?, ?, ?, ?, ?, ?, ?)")) {
                delete.executeUpdate();
                for (OutcomeController.MetricDescription metric : outcomes.catalogue()) {
                    if (metric.id().equals("pathway-entry")) {
                        continue;
                    }
                    insert.setString(1, metric.id());
                    insert.setString(2, metric.title());
                    insert.setString(3, metric.numerator());
                    insert.setString(4, metric.denominator());
                    insert.setString(5, metric.population());
                    insert.setString(6, metric.timeWindow());
                    insert.setString(7, metric.sourceEvents());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int publishRegion(String region) throws SQLException {
        long started = System.nanoTime();
        Timestamp now = Timestamp.from(Instant.now());
        int cells = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("delete from published_cell where region_id = ?");
                 PreparedStatement insert = connection.prepareStatement("insert into published_cell values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement refreshed = connection.prepareStatement("insert into published_refresh values (?, ?, ?, ?) on conflict (region_id) "
                         + "do update set refreshed_at = excluded.refreshed_at, cells = excluded.cells, millis = excluded.millis")) {
                delete.setString(1, region);
                delete.executeUpdate();
                for (OutcomeController.MetricDescription metric : outcomes.catalogue()) {
                    if (metric.id().equals("pathway-entry")) {
                        continue;
                    }
                    if (metric.id().equals(OutcomeController.MEDIAN_EARNINGS.id())) {
                        cells += addMedians(insert, region, now, earnings.medianEarnings(null, null, region, null, null, null, null));
                    } else {
                        cells += addRates(insert, region, metric.id(), now, outcomes.outcome(metric.id(), null, null, region, null, null, null, null, false));
                    }
                }
                insert.executeBatch();
                refreshed.setString(1, region);
                refreshed.setTimestamp(2, now);
                refreshed.setInt(3, cells);
                refreshed.setLong(4, (System.nanoTime() - started) / 1_000_000);
                refreshed.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return cells;
    }

    private static int addRates(PreparedStatement insert, String region, String metric, Timestamp now, OutcomeController.OutcomeAnswer answer) throws SQLException {
        PublishedRates.Table table = answer.table();
        PublishedRates.Overall all = table.all();
        bind(insert, region, metric, ALL, ALL, "All students", all.population(), all.successes(), all.ratePercent(),
                all.ratePercent() == null ? "*" : all.ratePercent() + "%", null, null, null, all.suppressed(), null, table.minimumCellSize(), now);
        int cells = 1;
        for (PublishedRates.DimensionRows dimension : table.dimensions()) {
            for (PublishedRates.Row row : dimension.groups()) {
                bind(insert, region, metric, dimension.dimension(), row.group(), row.label(), row.population(), row.successes(), row.ratePercent(),
                        row.rateShown(), row.gapPoints(), row.representationIndex(), null, row.suppressed(),
                        row.reason() == null ? null : row.reason().name(), table.minimumCellSize(), now);
                cells++;
            }
        }
        return cells;
    }

    private static int addMedians(PreparedStatement insert, String region, Timestamp now, EarningsController.EarningsAnswer answer) throws SQLException {
        EarningsController.MedianRow all = answer.all();
        bind(insert, region, answer.metric(), ALL, ALL, "All students", all.earners(), null, null, null, null, null, all.medianQuarterlyWage(),
                all.suppressed(), all.reason() == null ? null : all.reason().name(), answer.minimumCellSize(), now);
        int cells = 1;
        for (EarningsController.MedianDimension dimension : answer.dimensions()) {
            for (EarningsController.MedianRow row : dimension.groups()) {
                bind(insert, region, answer.metric(), dimension.dimension(), row.group(), row.label(), row.earners(), null, null, null, null, null,
                        row.medianQuarterlyWage(), row.suppressed(), row.reason() == null ? null : row.reason().name(), answer.minimumCellSize(), now);
                cells++;
            }
        }
        return cells;
    }

    private static void bind(PreparedStatement insert, String region, String metric, String dimension, String group, String label,
                             Long population, Long successes, Double rate, String rateShown, Double gap, Double representation,
                             Double median, boolean suppressed, String reason, int minimum, Timestamp now) throws SQLException {
        insert.setString(1, region);
        insert.setString(2, metric);
        insert.setString(3, dimension);
        insert.setString(4, group);
        insert.setString(5, label);
        setLong(insert, 6, population);
        setLong(insert, 7, successes);
        insert.setBigDecimal(8, decimal(rate));
        insert.setString(9, rateShown);
        insert.setBigDecimal(10, decimal(gap));
        insert.setBigDecimal(11, decimal(representation));
        insert.setBigDecimal(12, decimal(median));
        insert.setBoolean(13, suppressed);
        insert.setString(14, reason);
        insert.setInt(15, minimum);
        insert.setTimestamp(16, now);
        insert.addBatch();
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
