package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The command-line client for nightly scripts: uploads every CSV file of a folder as one submission, shows a
 * progress bar until the import is done, prints the rejected rows, and exits non-zero when asked to on rejected
 * rows. Run it with {@code deploy/pathways-import.sh}.
 *
 * <pre>
 * pathways-import.sh --district DISTRICT [--url http://localhost:8081] [--dry-run] [--fail-on-rejected] FOLDER
 * </pre>
 * Exit codes: 0 done, 1 done with rejected rows (with --fail-on-rejected), 2 wrong usage, 3 the import could not run.
 */
public final class ImportClient {

    static final int DONE = 0;
    static final int REJECTED_ROWS = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        String url = "http://localhost:8081";
        String district = null;
        boolean dryRun = false;
        boolean failOnRejected = false;
        Path folder = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                case "--district" -> district = i + 1 < args.length ? args[++i] : null;
                case "--dry-run" -> dryRun = true;
                case "--fail-on-rejected" -> failOnRejected = true;
                case "--help", "-h" -> {
                    out.println(usage());
                    return DONE;
                }
                default -> folder = args[i].startsWith("--") ? null : Path.of(args[i]);
            }
        }
        if (url == null || district == null || folder == null) {
            err.println(usage());
            return USAGE;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(path -> path.getFileName().toString().toLowerCase().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            err.println("Cannot read folder " + folder + ": " + e.getMessage());
            return USAGE;
        }
        if (files.isEmpty()) {
            err.println("No .csv files in " + folder + "; name them after their kind: students.csv, pathway_enrollments.csv, ...");
            return USAGE;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            JsonNode submitted = upload(http, url, district, files, dryRun);
            out.println("Submitted " + files.size() + " file(s) as import " + submitted.get("importId").asText()
                    + (dryRun ? " (dry run: validated, nothing written)" : ""));
            JsonNode status = follow(http, url + "/api/v1/imports/" + submitted.get("importId").asText(), out, interactive);
            status.get("warnings").forEach(warning -> out.println("warning: " + warning.asText()));
            out.printf("%s: %,d rows read, %,d accepted, %,d unchanged, %,d rejected%n", status.get("status").asText(),
                    status.get("rowsRead").asLong(), status.get("rowsAccepted").asLong(), status.get("rowsUnchanged").asLong(),
                    status.get("rowsRejected").asLong());
            if (status.get("status").asText().equals("FAILED")) {
                err.println(status.get("message").asText());
                return FAILED;
            }
            long rejected = status.get("rowsRejected").asLong();
            if (rejected > 0 || status.get("warnings").size() > 0) {
                printErrors(http, url + status.get("errorsCsv").asText(), out);
            }
            return rejected > 0 && failOnRejected ? REJECTED_ROWS : DONE;
        } catch (IOException e) {
            err.println("The import could not be submitted to " + url + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private static JsonNode upload(HttpClient http, String url, String district, List<Path> files, boolean dryRun)
            throws IOException, InterruptedException {
        String boundary = "pathways-" + UUID.randomUUID();
        List<InputStream> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"));
            parts.add(Files.newInputStream(file));
            parts.add(text("\r\n"));
        }
        parts.add(text("--" + boundary + "--\r\n"));
        HttpRequest request = request(URI.create(url + "/api/v1/districts/" + district + "/imports" + (dryRun ? "?dryRun=true" : "")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(parts))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            JsonNode problem = JSON.readTree(response.body());
            throw new IOException("refused (" + response.statusCode() + "): " + (problem.has("detail") ? problem.get("detail").asText() : response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** Polls the import, drawing a progress bar on a terminal (a line every 5 s otherwise), until it finishes. */
    private static JsonNode follow(HttpClient http, String statusUrl, PrintStream out, boolean interactive)
            throws IOException, InterruptedException {
        long lastLine = 0;
        while (true) {
            JsonNode status = JSON.readTree(http.send(request(URI.create(statusUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            boolean finished = status.hasNonNull("finishedAt");
            if (interactive) {
                out.print("\r" + bar(status) + (finished ? "\n" : ""));
                out.flush();
            } else if (finished || System.currentTimeMillis() - lastLine > 5_000) {
                out.println(bar(status));
                lastLine = System.currentTimeMillis();
            }
            if (finished) {
                return status;
            }
            Thread.sleep(250);
        }
    }

    static String bar(JsonNode status) {
        double percent = status.path("percentDone").asDouble(0);
        int filled = (int) Math.round(percent / 5);
        String rate = status.hasNonNull("rowsPerSecond") ? String.format("%,.0f rows/s", status.get("rowsPerSecond").asDouble()) : "-";
        String eta = status.hasNonNull("etaSeconds") ? status.get("etaSeconds").asLong() + " s left" : "";
        return String.format("[%s%s] %5.1f%% %-10s %,d read, %,d accepted, %,d unchanged, %,d rejected, %s %s",
                "#".repeat(Math.min(20, filled)), "-".repeat(Math.max(0, 20 - filled)), percent, status.get("status").asText(),
                status.get("rowsRead").asLong(), status.get("rowsAccepted").asLong(), status.get("rowsUnchanged").asLong(),
                status.get("rowsRejected").asLong(), rate, eta).stripTrailing();
    }

    private static void printErrors(HttpClient http, String errorsUrl, PrintStream out) throws IOException, InterruptedException {
        String csv = http.send(request(URI.create(errorsUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] lines = csv.split("\r\n");
        int shown = 0;
        for (int i = 1; i < lines.length && shown < 50; i++, shown++) {
            out.println("rejected: " + lines[i]);
        }
        if (lines.length - 1 > shown) {
            out.println("... " + (lines.length - 1 - shown) + " more in " + errorsUrl);
        }
    }

    private static InputStream text(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A request carrying the district's access key (env PATHWAYS_DISTRICT_KEY, kept off the command line) when one is set. */
    private static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        String key = System.getenv("PATHWAYS_DISTRICT_KEY");
        return key == null || key.isBlank() ? builder : builder.header("X-District-Key", key);
    }

    private static String usage() {
        return """
                Usage: pathways-import.sh --district DISTRICT [--url http://localhost:8081] [--dry-run] [--fail-on-rejected] FOLDER
                  Uploads every .csv file of FOLDER (named after its kind: students.csv, pathway_enrollments.csv,
                  course_completions.csv, wbl_placements.csv, credentials.csv, milestones.csv) as one submission,
                  shows its progress and prints the rejected rows. Where the platform has district access keys, set
                  the district's key in the environment: PATHWAYS_DISTRICT_KEY=... pathways-import.sh ...
                  Exit codes: 0 done, 1 rejected rows (with --fail-on-rejected), 2 wrong usage, 3 the import could not run.""";
    }
}
