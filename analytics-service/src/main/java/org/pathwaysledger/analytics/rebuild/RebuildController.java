package org.pathwaysledger.analytics.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

/** Rebuild the analytics read model from the topics while it keeps serving, then switch (see {@link ReadModelRebuilds}). */
@RestController
public class RebuildController {

    private static final String ID = "[0-9a-f-]{36}";

    private final ReadModelRebuilds rebuilds;

    public RebuildController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping("/api/v1/admin/rebuilds")
    public ResponseEntity<?> start() throws SQLException {
        try {
            RebuildProgress started = rebuilds.start();
            return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuilds/" + started.id())).body(started);
        } catch (ReadModelRebuilds.AlreadyRunning e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A rebuild is already running; follow it at /api/v1/admin/rebuilds/" + e.runningId);
            problem.setTitle("Rebuild already running");
            problem.setProperty("runningId", e.runningId);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }

    @GetMapping("/api/v1/admin/rebuilds")
    public List<RebuildProgress> all() {
        return rebuilds.all();
    }

    @GetMapping("/api/v1/admin/rebuilds/{id}")
    public ResponseEntity<?> progress(@PathVariable String id) {
        var progress = id.matches(ID) ? rebuilds.progress(id) : java.util.Optional.<RebuildProgress>empty();
        if (progress.isPresent()) {
            return ResponseEntity.ok(progress.get());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No rebuild " + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + " on this service instance; GET /api/v1/admin/rebuilds lists them");
        problem.setTitle("Rebuild not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
