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

    static Answer put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Answer post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
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
