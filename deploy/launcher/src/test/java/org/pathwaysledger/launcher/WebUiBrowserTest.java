package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web UI in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them), on one
 * platform with the demo region: every page opens, a filter changes what it shows, the numbers on screen are the
 * API's, a small group shows as Suppressed (never zero), a CSV downloads, and each page leaves a screenshot in
 * target/browser-screenshots. It loads the demo region into the JVM's shared database: the other test classes ask
 * their sector-level questions within their own region, so the order of the classes does not matter.
 */
class WebUiBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    static final String NORTH_KEY = "north-key-for-tests";
    static final String KEYS = "DEMO-USD-NORTH=" + NORTH_KEY + ",DEMO-USD-SOUTH=south-key-for-tests,DEMO-ADULT-ED=adult-key-for-tests";

    static Platform platform;
    static ChromeDriver browser;

    @BeforeAll
    static void startPlatformAndBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + "): "
                    + "run 'apt-get install -y chromium chromium-driver' (.ci/run installs them when missing).");
        }
        long started = System.nanoTime();
        platform = Platform.start(Platform.Ports.random(), Map.of("pathways.query.district-access-keys", KEYS));
        long platformUp = System.nanoTime();
        new DemoRegion(platform.commandUrl(), DemoRegion.parseKeys(KEYS)).load(400);
        Api.await(() -> Api.get(platform.analyticsUrl() + "/api/v1/freshness"), a -> a.body().path("lag").asLong(-1) == 0
                && a.body().path("eventsApplied").asLong() > 1000, "the analytics read model to catch up");
        Api.await(() -> Api.get(platform.queryUrl() + "/api/v1/freshness"), a -> a.body().path("lag").asLong(-1) == 0
                && a.body().path("eventsApplied").asLong() > 1000, "the query read model to catch up");
        long demoLoaded = System.nanoTime();
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        // Selenium Manager must never download a driver or browser: both are given explicitly.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,1000",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update");
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", DOWNLOADS.toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        System.out.printf("Browser tests' setup: platform %.1f s, demo region loaded and applied %.1f s, Chromium %.1f s%n",
                (platformUp - started) / 1e9, (demoLoaded - platformUp) / 1e9, (System.nanoTime() - demoLoaded) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void region_overview_shows_the_api_numbers_and_reruns_for_a_chosen_pathway() throws IOException {
        open("#/overview");
        System.out.printf("Web UI first view (region overview, demo region) ready %s ms after navigation start%n",
                ((JavascriptExecutor) browser).executeScript("return window.firstViewMs"));
        browser.navigate().refresh();
        waitReady();
        System.out.printf("Web UI first view again, page reloaded (warm services, browser cache) ready %s ms after navigation start%n",
                ((JavascriptExecutor) browser).executeScript("return window.firstViewMs"));
        long regionEntrants = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?region=" + DemoRegion.REGION).body().at("/entrants/count").asLong();
        assertThat(text("[data-kpi=entrants] .value")).isEqualTo(String.valueOf(regionEntrants));
        assertThat(browser.findElements(By.cssSelector("[data-chart=funnel] svg"))).isNotEmpty();

        choose("f-pathway", "HEALTH-MED-ASSIST");
        long healthEntrants = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=HEALTH-MED-ASSIST").body().at("/entrants/count").asLong();
        assertThat(healthEntrants).isLessThan(regionEntrants);
        assertThat(text("[data-kpi=entrants] .value")).isEqualTo(String.valueOf(healthEntrants));

        JsonNode concentrators = Api.get(platform.analyticsUrl() + "/api/v1/metrics/concentrator-rate?pathway=ICT-SOFTWARE").body();
        JsonNode ictEntry = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=ICT-SOFTWARE").body();
        WebElement ictRow = row("pathways", "Software and Systems Development");
        assertThat(cells(ictRow).get(1)).isEqualTo(ictEntry.at("/entrants/count").asText());
        assertThat(cells(ictRow).get(2)).isEqualTo(String.format("%.1f%%", concentrators.at("/table/all/ratePercent").asDouble()));

        // The funnel of the pathway: each stage the API hides reads Suppressed on screen and in the CSV.
        JsonNode funnel = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?pathway=HEALTH-MED-ASSIST").body();
        List<String> expected = new ArrayList<>();
        for (JsonNode cohort : funnel.get("cohorts")) {
            StringBuilder line = new StringBuilder(cohort.get("cohortYear").asText());
            for (JsonNode stage : cohort.get("stages")) {
                line.append(',').append(stage.get("suppressed").asBoolean() ? "Suppressed" : stage.get("students").asText());
            }
            expected.add(line.toString());
        }
        assertThat(expected).anyMatch(line -> line.contains("Suppressed"));
        List<String> csv = downloadCsv("[data-csv^=funnel-]");
        assertThat(csv.get(0)).startsWith("Cohort,Entered the pathway");
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expected);
        screenshot("region-overview");

        // As of yesterday the ledger knew none of today's demo: the view reruns and shows what the API answers then.
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        JsonNode then = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=HEALTH-MED-ASSIST&asOf=" + yesterday).body();
        assertThat(then.at("/entrants/suppressed").asBoolean()).isTrue();
        String before = browser.findElement(By.id("main")).getAttribute("data-render");
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById('as-of'); input.value = arguments[0];"
                + "input.dispatchEvent(new Event('change'));", yesterday);
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> !before.equals(d.findElement(By.id("main")).getAttribute("data-render")));
        waitReady();
        assertThat(browser.getCurrentUrl()).contains("asOf=" + yesterday);
        assertThat(text("[data-kpi=entrants] .value")).isEqualTo("Suppressed");
        browser.findElement(By.id("as-of-clear")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("asOf="));
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> String.valueOf(healthEntrants).equals(d.findElement(By.cssSelector("[data-kpi=entrants] .value")).getText().trim()));
    }

    @Test
    void region_overview_shows_the_trend_across_cohorts_as_the_api_does_with_small_cohorts_suppressed() throws IOException {
        // The default: concentrator rate per grade-9 cohort in the demo region, on screen and in the CSV as the API has it.
        open("#/overview");
        JsonNode byGrade9 = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=concentrator-rate&cohortBy=GRADE_9&region="
                + DemoRegion.REGION).body();
        List<String> expected = trendLines(byGrade9, false);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3).anyMatch(line -> line.matches("[^,]+,\\d+,\\d+,\\d+\\.\\d%"));
        // The demo's newest grade-9 cohort has too few concentrators yet: the API hides them, the page says Suppressed.
        assertThat(expected).anyMatch(line -> line.endsWith(",Suppressed,Suppressed"));
        assertThat(trendRowsShown()).containsExactlyElementsOf(expected);
        assertThat(browser.findElements(By.cssSelector("[data-chart=trend] svg"))).isNotEmpty();
        assertThat(text("[data-table=trend] caption")).contains("Concentrator rate", "grade-9 cohort", DemoRegion.REGION);
        List<String> csv = downloadCsv("[data-csv^=trend-concentrator-rate-GRADE_9-]");
        assertThat(csv.get(0)).isEqualTo("Cohort,Students,Successes,Rate");
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expected);
        screenshot("region-overview-trend");

        // The pickers and the page's pathway filter rerun the panel with the API's answer for that scope and basis.
        choose("f-cohortBy", "PATHWAY_ENTRY");
        choose("f-pathway", "HEALTH-MED-ASSIST");
        choose("f-trend", "completion-rate");
        assertThat(browser.getCurrentUrl()).contains("trend=completion-rate", "cohortBy=PATHWAY_ENTRY", "pathway=HEALTH-MED-ASSIST");
        JsonNode health = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=completion-rate&cohortBy=PATHWAY_ENTRY"
                + "&pathway=HEALTH-MED-ASSIST").body();
        assertThat(trendRowsShown()).containsExactlyElementsOf(trendLines(health, true));
        assertThat(downloadCsv("[data-csv='trend-completion-rate-PATHWAY_ENTRY-HEALTH-MED-ASSIST.csv']"))
                .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("Cohort,Students,Successes,Rate"),
                        trendLines(health, true).stream()).toList());
    }

    /** The rows of the trend table as CSV-like lines (heading cell, then the data cells). */
    private static List<String> trendRowsShown() {
        return browser.findElements(By.cssSelector("[data-table=trend] tbody tr")).stream()
                .map(row -> row.findElement(By.tagName("th")).getText().trim() + "," + String.join(",", cells(row))).toList();
    }

    /** What the trend table should read for an API answer: each cohort (hidden numbers Suppressed), then all cohorts. */
    private static List<String> trendLines(JsonNode answer, boolean schoolYears) {
        List<String> lines = new ArrayList<>();
        for (JsonNode cohort : answer.at("/trend/cohorts")) {
            String group = cohort.get("group").asText();
            String name = group.equals("UNKNOWN") ? (schoolYears ? "Cohort unknown" : "No grade-9 cohort")
                    : schoolYears ? group + "-" + String.format("%02d", (Integer.parseInt(group) + 1) % 100) : group;
            boolean coded = "TOP_BOTTOM_CODED".equals(cohort.path("reason").asText());
            lines.add(String.join(",", name, shown(cohort.get("population")), shown(cohort.get("successes")),
                    coded ? cohort.get("rateShown").asText() : cohort.get("ratePercent").isNull() ? "Suppressed"
                            : String.format("%.1f%%", cohort.get("ratePercent").asDouble())));
        }
        JsonNode all = answer.at("/trend/all");
        lines.add(String.join(",", "All cohorts", shown(all.get("population")), shown(all.get("successes")),
                all.get("ratePercent").isNull() ? "Suppressed" : String.format("%.1f%%", all.get("ratePercent").asDouble())));
        return lines;
    }

    private static String shown(JsonNode count) {
        return count.isNull() ? "Suppressed" : count.asText();
    }

    @Test
    void equity_view_shows_rates_by_group_as_the_api_does_with_small_groups_suppressed() throws IOException {
        open("#/equity?metric=concentrator-rate&level=region&dimension=RACE_ETHNICITY");
        JsonNode answer = Api.get(platform.analyticsUrl() + "/api/v1/metrics/concentrator-rate?region=" + DemoRegion.REGION).body();
        assertThat(text("[data-kpi=all-rate] .value")).isEqualTo(String.format("%.1f%%", answer.at("/table/all/ratePercent").asDouble()));
        JsonNode hispanic = group(answer, "RACE_ETHNICITY", "HISPANIC_OR_LATINO");
        assertThat(hispanic.get("suppressed").asBoolean()).isFalse();
        List<String> shown = cells(groupRow("RACE_ETHNICITY", "HISPANIC_OR_LATINO"));
        assertThat(shown.get(0)).isEqualTo(hispanic.get("population").asText());
        assertThat(shown.get(2)).isEqualTo(hispanic.get("rateShown").asText());
        assertThat(shown.get(3)).isEqualTo(String.format("%+.1f pp", hispanic.get("gapPoints").asDouble()));
        assertThat(shown.get(4)).isEqualTo(String.format("%.2f", hispanic.get("representationIndex").asDouble()));
        // American Indian or Alaska Native students are a handful in the demo region: suppressed, never zero.
        JsonNode small = group(answer, "RACE_ETHNICITY", "AMERICAN_INDIAN_OR_ALASKA_NATIVE");
        assertThat(small.get("suppressed").asBoolean()).isTrue();
        List<String> hidden = cells(groupRow("RACE_ETHNICITY", "AMERICAN_INDIAN_OR_ALASKA_NATIVE"));
        assertThat(hidden.get(2)).isEqualTo("Suppressed");
        assertThat(hidden).doesNotContain("0", "0.0%");
        assertThat(browser.findElements(By.cssSelector("[data-chart='groups-RACE_ETHNICITY'] svg"))).isNotEmpty();
        screenshot("equity-view");

        List<String> csv = downloadCsv("[data-csv='concentrator-rate-RACE_ETHNICITY.csv']");
        assertThat(csv.get(0)).isEqualTo("Group,Students,Successes,Rate,Gap to all students,Representation index");
        assertThat(csv).anyMatch(line -> line.startsWith("American Indian or Alaska Native,") && line.contains("Suppressed"))
                .noneMatch(line -> line.startsWith("American Indian or Alaska Native,") && line.matches(".*,0(\\.0%)?(,|$).*"));
        assertThat(csv).contains(String.join(",", "Hispanic or Latino", hispanic.get("population").asText(), hispanic.get("successes").asText(),
                hispanic.get("rateShown").asText(), String.format("%+.1f pp", hispanic.get("gapPoints").asDouble()),
                String.format("%.2f", hispanic.get("representationIndex").asDouble())));

        // A filter (one pathway, by sex) and an intersection on demand rerun the view with the API's answer.
        choose("f-level", "pathway");
        choose("f-pathway", "HEALTH-MED-ASSIST");
        choose("f-dimension", "SEX");
        JsonNode health = Api.get(platform.analyticsUrl() + "/api/v1/metrics/concentrator-rate?pathway=HEALTH-MED-ASSIST").body();
        assertThat(text("[data-kpi=all-population] .value")).isEqualTo(health.at("/table/all/population").asText());
        assertThat(cells(groupRow("SEX", "F")).get(0)).isEqualTo(group(health, "SEX", "F").get("population").asText());
        choose("f-intersect", "SEX*ENGLISH_LEARNER");
        assertThat(browser.findElements(By.cssSelector("[data-table='groups-SEX*ENGLISH_LEARNER'] tbody tr"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(text("[data-table='groups-SEX*ENGLISH_LEARNER']")).contains("Suppressed");
    }

    @Test
    void program_finder_searches_the_catalogue_and_shows_who_enters_and_completes() throws IOException {
        open("#/pathways");
        assertThat(browser.findElements(By.cssSelector("[data-table=finder] tbody tr"))).hasSize(DemoRegion.PATHWAYS.size());
        WebElement search = browser.findElement(By.id("f-search"));
        search.sendKeys("software developers");
        assertThat(visibleRows("finder")).hasSize(1);
        WebElement ict = visibleRows("finder").get(0);
        assertThat(ict.getAttribute("data-pathway")).isEqualTo("ICT-SOFTWARE");
        JsonNode completion = Api.get(platform.analyticsUrl() + "/api/v1/metrics/completion-rate?pathway=ICT-SOFTWARE").body();
        JsonNode entry = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=ICT-SOFTWARE").body();
        List<String> shown = cells(ict);
        assertThat(shown.get(0)).isEqualTo("Information and Communication Technologies");
        assertThat(shown.get(2)).isEqualTo("$128,900");
        assertThat(shown.get(3)).isEqualTo("640");
        assertThat(shown.get(4)).isEqualTo("Valley Community College");
        assertThat(shown.get(6)).isEqualTo(entry.at("/entrants/count").asText());
        // Completers are few in the demo's first year: the API hides them, the page says Suppressed (not 0).
        JsonNode completers = completion.at("/table/all/successes");
        assertThat(shown.get(7)).isEqualTo(completers.isNull() ? "Suppressed" : completers.asText());

        List<String> csv = downloadCsv("[data-csv^=programs-]");
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).startsWith("Software and Systems Development,Information and Communication Technologies,Software Developers (15-1252)");

        ict.findElement(By.tagName("a")).click();
        waitReady();
        assertThat(text("[data-detail=ICT-SOFTWARE]")).contains("A.S. Computer Science", "CIS-2", "CONCENTRATOR");
        screenshot("program-finder");
    }

    @Test
    void district_view_lists_its_off_track_students_and_its_imports_with_their_error_report() throws IOException {
        String district = "DEMO-USD-NORTH";
        // Student-level: without the district's key the page shows the query service's refusal, with the key the lists.
        browser.get(platform.webUiUrl() + "#/district?district=" + district + "&region=" + DemoRegion.REGION);
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
        assertThat(text("#status .error")).contains("needs the district's access key");
        assertThat(browser.findElements(By.cssSelector("[data-table=students]"))).isEmpty();
        browser.findElement(By.id("f-key")).sendKeys(NORTH_KEY);
        browser.findElement(By.cssSelector("form[aria-label=District] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> !d.findElements(By.cssSelector("[data-table=students]")).isEmpty());
        waitReady();
        JsonNode students = districtGet("/api/v1/districts/" + district + "/pathway-students?offTrack=true");
        assertThat(students.get("offTrack").asInt()).isPositive();
        assertThat(text("[data-kpi=off-track] .value")).isEqualTo(students.get("offTrack").asText());
        assertThat(browser.findElements(By.cssSelector("[data-table=students] tbody tr"))).hasSize(students.get("offTrack").asInt());
        // Only this district's students: the other demo district's ids never appear.
        assertThat(students.get("students").findValuesAsText("studentId")).isNotEmpty().allSatisfy(id ->
                assertThat(districtGet("/api/v1/districts/" + district + "/students/" + id).path("current").isMissingNode()).isFalse());
        assertThat(Api.get(platform.queryUrl() + "/api/v1/districts/" + district + "/pathway-students").status()).isEqualTo(401);

        choose("f-reason", "NO_WORK_BASED_LEARNING");
        long withoutWbl = 0;
        for (JsonNode student : students.get("students")) {
            if (student.get("reasons").toString().contains("NO_WORK_BASED_LEARNING")) {
                withoutWbl++;
                assertThat(student.get("gradeLevel").asText()).isEqualTo("12");
                assertThat(student.get("workBasedLearning").asInt()).isZero();
            }
        }
        assertThat(withoutWbl).isPositive();
        assertThat(browser.findElements(By.cssSelector("[data-table=students] tbody tr"))).hasSize((int) withoutWbl);
        List<String> csv = downloadCsv("[data-csv^=off-track-students-]");
        assertThat(csv).hasSize((int) withoutWbl + 1);
        assertThat(csv.subList(1, csv.size())).allMatch(line -> line.contains("No work-based learning by grade 12"));

        // A file with one good row and one bad one, sent from the page: the history shows it done, with its error report.
        Path file = Files.createTempDirectory("ui-import").resolve("students.csv");
        Files.writeString(file, """
                district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races,effective_date
                DEMO-USD-NORTH,UI-IMPORT-1,2010-04-17,DEMO-HS-NORTH-1,10,F,Y,WHITE,2025-08-15
                DEMO-USD-NORTH,UI-IMPORT-2,2010-04-17,DEMO-HS-NORTH-1,10,F,Y,Hisp,2025-08-15
                """);
        browser.findElement(By.id("f-files")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[aria-label='Send files'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector("[data-table=imports] [data-import-status=DONE]")).isEmpty());
        WebElement imported = browser.findElement(By.cssSelector("[data-table=imports] tbody tr"));
        // The history and error reports quote the district's rows: the command service wants the key too.
        assertThat(Api.get(platform.commandUrl() + "/api/v1/districts/" + district + "/imports").status()).isEqualTo(401);
        JsonNode history = districtGet(platform.commandUrl(), "/api/v1/districts/" + district + "/imports");
        assertThat(Api.get(platform.commandUrl() + "/api/v1/imports/" + history.at("/0/importId").asText() + "/errors.csv").status()).isEqualTo(401);
        assertThat(cells(imported).subList(3, 7)).containsExactly(history.at("/0/rowsRead").asText(), history.at("/0/rowsAccepted").asText(),
                history.at("/0/rowsUnchanged").asText(), history.at("/0/rowsRejected").asText());
        assertThat(history.at("/0/rowsRejected").asInt()).isEqualTo(1);
        String errorsUrl = imported.findElement(By.cssSelector("[data-errors-csv]")).getAttribute("href");
        Object errors = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], { headers: { 'X-District-Key': arguments[1] } })"
                        + ".then(r => r.text()).then(done, e => done('failed: ' + e));", errorsUrl, NORTH_KEY);
        assertThat(errors.toString()).contains("line 3", "races", "Hisp");
        screenshot("district-view");
    }

    @Test
    void a_districts_sis_writes_need_the_districts_key() {
        String district = "DEMO-USD-SOUTH";
        String student = platform.commandUrl() + "/api/v1/districts/" + district + "/students/KEYED-WRITE-1";
        String registration = Api.registration("F", false, "ASIAN", false, "2025-08-20");
        Api.Answer withoutKey = Api.put(student, registration);
        assertThat(withoutKey.status()).isEqualTo(401);
        assertThat(withoutKey.body().path("detail").asText()).contains("needs the district's access key");
        Api.Answer otherDistrictsKey = Api.put(student, registration, "X-District-Key", NORTH_KEY);
        assertThat(otherDistrictsKey.status()).isEqualTo(401);
        assertThat(otherDistrictsKey.body().path("detail").asText()).contains("not this district's");
        // The check reads the handler's decoded district, so an encoded path is refused the same way.
        assertThat(Api.put(platform.commandUrl() + "/api/v1/districts/DEMO%2DUSD%2DSOUTH/students/KEYED-WRITE-1", registration)
                .status()).isEqualTo(401);

        assertThat(Api.put(student, registration, "X-District-Key", "south-key-for-tests").status()).isEqualTo(202);
        // An enrolment without the key is refused and never written; the one sent after it with the key is.
        assertThat(Api.post(student + "/pathway-enrollments", Api.enrollment(DemoRegion.PATHWAYS.get(0), "2025-08-21")).status())
                .isEqualTo(401);
        assertThat(Api.post(student + "/pathway-enrollments", Api.enrollment(DemoRegion.PATHWAYS.get(1), "2025-08-22"),
                "X-District-Key", "south-key-for-tests").status()).isEqualTo(202);
        JsonNode journey = Api.await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + district + "/students/KEYED-WRITE-1",
                        "X-District-Key", "south-key-for-tests"),
                a -> a.status() == 200 && a.body().path("pathways").size() > 0, "the keyed enrolment to reach the journey").body();
        assertThat(journey.get("pathways").findValuesAsText("pathwayId")).containsExactly(DemoRegion.PATHWAYS.get(1));
        // The query service also checks the district its handler reads: encoded, the same district and the same key.
        String encoded = platform.queryUrl() + "/api/v1/districts/DEMO%2DUSD%2DSOUTH/students/KEYED-WRITE-1";
        assertThat(Api.get(encoded).status()).isEqualTo(401);
        assertThat(Api.get(encoded, "X-District-Key", NORTH_KEY).status()).isEqualTo(401);
        assertThat(Api.get(encoded, "X-District-Key", "south-key-for-tests").status()).isEqualTo(200);
    }

    /** A student-level query-service answer, asked with the district's key. */
    private static JsonNode districtGet(String path) {
        return districtGet(platform.queryUrl(), path);
    }

    /** A district's student-level answer from one of the services, asked with the district's key. */
    private static JsonNode districtGet(String service, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service + path))
                    .header("X-District-Key", NORTH_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void open(String route) {
        browser.get(platform.webUiUrl() + route + (route.contains("?") ? "&" : "?") + "region=" + URLEncoder.encode(DemoRegion.REGION, StandardCharsets.UTF_8));
        waitReady();
    }

    /** Waits until the current view finished rendering (or showed an error, which fails the test). */
    private static void waitReady() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
        List<WebElement> errors = browser.findElements(By.cssSelector("#status .error"));
        if (!errors.isEmpty()) {
            fail("The page showed an error: " + errors.get(0).getText());
        }
    }

    private static void choose(String selectId, String value) {
        String before = browser.findElement(By.id("main")).getAttribute("data-render");
        new Select(browser.findElement(By.id(selectId))).selectByValue(value);
        // The view reruns: wait for the next rendering to finish.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement main = d.findElement(By.id("main"));
            return !before.equals(main.getAttribute("data-render")) && "true".equals(main.getAttribute("data-ready"));
        });
        waitReady();
        assertThat(browser.findElement(By.id(selectId)).getAttribute("value")).isEqualTo(value);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    private static WebElement row(String table, String heading) {
        return browser.findElements(By.cssSelector("[data-table=" + table + "] tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("th")).getText().trim().equals(heading)).findFirst()
                .orElseThrow(() -> new AssertionError("No row " + heading + " in table " + table));
    }

    private static WebElement groupRow(String dimension, String group) {
        return browser.findElement(By.cssSelector("[data-table='groups-" + dimension + "'] th[data-group='" + group + "']")).findElement(By.xpath(".."));
    }

    private static List<WebElement> visibleRows(String table) {
        return browser.findElements(By.cssSelector("[data-table=" + table + "] tbody tr")).stream().filter(WebElement::isDisplayed).toList();
    }

    /** The data cells of a row (after its heading cell), as shown. */
    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(cell -> cell.getText().trim()).toList();
    }

    private static JsonNode group(JsonNode answer, String dimension, String group) {
        for (JsonNode breakdown : answer.at("/table/dimensions")) {
            if (breakdown.get("dimension").asText().equals(dimension)) {
                for (JsonNode row : breakdown.get("groups")) {
                    if (row.get("group").asText().equals(group)) {
                        return row;
                    }
                }
            }
        }
        throw new AssertionError("No group " + dimension + "/" + group);
    }

    /** Clicks a download button and reads the file the browser saved. */
    private static List<String> downloadCsv(String buttonCss) throws IOException {
        WebElement button = browser.findElement(By.cssSelector(buttonCss));
        String fileName = button.getAttribute("data-csv");
        Path saved = DOWNLOADS.resolve(fileName);
        Files.deleteIfExists(saved);
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Files.exists(saved) && !Files.exists(DOWNLOADS.resolve(fileName + ".crdownload")));
        List<String> lines = Files.readAllLines(saved, StandardCharsets.UTF_8);
        return lines.stream().filter(line -> !line.isEmpty()).toList();
    }

    /** The whole page (the window grows to the page's height for the shot). */
    private static void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 120, 4000)));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(window);
    }
}
