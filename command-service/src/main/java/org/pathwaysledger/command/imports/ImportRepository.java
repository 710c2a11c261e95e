package org.pathwaysledger.command.imports;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Import jobs and their row errors, in the command service's own schema. */
@Component
public class ImportRepository {

    /** Past this many, rejected rows are counted but not listed (a wholly wrong 1M-row file says so in its first rows). */
    static final int MAX_LISTED_ERRORS = 100_000;

    private final JdbcClient jdbc;

    public ImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String importId, String district, boolean dryRun, List<String> files, long bytesTotal, Instant submittedAt) {
        jdbc.sql("insert into import_job (import_id, district_id, status, dry_run, files, bytes_total, submitted_at) values (?, ?, 'QUEUED', ?, ?, ?, ?)")
                .params(importId, district, dryRun, String.join("\n", files), bytesTotal, Timestamp.from(submittedAt))
                .update();
    }

    /**
     * Stores a job's progress. A finished job's state is final: a periodic write that read the job before it
     * finished, and lands after the final write, changes nothing (it used to leave a finished import showing WRITING
     * for ever, on a loaded machine).
     */
    void progress(ImportProgress progress) {
        jdbc.sql("""
                        update import_job set status = ?, bytes_read = ?, rows_read = ?, rows_accepted = ?, rows_unchanged = ?,
                            rows_rejected = ?, warnings = ?, message = ?, started_at = ?, finished_at = ?
                        where import_id = ? and status not in ('DONE', 'FAILED')""")
                .params(progress.phase().name(), progress.bytesRead(), progress.rowsRead(), progress.rowsAccepted(),
                        progress.rowsUnchanged(), progress.rowsRejected(), String.join("\n", progress.warnings()), progress.message(),
                        progress.startedAt() == null ? null : Timestamp.from(progress.startedAt()),
                        progress.finishedAt() == null ? null : Timestamp.from(progress.finishedAt()), progress.importId())
                .update();
    }

    void errors(String importId, List<RowError> errors) {
        for (RowError error : errors) {
            if (error.index() >= MAX_LISTED_ERRORS) {
                return;
            }
            jdbc.sql("insert into import_row_error (import_id, error_index, file_order, file_name, line, column_name, value, problem) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                    .params(importId, error.index(), error.fileOrder(), error.file(), error.line(), error.column(), error.value(), error.problem())
                    .update();
        }
    }

    public Optional<ImportStatus> status(String importId) {
        return jdbc.sql("""
                        select import_id, district_id, status, dry_run, files, bytes_total, bytes_read, rows_read, rows_accepted,
                               rows_unchanged, rows_rejected, warnings, message, submitted_at, started_at, finished_at
                        from import_job where import_id = ?""")
                .param(importId)
                .query((row, n) -> {
                    Instant started = row.getTimestamp("started_at") == null ? null : row.getTimestamp("started_at").toInstant();
                    Instant finished = row.getTimestamp("finished_at") == null ? null : row.getTimestamp("finished_at").toInstant();
                    long rowsRead = row.getLong("rows_read");
                    long bytesTotal = row.getLong("bytes_total");
                    long bytesRead = row.getLong("bytes_read");
                    Double rate = null;
                    Long eta = null;
                    if (started != null && rowsRead > 0) {
                        double seconds = Math.max(0.001, Duration.between(started, finished == null ? Instant.now() : finished).toMillis() / 1000.0);
                        rate = Math.round(rowsRead / seconds * 10) / 10.0;
                        double bytesPerSecond = bytesRead / seconds;
                        eta = finished != null ? 0L : bytesPerSecond <= 0 ? null : Math.round((bytesTotal - bytesRead) / bytesPerSecond);
                    }
                    String warnings = row.getString("warnings");
                    return new ImportStatus(row.getString("import_id"), row.getString("district_id"),
                            ImportStatus.Phase.valueOf(row.getString("status")), row.getBoolean("dry_run"),
                            Arrays.asList(row.getString("files").split("\n")), rowsRead, row.getLong("rows_accepted"),
                            row.getLong("rows_unchanged"), row.getLong("rows_rejected"), rate, eta,
                            bytesTotal == 0 ? 100.0 : Math.round(1000.0 * bytesRead / bytesTotal) / 10.0,
                            warnings == null || warnings.isEmpty() ? List.of() : Arrays.asList(warnings.split("\n")),
                            row.getString("message"), row.getTimestamp("submitted_at").toInstant(), started, finished,
                            "/api/v1/imports/" + importId + "/errors.csv");
                })
                .optional();
    }

    public List<ImportStatus> ofDistrict(String district) {
        return jdbc.sql("select import_id from import_job where district_id = ? order by submitted_at desc limit 100")
                .param(district)
                .query((row, n) -> row.getString(1))
                .list().stream().map(id -> status(id).orElseThrow()).toList();
    }

    /** Writes the error report: one row per problem of a rejected row, in file and line order. */
    public void writeErrorsCsv(String importId, Writer out) throws IOException {
        out.write("file,line,column,value,problem,message\r\n");
        List<RowError> errors = jdbc.sql("""
                        select error_index, file_order, file_name, line, column_name, value, problem from import_row_error
                        where import_id = ? order by file_order, line, error_index""")
                .param(importId)
                .query((row, n) -> new RowError(row.getLong(1), row.getInt(2), row.getString(3), row.getLong(4), row.getString(5),
                        row.getString(6), row.getString(7)))
                .list();
        for (RowError error : errors) {
            out.write(String.join(",", csv(error.file()), String.valueOf(error.line()), csv(error.column()), csv(error.value()),
                    csv(error.problem()), csv(error.message())) + "\r\n");
        }
    }

    /** Quotes a cell for the error report, and defuses spreadsheet formulas in values a district sent us. */
    static String csv(String cell) {
        if (cell == null) {
            return "";
        }
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
