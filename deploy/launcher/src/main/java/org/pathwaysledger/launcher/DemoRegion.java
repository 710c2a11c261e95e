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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public static final String REGION = "DEMO-VALLEY";
    public static final String COLLEGE = "DEMO-VALLEY-CC";
    public static final List<String> DISTRICTS = List.of("DEMO-USD-NORTH", "DEMO-USD-SOUTH", "DEMO-ADULT-ED");
    public static final List<String> PATHWAYS = List.of("HEALTH-MED-ASSIST", "ICT-SOFTWARE", "ENGR-MANUFACTURING",
            "AG-PLANT-SCIENCE", "EDU-CHILD-DEV");

    public record Loaded(int students, int enrollments, int rejected) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String commandUrl;
    private final Map<String, String> districtKeys;

    /** A demo region written to a command service whose districts are open (no access keys configured). */
    public DemoRegion(String commandUrl) {
        this(commandUrl, Map.of());
    }

    /** The same, sending each district's access key ({@code X-District-Key}) with its student writes. */
    public DemoRegion(String commandUrl, Map<String, String> districtKeys) {
        this.commandUrl = commandUrl;
        this.districtKeys = Map.copyOf(districtKeys);
    }

    /** {@code DISTRICT=key,DISTRICT=key} (the services' setting) as a map. */
    public static Map<String, String> parseKeys(String setting) {
        Map<String, String> keys = new HashMap<>();
        for (String entry : (setting == null ? "" : setting).split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                keys.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
        return keys;
    }

    /** The region, its members, its five pathways (with LMI) and the districts' dual-enrollment agreements. */
    void defineRegion() {
        String region = commandUrl + "/api/v1/regions/" + REGION;
        require(send("PUT", region, object("name", "Demo Valley Career Pathways Consortium")));
        require(send("PUT", region + "/members/" + DISTRICTS.get(0), object("kind", "K12_DISTRICT", "name", "North Valley Unified")));
        require(send("PUT", region + "/members/" + DISTRICTS.get(1), object("kind", "K12_DISTRICT", "name", "South Valley Unified")));
        require(send("PUT", region + "/members/" + DISTRICTS.get(2), object("kind", "ADULT_SCHOOL", "name", "Valley Adult School")));
        require(send("PUT", region + "/members/" + COLLEGE, object("kind", "COLLEGE", "name", "Valley Community College")));
        String[][] pathways = {
                {"HEALTH-MED-ASSIST", "Medical Assisting", "Health Science and Medical Technology", "51.0801", "31-9092", "Medical Assistants", "42300", "1450", "HLTH", "Certificate of Achievement, Medical Assisting"},
                {"ICT-SOFTWARE", "Software and Systems Development", "Information and Communication Technologies", "11.0201", "15-1252", "Software Developers", "128900", "640", "CIS", "A.S. Computer Science"},
                {"ENGR-MANUFACTURING", "Advanced Manufacturing", "Manufacturing and Product Development", "48.0501", "51-4041", "Machinists", "51200", "380", "MFG", "Certificate, Machining Technology"},
                {"AG-PLANT-SCIENCE", "Agriscience and Plant Systems", "Agriculture and Natural Resources", "01.1101", "19-4012", "Agricultural Technicians", "44100", "210", "AG", "A.S. Plant Science"},
                {"EDU-CHILD-DEV", "Child Development", "Education, Child Development, and Family Services", "19.0706", "25-2011", "Preschool Teachers", "37800", "520", "CD", "Associate Teacher Permit"}};
        for (String[] pathway : pathways) {
            ObjectNode definition = object("name", pathway[1], "industry_sector", pathway[2], "cip_code", pathway[3],
                    "college_partner_id", COLLEGE, "postsecondary_credential", pathway[9], "completion_rule", "PERKINS_TWO_COURSES");
            definition.putArray("occupations").add(object("soc_code", pathway[4], "title", pathway[5],
                    "median_annual_wage", pathway[6], "projected_annual_openings", pathway[7]));
            var courses = definition.putArray("courses");
            courses.add(object("course_id", pathway[8] + "-1", "title", pathway[1] + " I", "role", "INTRO"));
            courses.add(object("course_id", pathway[8] + "-2", "title", pathway[1] + " II", "role", "CONCENTRATOR"));
            courses.add(object("course_id", pathway[8] + "-3", "title", pathway[1] + " Capstone", "role", "CAPSTONE"));
            require(send("PUT", region + "/pathways/" + pathway[0], definition));
        }
        for (String district : DISTRICTS.subList(0, 2)) {
            ObjectNode agreement = object("kind", "DUAL_ENROLLMENT", "district_id", district, "college_id", COLLEGE,
                    "effective_from", "2025-07-01", "effective_to", "2028-06-30");
            agreement.putArray("college_course_ids").add("HLTH-101").add("CIS-101").add("ECE-101");
            require(send("PUT", region + "/agreements/MOU-" + district, agreement));
        }
    }

    public Loaded load(int students) {
        defineRegion();
        Random random = new Random(20_250_901L);
        List<ObjectNode> registrations = new ArrayList<>();
        List<ObjectNode> enrollments = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        List<List<ObjectNode>> journeys = new ArrayList<>();
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
                journeys.add(journey(random, enrollment.get("pathway_id").asText(), grade, adult));
            } else {
                enrollments.add(null);
                journeys.add(List.of());
            }
        }
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger enrolled = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
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
                            for (ObjectNode fact : journeys.get(index)) {
                                String kind = fact.remove("kind").asText();
                                if (!send("POST", base + "/" + kind, fact)) {
                                    rejected.incrementAndGet();
                                }
                            }
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

    /** Courses in the pathway (so statuses are derived), dual-enrollment credit and work-based learning for some. */
    private List<ObjectNode> journey(Random random, String pathway, int grade, boolean adult) {
        List<ObjectNode> facts = new ArrayList<>();
        String prefix = switch (pathway) {
            case "HEALTH-MED-ASSIST" -> "HLTH";
            case "ICT-SOFTWARE" -> "CIS";
            case "ENGR-MANUFACTURING" -> "MFG";
            case "AG-PLANT-SCIENCE" -> "AG";
            default -> "CD";
        };
        int courses = adult ? random.nextInt(2) : Math.min(3, Math.max(0, grade - 9 + random.nextInt(2)));
        String[] marks = {"A", "B+", "B", "C", "C-", "D", "F"};
        for (int c = 1; c <= courses; c++) {
            facts.add(object("kind", "course-completions", "course_id", prefix + "-" + c, "school_year", "2025-26", "term", "FY",
                    "pathway_id", pathway, "cte", "Y", "credits_earned", "10", "hours", "180", "mark", marks[random.nextInt(marks.length)]));
        }
        if (!adult && grade >= 11 && (prefix.equals("HLTH") || prefix.equals("CIS") || prefix.equals("CD")) && random.nextDouble() < 0.45) {
            facts.add(object("kind", "college-credits", "college_credit_type", "DUAL", "college_id", COLLEGE,
                    "college_course_id", (prefix.equals("CD") ? "ECE" : prefix) + "-101", "college_credits", String.valueOf(3 + random.nextInt(2)),
                    "school_year", "2025-26", "term", "FALL", "transferable", "Y"));
        }
        if (random.nextDouble() < 0.35) {
            String[] activities = {"JOB_SHADOW", "INTERNSHIP", "WORKSITE_TOUR", "PAID_WORK_EXPERIENCE", "SIMULATED"};
            facts.add(object("kind", "wbl-placements", "placement_id", "WBL-" + Math.abs(random.nextLong() % 1_000_000),
                    "activity_type", activities[random.nextInt(activities.length)], "start_date", "2025-10-" + (10 + random.nextInt(15)),
                    "hours", String.valueOf(4 + random.nextInt(80)), "employer_name", "Valley Employer " + (1 + random.nextInt(20))));
        }
        return facts;
    }

    private ObjectNode object(String... fieldsAndValues) {
        ObjectNode node = json.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            node.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return node;
    }

    private static void require(boolean accepted) {
        if (!accepted) {
            throw new IllegalStateException("The command service refused part of the demo region's setup");
        }
    }

    private boolean send(String method, String url, ObjectNode body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("X-Request-Id", "demo-region")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30));
            String districts = commandUrl + "/api/v1/districts/";
            if (url.startsWith(districts)) {
                String district = url.substring(districts.length(), url.indexOf('/', districts.length()));
                String key = districtKeys.get(district);
                if (key != null) {
                    request.header("X-District-Key", key);
                }
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 202;
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
