package org.pathwaysledger.command.imports;

import java.time.Instant;
import java.util.List;

/** A snapshot of a running import, as stored for the status API. */
record ImportProgress(String importId, ImportStatus.Phase phase, long bytesRead, long rowsRead, long rowsAccepted,
                      long rowsUnchanged, long rowsRejected, List<String> warnings, String message, Instant startedAt,
                      Instant finishedAt) {
}
