package org.pathwaysledger.events.region;

import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;

/** A course of a pathway's sequence, with its role (introductory, concentrator, capstone). */
public record PathwayCourse(CourseId courseId, String title, CourseRole role) {
}
