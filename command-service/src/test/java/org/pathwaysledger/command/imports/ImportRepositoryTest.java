package org.pathwaysledger.command.imports;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored state of an import job, on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=command-service")
class ImportRepositoryTest {

    @Autowired
    ImportRepository repository;

    @Test
    void a_finished_import_stays_finished_when_a_late_periodic_write_lands_after_the_final_one() {
        String importId = "imp-" + UUID.randomUUID();
        Instant started = Instant.parse("2026-11-26T03:00:00Z");
        repository.create(importId, "RACE-USD", false, List.of("students.csv (students)"), 100, started);

        // The periodic writer read the job while it was writing; the runner then wrote the final state; the periodic
        // write lands last (the order a loaded machine produced).
        ImportProgress periodic = new ImportProgress(importId, ImportStatus.Phase.WRITING, 90, 14, 14, 0, 0, List.of(), null, started, null);
        ImportProgress last = new ImportProgress(importId, ImportStatus.Phase.DONE, 100, 15, 15, 0, 0, List.of(), "All rows accepted",
                started, started.plusSeconds(2));
        repository.progress(last);
        repository.progress(periodic);

        ImportStatus status = repository.status(importId).orElseThrow();
        assertThat(status.status()).isEqualTo(ImportStatus.Phase.DONE);
        assertThat(status.rowsAccepted()).isEqualTo(15);
        assertThat(status.message()).isEqualTo("All rows accepted");
    }

    @Test
    void a_running_import_shows_its_latest_progress() {
        String importId = "imp-" + UUID.randomUUID();
        Instant started = Instant.parse("2026-11-26T03:00:00Z");
        repository.create(importId, "RACE-USD", false, List.of("students.csv (students)"), 100, started);

        repository.progress(new ImportProgress(importId, ImportStatus.Phase.WRITING, 10, 3, 3, 0, 0, List.of(), null, started, null));
        repository.progress(new ImportProgress(importId, ImportStatus.Phase.WRITING, 50, 8, 7, 1, 0, List.of(), null, started, null));

        ImportStatus status = repository.status(importId).orElseThrow();
        assertThat(status.status()).isEqualTo(ImportStatus.Phase.WRITING);
        assertThat(status.rowsRead()).isEqualTo(8);
        assertThat(status.rowsUnchanged()).isEqualTo(1);
    }
}
