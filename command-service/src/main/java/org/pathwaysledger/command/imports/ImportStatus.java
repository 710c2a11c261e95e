package org.pathwaysledger.command.imports;

import java.time.Instant;
import java.util.List;

/** What a district sees of its submission: where it is, the counts, the rate and the time left. */
public record ImportStatus(
        String importId,
        String districtId,
        Phase status,
        boolean dryRun,
        List<String> files,
        long rowsRead,
        long rowsAccepted,
        long rowsUnchanged,
        long rowsRejected,
        Double rowsPerSecond,
        Long etaSeconds,
        Double percentDone,
        List<String> warnings,
        String message,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String errorsCsv) {

    public enum Phase { QUEUED, VALIDATING, WRITING, DONE, FAILED }
}
