package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A user's view of the platform: HTTP calls and JSON answers, nothing else. */
final class Api {

    record Answer(int status, String contentType, JsonNode body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A GET with extra headers ({@code name, value, name, value...}). */
    static Answer get(String url, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(url)).GET(), headers));
    }

    static Answer put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT with extra headers ({@code name, value, name, value...}). */
    static Answer put(String url, String json, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    static Answer post(String url, String json, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the answer satisfies the condition (read models follow the event store within moments). */
    static Answer await(Supplier<Answer> call, Predicate<Answer> condition, String what) {
        long deadline = System.currentTimeMillis() + 60_000;
        Answer last = null;
        while (System.currentTimeMillis() < deadline) {
            last = call.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last answer: " + (last == null ? "none" : last.status() + " " + last.body()));
    }

    /** The published cell of a group in a metric answer's breakdown. */
    static JsonNode cell(JsonNode metric, String dimension, String group) {
        for (JsonNode breakdown : metric.get("breakdowns")) {
            if (breakdown.get("dimension").asText().equals(dimension)) {
                for (JsonNode cell : breakdown.get("cells")) {
                    if (cell.get("group").asText().equals(group)) {
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("No cell " + dimension + "/" + group + " in " + metric);
    }

    /** The row of a group in a rates answer's dimensions ({@code table.dimensions} of a metric, or a median answer's). */
    static JsonNode row(JsonNode dimensions, String dimension, String group) {
        for (JsonNode rows : dimensions) {
            if (rows.get("dimension").asText().equals(dimension)) {
                for (JsonNode row : rows.get("groups")) {
                    if (row.get("group").asText().equals(group)) {
                        return row;
                    }
                }
            }
        }
        throw new AssertionError("no row " + dimension + "/" + group);
    }

    /** Sends one canonical CSV body ({@code ?kind=}) for a district and waits until it is imported without a rejected row. */
    static void importCsv(String commandUrl, String district, String kind, String csv) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/districts/" + district + "/imports?kind=" + kind))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (response.statusCode() != 202) {
            throw new AssertionError("import of " + kind + " answered " + response.statusCode() + ": " + response.body());
        }
        String importId;
        try {
            importId = JSON.readTree(response.body()).get("importId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JsonNode done = await(() -> get(commandUrl + "/api/v1/imports/" + importId), answer -> answer.body().hasNonNull("finishedAt"),
                kind + " imported").body();
        if (done.get("rowsRejected").asLong() != 0) {
            throw new AssertionError(kind + ": rows rejected: " + done);
        }
    }

    /** Sets up a region with the given districts and pathways (Perkins rule, no course sequence), as a region admin would. */
    static void region(String commandUrl, String region, List<String> districts, List<String> pathways) {
        String base = commandUrl + "/api/v1/regions/" + region;
        expectAccepted(put(base, "{\"name\": \"" + region + "\"}"));
        for (String district : districts) {
            expectAccepted(put(base + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}"));
        }
        for (String pathway : pathways) {
            expectAccepted(put(base + "/pathways/" + pathway, "{\"name\": \"" + pathway + "\"}"));
        }
    }

    static Answer expectAccepted(Answer answer) {
        if (answer.status() != 202) {
            throw new AssertionError("Expected 202 but got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    static String registration(String sex, boolean hispanic, String races, boolean englishLearner, String effectiveDate) {
        return """
                {"birth_date": "2010-05-01", "school_id": "HS-1", "grade_level": "09", "sex": "%s", "hispanic": "%s",
                 "races": "%s", "english_learner": "%s", "economically_disadvantaged": "Y", "effective_date": "%s"}"""
                .formatted(sex, hispanic ? "Y" : "N", races, englishLearner ? "Y" : "N", effectiveDate);
    }

    static String enrollment(String pathway, String entryDate) {
        return """
                {"pathway_id": "%s", "school_id": "HS-1", "entry_date": "%s"}""".formatted(pathway, entryDate);
    }
}
