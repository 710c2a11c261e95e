package org.pathwaysledger.analytics.outcome;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome metrics of a pathway's entrants, each defined once: what counts as success (the numerator), over
 * the students who entered the pathway (the denominator), from which events. Success conditions are SQL over the
 * entrant {@code e}; they are fixed here, never built from a request.
 */
public enum OutcomeMetric {
    CONCENTRATOR_RATE("concentrator-rate", "Concentrator rate",
            "Entrants who became concentrators of the pathway (Perkins V: two courses in the program; or the region's rule)",
            "PathwayStatusReached (CONCENTRATOR)",
            "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id and s.student_id = e.student_id "
                    + "and s.pathway_id = e.pathway_id and s.status = 'CONCENTRATOR')"),
    COMPLETION_RATE("completion-rate", "Completion rate",
            "Entrants who completed the pathway under the region's rule (California K12 SWP: 300 hours and the capstone with C- or better)",
            "PathwayStatusReached (COMPLETER)",
            "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id and s.student_id = e.student_id "
                    + "and s.pathway_id = e.pathway_id and s.status = 'COMPLETER')"),
    EARLY_COLLEGE_CREDIT("early-college-credit", "Any early college credit",
            "Entrants who earned any dual-enrollment, concurrent or articulated college credit",
            "CollegeCreditEarned",
            "exists (select 1 from college_credit c where KNOWN(c) and c.district_id = e.district_id and c.student_id = e.student_id)"),
    TWELVE_COLLEGE_CREDITS("twelve-college-credits", "12+ college credits before graduation",
            "Entrants who earned at least 12 college credits in school years ending on or before their high-school diploma (the 9-14 target)",
            "CollegeCreditEarned, HighSchoolCompleted",
            "(select coalesce(sum(c.credits), 0) from college_credit c where KNOWN(c) and c.district_id = e.district_id and c.student_id = e.student_id "
                    + "and c.year_end <= coalesce((select min(h.completed_on) from high_school_completion h where KNOWN(h) and h.district_id = e.district_id "
                    + "and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA'), date 'infinity')) >= 12"),
    WBL_PARTICIPATION("wbl-participation", "Work-based learning participation",
            "Entrants with at least one work-based learning placement on the continuum",
            "WorkBasedLearningLogged",
            "exists (select 1 from wbl_placement w where KNOWN(w) and w.district_id = e.district_id and w.student_id = e.student_id)"),
    INDUSTRY_CREDENTIAL("industry-credential", "Industry credential",
            "Entrants who earned an industry (third-party) credential",
            "IndustryCredentialEarned",
            "exists (select 1 from industry_credential i where KNOWN(i) and i.district_id = e.district_id and i.student_id = e.student_id)"),
    PERKINS_1S1("perkins-1s1", "Perkins V 1S1: four-year graduation of concentrators",
            "Concentrators who earned a high-school diploma by August 31 of their fourth year after grade-9 entry",
            "PathwayStatusReached (CONCENTRATOR), HighSchoolCompleted (HS_DIPLOMA), cohort year from StudentRegistered",
            "Concentrators of the pathway in a grade-9 cohort whose four years have ended (cohort year + 4 <= today's school year)",
            Populations.CONCENTRATOR + " and d.cohort_year is not null and make_date(d.cohort_year + 4, 8, 31) <= current_date",
            "exists (select 1 from high_school_completion h where KNOWN(h) and h.district_id = e.district_id and h.student_id = e.student_id "
                    + "and h.completion = 'HS_DIPLOMA' and h.completed_on <= make_date(d.cohort_year + 4, 8, 31))"),
    POSTSECONDARY_WITHIN_ONE_YEAR("postsecondary-within-one-year", "College within a year of graduation",
            "Graduated entrants who enrolled in postsecondary education within 365 days of their diploma",
            "HighSchoolCompleted (HS_DIPLOMA), PostsecondaryEnrolled",
            "Entrants of the pathway who graduated (HS_DIPLOMA)",
            Populations.GRADUATED,
            "exists (select 1 from postsecondary_enrollment p where KNOWN(p) and p.district_id = e.district_id and p.student_id = e.student_id "
                    + "and p.enrolled_on <= " + Populations.DIPLOMA_DATE + " + 365)"),
    PERKINS_3S1("perkins-3s1", "Perkins V 3S1: placement of concentrators after high school",
            "Graduated concentrators enrolled in postsecondary education by, or with a wage record in, the second quarter after leaving high school",
            "PathwayStatusReached (CONCENTRATOR), HighSchoolCompleted (HS_DIPLOMA), PostsecondaryEnrolled, QuarterlyWageRecorded",
            "Concentrators of the pathway who left high school with a diploma",
            Populations.CONCENTRATOR + " and " + Populations.GRADUATED,
            "(exists (select 1 from postsecondary_enrollment p where KNOWN(p) and p.district_id = e.district_id and p.student_id = e.student_id "
                    + "and p.enrolled_on < date_trunc('quarter', " + Populations.DIPLOMA_DATE + " + interval '9 months')) "
                    + "or exists (select 1 from wage_record w where KNOWN(w) and w.district_id = e.district_id and w.student_id = e.student_id "
                    + "and w.year_quarter = to_char(" + Populations.DIPLOMA_DATE + " + interval '6 months', 'YYYY\"Q\"Q')))"),
    PERKINS_5S1("perkins-5s1", "Perkins V 5S1: concentrators who graduated with a recognised credential",
            "Graduated concentrators who earned an industry or postsecondary credential",
            "PathwayStatusReached (CONCENTRATOR), HighSchoolCompleted (HS_DIPLOMA), IndustryCredentialEarned, PostsecondaryCredentialEarned",
            "Concentrators of the pathway who graduated (HS_DIPLOMA)",
            Populations.CONCENTRATOR + " and " + Populations.GRADUATED,
            "(exists (select 1 from industry_credential i where KNOWN(i) and i.district_id = e.district_id and i.student_id = e.student_id) "
                    + "or exists (select 1 from postsecondary_credential c where KNOWN(c) and c.district_id = e.district_id and c.student_id = e.student_id))"),
    PERKINS_5S2("perkins-5s2", "Perkins V 5S2: concentrators who graduated with postsecondary credit",
            "Graduated concentrators who earned dual / concurrent / articulated college credit",
            "PathwayStatusReached (CONCENTRATOR), HighSchoolCompleted (HS_DIPLOMA), CollegeCreditEarned",
            "Concentrators of the pathway who graduated (HS_DIPLOMA)",
            Populations.CONCENTRATOR + " and " + Populations.GRADUATED,
            "exists (select 1 from college_credit c where KNOWN(c) and c.district_id = e.district_id and c.student_id = e.student_id)"),
    PERKINS_5S3("perkins-5s3", "Perkins V 5S3: concentrators who graduated having done work-based learning",
            "Graduated concentrators with at least one work-based learning placement",
            "PathwayStatusReached (CONCENTRATOR), HighSchoolCompleted (HS_DIPLOMA), WorkBasedLearningLogged",
            "Concentrators of the pathway who graduated (HS_DIPLOMA)",
            Populations.CONCENTRATOR + " and " + Populations.GRADUATED,
            "exists (select 1 from wbl_placement w where KNOWN(w) and w.district_id = e.district_id and w.student_id = e.student_id)");

    private static final String ENTRANTS = "Students who entered the pathway, with their demographics on the day of entry";

    /** Population conditions several metrics share (SQL over the entrant e). */
    private static final class Populations {
        static final String CONCENTRATOR = "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id "
                + "and s.student_id = e.student_id and s.pathway_id = e.pathway_id and s.status = 'CONCENTRATOR')";
        static final String DIPLOMA_DATE = "(select min(h.completed_on) from high_school_completion h where KNOWN(h) "
                + "and h.district_id = e.district_id and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA')";
        static final String GRADUATED = "exists (select 1 from high_school_completion h where KNOWN(h) and h.district_id = e.district_id "
                + "and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA')";
    }

    private final String id;
    private final String title;
    private final String numerator;
    private final String sourceEvents;
    private final String denominator;
    private final String populationCondition;
    private final String successCondition;

    OutcomeMetric(String id, String title, String numerator, String sourceEvents, String successCondition) {
        this(id, title, numerator, sourceEvents, null, "true", successCondition);
    }

    OutcomeMetric(String id, String title, String numerator, String sourceEvents, String denominator, String populationCondition,
                  String successCondition) {
        this.id = id;
        this.title = title;
        this.numerator = numerator;
        this.sourceEvents = sourceEvents;
        this.denominator = denominator;
        this.populationCondition = populationCondition;
        this.successCondition = successCondition;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String numerator() {
        return numerator;
    }

    public String denominator() {
        return denominator == null ? ENTRANTS : denominator + ", with their demographics on the day of entry";
    }

    public String populationCondition() {
        return known(populationCondition);
    }

    public String sourceEvents() {
        return sourceEvents + "; population from StudentEnrolledInPathway and StudentRegistered / DetailsChanged / RecordCorrected";
    }

    public String successCondition() {
        return known(successCondition);
    }

    /** Only facts the ledger knew at {@code :asOf} and had not withdrawn by then count. */
    private static String known(String condition) {
        return condition.replaceAll("KNOWN\\((\\w+)\\)", "($1.recorded_at <= :asOf and ($1.withdrawn_at is null or $1.withdrawn_at > :asOf))");
    }

    public static Optional<OutcomeMetric> byId(String id) {
        return Arrays.stream(values()).filter(metric -> metric.id.equals(id)).findFirst();
    }
}
