package org.pathwaysledger.command.imports;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.pathwaysledger.command.eventstore.EventReadAhead;
import org.pathwaysledger.command.student.StudentBulkWriter;
import org.pathwaysledger.command.student.StudentCommandRunner;
import org.pathwaysledger.command.student.StudentConfiguration;
import org.pathwaysledger.command.web.InvalidRequestException;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.StudentKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs district submissions: reads each file as a stream (students first, then what refers to them), turns every
 * row into commands, and sends them through the same aggregates as the REST API, so a bad row never blocks the
 * good ones and a re-submitted file adds no events. Rows of one student stay in file order (one lane per student);
 * different students are written concurrently, each lane committing its rows in batches. Progress is stored twice
 * a second for the status API.
 */
@Component
public class ImportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    /** A stored upload waiting to be read. */
    public record Upload(ImportKind kind, String fileName, Path storedFile, long bytes) {
    }

    private final CommandGateway commands;
    private final StudentCommandRunner studentCommands;
    private final StudentBulkWriter bulk;
    private final EventReadAhead readAhead;
    private final Cache recentStudents;
    private final ImportRepository repository;
    private final Clock clock;
    private final ExecutorService runner;
    private final Lane[] lanes;
    private final TransactionTemplate batchTransaction;
    private final TransactionManager axonTransactions;
    private final int rowsPerTransaction;
    private final ScheduledExecutorService progressWriter;
    private final Semaphore inFlight;
    private volatile boolean closed;

    public ImportJobs(CommandBus commandBus, PlatformTransactionManager transactions, TransactionManager axonTransactions,
                      StudentCommandRunner studentCommands, StudentBulkWriter bulk, EventReadAhead readAhead,
                      @Qualifier(StudentConfiguration.STUDENT_CACHE) Cache recentStudents, ImportRepository repository, Clock clock,
                      @Value("${pathways.imports.lanes:0}") int laneCount,
                      @Value("${pathways.imports.in-flight-rows:4000}") int maxInFlight,
                      @Value("${pathways.imports.rows-per-transaction:100}") int rowsPerTransaction,
                      @Value("${pathways.imports.bulk-append:true}") boolean bulkAppend) {
        // No retries here: each student has one lane, and a retry on another thread would escape the batch's transaction.
        this.commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
        this.studentCommands = studentCommands;
        this.bulk = bulkAppend ? bulk : null;
        this.readAhead = readAhead;
        this.recentStudents = recentStudents;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.axonTransactions = axonTransactions;
        this.rowsPerTransaction = rowsPerTransaction;
        this.repository = repository;
        this.clock = clock;
        this.runner = Executors.newSingleThreadExecutor(daemon("import-runner"));
        // Default: one lane more than the cores. Each lane batch has fixed costs (its unit of work and transaction, the
        // students' histories, the append); more lanes than cores split the queued rows into smaller batches for no
        // more parallelism (8 lanes on 2 cores: 13 rows a batch and 40-60 % more lane CPU than 3; BENCHMARKS.md).
        int lanesToRun = laneCount > 0 ? laneCount : Runtime.getRuntime().availableProcessors() + 1;
        this.lanes = new Lane[lanesToRun];
        for (int i = 0; i < lanesToRun; i++) {
            lanes[i] = new Lane("import-lane-" + i);
        }
        this.progressWriter = Executors.newSingleThreadScheduledExecutor(daemon("import-progress"));
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Queues a submission and answers its id; the work happens in the background. */
    public String submit(DistrictId district, List<Upload> uploads, boolean dryRun) {
        return submit(district, uploads, dryRun, List.of(), List.of());
    }

    /**
     * Queues a submission whose files came out of a mapping profile: the problems found while converting the
     * district's own export are reported with the rows' errors, against the source file and line.
     */
    public String submit(DistrictId district, List<Upload> uploads, boolean dryRun, List<RowError> conversionErrors, List<String> warnings) {
        String importId = "imp-" + UUID.randomUUID();
        List<Upload> ordered = uploads.stream().sorted(Comparator.comparing(Upload::kind)).toList();
        repository.create(importId, district.value(), dryRun,
                ordered.stream().map(upload -> upload.fileName() + " (" + upload.kind().fileName() + ")").toList(),
                ordered.stream().mapToLong(Upload::bytes).sum(), clock.instant());
        Job job = new Job(importId, district, dryRun, ordered);
        job.warnings.addAll(warnings);
        conversionErrors.forEach(error -> job.errors.add(new RowError(job.errorCount.getAndIncrement(), -1, error.file(), error.line(),
                error.column(), error.value(), error.problem())));
        job.rowsRejected.addAndGet(conversionErrors.stream().filter(error -> error.line() > 0)
                .map(error -> error.file() + "#" + error.line()).distinct().count());
        runner.submit(() -> run(job));
        return importId;
    }

    private void run(Job job) {
        job.startedAt = clock.instant();
        job.phase = job.dryRun ? ImportStatus.Phase.VALIDATING : ImportStatus.Phase.WRITING;
        var progress = progressWriter.scheduleWithFixedDelay(() -> flush(job), 0, 500, TimeUnit.MILLISECONDS);
        try {
            for (Upload upload : job.uploads) {
                read(job, upload);
                job.barrier();
            }
            job.phase = ImportStatus.Phase.DONE;
            job.message = job.rowsRejected.get() == 0 ? "All rows accepted" :
                    job.rowsRejected.get() + " row(s) rejected; every other row was imported. See errors.csv for the line, column and fix.";
        } catch (RuntimeException | Error e) {
            log.error("Import {} failed", job.importId, e);
            job.phase = ImportStatus.Phase.FAILED;
            job.message = "The import stopped unexpectedly; rows before the failure were imported. Submitting again is safe: rows already recorded are skipped.";
        } finally {
            job.finishedAt = clock.instant();
            progress.cancel(false);
            finalFlush(job);
            job.uploads.forEach(upload -> upload.storedFile().toFile().delete());
        }
    }

    private void read(Job job, Upload upload) {
        String file = upload.fileName();
        LocalDate submittedOn = LocalDate.now(clock);
        try (CountingStream counted = new CountingStream(Files.newInputStream(upload.storedFile()), job.bytesRead);
             CsvReader csv = new CsvReader(counted)) {
            CsvReader.Record header = csv.next();
            if (header == null) {
                job.warnings.add(file + ": the file is empty");
                return;
            }
            List<String> columns = header.fields().stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
            if (!checkHeader(job, upload, columns)) {
                return;
            }
            CsvReader.Record record;
            while ((record = csv.next()) != null) {
                job.rowsRead.incrementAndGet();
                if (record.fields().size() != columns.size()) {
                    job.reject(file, record.line(), null, null, "the row has " + record.fields().size() + " fields but the header has "
                            + columns.size() + "; check for an unquoted comma or a missing cell");
                    job.rowsRejected.incrementAndGet();
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    if (upload.kind().knownColumns().contains(columns.get(i))) {
                        row.put(columns.get(i), record.fields().get(i).trim());
                    }
                }
                EventSource source = new EventSource(EventSource.Channel.IMPORT, job.importId + "/" + file + "#" + record.line());
                RowCommands.Parsed parsed;
                try {
                    parsed = RowCommands.parse(upload.kind(), row, job.district, source, submittedOn);
                } catch (InvalidRequestException e) {
                    long line = record.line();
                    e.problems().forEach(problem -> job.reject(file, line, problem.field(), problem.value(), problem.problem()));
                    job.rowsRejected.incrementAndGet();
                    continue;
                }
                if (job.dryRun) {
                    job.rowsAccepted.incrementAndGet();
                } else {
                    write(job, file, record.line(), parsed);
                }
            }
        } catch (CsvReader.MalformedCsvException e) {
            job.reject(file, e.line(), null, null, e.getMessage() + "; the rest of this file was not read");
            job.rowsRejected.incrementAndGet();
        } catch (IOException e) {
            job.reject(file, 0, null, null, "the file could not be read: " + e.getMessage());
        }
    }

    private boolean checkHeader(Job job, Upload upload, List<String> columns) {
        String file = upload.fileName();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                job.reject(file, 1, column, null, "appears twice in the header; keep one column of each name");
                return false;
            }
        }
        List<String> missing = upload.kind().requiredColumns().stream().filter(column -> !seen.contains(column)).toList();
        if (!missing.isEmpty()) {
            job.reject(file, 1, missing.get(0), null, "is missing from the header; a " + upload.kind().fileName() + " file needs the columns "
                    + String.join(", ", upload.kind().requiredColumns()) + " (missing: " + String.join(", ", missing) + "); nothing in this file was imported");
            return false;
        }
        columns.stream().filter(column -> !upload.kind().knownColumns().contains(column)).forEach(column ->
                job.warnings.add(file + ": column '" + abbreviate(column) + "' is not part of the " + upload.kind().fileName()
                        + " format and was ignored"));
        return true;
    }

    /** Queues the row on its student's lane, so one student's rows keep their order. */
    private void write(Job job, String file, long line, RowCommands.Parsed parsed) {
        StudentKey student = new StudentKey(parsed.district(), parsed.student());
        inFlight.acquireUninterruptibly();
        job.pending.register();
        lanes[Math.floorMod(student.hashCode(), lanes.length)].queue.add(new RowTask(job, file, line, student, parsed.commands()));
    }

    /** One row waiting on a lane. */
    private record RowTask(Job job, String file, long line, StudentKey student, List<Object> commands) {
    }

    /**
     * Runs a batch's commands in one Axon unit of work and one database transaction: each command runs nested in it,
     * so a student's aggregate is loaded once for all its rows in the batch (from events read ahead for the whole batch), the region lookups are read once, and
     * the batch's events are appended to the event store together when it commits. Any failure rolls back the whole
     * batch (the caller then writes its rows one by one).
     */
    private <T> T inOneUnitOfWork(java.util.concurrent.Callable<T> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(axonTransactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(work, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /**
     * A lane writes its queued rows in batches, one unit of work and database transaction per batch (see
     * {@link #inOneUnitOfWork}): by default decided and appended in one go ({@link StudentBulkWriter},
     * {@code pathways.imports.bulk-append}), else, or when the bulk append conflicts with another writer, command by
     * command on the Students ({@link StudentCommandRunner}). If any row of a batch is refused, the batch is rolled back
     * and its rows are written one by one, so the refused row is reported and every other row is kept.
     */
    private final class Lane {
        final java.util.concurrent.LinkedBlockingQueue<RowTask> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        final Thread thread;

        Lane(String name) {
            thread = daemon(name).newThread(this::run);
            thread.start();
        }

        private void run() {
            List<RowTask> batch = new ArrayList<>();
            while (!closed) {
                try {
                    RowTask first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                } catch (InterruptedException e) {
                    // Only close() ends a lane. Any other interrupt (Axon interrupts a unit of work that runs past its
                    // timeout, and the flag can outlive the command) must not silently stop this lane: a stopped lane
                    // would leave every later import waiting for rows nobody writes.
                    continue;
                }
                queue.drainTo(batch, rowsPerTransaction - 1);
                try {
                    writeBatch(batch);
                } catch (Throwable unexpected) {
                    String reference = UUID.randomUUID().toString();
                    log.error("Import lane {} could not write a batch of {} rows, reference {}", thread.getName(), batch.size(), reference, unexpected);
                    batch.forEach(task -> {
                        task.job().reject(task.file(), task.line(), null, null, "could not be recorded because of an internal error (reference "
                                + reference + "); submitting the file again is safe");
                        task.job().rowsRejected.incrementAndGet();
                    });
                } finally {
                    Thread.interrupted();
                    batch.forEach(task -> {
                        inFlight.release();
                        task.job().pending.arriveAndDeregister();
                    });
                    batch.clear();
                }
            }
        }

        private void writeBatch(List<RowTask> batch) {
            if (bulk != null && bulk.takes(batch.stream().map(RowTask::commands).toList())) {
                try {
                    List<Boolean> recorded = inOneUnitOfWork(() -> bulk.decideAndAppend(batch.stream().map(RowTask::commands).toList()));
                    count(batch, recorded);
                    return;
                } catch (StudentBulkWriter.Conflict | StudentBulkWriter.NotInBulk conflict) {
                    // Another writer changed one of these students (or the batch is not for this path): rolled back, its
                    // students evicted; written below on the per-command path, which reads them from the event store.
                    log.debug("Import lane {} writes a batch of {} rows per command: {}", thread.getName(), batch.size(), conflict.getMessage());
                } catch (RuntimeException refused) {
                    // A row was refused (or failed): rolled back as a whole; each row on its own, which reports the refusal.
                    for (RowTask task : batch) {
                        writeAlone(task);
                    }
                    return;
                }
            }
            if (batch.size() > 1) {
                try {
                    List<Boolean> recorded = inOneUnitOfWork(() -> {
                        // The batch's students' histories in one query, instead of two per student as each is loaded;
                        // a student still in memory from an earlier batch needs no history (an evicted one is read as usual).
                        readAhead.readAhead(batch.stream().map(task -> task.student().toString())
                                .filter(student -> !recentStudents.containsKey(student)).toList());
                        List<Boolean> outcomes = new ArrayList<>(batch.size());
                        for (RowTask task : batch) {
                            outcomes.add(decide(task));
                        }
                        return outcomes;
                    });
                    count(batch, recorded);
                    return;
                } catch (RuntimeException refusedInBatch) {
                    // Rolled back as a whole: write each row on its own, below.
                }
            }
            for (RowTask task : batch) {
                writeAlone(task);
            }
        }

        private void count(List<RowTask> batch, List<Boolean> recorded) {
            for (int i = 0; i < batch.size(); i++) {
                (recorded.get(i) ? batch.get(i).job().rowsAccepted : batch.get(i).job().rowsUnchanged).incrementAndGet();
            }
        }

        private void writeAlone(RowTask task) {
            Job job = task.job();
            try {
                boolean recorded = batchTransaction.execute(status -> send(task));
                (recorded ? job.rowsAccepted : job.rowsUnchanged).incrementAndGet();
            } catch (InvalidValueException e) {
                job.reject(task.file(), task.line(), e.field(), e.value(), e.problem());
                job.rowsRejected.incrementAndGet();
            } catch (AggregateNotFoundException e) {
                job.reject(task.file(), task.line(), "student_id", task.student().studentId().value(), "is not registered in district "
                        + task.student().districtId() + "; include the student in the students file of this submission, or register them first");
                job.rowsRejected.incrementAndGet();
            } catch (RuntimeException e) {
                String reference = UUID.randomUUID().toString();
                log.error("Import {} could not record {} line {}, reference {}", job.importId, task.file(), task.line(), reference, e);
                job.reject(task.file(), task.line(), null, null, "could not be recorded because of an internal error (reference " + reference
                        + "); submitting the file again is safe");
                job.rowsRejected.incrementAndGet();
            }
        }

        /** In a batch: each command decided directly on its student (see StudentCommandRunner), or sent when no student handles it. */
        private boolean decide(RowTask task) {
            boolean recorded = false;
            for (Object command : task.commands()) {
                recorded |= Boolean.TRUE.equals(studentCommands.handles(command) ? studentCommands.run(command) : commands.sendAndWait(command));
            }
            return recorded;
        }

        /** Alone: each command through the command bus, whose refusals the caller reports row by row. */
        private boolean send(RowTask task) {
            boolean recorded = false;
            for (Object command : task.commands()) {
                recorded |= Boolean.TRUE.equals(commands.sendAndWait(command));
            }
            return recorded;
        }
    }

    /**
     * The final state is written on the progress writer's own thread, after any periodic write already running there:
     * that one may have read the job before it finished and drained some of its errors, and the client must not see
     * DONE before every error is stored (ImportRepository also refuses to overwrite a finished job's state).
     */
    private void finalFlush(Job job) {
        try {
            progressWriter.submit(() -> flush(job)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flush(job);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            flush(job);
        }
    }

    private void flush(Job job) {
        try {
            List<RowError> errors = new ArrayList<>();
            RowError error;
            while ((error = job.errors.poll()) != null) {
                errors.add(error);
            }
            repository.errors(job.importId, errors);
            repository.progress(new ImportProgress(job.importId, job.phase, job.bytesRead.get(), job.rowsRead.get(),
                    job.rowsAccepted.get(), job.rowsUnchanged.get(), job.rowsRejected.get(), List.copyOf(job.warnings),
                    job.message, job.startedAt, job.finishedAt));
        } catch (RuntimeException e) {
            log.warn("Could not store the progress of import {}: {}", job.importId, e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        closed = true;
        runner.shutdownNow();
        progressWriter.shutdownNow();
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
    }

    /** One submission while it runs. */
    private static final class Job {
        final String importId;
        final DistrictId district;
        final boolean dryRun;
        final List<Upload> uploads;
        final AtomicLong bytesRead = new AtomicLong();
        final AtomicLong rowsRead = new AtomicLong();
        final AtomicLong rowsAccepted = new AtomicLong();
        final AtomicLong rowsUnchanged = new AtomicLong();
        final AtomicLong rowsRejected = new AtomicLong();
        final AtomicLong errorCount = new AtomicLong();
        final ConcurrentLinkedQueue<RowError> errors = new ConcurrentLinkedQueue<>();
        final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Phaser pending = new Phaser(1);
        volatile ImportStatus.Phase phase = ImportStatus.Phase.QUEUED;
        volatile String message;
        volatile Instant startedAt;
        volatile Instant finishedAt;

        Job(String importId, DistrictId district, boolean dryRun, List<Upload> uploads) {
            this.importId = importId;
            this.district = district;
            this.dryRun = dryRun;
            this.uploads = uploads;
        }

        void reject(String file, long line, String column, String value, String problem) {
            int fileOrder = 0;
            for (int i = 0; i < uploads.size(); i++) {
                if (uploads.get(i).fileName().equals(file)) {
                    fileOrder = i;
                }
            }
            errors.add(new RowError(errorCount.getAndIncrement(), fileOrder, file, line, column, value, problem));
        }

        /** Waits until every row sent so far is written: the next file may refer to them. */
        void barrier() {
            pending.arriveAndAwaitAdvance();
        }
    }

    /** Counts the bytes read, for the progress and the time left. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
