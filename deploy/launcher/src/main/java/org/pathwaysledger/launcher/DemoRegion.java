package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic demo region, loaded through the command service's public API like any district would: three
 * districts, five pathways, and students with a realistic subgroup mix (roughly a California Central Valley region).
 * Seeded, so every run loads the same students. No real person is in it.
 */
public final class DemoRegion {

    public static final List<String> DISTRICTS = List.of("DEMO-USD-NORTH", "DEMO-USD-SOUTH", "DEMO-ADULT-ED");
    public static final List<String> PATHWAYS = List.of("HEALTH-MED-ASSIST", "ICT-SOFTWARE", "ENGR-MANUFACTURING",
            "AG-PLANT-SCIENCE", "EDU-CHILD-DEV");

    public record Loaded(int students, int enrollments, int rejected) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String commandUrl;

    public DemoRegion(String commandUrl) {
        this.commandUrl = commandUrl;
    }

    public Loaded load(int students) {
        Random random = new Random(20_250_901L);
        List<ObjectNode> registrations = new ArrayList<>();
        List<ObjectNode> enrollments = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            String district = i % 10 == 9 ? DISTRICTS.get(2) : DISTRICTS.get(i % 2);
            boolean adult = district.equals(DISTRICTS.get(2));
            String studentId = String.format("S%05d", i + 1);
            int grade = adult ? 0 : 9 + random.nextInt(4);
            ObjectNode body = json.createObjectNode();
            body.put("birth_date", LocalDate.of(adult ? 1990 + random.nextInt(15) : 2025 - 5 - grade - random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
            body.put("school_id", adult ? "DEMO-ADULT-CENTER" : district.replace("DEMO-USD-", "DEMO-HS-") + "-" + (1 + random.nextInt(2)));
            body.put("grade_level", adult ? "AD" : String.format("%02d", grade));
            body.put("sex", pick(random, new String[]{"F", "M", "X", "U"}, new double[]{0.49, 0.49, 0.01, 0.01}));
            double ethnicity = random.nextDouble();
            body.put("hispanic", ethnicity < 0.55 ? "Y" : "N");
            body.put("races", races(random, ethnicity));
            body.put("english_learner", flag(random, 0.18));
            body.put("disability", flag(random, 0.12));
            body.put("economically_disadvantaged", flag(random, 0.62));
            body.put("foster", flag(random, 0.01));
            body.put("homeless", flag(random, 0.03));
            body.put("migrant", flag(random, 0.04));
            body.put("military_connected", flag(random, 0.02));
            body.put("effective_date", "2025-08-15");
            registrations.add(body);
            keys.add(new String[]{district, studentId});
            if (random.nextDouble() < 0.75) {
                ObjectNode enrollment = json.createObjectNode();
                enrollment.put("pathway_id", PATHWAYS.get(adult ? 4 - random.nextInt(2) : weightedPathway(random)));
                enrollment.put("school_id", body.get("school_id").asText());
                enrollment.put("entry_date", "2025-08-" + (18 + random.nextInt(10)));
                enrollments.add(enrollment);
            } else {
                enrollments.add(null);
            }
        }
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger enrolled = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < students; i++) {
                int index = i;
                sent.add(senders.submit(() -> {
                    String[] key = keys.get(index);
                    String base = commandUrl + "/api/v1/districts/" + key[0] + "/students/" + key[1];
                    if (!send("PUT", base, registrations.get(index))) {
                        rejected.incrementAndGet();
                        return;
                    }
                    ObjectNode enrollment = enrollments.get(index);
                    if (enrollment != null) {
                        if (send("POST", base + "/pathway-enrollments", enrollment)) {
                            enrolled.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Loading the demo region failed: " + e.getMessage(), e);
        } finally {
            senders.shutdown();
        }
        return new Loaded(students, enrolled.get(), rejected.get());
    }

    private boolean send(String method, String url, ObjectNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("X-Request-Id", "demo-region")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int weightedPathway(Random random) {
        double roll = random.nextDouble();
        return roll < 0.35 ? 0 : roll < 0.60 ? 1 : roll < 0.78 ? 2 : roll < 0.92 ? 3 : 4;
    }

    private static String races(Random random, double ethnicity) {
        if (ethnicity < 0.55) {
            return random.nextDouble() < 0.8 ? "WHITE" : "";
        }
        double roll = random.nextDouble();
        if (roll < 0.42) {
            return "WHITE";
        } else if (roll < 0.66) {
            return "ASIAN";
        } else if (roll < 0.80) {
            return "BLACK";
        } else if (roll < 0.92) {
            return "WHITE;BLACK";
        } else if (roll < 0.95) {
            return "AIAN";
        } else if (roll < 0.97) {
            return "NHPI";
        } else if (roll < 0.99) {
            return "MENA";
        }
        return "";
    }

    private static String flag(Random random, double probability) {
        return random.nextDouble() < probability ? "Y" : "N";
    }

    private static String pick(Random random, String[] values, double[] weights) {
        double roll = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < values.length; i++) {
            cumulative += weights[i];
            if (roll < cumulative) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
