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
            "exists (select 1 from wbl_placement w where KNOWN(w) and w.district_id = e.district_id and w.student_id = e.student_id)"),
    PERKINS_4S1("perkins-4s1", "Perkins V 4S1: concentrators in nontraditional fields",
            "Concentrators of the sex under-represented (< 25% of workers) in the field the pathway leads to; non-binary and "
                    + "not-selected students are in the denominator, never in the numerator",
            "PathwayStatusReached (CONCENTRATOR), PathwayDefined / PathwayRevised (cip_code); the region's nontraditional_field list",
            "Concentrators of pathways whose CIP code is on the region's nontraditional list (analytics.nontraditional_field)",
            Populations.CONCENTRATOR + " and " + Populations.UNDERREPRESENTED_SEX + " is not null",
            "d.sex = " + Populations.UNDERREPRESENTED_SEX),
    K12SWP_PARTICIPANTS("k12swp-participants", "K12 SWP: CTE participants",
            "Entrants who became CTE participants under the region's rule (Perkins V: one course; California: 150 hours); "
                    + "a concentrator or completer counts as a participant",
            "PathwayStatusReached (PARTICIPANT, CONCENTRATOR, COMPLETER)",
            Populations.PARTICIPANT),
    K12SWP_COMPLETERS("k12swp-completers", "K12 SWP: CTE completers",
            "Participants who completed the pathway (California K12 SWP: 300 hours and the capstone with C- or better)",
            "PathwayStatusReached (PARTICIPANT, CONCENTRATOR, COMPLETER)",
            "CTE participants of the pathway",
            Populations.PARTICIPANT,
            Populations.COMPLETER),
    K12SWP_COMPLETERS_EARLY_CREDIT("k12swp-completers-early-credit", "K12 SWP: completers with early postsecondary credit",
            "Completers who earned dual-enrollment, concurrent or articulated college credit",
            "PathwayStatusReached (COMPLETER), CollegeCreditEarned",
            "CTE completers of the pathway",
            Populations.COMPLETER,
            "exists (select 1 from college_credit c where KNOWN(c) and c.district_id = e.district_id and c.student_id = e.student_id)"),
    K12SWP_COMPLETERS_WBL("k12swp-completers-wbl", "K12 SWP: completers with work-based learning",
            "Completers with at least one work-based learning placement",
            "PathwayStatusReached (COMPLETER), WorkBasedLearningLogged",
            "CTE completers of the pathway",
            Populations.COMPLETER,
            "exists (select 1 from wbl_placement w where KNOWN(w) and w.district_id = e.district_id and w.student_id = e.student_id)"),
    K12SWP_COMPLETERS_CERTIFICATION("k12swp-completers-certification", "K12 SWP: completers with a third-party certification",
            "Completers who earned an industry (third-party) credential",
            "PathwayStatusReached (COMPLETER), IndustryCredentialEarned",
            "CTE completers of the pathway",
            Populations.COMPLETER,
            "exists (select 1 from industry_credential i where KNOWN(i) and i.district_id = e.district_id and i.student_id = e.student_id)"),
    LIVING_WAGE("living-wage", "Living wage in the second quarter after high school",
            "Graduates whose wages in the 2nd quarter after the diploma (all employers) reach the region's quarterly living wage "
                    + "(pathways.region.living-wage-quarterly)",
            "HighSchoolCompleted (HS_DIPLOMA), QuarterlyWageRecorded",
            "Entrants of the pathway who graduated (HS_DIPLOMA) and have a state wage record in the 2nd quarter after the diploma quarter",
            Populations.GRADUATED + " and " + Populations.SECOND_QUARTER_WAGES + " is not null",
            Populations.SECOND_QUARTER_WAGES + " >= :livingWageQuarterly");

    private static final String ENTRANTS = "Students who entered the pathway, with their demographics on the day of entry";

    /** Population conditions several metrics share (SQL over the entrant e). */
    private static final class Populations {
        static final String CONCENTRATOR = "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id "
                + "and s.student_id = e.student_id and s.pathway_id = e.pathway_id and s.status = 'CONCENTRATOR')";
        static final String DIPLOMA_DATE = "(select min(h.completed_on) from high_school_completion h where KNOWN(h) "
                + "and h.district_id = e.district_id and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA')";
        static final String GRADUATED = "exists (select 1 from high_school_completion h where KNOWN(h) and h.district_id = e.district_id "
                + "and h.student_id = e.student_id and h.completion = 'HS_DIPLOMA')";
        /** Any status implies participation: a district may assert a completer without the earlier steps. */
        static final String PARTICIPANT = "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id "
                + "and s.student_id = e.student_id and s.pathway_id = e.pathway_id and s.status in ('PARTICIPANT', 'CONCENTRATOR', 'COMPLETER'))";
        static final String COMPLETER = "exists (select 1 from pathway_status s where KNOWN(s) and s.district_id = e.district_id "
                + "and s.student_id = e.student_id and s.pathway_id = e.pathway_id and s.status = 'COMPLETER')";
        /** The sex under-represented in the pathway's field (longest matching CIP prefix), or null when it is traditional. */
        static final String UNDERREPRESENTED_SEX = "(select n.underrepresented_sex from catalogue_pathway c join nontraditional_field n "
                + "on c.cip_code like n.cip_prefix || '%' where c.pathway_id = e.pathway_id order by length(n.cip_prefix) desc limit 1)";
        /** Wages from every employer in the 2nd quarter after the diploma quarter (Perkins 3S1's quarter), or null. */
        static final String SECOND_QUARTER_WAGES = "(select sum(w.quarterly_wage) from wage_record w where KNOWN(w) and w.district_id = e.district_id "
                + "and w.student_id = e.student_id and w.year_quarter = to_char(" + DIPLOMA_DATE + " + interval '6 months', 'YYYY\"Q\"Q'))";
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

    /** SQL over the entrant {@code e}: wages in the 2nd quarter after the diploma quarter, or null (as known at {@code :asOf}). */
    public static String secondQuarterWages() {
        return known(Populations.SECOND_QUARTER_WAGES);
    }

    public static Optional<OutcomeMetric> byId(String id) {
        return Arrays.stream(values()).filter(metric -> metric.id.equals(id)).findFirst();
    }
}
