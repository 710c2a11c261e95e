package org.pathwaysledger.command.student;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How many students the command service keeps in memory ({@code pathways.students.cached}). */
class StudentCacheCapacityTest {

    private static final long GIB = 1L << 30;

    @Test
    void by_default_a_quarter_of_the_heap_holds_the_1M_row_benchmarks_students() {
        assertThat(StudentConfiguration.capacity("auto", 4 * GIB)).isEqualTo(524_288).isGreaterThanOrEqualTo(500_000);
        assertThat(StudentConfiguration.capacity("auto", GIB)).isEqualTo(131_072);
    }

    @Test
    void a_number_is_taken_as_it_is_and_anything_else_is_refused() {
        assertThat(StudentConfiguration.capacity("50000", 4 * GIB)).isEqualTo(50_000);
        assertThat(StudentConfiguration.capacity(" 0 ", 4 * GIB)).isZero();
        assertThatThrownBy(() -> StudentConfiguration.capacity("lots", 4 * GIB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'auto'");
    }
}
