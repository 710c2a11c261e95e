package org.pathwaysledger.query.ontrack;

import org.pathwaysledger.events.value.DistrictId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A district's students enrolled in a pathway, with the progress the off-track rules look at. District-level only. */
@Component
public class PathwayStudentsQuery {

    /** The most rows one answer lists; a district narrows with school or pathway beyond that. */
    public static final int MAXIMUM_ROWS = 5_000;

    public record PathwayStudent(String studentId, String schoolId, String gradeLevel, String pathwayId, String pathwayName,
                                 LocalDate entryDate, LocalDate concentratorOn, LocalDate completerOn, int pathwayCourses,
                                 int concentratorCourses, int workBasedLearning, BigDecimal collegeCredits, boolean earlyCollege,
                                 List<OffTrackRule> reasons) {
    }

    private final JdbcClient jdbc;

    public PathwayStudentsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PathwayStudent> students(DistrictId district, String pathwayId, String schoolId) {
        return jdbc.sql("""
                        select e.student_id, s.school_id, s.grade_level, e.pathway_id, c.name, e.entry_date, e.concentrator_on, e.completer_on,
                               (select count(*) from progress_fact f where f.district_id = e.district_id and f.student_id = e.student_id
                                   and f.kind = 'COURSE' and f.pathway_id = e.pathway_id and f.passed) as pathway_courses,
                               (select count(*) from progress_fact f where f.district_id = e.district_id and f.student_id = e.student_id
                                   and f.kind = 'COURSE' and f.pathway_id = e.pathway_id and f.passed
                                   and f.course_role in ('CONCENTRATOR', 'CAPSTONE')) as concentrator_courses,
                               (select count(*) from progress_fact f where f.district_id = e.district_id and f.student_id = e.student_id
                                   and f.kind = 'WBL') as work_based_learning,
                               (select coalesce(sum(f.credits), 0) from progress_fact f where f.district_id = e.district_id
                                   and f.student_id = e.student_id and f.kind = 'COLLEGE_CREDIT') as college_credits,
                               exists (select 1 from college_agreement a where a.district_id = e.district_id and a.kind = 'DUAL_ENROLLMENT'
                                   and a.college_id = c.definition ->> 'collegePartnerId' and a.effective_to >= current_date) as early_college
                        from pathway_enrollment e
                        join student s on s.district_id = e.district_id and s.student_id = e.student_id
                        left join region_member m on m.member_id = e.district_id
                        left join catalogue_pathway c on c.region_id = m.region_id and c.pathway_id = e.pathway_id
                        where e.district_id = ? and e.status = 'ENROLLED'
                          and (cast(? as varchar) is null or e.pathway_id = ?)
                          and (cast(? as varchar) is null or s.school_id = ?)
                        order by e.student_id, e.pathway_id
                        limit ?""")
                .params(district.value(), pathwayId, pathwayId, schoolId, schoolId, MAXIMUM_ROWS + 1)
                .query((row, n) -> {
                    String grade = row.getString(3);
                    boolean concentrator = row.getObject(7, LocalDate.class) != null;
                    int concentratorCourses = row.getInt(10);
                    int wbl = row.getInt(11);
                    BigDecimal credits = row.getBigDecimal(12);
                    boolean earlyCollege = row.getBoolean(13);
                    List<OffTrackRule> reasons = OffTrackRule.reasons(new OffTrackRule.Progress(highSchoolGrade(grade), concentrator,
                            concentratorCourses, wbl, credits, earlyCollege));
                    return new PathwayStudent(row.getString(1), row.getString(2), grade, row.getString(4), row.getString(5),
                            row.getObject(6, LocalDate.class), row.getObject(7, LocalDate.class), row.getObject(8, LocalDate.class),
                            row.getInt(9), concentratorCourses, wbl, credits, earlyCollege, reasons);
                })
                .list();
    }

    private static Integer highSchoolGrade(String code) {
        return switch (code) {
            case "09" -> 9;
            case "10" -> 10;
            case "11" -> 11;
            case "12" -> 12;
            default -> null;
        };
    }
}
