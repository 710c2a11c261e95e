package org.pathwaysledger.analytics.outcome;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NontraditionalFieldsTest {

    @Test
    void a_region_lists_its_programs_as_cip_prefix_sex_and_an_optional_name() {
        assertThat(NontraditionalFields.parse(List.of("51.38:M:Registered nursing", " 46 : F ")))
                .containsExactly(new NontraditionalFields.Field("51.38", "M", "Registered nursing"), new NontraditionalFields.Field("46", "F", "CIP 46"));
    }

    @Test
    void an_entry_that_is_not_a_cip_prefix_and_the_underrepresented_sex_stops_the_start_with_the_form_to_use() {
        assertThatThrownBy(() -> NontraditionalFields.parse(List.of("nursing:M"))).hasMessageContaining("51.38:M:Registered nursing");
        assertThatThrownBy(() -> NontraditionalFields.parse(List.of("51.38:X"))).hasMessageContaining("sex F or M");
        assertThatThrownBy(() -> NontraditionalFields.parse(List.of("51.38:M", "51.38:F"))).hasMessageContaining("twice");
    }
}
