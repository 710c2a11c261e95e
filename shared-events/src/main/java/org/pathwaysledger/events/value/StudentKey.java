package org.pathwaysledger.events.value;

/**
 * A student as one district knows them: the district and its local student id. It is the identity of the Student
 * aggregate and the Kafka key of the student's events, so all of one student's events stay in order.
 */
public record StudentKey(DistrictId districtId, StudentId studentId) {

    public StudentKey {
        if (districtId == null || studentId == null) {
            throw new IllegalArgumentException("a student key needs a district and a student id");
        }
    }

    public static StudentKey of(String districtId, String studentId) {
        return new StudentKey(DistrictId.of(districtId), StudentId.of(studentId));
    }

    @Override
    public String toString() {
        return districtId.value() + "/" + studentId.value();
    }
}
