package org.pathwaysledger.command.student;

import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.ExitReason;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A student's progress in one pathway: enrolment, the courses that count, and the statuses reached. The one place
 * where the concentrator and completer rules (METRICS.md "Who counts") are applied.
 */
final class PathwayProgress {

    static final BigDecimal CALIFORNIA_PARTICIPANT_HOURS = BigDecimal.valueOf(150);
    static final BigDecimal CALIFORNIA_COMPLETER_HOURS = BigDecimal.valueOf(300);

    record Reached(PathwayStatus status, LocalDate reachedOn) {
    }

    private final PathwayId pathwayId;
    private LocalDate entryDate;
    private LocalDate exitDate;
    private ExitReason exitReason;
    private boolean active;
    private final Map<String, CourseCompleted> countedCourses = new HashMap<>();
    private final Set<PathwayStatus> reached = EnumSet.noneOf(PathwayStatus.class);

    PathwayProgress(PathwayId pathwayId) {
        this.pathwayId = pathwayId;
    }

    void enter(LocalDate date) {
        entryDate = date;
        exitDate = null;
        exitReason = null;
        active = true;
    }

    void exit(LocalDate date, ExitReason reason) {
        exitDate = date;
        exitReason = reason;
        active = false;
    }

    boolean isActive() {
        return active;
    }

    LocalDate entryDate() {
        return entryDate;
    }

    LocalDate exitDate() {
        return exitDate;
    }

    ExitReason exitReason() {
        return exitReason;
    }

    /** A course counts for the pathway when it is CTE (or has a pathway role) and was passed (or has no mark). */
    void countCourse(String key, CourseCompleted course) {
        boolean cteCourse = course.cte() || (course.courseRole() != null && course.courseRole() != CourseRole.NONE);
        boolean passed = course.mark() == null || course.mark().isPassing();
        if (cteCourse && passed) {
            countedCourses.put(key, course);
        } else {
            countedCourses.remove(key);
        }
    }

    void uncountCourse(String key) {
        countedCourses.remove(key);
    }

    void reached(PathwayStatus status) {
        reached.add(status);
    }

    boolean hasReached(PathwayStatus status) {
        return reached.contains(status);
    }

    /** The statuses the counted courses now meet under the rule and that were not reached before, in order. */
    List<Reached> statusesReachedBy(CompletionRule rule, LocalDate on) {
        int courses = countedCourses.size();
        BigDecimal hours = countedCourses.values().stream()
                .map(course -> course.hours() == null ? BigDecimal.ZERO : course.hours())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean capstonePassed = countedCourses.values().stream()
                .anyMatch(course -> course.courseRole() == CourseRole.CAPSTONE && course.mark() != null && course.mark().isCMinusOrBetter());
        Set<PathwayStatus> met = EnumSet.noneOf(PathwayStatus.class);
        switch (rule) {
            case PERKINS_TWO_COURSES -> {
                if (courses >= 1) {
                    met.add(PathwayStatus.PARTICIPANT);
                }
                if (courses >= 2) {
                    met.add(PathwayStatus.CONCENTRATOR);
                }
            }
            case CALIFORNIA_300_HOURS_CAPSTONE -> {
                if (hours.compareTo(CALIFORNIA_PARTICIPANT_HOURS) >= 0) {
                    met.add(PathwayStatus.PARTICIPANT);
                }
                if (courses >= 2) {
                    met.add(PathwayStatus.CONCENTRATOR);
                }
                if (hours.compareTo(CALIFORNIA_COMPLETER_HOURS) >= 0 && capstonePassed) {
                    met.add(PathwayStatus.COMPLETER);
                }
            }
        }
        List<Reached> newlyReached = new ArrayList<>();
        for (PathwayStatus status : met) {
            if (!reached.contains(status)) {
                newlyReached.add(new Reached(status, on));
            }
        }
        return newlyReached;
    }

    /** Value equality, so Axon's test fixture can check that replaying the events rebuilds the same state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PathwayProgress that && pathwayId.equals(that.pathwayId) && active == that.active
                && java.util.Objects.equals(entryDate, that.entryDate) && java.util.Objects.equals(exitDate, that.exitDate)
                && exitReason == that.exitReason && countedCourses.equals(that.countedCourses) && reached.equals(that.reached);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pathwayId, active, entryDate, exitDate, exitReason, countedCourses.keySet(), reached);
    }

    @Override
    public String toString() {
        return "PathwayProgress[" + pathwayId + "]";
    }
}
