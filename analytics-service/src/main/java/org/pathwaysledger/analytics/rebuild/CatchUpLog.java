package org.pathwaysledger.analytics.rebuild;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.PostsecondaryCredentialEarned;
import org.pathwaysledger.events.student.PostsecondaryEnrolled;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.infrastructure.projection.CopyText;
import org.pathwaysledger.infrastructure.projection.EventProjection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Log, then fold": how a rebuild's fresh copy catches up. While replaying, each event's rows are only appended, by
 * COPY, to append-only staging tables ({@code log_<table>}: UNLOGGED, no index, in the copy's schema) with the record's
 * position on its partition ({@code ord}, see {@link EventProjection.Delivered#position}); nothing is upserted per event.
 * Once caught up, {@link #fold} computes every read-model table's final rows with one set-wise statement per table,
 * reproducing the serving projections' rules in delivery order per key:
 * <ul>
 *   <li>{@code student_demographics}: {@code on conflict do nothing} by (district, student, sequence): the first
 *       delivered row of a key;</li>
 *   <li>{@code pathway_entrant}: the earliest {@code entry_date} ({@code least}), the school and entry sequence of the
 *       first delivered enrolment with that date, {@code recorded_at} of the first enrolment; withdrawn by a
 *       retraction of its entry sequence delivered after its last enrolment (an enrolment clears it);</li>
 *   <li>{@code pathway_status}: the earliest {@code reached_on}, sequence and {@code recorded_at} of the first
 *       delivered row, withdrawn as above (a status reached again clears it);</li>
 *   <li>{@code college_credit}, {@code wbl_placement}, {@code industry_credential}, {@code high_school_completion}:
 *       the last delivered row's values and sequence ({@code do update set ... = excluded}), {@code recorded_at} of
 *       the first; withdrawn by a retraction of the last row's sequence delivered after it;</li>
 *   <li>{@code postsecondary_enrollment}, {@code postsecondary_credential}, {@code wage_record}: the first delivered
 *       row of (district, student, sequence) ({@code do nothing}); withdrawn at the last retraction of it delivered
 *       after it (a later row of the key changes nothing, so nothing clears it);</li>
 *   <li>{@code catalogue_pathway}: the last delivered definition or revision of (region, pathway).</li>
 * </ul>
 * A retraction's {@code withdrawn_at} is its own {@code recorded_at}; when several apply, the last delivered wins, as
 * each update overwrote the previous one. {@code CatchUpLogTest} holds these statements equal, table by table, to
 * what the serving projections leave after the same events, and shows that changing one rule is caught.
 *
 * <p>The rows are written from the decoded events straight into COPY text ({@link CopyText}): no statement, no
 * {@code java.sql.Timestamp} per row. Thread-safe: the rebuild's consumers share one instance, each batch has its own
 * buffers.
 */
public final class CatchUpLog implements EventProjection {

    /** The read-model tables the fold writes, in the order it writes them. */
    public static final List<String> TABLES = List.of("student_demographics", "pathway_entrant", "pathway_status", "college_credit",
            "wbl_placement", "industry_credential", "high_school_completion", "postsecondary_enrollment", "postsecondary_credential",
            "wage_record", "catalogue_pathway");

    /** Each staging table's columns (the read-model table's, then {@code ord}). */
    private static final Map<String, String> LOGGED = new LinkedHashMap<>();

    static {
        LOGGED.put("student_demographics", "district_id, student_id, sequence, effective_date, school_id, grade_level, cohort_year, "
                + "race_ethnicity, sex, english_learner, disability, economically_disadvantaged, foster, homeless, migrant, "
                + "military_connected, single_parent, recorded_at");
        LOGGED.put("pathway_entrant", "district_id, student_id, pathway_id, school_id, entry_date, entry_sequence, recorded_at");
        LOGGED.put("pathway_status", "district_id, student_id, pathway_id, status, reached_on, sequence, recorded_at");
        LOGGED.put("college_credit", "district_id, student_id, credit_key, credits, year_end, transferable, sequence, recorded_at");
        LOGGED.put("wbl_placement", "district_id, student_id, placement_id, continuum_stage, start_date, sequence, recorded_at");
        LOGGED.put("industry_credential", "district_id, student_id, credential_id, earned_date, sequence, recorded_at");
        LOGGED.put("high_school_completion", "district_id, student_id, completion, completed_on, sequence, recorded_at");
        LOGGED.put("postsecondary_enrollment", "district_id, student_id, enrolled_on, institution, sequence, recorded_at");
        LOGGED.put("postsecondary_credential", "district_id, student_id, earned_on, sequence, recorded_at");
        LOGGED.put("wage_record", "district_id, student_id, year_quarter, quarterly_wage, sequence, recorded_at");
        LOGGED.put("catalogue_pathway", "region_id, pathway_id, industry_sector, cip_code");
    }

    private static final String RETRACTIONS = "log_retraction";

    /** The tables keyed by (district, student, sequence) whose first delivered row stays ({@code do nothing}), and their values. */
    private static final Map<String, String> FIRST_WINS = Map.of("postsecondary_enrollment", "enrolled_on, institution",
            "postsecondary_credential", "earned_on", "wage_record", "year_quarter, quarterly_wage");

    // Indexes of each batch's buffers (one per staging table).
    private static final int DEMOGRAPHICS = 0;
    private static final int ENTRANT = 1;
    private static final int STATUS = 2;
    private static final int CREDIT = 3;
    private static final int WBL = 4;
    private static final int CREDENTIAL = 5;
    private static final int COMPLETION = 6;
    private static final int ENROLLMENT = 7;
    private static final int PS_CREDENTIAL = 8;
    private static final int WAGE = 9;
    private static final int CATALOGUE = 10;
    private static final int RETRACTION = 11;
    private static final String[] TARGETS = targets();

    private final boolean menaReportedSeparately;
    private final AtomicLong rowsNanos = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    public CatchUpLog(boolean menaReportedSeparately) {
        this.menaReportedSeparately = menaReportedSeparately;
    }

    private static String[] targets() {
        List<String> targets = new ArrayList<>();
        LOGGED.forEach((table, columns) -> targets.add("log_" + table + " (" + columns + ", ord)"));
        targets.add(RETRACTIONS + " (district_id, student_id, retracted_sequence, recorded_at, ord)");
        return targets.toArray(String[]::new);
    }

    /** Creates the staging tables in {@code schema} (the fresh copy's; its read-model tables must exist). */
    public static void createLogs(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (var table : LOGGED.entrySet()) {
                statement.execute("create unlogged table " + schema + ".log_" + table.getKey() + " as select " + table.getValue()
                        + ", cast(null as bigint) as ord from " + schema + "." + table.getKey() + " limit 0");
            }
            statement.execute("create unlogged table " + schema + "." + RETRACTIONS + " (district_id varchar(64), student_id varchar(64), "
                    + "retracted_sequence bigint, recorded_at timestamptz, ord bigint)");
        }
    }

    /** Drops the staging tables (after the fold). */
    public static void dropLogs(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : LOGGED.keySet()) {
                statement.execute("drop table if exists " + schema + ".log_" + table);
            }
            statement.execute("drop table if exists " + schema + "." + RETRACTIONS);
        }
    }

    /** Rows appended and the time spent building and copying them (for benchmarks and logs). */
    public String timings() {
        return String.format("logged %,d rows in %.1f s", rows.get(), rowsNanos.get() / 1e9);
    }

    @Override
    public void apply(Connection transaction, EventEnvelope envelope, PublishedEvent event) {
        throw new UnsupportedOperationException("the catch-up log takes whole batches of delivered records (it needs their positions)");
    }

    @Override
    public void applyBatch(Connection transaction, List<Delivered> events) throws SQLException {
        long started = System.nanoTime();
        CopyText[] logs = new CopyText[TARGETS.length];
        for (Delivered delivered : events) {
            if (delivered.position() < 0) {
                throw new IllegalArgumentException("the catch-up log needs each record's position on its partition");
            }
            log(logs, delivered.envelope(), delivered.event(), delivered.position());
        }
        long written = 0;
        for (int i = 0; i < logs.length; i++) {
            if (logs[i] != null) {
                written += logs[i].rows();
                logs[i].copyInto(transaction, TARGETS[i]);
            }
        }
        rows.addAndGet(written);
        rowsNanos.addAndGet(System.nanoTime() - started);
    }

    private static CopyText log(CopyText[] logs, int which) {
        CopyText log = logs[which];
        if (log == null) {
            log = new CopyText(which == DEMOGRAPHICS ? 64 * 1024 : 8 * 1024);
            logs[which] = log;
        }
        return log;
    }

    /** The rows the serving projections (EntryProjection, OutcomeProjection, CatalogueProjection) would write. */
    private void log(CopyText[] logs, EventEnvelope envelope, PublishedEvent event, long ord) {
        String district = envelope.districtId();
        String student = envelope.studentId();
        long sequence = envelope.sequence();
        if (event instanceof StudentRegistered registered) {
            demographics(log(logs, DEMOGRAPHICS), envelope, registered.registration(), registered.effectiveDate(), ord);
        } else if (event instanceof StudentDetailsChanged changed) {
            demographics(log(logs, DEMOGRAPHICS), envelope, changed.registration(), changed.effectiveDate(), ord);
        } else if (event instanceof StudentRecordCorrected corrected) {
            demographics(log(logs, DEMOGRAPHICS), envelope, corrected.registration(), corrected.effectiveDate(), ord);
        } else if (event instanceof StudentEnrolledInPathway enrolled) {
            log(logs, ENTRANT).text(enrolled.districtId().value()).text(enrolled.studentId().value()).text(enrolled.pathwayId().value())
                    .text(enrolled.schoolId().value()).date(enrolled.entryDate()).number(sequence).instant(envelope.occurredAt())
                    .number(ord).endRow();
        } else if (event instanceof StudentFactRetracted retracted) {
            log(logs, RETRACTION).text(district).text(student).number(retracted.retractedSequence()).instant(envelope.occurredAt())
                    .number(ord).endRow();
        } else if (event instanceof PathwayStatusReached reached) {
            log(logs, STATUS).text(district).text(student).text(reached.pathwayId().value()).text(reached.status().name())
                    .date(reached.reachedOn()).number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof CollegeCreditEarned credit) {
            String key = credit.collegeId() + "/" + credit.collegeCourseId() + "/" + credit.schoolYear() + "/" + credit.term();
            log(logs, CREDIT).text(district).text(student).text(key).decimal(credit.credits()).date(credit.schoolYear().lastDay())
                    .bool(credit.transferable()).number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof WorkBasedLearningLogged wbl) {
            log(logs, WBL).text(district).text(student).text(wbl.placementId().value()).text(wbl.continuumStage().name())
                    .date(wbl.startDate()).number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof IndustryCredentialEarned credential) {
            log(logs, CREDENTIAL).text(district).text(student).text(credential.credentialId().value()).date(credential.earnedDate())
                    .number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof HighSchoolCompleted completed) {
            log(logs, COMPLETION).text(district).text(student).text(completed.completion().name()).date(completed.completedOn())
                    .number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof PostsecondaryEnrolled enrolled) {
            log(logs, ENROLLMENT).text(district).text(student).date(enrolled.enrolledOn()).text(enrolled.institutionId())
                    .number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof PostsecondaryCredentialEarned credential) {
            log(logs, PS_CREDENTIAL).text(district).text(student).date(credential.earnedOn()).number(sequence)
                    .instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof QuarterlyWageRecorded wage) {
            log(logs, WAGE).text(district).text(student).text(wage.yearQuarter().toString()).decimal(wage.quarterlyWage())
                    .number(sequence).instant(envelope.occurredAt()).number(ord).endRow();
        } else if (event instanceof PathwayDefined defined) {
            log(logs, CATALOGUE).text(defined.regionId().value()).text(defined.pathwayId().value())
                    .text(defined.definition().industrySector()).text(defined.definition().cipCode()).number(ord).endRow();
        } else if (event instanceof PathwayRevised revised) {
            log(logs, CATALOGUE).text(revised.regionId().value()).text(revised.pathwayId().value())
                    .text(revised.definition().industrySector()).text(revised.definition().cipCode()).number(ord).endRow();
        }
    }

    private void demographics(CopyText log, EventEnvelope envelope, StudentRegistration registration, LocalDate effectiveDate, long ord) {
        Demographics who = registration.demographics();
        log.text(envelope.districtId()).text(envelope.studentId()).number(envelope.sequence()).date(effectiveDate)
                .text(registration.schoolId().value()).text(registration.gradeLevel().code()).number(registration.cohortYear())
                .text(who.raceEthnicity(menaReportedSeparately).name()).text(who.sex().code()).bool(who.englishLearner())
                .bool(who.disability()).bool(who.economicallyDisadvantaged()).bool(who.foster()).bool(who.homeless())
                .bool(who.migrant()).bool(who.militaryConnected()).bool(who.singleParent()).instant(envelope.occurredAt())
                .number(ord).endRow();
    }

    // ---- The fold: one statement per read-model table ----

    /** Full partitions, ordered by delivery. */
    private static String window(String key, String order) {
        return "(partition by " + sorted(key) + " order by " + order + " rows between unbounded preceding and unbounded following)";
    }

    /**
     * A key's text columns compared in the C collation: the fold only needs a key's rows together (and in delivery
     * order within it), and equality is the same in every deterministic collation, so the sorts compare bytes instead
     * of calling the locale's {@code strcoll} (several times cheaper on millions of rows).
     */
    static String sorted(String key) {
        return String.join(", ", java.util.Arrays.stream(key.split(",\\s*"))
                .map(column -> column.endsWith("sequence") ? column : column + " collate \"C\"").toList());
    }

    /**
     * The keys of {@code log_<table>} logged more than once: only their rows need the rules (windows, sorts); a key
     * logged once is its own final row. Found by one hash aggregate, which costs far less than sorting every row
     * (most keys are logged once: one enrolment per student and pathway, one row per event for the keys with a
     * sequence).
     */
    private static String repeated(String table, String key) {
        return "repeated as materialized (select " + key + " from log_" + table + " group by " + key + " having count(*) > 1)";
    }

    /** The rows of {@code log_<table>} whose key is (not) repeated, as {@code log_<table>}. */
    private static String rowsOf(String table, String key, boolean repeatedKey) {
        String match = String.join(" and ", java.util.Arrays.stream(key.split(",\\s*")).map(column -> "r." + column + " = l." + column).toList());
        return "(select l.* from log_" + table + " l where " + (repeatedKey ? "" : "not ") + "exists (select from repeated r where " + match + ")) log_" + table;
    }

    /**
     * Rows of a fact table that a retraction can withdraw: {@code finals} gives one row per key with its columns,
     * {@code match_sequence} (the sequence a retraction must name) and {@code since_ord} (retractions delivered after
     * it count); the last such retraction's {@code recorded_at} is {@code withdrawn_at}. {@code finals} reads the rows
     * of repeated keys; {@code single} (the same columns from one row) the others.
     */
    private static String withRetractions(String table, String key, String columns, String finals, String single) {
        return retracting(table, key, columns, repeated(table, key) + ",\n"
                + "f as materialized ((" + finals.replace("from log_" + table + " ", "from " + rowsOf(table, key, true) + " ")
                + ")\n  union all\n  " + single + " from " + rowsOf(table, key, false) + ")");
    }

    /** {@code withF} defines {@code f} (final rows, see {@link #withRetractions}); inserts them with their {@code withdrawn_at}. */
    private static String retracting(String table, String key, String columns, String withF) {
        String keyOfF = prefixed("f.", key);
        return "with " + withF + ",\n"
                + "w as (select distinct on (" + sorted(keyOfF) + ") " + keyOfF + ", r.recorded_at as withdrawn_at from f\n"
                + "  join " + RETRACTIONS + " r on r.district_id = f.district_id and r.student_id = f.student_id\n"
                + "   and r.retracted_sequence = f.match_sequence and r.ord > f.since_ord\n"
                + "  order by " + sorted(keyOfF) + ", r.ord desc)\n"
                + "insert into " + table + " (" + columns + ", withdrawn_at)\n"
                + "select " + prefixed("f.", columns) + ", w.withdrawn_at from f left join w using (" + key + ")";
    }

    private static String prefixed(String prefix, String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(",\\s*")).map(column -> prefix + column).toList());
    }

    /** Last delivered row's values and sequence, first {@code recorded_at}; withdrawn by a retraction of that sequence after it. */
    private static String lastWins(String table, String key, String values) {
        String columns = key + ", " + values + ", sequence, recorded_at";
        String finals = "select " + key + ", " + values + ", sequence, recorded_at, sequence as match_sequence, ord as since_ord from (\n"
                + "  select " + key + ", " + values + ", sequence, ord, first_value(recorded_at) over d as recorded_at, max(ord) over d as last_ord\n"
                + "  from log_" + table + " window d as " + window(key, "ord") + ") x where ord = last_ord";
        return withRetractions(table, key, columns, finals, "select " + columns + ", sequence as match_sequence, ord as since_ord");
    }

    /** First delivered row of the key ({@code do nothing}); withdrawn by the last retraction of its sequence after it. */
    private static String firstWins(String table, String values) {
        String key = "district_id, student_id, sequence";
        String columns = key + ", " + values + ", recorded_at";
        String finals = "select distinct on (" + sorted(key) + ") " + columns + ", sequence as match_sequence, ord as since_ord\n"
                + "  from log_" + table + " order by " + sorted(key) + ", ord";
        return withRetractions(table, key, columns, finals, "select " + columns + ", sequence as match_sequence, ord as since_ord");
    }

    /** The fold's statements, read-model table to statement (run in the copy's schema, in this order). */
    public static Map<String, String> foldStatements() {
        Map<String, String> fold = new LinkedHashMap<>();
        String demographics = LOGGED.get("student_demographics");
        String version = "district_id, student_id, sequence";
        fold.put("student_demographics", "with " + repeated("student_demographics", version) + "\n"
                + "insert into student_demographics (" + demographics + ")\n"
                + "(select distinct on (" + sorted(version) + ") " + demographics + "\n"
                + "from " + rowsOf("student_demographics", version, true) + " order by " + sorted(version) + ", ord)\n"
                + "union all\n"
                + "select " + demographics + " from " + rowsOf("student_demographics", version, false));
        String entrant = "district_id, student_id, pathway_id";
        fold.put("pathway_entrant", withRetractions("pathway_entrant", entrant,
                entrant + ", school_id, entry_date, entry_sequence, recorded_at",
                "select " + entrant + ", school_id, entry_date, entry_sequence, recorded_at, entry_sequence as match_sequence, last_ord as since_ord from (\n"
                        + "  select " + entrant + ", ord, first_value(school_id) over earliest as school_id, min(entry_date) over earliest as entry_date,\n"
                        + "    first_value(entry_sequence) over earliest as entry_sequence, first_value(recorded_at) over delivered as recorded_at,\n"
                        + "    max(ord) over delivered as last_ord\n"
                        + "  from log_pathway_entrant window earliest as " + window(entrant, "entry_date, ord")
                        + ", delivered as " + window(entrant, "ord") + ") x where ord = last_ord",
                "select " + entrant + ", school_id, entry_date, entry_sequence, recorded_at, entry_sequence as match_sequence, ord as since_ord"));
        String status = "district_id, student_id, pathway_id, status";
        fold.put("pathway_status", withRetractions("pathway_status", status, status + ", reached_on, sequence, recorded_at",
                "select " + status + ", reached_on, sequence, recorded_at, sequence as match_sequence, last_ord as since_ord from (\n"
                        + "  select " + status + ", ord, min(reached_on) over d as reached_on, first_value(sequence) over d as sequence,\n"
                        + "    first_value(recorded_at) over d as recorded_at, max(ord) over d as last_ord\n"
                        + "  from log_pathway_status window d as " + window(status, "ord") + ") x where ord = last_ord",
                "select " + status + ", reached_on, sequence, recorded_at, sequence as match_sequence, ord as since_ord"));
        fold.put("college_credit", lastWins("college_credit", "district_id, student_id, credit_key", "credits, year_end, transferable"));
        fold.put("wbl_placement", lastWins("wbl_placement", "district_id, student_id, placement_id", "continuum_stage, start_date"));
        fold.put("industry_credential", lastWins("industry_credential", "district_id, student_id, credential_id", "earned_date"));
        fold.put("high_school_completion", lastWins("high_school_completion", "district_id, student_id, completion", "completed_on"));
        FIRST_WINS.forEach((table, values) -> fold.put(table, firstWins(table, values)));
        fold.put("catalogue_pathway", "insert into catalogue_pathway (region_id, pathway_id, industry_sector, cip_code)\n"
                + "select distinct on (" + sorted("region_id, pathway_id") + ") region_id, pathway_id, industry_sector, cip_code\n"
                + "from log_catalogue_pathway order by " + sorted("region_id, pathway_id") + ", ord desc");
        return fold;
    }

    /**
     * The first attempt for the tables keyed by the event itself (district, student, sequence): every logged row as it
     * is, without the sort that keeps a key's first delivered row. A key is logged twice only if one event was applied
     * twice, which the consumers' de-duplication prevents; should it happen, building the table's primary key fails
     * and the table is folded again by its rule ({@link #foldStatements}).
     */
    static Map<String, String> asLoggedStatements() {
        Map<String, String> fold = new LinkedHashMap<>();
        String demographics = LOGGED.get("student_demographics");
        fold.put("student_demographics", "insert into student_demographics (" + demographics + ")\n"
                + "select " + demographics + " from log_student_demographics");
        for (var firstWins : FIRST_WINS.entrySet()) {
            String table = firstWins.getKey();
            String columns = "district_id, student_id, sequence, " + firstWins.getValue() + ", recorded_at";
            fold.put(table, retracting(table, "district_id, student_id, sequence", columns,
                    "f as materialized (select " + columns + ", sequence as match_sequence, ord as since_ord from log_" + table + ")"));
        }
        return fold;
    }

    /**
     * Computes every read-model table's rows from the staging tables, one after the other, on the caller's transaction
     * (its search path is the copy's schema, whose read-model tables are empty); see {@link #foldTable}.
     */
    public static List<TableFold> fold(Connection transaction, String schema) throws SQLException {
        return fold(transaction, schema, foldStatements());
    }

    /** {@link #fold} with the given statements (a test changes one rule to show it is caught). */
    static List<TableFold> fold(Connection transaction, String schema, Map<String, String> statements) throws SQLException {
        Map<String, String> asLogged = asLoggedStatements();
        List<TableFold> folded = new ArrayList<>();
        for (var table : statements.entrySet()) {
            folded.add(foldTable(transaction, schema, table.getKey(), table.getValue(), asLogged.get(table.getKey())));
        }
        org.slf4j.LoggerFactory.getLogger(CatchUpLog.class).info("Folded {}:{}", schema, folded.stream().map(fold -> " " + fold).collect(java.util.stream.Collectors.joining()));
        return folded;
    }

    /** How one table was folded: the seconds spent (its keys and indexes included), and whether by its rule after a key logged twice. */
    public record TableFold(String table, double seconds, boolean byRuleAfterRepeatedKey, double rows, double keys, double analyse, double commit) {
        TableFold committed(double seconds) {
            return new TableFold(table, this.seconds + seconds, byRuleAfterRepeatedKey, rows, keys, analyse, seconds);
        }

        @Override
        public String toString() {
            return String.format("%s %.2f s (rows %.2f, keys %.2f, analyse %.2f, commit %.2f)%s", table, seconds, rows, keys, analyse, commit,
                    byRuleAfterRepeatedKey ? " (a key logged twice: by its rule)" : "");
        }
    }

    /**
     * The same fold on {@code connections} connections at once (a rebuild: each table is independent of the others),
     * the largest staging tables first, each table in its own transaction; then the staging tables are dropped.
     * Returns the seconds spent. A table's failure fails the fold (the copy is left unswitched).
     */
    public static double foldInParallel(DataSource target, String schema, int connections) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        java.util.concurrent.ConcurrentLinkedQueue<String> tables = new java.util.concurrent.ConcurrentLinkedQueue<>(largestFirst(target, schema));
        Map<String, String> statements = foldStatements();
        Map<String, String> asLogged = asLoggedStatements();
        List<TableFold> done = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, connections); i++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = target.getConnection()) {
                    connection.setAutoCommit(false);
                    String table;
                    while (failed.get() == null && (table = tables.poll()) != null) {
                        try {
                            TableFold fold = foldTable(connection, schema, table, statements.get(table), asLogged.get(table));
                            long committing = System.nanoTime();
                            connection.commit();
                            done.add(fold.committed((System.nanoTime() - committing) / 1e9));
                        } catch (SQLException | RuntimeException e) {
                            connection.rollback();
                            throw new SQLException("folding " + table + " failed: " + e.getMessage(), e);
                        }
                    }
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }, "analytics-fold-" + schema + "-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failed.get() != null) {
            throw failed.get() instanceof SQLException e ? e : new SQLException(failed.get().getMessage(), failed.get());
        }
        try (Connection connection = target.getConnection()) {
            dropLogs(connection, schema);
        }
        org.slf4j.LoggerFactory.getLogger(CatchUpLog.class).info("Folded {} on {} connections:{}", schema, connections,
                done.stream().map(fold -> " " + fold).collect(java.util.stream.Collectors.joining()));
        return (System.nanoTime() - started) / 1e9;
    }

    /** The folded tables, the one with the largest staging table first (so the longest folds start first). */
    private static List<String> largestFirst(DataSource target, String schema) throws SQLException {
        Map<String, Long> size = new java.util.HashMap<>();
        try (Connection connection = target.getConnection();
             PreparedStatement select = connection.prepareStatement("select c.relname, pg_relation_size(c.oid) from pg_class c "
                     + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname like 'log\\_%'")) {
            select.setString(1, schema);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    size.put(row.getString(1).substring("log_".length()), row.getLong(2));
                }
            }
        }
        List<String> tables = new ArrayList<>(TABLES);
        tables.sort(java.util.Comparator.comparing((String table) -> size.getOrDefault(table, 0L)).reversed());
        return tables;
    }

    /**
     * One table's fold on the caller's transaction: its keys and indexes dropped, the table emptied (within the
     * transaction: with {@code wal_level = minimal}, as the embedded PostgreSQL runs, its rows and index builds then
     * skip the WAL), its rows computed by one set-wise statement (one sort per key and index afterwards instead of a
     * B-tree insert per row), its keys and indexes built again, the table analysed. For a table keyed by the event,
     * every row as logged first ({@link #asLoggedStatements}), and by its rule if a key was logged twice.
     */
    private static TableFold foldTable(Connection transaction, String schema, String table, String byRule, String asLogged) throws SQLException {
        long started = System.nanoTime();
        List<String> rebuild = dropKeysAndIndexes(transaction, schema, table);
        boolean repeatedKey = false;
        long[] steps = new long[3];
        try (Statement statement = transaction.createStatement()) {
            // Large sorts and hashes: the fold's windows, distinct-ons and key builds are over every logged row of a table.
            statement.execute("set local work_mem = '256MB'");
            statement.execute("set local maintenance_work_mem = '256MB'");
            statement.execute("truncate " + schema + "." + table);
            boolean folded = false;
            if (asLogged != null) {
                java.sql.Savepoint before = transaction.setSavepoint();
                try {
                    rowsThenKeys(statement, asLogged, rebuild, steps);
                    transaction.releaseSavepoint(before);
                    folded = true;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    transaction.rollback(before);
                    repeatedKey = true;
                }
            }
            if (!folded) {
                rowsThenKeys(statement, byRule, rebuild, steps);
            }
            long from = System.nanoTime();
            statement.execute("analyze " + schema + "." + table);
            steps[2] = System.nanoTime() - from;
        }
        return new TableFold(table, (System.nanoTime() - started) / 1e9, repeatedKey, steps[0] / 1e9, steps[1] / 1e9, steps[2] / 1e9, 0);
    }

    /** Runs the statement writing a table's rows, then the DDL building its keys and indexes; their nanoseconds in {@code steps[0..1]}. */
    private static void rowsThenKeys(Statement statement, String rows, List<String> keys, long[] steps) throws SQLException {
        long from = System.nanoTime();
        statement.execute(rows);
        steps[0] = System.nanoTime() - from;
        for (String sql : keys) {
            statement.execute(sql);
        }
        steps[1] = System.nanoTime() - from - steps[0];
    }

    /** Drops the primary key, unique constraints and other indexes of a folded table; returns the DDL that puts them back. */
    private static List<String> dropKeysAndIndexes(Connection transaction, String schema, String folded) throws SQLException {
        List<String> drop = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        String[] tables = {folded};
        try (PreparedStatement indexes = transaction.prepareStatement("""
                select t.relname, i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid)
                from pg_index x
                join pg_class i on i.oid = x.indexrelid
                join pg_class t on t.oid = x.indrelid
                join pg_namespace n on n.oid = t.relnamespace
                left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = t.oid
                where n.nspname = ? and t.relname = any(?)
                order by t.relname, i.relname""")) {
            indexes.setString(1, schema);
            indexes.setArray(2, transaction.createArrayOf("varchar", tables));
            try (ResultSet row = indexes.executeQuery()) {
                while (row.next()) {
                    String table = schema + "." + quoted(row.getString(1));
                    if (row.getString(4) != null) {
                        drop.add("alter table " + table + " drop constraint " + quoted(row.getString(4)));
                        rebuild.add("alter table " + table + " add constraint " + quoted(row.getString(4)) + " " + row.getString(5));
                    } else {
                        drop.add("drop index " + schema + "." + quoted(row.getString(2)));
                        rebuild.add(row.getString(3));
                    }
                }
            }
        }
        try (Statement statement = transaction.createStatement()) {
            for (String sql : drop) {
                statement.execute(sql);
            }
        }
        return rebuild;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
